"""Inline suppression comments: `<!-- rhetoric-disable RULE -->` and friends, as spans of the analysed text.

The comments sit in the source; the extractor reports where each one falls in the analysed
text (a `Comment`) and which analysed spans each source line became (its `Line`s). This module
turns them into spans in which findings of the named rules are dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from heapq import heappop, heappush

from .findings import Finding
from .selection import EVERY, covers

_DIRECTIVE = re.compile(r"^\s*rhetoric-(disable-next-line|disable|enable)(?:\s+(.*?))?\s*$", re.DOTALL)


@dataclass(frozen=True, slots=True, eq=False)  # never compared: no __eq__/__hash__ to generate at every start
class Comment:
    """An HTML comment of the source: its inside, where it falls in the analysed text, its source line."""

    body: str
    offset: int
    line: int


@dataclass(frozen=True, slots=True, eq=False)  # never compared: no __eq__/__hash__ to generate at every start
class Line:
    """The analysed span [start, end) that source line `number` became."""

    number: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Suppression:
    """Findings of `rules` (EVERY for all) that start in [start, end) are dropped."""

    start: int
    end: int
    rules: tuple[str, ...]


def directive(body: str) -> tuple[str, tuple[str, ...]] | None:
    """Return the (kind, rules) of a comment's inside, or None when it is no rhetoric directive."""
    m = _DIRECTIVE.match(body)
    if m is None:
        return None
    named = (m.group(2) or "").split("--", 1)[0]  # "-- why" after the rules is a note for the reader
    rules = tuple(r for r in re.split(r"[\s,]+", named) if r)
    return m.group(1), rules or (EVERY,)


def suppressions(comments: Iterable[Comment], lines: Sequence[Line], length: int) -> tuple[Suppression, ...]:
    """Return the spans the directives among `comments` switch off, in a text of `length` characters.

    `disable-next-line` covers the first source line with text after the comment; `disable`
    runs to the `enable` of the same rule (or of a category or everything that covers it), or
    to the end of the text.
    """
    out: list[Suppression] = []
    open_: dict[str, int] = {}
    numbers = [ln.number for ln in lines]
    for c in sorted(comments, key=lambda c: (c.offset, c.line)):
        found = directive(c.body)
        if found is None:
            continue
        kind, rules = found
        if kind == "disable-next-line":
            i = bisect_right(numbers, c.line)
            if i < len(lines):
                out.append(Suppression(lines[i].start, lines[i].end, rules))
        elif kind == "disable":
            for r in rules:
                open_.setdefault(r, c.offset)
        else:
            for r in [r for r in open_ if any(covers(e, r) for e in rules)]:
                out.append(Suppression(open_.pop(r), c.offset, (r,)))
    out.extend(Suppression(start, length, (r,)) for r, start in open_.items())
    return tuple(s for s in out if s.start < s.end)


def comments_in(text: str) -> Iterator[tuple[str, int]]:
    """Yield the inside of every HTML comment in `text` and the offset just past it.

    Found with str.find rather than a regular expression, which would scan to the end again
    from every "<!--" that is never closed.
    """
    at = text.find("<!--")
    while at >= 0:
        close = text.find("-->", at + 4)
        if close < 0:
            return
        yield text[at + 4:close], close + 3
        at = text.find("<!--", close + 3)


def _only_comment(line: str) -> bool:
    return line.startswith("<!--") and line.find("-->") == len(line) - 3


def in_plain_text(text: str) -> tuple[Suppression, ...]:
    """Return the suppressions of a plain text, whose comments are part of the analysed text itself."""
    if "rhetoric-" not in text:
        return ()
    lines, start = [], 0
    for n, line in enumerate(text.split("\n")):
        if line.strip() and not _only_comment(line.strip()):
            lines.append(Line(n, start, start + len(line)))
        start += len(line) + 1
    comments, number, counted = [], 0, 0  # the line breaks are counted on from the previous comment
    for body, end in comments_in(text):
        number += text.count("\n", counted, end)
        counted = end
        comments.append(Comment(body, end - len(body) - 7, number))
    return suppressions(comments, lines, len(text))


def apply(findings: Sequence[Finding], spans: Sequence[Suppression]) -> list[Finding]:
    """Return the findings that no suppression covers, in their order.

    The findings are met in the order of their starts, each held only against the spans open there
    (a heap by their ends), not against every span of a text of thousands of comments.
    """
    if not spans:
        return list(findings)
    spans = sorted(spans, key=lambda s: s.start)
    open_: list[tuple[int, int]] = []  # (end, index in spans) of the spans begun
    begun = 0
    dropped = set()
    for i in sorted(range(len(findings)), key=lambda i: findings[i].start):
        f = findings[i]
        while begun < len(spans) and spans[begun].start <= f.start:
            heappush(open_, (spans[begun].end, begun))
            begun += 1
        while open_ and open_[0][0] <= f.start:
            heappop(open_)
        if any(covers(r, f.rule) for _, k in open_ for r in spans[k].rules):
            dropped.add(i)
    return [f for i, f in enumerate(findings) if i not in dropped]
