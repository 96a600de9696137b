"""SARIF 2.1.0: one log with one run for every analysed file, for code-scanning tools.

Findings in quoted speech are the speaker's words, not the writer's, so there is nothing in
the file to fix: they are left out unless asked for (--include-quoted), and then they come
as notes whatever their rule's severity, with `properties.voice` set to "quoted".
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..errors import RhetoricError
from ..findings import Finding, Severity, Voice
from ..locate import Locator, Region
from ..report import Report
from ..rules import Rule

VERSION = "2.1.0"
SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.INFO: "note", Severity.WARNING: "warning", Severity.ERROR: "error"}
# How standard input is named: "-" on the command line, "<stdin>" as the source of a report.
STDIN_NAMES = ("-", "<stdin>")
# Versioned, as SARIF asks of fingerprint names, so a change of recipe does not pass for a new alert.
FINGERPRINT = "rhetoricFinding/v1"


def results(report: Report, *, original: str | None = None, include_quoted: bool = False) -> list[dict[str, Any]]:
    """Return the SARIF results of one report; `original` is the file's text when Markdown or HTML was extracted."""
    locator = Locator(report.text, original, report.source.format)
    artifact = artifact_location(report.source.path)
    seen: dict[tuple[str, str, Voice], int] = {}
    out = []
    for f in report.findings:
        if f.voice is Voice.QUOTED and not include_quoted:
            continue
        # Counted per voice, so that showing quoted findings does not renumber the writer's.
        key = (f.rule, " ".join(f.text.split()).casefold(), f.voice)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        out.append(_result(f, locator.region(f.start, f.end), artifact, occurrence))
    return out


def log(files: Iterable[Sequence[dict[str, Any]]], failures: Sequence[tuple[str, RhetoricError]],
        rules: Sequence[Rule], warnings: Sequence[tuple[str, str]] = ()) -> dict[str, Any]:
    """Return the SARIF log of a whole analysis: the results of every file, the files that failed, and the
    warnings of files analysed despite them (path, text)."""
    index = {r.id: i for i, r in enumerate(rules)}
    run_results = [
        {**r, "ruleIndex": index[r["ruleId"]]} if r["ruleId"] in index else r
        for file_results in files for r in file_results
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not failures}
    notices = [("error", path, error.message) for path, error in failures]
    notices += [("warning", path, text) for path, text in warnings]
    if notices:
        invocation["toolExecutionNotifications"] = [
            {"level": level, "message": {"text": text},
             "locations": [{"physicalLocation": {"artifactLocation": artifact_location(path)}}]}
            for level, path, text in notices
        ]
    return {
        "$schema": SCHEMA_URI,
        "version": VERSION,
        "runs": [{
            "tool": {"driver": {"name": "rhetoric", "version": __version__, "semanticVersion": __version__,
                                "rules": [_rule(r) for r in rules]}},
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": run_results,
        }],
    }


def artifact_location(path: str) -> dict[str, Any]:
    """Return where a file is as a SARIF artifactLocation: a relative URI when it is under the current folder."""
    if path in STDIN_NAMES:
        return {"description": {"text": "standard input"}}
    rel = relative_path(path)
    # The bytes of the name, percent-encoded: a name that is not text (held as lone surrogates) has no UTF-8.
    return {"uri": Path(rel).as_uri() if Path(rel).is_absolute() else quote(os.fsencode(rel), safe="/")}


def relative_path(path: str) -> str:
    """Return `path` with forward slashes, relative to the current folder when it lies under it."""
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            return p.as_posix()
    return PurePath(os.path.normpath(p)).as_posix()


def message(f: Finding, region: Region | None) -> str:
    """Return the message of a finding with its suggestion, quoting the words when the region does not pin them."""
    text = f.message.strip()
    if f.alternative:
        text = f"{_sentence(text)} Try: {_sentence(f.alternative.strip())}"
    if region is None or not region.exact:
        text = f"{text} (“{' '.join(f.text.split())}”)"
    return text


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def _result(f: Finding, region: Region | None, artifact: dict[str, Any], occurrence: int) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if region is not None:
        physical["region"] = _region(region)
    quoted = f.voice is Voice.QUOTED
    words = " ".join(f.text.split()).casefold()
    digest = hashlib.sha256(f"{f.rule}\0{words}\0{f.voice.value}\0{occurrence}".encode()).hexdigest()
    return {
        "ruleId": f.rule,
        "level": "note" if quoted else LEVELS[f.severity],
        "message": {"text": message(f, region)},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {FINGERPRINT: digest[:32]},
        "properties": {"category": f.category.value, "voice": f.voice.value, "why": f.why},
    }


def _region(r: Region) -> dict[str, Any]:
    out: dict[str, Any] = {"startLine": r.start_line}
    if r.start_column is not None:
        out["startColumn"] = r.start_column
    out["endLine"] = r.end_line
    if r.end_column is not None:
        out["endColumn"] = r.end_column
    if r.char_offset is not None:
        out["charOffset"] = r.char_offset
        out["charLength"] = r.char_length
    out["snippet"] = {"text": r.snippet}
    return out


def _rule(r: Rule) -> dict[str, Any]:
    examples = "\n".join([
        "Flags:", *(f"  {e}" for e in r.should_flag), "Leaves alone:", *(f"  {e}" for e in r.should_pass),
    ])
    return {
        "id": r.id,
        "shortDescription": {"text": _headline(r.description)},
        "fullDescription": {"text": r.description},
        "help": {"text": f"{r.description}\n\n{examples}"},
        "defaultConfiguration": {"level": LEVELS[r.severity]},
        "properties": {"category": r.category.value, "tags": [r.category.value]},
    }


def _headline(description: str) -> str:
    """Return the part of a rule's description before its first colon or semicolon: what it flags, in brief."""
    return re.split(r"[:;]\s", description, maxsplit=1)[0]
