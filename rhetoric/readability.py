"""Readability formulas (as textstat defines them) over counts the Document already has."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import NamedTuple

from . import syllables
from .model import Document
from .render import counted

# Below this many words a readability grade says nothing about the text.
MIN_WORDS = 30
WORDS_PER_MINUTE = 238
# Sentences this long on average say that the text lacks its sentence punctuation (a raw transcript),
# which every formula counts on: news prose averages 15 to 25 words a sentence, and the wordiest of the
# benchmark's 1,211 articles 36. Not said of a text shorter than RUN_ON_TEXT words.
RUN_ON_WORDS = 80
RUN_ON_TEXT = 200


@dataclass(frozen=True, slots=True)
class Readability:
    """The standard readability figures; None where the text is too short."""

    flesch_reading_ease: float | None = None
    flesch_kincaid_grade: float | None = None
    gunning_fog: float | None = None
    smog_index: float | None = None
    coleman_liau_index: float | None = None
    automated_readability_index: float | None = None
    dale_chall_readability_score: float | None = None
    text_standard: float | None = None


# A NamedTuple, not a frozen dataclass: only this module makes one, and a dataclass compiles its
# six generated methods at every start.
class Counts(NamedTuple):
    """What the formulas are computed from."""

    words: int
    sentences: int
    syllables: int
    letters: int
    polysyllables: int
    difficult: int
    complex: int


@cache
def _easy_words() -> frozenset[str]:
    # Read textstat's Dale-Chall list without importing textstat (and nltk with it).
    spec = find_spec("textstat")
    assert spec is not None and spec.submodule_search_locations
    path = Path(list(spec.submodule_search_locations)[0]) / "resources" / "en" / "easy_words.txt"
    return frozenset(path.read_text(encoding="utf-8").split())


# A word's five figures are packed into one int below 2**63, so that a document's figures are sums in C
# over its tokens; an int that fits a C long is added by sum() without a new int object per token (a
# quarter of the instructions of 320-bit ints). The fields (letters, syllables, and whether the word is
# off the Dale-Chall easy list, polysyllabic, and both) cannot carry into the next as long as a word has
# at most _MOST_LETTERS letters and _MOST_SYLLABLES syllables and at most _CHUNK tokens are summed at once.
_SHIFTS = (0, 17, 33, 43, 53)
_MASKS = tuple((1 << (end - shift)) - 1 for shift, end in zip(_SHIFTS, (*_SHIFTS[1:], 63)))
_CHUNK = 1023
_MOST_LETTERS = 127
_MOST_SYLLABLES = 63
# What a word beyond those bounds stands for: no chunk of words within them sums to it.
_OUTSIZED = 1 << 63
# The distinct words remembered at most: memory stays flat whatever the number of files.
_REMEMBERED = 65536


# The three flags' fields of a word, by [off the easy list][polysyllabic]: one lookup instead of
# three shifts and ORs for every new word.
_FLAGS = ((0, 1 << _SHIFTS[3]), (1 << _SHIFTS[2], 1 << _SHIFTS[2] | 1 << _SHIFTS[3] | 1 << _SHIFTS[4]))


class _Known(dict[str, int]):
    """The packed figures of the words seen so far, computed on a miss.

    A dict's own subscript, called from C by map(), costs half as much as an lru_cache hit.
    """

    __slots__ = ("_easy",)

    def __init__(self, easy: frozenset[str]) -> None:
        super().__init__()
        self._easy = easy  # an attribute, not a call of the cached _easy_words() for every new word

    def __missing__(self, norm: str) -> int:
        """Pack a word's letters, syllables, and whether it is off the Dale-Chall easy list, polysyllabic, and both."""
        if len(self) >= _REMEMBERED:
            self.clear()
        letters, syl, hard = _figures(norm, self._easy)
        if letters > _MOST_LETTERS or syl > _MOST_SYLLABLES:
            return _OUTSIZED  # not remembered: no real word is this long
        found = self[norm] = letters | syl << _SHIFTS[1] | _FLAGS[hard][syl >= 3]
        return found


def _figures(norm: str, easy: frozenset[str]) -> tuple[int, int, bool]:
    """Return a word's letters, its syllables, and whether it is off the Dale-Chall easy list."""
    word = norm.replace("-", "").replace("'", "")
    return len(word), syllables.count(word), word not in easy


@cache
def _known() -> _Known:
    return _Known(_easy_words())


def count(doc: Document) -> Counts:
    """Count words, syllables, letters and hard words of the document."""
    norms = doc.tokens.norms
    # Every token is looked up: a Counter of them first costs more than it saves.
    get = _known().__getitem__
    parts = [sum(map(get, norms[start:start + _CHUNK])) for start in range(0, len(norms), _CHUNK)]
    if any(part >= _OUTSIZED for part in parts):
        letters, syl, difficult, poly, complex_ = _word_by_word(norms)
    else:
        letters, syl, difficult, poly, complex_ = (sum(part >> shift & mask for part in parts)
                                                   for shift, mask in zip(_SHIFTS, _MASKS))
    return Counts(len(doc.tokens), len(doc.sentences), syl, letters, poly, difficult, complex_)


def _word_by_word(norms: tuple[str, ...]) -> tuple[int, int, int, int, int]:
    """Return the sums of the five figures of `norms` word by word: one word is too long for its field."""
    letters = syl = difficult = poly = complex_ = 0
    easy = _easy_words()
    for norm in norms:
        length, n, hard = _figures(norm, easy)
        letters += length
        syl += n
        difficult += hard
        poly += n >= 3
        complex_ += hard and n >= 3
    return letters, syl, difficult, poly, complex_


def measure(doc: Document) -> Readability:
    """Return the readability figures of `doc`, or undefined ones for a short text."""
    c = count(doc)
    if c.words < MIN_WORDS or c.sentences == 0:
        return Readability()
    wps = c.words / c.sentences
    spw = c.syllables / c.words
    fre = 206.835 - 1.015 * wps - 84.6 * spw
    fkg = 0.39 * wps + 11.8 * spw - 15.59
    fog = 0.4 * (wps + 100 * c.complex / c.words)
    smog = 1.043 * math.sqrt(30 * c.polysyllables / c.sentences) + 3.1291 if c.sentences >= 3 else None
    cli = 0.058 * (100 * c.letters / c.words) - 0.296 * (100 * c.sentences / c.words) - 15.8
    ari = 4.71 * c.letters / c.words + 0.5 * wps - 21.43
    pdw = 100 * c.difficult / c.words
    dale = 0.1579 * pdw + 0.0496 * wps + (3.6365 if pdw > 5 else 0.0)
    return Readability(
        flesch_reading_ease=round(fre, 2), flesch_kincaid_grade=round(fkg, 2), gunning_fog=round(fog, 2),
        smog_index=None if smog is None else round(smog, 2), coleman_liau_index=round(cli, 2),
        automated_readability_index=round(ari, 2), dale_chall_readability_score=round(dale, 2),
        text_standard=_consensus(fkg, fre, smog, cli, ari, dale, fog),
    )


def caveat(doc: Document) -> str | None:
    """Return a warning when the text seems to lack sentence punctuation, which the formulas count on; else None."""
    words, sentences = doc.word_count, max(len(doc.sentences), 1)
    if words < RUN_ON_TEXT or words < RUN_ON_WORDS * sentences:
        return None
    return (f"its {counted(words, 'word')} make only {counted(sentences, 'sentence')} ({words // sentences:,} words "
            "each on average): if its sentence punctuation is missing, as in a raw transcript, the readability "
            "figures, which count sentences, mean little")


def reading_minutes(doc: Document) -> float:
    """Return the reading time in minutes at an adult's silent reading pace."""
    return round(len(doc.tokens) / WORDS_PER_MINUTE, 1)


def _consensus(fkg: float, fre: float, smog: float | None, cli: float, ari: float, dale: float,
               fog: float) -> float:
    """Return textstat's consensus grade: the most common grade among the formulas."""
    grades: list[int] = []
    for score in (fkg, smog, cli, ari, dale, fog):
        if score is not None:
            grades.extend([math.floor(score), math.ceil(score), round(score)])
    bands = ((90, 5), (80, 6), (70, 7), (60, 8), (50, 10), (40, 11), (30, 12))
    if 60 <= fre < 70:
        grades.extend([8, 9])
    else:
        grades.append(next((g for low, g in bands if low <= fre < (100 if low == 90 else low + 10)), 13))
    return float(Counter(grades).most_common(1)[0][0])
