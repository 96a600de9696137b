"""quotes.pair_quotations against a plain reference: the algorithm as it stood before it was
made faster, copied here unchanged; the fast version must pair every mark the same way."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric.model import Paragraph, Quotation, QuoteStyle
from rhetoric.quotes import _ATTRIBUTED, _closed_later, _elided, _opens_speech, _orphan_span, pair_quotations
from rhetoric.segment import _paragraphs

# Pieces that make quotation marks, apostrophes, elisions and line breaks of every kind
# frequent: random characters alone would hardly ever spell 'em or put a mark after a letter.
_PIECES = ["\"", "“", "”", "„", "‟", "«", "»", "'", "‘", "’", "‚", "‛", "`", "''", "``",
           "a", "B", "é", "É", "ß", "7", "90", "em", "Tis", "n", "rock", "said",
           " ", "  ", "\n", "\n\n", "\n \n", "\t", "\xa0", "\u2028", "\x85", "\r\n",
           ".", "!", "?", "…", ":", ")", "]", "(", "[", "{", "—", "–", "-", "/", ";", ",",
           ".\nA", ".\n“A", "”\nb", ".\n\xa0\nA", ".\n \u2028\nb", "\"\n\"", "’\n"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=80).map("".join))
def test_pairs_as_the_reference_does(text: str) -> None:
    paragraphs = tuple(_paragraphs(text))
    assert pair_quotations(text, paragraphs) == reference_pair(text, paragraphs)


# Short lines, many of them: quotations left open over several blocks.
_LINES = st.lists(st.lists(st.sampled_from(_PIECES), max_size=6).map("".join), max_size=14).map("\n".join)


@settings(max_examples=1500, deadline=None)
@given(_LINES)
def test_pairs_lines_as_the_reference_does(text: str) -> None:
    paragraphs = tuple(_paragraphs(text))
    assert pair_quotations(text, paragraphs) == reference_pair(text, paragraphs)


@pytest.mark.parametrize("text", [
    "He said “it is ‘done’” and\n\"the rest.\n\n“More,\" she said, 'n' ''that'' was it.",
    # A plural's possessive and elisions inside single marks, on one line and over paragraphs.
    "‘The critics’ sums don’t add up,’ she said. ‘Just lyin’ cowards,’ he said, ‘rock ’n’ roll.’",
    "‘We never saw the Joneses’ accounts.\n\n‘The directors’ pay rose,’ she said.",
])
def test_reference_samples(text: str) -> None:
    paragraphs = tuple(_paragraphs(text))
    assert pair_quotations(text, paragraphs) == reference_pair(text, paragraphs)


# The reference, as quotes.py stood at 2dba8b9.

_OPEN, _CLOSE, _EITHER = "open", "close", "either"
# Two apostrophes or two backticks stand for a double mark in text that came
# through ASCII-only systems (``like this'', ''or this''): the mark takes its twin.
# (Written as one set of marks first, not as alternatives, so that the engine skips
# to the next mark in C instead of trying each alternative at every character.)
_MARKS = re.compile(r"[\"“”„‟«»'‘’‚‛`](?:(?<=')'|(?<=`)`)?")
# Elisions that begin with an apostrophe: 'em, 'tis, 'n', '90s, 'cause.
_LEADING_ELISION = re.compile(r"(?:em|tis|twas|til|till|cause|bout|n|round|nuff|s)\b|\d\d", re.IGNORECASE)
# A line break after one of these ends a block of text: many articles put each
# paragraph on its own line with no blank line between them.
_BLOCK_END = frozenset(".!?…:\"”’'»)]")
_DOUBLE_OPENERS = "\"“«„"
_MAX_DEPTH = 64
# Texts that put each sentence on a line of its own break a quotation of a few
# sentences over as many lines, none of them opening with a quotation mark: an
# unclosed double mark stays open over this many line breaks.
_CARRY_BLOCKS = 3


@dataclass(slots=True)
class _Open:
    pos: int
    width: int  # characters in the opening mark: 2 for `` and ''
    style: QuoteStyle
    block: int
    end: int = -1  # where its own block ended (added with quotes._unclosed)


# start, end, inner_start, inner_end, style, closed
_Span = tuple[int, int, int, int, QuoteStyle, bool]


@dataclass(frozen=True, slots=True)
class _Block:
    start: int
    end: int


def reference_pair(text: str, paragraphs: tuple[Paragraph, ...]) -> tuple[Quotation, ...]:
    """Return every paired quotation, outermost first within each start position."""
    blocks = _blocks(text, paragraphs)
    spans: list[_Span] = []
    stack: list[_Open] = []
    block = 0
    for m in _MARKS.finditer(text):
        pos = m.start()
        while block < len(blocks) and pos >= blocks[block].end:
            stack = _end_block(text, stack, block, blocks, spans)
            block += 1
        width = m.end() - pos
        style, role = _classify(text, pos, width, stack)
        if role is None:
            continue
        top = next((o for o in reversed(stack) if o.style is style), None)
        if role == _EITHER:
            role = _CLOSE if top is not None else _OPEN
        if role == _OPEN:
            if len(stack) < _MAX_DEPTH:
                stack.append(_Open(pos, width, style, block))
            continue
        if top is None:
            if role == _CLOSE and style is QuoteStyle.DOUBLE:  # added with quotes._orphan_span
                orphan = _orphan_span(text, paragraphs, [p.end for p in paragraphs], pos, width)
                if orphan is not None:
                    spans.append(orphan)
            continue
        while stack and stack[-1] is not top:
            stack.pop()  # openers left inside were never closed
        stack.pop()
        spans.append((top.pos, pos + width, top.pos + top.width, pos, style, True))
    if stack:
        end = blocks[block].end if block < len(blocks) else len(text)
        for o in _end_block(text, stack, block, blocks, spans):
            _unclosed(text, o, end, spans)
    return _with_depths(spans)


def _blocks(text: str, paragraphs: tuple[Paragraph, ...]) -> list[_Block]:
    """Split paragraphs at line breaks that end a line of prose, not a wrapped line."""
    out: list[_Block] = []
    for p in paragraphs:
        start = p.start
        pos = text.find("\n", start, p.end)
        while pos >= 0:
            if _last_char(text, start, pos) in _BLOCK_END and not _first_char(text, pos + 1, p.end).islower():
                out.append(_Block(start, pos))
                start = pos + 1
            pos = text.find("\n", pos + 1, p.end)
        out.append(_Block(start, p.end))
    return out


def _first_char(text: str, start: int, end: int) -> str:
    """Return the first non-space character of text[start:end], or ""."""
    while start < end and text[start].isspace():
        start += 1
    return text[start] if start < end else ""


def _last_char(text: str, start: int, end: int) -> str:
    """Return the last non-space character of text[start:end], or ""."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return text[end - 1] if end > start else ""


def _with_depths(spans: list[_Span]) -> tuple[Quotation, ...]:
    """Build the quotations, each with the number of quotations that enclose it."""
    spans.sort(key=lambda s: (s[0], -s[1]))
    found: list[Quotation] = []
    ends: list[int] = []
    for start, end, inner_start, inner_end, style, closed in spans:
        # Depth counts only quotations that close around this one; a stray
        # opening mark earlier in the text must not make everything after it nested.
        while ends and ends[-1] <= start:
            ends.pop()
        found.append(Quotation(start, end, inner_start, inner_end, style, len(ends), closed))
        ends.append(end)
    found.sort(key=lambda q: (q.inner_start, -q.inner_end))
    return tuple(found)


def _end_block(text: str, stack: list[_Open], block: int, blocks: list[_Block], spans: list[_Span]) -> list[_Open]:
    """Close or drop what is still open when block `block` ends."""
    if block >= len(blocks):
        return []
    end = blocks[block].end
    while end > blocks[block].start and text[end - 1].isspace():
        end -= 1
    nxt = blocks[block + 1] if block + 1 < len(blocks) else None
    nxt_char = _first_char(text, nxt.start, nxt.end) if nxt is not None else ""
    kept: list[_Open] = []
    for o in stack:
        if o.style is not QuoteStyle.DOUBLE:
            # In single marks only where the mark opens its line, or opens speech mid-line (added with
            # quotes._opens_speech).
            if o.style is QuoteStyle.SINGLE and nxt_char and nxt_char in "‘'" and (
                    not text[text.rfind("\n", 0, o.pos) + 1:o.pos].strip() or _opens_speech(text, o.pos, end)):
                spans.append((o.pos, end, o.pos + o.width, end, o.style, False))
            continue
        # The convention for a quotation running over paragraphs: no closing mark
        # at the end of one, an opening mark at the start of the next.
        if nxt_char and nxt_char in _DOUBLE_OPENERS:
            spans.append((o.pos, end, o.pos + o.width, end, o.style, False))
        elif block - o.block < _CARRY_BLOCKS:
            if o.end < 0:
                o.end = end
            kept.append(o)  # may still close in one of the next blocks
        else:
            _unclosed(text, o, end, spans)
    return kept


def _unclosed(text: str, o: _Open, end: int, spans: list[_Span]) -> None:
    """A double mark never closed quotes to its block's end where it opens speech (added with quotes._unclosed)."""
    if o.style is not QuoteStyle.DOUBLE:
        return
    end = o.end if o.end >= 0 else end
    while end > o.pos and text[end - 1].isspace():
        end -= 1
    opens_line = not text[text.rfind("\n", 0, o.pos) + 1:o.pos].strip()
    if end > o.pos + o.width and (opens_line or _opens_speech(text, o.pos, end)) and text[end - 1] in ".?!":
        stop = next((k + 1 for k in range(o.pos, end) if text[k] == "," and _ATTRIBUTED.match(text, k + 1)), end)
        if any(ch.isalpha() for ch in text[o.pos + o.width:stop]):
            spans.append((o.pos, stop, o.pos + o.width, stop, o.style, False))


def _classify(text: str, pos: int, width: int, stack: list[_Open]) -> tuple[QuoteStyle, str | None]:
    ch = text[pos]
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + width] if pos + width < len(text) else " "
    if width == 2:
        # ``…'' opens with backticks and closes with apostrophes; ''…'' is read
        # by its flanking like ", and inside a word (rock''n''roll) is no mark.
        if ch == "`":
            return QuoteStyle.DOUBLE, _OPEN
        if before.isalnum() and after.isalnum():
            return QuoteStyle.DOUBLE, None
        return QuoteStyle.DOUBLE, _flank(before, after)
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
        # A plural's possessive or an elision inside a single quotation (added with quotes._closed_later).
        if (before in "sS" or _elided(text, pos)) and after == " " and _closed_later(text, pos + width):
            return QuoteStyle.SINGLE, None
        return QuoteStyle.SINGLE, _CLOSE
    return QuoteStyle.SINGLE, None


def _single_open(stack: list[_Open]) -> bool:
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
