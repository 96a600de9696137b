"""A phrase is found inside a longer quotation as the index of every quoted run of words found it."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric.detectors.scare_quotes import _Article, _within_longer, _words

_NORMS = st.sampled_from(["the", "new", "chapter", "a", "of", ",", ".", "“", "war", "fake", "news", "1"])
_KEYS = st.lists(st.lists(_NORMS, max_size=9).map(tuple), min_size=1, max_size=8)


def _indexed(key: tuple[str, ...], keys: list[tuple[str, ...]], most: int) -> bool:
    """The plain reading: every run of up to `most` words of every quotation, mapped to the longest holding it."""
    spans: dict[tuple[str, ...], int] = {}
    for words in sorted((_words(k) for k in keys), key=len):
        for n in range(1, min(most, len(words)) + 1):
            for j in range(len(words) - n + 1):
                spans[words[j:j + n]] = len(words)
    words = _words(key)
    return spans.get(words, 0) > len(words)


@settings(max_examples=200, deadline=None)
@given(_KEYS, st.integers(min_value=1, max_value=4), st.data())
def test_within_longer_agrees_with_an_index_of_every_quoted_run(keys: list[tuple[str, ...]], most: int,
                                                                 data: st.DataObject) -> None:
    art = _Article(counts=Counter(), keys=tuple(keys), max_words=most, credits={}, longer={}, within={})
    # Several questions of one article: the later ones search what the earlier ones joined.
    asked = data.draw(st.lists(st.one_of(st.sampled_from(keys), st.lists(_NORMS, max_size=5).map(tuple)),
                               min_size=1, max_size=4))
    for key in asked:
        assert _within_longer(key, art) is _indexed(key, keys, most), key
