from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from contextlib import contextmanager

import pytest
from typer.testing import CliRunner

from rhetoric import batch as batch_module
from rhetoric.batch import Batch, Options, Outcome, analyze_all
from rhetoric.config import Config
from rhetoric.cli import app
from rhetoric.errors import RhetoricError
from rhetoric.render.csv import COLUMNS
from tests.conftest import ROOT, SAMPLES


def run(*args):
    return CliRunner().invoke(app, list(args))


def test_parallel_results_keep_input_order():
    paths = sorted(str(p) for p in SAMPLES.glob("*.txt")) * 2
    serial = [o.payload.findings for o in analyze_all(paths, Options(), jobs=1)]
    parallel = [o.payload.findings for o in analyze_all(paths, Options(), jobs=2)]
    assert serial == parallel


def test_csv_has_the_documented_columns(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01")
    result = run("analyze", str(SAMPLES), str(tmp_path / "bad.txt"), "--format", "csv", "-j", "1")
    assert result.exit_code == 2
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == len(list(SAMPLES.glob("*.txt"))) + 1
    assert rows[-1]["error"] and not rows[-1]["words"]
    assert all(int(r["words"]) > 100 for r in rows[:-1])


def test_csv_carries_the_warnings_that_did_not_stop_an_analysis(tmp_path):
    # A researcher's spreadsheet keeps what stderr said about each file: here a run-on text (its
    # readability means little) and a Markdown code fence never closed, two warnings in one cell.
    (tmp_path / "a.md").write_text("# Notes\n\n" + "the council met and the plan passed " * 60 + "\n\n```\ncode\n",
                                   encoding="utf-8")
    (tmp_path / "b.txt").write_text((SAMPLES / "wire-clinic-study.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = run("analyze", str(tmp_path), "--format", "csv", "-j", "1")
    assert result.exit_code == 0
    first, second = csv.DictReader(io.StringIO(result.stdout))
    warnings = first["warnings"].split("; ")
    assert len(warnings) == 2
    assert "code fence" in warnings[0] and "sentence punctuation" in warnings[1]
    assert second["warnings"] == ""


def test_output_file_is_written_whole(tmp_path):
    out = tmp_path / "reports.jsonl"
    result = run("analyze", str(SAMPLES), "--format", "jsonl", "--output", str(out), "-j", "1")
    assert result.exit_code == 0 and result.stdout == ""
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(list(SAMPLES.glob("*.txt")))
    assert [p.name for p in tmp_path.iterdir()] == ["reports.jsonl"]


def test_output_file_is_not_left_behind_on_failure(tmp_path, monkeypatch):
    from rhetoric.render import csv as csv_render

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(csv_render, "line", boom)
    out = tmp_path / "scores.csv"
    result = run("analyze", str(SAMPLES), "--format", "csv", "--output", str(out), "-j", "1")
    assert result.exit_code == 130
    assert list(tmp_path.iterdir()) == []


def test_summary_table_for_a_folder():
    result = run("analyze", str(SAMPLES), "--sort", "loaded-term", "-j", "1")
    assert result.exit_code == 0
    assert "Summary" in result.stdout and "documents" in result.stdout
    assert "opinion-transit-levy" in result.stdout


def test_json_array_for_a_folder():
    result = run("analyze", str(SAMPLES), "--format", "json", "-j", "1")
    objs = json.loads(result.stdout)
    assert isinstance(objs, list) and len(objs) == len(list(SAMPLES.glob("*.txt")))


def test_markdown_report_carries_the_analysed_text(tmp_path):
    (tmp_path / "a.md").write_text("# Title\n\nThe **so-called** reform passed.\n", encoding="utf-8")
    obj = json.loads(run("analyze", str(tmp_path / "a.md"), "--format", "json").stdout)
    assert obj["source"]["format"] == "markdown"
    for f in obj["findings"]:
        assert obj["text"][f["start"]:f["end"]] == f["text"]


def test_unknown_sort_column_is_an_error():
    result = run("analyze", str(SAMPLES), "--sort", "bogus")
    assert result.exit_code == 2


def test_parallel_json_is_the_serial_json(tmp_path):
    # Workers send their JSON as UTF-8 bytes, which the parent writes as they are.
    for fmt in ("jsonl", "json"):
        serial = run("analyze", str(SAMPLES), "--format", fmt, "-j", "1")
        parallel = run("analyze", str(SAMPLES), "--format", fmt, "-j", "2")
        assert serial.exit_code == parallel.exit_code == 0
        assert parallel.stdout == serial.stdout
        out = tmp_path / f"reports.{fmt}"
        assert run("analyze", str(SAMPLES), "--format", fmt, "-j", "2", "-o", str(out)).exit_code == 0
        assert out.read_text(encoding="utf-8") == serial.stdout


def test_worker_sends_json_as_utf8():
    from rhetoric.batch import Shape, _task, analyze_one

    path = str(sorted(SAMPLES.glob("*.txt"))[0])
    sent = _task((path, Options(shape=Shape.JSONL), Config())).payload
    assert isinstance(sent, bytes)
    assert sent.decode("utf-8") == "".join(analyze_one(path, Options(shape=Shape.JSONL)).payload)


def test_utf8_from_a_worker_is_written_in_order_whatever_the_stream():
    from rhetoric.run import _write

    utf8 = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    utf8.write("[")
    _write(utf8, "“é”".encode())
    _write(utf8, iter(["]", "\n"]))
    utf8.flush()
    assert utf8.buffer.getvalue().decode("utf-8") == "[“é”]\n"
    text = io.StringIO()  # no buffer to write bytes to
    text.write("[")
    _write(text, "“é”".encode())
    assert text.getvalue() == "[“é”"
    latin = io.TextIOWrapper(io.BytesIO(), encoding="latin-1", errors="replace")
    _write(latin, "“é”".encode())
    latin.flush()
    assert latin.buffer.getvalue() == "?é?".encode("latin-1")


def test_workers_hand_back_every_outcome_in_order_and_end(tmp_path, monkeypatch):
    # More inputs than processes, one of them an error: each comes back in its place.
    paths = [str(tmp_path / f"{n:02}.txt") for n in range(11)]
    for n, path in enumerate(paths):
        with open(path, "w", encoding="utf-8") as f:
            f.write(f"Article {n}. The reckless plan was approved.\n" if n != 5 else "")
    pids = []
    fork = os.fork

    def forked():
        pid = fork()
        if pid:
            pids.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", forked)
    with Batch(Options(), paths, jobs=3) as batch:
        outcomes = list(batch.run())
    assert [o.path for o in outcomes] == paths
    assert [o.error is not None for o in outcomes] == [n == 5 for n in range(11)]
    assert all(o.payload.text.startswith(f"Article {n}.") for n, o in enumerate(outcomes) if n != 5)
    assert len(pids) == 2  # the main process analyses too
    for pid in pids:  # reaped: no longer a child of this process
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_the_workers_share_the_inputs_with_the_main_process(tmp_path, monkeypatch):
    # Each process takes the next input as it finishes one: a worker held up by a slow input
    # leaves the others to the main process, and the outcomes still come in order.
    # The worker is held up by the first input it takes, whichever that is: were it held up by one input
    # only, the main process could take that one itself and leave the two to split the rest by chance.
    paths = [str(tmp_path / f"{n:02}.txt") for n in range(6)]
    main = os.getpid()
    taken = []  # the worker's own copy, after the fork

    def analyze_one(item, options, config=Config()):
        if os.getpid() != main and not taken:
            taken.append(item)
            time.sleep(1)
        return Outcome(path=item, payload=os.getpid() == main)

    monkeypatch.setattr(batch_module, "analyze_one", analyze_one)  # the worker is forked with it
    with Batch(Options(), paths, jobs=2) as batch:
        outcomes = list(batch.run())
    assert [o.path for o in outcomes] == paths
    by_main = [o.payload for o in outcomes]
    assert by_main.count(True) >= 4, by_main


@contextmanager
def _within(seconds):
    """Fail the test, instead of hanging the suite, should what it runs wait longer.

    (A fork does not inherit the alarm.)
    """
    def hung(*_):
        raise AssertionError(f"still waiting after {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_the_main_process_holds_few_outcomes_while_a_worker_reads_a_long_article(tmp_path, monkeypatch):
    # Each outcome it holds keeps its whole report: it waits instead of running ahead without bound.
    paths = [str(tmp_path / f"{n:02}.txt") for n in range(40)]
    main = os.getpid()
    analysed_here = []
    stalled = []  # in the worker: whether it has met its long article yet

    def analyze_one(item, options, config=Config()):
        if os.getpid() == main:
            analysed_here.append(paths.index(item))
            time.sleep(0.01)  # leaving the worker some
            return Outcome(path=item)
        if not stalled:  # the worker's first input is a long article
            stalled.append(True)
            time.sleep(1)
            return Outcome(path=item, payload="long")
        return Outcome(path=item)

    monkeypatch.setattr(batch_module, "analyze_one", analyze_one)
    monkeypatch.setattr(batch_module, "_AHEAD", 4)
    got, ahead = [], None
    with _within(60), Batch(Options(), paths, jobs=2) as batch:
        for outcome in batch.run():
            got.append(outcome.path)
            if outcome.payload == "long":  # how many past it had this process analysed meanwhile?
                ahead = sum(1 for n in analysed_here if n > paths.index(outcome.path))
    assert got == paths
    assert ahead is not None and ahead <= 4, ahead


def test_outcomes_larger_than_a_pipe_arrive_whole_and_in_order(tmp_path, monkeypatch):
    # A worker's outcome is read to its end at once, though its pipe holds a fraction of it.
    paths = [str(tmp_path / f"{n:02}.txt") for n in range(8)]

    def analyze_one(item, options, config=Config()):
        return Outcome(path=item, payload=item[-6:-4] * 1_500_000)  # 3 MB

    monkeypatch.setattr(batch_module, "analyze_one", analyze_one)
    with Batch(Options(), paths, jobs=2) as batch:
        outcomes = list(batch.run())
    assert [o.path for o in outcomes] == paths
    assert all(o.payload == f"{n:02}" * 1_500_000 for n, o in enumerate(outcomes))


def test_more_inputs_than_the_queue_holds_with_a_slow_reader(monkeypatch):
    # The queue holds 16,384 numbers; the rest go in as it empties. Here the workers empty it while
    # the main process waits on whoever reads its results, and must be given the rest all the same.
    paths = [f"{n}.txt" for n in range(20_000)]

    def analyze_one(item, options, config=Config()):
        return Outcome(path=item)

    monkeypatch.setattr(batch_module, "analyze_one", analyze_one)
    got = []
    with _within(60), Batch(Options(), paths, jobs=3) as batch:
        for outcome in batch.run():
            if not got:
                time.sleep(1)
            got.append(outcome.path)
    assert got == paths


def test_without_fork_everything_is_analysed_in_this_process(tmp_path, monkeypatch):
    # As on Windows, where --jobs (by default the number of cores) would otherwise end in a traceback.
    paths = [str(tmp_path / f"{n}.txt") for n in range(3)]
    for path in paths:
        with open(path, "w", encoding="utf-8") as f:
            f.write("The council approved the plan on Monday.\n")
    monkeypatch.delattr(os, "fork")
    with Batch(Options(), paths, jobs=2) as batch:
        assert [o.path for o in batch.run()] == paths


def test_an_error_in_a_worker_reaches_the_caller(tmp_path, monkeypatch):
    # As multiprocessing.Pool did: the outcomes of the inputs before it arrive, then the exception is raised.
    paths = [str(SAMPLES / "the-russians-are-coming.txt")] * 4 + [str(tmp_path / "boom.txt")] * 2

    def analyze_one(item, options, config=Config()):
        if item.endswith("boom.txt"):
            raise ValueError("a bug")
        return Outcome(path=item)

    monkeypatch.setattr(batch_module, "analyze_one", analyze_one)  # the workers are forked with it
    got = []
    with pytest.raises(ValueError, match="a bug"), Batch(Options(), paths, jobs=2) as batch:
        got.extend(batch.run())
    assert [o.path for o in got] == paths[:4]


def test_a_worker_that_dies_is_an_error_not_a_hang(monkeypatch):
    main = os.getpid()

    def analyze_one(item, options, config=Config()):
        if os.getpid() != main:
            os._exit(1)
        time.sleep(0.2)  # leaving the worker an input to die in
        return Outcome(path=item)

    monkeypatch.setattr(batch_module, "analyze_one", analyze_one)
    with (_within(60), pytest.raises(RhetoricError, match="ended before its work was done"),
          Batch(Options(), [str(SAMPLES / "the-russians-are-coming.txt")] * 3, jobs=2) as batch):
        list(batch.run())


def test_the_workers_are_forked_before_the_progress_bar_starts_its_thread(tmp_path, monkeypatch):
    # A fork copies no thread: a lock the progress bar's thread held (standard error's) would stay
    # held in the worker for ever.
    from rhetoric import run as run_module

    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text("The council approved the plan on Monday.\n", encoding="utf-8")
    threads = []
    fork = os.fork

    def forked():
        threads.append(threading.active_count())
        return fork()

    monkeypatch.setattr(os, "fork", forked)
    monkeypatch.setattr(run_module, "_is_terminal", lambda stream: True)  # a progress bar, then
    shown = []
    start = run_module._progress

    @contextmanager
    def progress(total):
        with start(total) as bar:
            shown.append(bar is not None)
            yield bar

    monkeypatch.setattr(run_module, "_progress", progress)
    result = CliRunner().invoke(app, ["analyze", str(tmp_path), "--jobs", "2", "--output", str(tmp_path / "out.jsonl"),
                                      "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert shown == [True] and threads == [1]


def test_a_run_with_workers_does_without_multiprocessing(tmp_path):
    # Importing it and starting a Pool cost the main process ~34 M instructions before the fork.
    code = ("import sys; from rhetoric.cli import app\n"
            "try:\n    app(sys.argv[1:], prog_name='rhetoric')\nexcept SystemExit:\n    pass\n"
            "print('multiprocessing' in sys.modules, file=sys.stderr)")
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("The council approved the plan on Monday.\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", code, "analyze", str(tmp_path), "--format", "jsonl", "--jobs", "2"],
                         capture_output=True, text=True, check=True)
    assert [json.loads(line)["source"]["path"] for line in out.stdout.splitlines()] == [
        str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    assert out.stderr.strip() == "False"


def _on_a_terminal(args, *, stdout=subprocess.DEVNULL, interrupt_after=None):
    """Run the command with standard error on a pseudo-terminal (and standard output there too, for
    stdout=None); return what it showed there and its exit status. `interrupt_after`: bytes of the
    terminal's output to wait for before Ctrl-C."""
    import pty
    import select

    main, side = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "rhetoric", *args], stderr=side,
                            stdout=side if stdout is None else stdout)
    os.close(side)
    shown = b""
    while True:
        ready, _, _ = select.select([main], [], [], 60)
        try:
            data = os.read(main, 65536) if ready else b""
        except OSError:  # the terminal's other side closed: the process has ended
            data = b""
        if not data:
            break
        shown += data
        if interrupt_after is not None and interrupt_after in shown:
            proc.send_signal(signal.SIGINT)
            interrupt_after = None
    os.close(main)
    status = proc.wait(timeout=60)
    if proc.stdout is not None:  # a pipe asked for
        proc.stdout.close()
    return shown, status


def _folder(tmp_path, n=6):
    tmp_path.mkdir(exist_ok=True)
    for k in range(n):
        (tmp_path / f"a{k}.txt").write_bytes((SAMPLES / "the-russians-are-coming.txt").read_bytes())
    return str(tmp_path)


def test_progress_bar_on_a_terminal_while_results_go_elsewhere(tmp_path):
    out = tmp_path / "out" / "reports.jsonl"
    out.parent.mkdir()
    shown, status = _on_a_terminal(["analyze", _folder(tmp_path / "in"), "--format", "jsonl", "--output", str(out)])
    assert status == 0 and len(out.read_text(encoding="utf-8").splitlines()) == 6
    assert b"Analysing" in shown and shown.rstrip(b"\r\n\x1b[1A2K").endswith(b"\x1b[?25h")  # the cursor is back


def test_progress_bar_while_results_are_redirected_to_a_file(tmp_path):
    with open(tmp_path / "reports.jsonl", "wb") as out:
        shown, status = _on_a_terminal(["analyze", _folder(tmp_path / "in"), "--format", "jsonl"], stdout=out)
    assert status == 0 and b"Analysing" in shown


def test_no_progress_bar_in_results_printed_to_the_terminal_or_piped(tmp_path):
    shown, status = _on_a_terminal(["analyze", _folder(tmp_path), "--format", "jsonl"], stdout=None)
    assert status == 0 and b"Analysing" not in shown and shown.count(b'"schema_version"') == 6
    # What reads a pipe (jq, less) may print to the same terminal.
    # (CSV: six lines, which the pipe holds unread.)
    shown, status = _on_a_terminal(["analyze", str(tmp_path), "--format", "csv"], stdout=subprocess.PIPE)
    assert status == 0 and b"Analysing" not in shown


def test_ctrl_c_gives_the_terminal_its_cursor_back(tmp_path):
    shown, status = _on_a_terminal(["analyze", _folder(tmp_path, 200), "--format", "csv", "--output",
                                    str(tmp_path / "scores.csv"), "--jobs", "1"], interrupt_after=b"Analysing")
    assert status == 130
    assert b"\x1b[?25l" in shown and shown.rfind(b"\x1b[?25h") > shown.rfind(b"\x1b[?25l")
    assert b"rhetoric: interrupted" in shown


def test_reading_an_article_typed_at_the_terminal_says_how_to_end_it():
    """`rhetoric analyze -` on a terminal waited in silence; it now says so, and reads what is typed."""
    import pty

    main, side = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "rhetoric", "analyze", "-", "--format", "jsonl"], stdin=side,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    os.close(side)
    os.write(main, b"The reckless plan was a disaster, critics said.\n\x04")
    out, err = proc.communicate(timeout=60)
    os.close(main)
    assert proc.returncode == 0, err
    assert err.decode() == "rhetoric: reading the article from the terminal; end it with Ctrl-D on a line of its own\n"
    assert json.loads(out)["stats"]["words"] == 8


def test_a_closed_standard_input_is_an_error_object_not_a_traceback():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # As `rhetoric analyze - <&-` starts it: Python then has no sys.stdin.
    out = subprocess.run([sys.executable, "-m", "rhetoric", "analyze", "-", "--format", "jsonl"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, env=env, timeout=60, preexec_fn=lambda: os.close(0))
    assert out.returncode == 2
    assert out.stderr == "rhetoric: <stdin>: standard input is closed: nothing to read\n"
    error = json.loads(out.stdout)
    assert error["error"]["message"] == "standard input is closed: nothing to read"
    assert error["source"]["path"] == "<stdin>"  # as an article read from it is called


def test_the_analysis_caveat_reaches_stderr_and_the_json(tmp_path):
    # Not only the reading's warnings: a text that lacks its sentence punctuation is told of too.
    (tmp_path / "transcript.txt").write_text(" ".join(["so the council voted on the budget and then"] * 40),
                                             encoding="utf-8")
    result = run("analyze", str(tmp_path / "transcript.txt"), "--format", "json")
    assert result.exit_code == 0
    assert "if its sentence punctuation is missing" in result.stderr
    assert "if its sentence punctuation is missing" in json.loads(result.stdout)["source"]["warnings"][0]
