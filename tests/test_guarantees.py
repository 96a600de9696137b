"""What rhetoric promises about a whole run on hostile input: every path accounted for,
a clean stop on Ctrl-C, no network and no writes outside the requested output."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rhetoric.cli import app
from tests.conftest import ROOT, SAMPLES
from tests.test_read import PDF, PNG, _gzip, _zip

ARTICLE = (SAMPLES / "the-russians-are-coming.txt").read_bytes()


def rhetoric(*args: str, **kwargs) -> subprocess.CompletedProcess:
    """Run the command line in a fresh interpreter, as a user would."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), **kwargs.pop("env", {})}
    return subprocess.run([sys.executable, "-m", "rhetoric", *args], capture_output=True, text=True, env=env,
                          timeout=kwargs.pop("timeout", 600), **kwargs)


def hostile_inputs(root: Path) -> tuple[list[str], list[str]]:
    """Make a mix of good and broken inputs; return the arguments and every path the output must hold, in order."""
    folder = root / "folder"
    folder.mkdir()
    (folder / "a-good.txt").write_bytes(ARTICLE)
    (folder / "b-broken-link.txt").symlink_to(root / "nowhere.txt")
    os.mkfifo(folder / "c-pipe.txt")
    (folder / "d-latin1.txt").write_bytes("Le conseil a approuvé le plan à Genève.".encode("latin-1"))
    (folder / "e-undecodable.txt").write_bytes(bytes(range(128, 256)) * 40)
    (folder / "f-empty.txt").write_bytes(b"")
    (folder / "g-nul.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "h-disguised-pdf.txt").write_bytes(PDF)
    (folder / "i-good.md").write_bytes(b"# Title\n\nThe council approved the plan on Monday.\n")
    (folder / ".hidden.txt").write_bytes(ARTICLE)  # skipped by the walk: not an input
    (folder / "notes.odt").write_bytes(b"PK\x03\x04")  # not a text suffix: not an input
    explicit = {"photo.png": PNG, "paper.pdf": PDF, "archive.zip": _zip(), "article.txt.gz": _gzip()}
    for name, data in explicit.items():
        (root / name).write_bytes(data)
    (root / "b.txt").write_bytes(ARTICLE)
    args = [str(root / "photo.png"), str(folder), str(root / "missing.txt"), str(root / "paper.pdf"),
            str(root / "archive.zip"), str(root / "article.txt.gz"), str(root / "b.txt")]
    walked = [str(folder / n) for n in ("a-good.txt", "b-broken-link.txt", "c-pipe.txt", "d-latin1.txt",
                                        "e-undecodable.txt", "f-empty.txt", "g-nul.txt", "h-disguised-pdf.txt",
                                        "i-good.md")]
    expected = [args[0], *walked, *args[2:]]
    return args, expected


def test_every_input_appears_once_in_input_order(tmp_path):
    args, expected = hostile_inputs(tmp_path)
    out = tmp_path / "out.jsonl"
    result = rhetoric("analyze", *args, "--format", "jsonl", "--jobs", "2", "--output", str(out))
    assert result.returncode == 2, result.stderr
    objects = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [o["source"]["path"] for o in objects] == expected
    errors = {o["source"]["path"]: o["error"]["message"] for o in objects if "error" in o}
    analysed = [o["source"]["path"] for o in objects if "findings" in o]
    assert analysed == [str(tmp_path / "folder" / "a-good.txt"), str(tmp_path / "folder" / "d-latin1.txt"),
                        str(tmp_path / "folder" / "i-good.md"), str(tmp_path / "b.txt")]
    assert "a PNG image" in errors[args[0]] and "a PDF document" in errors[args[3]]
    assert "a zip archive" in errors[args[4]] and "a gzip archive" in errors[args[5]]
    assert "a PDF document" in errors[str(tmp_path / "folder" / "h-disguised-pdf.txt")]
    assert "not a regular file" in errors[str(tmp_path / "folder" / "c-pipe.txt")]
    assert "broken symbolic link" in errors[str(tmp_path / "folder" / "b-broken-link.txt")]
    assert "no such file" in errors[args[2]]
    # Each failure is also one line on standard error, naming the file.
    problems = [line for line in result.stderr.splitlines() if line.startswith("rhetoric: ")]
    assert len(problems) == len(errors) and all(any(p in line for p in errors) for line in problems)


def test_a_file_deleted_during_the_scan_is_an_error_in_its_place(tmp_path, monkeypatch):
    from rhetoric import run

    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_bytes(ARTICLE)
    real_expand = run.expand

    def expand_then_delete(*args, **kwargs):
        items = list(real_expand(*args, **kwargs))
        os.unlink(tmp_path / "b.txt")  # gone between the folder walk and its read
        return iter(items)

    monkeypatch.setattr(run, "expand", expand_then_delete)
    result = CliRunner().invoke(app, ["analyze", str(tmp_path), "--format", "jsonl", "--jobs", "1"])
    assert result.exit_code == 2
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["source"]["path"] for o in objects] == [str(tmp_path / n) for n in ("a.txt", "b.txt", "c.txt")]
    assert "moved or deleted during the scan" in objects[1]["error"]["message"]


@pytest.mark.slow
@pytest.mark.parametrize("to_group", [True, False], ids=["ctrl-c", "kill-int"])
def test_ctrl_c_stops_the_batch_cleanly(tmp_path, to_group):
    folder = tmp_path / "in"
    folder.mkdir()
    # Enough files that the run cannot end between its first result and the interrupt, even on a busy machine.
    for n in range(1200):
        (folder / f"{n:03}.txt").write_bytes(ARTICLE)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "reports.jsonl"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "rhetoric", "analyze", str(folder), "--jobs", "3",
                             "--format", "jsonl", "--output", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True,
                            preexec_fn=_interruptible)
    try:
        # Wait until results are arriving (the temporary output has grown), then interrupt.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if any(p.stat().st_size > 0 for p in out_dir.iterdir()):
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the batch finished before it could be interrupted"
        workers = _children(proc.pid)
        assert len(workers) == 2  # the main process analyses too
        if to_group:  # Ctrl-C in a terminal signals the whole foreground process group
            os.killpg(proc.pid, signal.SIGINT)
        else:  # `kill -INT` signals the main process alone
            os.kill(proc.pid, signal.SIGINT)
        _, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        proc.stdout.close()  # should an assertion have failed before they were read
        proc.stderr.close()
    assert proc.returncode == 130, stderr.decode()[-2000:]
    assert stderr.decode().strip().splitlines()[-1] == "rhetoric: interrupted"
    assert "Traceback" not in stderr.decode()
    assert list(out_dir.iterdir()) == []  # neither the output nor its temporary file
    for pid in workers:
        assert not _alive(pid), f"worker {pid} outlived the interrupted batch"


def _interruptible() -> None:
    # A program started with SIGINT ignored keeps it ignored, as Python does: a shell starts a
    # background job (`pytest &`) so, and the batch then ran to its end with status 0.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _children(pid: int) -> list[int]:
    tasks = Path(f"/proc/{pid}/task")
    found = []
    for task in tasks.iterdir():
        children = (task / "children").read_text().split()
        found.extend(int(c) for c in children)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


# Installed in every interpreter of the run (workers are forked from it): records each
# write to the file system, and refuses and records every network operation.
SITECUSTOMIZE = textwrap.dedent('''
    import os, socket, sys

    _log = os.open(os.environ["WRITES_LOG"], os.O_WRONLY | os.O_APPEND)
    _WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
    _FS_EVENTS = {"os.mkdir", "os.rename", "os.remove", "os.rmdir", "os.symlink", "os.link", "os.truncate",
                  "os.chmod", "os.chown", "os.utime", "os.mkfifo", "os.mknod", "shutil.copyfile",
                  "shutil.copytree", "shutil.move", "shutil.rmtree", "shutil.make_archive", "shutil.unpack_archive"}
    _NET_EVENTS = {"socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg", "socket.getaddrinfo",
                   "socket.gethostbyname", "socket.gethostbyaddr", "urllib.Request", "http.client.connect"}

    def _record(*fields):
        os.write(_log, (repr(fields) + "\\n").encode())

    def _hook(event, args):
        if event == "open":
            path, mode, flags = args
            writing = (mode is not None and any(c in str(mode) for c in "wax+")) or bool(flags & _WRITE_FLAGS)
            if writing and not isinstance(path, int):
                _record("write", os.fspath(path))
        elif event in _FS_EVENTS:
            _record(event, *[os.fspath(a) if isinstance(a, (str, bytes, os.PathLike)) else None for a in args[:2]])
        elif event in _NET_EVENTS:
            sock = args[0] if args and isinstance(args[0], socket.socket) else None
            if event == "socket.bind" and isinstance(args[1], tuple) and args[1][0] in ("::1", "127.0.0.1"):
                # urllib3 (imported by the HTML extractor) binds ::1 once to learn whether
                # IPv6 exists; nothing is sent, and nothing could leave the machine.
                return
            if sock is None or sock.family != socket.AF_UNIX:
                _record("network", event)
                raise PermissionError("network access blocked by the test")

    sys.addaudithook(_hook)
''')


@pytest.mark.slow
def test_a_batch_touches_no_network_and_writes_only_its_output(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(12):
        (folder / f"{n:02}.txt").write_bytes(ARTICLE)
    (folder / "page.html").write_bytes(b"<html><body><article><p>" + ARTICLE[:4000] + b"</p></article></body></html>")
    (folder / "notes.md").write_bytes(b"# Notes\n\n" + ARTICLE[:3000])
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    home, tmp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    tmp.mkdir()
    log = tmp_path / "writes.log"
    log.write_text("", encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "reports.jsonl"
    env = {"PYTHONPATH": os.pathsep.join([str(site), str(ROOT)]), "HOME": str(home), "TMPDIR": str(tmp),
           "WRITES_LOG": str(log), "XDG_CACHE_HOME": str(home / ".cache"), "XDG_CONFIG_HOME": str(home / ".config"),
           "XDG_DATA_HOME": str(home / ".local" / "share"),
           # Python's own bytecode cache is not rhetoric's doing (an installed package has it already).
           "PYTHONDONTWRITEBYTECODE": "1"}
    result = rhetoric("analyze", str(folder), "--jobs", "2", "--format", "jsonl", "--output", str(out),
                      env=env)
    assert result.returncode == 0, result.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 14
    records = [eval(line) for line in log.read_text(encoding="utf-8").splitlines()]  # noqa: S307 (our own repr)
    assert not [r for r in records if r[0] == "network"]
    touched = {p for r in records for p in r[1:] if p is not None}
    temps = {p for p in touched if os.path.dirname(p) == str(out_dir) and os.path.basename(p).startswith(".rhetoric-")}
    assert len(temps) == 1, touched  # the output is written to one temporary sibling, then renamed
    assert touched == {str(out), *temps}, touched
    assert list(home.iterdir()) == [] and list(tmp.iterdir()) == []
    assert [p.name for p in out_dir.iterdir()] == ["reports.jsonl"]


def test_the_write_recorder_sees_writes(tmp_path):
    # The guard above is only as good as its hook: check it records a write and blocks a connection.
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = tmp_path / "writes.log"
    log.write_text("", encoding="utf-8")
    code = ("import socket, pathlib, os; pathlib.Path(os.environ['TARGET']).write_text('x'); "
            "socket.create_connection(('127.0.0.1', 9), timeout=1)")  # loopback, should the guard fail
    env = {"PYTHONPATH": str(site), "WRITES_LOG": str(log), "TARGET": str(tmp_path / "x")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert "network access blocked by the test" in result.stderr
    records = [eval(line) for line in log.read_text(encoding="utf-8").splitlines()]  # noqa: S307
    assert ("write", str(tmp_path / "x")) in records and ("network", "socket.getaddrinfo") in records


@pytest.mark.slow
def test_a_folder_of_50000_small_files(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    sentences = ARTICLE.decode("utf-8").split(". ")
    names = []
    for n in range(50_000):
        sub = folder / f"{n // 1000:02}"
        if n % 1000 == 0:
            sub.mkdir()
        name = sub / f"{n % 1000:03}.txt"
        name.write_text(sentences[n % len(sentences)] + ".\n", encoding="utf-8")
        names.append(str(name))
    out = tmp_path / "out.jsonl"
    result = rhetoric("analyze", str(folder), "--jobs", "2", "--format", "jsonl", "--output", str(out),
                      timeout=1800)
    assert result.returncode in (0, 2), result.stderr[-2000:]
    paths = [json.loads(line)["source"]["path"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert paths == names


def test_an_output_folder_that_does_not_exist_is_an_error_not_a_traceback(tmp_path):
    out = tmp_path / "missing" / "reports.jsonl"
    result = rhetoric("analyze", str(SAMPLES / "the-russians-are-coming.txt"), "--format", "jsonl",
                      "--output", str(out))
    assert result.returncode == 2
    assert result.stderr == f"rhetoric: {out}: cannot write the results: No such file or directory\n"
    assert list(tmp_path.iterdir()) == []


def test_an_output_that_is_a_folder_is_an_error_before_any_work(tmp_path):
    result = rhetoric("analyze", str(SAMPLES / "the-russians-are-coming.txt"), "--output", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr == f"rhetoric: {tmp_path}: is a folder: --output needs the name of a file to write\n"
    assert list(tmp_path.iterdir()) == []  # no temporary file left in it


def test_an_output_that_is_one_of_the_inputs_is_an_error_and_the_article_is_kept(tmp_path):
    article = tmp_path / "draft.txt"
    article.write_text("The reckless plan was a disaster, critics said.\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "linked.txt").symlink_to(article)
    for args, named in (([str(article)], ""), ([str(tmp_path / "sub")], f" (as {tmp_path / 'sub' / 'linked.txt'})")):
        result = rhetoric("analyze", *args, "--format", "json", "--output", str(article))
        assert result.returncode == 2
        assert result.stderr == (f"rhetoric: {article}: is one of the files to analyse{named}: the results would "
                                 "replace it; write them elsewhere\n")
        assert article.read_text(encoding="utf-8") == "The reckless plan was a disaster, critics said.\n"
    # An --output that exists but is no input is replaced, as before.
    report = tmp_path / "report.json"
    report.write_text("old", encoding="utf-8")
    assert rhetoric("analyze", str(article), "--format", "json", "--output", str(report)).returncode == 0
    assert json.loads(report.read_text(encoding="utf-8"))["stats"]["words"] == 8


def test_a_page_report_written_into_the_folder_analysed_keeps_its_index_html(tmp_path):
    page = "<html><body><article><p>The reckless plan was a disaster, critics said on Monday.</p></article></body></html>"
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "story.txt").write_text("The council met on Monday.\n", encoding="utf-8")
    result = rhetoric("analyze", str(tmp_path), "--format", "html", "--output", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.endswith(f"{tmp_path / 'index.html'}: is one of the files to analyse: the results would "
                                  "replace it; write them elsewhere\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html", "story.txt"]
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == page
    # Into a folder of its own, or the same folder without such a clash, the pages are written.
    (tmp_path / "index.html").unlink()
    assert rhetoric("analyze", str(tmp_path), "--format", "html", "--output", str(tmp_path)).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["0001-story.html", "index.html", "story.txt"]


def test_compare_will_not_write_over_either_article(tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("The reckless plan was a disaster.\n", encoding="utf-8")
    second.write_text("The plan was approved.\n", encoding="utf-8")
    result = rhetoric("compare", str(first), str(second), "--output", str(second))
    assert result.returncode == 2 and "is one of the files to analyse" in result.stderr
    assert second.read_text(encoding="utf-8") == "The plan was approved.\n"


def _processes_naming(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and text.encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:  # gone meanwhile
            pass
    return found


@pytest.mark.skipif(not hasattr(signal, "SIGPIPE") or not Path("/proc/self/cmdline").exists(),
                    reason="needs SIGPIPE and /proc")
@pytest.mark.parametrize("args", [("--format", "jsonl", "--jobs", "2"), ("--format", "csv", "--jobs", "1"),
                                  ("--format", "json", "--jobs", "2"), ("--detail",)])
def test_a_reader_that_stops_early_ends_the_run_as_sigpipe_does_not_as_a_threshold(tmp_path, args):
    """`rhetoric analyze … | head`: killed by SIGPIPE, as other tools are (Click and Rich exited 1: a threshold's status)."""
    folder = tmp_path / "many-articles-for-a-pipe"
    folder.mkdir()
    for n in range(40):
        (folder / f"{n:02}.txt").write_bytes((SAMPLES / "the-russians-are-coming.txt").read_bytes())
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    with subprocess.Popen([sys.executable, "-m", "rhetoric", "analyze", str(folder), *args], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.read(100)
        process.stdout.close()  # the reader stops, as head does
        error = process.stderr.read()
        assert process.wait(timeout=600) == -signal.SIGPIPE
    assert error == b""
    assert _processes_naming(str(folder)) == []  # no worker outlives it


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [("analyze", "--format", "jsonl"), ("analyze",), ("--version",)])
def test_a_full_disk_is_an_error_not_a_traceback(args):
    paths = [str(SAMPLES / "the-russians-are-coming.txt")] if args[0] == "analyze" else []
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "rhetoric", *args, *paths], stdout=full,
                                stderr=subprocess.PIPE, text=True, env=env, timeout=600)
    assert result.returncode == 2
    assert result.stderr == "rhetoric: No space left on device\n"  # nothing ignored at exit either


def test_a_closed_standard_output_does_not_break_the_exit():
    # Python sets sys.stdout to None when file descriptor 1 is closed (`rhetoric --version >&-`): the version
    # has nowhere to go, which is said in one line (as `ls >&-` does), with no traceback at exit.
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "rhetoric", "--version"], preexec_fn=lambda: os.close(1),
                            stderr=subprocess.PIPE, text=True, env=env, timeout=600)
    assert result.returncode == 2 and result.stderr == "rhetoric: standard output is closed: nowhere to print\n"
