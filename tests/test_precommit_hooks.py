"""The pre-commit hook definition: it parses, and it names a command that exists and works."""

from __future__ import annotations

import re
import tomllib

import typer
from typer.testing import CliRunner

from rhetoric.cli import app
from tests.conftest import ROOT, SAMPLES


def hooks() -> list[dict[str, str | bool | list[str]]]:
    """Parse .pre-commit-hooks.yaml: a list of flat mappings of plain scalars and flow lists."""
    items: list[dict[str, str | bool | list[str]]] = []
    for raw in (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if raw.startswith("- "):
            items.append({})
            raw = "  " + raw[2:]
        assert raw.startswith("  ") and not raw.startswith("   "), f"unexpected nesting: {raw!r}"
        key, sep, value = raw.strip().partition(": ")
        assert sep and items, f"not a key: value line: {raw!r}"
        if value.startswith("["):
            assert value.endswith("]")
            items[-1][key] = [v.strip() for v in value[1:-1].split(",")]
        else:
            items[-1][key] = {"true": True, "false": False}.get(value, value)
    return items


def test_the_hook_names_an_existing_command():
    [hook] = hooks()
    assert hook["id"] == "rhetoric"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    script, command = str(hook["entry"]).split()
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert script in scripts
    assert command in typer.main.get_command(app).commands


def test_the_hook_runs_on_markdown_and_text_only():
    [hook] = hooks()
    files = re.compile(str(hook["files"]))
    assert all(files.search(name) for name in ("README.md", "notes/post.markdown", "a.txt", "B.TXT"))
    assert not any(files.search(name) for name in ("setup.py", "page.html", "README.md.orig"))


def test_the_hook_arguments_work():
    [hook] = hooks()
    _, command = str(hook["entry"]).split()
    args = [command, *hook["args"], str(SAMPLES / "opinion-transit-levy.txt")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith(("::notice ", "::warning ", "::error ")) for line in lines)
