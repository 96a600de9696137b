"""Pair quotation marks into quotations, telling quote marks from apostrophes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Paragraph, QuoteStyle, Quotation

_OPEN, _CLOSE, _EITHER = "open", "close", "either"
_MARKS = re.compile(r"[\"“”„‟«»'‘’‚‛`]")
# Elisions that begin with an apostrophe: 'em, 'tis, 'n', '90s, 'cause.
_LEADING_ELISION = re.compile(r"(?:em|tis|twas|til|till|cause|bout|n|round|nuff|s)\b|\d\d", re.IGNORECASE)
_MAX_DEPTH = 64


@dataclass(slots=True)
class _Open:
    pos: int
    style: QuoteStyle
    paragraph: int


def pair_quotations(text: str, paragraphs: tuple[Paragraph, ...]) -> tuple[Quotation, ...]:
    """Return every paired quotation, outermost first within each start position."""
    found: list[Quotation] = []
    stack: list[_Open] = []
    para_ends = [p.end for p in paragraphs]
    para = 0
    for m in _MARKS.finditer(text):
        pos = m.start()
        while para < len(para_ends) and pos >= para_ends[para]:
            stack = _end_paragraph(text, stack, para, paragraphs, found)
            para += 1
        style, role = _classify(text, pos, stack)
        if role is None:
            continue
        top = next((o for o in reversed(stack) if o.style is style), None)
        if role == _EITHER:
            role = _CLOSE if top is not None else _OPEN
        if role == _OPEN:
            if len(stack) < _MAX_DEPTH:
                stack.append(_Open(pos, style, para))
            continue
        if top is None:
            continue
        while stack and stack[-1] is not top:
            stack.pop()  # openers left inside were never closed
        stack.pop()
        found.append(_quotation(top.pos, pos + 1, style, len(stack)))
    if stack:
        _end_paragraph(text, stack, para, paragraphs, found)
    found.sort(key=lambda q: (q.inner_start, -q.inner_end))
    return tuple(found)


def _quotation(start: int, end: int, style: QuoteStyle, depth: int, closed: bool = True) -> Quotation:
    inner_end = end - 1 if closed else end
    return Quotation(start, end, start + 1, inner_end, style, depth, closed)


def _end_paragraph(text, stack, para, paragraphs, found):
    """Close or drop what is still open when paragraph `para` ends."""
    if para >= len(paragraphs):
        return []
    end = paragraphs[para].end
    nxt = paragraphs[para + 1] if para + 1 < len(paragraphs) else None
    kept: list[_Open] = []
    for depth, o in enumerate(stack):
        if o.style is not QuoteStyle.DOUBLE:
            continue
        # The convention for a quotation running over paragraphs: no closing mark
        # at the end of one, an opening mark at the start of the next.
        if nxt is not None and text[nxt.start] in "\"“«„":
            found.append(_quotation(o.pos, end, o.style, depth, closed=False))
        elif para - o.paragraph < 1:
            kept.append(o)  # may still close in the next paragraph
    return kept


def _classify(text: str, pos: int, stack) -> tuple[QuoteStyle, str | None]:
    ch = text[pos]
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    if ch in "“„‟«":
        return QuoteStyle.DOUBLE, _OPEN
    if ch in "”»":
        return QuoteStyle.DOUBLE, _CLOSE
    if ch == '"':
        return QuoteStyle.DOUBLE, _flank(before, after)
    if ch == "`":
        return QuoteStyle.SINGLE, _OPEN if not before.isalnum() else None
    # Single marks double as apostrophes.
    if before.isalnum() and after.isalnum():
        return QuoteStyle.SINGLE, None  # Russia’s, don't, rock 'n' roll
    if ch in "‘‚‛" or (ch == "'" and not before.isalnum()):
        if _LEADING_ELISION.match(text, pos + 1) and not _single_open(stack):
            return QuoteStyle.SINGLE, None  # '90s, 'em
        return QuoteStyle.SINGLE, _flank(before, after) if ch == "'" else _OPEN
    # ’ or ' after a letter: a closing mark if a single quotation is open,
    # otherwise an apostrophe (the students’ union, goin').
    if _single_open(stack) and not after.isalnum():
        return QuoteStyle.SINGLE, _CLOSE
    return QuoteStyle.SINGLE, None


def _single_open(stack) -> bool:
    return any(o.style is QuoteStyle.SINGLE for o in stack)


def _flank(before: str, after: str) -> str | None:
    opens = (before.isspace() or before in "([{—–-/:;,") and not after.isspace()
    closes = not before.isspace() and (after.isspace() or not after.isalnum())
    if opens and not closes:
        return _OPEN
    if closes and not opens:
        return _CLOSE
    if before.isspace() and after.isspace():
        return None
    return _EITHER
