"""Pair quotation marks into quotations, telling quote marks from apostrophes."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .model import Paragraph, Quotation, QuoteStyle
from .prefilter import positions

_OPEN, _CLOSE, _EITHER = "open", "close", "either"
# Every character that may be a quotation mark; the single ones double as apostrophes.
_MARK_CHARS = "\"“”„‟«»'‘’‚‛`"
# Elisions that begin with an apostrophe: 'em, 'tis, 'n', '90s, 'cause.
_LEADING_ELISION = re.compile(r"(?:em|tis|twas|til|till|cause|bout|n|round|nuff|s)\b|\d\d", re.IGNORECASE)
# A line break after one of these ends a block of text: many articles put each
# paragraph on its own line with no blank line between them.
_BLOCK_END = frozenset(".!?…:\"”’'»)]")
_DOUBLE_OPENERS = "\"“«„"
_SINGLE_OPENERS = "‘'"
# Marks that face one way: their role needs no look at what is around them.
_FACING = {
    **dict.fromkeys("“„‟«", (QuoteStyle.DOUBLE, _OPEN)),
    **dict.fromkeys("”»", (QuoteStyle.DOUBLE, _CLOSE)),
}
_MAX_DEPTH = 64
# What settles a single mark after an s inside a single quotation (see _closed_later): first, a single
# mark that opens a quotation (after a space or an opening bracket or dash, before a letter or digit),
# or one that plainly closes one (after punctuation, or before punctuation or a double closing mark),
# but not half of a doubled one (''), which stands for a double mark.
_LATER_SINGLE = re.compile(
    r"(?P<open>(?<![^\s(\[—–])[‘'](?=[^\W_]))|(?P<close>(?<=[.,!?;:…—])[’'](?![^\W_]|['’])|(?<=[^\W_])[’'](?=[,.;:!?”\"]))")
_POSSESSIVE_REACH = 400
# Texts that put each sentence on a line of its own break a quotation of a few
# sentences over as many lines, none of them opening with a quotation mark: an
# unclosed double mark stays open over this many line breaks.
_CARRY_BLOCKS = 3


# Private to the pairing, never compared or printed: no __eq__ or __repr__ to generate at every start.
@dataclass(slots=True, eq=False, repr=False)
class _Open:
    """A quotation mark still waiting for its closing mark."""

    pos: int
    width: int  # characters in the opening mark: 2 for `` and ''
    style: QuoteStyle
    block: int
    end: int = -1  # where its own block ended, once it has (a double mark may close in a later one)


# start, end, inner_start, inner_end, style, closed
_Span = tuple[int, int, int, int, QuoteStyle, bool]


def pair_quotations(text: str, paragraphs: tuple[Paragraph, ...]) -> tuple[Quotation, ...]:
    """Return every paired quotation, outermost first within each start position.

    `paragraphs` are the text's paragraphs, which hold every character but white space.
    """
    para_ends = [p.end for p in paragraphs]
    spans: list[_Span] = []
    stack: list[_Open] = []
    # Where a block ends matters only while a mark is open: the blocks are found one at a time
    # from an opening mark on, not over the whole text. The block of the open marks: its
    # paragraph, a bound on its start and its end; and the number of blocks ended while
    # marks were open, for _CARRY_BLOCKS. The bound is the block's start, or the first mark
    # opened in it: a mark is no space, so looking back for one stops there either way.
    para = start = end = block = 0
    mark_end = 0
    for pos in positions(text, _MARK_CHARS):
        if pos < mark_end:
            continue  # the twin of a doubled mark
        while stack and pos >= end:
            nxt = _next_block(paragraphs, para, end)
            stack = _end_block(text, stack, block, start, end, _first_of(text, paragraphs, nxt), spans)
            block += 1
            if nxt is None:
                end = len(text)
            else:
                para, start = nxt
                end = _block_end(text, start, para_ends[para])
        # Two apostrophes or two backticks stand for a double mark in text that came
        # through ASCII-only systems (``like this'', ''or this''): the mark takes its twin.
        ch = text[pos]
        width = 2 if (ch == "'" or ch == "`") and text.startswith(ch, pos + 1) else 1
        mark_end = pos + width
        style, role = _FACING.get(ch) or _classify(text, pos, ch, width, stack)
        if role is None:
            continue
        if role != _OPEN:
            top = None
            for o in reversed(stack):
                if o.style is style:
                    top = o
                    break
            if top is not None:
                while stack and stack[-1] is not top:
                    stack.pop()  # openers left inside were never closed
                stack.pop()
                spans.append((top.pos, pos + width, top.pos + top.width, pos, style, True))
                continue
            if role == _CLOSE:
                if style is QuoteStyle.DOUBLE:
                    orphan = _orphan_span(text, paragraphs, para_ends, pos, width)
                    if orphan is not None:
                        spans.append(orphan)
                continue
        # An opening mark, or one that could close but finds nothing open.
        if len(stack) < _MAX_DEPTH:
            # The block of the last mark opened still holds this one if it ends after it: found again
            # from here, it would end at the same line break, after the same search (in a long
            # paragraph of short quotations, the search to its end at every mark).
            if not stack and not (start <= pos < end <= para_ends[para]):
                para = bisect_right(para_ends, pos)
                start = pos
                end = _block_end(text, pos, para_ends[para])
            stack.append(_Open(pos, width, style, block))
    if stack:
        nxt = _next_block(paragraphs, para, end)
        for o in _end_block(text, stack, block, start, end, _first_of(text, paragraphs, nxt), spans):
            _unclosed(text, o, end, spans)
    return _with_depths(spans)


def _orphan_span(text: str, paragraphs: tuple[Paragraph, ...], para_ends: list[int], pos: int,
                 width: int) -> _Span | None:
    """Return the quotation a closing mark with no opening one ends, where a speaker's attribution follows it.

    'This plan is a reckless disaster," Morgan said after the vote.': the writer left the opening mark off;
    the speaker's words run from the start of the sentence it closes. Only where the mark closes its punctuation,
    a name or a pronoun and a verb of saying follow, and no other double mark stands before it in the paragraph.
    """
    if pos == 0 or text[pos - 1] not in _QUOTE_END or _ATTRIBUTED.match(text, pos + width) is None:
        return None
    para = bisect_right(para_ends, pos)
    if para >= len(paragraphs):
        return None
    start = paragraphs[para].start
    if start >= pos or any(ch in _DOUBLE_MARKS for ch in text[start:pos]):
        return None
    # From the sentence it closes: the writer's sentences before it in the paragraph stay the writer's.
    end = max(text.rfind(mark, start, pos - 1) for mark in (". ", "? ", "! "))
    if end >= 0:
        start = end + 2
    return (start, pos + width, start, pos, QuoteStyle.DOUBLE, False)


# A closing mark with no opening one ends a quotation where one of these ends its words, and an attribution
# follows: a name of up to three capitalised words or a pronoun, and a verb of saying.
_QUOTE_END = frozenset(",.!?")
_DOUBLE_MARKS = frozenset("\"“”„‟«»")
_ATTRIBUTED = re.compile(
    r" (?:(?:[A-Z][\w.'’-]* ){1,3}|(?:he|she|they|the \w+) )(?:said|says|told|added|wrote|asked)\b")


def _block_end(text: str, start: int, end: int) -> int:
    """Return where the block that holds `start` ends: at a line break that ends a line
    of prose, not a wrapped line, or at the end of its paragraph (`end`)."""
    pos = text.find("\n", start, end)
    while pos >= 0:
        # Most lines end in a mark and the next begins with no space: look no further.
        last = text[pos - 1]
        if last.isspace():
            last = _last_char(text, start, pos)
        first = text[pos + 1]  # a paragraph ends in a non-space: there is one after a line break
        if first.isspace():
            first = _first_char(text, pos + 1, end)
        if last in _BLOCK_END and not first.islower():
            return pos
        pos = text.find("\n", pos + 1, end)
    return end


def _next_block(paragraphs: tuple[Paragraph, ...], para: int, end: int) -> tuple[int, int] | None:
    """Return the paragraph and start of the block after the one that ends at `end`, if any."""
    if end < paragraphs[para].end:
        return para, end + 1
    if para + 1 < len(paragraphs):
        return para + 1, paragraphs[para + 1].start
    return None


def _first_of(text: str, paragraphs: tuple[Paragraph, ...], block: tuple[int, int] | None) -> str:
    """Return the first non-space character of the block that starts at `block`, or ""."""
    if block is None:
        return ""
    para, start = block
    return _first_char(text, start, paragraphs[para].end)


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
    # Every opening mark makes at most one span, and marks do not overlap: the starts
    # differ, and so do the inner starts, in the same order. Sorting by start alone
    # puts the spans in (start, -end) order and the quotations in (inner_start, -inner_end) order.
    spans.sort()
    found: list[Quotation] = []
    ends: list[int] = []
    for start, end, inner_start, inner_end, style, closed in spans:
        # Depth counts only quotations that close around this one; a stray
        # opening mark earlier in the text must not make everything after it nested.
        while ends and ends[-1] <= start:
            ends.pop()
        found.append(Quotation(start, end, inner_start, inner_end, style, len(ends), closed))
        ends.append(end)
    return tuple(found)


def _end_block(text: str, stack: list[_Open], block: int, start: int, end: int, nxt_char: str,
               spans: list[_Span]) -> list[_Open]:
    """Close or drop what is still open when the block ends at `end`; `nxt_char` begins the next."""
    while end > start and text[end - 1].isspace():
        end -= 1
    kept: list[_Open] = []
    for o in stack:
        if o.style is not QuoteStyle.DOUBLE:
            # British papers run speech in single marks over paragraphs so too. Read so only where the
            # next block opens with one and the mark opens its line, or opens a sentence after a colon or
            # a sentence's end ("‘…,’ she said. ‘The evidence…", "told the inquiry: ‘The fire…") in a
            # block that ends a sentence without closing it: an apostrophe does none of these.
            if o.style is QuoteStyle.SINGLE and nxt_char and nxt_char in _SINGLE_OPENERS and (
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
    """Keep a double mark that never closed as a quotation to its block's end, where it opens speech there.

    '"This council has been a disaster," she said. "They are reckless, and the voters know it.': the writer
    left the closing mark off; the words after the mark are still the speaker's. Only where the mark opens
    its line, or a sentence after a colon or a sentence's end, and its block ends a sentence.
    """
    if o.style is not QuoteStyle.DOUBLE:
        return
    end = o.end if o.end >= 0 else end
    while end > o.pos and text[end - 1].isspace():
        end -= 1
    if end > o.pos + o.width and (not text[text.rfind("\n", 0, o.pos) + 1:o.pos].strip() or _opens_speech(text, o.pos, end)):
        if text[end - 1] in _SENTENCE_MARKS:
            # To the attribution, where one follows a comma ("…management is greedy, Okafor said."): the rest is the writer's.
            comma = text.find(",", o.pos, end)
            while comma >= 0 and _ATTRIBUTED.match(text, comma + 1) is None:
                comma = text.find(",", comma + 1, end)
            stop = comma + 1 if comma >= 0 else end
            if any(ch.isalpha() for ch in text[o.pos + o.width:stop]):
                spans.append((o.pos, stop, o.pos + o.width, stop, o.style, False))


def _opens_speech(text: str, pos: int, end: int) -> bool:
    """Return whether the single mark at `pos` opens a sentence of speech that runs to the block's end at `end`.

    A colon or a sentence's end comes before it, and the block ends a sentence with no mark closing it.
    """
    before = text[max(0, pos - _SPEECH_REACH):pos].rstrip()
    return before[-1:] in _SPEECH_LEAD and text[end - 1] in _SENTENCE_MARKS


# What comes before a single mark that opens speech mid-line: a colon, or a sentence's end.
_SPEECH_LEAD = frozenset(":.?!")
_SENTENCE_MARKS = frozenset(".?!")
_SPEECH_REACH = 8  # characters looked back over for it (spaces, at most)


def _classify(text: str, pos: int, ch: str, width: int, stack: list[_Open]) -> tuple[QuoteStyle, str | None]:
    """Tell what the mark `ch` at `pos`, which does not say which way it faces, is from what is around it."""
    if ch == "’" and not stack:
        return QuoteStyle.SINGLE, None  # with nothing open, an apostrophe (its commonest use, by far)
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
        if (before in "sS" or _elided(text, pos)) and after == " " and _closed_later(text, pos + width):
            # ‘The critics’ sums don’t add up,’ she said: a plural's possessive; ‘just lyin’ cowards,’ and
            # ‘rock ’n’ roll,’: a dropped g, an elided "and"
            return QuoteStyle.SINGLE, None
        return QuoteStyle.SINGLE, _CLOSE
    return QuoteStyle.SINGLE, None


def _elided(text: str, pos: int) -> bool:
    """Return whether the single mark at `pos` ends an elision: a dropped g (lyin’, nothin’) or ’n’."""
    start = pos
    while start > max(0, pos - _ELISION_REACH) and text[start - 1].isalpha():
        start -= 1
    letters = text[start:pos]
    if letters in ("n", "N"):
        return text[start - 1:start] in ("’", "'")
    return len(letters) >= 4 and letters[-2:].lower() == "in"


_ELISION_REACH = 12  # letters enough for a dropped g's word (‘cheatin’); only a longer run's last 12 are read


def _closed_later(text: str, pos: int) -> bool:
    """Return whether a single quotation open at `pos` plainly closes further on its line, before another opens.

    After an s, a mark followed by a word may close the quotation (the ‘bidding wars’ have…) or
    make a plural possessive inside it (‘the critics’ sums…’); a mark after punctuation further
    on (‘…don’t add up.’ / ’,) says it was the second. Looked for within _POSSESSIVE_REACH
    characters, so that a long line of such marks stays linear.
    """
    line_end = text.find("\n", pos, pos + _POSSESSIVE_REACH)
    found = _LATER_SINGLE.search(text, pos, line_end if line_end >= 0 else pos + _POSSESSIVE_REACH)
    if found is None and line_end >= 0:
        # Nothing settles it on its line, which ends a sentence: a quotation running on to a paragraph
        # that opens with a single mark ("‘We never saw the Joneses’ accounts. …⏎⏎‘The directors’ pay…").
        return text[line_end - 1] in ".!?" and _first_char(text, line_end, len(text)) in _SINGLE_OPENERS
    return found is not None and found.lastgroup == "close"


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
