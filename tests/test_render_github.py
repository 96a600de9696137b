from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from rhetoric import analyze
from rhetoric.cli import app
from rhetoric.errors import InputError
from rhetoric.render import github


def annotate(*args: str, input: str | None = None):
    return CliRunner().invoke(app, ["analyze", *args, "--format", "github"], input=input)


def test_one_line_per_finding_with_position_and_rule(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text("The so-called experts were wrong.\nFares have doubled since 2019.\n", encoding="utf-8")
    result = annotate("a.txt")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "::warning file=a.txt,line=1,col=5,endLine=1,endColumn=14,title=scare-quote.so-called::"
        "“so-called” casts doubt on the name that follows. "
        "Try: use the name plainly, or say who uses it and why it is disputed.")
    assert lines[1].startswith("::notice file=a.txt,line=2,col=1,endLine=2,endColumn=31,"
                               "title=unsourced-assertion.claim::")
    assert len(lines) == 2


def test_error_severity_is_an_error_command():
    report = analyze("They are vermin, the column said.")
    severities = {f.rule: f.severity.value for f in report.findings}
    assert severities.get("loaded-term.dehumanizing") == "error"
    assert github.lines(report).startswith("::error file=<text>,line=1,col=10,")


def test_unreadable_file_is_an_error_annotation(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("bin.txt").write_bytes(b"\x00\x01 not text")
    result = annotate("bin.txt")
    assert result.exit_code == 2
    assert result.stdout == ("::error file=bin.txt,title=rhetoric::looks like a binary file, not text "
                             "(it holds NUL bytes); skipped\n")
    assert github.error_line("-", InputError("is empty")) == "::error title=rhetoric::is empty\n"


def test_quoted_speech_only_with_include_quoted_and_then_as_notices(tmp_path):
    path = tmp_path / "q.txt"
    path.write_text("“These thugs are destroying our city,” the mayor said on Monday.", encoding="utf-8")
    assert annotate(str(path)).stdout == ""
    [line] = annotate(str(path), "--include-quoted").stdout.splitlines()
    assert line.startswith("::notice ") and "title=loaded-term.label::" in line


def test_standard_input_has_no_file():
    result = annotate("-", input="The so-called experts.")
    assert result.stdout.startswith("::warning line=1,col=5,")


def test_escaping_follows_the_workflow_command_rules(tmp_path, monkeypatch):
    assert github.escape_data("100% a:b, c\r\nd") == "100%25 a:b, c%0D%0Ad"
    assert github.escape_property("100% a:b, c\nd") == "100%25 a%3Ab%2C c%0Ad"
    monkeypatch.chdir(tmp_path)
    Path("a,b:c%.txt").write_text("The so-called experts.", encoding="utf-8")
    assert annotate("a,b:c%.txt").stdout.startswith("::warning file=a%2Cb%3Ac%25.txt,line=1,")


def test_spans_over_two_lines_leave_out_columns():
    # GitHub takes columns only for an annotation on one line.
    assert github.lines(analyze("Fares have doubled\nsince 2019.")) == (
        "::notice file=<text>,line=1,endLine=2,title=unsourced-assertion.claim::"
        "Checkable claim with no identifiable source. Try: Name who says so, or where the figure comes from.\n")


def test_a_file_analysed_despite_a_warning_has_a_warning_annotation(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("notes.md").write_text("The plan was approved.\n\n~~~\n\nMore prose here.\n", encoding="utf-8")
    result = annotate("notes.md")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        "::warning file=notes.md,title=rhetoric::the code fence ~~~ on line 3 is never closed: as Markdown reads "
        "it, what follows it is code (3 words), which is not analysed")
