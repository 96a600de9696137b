from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric import lexicon
from rhetoric.lexicon import Entry
from rhetoric.model import Document
from rhetoric.phrases import _fits, _possessive, _run, find_phrases
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
    for guard in entry.not_after:
        k = i - len(guard)
        if k >= 0 and norms[k] == guard[0] and _run(doc, k, i + 1, guard):
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
