"""The JSON object of the output contract (see "The JSON contract" in README.md, and schema/report.schema.json)."""

from __future__ import annotations

import dataclasses
import io
import json
from bisect import bisect_right
from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import islice, product
from json.encoder import encode_basestring as _string
from typing import Any

from ..errors import RhetoricError
from ..findings import Category, Finding, Severity, Voice
from ..readability import Readability
from ..report import SCHEMA_VERSION, Report
from ..sourcing import SentenceAssessment


def to_dict(report: Report, *, with_text: bool = False) -> dict[str, Any]:
    """Return the contract object for one report (with the analysed text when asked)."""
    obj = _head(report)
    obj["sentences"] = [_sentence(a) for a in report.sentences]
    obj["findings"] = [_finding(report, f) for f in report.findings]
    if with_text:
        obj["text"] = report.text
    return obj


def iterencode(report: Report, *, with_text: bool = False, pretty: bool = False) -> Iterator[str]:
    """Yield, piece by piece, the text of `dumps(to_dict(report, with_text=...), pretty=...)`.

    The object of a long text, and its indented text, take several times the memory
    of the text itself: this builds a batch of sentences or findings at a time instead.
    """
    encode = (_PRETTY if pretty else _COMPACT).encode
    member = ",\n  " if pretty else ", "
    # The members before the sentences are small: encoded in one call, as an object whose
    # closing brace comes off (each call of the encoder costs more than its few members).
    yield encode(_head(report))[:-2 if pretty else -1]
    yield member + encode("sentences") + ": "
    if pretty:
        yield from _list(map(_sentence, report.sentences), encode, pretty)
    else:
        yield from _joined(_SENTENCE % (a.index, a.start, a.end, _FLAGS[a.claim, a.attributed, a.vague, a.quoted])
                           for a in report.sentences)
    yield member + encode("findings") + ": "
    if pretty:
        yield from _list((_finding(report, f) for f in report.findings), encode, pretty)
    else:
        yield from _joined(_findings_text(report))
    if with_text:
        yield member + encode("text") + ": "
        # Escaping works character by character, so the text may be escaped a slice at a time.
        text = report.text
        yield '"'
        for k in range(0, len(text), _SLICE):
            yield encode(text[k:k + _SLICE])[1:-1]
        yield '"'
    yield "\n}" if pretty else "}"


def _list(values: Iterator[dict[str, Any]], encode: Callable[[Any], str], pretty: bool) -> Iterator[str]:
    """Yield the text of a list that is a member of the contract object, a batch of items at a time."""
    # Encoding items in batches keeps the encoder's per-call cost off each small item.
    first = True
    while batch := list(islice(values, _BATCH)):
        text = encode(batch)
        # The batch's own brackets come off; indented, its items are nested one level deeper.
        items = ("\n" + text[2:-2]).replace("\n", "\n  ") if pretty else text[1:-1]
        yield ("[" if first else "," if pretty else ", ") + items
        first = False
    yield "[]" if first else "\n  ]" if pretty else "]"


def _joined(items: Iterator[str]) -> Iterator[str]:
    """Yield the compact text of a list from the compact text of its items, a batch at a time."""
    first = True
    while batch := list(islice(items, _BATCH)):
        yield ("[" if first else ", ") + ", ".join(batch)
        first = False
    yield "[]" if first else "]"


_COMPACT = json.JSONEncoder(ensure_ascii=False)
_PRETTY = json.JSONEncoder(ensure_ascii=False, indent=2)
_SLICE = 1 << 16
_BATCH = 256


def _head(report: Report) -> dict[str, Any]:
    """Return the members of the contract object before its sentences."""
    doc = report.document
    s = report.scores
    return {
        "schema_version": SCHEMA_VERSION,
        "source": {"path": report.source.path, "format": report.source.format, "encoding": report.source.encoding,
                   **({"warnings": list(report.source.warnings)} if report.source.warnings else {})},
        "stats": {
            "words": doc.word_count, "sentences": len(doc.sentences), "paragraphs": len(doc.paragraphs),
            "quotations": len(doc.quotations), "reading_minutes": report.reading_minutes,
        },
        # Its fields are numbers: dataclasses.asdict would deep-copy each in Python.
        "readability": {name: getattr(report.readability, name) for name in _READABILITY},
        "scores": {
            "per_1000_words": {_VALUES[c]: d for c, d in s.densities},
            "counts": {_VALUES[c]: n for c, n in s.counts},
            "quoted_findings": s.quoted_findings,
            "claims": s.claims,
            "attributed_claims": s.attributed_claims,
            "attributed_share": s.attributed_share,
        },
    }


_READABILITY = tuple(f.name for f in dataclasses.fields(Readability))
# Each category's value, read once: an enum member's value property runs in Python on every read.
_VALUES = {c: c.value for c in Category}


def _sentence(a: SentenceAssessment) -> dict[str, Any]:
    return {"index": a.index, "start": a.start, "end": a.end, "claim": a.claim, "attributed": a.attributed,
            "vague_source": a.vague, "quoted": a.quoted}


# The compact text of `_sentence` and `_finding`, as json.dumps writes them: filling in a
# template takes a fraction of the time the encoder spends on each member of a small dict.
_SENTENCE = '{"index": %d, "start": %d, "end": %d, %s'
# The rest of a sentence's text, for each value of its four flags (claim, attributed, vague, quoted).
_FLAGS = {flags: '"claim": %s, "attributed": %s, "vague_source": %s, "quoted": %s}' % tuple(map(json.dumps, flags))
          for flags in product((False, True), repeat=4)}
# A finding's text is built from two pieces a lexicon entry fixes (see _findings_text).
_FINDING = '%s%d, "end": %d, "line": %d, "column": %d, "text": %s, %s'
_RULE = '{"rule": %s, "category": %s, "severity": %s, "start": '
_NOTE = '"message": %s, "why": %s, "alternative": %s, "voice": %s}'


def _findings_text(report: Report) -> Iterator[str]:
    """Yield the compact text of each finding of `report`."""
    # A list, bisected without making an int of each array item it reads.
    line_starts = list(report.document.line_starts)
    for f in report.findings:
        line = bisect_right(line_starts, f.start)  # as Document.line_col, without a call per finding
        yield _FINDING % (_rule_text(f.rule, f.category, f.severity), f.start, f.end, line,
                          f.start - line_starts[line - 1] + 1, _string(f.text),
                          _note_text(f.message, f.why, f.alternative, f.voice))


# The members a lexicon entry fixes recur from finding to finding and from report to report: each
# distinct set of them is escaped once per process, not once per finding. The caches are bounded:
# a scare quote's message and alternative hold its quoted words, new in every report.
@lru_cache(maxsize=1024)
def _rule_text(rule: str, category: Category, severity: Severity) -> str:
    # A member of a str enum is a str holding its value.
    return _RULE % (_string(rule), _string(category), _string(severity))


@lru_cache(maxsize=1024)
def _note_text(message: str, why: str, alternative: str | None, voice: Voice) -> str:
    return _NOTE % (_string(message), _why_text(why), "null" if alternative is None else _string(alternative),
                    _string(voice))


# A rule's "why" stays the same when its message names the words found (a scare quote's does).
_why_text = lru_cache(maxsize=256)(_string)


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


