"""Read from a regular expression's parse tree what text it cannot match without, to skip searching the rest.

Searching every sentence with every pattern costs a call into the engine each time, and
a pattern opening on `\\b` is tried by the engine at every character of a text; yet most
sentences lack what a pattern needs. Necessary conditions are read once, when the
pattern loads, from the stdlib's own parse tree, so they hold by construction:

- needles: strings one of which every match contains ("-in-chief", "?"), or else a run of
  a listed character set (two capitals for an acronym);
- starters: strings one of which every match begins with ("percent", "%");
- openers: for a pattern anchored at the start, the words one of which must open the text
  ("we", "and", "of" for `^\\W*(?:(?:and|of course)\\W+)*we\\b`);
- chain: for a pattern whose matches are a few whole words, the strings every match ends with
  ("ed"), from which the words a match may begin at are read backwards;
- classes: the classes of characters every match opens on (two capitals for an acronym), found
  in the text projected a byte a character.

Each is None when the tree gives nothing definite. tests/test_prefilter.py checks the
readings on tricky patterns and against random text.

A compiled pattern can also be stored as the code re's compiler hands the engine (`form`) and
remade from it without parsing or compiling (`restored`): the claim signals are (claims.py).
"""

from __future__ import annotations

import _sre  # the stdlib's regex engine, behind the re module
import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from enum import Enum
from functools import cache
from itertools import repeat
from re import _compiler  # type: ignore[attr-defined]
from re import _constants as C  # type: ignore[attr-defined]  # the stdlib's own regex parser
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any, NamedTuple

from .model import Sentence

# A parsed node is (opcode, argument); see regex_safety.py.
_Node = tuple[Any, Any]

# Above this many strings a reading is dropped: the finder would cost more than it saves.
_MAX_STRINGS = 200
_WORD = re.compile(r"\w")
_WORD_RUN = re.compile(r"\w+")
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)


def needles(pattern: str, flags: int = 0) -> re.Pattern[str] | None:
    """Return a pattern finding the strings one of which every match of `pattern` holds, or None.

    The finder is compiled with the pattern's flags, so that it folds case exactly as the
    pattern's own letters do.
    """
    parsed = _parse(pattern, flags)
    if parsed is None:
        return None
    nodes, flags = parsed
    strings = _required(nodes)
    if not strings:
        run = _set_run(nodes)
        return None if run is None else re.compile(run, flags & re.IGNORECASE)
    alternatives = "|".join(re.escape(s) for s in sorted(strings))
    return re.compile(alternatives, flags & re.IGNORECASE)


def _set_run(nodes: list[_Node]) -> str | None:
    """Return a run of one listed character set the pattern takes at least twice ("[A-Z]{2}" of an acronym), or None.

    Sets such as \\w or \\d are left out: runs of them are everywhere.
    """
    for op, av in nodes:
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 2 and len(av[2]) == 1 and av[2][0][0] is C.IN:
            items = av[2][0][1]
            if items and all(iop in (C.LITERAL, C.RANGE) for iop, _ in items):
                chars = "".join(re.escape(chr(iav)) if iop is C.LITERAL
                                else f"{re.escape(chr(iav[0]))}-{re.escape(chr(iav[1]))}" for iop, iav in items)
                return f"[{chars}]{{{min(av[0], 3)}}}"
    return None


def starters(pattern: str, flags: int = 0) -> re.Pattern[str] | None:
    """Return a pattern finding the strings one of which every match of `pattern` begins with, or None."""
    parsed = _parse(pattern, flags)
    kept = None if parsed is None else _beginnings(parsed[0])
    if parsed is None or kept is None:
        return None
    return re.compile("|".join(re.escape(s) for s in kept), parsed[1] & re.IGNORECASE)


def beginnings(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Return the strings `starters` finds (none begins with another), or None; None too if case is ignored."""
    parsed = _parse(pattern, flags)
    return None if parsed is None or parsed[1] & re.IGNORECASE else _beginnings(parsed[0])


def _beginnings(nodes: list[_Node]) -> tuple[str, ...] | None:
    return _affixes(nodes, at_end=False)


def _endings(nodes: list[_Node]) -> tuple[str, ...] | None:
    """Return strings one of which every match of the nodes ends with (none ends with another), or None."""
    return _affixes(nodes, at_end=True)


def tails(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Return strings one of which every match of `pattern` ends with (none ends with another), or None.

    Unlike the endings `chain` reads, which are all the fixed text at the end, an alternative at the end
    gives the tails of each of its branches ("most" or "est" for `(?:most|\\w{3,}est)\\b`). None too if case is ignored.
    """
    parsed = _parse(pattern, flags)
    return None if parsed is None or parsed[1] & re.IGNORECASE else _tails(parsed[0])


def _tails(nodes: list[_Node]) -> tuple[str, ...] | None:
    if (found := _endings(nodes)) is not None:
        return found
    last = next((node for node in reversed(nodes) if node[0] not in _ZERO_WIDTH), None)
    if last is None or last[0] not in (C.SUBPATTERN, C.BRANCH):
        return None
    if last[0] is C.SUBPATTERN:
        return _tails(list(last[1][3]))
    strings: set[str] = set()
    for branch in last[1][1]:
        if (found := _tails(list(branch))) is None:
            return None
        strings.update(found)
    return _shortest(strings, at_end=True)


def _affixes(nodes: list[_Node], at_end: bool) -> tuple[str, ...] | None:
    """Return strings one of which every match begins (or, `at_end`, ends) with, none holding another so; or None."""
    strings: set[str] = {""}
    for node in reversed(nodes) if at_end else nodes:
        if node[0] in _ZERO_WIDTH:
            continue
        choices = _strings([node])
        longer = None if choices is None else _product(choices, strings) if at_end else _product(strings, choices)
        if longer is None:
            break
        strings = longer
    return None if "" in strings else _shortest(strings, at_end)


def _shortest(strings: set[str], at_end: bool) -> tuple[str, ...]:
    """Return the strings that begin (`at_end`: end) with none of the others."""
    # A string that begins with another is found where that one is: the engine need not try it.
    # Sorted (backwards for endings), such a string follows the shortest string it begins (ends) with.
    kept: list[str] = []
    for s in sorted(strings, key=(lambda x: x[::-1]) if at_end else None):
        if not kept or not (s.endswith(kept[-1]) if at_end else s.startswith(kept[-1])):
            kept.append(s)
    return tuple(kept)


def _ends_on_boundary(nodes: list[_Node]) -> bool:
    """Return whether the nodes assert \\b after the last character they take."""
    for op, av in reversed(nodes):
        if op is C.AT and av is C.AT_BOUNDARY:
            return True
        if op not in _ZERO_WIDTH:
            return False
    return False


def _first_chars(nodes: list[_Node]) -> set[str] | None:
    """Return the characters one of which every match of the nodes opens on, if the pattern lists them; else None."""
    for op, av in nodes:
        if op in _ZERO_WIDTH:
            continue
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            return _first_chars(list(av[2])) if av[0] >= 1 else None
        if op is C.SUBPATTERN:
            return _first_chars(list(av[3]))  # one that may take nothing opens on no known character
        if op is C.BRANCH:
            return _union(_first_chars(list(b)) for b in av[1])
        if op is C.LITERAL:
            return {chr(av)}
        if op is C.IN and all(iop is C.LITERAL or iop is C.RANGE and iav[1] - iav[0] < _MAX_STRINGS
                              for iop, iav in av):
            return {chr(x) for iop, iav in av for x in ([iav] if iop is C.LITERAL else range(iav[0], iav[1] + 1))}
        return None
    return None


def _spaced(nodes: list[_Node]) -> bool:
    """Return whether every match of the nodes takes some white space."""
    for op, av in nodes:
        repeated = op in (C.MAX_REPEAT, C.MIN_REPEAT)
        if repeated and av[0] == 0:
            continue
        if _takes(op, av) is _Takes.SPACE:
            return True
        if op is C.SUBPATTERN and _spaced(list(av[3])) or repeated and _spaced(list(av[2])):
            return True
        if op is C.BRANCH and all(_spaced(list(b)) for b in av[1]):
            return True
    return False


def _gaps(nodes: list[_Node]) -> int | None:
    """Return the most runs of white space a match of the nodes holds; None if they take more than words and space."""
    total = 0
    for op, av in nodes:
        n: int | None
        if op in _ZERO_WIDTH:
            continue
        takes = _takes(op, av)
        if takes is _Takes.WORD:
            continue
        if takes is _Takes.SPACE:
            n = 1  # one run, however long
        elif op is C.SUBPATTERN:
            n = _gaps(list(av[3]))
        elif op is C.BRANCH:
            counts = [_gaps(list(b)) for b in av[1]]
            n = None if None in counts else max(counts)  # type: ignore[type-var]
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            inner = _gaps(list(av[2]))
            n = None if inner is None or inner and av[1] == C.MAXREPEAT else inner * av[1]
        else:
            return None
        if n is None:
            return None
        total += n
    return total


class _Takes(Enum):
    WORD = "word characters only"
    SPACE = "white space only, one stretch of it"


def _takes(op: Any, av: Any) -> _Takes | None:
    """Return what a node (a character, a set, or a repeat of one set) takes, if only word characters or white space."""
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) and len(av[2]) == 1:
        return _takes(*av[2][0])
    if op is C.LITERAL:
        items = [(op, av)]
    elif op is C.IN:
        items = av
    else:
        return None
    kinds = set()
    for iop, iav in items:
        if iop is C.LITERAL:
            kinds.add(_Takes.WORD if _WORD.match(chr(iav)) else _Takes.SPACE if chr(iav).isspace() else None)
        elif iop is C.CATEGORY:
            kinds.add({C.CATEGORY_WORD: _Takes.WORD, C.CATEGORY_DIGIT: _Takes.WORD,
                       C.CATEGORY_SPACE: _Takes.SPACE}.get(iav))
        elif iop is C.RANGE and iav[1] - iav[0] < 1000:
            kinds.add(_Takes.WORD if all(_WORD.match(chr(x)) for x in range(iav[0], iav[1] + 1)) else None)
        else:
            return None  # a negated set, a wide range
    return kinds.pop() if len(kinds) == 1 else None


def positions(text: str, strings: Sequence[str]) -> list[int]:
    """Return, in order, the offset of every occurrence of each of `strings` in `text`."""
    # str.find skips to the next occurrence in C (memchr for one character): a regex for the set
    # of strings would test it at every character.
    found = []
    for s in strings:
        at = text.find(s)
        while at >= 0:
            found.append(at)
            at = text.find(s, at + 1)
    found.sort()
    return found


def sentences_holding(text: str, strings: Sequence[str], starts: Sequence[int]) -> set[int]:
    """Return the indices of the sentences (by their `starts`) that may hold one of `strings`: at least every one that does."""
    # One str.find pass per string over the whole text, and the sentences placed by bisection in C. A string
    # found between two sentences is given to the one before, which is harmless.
    return {i - 1 for i in set(map(bisect_right, repeat(starts), positions(text, strings)))}


# A text's classes (`classes`, `project`): ASCII capitals and digits, each one byte. Small letters
# are left out: most words hold them, and the engine finds them no slower.
_CLASS_RANGES = {(ord("A"), ord("Z")): "A", (ord("0"), ord("9")): "0"}


def _projection() -> bytes:
    """Return the table `project` translates by: each class's range to its byte, any other byte to "."."""
    # A slice a class: a generator testing each of the 256 bytes took about a million instructions at every start.
    table = bytearray(b"." * 256)
    for (lo, hi), cls in _CLASS_RANGES.items():
        table[lo:hi + 1] = cls.encode() * (hi - lo + 1)
    return bytes(table)


_PROJECTION = _projection()
# Maps a projection's bytes: each class's byte projects to itself, so dropping "A" from the table drops capitals.
_LOWERED = _PROJECTION.replace(b"A", b".")
_DIGIT = re.compile(r"\d")
_ASCII = bytes(range(128))


def classes(pattern: str, flags: int = 0) -> bytes | None:
    """Return the classes of the characters every match of `pattern` opens on ("AA" for two capitals), or None.

    Found in `project(text)`, they are where a match may begin. None if the pattern ignores case,
    or opens on no such class, or on one capital only: one capital opens every sentence.
    """
    parsed = _parse(pattern, flags)
    if parsed is None or parsed[1] & re.IGNORECASE:
        return None
    found = ""
    for op, av in parsed[0]:
        if op in _ZERO_WIDTH:
            continue
        repeated = op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1 and len(av[2]) == 1
        cls = _class(*av[2][0]) if repeated else _class(op, av)
        if cls is None:
            break
        count = av[0] if repeated else 1
        found += cls * min(count, 4)
        if repeated and (av[0] != av[1] or count > 4):
            break  # what follows may lie further on
    return found.encode() if found and found != "A" else None


def _class(op: Any, av: Any) -> str | None:
    """Return the class a node takes one character of, if it is a whole class of `project`; else None."""
    if op is not C.IN or len(av) != 1:
        return None
    iop, iav = av[0]
    if iop is C.CATEGORY and iav is C.CATEGORY_DIGIT:
        return "0"  # see project: no decimal digit beyond ASCII then
    return _CLASS_RANGES.get(iav) if iop is C.RANGE else None


def project(text: str, wide_digit: bool | None = None) -> bytes | None:
    """Return `text` a byte a character: its ASCII capitals as "A", its digits as "0", the rest as ".".

    None if the text holds a decimal digit beyond ASCII: \\d would match it, and "0" would not mark
    it. `wide_digit` says whether it does, if that is known (see `has_digit`).
    """
    # Latin-1 holds no decimal digit but ASCII's; a "?" may hide one, so the few characters beyond
    # ASCII (picked out in C) are searched for one.
    if wide_digit is None:
        wide_digit = not text.isascii() and has_digit(
            text.encode("utf-8", "surrogatepass").translate(None, _ASCII).decode("utf-8", "surrogatepass"))
    # Encoded a byte a character ("?" for any beyond Latin-1), then mapped in one C pass.
    return None if wide_digit else text.encode("latin-1", "replace").translate(_PROJECTION)


def projected(pattern: str, flags: int = 0) -> re.Pattern[bytes] | None:
    """Return a pattern that matches `project(text)` where `pattern` matches `text`, or None.

    Only a pattern made of digits, non-digits and repeats of them is read so ("\\d[^\\d]+\\d"): a
    character is a digit exactly where its byte is "0", and the engine tests a byte without a set.
    """
    # Most patterns are ruled out by their first node: read before _parse checks the flags of every group.
    if flags & re.VERBOSE or (body := _projected(list(tree(pattern)))) is None or _parse(pattern, flags) is None:
        return None
    return re.compile(body.encode())


def _projected(nodes: list[_Node]) -> str | None:
    out = ""
    for op, av in nodes:
        if op is C.IN and av == [(C.CATEGORY, C.CATEGORY_DIGIT)]:
            out += "0"
        elif op is C.IN and av in ([(C.NEGATE, None), (C.CATEGORY, C.CATEGORY_DIGIT)],
                                   [(C.CATEGORY, C.CATEGORY_NOT_DIGIT)]):
            out += "[^0]"
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and (inner := _projected(list(av[2]))) is not None:
            high = "" if av[1] == C.MAXREPEAT else av[1]
            out += f"(?:{inner}){{{av[0]},{high}}}{'?' if op is C.MIN_REPEAT else ''}"
        else:
            return None
    return out or None


def has_digit(text: str) -> bool:
    """Return whether `text` holds a decimal digit (what \\d matches)."""
    return _DIGIT.search(text) is not None


def lowered(projected: bytes) -> bytes:
    """Return `project(text.lower())` from `projected`, `project(text)`, if lower-casing kept the text's length.

    Each character is then lower-cased alone, in its place: digits stay, and no character becomes an ASCII capital.
    """
    return projected.translate(_LOWERED)


def search_classed(pattern: re.Pattern[str], opening: bytes, projected: bytes, text: str,
                   pos: int) -> re.Match[str] | None:
    """Return what `pattern.search(text, pos)` returns, trying the pattern only where `projected` holds `opening`.

    `opening` is the pattern's `classes`, `projected` is `project(text)`. bytes.find skips to the
    classes in C, where the engine would test a set of first characters at every character.
    """
    at = projected.find(opening, pos)
    while at >= 0:
        if (m := pattern.match(text, at)) is not None:
            return m
        at = projected.find(opening, at + 1)
    return None


def search_at(pattern: re.Pattern[str], places: Sequence[int], text: str, pos: int) -> re.Match[str] | None:
    """Return what `pattern.search(text, pos)` returns, trying the pattern only at `places`.

    `places` are in order and hold where every match may begin (`positions` of the pattern's
    `beginnings`): str.find found them in C, where the engine would test every character.
    """
    for k in range(bisect_left(places, pos), len(places)):
        # match() at a position is what a search tries there: look-behinds and \b see the text before it.
        if (m := pattern.match(text, places[k])) is not None:
            return m
    return None


def finditer_at(pattern: re.Pattern[str], strings: Sequence[str], text: str) -> Iterator[re.Match[str]]:
    """Yield what `pattern.finditer(text)` yields, trying the pattern only where one of `strings` begins.

    Every match must begin with one of the strings (`beginnings`, read without IGNORECASE), and
    `pattern` must not match the empty string. str.find skips to a string in C far faster than the
    engine tests a set of first characters at every position, as a pattern listing them would.
    """
    places, pos = positions(text, strings), 0
    while (m := search_at(pattern, places, text, pos)) is not None:
        yield m
        pos = m.end()


class Chain(NamedTuple):
    """Where matches of a pattern that is a chain of words may begin (see `chain`); both read the reversed text."""

    # A NamedTuple, not a frozen dataclass: made once per process for a claim signal, and quicker to define at start.

    ends: re.Pattern[str]  # a string every match ends with, and the rest of the word it ends
    words: re.Pattern[str]  # matched at the last character `ends` took: marks the words a match may begin at


def chain(pattern: str, flags: int = 0) -> Chain | None:
    """Return how to find the words a match may begin with, if every match is a chain of words; else None.

    Such a pattern opens on \\b before a word character, takes nothing but word characters and
    white space, with at most a few runs of white space, and ends with one of a few strings of
    word characters ("ed" of `\\b[A-Z][a-z]+\\s+\\w+ed\\b`). A match then begins at the word it
    ends in, or at one of the words before that only white space parts from it, as many as the
    pattern can span (`finditer_chained`). None too if the pattern ignores case.
    """
    parsed = _parse(pattern, flags)
    if parsed is None or parsed[1] & re.IGNORECASE:
        return None
    nodes = parsed[0]
    firsts = _first_chars(nodes[1:])
    if not nodes or nodes[0] != (C.AT, C.AT_BOUNDARY) or not firsts or not all(_WORD.match(c) for c in firsts):
        return None
    gaps, endings = _gaps(nodes), _endings(nodes)
    if gaps is None or endings is None or not all(_WORD_RUN.fullmatch(s) for s in endings):
        return None
    # Backwards, a string is followed by the rest of its word, then by each word before it. A match
    # followed by \\b ends where a word does: only such strings are read. An empty group marks a
    # word that opens on one of `firsts` (a look-behind, as the text runs backwards); a match
    # that takes white space begins before the word it ends in.
    strings = "|".join(re.escape(s[::-1]) + (rf"(?<=\b{re.escape(s[::-1])})" if _ends_on_boundary(nodes) else "")
                       for s in endings)
    mark = f"(?:((?<=[{_ranges(firsts)}]))|)"
    marks = ("" if _spaced(nodes) else mark) + (r"(?:\s++\w++" + mark + "|)") * gaps
    # The word is taken whole: the next string is looked for in another word, so that each is read a few times at most.
    # `words` opens on that word's last character (backwards; its first in the text), which it may mark.
    return Chain(re.compile(rf"(?:{strings})\w*+"), re.compile(rf"\w{marks}"))


def _ranges(chars: set[str]) -> str:
    """Return a character set's inside listing `chars`, runs of consecutive ones as ranges ("A-Zhst")."""
    runs: list[list[int]] = []
    for code in sorted(map(ord, chars)):
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return "".join(re.escape(chr(a)) + ("" if b == a else re.escape(chr(b)) if b == a + 1 else f"-{re.escape(chr(b))}")
                   for a, b in runs)


def finditer_chained(pattern: re.Pattern[str], chained: Chain, text: str, backwards: str) -> Iterator[re.Match[str]]:
    """Yield what `pattern.finditer(text)` yields, trying the pattern only where the words `chained` marks begin.

    `chained` is the pattern's `chain`, `backwards` is `text[::-1]`. The engine finds the strings
    every match ends with far faster than it tries a pattern that opens on \\b at every word.
    """
    n = len(text)
    last = (hit.end() - 1 for hit in chained.ends.finditer(backwards))
    found = map(chained.words.match, repeat(backwards), last)
    # A group's end in the reversed text is where a word begins in the text (-1: it took no part).
    starts = sorted({n - end for hit in found if hit is not None for _, end in hit.regs[1:] if end >= 0})
    pos = 0
    # The pattern is tried at every start in C; those within a match yielded before are passed over, as finditer does.
    for m in filter(None, map(pattern.match, repeat(text), starts)):
        if m.start() >= pos:
            yield m
            pos = m.end()


def search(pattern: re.Pattern[str], starter: re.Pattern[str], text: str, pos: int,
           endpos: int) -> re.Match[str] | None:
    """Return what `pattern.search(text, pos, endpos)` returns, trying the pattern only where a starter begins."""
    while (start := starter.search(text, pos, endpos)) is not None:
        if (m := pattern.match(text, start.start(), endpos)) is not None:
            return m
        pos = start.start() + 1
    return None


def short_sighted(pattern: str, flags: int = 0) -> bool:
    """Return whether the pattern looks no further ahead than the character after the text it takes.

    Only \\b and \\B look ahead then: no look-ahead group, no $. Cutting the text one character
    after a match then changes no match.
    """
    parsed = _parse(pattern, flags)
    return parsed is not None and _short_sighted(parsed[0])


def _short_sighted(nodes: list[_Node]) -> bool:
    for op, av in nodes:
        if op is C.AT and av not in (C.AT_BOUNDARY, C.AT_NON_BOUNDARY, C.AT_BEGINNING, C.AT_BEGINNING_STRING):
            return False
        if op in (C.ASSERT, C.ASSERT_NOT) and (av[0] >= 0 or not _short_sighted(list(av[1]))):
            return False  # a look-ahead
        if op is C.SUBPATTERN and not _short_sighted(list(av[3])):
            return False
        if op is C.BRANCH and not all(_short_sighted(list(b)) for b in av[1]):
            return False
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) and not _short_sighted(list(av[2])):
            return False
        if op in (C.GROUPREF_EXISTS, C.POSSESSIVE_REPEAT, C.ATOMIC_GROUP):
            return False
    return True


def openers(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Return the words one of which opens any text `pattern` matches, if it is anchored at ^; else None.

    A text's opening word is its first run of word characters (`head`). The words are lower
    case when the pattern ignores case; they are then ASCII, so that lower-casing an ASCII head
    compares as the engine does.
    """
    parsed = _parse(pattern, flags)
    if parsed is None:
        return None
    nodes, flags = parsed
    if flags & re.MULTILINE or not nodes or nodes[0] != (C.AT, C.AT_BEGINNING):
        return None
    words = _first_words(nodes[1:], "", 0)
    if words is None:
        return None
    if flags & re.IGNORECASE:
        if not all(w.isascii() for w in words):
            return None
        words = {w.lower() for w in words}
    return frozenset(words)


@cache
def tree(pattern: str) -> Any:
    """Return the stdlib's parse tree of `pattern` (read without flags), parsed once for all the readings of it.

    Parsing is most of what loading the claim signals costs, and each pattern is read five or six ways.
    The tree must not be changed. Flags other than VERBOSE change no node, only the flags it records.
    """
    return P.parse(pattern)


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Return `pattern` compiled with `flags` as re.compile does it, but from `tree(pattern)`.

    re.compile would parse the pattern again, about a fifth of what compiling costs. Its
    `.pattern` is None: the stdlib keeps the text only of what it parsed itself.
    """
    if flags & re.VERBOSE:
        return re.compile(pattern, flags)
    # As re.compile does, a RegexFlag is made a plain int: the compiler tests it many times.
    return _compiler.compile(tree(pattern), int(flags))  # type: ignore[no-any-return]


# What a stored form (`form`) was made by: the interpreter's release and its regex engine's. The engine's
# code is private and may change with any release: a form is used only where ENGINE is the same.
ENGINE: list[str | int] = [sys.implementation.name, *sys.version_info[:3], _sre.MAGIC, sys.byteorder]


def form(pattern: re.Pattern[Any], text: str) -> dict[str, Any]:
    """Return, as JSON values, what `restored` remakes `pattern` from without parsing or compiling it.

    `text` is the pattern as written, for one that keeps none (see `compiled`).
    """
    written: str | bytes = text if pattern.pattern is None else pattern.pattern
    # What re's compiler hands the engine (see re._compiler.compile): its code, read again from the text.
    code = _compiler._code(P.parse(written, pattern.flags), pattern.flags)
    out = {"text": written.decode("latin-1") if isinstance(written, bytes) else written,
           "bytes": isinstance(written, bytes), "kept": pattern.pattern is not None, "flags": pattern.flags,
           "code": b"".join(word.to_bytes(4, sys.byteorder) for word in code).hex(),
           "groups": pattern.groups, "names": dict(pattern.groupindex)}
    if restored(out) != pattern:  # patterns compare by their code, flags and text
        raise ValueError(f"{written!r} is not remade as compiled")
    return out


def restored(stored: dict[str, Any]) -> re.Pattern[Any]:
    """Return the pattern `form` gave `stored` for, handed to the engine as re's compiler hands it.

    Only for the ENGINE that made the form.
    """
    # Parsing and compiling the claim signals and their finders was most of what loading them cost.
    text = stored["text"].encode("latin-1") if stored["bytes"] else stored["text"]
    names = stored["names"]
    by_number: list[str | None] = [None] * (stored["groups"] + 1)
    for name, number in names.items():
        by_number[number] = name
    # The code as hex (JSON reads ten thousand numbers slowly), in words of four bytes (_sre.CODESIZE, a C
    # unsigned int wherever CPython runs) in this machine's order (see ENGINE).
    code = memoryview(bytes.fromhex(stored["code"])).cast("I").tolist()
    return _sre.compile(text if stored["kept"] else None, stored["flags"], code,  # type: ignore[no-any-return]
                        stored["groups"], names, tuple(by_number))


def _parse(pattern: str, flags: int) -> tuple[list[_Node], int] | None:
    """Return the pattern's nodes and its flags (with those set inside it), or None if a reading would be unsure."""
    parsed = P.parse(pattern, flags) if flags & re.VERBOSE else tree(pattern)
    flags |= parsed.state.flags
    # Under ASCII or LOCALE, \w and case folding are not what the finders here assume.
    if flags & (re.ASCII | re.LOCALE) or _scoped_flags(list(parsed)):
        return None
    return list(parsed), flags


def _scoped_flags(nodes: list[_Node]) -> bool:
    """Return whether a group turns flags on or off for its part of the pattern ("(?i:…)")."""
    for op, av in nodes:
        if op is C.SUBPATTERN and (av[1] or av[2] or _scoped_flags(list(av[3]))):
            return True
        if op is C.BRANCH and any(_scoped_flags(list(b)) for b in av[1]):
            return True
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and _scoped_flags(list(av[2])):
            return True
        if op in (C.ASSERT, C.ASSERT_NOT) and _scoped_flags(list(av[1])):
            return True
        if op is C.ATOMIC_GROUP and _scoped_flags(list(av)):
            return True
    return False


_HEAD = re.compile(r"\W*(\w+)")


def head(text: str, start: int, end: int) -> str:
    """Return the first run of word characters of text[start:end], or "" if it has none."""
    m = _HEAD.match(text, start, end)
    return "" if m is None else m[1]


def heads(text: str, starts: Iterable[int], ends: Iterable[int]) -> list[str]:
    """Return `head(text, start, end)` for each start and end, the matches tried in C."""
    return ["" if m is None else m[1] for m in map(_HEAD.match, repeat(text), starts, ends)]


def opens(words: frozenset[str], word: str, ignore_case: bool) -> bool:
    """Return whether a text whose head is `word` may match a pattern with these `openers`."""
    if not ignore_case:
        return word in words
    return (blind := folded([word])[0]) is None or blind in words


def folded(words: Iterable[str]) -> list[str | None]:
    """Return what `opens` looks up under IGNORECASE for each head: lower-cased, or None if it rules nothing out.

    Under IGNORECASE a few non-ASCII letters match ASCII ones ("ſ" is "s"), so a non-ASCII
    head is not ruled out.
    """
    return [w.lower() if w.isascii() else None for w in words]


_ASCII = bytes(range(128))


def beyond_ascii(text: str) -> tuple[bytes, str] | None:
    """Return `text` in UTF-8 and its characters beyond ASCII (picked out in C), or None for a lone surrogate."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return data, data.translate(None, _ASCII).decode("utf-8")


def lower(text: str, encoded: tuple[bytes, str] | None = None) -> str:
    """Return `text.lower()`; `encoded` is `beyond_ascii(text)`, if already known."""
    # str.lower looks up every character's case; most texts hold no cased letter but ASCII ones
    # (their other characters are quotes and dashes), and bytes.lower folds those in one quick
    # C loop. ASCII letters fold to ASCII letters, and a character that lower-casing leaves as
    # it is alone is left as it is in any text (only a capital sigma looks at its neighbours).
    if (encoded := encoded or beyond_ascii(text)) is None:
        return text.lower()
    data, others = encoded
    if others != others.lower():
        return text.lower()
    return data.lower().decode("utf-8")


@cache
def folded_needles(pattern: str, flags: int = 0) -> tuple[re.Pattern[str], tuple[str, ...]] | None:
    """Return `needles` of a case-blind pattern for the text lower-cased, and the strings they find, or None.

    re.IGNORECASE makes the engine try every position of the text, while case-sensitive strings are
    skipped to in C: over a megabyte, 7 ms against 0.7 for one word, 27 against 6 for three phrases.
    With the strings, a text that holds none of them (`in`, in C) need not be searched at all.
    """
    parsed = _parse(pattern, flags)
    if parsed is None:
        return None
    strings = _required(parsed[0])
    if not strings:
        return None
    folded = tuple(sorted({string.lower() for string in strings}))
    return re.compile("|".join(re.escape(string) for string in folded)), folded


def sentences_with(finder: re.Pattern[str], text: str, sentences: Sequence[Sentence],
                   starts: Sequence[int]) -> Iterator[int]:
    """Yield, in order, the index of every sentence that holds a match of `finder` wholly inside it.

    `finder` must be one of `needles`: plain strings or a run of one set, which read nothing around them.
    """
    pos = 0
    while (hit := finder.search(text, pos)) is not None:
        i = bisect_right(starts, hit.start()) - 1
        # A hit running past the sentence's end may hide a shorter string starting with it.
        if i >= 0 and hit.start() < sentences[i].end and (
                hit.end() <= sentences[i].end or finder.match(text, hit.start(), sentences[i].end)):
            yield i
            pos = sentences[i].end  # the rest of the sentence need not be searched
        else:
            pos = hit.start() + 1


def _required(nodes: list[_Node]) -> set[str] | None:
    """Return strings one of which every match of the node sequence holds, or None."""
    best: set[str] | None = None
    run: set[str] = {""}  # the strings the current stretch of fixed text can be

    def consider(candidate: set[str] | None) -> None:
        nonlocal best
        if candidate and "" not in candidate and (best is None or _better(candidate, best)):
            best = candidate

    for op, av in nodes:
        if op in _ZERO_WIDTH:
            continue  # consumes nothing: the text on both sides is adjacent in the match
        choices = _strings([(op, av)])
        if choices is not None:
            joined = _product(run, choices)
            if joined is None:  # too many strings: a new stretch begins
                consider(run)
                joined = choices
            run = joined
            continue
        consider(run)
        run = {""}
        if op is C.SUBPATTERN:
            consider(_required(list(av[3])))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
            consider(_required(list(av[2])))
        elif op is C.BRANCH:
            alternatives = [_required(list(b)) for b in av[1]]
            if all(alternatives):
                consider(set().union(*alternatives))  # type: ignore[arg-type]
    consider(run)
    return best


def _better(a: set[str], b: set[str]) -> bool:
    """Return whether needle set `a` is likely rarer in text than `b`: longer shortest string, then fewer."""
    return (min(map(len, a)), -len(a)) > (min(map(len, b)), -len(b))


def _product(a: set[str], b: set[str]) -> set[str] | None:
    out = {x + y for x in a for y in b}
    return out if len(out) <= _MAX_STRINGS else None


def _strings(nodes: list[_Node]) -> set[str] | None:
    """Return every string the nodes can match if they are finite (literals, sets, alternatives, ?), else None."""
    out: set[str] | None = {""}
    for op, av in nodes:
        choices: set[str] | None
        if op in _ZERO_WIDTH:
            continue
        if op is C.LITERAL:
            choices = {chr(av)}
        elif op is C.IN and all(iop is C.LITERAL for iop, _ in av):
            choices = {chr(iav) for _, iav in av}
        elif op is C.SUBPATTERN:
            choices = _strings(list(av[3]))
        elif op is C.BRANCH:
            alternatives = [_strings(list(b)) for b in av[1]]
            choices = set().union(*alternatives) if all(a is not None for a in alternatives) else None  # type: ignore[arg-type]
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[:2] == (0, 1):
            inner = _strings(list(av[2]))
            choices = None if inner is None else inner | {""}
        else:
            return None
        if choices is None or out is None:
            return None
        out = _product(out, choices)
    return out


def _first_words(nodes: list[_Node], word: str, depth: int) -> set[str] | None:
    """Return the possible first words of a match of `nodes`, given the word characters `word` read so far.

    A first word is complete once a character or an assertion shows that no word character
    follows it; a word still open when the pattern ends could run on in the text: None.
    """
    if depth > 200:
        return None
    if not nodes:
        return None
    op, av = nodes[0]
    rest = nodes[1:]
    if op is C.AT:
        if av is C.AT_BOUNDARY and word:
            return {word}  # the word's last character is followed by none
        if av in (C.AT_BOUNDARY, C.AT_BEGINNING) and not word:
            return _first_words(rest, word, depth + 1)
        return None
    if op in (C.ASSERT, C.ASSERT_NOT):
        return _first_words(rest, word, depth + 1)  # it can only rule matches out
    if op is C.LITERAL:
        ch = chr(av)
        if _WORD.match(ch):
            return _first_words(rest, word + ch, depth + 1)
        return {word} if word else _first_words(rest, word, depth + 1)
    if op is C.IN:
        if _non_word_set(av):
            return {word} if word else _first_words(rest, word, depth + 1)
        if all(iop is C.LITERAL for iop, _ in av):
            return _union(_first_words([(C.LITERAL, iav)] + rest, word, depth + 1) for _, iav in av)
        return None
    if op is C.SUBPATTERN:
        return _first_words(list(av[3]) + rest, word, depth + 1)
    if op is C.BRANCH:
        return _union(_first_words(list(b) + rest, word, depth + 1) for b in av[1])
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        low, high, inner = av[0], av[1], list(av[2])
        if all(iop is C.IN and _non_word_set(iav) for iop, iav in inner):
            # A run of non-word characters, possibly empty: it ends the word if it takes any.
            if word:
                ended = {word}
                return ended if low >= 1 else _union([ended, _first_words(rest, word, depth + 1)])
            return _first_words(rest, word, depth + 1)
        once = inner + ([(op, (max(low - 1, 0), high - 1 if high != C.MAXREPEAT else high, av[2]))]
                        if high == C.MAXREPEAT or high > 1 else []) + rest
        if low >= 1:
            return _first_words(once, word, depth + 1)
        return _union([_first_words(rest, word, depth + 1), _first_words(once, word, depth + 1)])
    return None


def _non_word_set(items: list[_Node]) -> bool:
    """Return whether a character set holds only non-word characters (\\W, punctuation, spaces)."""
    for iop, iav in items:
        if iop is C.CATEGORY and iav in (C.CATEGORY_NOT_WORD, C.CATEGORY_SPACE):
            continue
        if iop is C.LITERAL and not _WORD.match(chr(iav)):
            continue
        return False
    return True


def _union(parts: Any) -> set[str] | None:
    out: set[str] = set()
    for part in parts:
        if part is None:
            return None
        out |= part
        if len(out) > _MAX_STRINGS:
            return None
    return out
