"""GitHub Actions workflow commands: one annotation line per finding, shown beside the changed lines.

Quoted speech is treated as in SARIF: left out unless asked for, and then a notice.
"""

from __future__ import annotations

from ..errors import RhetoricError
from ..findings import Severity, Voice
from ..locate import Locator
from ..report import Report
from .sarif import STDIN_NAMES, message, relative_path

COMMANDS = {Severity.INFO: "notice", Severity.WARNING: "warning", Severity.ERROR: "error"}


def lines(report: Report, *, original: str | None = None, include_quoted: bool = False) -> str:
    """Return the annotation lines of one report, each ending in a newline."""
    locator = Locator(report.text, original, report.source.format)
    path = _path(report.source.path)
    out = []
    for f in report.findings:
        if f.voice is Voice.QUOTED and not include_quoted:
            continue
        props: list[tuple[str, object]] = [] if path is None else [("file", path)]
        region = locator.region(f.start, f.end)
        if region is not None:
            props.append(("line", region.start_line))
            if region.start_column is not None and region.end_line == region.start_line:
                props.append(("col", region.start_column))
            props.append(("endLine", region.end_line))
            if region.end_column is not None and region.end_line == region.start_line:
                props.append(("endColumn", region.end_column))
        props.append(("title", f.rule))
        command = "notice" if f.voice is Voice.QUOTED else COMMANDS[f.severity]
        out.append(_command(command, props, message(f, region)))
    return "".join(out)


def error_line(path: str, error: RhetoricError) -> str:
    """Return the error annotation of a file that could not be analysed."""
    return _file_line("error", path, error.message)


def warning_line(path: str, warning: str) -> str:
    """Return the warning annotation of a file analysed despite it (a code fence never closed, say)."""
    return _file_line("warning", path, warning)


def _file_line(command: str, path: str, text: str) -> str:
    where = _path(path)
    props: list[tuple[str, object]] = [] if where is None else [("file", where)]
    return _command(command, [*props, ("title", "rhetoric")], text)


def escape_data(text: str) -> str:
    """Escape the message of a workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value of a workflow command."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(name: str, props: list[tuple[str, object]], text: str) -> str:
    joined = ",".join(f"{key}={escape_property(str(value))}" for key, value in props)
    return f"::{name} {joined}::{escape_data(text)}\n" if joined else f"::{name}::{escape_data(text)}\n"


def _path(path: str) -> str | None:
    """Return the path as GitHub matches it against the repository, or None for standard input."""
    return None if path in STDIN_NAMES else relative_path(path)
