"""Flag the curated terms of every lexicon family: loaded terms, hedges, boosters and more."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import cache

from ..complement import reports_speech
from ..context import Context
from ..extent import function_word, loaded_extent
from ..findings import Category, Finding
from ..headlines import title_case
from ..lexicon import Entry
from ..model import Document, from_columns
from ..negation import cancels, denied
from ..phrases import PhraseMatch
from ..prefilter import folded_needles, lower, needles, sentences_with


def detect(ctx: Context) -> Iterator[Finding]:
    """Yield a finding for each lexicon phrase in the text."""
    text = ctx.doc.text
    loaded_term = Category.LOADED_TERM  # read once: a member of an enum is slow to look up on its class
    loaded = [m for m in ctx.phrases if m.entry.family.category is loaded_term]
    # Only another loaded match stops a loaded phrase: a booster or hedge word inside it ("utterly
    # shameful") is part of the phrase as well as a finding of its own kind.
    covered = frozenset(i for m in loaded for i in range(m.first, m.end))
    nouns = frozenset(m.first for m in loaded if m.entry.noun)
    modified = frozenset(m.end for m in loaded if m.entry.modifier)
    rows = []
    for m in ctx.phrases:
        e = m.entry
        if e.family.not_after_possessive and _modified_noun(ctx.doc, modified, m):
            continue
        if e.reports and not reports_speech(ctx.doc, m.end, infinitive=e.reports == "clause or infinitive"):
            continue  # "claimed the title", "admitted two refugees": no statement is reported
        if _cancels(e.family.rule) and denied(ctx.doc, m.first):
            continue  # "not a masterpiece" is no puffery, "was not a traitor" applies no label
        if not e.case and _ends_a_name(ctx.doc, covered, m):
            continue
        if e.unless_credited and _credited(ctx, m):
            continue  # "The man allegedly fired four shots, according to the indictment": the source is named
        start, end = loaded_extent(ctx.doc, covered, nouns, m) if e.family.category is loaded_term \
            else (m.start, m.stop)
        rows.append((e.family.rule, e.family.category, e.severity, start, end, text[start:end],
                     _message(e, text[m.start:m.stop]), e.why, e.alternative, ctx.voice(start, end)))
    if rows:
        # Built a column at a time: a frozen dataclass's __init__ costs twice as much (see model.from_columns).
        yield from from_columns(Finding, *zip(*rows))
    yield from _pattern_findings(ctx)


def _credited(ctx: Context, m: PhraseMatch) -> bool:
    """Return whether the sentence of match `m` is credited to an identifiable source."""
    s = ctx.doc.sentence_at(m.start)
    return s is not None and ctx.sentences[s.index].attributed


def _message(e: Entry, found: str) -> str:
    """Return the entry's message, naming the form found where it opens by quoting another form.

    "“towering figure” is eulogistic praise" is said of "giant of" as "“giant of” is eulogistic praise";
    an inflection keeps the term ("“slam” dramatizes…" of "slammed").
    """
    message, term = e.message, e.term
    if found == term or not message.startswith("“") or not message.startswith(term, 1) \
            or message[len(term) + 1:len(term) + 2] != "”":
        return message
    found = " ".join(found.split())  # quoted as written ("Trump's handlers"), its line breaks as spaces
    return message if found.lower().startswith(term[:-1]) else f"“{found}{message[len(term) + 1:]}"


def _modified_noun(doc: Document, modified: frozenset[int], m: PhraseMatch) -> bool:
    """Return whether a verb of saying is a noun after a loaded adjective ("outrageous claims"),
    not a verb after an adverb ("disingenuously claims") nor a participle ("a fanatic raving")."""
    if m.first not in modified:
        return False
    tokens, text = doc.tokens, doc.text
    return text[tokens.ends[m.first - 1]:tokens.starts[m.first]] == " " \
        and not tokens.norms[m.first - 1].endswith("ly") and not tokens.norms[m.end - 1].endswith("ing")


def _ends_a_name(doc: Document, covered: frozenset[int], m: PhraseMatch) -> bool:
    """Return whether a one-word match is a surname: capitalised right after a capitalised word that
    is neither a function word nor a loaded match, and followed by a comma or a lower-case word
    ("Ryan Petty, whose", "Christopher Rants said"), or on a byline ("By Jill Lawless and Tom Savage").

    In a title-case headline ("Trump Slams Disgraceful Verdict") the next word is capitalised too, or a
    function word that title case keeps in lower case ("Whistleblower Drops Bombshell on Fulton County").
    """
    first, tokens, text = m.first, doc.tokens, doc.text
    if m.end - first != 1 or first == 0 or first - 1 in covered or not _title(doc, first) \
            or not _title(doc, first - 1) or function_word(tokens.norms[first - 1]) \
            or text[tokens.ends[first - 1]:tokens.starts[first]] != " ":
        return False
    if _byline(doc, first):
        return True
    if m.end >= len(tokens):
        return False
    gap = text[tokens.ends[first]:tokens.starts[m.end]]
    if gap == ", ":
        return True
    if gap != " " or not text[tokens.starts[m.end]].islower():
        return False
    if not function_word(tokens.norms[m.end]):
        return True
    s = doc.sentence_at(tokens.starts[first])
    return s is None or not title_case(doc, s)


def _byline(doc: Document, i: int) -> bool:
    """Return whether token i stands on a line that opens with "By" ("By Jill Lawless and Tom Savage")."""
    start = doc.line_starts[doc.line_col(doc.tokens.starts[i])[0] - 1]
    return doc.text.startswith(("By ", "BY "), start)


def _title(doc: Document, i: int) -> bool:
    word = doc.word(i)
    return word[:1].isupper() and word[1:].islower()


def _pattern_findings(ctx: Context) -> Iterator[Finding]:
    """Yield a finding for each match of a lexicon `pattern`, searched one sentence at a time.

    A match over words a term already matched adds nothing: the term's finding stands.
    """
    entries = ctx.lexicons.patterns
    if not entries:
        return
    doc = ctx.doc
    text = doc.text
    # A pattern is searched only in the sentences that hold a string it cannot match without
    # (most sentences hold no "-in-chief"); with no such string, in every sentence. A case-blind
    # pattern's strings are looked for in the text lower-cased, where the engine skips to them,
    # and not at all in a text that holds none of them.
    low = lower(text)
    every = range(len(doc.sentences))
    where: list[set[int]] = []
    for _, pattern in entries:
        folded = folded_needles(pattern.pattern, pattern.flags) if pattern.flags & _IGNORECASE else None
        if folded is not None and not any(map(low.__contains__, folded[1])):
            where.append(set())
        elif folded is not None and len(low) == len(text):  # (a character that changed length moves the offsets)
            where.append(set(sentences_with(folded[0], low, doc.sentences, doc.sentence_starts)))
        else:
            finder = _finder(pattern)
            where.append(set(every) if finder is None
                         else set(sentences_with(finder, text, doc.sentences, doc.sentence_starts)))
    starts = [m.start for m in ctx.phrases]
    for i in sorted(set().union(*where)):
        s = doc.sentences[i]
        # The sentence alone, so that ^ and $ mean its edges and no match runs into the next one.
        sentence = text[s.start:s.end]
        for (e, pattern), sentences in zip(entries, where):
            if i not in sentences:
                continue
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


_IGNORECASE = int(re.IGNORECASE)  # a plain int: `flags & re.IGNORECASE` would make an enum each time


# Whether a negation cancels a rule depends on the rule alone: decided once per rule, not per match.
_cancels = cache(cancels)


@cache
def _finder(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """Return the finder of the strings `pattern` cannot match without, read once per pattern."""
    return needles(pattern.pattern, pattern.flags)
