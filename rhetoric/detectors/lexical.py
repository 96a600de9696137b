"""Flag the curated terms of every lexicon family: loaded terms, hedges, boosters and more."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..findings import Category, Finding
from ..model import Document
from ..phrases import PhraseMatch

# Words that cannot be the noun a loaded adjective frames ("reckless and", "absurd to").
_NOT_HEADS = frozenset(
    """a an the and or but nor of to in on at for with by from as that this these those is are was were be been
    being am it its his her their our my your he she they we i you him them us me not no so than then there here
    who whom whose which what when where why how if because while about into over after before under between
    through during without within against among upon off out up down too very more most less least also even
    just only still yet enough indeed has have had do does did will would can could should may might must shall
    all any both each either neither every some such one two""".split()
)


_ADJECTIVE_ENDINGS = ("ous", "ful", "ive", "ic", "al", "less", "able", "ible", "ish", "ant", "ent", "ary", "ist", "ian")


def detect(ctx: Context) -> Iterator[Finding]:
    """Yield a finding for each lexicon phrase in the text."""
    text = ctx.doc.text
    for m in ctx.phrases:
        e = m.entry
        start, end = m.start, m.stop
        if e.family.category is Category.LOADED_TERM:
            if e.modifier:
                end = _framed_noun_end(ctx, m)
            elif e.noun:
                start = _own_modifier_start(ctx, m)
        yield Finding(
            rule=e.family.rule, category=e.family.category, severity=e.severity,
            start=start, end=end, text=text[start:end],
            message=e.message, why=e.why, alternative=e.alternative,
            voice=ctx.voice(start, end),
        )
    yield from _pattern_findings(ctx)


def _pattern_findings(ctx: Context) -> Iterator[Finding]:
    """Yield a finding for each match of a lexicon `pattern`, searched one sentence at a time."""
    entries = [e for e in ctx.lexicons.entries if e.pattern is not None]
    if not entries:
        return
    text = ctx.doc.text
    for s in ctx.doc.sentences:
        # The sentence alone, so that ^ and $ mean its edges and no match runs into the next one.
        sentence = text[s.start:s.end]
        for e in entries:
            for m in e.pattern.finditer(sentence):  # type: ignore[union-attr]
                start, end = s.start + m.start(), s.start + m.end()
                yield Finding(
                    rule=e.family.rule, category=e.family.category, severity=e.severity,
                    start=start, end=end, text=text[start:end],
                    message=e.message, why=e.why, alternative=e.alternative,
                    voice=ctx.voice(start, end),
                )


def _own_modifier_start(ctx: Context, m: PhraseMatch) -> int:
    """Return where the loaded phrase starts: at an adjective right before a loaded noun, if any."""
    doc: Document = ctx.doc
    if m.first == 0:
        return m.start
    prev = doc.tokens[m.first - 1]
    word = doc.text[prev.start:prev.end]
    if doc.text[prev.end:m.start] != " " or not word.isalpha() or not word.islower():
        return m.start
    if prev.norm in _NOT_HEADS or not prev.norm.endswith(_ADJECTIVE_ENDINGS) or prev.norm in ctx.lexicons.trie:
        return m.start
    return prev.start


def _framed_noun_end(ctx: Context, m: PhraseMatch) -> int:
    """Return where the loaded phrase ends: after the noun a loaded adjective frames, if one follows."""
    doc: Document = ctx.doc
    tokens = doc.tokens
    if m.end >= len(tokens) or tokens[m.end - 1].norm.endswith("ly"):
        return m.stop
    head = tokens[m.end]
    word = doc.text[head.start:head.end]
    if doc.text[m.stop:head.start] != " " or not word.isalpha() or not word.islower():
        return m.stop
    if head.norm in _NOT_HEADS or head.norm.endswith("ly") or head.norm in ctx.lexicons.trie:
        return m.stop
    return head.end
