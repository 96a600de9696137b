"""The README's example outputs are what the commands print: a figure changed by a lexicon edit shows here."""

from __future__ import annotations

import re
import shlex

import pytest
from typer.testing import CliRunner

from rhetoric.cli import app
from tests.conftest import ROOT

_COMMAND = re.compile(r"^    \$ rhetoric (.+?)(?:\s+#.*)?$")


def _examples() -> list[tuple[str, list[str]]]:
    """Return each README example that shows its output: the command, and the lines shown under it."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    examples = []
    for i, line in enumerate(lines):
        command = _COMMAND.match(line)
        if not command:
            continue
        shown = []
        for following in lines[i + 1:]:
            if following.strip() and not following.startswith("    "):
                break
            shown.append(following[4:].rstrip())
        while shown and not shown[-1]:
            shown.pop()
        examples.append((command.group(1), shown))
    return examples


# The configuration example's folder: a .rhetoric.toml whose lines are those the example cites.
_PAPER = "/home/me/paper"
_PAPER_CONFIG = 'select = ["loaded-term", "scare-quote"]\n' + "\n" * 6 + '[severity]\n"loaded-term.speech-verb" = "info"\n'


@pytest.mark.parametrize("command, shown", _examples(), ids=lambda value: value if isinstance(value, str) else "")
def test_an_example_shows_what_its_command_prints(command, shown, monkeypatch, tmp_path):
    # An excerpt: a line of "…" or "..." stands for lines left out; every other line is printed, in this order.
    monkeypatch.chdir(ROOT)
    if command.startswith("config articles/"):
        (tmp_path / "articles").mkdir()
        (tmp_path / "articles" / "today.md").write_text("Text.\n", encoding="utf-8")
        (tmp_path / ".rhetoric.toml").write_text(_PAPER_CONFIG, encoding="utf-8")
        monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, shlex.split(command), env={"COLUMNS": "80", "TERMINAL_WIDTH": "80",
                                                               "NO_COLOR": "1"})
    printed = [line.rstrip() for line in result.output.replace(str(tmp_path), _PAPER).splitlines()]
    at = 0
    for line in shown:
        if line.strip().startswith("…") or line.strip() == "...":
            continue
        assert line in printed[at:], f"{command!r} no longer prints (after line {at}): {line!r}"
        at = printed.index(line, at) + 1


def test_the_readme_has_examples_to_check():
    assert {command.split()[0] for command, _ in _examples()} >= {"analyze", "compare", "config"}
