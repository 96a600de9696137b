"""The JSON object of the output contract (see docs/output-contract.md and the schema)."""

from __future__ import annotations

import dataclasses
import io
import json
from typing import Any

from ..errors import RhetoricError
from ..findings import Finding
from ..report import SCHEMA_VERSION, Report


def to_dict(report: Report, *, with_text: bool = False) -> dict[str, Any]:
    """Return the contract object for one report (with the analysed text when asked)."""
    doc = report.document
    s = report.scores
    obj = {
        "schema_version": SCHEMA_VERSION,
        "source": {"path": report.source.path, "format": report.source.format,
                   "encoding": report.source.encoding},
        "stats": {
            "words": doc.word_count, "sentences": len(doc.sentences), "paragraphs": len(doc.paragraphs),
            "quotations": len(doc.quotations), "reading_minutes": report.reading_minutes,
        },
        "readability": dataclasses.asdict(report.readability),
        "scores": {
            "per_1000_words": {c.value: d for c, d in s.densities},
            "counts": {c.value: n for c, n in s.counts},
            "quoted_findings": s.quoted_findings,
            "claims": s.claims,
            "attributed_claims": s.attributed_claims,
            "attributed_share": s.attributed_share,
        },
        "sentences": [
            {"index": a.index, "start": a.start, "end": a.end, "claim": a.claim, "attributed": a.attributed,
             "vague_source": a.vague, "quoted": a.quoted}
            for a in report.sentences
        ],
        "findings": [_finding(report, f) for f in report.findings],
    }
    if with_text:
        obj["text"] = report.text
    return obj


def _finding(report: Report, f: Finding) -> dict[str, Any]:
    line, column = report.document.line_col(f.start)
    return {
        "rule": f.rule, "category": f.category.value, "severity": f.severity.value,
        "start": f.start, "end": f.end, "line": line, "column": column, "text": f.text,
        "message": f.message, "why": f.why, "alternative": f.alternative, "voice": f.voice.value,
    }


def error_dict(path: str, error: RhetoricError) -> dict[str, Any]:
    """Return the contract object that stands in for a file that could not be analysed."""
    return {
        "schema_version": SCHEMA_VERSION,
        "source": {"path": path},
        "error": {"type": type(error).__name__, "message": error.message},
    }


def dumps(obj: Any, *, pretty: bool = False) -> str:
    """Serialise a contract object (or a list of them)."""
    if not pretty:
        return json.dumps(obj, ensure_ascii=False)
    # json.dumps with an indent gathers every small piece in one list before joining them:
    # for a long text, millions of strings and several times the memory of the result.
    out = io.StringIO()
    for chunk in json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(obj):
        out.write(chunk)
    return out.getvalue()


