"""Decide whether a regular expression is safe from catastrophic backtracking, before it ever runs.

Python's engine backtracks: a pattern that can match one stretch of text in many
ways may try them all, and a short sentence then takes years. This is a small
static analysis over the stdlib's own parse tree. It rejects the constructs that
backtrack badly: nested unbounded repeats whose runs are not delimited, repeated
alternatives that can match the same text, back-references, lookarounds holding
unbounded repeats, neighbouring unbounded repeats over shared characters, a run
near the start that a search would scan again from every position of a long run
(quadratic, not exponential, but hours on a megabyte), and patterns that can match
nothing. It errs on the side of refusing: a refused pattern can always be written
another way. It is a heuristic, not a proof: tests/test_regex_safety.py runs every
pattern rhetoric uses on inputs built to make it backtrack.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from re import _constants as C  # type: ignore[attr-defined]  # the stdlib's own regex parser
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

# A parsed node is (opcode, argument). The parser is private and untyped: opcodes are
# named ints and an argument is an int, a tuple or a nested SubPattern, by opcode.
_Node = tuple[Any, Any]

MAX_PATTERN_LENGTH = 500

_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
_SINGLE = (C.LITERAL, C.NOT_LITERAL, C.IN, C.ANY)
# Characters tried when two character sets are compared: a witness of their overlap
# is searched among these (and every character the pattern itself names).
_SAMPLE = frozenset(map(chr, range(128))) | frozenset(
    "\x85\xa0\xad\u00e9\u00c9\u00df\u0436\u0416\u0663\u05d0\u0627\u200b\u200d\u2028\u2029\u3000\u4e00"
    "\u2018\u2019\u201c\u201d\u00ab\u00bb\u2026\u2013\u2014\u2010\U0001f600"
)
_CATEGORIES = {
    C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
    C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W",
}
_AT = {
    C.AT_BEGINNING: "^", C.AT_BEGINNING_STRING: r"\A", C.AT_END: "$", C.AT_END_STRING: r"\Z",
    C.AT_BOUNDARY: r"\b", C.AT_NON_BOUNDARY: r"\B",
}


def problem(pattern: str, flags: int = 0, *, searched: bool = True) -> str | None:
    """Return why `pattern` could backtrack badly (or is unusable), or None when it is safe.

    The reason is a clause that can follow "refused: ".

    `searched`: the pattern is searched for (tried at every position), not only matched
    at a given one, so a run it starts with may be scanned again and again.
    """
    if len(pattern) > MAX_PATTERN_LENGTH:
        return f"it is {len(pattern)} characters long; the limit is {MAX_PATTERN_LENGTH}"
    try:
        with warnings.catch_warnings():
            # The parser warns of syntax whose meaning will change ("[[", "--" in a set): refuse it.
            warnings.simplefilter("error")
            parsed = P.parse(pattern, flags)
    except (re.error, FutureWarning, DeprecationWarning) as exc:
        return f"it is not a valid regular expression: {exc}"
    except RecursionError:
        return "it nests too deeply"
    nodes = list(parsed)
    checker = _Checker(flags | parsed.state.flags, _literals(nodes))
    if parsed.getwidth()[0] == 0:
        return "it can match the empty string, so it would match at every position"
    return checker.walk(nodes) or (checker.leading(checker.chained(nodes) or nodes) if searched else None)


def _literals(nodes: Iterable[_Node]) -> frozenset[str]:
    """Return every character the pattern names (literals and range ends), and their other cases."""
    found: set[str] = set()
    for op, av in nodes:
        if op in (C.LITERAL, C.NOT_LITERAL):
            found.add(chr(av))
        elif op is C.RANGE:
            found.update((chr(av[0]), chr(av[1])))
        elif op is C.IN:
            found |= _literals(av)
        elif op in _REPEATS:
            found |= _literals(av[2])
        elif op is C.SUBPATTERN:
            found |= _literals(av[3])
        elif op is C.BRANCH:
            for alt in av[1]:
                found |= _literals(alt)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            found |= _literals(av[1])
        elif op is C.ATOMIC_GROUP:
            found |= _literals(av)
    return frozenset(found | {c.swapcase() for c in found})


def show(nodes: Sequence[_Node]) -> str:
    """Return a regular expression for parsed `nodes`: how a fragment is quoted in a message."""
    return "".join(_show(op, av) for op, av in nodes)


def _show(op: Any, av: Any) -> str:
    if op is C.LITERAL:
        return re.escape(chr(av))
    if op is C.NOT_LITERAL:
        return f"[^{re.escape(chr(av))}]"
    if op is C.ANY:
        return "."
    if op is C.IN:
        inner = []
        for iop, iav in av:
            if iop is C.NEGATE:
                inner.append("^")
            elif iop is C.LITERAL:
                inner.append(re.escape(chr(iav)))
            elif iop is C.RANGE:
                inner.append(f"{re.escape(chr(iav[0]))}-{re.escape(chr(iav[1]))}")
            elif iop is C.CATEGORY:
                inner.append(_CATEGORIES.get(iav, r"\w"))
        if len(av) == 1 and av[0][0] is C.CATEGORY:
            return inner[0]
        return "[" + "".join(inner) + "]"
    if op in _REPEATS:
        lo, hi, body = av
        text = show(body)
        if not (len(body) == 1 and body[0][0] in (*_SINGLE, C.SUBPATTERN, C.BRANCH)):
            text = f"(?:{text})"
        if (lo, hi) == (0, C.MAXREPEAT):
            q = "*"
        elif (lo, hi) == (1, C.MAXREPEAT):
            q = "+"
        elif (lo, hi) == (0, 1):
            q = "?"
        elif hi == C.MAXREPEAT:
            q = f"{{{lo},}}"
        else:
            q = f"{{{lo},{hi}}}" if lo != hi else f"{{{lo}}}"
        return text + q + ("?" if op is C.MIN_REPEAT else "+" if op is C.POSSESSIVE_REPEAT else "")
    if op is C.SUBPATTERN:
        body = av[3]
        content = "|".join(show(alt) for alt in body[0][1][1]) if len(body) == 1 and body[0][0] is C.BRANCH \
            else show(body)
        return ("(" if av[0] is not None else "(?:") + content + ")"
    if op is C.BRANCH:
        return "(?:" + "|".join(show(alt) for alt in av[1]) + ")"
    if op in (C.ASSERT, C.ASSERT_NOT):
        kind = ("=" if op is C.ASSERT else "!") if av[0] == 1 else ("<=" if op is C.ASSERT else "<!")
        return f"(?{kind}{show(av[1])})"
    if op is C.AT:
        return _AT.get(av, "")
    if op is C.ATOMIC_GROUP:
        return f"(?>{show(av)})"
    if op in (C.GROUPREF, C.GROUPREF_EXISTS):
        return f"\\{av if op is C.GROUPREF else av[0]}"
    return "?"


def _unbounded(op: Any, av: Any) -> bool:
    return op in _REPEATS and av[1] == C.MAXREPEAT


def _single(body: Sequence[_Node]) -> bool:
    return len(body) == 1 and body[0][0] in _SINGLE


class _Checker:
    """The analysis of one pattern: character sets are compared over a sample alphabet."""

    def __init__(self, flags: int, literals: frozenset[str]) -> None:
        self.flags = flags & (re.IGNORECASE | re.DOTALL | re.ASCII)
        self.alphabet = _SAMPLE | literals

    def chars(self, node: _Node) -> frozenset[str]:
        """Return the sample characters a single-character node matches."""
        return _members(_show(*node), self.flags, self.alphabet)

    def consumed(self, nodes: Sequence[_Node]) -> frozenset[str]:
        """Return the sample characters that any part of `nodes` can consume."""
        out: set[str] = set()
        for op, av in nodes:
            if op in _SINGLE:
                out |= self.chars((op, av))
            elif op in _REPEATS:
                out |= self.consumed(av[2])
            elif op is C.SUBPATTERN:
                out |= self.consumed(av[3])
            elif op is C.BRANCH:
                for alt in av[1]:
                    out |= self.consumed(alt)
            elif op is C.ATOMIC_GROUP:
                out |= self.consumed(av)
        return frozenset(out)

    def first(self, nodes: Sequence[_Node]) -> tuple[frozenset[str], bool]:
        """Return the characters a match of `nodes` can start with, and whether it can be empty."""
        out: set[str] = set()
        for op, av in nodes:
            if op in _SINGLE:
                return frozenset(out | self.chars((op, av))), False
            if op in _REPEATS:
                chars, empty = self.first(av[2])
                out |= chars
                if av[0] > 0 and not empty:
                    return frozenset(out), False
            elif op is C.SUBPATTERN or op is C.ATOMIC_GROUP:
                chars, empty = self.first(av[3] if op is C.SUBPATTERN else av)
                out |= chars
                if not empty:
                    return frozenset(out), False
            elif op is C.BRANCH:
                results = [self.first(alt) for alt in av[1]]
                for chars, _ in results:
                    out |= chars
                if not any(empty for _, empty in results):
                    return frozenset(out), False
            elif op in (C.GROUPREF, C.GROUPREF_EXISTS):
                out |= self.alphabet
        return frozenset(out), True

    def walk(self, nodes: Sequence[_Node]) -> str | None:
        """Return the first problem found anywhere in `nodes`."""
        if (found := self.adjacent(nodes)) is not None:
            return found
        for op, av in nodes:
            if op in (C.GROUPREF, C.GROUPREF_EXISTS):
                return f"back-reference `{_show(op, av)}` can take exponential time"
            if op in (C.ASSERT, C.ASSERT_NOT):
                inner = _find_unbounded(av[1])
                if inner is not None:
                    return (f"lookaround `{_show(op, av)}` holds the unbounded repeat `{show([inner])}`, "
                            "which is run again at every position")
                if (found := self.walk(av[1])) is not None:
                    return found
            elif op in _REPEATS:
                if op is not C.POSSESSIVE_REPEAT and av[1] == C.MAXREPEAT and not _single(av[2]):
                    if (found := self.repeated((op, av))) is not None:
                        return found
                if (found := self.walk(av[2])) is not None:
                    return found
            elif op is C.SUBPATTERN:
                if (found := self.walk(av[3])) is not None:
                    return found
            elif op is C.BRANCH:
                for alt in av[1]:
                    if (found := self.walk(alt)) is not None:
                        return found
            elif op is C.ATOMIC_GROUP:
                if (found := self.walk(av)) is not None:
                    return found
        return None

    def repeated(self, node: _Node) -> str | None:
        """Return why an unbounded repeat of a compound body could backtrack badly, or None."""
        body = list(node[1][2])
        here = f"`{_show(*node)}`"
        start, empty = self.first(body)
        if empty:
            return f"{here} repeats something that can match nothing, which can take exponential time"
        found = self.delimited(body, start, here)
        if found is not None:
            return found
        return self.ambiguous(body, here)

    def delimited(self, seq: Sequence[_Node], after: frozenset[str], here: str) -> str | None:
        """Check that every unbounded repeat inside a repeated body ends where its run must end.

        `(?:'\\w+)*` is safe: a run of letters stops at the next apostrophe, so the text
        splits into iterations one way only. `(\\w+\\s?)*` is not: "abc" is one, two or
        three iterations, and a failing match tries every split.
        """
        seq = list(seq)
        for i, (op, av) in enumerate(seq):
            rest, rest_empty = self.first(seq[i + 1:])
            follow = rest | after if rest_empty else rest
            if op in _REPEATS and op is not C.POSSESSIVE_REPEAT:
                if av[1] == C.MAXREPEAT:
                    if not _single(av[2]):
                        return (f"nested quantifier: `{_show(op, av)}` inside {here} can take exponential time")
                    if self.chars(av[2][0]) & follow:
                        return (f"nested quantifier: `{_show(op, av)}` inside {here} can take exponential time "
                                "(what follows it can be matched by it too, so the text splits many ways)")
                else:
                    first, _ = self.first(av[2])
                    if (found := self.delimited(av[2], follow | first, here)) is not None:
                        return found
            elif op is C.SUBPATTERN:
                if (found := self.delimited(av[3], follow, here)) is not None:
                    return found
            elif op is C.BRANCH:
                for alt in av[1]:
                    if (found := self.delimited(alt, follow, here)) is not None:
                        return found
        return None

    def ambiguous(self, body: Sequence[_Node], here: str) -> str | None:
        """Return why alternatives inside a repeated body could match the same text, or None."""
        for op, av in _branches(body):
            alts = av[1]
            strings = [s for alt in alts if (s := _finite(alt)) is not None]
            if len(strings) == len(alts):
                words = [w for s in strings for w in s]
                if len(set(words)) < len(words) or (_whole(body, av) and not _decodable(words)):
                    return (f"alternatives of `{_show(op, av)}` repeated by {here} can match the same text, "
                            "which can take exponential time")
                continue
            starts = [self.first(alt) + (self.behind(alt),) for alt in alts]
            for x in range(len(alts)):
                for y in range(x + 1, len(alts)):
                    (fx, ex, bx), (fy, ey, by) = starts[x], starts[y]
                    if bx is not None and by is not None and not bx & by:
                        continue  # a lookbehind tells the two apart
                    if fx & fy or (ex and ey):
                        return (f"alternatives `{show(alts[x])}` and `{show(alts[y])}` repeated by {here} can "
                                "match the same text, which can take exponential time")
        return None

    def behind(self, alt: Sequence[_Node]) -> frozenset[str] | None:
        """Return the characters a leading lookbehind requires just before `alt`, if it has one."""
        for op, av in alt:
            if op is C.ASSERT and av[0] == -1 and av[1] and av[1][-1][0] in _SINGLE:
                return self.chars(av[1][-1])
            if op not in (C.AT, C.ASSERT, C.ASSERT_NOT):
                return None
        return None

    def adjacent(self, nodes: Sequence[_Node]) -> str | None:
        """Return why two unbounded repeats next to each other share characters, or None.

        In `\\w+\\s*\\w+` the first run can give any share of a word to the last, so a
        failing match tries every split at every position.
        """
        open_runs: list[_Node] = []
        for op, av in nodes:
            if _unbounded(op, av) and op is not C.POSSESSIVE_REPEAT and _single(av[2]):
                chars = self.chars(av[2][0])
                for other in open_runs:
                    if self.chars(other[1][2][0]) & chars:
                        return (f"neighbouring repeats `{_show(*other)}` and `{_show(op, av)}` can match the "
                                "same characters, which takes polynomial time on a long run")
                # A run that must match something fences off the runs before it.
                open_runs = [*open_runs, (op, av)] if av[0] == 0 else [(op, av)]
            elif op is C.AT and av is C.AT_BOUNDARY:
                # A run of word characters before \b must reach the end of its word: it cannot share.
                words = _members(r"\w", self.flags, self.alphabet)
                open_runs = [r for r in open_runs if not self.chars(r[1][2][0]) <= words]
            elif op in (C.AT, C.ASSERT, C.ASSERT_NOT):
                continue
            elif not self.first([(op, av)])[1]:
                open_runs = []
        return None

    def leading(self, nodes: Sequence[_Node], boundary: bool = False,
                fences: tuple[frozenset[str], ...] = (), width: int | None = 0,
                known: tuple[tuple[int, frozenset[str]], ...] = (),
                guards: tuple[tuple[tuple[frozenset[str], frozenset[str]], ...], ...] = ()) -> str | None:
        """Return why a run near the pattern's start would be scanned again from every position, or None.

        `\\w+ed` searched in a long word runs to the end of the word from every letter
        before failing: quadratic time. So does `a[ab]+c` in "aaaa…": what must come before
        the run can itself be found all along the run. A run after `\\b` starts only where a
        word does; a run after a character it cannot hold starts only there.

        A look-behind counts as such a character when it names one at a fixed distance from
        where the match starts: `[A-Zh](?<=[A-Z])[a-z]+` begins its run only after a capital.
        A negative one does when every run of the characters fails it: `(?<![.!][.!])` after
        `[.!\n]` lets `[.!]*` start only where a run of marks begins. Either way only a few
        starts reach a given run, and the search stays linear. (`width` counts the characters
        matched so far while it is fixed; `known` maps each of their offsets, and those before
        the start that a look-behind names, to the characters allowed there; `guards` are the
        negative look-behinds, as the characters allowed and refused at each offset.)
        """
        words = _members(r"\w", self.flags, self.alphabet)
        nodes = list(nodes)
        while nodes:
            (op, av), rest = nodes[0], nodes[1:]
            if op is C.AT:
                if av in (C.AT_BEGINNING, C.AT_BEGINNING_STRING):
                    return None
                boundary = boundary or av is C.AT_BOUNDARY
            elif op is C.SUBPATTERN:
                rest = [*av[3], *rest]
            elif op is C.BRANCH:
                return next((found for alt in av[1]
                             if (found := self.leading([*alt, *rest], boundary, fences, width, known, guards))), None)
            elif op in (C.ASSERT, C.ASSERT_NOT) and av[0] == -1 and width is not None:
                # A look-behind's zero-width tests (\b) are left out: a positive one then allows
                # more, which is safe; a negative one would refuse more, so it must have none.
                looked = [n for n in av[1] if n[0] is not C.AT] if op is C.ASSERT else list(av[1])
                if all(n[0] in _SINGLE for n in looked):
                    at = dict(known)
                    offsets = range(width - len(looked), width)
                    if op is C.ASSERT:
                        refined = [(o, at.get(o, self.alphabet) & self.chars(n)) for o, n in zip(offsets, looked)]
                        known = (*known, *refined)
                        fences = (*fences, *(c for _, c in refined))
                    else:
                        guards = (*guards, tuple((at.get(o, self.alphabet), self.chars(n))
                                                 for o, n in zip(offsets, looked)))
            elif op in (C.ASSERT, C.ASSERT_NOT):
                pass
            elif op in _SINGLE:
                fences = (*fences, self.chars((op, av)))
                if width is not None:
                    known, width = (*known, (width, fences[-1])), width + 1
            elif op in _REPEATS and not _unbounded(op, av):
                if not _single(av[2]):
                    # A group: its own pieces come first when it is taken, and it is skipped if optional.
                    found = self.leading([*av[2], *rest], boundary, fences, None, known, guards)
                    if found is not None or av[0] > 0:
                        return found
                elif av[0] > 0:
                    fences = (*fences, self.chars(av[2][0]))
                width = None
            elif _unbounded(op, av):
                chars = self.consumed(av[2])
                # A guard holds when no run of these characters can get past it.
                guarded = any(all(allowed & chars <= refused for allowed, refused in g) for g in guards)
                if not (boundary and chars <= words) and not guarded \
                        and all(fence & chars for fence in fences) and self._can_fail(rest, chars, words):
                    return (f"the run `{_show(op, av)}` near its start can be tried again from every position of "
                            "a long run of the same characters (quadratic time); begin with a word that cannot "
                            "occur in the run, or with \\b before a run of word characters")
                if not _single(av[2]):
                    # Within its first time round, the group's own runs come first.
                    found = self.leading([*av[2], *rest], boundary, fences, None, known, guards)
                    if found is not None:
                        return found
                if av[0] > 0:
                    fences = (*fences, chars)
                width = None
            else:
                return None
            nodes = rest
        return None

    def chained(self, nodes: Sequence[_Node]) -> list[_Node] | None:
        """Return P when `nodes` are P(?:.*?P){k} (`.` matching any character) and matches of P cannot overlap.

        Searched, such a pattern fails from a start where P matches only when fewer than k
        matches of P follow it, since the lazy run can cross anything between them; as they
        cannot overlap, at most k starts per search get past P, and each scans a stretch
        holding fewer than k matches of P: linear time. Only P's own runs can then be
        tried again from every position, so only P needs the leading check. P's matches
        cannot overlap when a look-behind demands, just before P, a character that P cannot
        consume (a match starting inside another would have that character inside it).
        """
        if not nodes or nodes[-1][0] is not C.MAX_REPEAT:
            return None
        lo, hi, body = nodes[-1][1]
        prefix = list(nodes[:-1])
        if lo != hi or len(body) < 2 or _plain(list(body)[1:]) != _plain(prefix):
            return None
        run_op, run_av = body[0]
        if run_op is not C.MIN_REPEAT or run_av[:2] != (0, C.MAXREPEAT) or not _single(run_av[2]):
            return None
        any_char = run_av[2][0]
        if self.chars(any_char) != self.alphabet or (any_char[0] is C.ANY and not self.flags & re.DOTALL):
            return None
        consumed, width = self.consumed(prefix), 0
        for op, av in prefix:
            if op in _SINGLE:
                width += 1
            elif op is C.ASSERT and av[0] == -1:
                looked = [n for n in av[1] if n[0] is not C.AT]  # \b only narrows what is demanded
                if all(n[0] in _SINGLE for n in looked) and len(looked) > width \
                        and not self.chars(looked[-width - 1]) & consumed:
                    return prefix
            elif op not in (C.AT, C.ASSERT, C.ASSERT_NOT):
                return None
        return None

    def _can_fail(self, rest: Sequence[_Node], chars: frozenset[str], words: frozenset[str]) -> bool:
        """Return whether a match can still fail after a run (of `chars`) has taken all it can."""
        if not self.first(rest)[1]:
            return True

        def checks(nodes: Sequence[_Node]) -> bool:  # a zero-width test that what follows must pass
            for o, a in nodes:
                if o in (C.ASSERT, C.ASSERT_NOT) or (o is C.AT and (a is not C.AT_BOUNDARY or not chars <= words)):
                    return True
                # (A test inside an optional piece fails by skipping the piece, not the match.)
                inner = [a[3]] if o is C.SUBPATTERN else a[1] if o is C.BRANCH else [a[2]] if (
                    o in _REPEATS and a[0] > 0) else [a] if o is C.ATOMIC_GROUP else []
                if any(checks(i) for i in inner):
                    return True
            return False

        return checks(rest)


def _plain(value: Any) -> Any:
    """Return a parsed fragment as nested tuples, so that two fragments can be compared."""
    if isinstance(value, (list, tuple, P.SubPattern)):
        return tuple(_plain(v) for v in value)
    return value


def _whole(body: Sequence[_Node], branch: Any) -> bool:
    """Return whether an alternation (its argument `branch`) is the whole repeated body, bare or in a group."""
    if len(body) != 1:
        return False
    if body[0][1] is branch:
        return True
    return body[0][0] is C.SUBPATTERN and len(body[0][1][3]) == 1 and body[0][1][3][0][1] is branch


def _branches(nodes: Sequence[_Node]) -> Iterator[_Node]:
    """Yield every alternation in `nodes` outside lookarounds, atomic groups and possessive repeats."""
    for op, av in nodes:
        if op is C.BRANCH:
            yield op, av
            for alt in av[1]:
                yield from _branches(alt)
        elif op is C.SUBPATTERN:
            yield from _branches(av[3])
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            yield from _branches(av[2])


def _find_unbounded(nodes: Sequence[_Node]) -> _Node | None:
    """Return the first unbounded repeat in `nodes`, at any depth, or None."""
    for op, av in nodes:
        if _unbounded(op, av):
            return op, av
        inner = (av[2] if op in _REPEATS else av[3] if op is C.SUBPATTERN else av[1] if op in (C.ASSERT, C.ASSERT_NOT)
                 else av if op is C.ATOMIC_GROUP else None)
        if op is C.BRANCH:
            for alt in av[1]:
                if (found := _find_unbounded(alt)) is not None:
                    return found
        elif inner is not None and (found := _find_unbounded(inner)) is not None:
            return found
    return None


def _finite(nodes: Sequence[_Node]) -> list[str] | None:
    """Return the strings a pattern without repeats or classes matches (case as written), or None."""
    out = [""]
    for op, av in nodes:
        choices: list[str] | None
        if op is C.AT:
            continue
        if op is C.LITERAL:
            choices = [chr(av)]
        elif op is C.SUBPATTERN:
            choices = _finite(av[3])
        elif op is C.BRANCH:
            alts = [a for alt in av[1] if (a := _finite(alt)) is not None]
            choices = None if len(alts) < len(av[1]) else [w for a in alts for w in a]
        else:
            return None
        if choices is None:
            return None
        out = [o + c for o in out for c in choices]
        if len(out) > 1000:
            return None
    return out


def _decodable(words: Sequence[str]) -> bool:
    """Return whether a sequence of `words` can be split back into them in only one way (Sardinas–Patterson)."""
    code = set(words)
    if "" in code:
        return False

    def residuals(a: set[str], b: set[str]) -> set[str]:
        return {y[len(x):] for x in a for y in b if y.startswith(x) and len(y) > len(x)}

    current = {y[len(x):] for x in code for y in code if x != y and y.startswith(x)}
    seen: set[frozenset[str]] = set()
    while current:
        if current & code:
            return False
        key = frozenset(current)
        if key in seen:
            return True
        seen.add(key)
        current = residuals(code, current) | residuals(current, code)
    return True


@lru_cache(maxsize=4096)
def _members(one_char: str, flags: int, alphabet: frozenset[str]) -> frozenset[str]:
    """Return the characters of `alphabet` that the one-character pattern matches."""
    compiled = re.compile(one_char, flags | re.DOTALL)
    return frozenset(c for c in alphabet if compiled.fullmatch(c))
