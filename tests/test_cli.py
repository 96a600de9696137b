from __future__ import annotations

import gc
import json
import os
import re
import subprocess
import sys

import jsonschema
import pytest
from typer.testing import CliRunner

from rhetoric import __version__
from rhetoric.cli import app
from tests.conftest import ROOT, SAMPLES

SCHEMA = json.loads((ROOT / "schema" / "report.schema.json").read_text(encoding="utf-8"))
REFERENCE = str(SAMPLES / "the-russians-are-coming.txt")


def run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(app, list(args), input=input)


def validate(obj) -> None:
    jsonschema.validate(obj, SCHEMA)


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert __version__ in result.stdout


def test_help_has_examples():
    result = run("--help")
    assert result.exit_code == 0
    assert "rhetoric analyze article.txt" in result.stdout


def test_json_report_follows_the_contract():
    result = run("analyze", REFERENCE, "--format", "json")
    assert result.exit_code == 0, result.output
    obj = json.loads(result.stdout)
    validate(obj)
    text = (SAMPLES / "the-russians-are-coming.txt").read_text(encoding="utf-8")
    assert obj["stats"]["words"] > 1500
    for f in obj["findings"]:
        assert text[f["start"]:f["end"]] == f["text"]
        line_start = sum(len(ln) + 1 for ln in text.split("\n")[:f["line"] - 1])
        assert line_start + f["column"] - 1 == f["start"]
    for s in obj["sentences"]:
        assert 0 <= s["start"] < s["end"] <= len(text)


def test_jsonl_prints_one_object_per_file():
    samples = sorted(str(p) for p in SAMPLES.glob("*.txt"))
    result = run("analyze", *samples, "--format", "jsonl")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(samples)
    for line, path in zip(lines, samples):
        obj = json.loads(line)
        validate(obj)
        assert obj["source"]["path"] == path


def test_folder_is_walked(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second article text here.", encoding="utf-8")
    (tmp_path / "one.txt").write_text("First article text here.", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("Hidden.", encoding="utf-8")
    result = run("analyze", str(tmp_path), "--format", "jsonl")
    paths = [json.loads(line)["source"]["path"] for line in result.stdout.splitlines()]
    assert [p.rsplit("/", 2)[-2:] for p in paths] == [["b", "two.txt"], [tmp_path.name, "one.txt"]]


def test_stdin():
    result = run("analyze", "-", "--format", "json", input="The so-called experts were wrong. Who knew about this?")
    assert result.exit_code == 0
    obj = json.loads(result.stdout)
    validate(obj)
    assert obj["source"]["path"] == "<stdin>"
    assert {f["rule"] for f in obj["findings"]} >= {"scare-quote.so-called", "rhetorical-question.question"}


@pytest.mark.parametrize("opening", ["<!DOCTYPE html>", "<!-- saved from url=(0024)https://example.com/ -->\n<html>",
                                     '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'])
def test_a_web_page_on_standard_input_is_read_as_html(opening):
    page = (f"{opening}<head><meta property=\"og:title\" content=\"Plan\"></head><body><nav>Home</nav><article>"
            "<h1>Plan approved</h1><p>The so-called reform was approved on Monday after a long debate.</p>"
            "<p>It will cost $3 million, officials said in a statement on Tuesday.</p></article></body></html>")
    obj = json.loads(run("analyze", "-", "--format", "json", input=page).stdout)
    assert obj["source"]["format"] == "html"
    assert obj["text"].startswith("Plan approved") and "og:title" not in obj["text"]
    # Text that merely mentions a tag is text.
    obj = json.loads(run("analyze", "-", "--format", "json", input="The <html> element opens a page.").stdout)
    assert obj["source"]["format"] == "text"


def test_stdin_format_says_how_to_read_standard_input():
    markdown = "---\ntitle: The so-called plan\n---\n# Budget\n\nThe **reckless** [plan](https://x.example/).\n"
    obj = json.loads(run("analyze", "-", "--stdin-format", "markdown", "--format", "json", input=markdown).stdout)
    assert (obj["source"]["format"], obj["text"]) == ("markdown", "The so-called plan\n\nBudget\n\nThe reckless plan.")
    page = "<!DOCTYPE html><html><body><article><p>The reckless plan was approved on Monday.</p></article></body></html>"
    obj = json.loads(run("analyze", "-", "--stdin-format", "text", "--format", "json", input=page).stdout)
    assert obj["source"]["format"] == "text" and "text" not in obj  # read as it is: the tags are text
    assert run("analyze", "-", "--stdin-format", "pdf", input=page).exit_code == 2


def test_stdin_among_files_with_workers_reads_the_main_process_input():
    # A worker's standard input is the null device: "-" must still be the text piped to the command.
    def lines(jobs: str) -> list[str]:
        done = subprocess.run([sys.executable, "-m", "rhetoric", "analyze", REFERENCE, "-", REFERENCE, "--format",
                               "jsonl", "--jobs", jobs], input="The so-called experts were wrong. Who knew?",
                              capture_output=True, text=True, encoding="utf-8", check=True)
        return done.stdout.splitlines()

    with_workers = lines("2")
    assert with_workers == lines("1")
    assert json.loads(with_workers[1])["source"]["path"] == "<stdin>"
    # --stdin-format reaches the main process, which reads standard input for the workers.
    done = subprocess.run([sys.executable, "-m", "rhetoric", "analyze", REFERENCE, "-", "--stdin-format", "markdown",
                           "--format", "jsonl", "--jobs", "2"], input="# The *so-called* plan\n",
                          capture_output=True, text=True, encoding="utf-8", check=True)
    assert json.loads(done.stdout.splitlines()[1])["text"] == "The so-called plan"


def test_text_report_has_no_escape_codes_when_not_a_terminal():
    result = run("analyze", REFERENCE)
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout
    assert "Readability" in result.stdout and "Loaded terms" in result.stdout


@pytest.mark.parametrize(("make", "needle"), [
    (lambda d: d / "missing.txt", "no such file"),
    (lambda d: _write(d / "bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00"), "binary"),
    (lambda d: _write(d / "bin.dat.txt", bytes(range(128, 256)) * 40), "not valid UTF-8"),
    (lambda d: _write(d / "empty.txt", b""), "is empty"),
    (lambda d: _write(d / "blank.txt", b"  \n\t\n"), "white space"),
    (lambda d: _mkdir(d / "empty-folder"), "no files to analyse"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path, make, needle):
    path = make(tmp_path)
    result = run("analyze", str(path))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0] and str(path) in lines[0]
    assert "Traceback" not in result.output


def test_bad_file_yields_an_error_object_and_the_run_goes_on(tmp_path):
    bad = _write(tmp_path / "bad.txt", b"\xff\xfe\x00garbage\x00")
    result = run("analyze", str(bad), REFERENCE, "--format", "jsonl")
    assert result.exit_code == 2
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    validate(first)
    validate(second)
    assert first["error"]["type"] == "InputError"
    assert "findings" in second


def test_faulty_utf8_is_analysed_with_a_warning(tmp_path):
    path = _write(tmp_path / "a.txt", "The \u201creform\u201d passed. ".encode() * 3 + b"Critics called it \x93a sham\x94.")
    result = run("analyze", str(path), "--format", "json")
    assert result.exit_code == 0  # a warning, not a failure
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"rhetoric: {path}: 2 stretches of bytes are not valid UTF-8")
    report = json.loads(result.stdout)
    validate(report)
    assert report["source"]["encoding"] == "utf-8"
    assert report["source"]["warnings"] == [line.partition(f"{path}: ")[2]]  # kept with the results too
    assert report["text"].endswith("Critics called it \ufffda sham\ufffd.")  # the text its offsets refer to


def test_file_names_that_are_not_text_or_hold_a_newline(tmp_path):
    # A Latin-1 name from an old archive, and a newline in a name: neither may crash an output
    # (Python holds the first's byte as a lone surrogate, which UTF-8 cannot hold), make the output
    # anything but UTF-8, or break a message on stderr over two lines.
    folder = tmp_path / "in"
    folder.mkdir()
    try:
        latin = os.path.join(os.fsencode(folder), b"caf\xe9.txt")
        with open(latin, "wb") as f:
            f.write(b"The council approved the disastrous plan on Monday.")
    except OSError:  # a file system that takes only UTF-8 names
        pytest.skip("this file system refuses names that are not UTF-8")
    (folder / "bad\nname.txt").write_bytes(b"")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}  # strict, as in a UTF-8 locale

    def analyze(*args):
        done = subprocess.run([sys.executable, "-m", "rhetoric", "analyze", str(folder), *args], capture_output=True,
                              env=env, cwd=tmp_path)
        assert done.returncode == 2 and b"Traceback" not in done.stderr  # 2: the empty file
        assert done.stderr.decode("utf-8").splitlines() == [f"rhetoric: {folder}/bad\\nname.txt: is empty"]
        return done.stdout.decode("utf-8")

    failed, report = map(json.loads, analyze("--format", "jsonl", "--jobs", "2").splitlines())
    assert failed["source"]["path"] == str(folder / "bad\nname.txt")
    assert os.fsencode(report["source"]["path"]) == latin  # the JSON escape gives the name back
    assert f"{folder}/caf\\udce9.txt," in analyze("--format", "csv")
    analyze("--format", "sarif", "--output", "out.sarif")
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]}
    assert "in/caf%E9.txt" in uris


@pytest.mark.skipif(not os.path.exists("/bin/bash"), reason="needs bash for process substitution")
def test_process_substitution_is_read(tmp_path):
    command = (f"{sys.executable} -m rhetoric analyze <(printf 'The so-called plan failed.') {REFERENCE} "
               "--format jsonl --jobs 2")
    done = subprocess.run(["/bin/bash", "-c", command], capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    first, second = (json.loads(line) for line in done.stdout.splitlines())
    assert first["source"]["path"].startswith("/dev/fd/") and first["stats"]["words"] == 4
    assert second["source"]["path"] == REFERENCE


def test_utf16_and_bom(tmp_path):
    p16 = _write(tmp_path / "u16.txt", "The plan was approved.".encode("utf-16"))
    bom = _write(tmp_path / "bom.txt", "\ufeffThe plan was approved.".encode("utf-8"))
    for path in (p16, bom):
        result = run("analyze", str(path), "--format", "json")
        assert result.exit_code == 0
        assert json.loads(result.stdout)["stats"]["words"] == 4


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def _mkdir(path):
    path.mkdir()
    return path


def test_no_color_flag_and_variable_strip_escape_codes(monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")  # as if printing to a terminal
    coloured = run("analyze", REFERENCE, "--no-text")
    assert "\x1b[" in coloured.stdout
    assert "\x1b[" not in run("analyze", REFERENCE, "--no-text", "--no-color").stdout
    monkeypatch.setenv("NO_COLOR", "1")
    assert not re.search(r"\x1b\[[0-9;]*(?:3[0-9]|9[0-7])m", run("analyze", REFERENCE, "--no-text").stdout)


def test_calling_the_app_raises_system_exit_as_any_typer_app_does(capsys):
    # Only the program (`rhetoric`, `python -m rhetoric`) ends its process without the interpreter's
    # teardown; a program that calls `app` gets its SystemExit back.
    with pytest.raises(SystemExit) as done:
        app(["--version"], prog_name="rhetoric")
    assert done.value.code == 0 and capsys.readouterr().out == f"rhetoric {__version__}\n"


def test_the_program_imports_the_command_line_with_the_collector_paused_then_resumed(monkeypatch):
    import rhetoric.__main__ as entry
    import rhetoric.cli

    seen = []
    monkeypatch.setattr(rhetoric.cli, "program", lambda: seen.append(gc.isenabled()))
    try:
        entry.main()
    finally:
        gc.unfreeze()  # what main froze belongs to this test process
    assert seen == [True] and gc.isenabled()


def test_the_program_builds_only_the_command_it_runs():
    # `rhetoric CMD …` runs an app with CMD alone (cli._app_for): the same output as the whole app's.
    from rhetoric.cli import _app_for

    def outcome(application, args):
        result = CliRunner().invoke(application, args)
        return result.exit_code, result.output

    for name in ("analyze", "config", "rules", "compare"):
        lean = _app_for([name, "--help"])
        assert [info.name or info.callback.__name__ for info in lean.registered_commands] == [name]
        for args in ([name, "--help"], [name, "--no-such-option"], [name, REFERENCE, REFERENCE]):
            assert outcome(lean, args) == outcome(app, args)
    assert outcome(_app_for(["analyze"]), ["analyze", REFERENCE, "--format", "json"]) == outcome(
        app, ["analyze", REFERENCE, "--format", "json"])
    for args in ([], ["--help"], ["--version"], ["analyse", REFERENCE], ["--", "analyze"]):
        assert _app_for(args) is app  # the group's help and options, and a mistyped command's suggestions
    assert len(app.registered_commands) == 4


def test_a_plain_run_imports_no_limits_rules_summary_or_suppressions(tmp_path):
    # A run that sets no limit, names no rule, prints no summary table and reads no rhetoric-disable
    # comment starts without them.
    code = ("import sys; from rhetoric.cli import app\n"
            "try:\n    app(sys.argv[1:], prog_name='rhetoric')\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('rhetoric.thresholds', 'rhetoric.rules', 'rhetoric.summary', 'rhetoric.suppress')"
            " if m in sys.modules), file=sys.stderr)")
    article = tmp_path / "a.txt"
    article.write_text("The council approved the plan on Monday.\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", code, "analyze", str(article), "--format", "jsonl"],
                         capture_output=True, text=True, check=True)
    assert json.loads(out.stdout)["stats"]["words"] == 7
    assert out.stderr.strip() == "[]"


def test_a_closed_standard_output_is_an_error_not_a_traceback(tmp_path):
    # `rhetoric analyze FILE >&-`: Python stands None in for the closed stream; the results have nowhere to go.
    article = tmp_path / "a.txt"
    article.write_text("The council approved the plan on Monday.\n", encoding="utf-8")
    for command in (["analyze", str(article), "--format", "json"], ["compare", str(article), str(article)]):
        out = subprocess.run([sys.executable, "-m", "rhetoric", *command], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True, preexec_fn=lambda: os.close(1))
        assert out.returncode == 2, out.stderr
        assert out.stderr == "rhetoric: standard output is closed: nowhere to write the results (use --output FILE)\n"
    for command in (["rules"], ["config", str(tmp_path)], ["--version"]):
        out = subprocess.run([sys.executable, "-m", "rhetoric", *command], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True, preexec_fn=lambda: os.close(1))
        assert (out.returncode, out.stderr) == (2, "rhetoric: standard output is closed: nowhere to print\n"), command
    written = tmp_path / "out.json"
    out = subprocess.run([sys.executable, "-m", "rhetoric", "analyze", str(article), "--output", str(written)],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, preexec_fn=lambda: os.close(1))
    assert out.returncode == 0 and written.exists(), out.stderr


def test_help_paragraphs_are_wrapped_to_the_terminal_not_to_the_docstring():
    """Typer 0.28 kept a docstring's line breaks after its first paragraph: at 80 columns, ragged lines."""
    for command in ("analyze", "config", "rules", "compare"):
        result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "80", "TERMINAL_WIDTH": "80"})
        assert result.exit_code == 0, result.output
        prose = result.stdout.partition("╭")[0]  # the help text above the panels
        lines = [line.strip() for line in prose.splitlines()[3:]]  # below the usage line
        paragraphs = [block.splitlines() for block in "\n".join(lines).split("\n\n") if block.strip()]
        for paragraph in paragraphs:
            assert all(len(line) > 55 for line in paragraph[:-1]), (command, paragraph)


def _help(command):
    return CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "120", "TERMINAL_WIDTH": "120"}).stdout


def test_options_taking_a_file_a_glob_or_a_column_say_so():
    text = _help("analyze")
    for option, metavar in (("--output", "FILE"), ("--include", "GLOB"), ("--exclude", "GLOB"), ("--sort", "COLUMN")):
        assert re.search(rf"{option}\b.*\b{metavar}\b", text), option
    assert re.search(r"--output\b.*\bFILE\b", _help("compare"))


def test_usage_lines_name_the_arguments_as_the_help_text_does():
    # Typer 0.28 wrote the parameter's own name, in lower case: "rhetoric analyze [OPTIONS] {paths}...".
    for command, usage in (("analyze", "{PATH...}"), ("config", "[PATH]"), ("compare", "{FIRST} {SECOND}"),
                           ("rules", "[ID]")):
        first_line = _help(command).strip().splitlines()[0].rstrip()
        assert first_line.endswith(usage), first_line


def test_a_web_address_is_told_to_be_saved_first():
    result = run("analyze", "https://example.org/news/story.html")
    assert result.exit_code == 2
    assert "never goes online; save the page" in result.stderr
