"""The pipeline: text -> Document -> detectors -> Findings -> scores -> Report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from . import lexicon as lexicon_mod
from . import readability, sourcing
from .context import Context
from .detectors import DETECTORS, scare_quotes
from .findings import Finding
from .lexicon import Lexicons
from .phrases import find_phrases
from .report import Report, Source
from .scores import score
from .segment import segment
from .selection import Selection
from .turns import speaker_turns

if TYPE_CHECKING:
    from .suppress import Suppression


def analyze(text: str, *, lexicons: Lexicons | None = None, source: Source | None = None,
            include_quoted: bool = False, selection: Selection | None = None,
            suppressions: Sequence[Suppression] = (), quoted: Sequence[tuple[int, int]] = ()) -> Report:
    """Analyse `text` and return its Report.

    Findings the `selection` leaves out, or that `suppressions` switch off, are gone from the
    report and from its scores alike. `quoted` spans are quoted material whatever their quotation
    marks (a block quotation of Markdown or HTML: see extract).
    """
    lex = lexicons if lexicons is not None else lexicon_mod.load()
    doc = segment(text)
    phrases = tuple(find_phrases(doc, lex))
    turns = speaker_turns(doc, quoted)
    sentences = sourcing.assess(doc, phrases, turns)
    ctx = Context(doc, lex, sentences, phrases, scare_quotes.distancing(doc), turns)
    findings = sorted(
        (f for detect in DETECTORS for f in detect(ctx)),
        key=_order,
    )
    if selection is not None:
        findings = selection.apply(findings)
    if suppressions:
        from .suppress import apply  # imported only where there are comments to apply (see read.py)

        findings = apply(findings, suppressions)
    source = source or Source(path="<text>")
    caveat = readability.caveat(doc)
    if caveat is not None:  # carried with the warnings of its reading, which the output shows
        source = replace(source, warnings=(*source.warnings, caveat))
    return Report(
        source=source,
        document=doc,
        findings=tuple(findings),
        sentences=sentences,
        readability=readability.measure(doc),
        reading_minutes=readability.reading_minutes(doc),
        scores=score(doc.word_count, findings, sentences, include_quoted),
    )


def _order(f: Finding) -> tuple[int, int, str]:
    return f.start, -f.end, f.rule
