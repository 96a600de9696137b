from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric import lexicon
from rhetoric.lexicon import Entry
from rhetoric.model import Document
from rhetoric.phrases import (
    _fits,
    _function_words,
    _named,
    _names_before,
    _opens,
    _possessive,
    _run,
    _set_off,
    find_phrases,
)
from rhetoric.segment import segment


@cache
def _guarded() -> tuple[Entry, ...]:
    return tuple(e for e in lexicon.load().entries if e.not_after or e.not_before)


def _plain_fits(doc: Document, i: int, j: int, entry: Entry) -> bool:
    """_fits as it was written before its guards' loops compared the word next to the phrase first."""
    text, norms = doc.text, doc.tokens.norms
    starts, ends = doc.tokens.starts, doc.tokens.ends
    if entry.case and entry.cased != tuple(text[starts[k]:ends[k]] for k in range(i, j)):
        return False
    if entry.family.not_after_possessive and i > 0 and _possessive(doc, i - 1):
        return False
    if entry.opens is not None and not _opens(doc, i, entry.opens == "clause") or entry.set_off and not _set_off(doc, j):
        return False
    if entry.not_after_name and _named(doc, i):
        return False
    for guard in entry.not_after:
        k = i - len(guard)
        if k >= 0 and norms[k] == guard[0] and _run(doc, k, i + 1, guard):
            return False
        for name in _names_before(doc, i):
            if not text[starts[name - 1]].isupper() or norms[name - 1] in _function_words():
                break
            k = name - len(guard)
            if k >= 0 and norms[k] == guard[0] and _run(doc, k, name + 1, guard):
                return False
    for guard in entry.not_before:
        if j < len(norms) and norms[j] == guard[0] and _run(doc, j - 1, j + len(guard), (norms[j - 1], *guard)):
            return False
    return True


@st.composite
def _texts(draw: st.DrawFn) -> tuple[Entry, str]:
    """An entry with guards, and a text of its term, its guards' words and others, apart by spaces, hyphens or commas."""
    entry = draw(st.sampled_from(_guarded()))
    words = [entry.term, *(w for g in (*entry.not_after, *entry.not_before) for w in g), "the", "Trump's", "voters'"]
    parts = draw(st.lists(st.tuples(st.sampled_from(words), st.sampled_from([" ", " ", "-", ", ", "’ "])),
                          min_size=1, max_size=12))
    return entry, "".join(w + sep for w, sep in parts)


@settings(max_examples=300, deadline=None)
@given(_texts())
def test_fits_agrees_with_the_plain_loops(case: tuple[Entry, str]) -> None:
    entry, text = case
    doc = segment(text)
    n = len(doc.tokens)
    for i in range(n):
        for j in range(i + 1, min(i + 4, n) + 1):
            assert _fits(doc, i, j, entry) == _plain_fits(doc, i, j, entry), (text, i, j)


def test_a_guard_on_either_side_stops_a_match() -> None:
    lex = lexicon.load()
    claim = next(e for e in _guarded() if e.term == "claim")
    before, after = claim.not_after[0], claim.not_before[0]
    for text, found in ((f"We doubt {' '.join(before)} claim.", False), (f"They claim {' '.join(after)}.", False),
                        ("They claim that it failed.", True)):
        doc = segment(text)
        hits = [m for m in find_phrases(doc, lex) if m.entry.term == "claim"]
        assert bool(hits) is found, text


def _plain_phrases(doc: Document, lex: lexicon.Lexicons) -> list[tuple[int, int, Entry]]:
    """find_phrases as a search over the whole table: at each token, the longest phrase that fits."""
    text, norms = doc.text, doc.tokens.norms
    starts, ends = doc.tokens.starts, doc.tokens.ends
    keys = list(lex.table)
    found, i = [], 0
    while i < len(norms):
        match = None
        for j in range(i + 1, len(norms) + 1):
            if j > i + 1 and not text[ends[j - 2]:starts[j - 1]].isspace():
                break
            key = " ".join(norms[i:j])
            if key not in lex.table and not any(k.startswith(key + " ") for k in keys):
                break
            match = next(((i, j, e) for e in lex.table.get(key, ()) if _fits(doc, i, j, e)), match)
        if match is not None:
            found.append(match)
        i = match[1] if match is not None else i + 1
    return found


@cache
def _phrases() -> tuple[str, ...]:
    return tuple(lexicon.load().table)


@cache
def _phrase_words() -> tuple[str, ...]:
    return tuple(sorted({w for key in _phrases() for w in key.split(" ")}))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.sampled_from(_phrases()), st.sampled_from(_phrase_words()),
                                    st.sampled_from(["the", "Trump's", "said"])),
                          st.sampled_from([" ", " ", " ", "-", ", ", "\n"])), min_size=1, max_size=10))
def test_find_phrases_agrees_with_a_search_of_the_whole_table(parts: list[tuple[str, str]]) -> None:
    lex = lexicon.load()
    doc = segment("".join(w + sep for w, sep in parts))
    assert [(m.first, m.end, m.entry) for m in find_phrases(doc, lex)] == _plain_phrases(doc, lex)
