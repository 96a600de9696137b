"""Flag the curated terms of every lexicon family: loaded terms, hedges, boosters and more."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from ..context import Context
from ..extent import loaded_extent
from ..findings import Category, Finding
from ..negation import cancels, denied


def detect(ctx: Context) -> Iterator[Finding]:
    """Yield a finding for each lexicon phrase in the text."""
    text = ctx.doc.text
    loaded = [m for m in ctx.phrases if m.entry.family.category is Category.LOADED_TERM]
    # Only another loaded match stops a loaded phrase: a booster or hedge word inside it ("utterly
    # shameful") is part of the phrase as well as a finding of its own kind.
    covered = frozenset(i for m in loaded for i in range(m.first, m.end))
    nouns = frozenset(m.first for m in loaded if m.entry.noun)
    for m in ctx.phrases:
        e = m.entry
        if cancels(e.family.rule) and denied(ctx.doc, m.first):
            continue  # "not a masterpiece" is no puffery, "was not a traitor" applies no label
        start, end = loaded_extent(ctx.doc, covered, nouns, m) if e.family.category is Category.LOADED_TERM \
            else (m.start, m.stop)
        yield Finding(
            rule=e.family.rule, category=e.family.category, severity=e.severity,
            start=start, end=end, text=text[start:end],
            message=e.message, why=e.why, alternative=e.alternative,
            voice=ctx.voice(start, end),
        )
    yield from _pattern_findings(ctx)


def _pattern_findings(ctx: Context) -> Iterator[Finding]:
    """Yield a finding for each match of a lexicon `pattern`, searched one sentence at a time.

    A match over words a term already matched adds nothing: the term's finding stands.
    """
    entries = ctx.lexicons.patterns
    if not entries:
        return
    text = ctx.doc.text
    starts = [m.start for m in ctx.phrases]
    for s in ctx.doc.sentences:
        # The sentence alone, so that ^ and $ mean its edges and no match runs into the next one.
        sentence = text[s.start:s.end]
        for e, pattern in entries:
            for m in pattern.finditer(sentence):
                start, end = s.start + m.start(), s.start + m.end()
                k = bisect_left(starts, end) - 1  # the last term match starting before this one ends
                if k >= 0 and ctx.phrases[k].stop > start:
                    continue
                yield Finding(
                    rule=e.family.rule, category=e.family.category, severity=e.severity,
                    start=start, end=end, text=text[start:end],
                    message=e.message, why=e.why, alternative=e.alternative,
                    voice=ctx.voice(start, end),
                )
