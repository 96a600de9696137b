"""Flag the curated terms of every lexicon family: loaded terms, hedges, boosters and more."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..findings import Finding
from ..phrases import find_phrases


def detect(ctx: Context) -> Iterator[Finding]:
    """Yield a finding for each lexicon phrase in the text."""
    text = ctx.doc.text
    for m in find_phrases(ctx.doc, ctx.lexicons):
        e = m.entry
        yield Finding(
            rule=e.family.rule, category=e.family.category, severity=e.severity,
            start=m.start, end=m.stop, text=text[m.start:m.stop],
            message=e.message, why=e.why, alternative=e.alternative,
            voice=ctx.voice(m.start, m.stop),
        )
