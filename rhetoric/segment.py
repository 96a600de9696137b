"""Build the Document: paragraphs, sentences, tokens and quotations of one text."""

from __future__ import annotations

import re
import string
import sys
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import accumulate, repeat

from .model import Document, Paragraph, Sentence, Tokens, from_columns
from .quotes import pair_quotations

# A word: letters or digits, joined by internal apostrophes, hyphens, or by
# dots and commas that sit between digits or single letters (3.5, 2,000, U.S).
# The joining character comes first and the three ways of joining look back at it, so that the
# engine tries them only after one of those characters (most words end at a space). Neither run
# gives back what it took (++, *+): nothing after it could need that, and a run that may not
# backtrack is cheaper to match (split over the 371 PTC articles 968 -> 845 M instructions).
# The whole word is a group, so that split() returns the words as well as the gaps.
_TOKEN = re.compile(
    r"([^\W_]++(?:['’\-‐‑.,:](?:(?<=['’\-‐‑])[^\W_]+|(?<=\d[.,:])(?=\d)\d*|(?<=\b[^\W\d_]\.)[^\W\d_]\b))*+)"
)
# The same words in an ASCII text, with sets of ASCII characters: the engine tests those by a
# bit each, where [^\W_] looks a character up in Unicode's tables, and the leading set lets it
# skip to the next word without trying the pattern at each character between (splitting the
# ASCII texts of /tmp/sub47 100 -> 75 M instructions).
_ASCII_TOKEN = re.compile(
    r"([A-Za-z0-9][A-Za-z0-9]*+(?:['\-.,:](?:(?<=['\-])[A-Za-z0-9]+|(?<=[0-9][.,:])(?=[0-9])[0-9]*|(?<=\b[A-Za-z]\.)[A-Za-z]\b))*+)",
    re.ASCII,
)
_BATCH = 50_000  # words split off at a time (see _tokens)
# For _ascii_words: in the words' text, letters, digits, apostrophes and hyphens stay and every other
# character is a space; in the gaps' bytes, those four are white space (letters and digits a space,
# apostrophes and hyphens a tab), full stops, commas and colons are "+", NUL (which stands for a
# character beyond ASCII, see _ascii_shape) is "!" and the rest "#".
_WORD_CHARS = frozenset(string.ascii_letters + string.digits)
_AS_WORDS = str.maketrans({c: " " for c in map(chr, range(128)) if c not in _WORD_CHARS and c not in "'-"})
_AS_GAPS = bytes(32 if c in _WORD_CHARS else 9 if c in "'-" else 43 if c in ".,:" else 33 if c == "\0" else 35
                 for c in map(chr, range(256)))
_OTHER = re.compile(r"[^\x00-\x7f]")
# Beyond these, a slice's characters outside ASCII are left to the token pattern (see _ascii_shape).
_MAX_OTHERS = 8  # distinct characters, a pass over the slice each
_OTHERS_PER = 16  # at most one character in this many
# A str is stored in the width of its widest character, and curly quotes and dashes make most
# texts two bytes a character (no-break spaces and soft hyphens, more than ASCII). None of these
# is in a word or joins one: to the token pattern a space is the same. Replaced before folding,
# they leave most texts ASCII, which str.lower folds several times faster (tokens of /tmp/sub47
# 199 -> 186 M instructions) and _ASCII_TOKEN splits.
_NARROWED = (("’", "'"), ("‐", "-"), ("‑", "-"), ("“", " "), ("”", " "), ("—", " "), ("–", " "), ("‘", " "),
             ("…", " "), ("\ufeff", " "), ("\xa0", " "), ("\xad", " "))
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
# Candidate sentence ends: terminal punctuation, then closing quotes/brackets and citation markers
# ("[2]", "[a]", as text copied from a reference work or a report carries them, or superscript digits
# "¹²"), then space; or a full stop after a word and a footnote's number glued to it, as text copied
# from a PDF carries it ("rose 6 percent last year.1 The government…"), before a capital.
# A full stop glued to the next sentence ("the caucus.The outcome") ends one too, and so may a line
# break (taken from the lines' starts). Written out, the alternatives are
#   (?<![.!?…])[.!?…]+[closers]*(?:[citation])*(?=\s)  |  (?<=[a-z][a-z])[.!?](?=[A-Z][a-z])
# A run of marks is tried only where it begins: tried from each mark of "!!!!…x" in turn,
# it would be scanned to its end again every time (quadratic time).
# They are looked for in a copy of the text whose marks are all full stops, by a pattern that begins
# with one: the engine looks for a leading character in a tight loop, where it tested a leading set
# ([.!?…\n]) by a call at each character, most of the cost of the search (_sentences over /tmp/sub47
# 72.7 -> 60.0 M instructions a pass). Only the glued alternative tells the marks apart: it takes no "…".
_FULL_STOP_END = re.compile(
    r"\.(?:(?<!\.\.)\.*[\"'”’»)\]]*(?:\[(?:\d{1,3}|[a-z])\]|[¹²³⁰⁴⁵⁶⁷⁸⁹])*(?=\s)|(?<=[a-z][a-z]\.)(?=[A-Z][a-z])"
    r"|(?<=[a-z][a-z]\.)\d{1,2}(?=\s{1,3}[A-Z]))")
_CLOSERS = "\"'”’»)]"
# What _FULL_STOP_END takes after the marks: closers, and the digits and letters of citation markers.
_AFTER_MARKS = _CLOSERS + "[0123456789abcdefghijklmnopqrstuvwxyz¹²³⁰⁴⁵⁶⁷⁸⁹"
_OPENERS = "\"'“‘«([¡¿"

# Abbreviations after which a full stop does not end a sentence.
_TITLES = frozenset(
    "mr mrs ms dr prof sen rep gov gen col lt sgt capt cmdr adm maj st jr sr rev hon fr pres supt insp det "
    "messrs mme mlle".split()
)
_ABBREVIATIONS = _TITLES | frozenset(
    "inc corp ltd co vs v etc al approx dept est fig no nos vol pp ca cf ed eds esp univ assn bros jan feb mar apr "
    "jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun ft mt ave blvd rd hwy "
    "e.g i.e a.m p.m u.s u.k u.n u.s.a e.u d.c n.y l.a".split()
)
# The times of day, and the words that go on after one: days, months, time zones.
_CLOCK = frozenset(("a.m", "p.m"))
_CLOCK_FOLLOWERS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun "
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec today tomorrow tonight "
    "et est edt ct cst cdt mt mst mdt pt pst pdt gmt bst utc cet aest eastern central mountain pacific "
    "atlantic local".split()
)
# Dotted initials ("u.s.a"), and the first word after a full stop.
_DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")
_FIRST_WORD = re.compile(r"\s*[\"“‘']?([A-Za-z]+)")
# Words that, capitalised after "U.S." and the like, show a new sentence has begun.
_STARTERS = frozenset(
    "the a an in on at but and he she it they we i this that these those there his her its their our "
    "after before when while however meanwhile yet so if as for since".split()
)


def segment(text: str) -> Document:
    """Split `text` into paragraphs, sentences, tokens and quotations."""
    tokens = _tokens(text)
    lines = _lone_returns_as_newlines(text)
    if any(ligature in text for ligature in _LIGATURE_LETTERS):
        tokens = Tokens(tokens.starts, tokens.ends, tuple(sys.intern(n.translate(_LIGATURES)) for n in tokens.norms))
    if any(mark in text for mark in _INVISIBLE):
        tokens = _rejoined(text, tokens, _across_invisible, _INVISIBLE_MARK)
    if "-\n" in lines or "-\r\n" in lines:  # (lines end as they are found: a classic Mac file's too)
        tokens = _rejoined(lines, tokens, _across_line_end_hyphen, _LINE_END_HYPHEN)
    token_starts = tokens.starts
    paragraphs = tuple(_paragraphs(lines))
    # Offsets are kept in arrays, a few bytes each: a text may hold a million lines.
    line_starts = array(token_starts.typecode, [0])
    line_starts.extend(map(re.Match.end, re.finditer("\n", lines)))
    sentences = _sentences(lines, paragraphs, token_starts, line_starts)
    quotations = pair_quotations(lines, paragraphs)
    return Document(
        text=text,
        paragraphs=paragraphs,
        sentences=sentences,
        tokens=tokens,
        quotations=quotations,
        quotation_starts=tuple(q.inner_start for q in quotations),
        line_starts=line_starts,
        sentence_starts=array(token_starts.typecode, [s.start for s in sentences]),
        token_starts=token_starts,
    )


# Characters that show nothing where they stand inside a word: a soft hyphen (where the word may break at the
# end of a line, as text copied from a hyphenated web page keeps it), zero-width spaces and joiners.
_INVISIBLE_MARK = re.compile("[\xad\u200b\u200c\u200d\u2060]")
_INVISIBLE = _INVISIBLE_MARK.pattern[1:-1]  # the same characters, as a string


def _rejoined(text: str, tokens: Tokens, join: Callable[[str, int, int, str, str], str | None],
              marks: re.Pattern[str]) -> Tokens:
    """Return `tokens` with the pieces of a word made one wherever `join` gives the word they make.

    `join` is handed the text, where the gap between two pieces starts and ends, and their normalised
    forms; it is asked only of the gaps where `marks` finds something (it joins no others), so that a
    long text with one mark in it is copied, not walked token by token.
    """
    starts, ends, norms = tokens.starts, tokens.ends, tokens.norms
    gaps = (bisect_right(starts, m.start()) for m in marks.finditer(text))  # the token after each mark
    joined_starts, joined_ends = array(starts.typecode), array(ends.typecode)
    joined_norms: list[str] = []
    copied = 0  # tokens before this one are in the joined columns
    for k in sorted(set(gaps)):
        if not 0 < k < len(norms):
            continue
        joined_starts.extend(starts[copied:k])
        joined_ends.extend(ends[copied:k])
        joined_norms.extend(norms[copied:k])
        copied = k
        whole = join(text, ends[k - 1], starts[k], joined_norms[-1], norms[k])
        if whole is not None:
            joined_ends[-1] = ends[k]
            joined_norms[-1] = sys.intern(whole)
            copied = k + 1
    joined_starts.extend(starts[copied:])
    joined_ends.extend(ends[copied:])
    joined_norms.extend(norms[copied:])
    return Tokens(joined_starts, joined_ends, tuple(joined_norms))


def _across_invisible(text: str, gap_start: int, gap_end: int, before: str, after: str) -> str | None:
    """Join two pieces with only invisible characters between them ("dis\xadaster")."""
    gap = text[gap_start:gap_end]
    return before + after if gap and not gap.strip(_INVISIBLE) else None


def _across_line_end_hyphen(text: str, gap_start: int, gap_end: int, before: str, after: str) -> str | None:
    """Join two pieces that a hyphen at the end of a line split ("disas-\ntrous"), as text taken from a PDF keeps them.

    A printed column breaks a word where it likes, and a compound at its hyphen: the pieces make the word
    without the hyphen when the dictionary knows that word and not the compound ("disas-\ntrous"), else
    the compound ("so-\ncalled", which it knows, and "hard-\nwon", which it does not know either way).
    A line that begins with a capital starts something else.
    """
    if not (before[-1:].isalpha() and text[gap_end:gap_end + 1].islower()
            and _LINE_END_HYPHEN.fullmatch(text, gap_start, gap_end)):
        return None
    from .syllables import known

    compound = f"{before}-{after}"
    return before + after if not known(compound) and known(before + after) else compound


# The Latin ligatures that text taken from a typeset PDF keeps ("horriﬁc"), as the letters they join, for
# matching words: the text itself keeps them, so every offset holds.
_LIGATURE_LETTERS = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_LIGATURES = str.maketrans(_LIGATURE_LETTERS)
# A hyphen that ends a line, and the line break after it.
_LINE_END_HYPHEN = re.compile(r"-[ \t]*\r?\n[ \t]*")


_LONE_RETURN = re.compile(r"\r(?!\n)")


def _lone_returns_as_newlines(text: str) -> str:
    """Return `text` with each carriage return that no line feed follows made one, for finding lines.

    Classic Mac OS ended lines with a carriage return alone; SARIF's regions count it as a line break, as
    Markdown does. Character for character, so every offset holds; the detectors still read `text` itself.
    """
    return _LONE_RETURN.sub("\n", text) if "\r" in text else text


# Words whose "'s" is "is" or "has", not a possessive.
_CONTRACTED = frozenset("it's he's she's that's there's here's what's who's where's how's let's".split())


def normalize(word: str) -> str:
    """Return the matching form of a word: lower case, straight apostrophe, no possessive."""
    w = word.lower().replace("’", "'").replace("‐", "-").replace("‑", "-")  # U+2010 and U+2011 (no break)
    if w.endswith("'s") and len(w) > 2 and w not in _CONTRACTED:
        w = w[:-2]
    return w


def lower(text: str) -> str:
    """Return `text.lower()`, folded a slice at a time.

    str.lower works in a buffer of twelve bytes per character: on a whole long text
    that buffer was the largest allocation of the analysis.
    """
    return "".join([text[a:b].lower() for a, b in _slices(text)])


# Slices end after white space: no token, and no case mapping (Greek final sigma
# looks at the letters and marks beside it), reaches across white space.
_SPACE = re.compile(r"\s")
_SLICE = 1 << 16


def _slices(text: str) -> Iterator[tuple[int, int]]:
    """Yield consecutive ranges that cover `text`, each of some _SLICE characters and ending after white space."""
    a, n = 0, len(text)
    while a < n:
        space = _SPACE.search(text, a + _SLICE) if a + _SLICE < n else None
        b = space.end() if space is not None else n
        yield a, b
        a = b


def _tokens(text: str) -> Tokens:
    # Offsets fit four bytes each but in texts of four billion characters or more. (Unsigned
    # arrays take Python ints without the argument parsing the signed ones go through.)
    typecode = "I" if len(text) < 2**32 else "Q"
    starts, ends = array(typecode), array(typecode)
    norms: list[str] = []
    possessives: list[int] = []  # where a word may end in "'s"
    for a, b in _slices(text):
        # Fold a slice at a time (see lower()); folding keeps offsets unless a character changes length.
        low = text[a:b]
        # Which sigma a capital folds to depends on the letters beside it, which in a slice may be another
        # word's ("It.Σ"): such a text, as one that folding lengthens, is folded a word at a time.
        if "Σ" in low:
            return _unfolded_tokens(text, typecode)
        for wide, narrow in _NARROWED:
            low = low.replace(wide, narrow)
        low = low.lower()
        if len(low) != b - a:
            return _unfolded_tokens(text, typecode)
        # One word in a hundred ends in "'s": they are found with str.find, not by testing every word.
        q = low.find("'s")
        while q >= 0:
            possessives.append(a + q + 2)
            q = low.find("'s", q + 2)
        # Documents hold hundreds of thousands of tokens, so the per-token work is kept in C:
        # split() hands back the gaps and the words as plain strings, and the offsets are
        # the running sums of their lengths (match objects cost several times as much).
        # The words are split off a batch at a time: a slice without white space may hold any
        # number of them, and the pieces weigh many times a token's columns.
        is_ascii = low.isascii()
        if b - a <= 2 * _SLICE:  # (longer: a run without white space, split a batch at a time)
            shape = low if is_ascii else _ascii_shape(low)
            if shape is not None:
                # Interned: a text repeats its words, and one string per distinct word saves most of their memory.
                norms.extend(map(sys.intern, _ascii_words(low, a, starts, ends, shape)))
                continue
        split = _ASCII_TOKEN.split if is_ascii else _TOKEN.split
        offset = a
        while True:
            parts = split(low, _BATCH)  # gap, word, gap, word, ..., what follows
            rest = parts.pop()
            offsets = list(accumulate(map(len, parts), initial=offset))
            starts.fromlist(offsets[1::2])
            ends.fromlist(offsets[2::2])
            words = parts[1::2]
            norms.extend(map(sys.intern, words))
            if len(words) < _BATCH:
                break
            low, offset = rest, offsets[-1]
    for end in possessives:
        k = bisect_left(ends, end)
        # A possessive's "'s" comes off the norm.
        if k < len(ends) and ends[k] == end and len(norms[k]) > 2 and norms[k] not in _CONTRACTED:
            norms[k] = sys.intern(norms[k][:-2])
    return Tokens(starts, ends, tuple(norms))


def _ascii_shape(low: str) -> str | None:
    """Return `low` with NUL for each character beyond ASCII, or None where they are too many or too varied."""
    # A fourth of the PTC articles' text holds an accented letter or a sign here and there, and was
    # split by _TOKEN, a regex match a word. In the shape only the stretches around those characters
    # are left to the pattern (see _ascii_words); a slice with many, a text in another script, still is.
    if (len(low) - len(low.encode("ascii", "ignore"))) * _OTHERS_PER > len(low):
        return None
    shape, at = low, 0
    for _ in range(_MAX_OTHERS):
        m = _OTHER.search(shape, at)
        if m is None:
            return shape
        shape, at = shape.replace(m.group(), "\0"), m.end()
    return shape if shape.isascii() else None


def _ascii_words(low: str, offset: int, starts: array[int], ends: array[int], shape: str) -> list[str]:
    """Return the words of the folded slice `low`, adding their offsets (`offset` on) to `starts` and `ends`.

    `shape` is `low` itself if ASCII, else `low` with NUL for each character beyond ASCII (_ascii_shape).
    """
    # Without the token pattern, in C: a regex match a word cost more than the rest of _tokens.
    # Nearly every word is a run of letters, digits, apostrophes and hyphens, and str.split gives
    # the runs; bytes.split gives the gaps between them, and the lengths of both, summed, the
    # offsets. Where a run and a token may differ (an apostrophe or hyphen without a letter or
    # digit on each side; a full stop, comma or colon with one on each side; a character beyond
    # ASCII), the token pattern splits the stretch without other characters around it.
    words = shape.translate(_AS_WORDS).split()
    n = len(words)
    if not n and shape is low:
        return words
    marks = shape.encode("ascii").translate(_AS_GAPS)
    found_s: list[int] = []
    found_e: list[int] = []
    if n:  # (else only characters beyond ASCII may make words)
        gaps = marks.split()
        parts: list[str | bytes] = [b""] * (2 * n)  # gap, word, gap, word, ...
        parts[1::2] = words
        if marks[0] in b" \t":  # no gap before the first word
            parts[2::2] = gaps[:n - 1]
        else:
            parts[0] = gaps[0]
            parts[2::2] = gaps[1:n]
        offsets = list(accumulate(map(len, parts), initial=offset))
        found_s = offsets[1::2]
        found_e = offsets[2::2]
    doubts = _doubts(marks)
    if not doubts:
        starts.fromlist(found_s)
        ends.fromlist(found_e)
        return words
    pattern = _ASCII_TOKEN if shape is low else _TOKEN
    out_s: list[int] = []
    out_e: list[int] = []
    out_w: list[str] = []
    done = end = 0
    for at in doubts:
        if at < end:
            continue  # in the stretch just split
        begin = marks.rfind(b"#", 0, at) + 1
        end = marks.find(b"#", at)
        if end < 0:
            end = len(marks)
        # The runs in [begin, end) give way to the tokens there.
        i = bisect_left(found_s, begin + offset, done)
        out_s += found_s[done:i]
        out_e += found_e[done:i]
        out_w += words[done:i]
        for m in pattern.finditer(low, begin):  # from `begin`, not low[begin:end]: \b sees the character before
            s, e = m.span()
            if s >= end:
                break
            out_s.append(s + offset)
            out_e.append(e + offset)
            out_w.append(m.group())
        done = bisect_left(found_s, end + offset, i)
    out_s += found_s[done:]
    out_e += found_e[done:]
    out_w += words[done:]
    starts.fromlist(out_s)
    ends.fromlist(out_e)
    return out_w


def _doubts(marks: bytes) -> list[int]:
    """Return, in order, where a run of `marks` (see _AS_GAPS) and a token may differ."""
    found = []
    last = len(marks) - 1
    at = marks.find(b"\t")  # an apostrophe or hyphen (one in forty words): joins only between two letters or digits
    while at >= 0:
        if not (0 < at < last and marks[at - 1] == 32 == marks[at + 1]):
            found.append(at)
        at = marks.find(b"\t", at + 1)
    at = marks.find(b" + ")  # a full stop, comma or colon between two: may join them
    while at >= 0:
        found.append(at + 1)
        at = marks.find(b" + ", at + 2)
    at = marks.find(b"!")  # a character beyond ASCII: the rest of its stretch is split with it
    while at >= 0:
        found.append(at)
        at = marks.find(b"#", at)
        at = marks.find(b"!", at) if at >= 0 else -1
    found.sort()
    return found


def _unfolded_tokens(text: str, typecode: str) -> Tokens:
    """Return the tokens of a text in which lower-casing changes a character's length, word by word."""
    starts, ends, norms = array(typecode), array(typecode), []
    for m in _TOKEN.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
        norms.append(sys.intern(normalize(m.group())))
    return Tokens(starts, ends, tuple(norms))


def _paragraphs(text: str) -> Iterator[Paragraph]:
    start = 0
    index = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        para = _trimmed(text, start, m.start())
        if para:
            yield Paragraph(index, *para)
            index += 1
        start = m.end()
    para = _trimmed(text, start, len(text))
    if para:
        yield Paragraph(index, *para)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _sentences(text: str, paragraphs: tuple[Paragraph, ...], token_starts: Sequence[int],
               line_starts: Sequence[int]) -> tuple[Sentence, ...]:
    starts: list[int] = []
    ends: list[int] = []
    paragraph: list[int] = []
    # The candidate ends: where each begins, and where each that is not a line break ends.
    stops = text.replace("!", ".").replace("?", ".").replace("…", ".")  # (str.replace copies only if it finds one)
    spans: Iterable[tuple[int, int]] = map(re.Match.span, _FULL_STOP_END.finditer(stops))
    if "…" in text:
        spans = (span for span in spans if text[span[0]] != "…" or text[span[1]].isspace())  # not glued
    mark_ends = dict(spans)
    candidates = sorted([*mark_ends, *map((-1).__add__, line_starts[1:])])
    wrap = _wrap_width(line_starts, len(text))
    i = 0
    for para in paragraphs:
        start, limit = para.start, para.end
        # The candidates in the paragraph; the line breaks between paragraphs are left out. (One that
        # ends at `limit`, which a search up to there would not find, is a boundary, as nothing follows
        # it: it ends the sentence that the end of the paragraph would.)
        i = bisect_left(candidates, start, i)
        j = bisect_left(candidates, limit, i)
        for mark in candidates[i:j]:
            end = mark_ends.get(mark, -1)
            if end < 0:  # a line break
                if mark == start:
                    # Right after a sentence's end (most lines end so): boundary or not, only white
                    # space lies between them, which no sentence keeps.
                    continue
                end = mark + 1
                if wrap and mark - line_starts[bisect_right(line_starts, mark) - 1] >= _FULL_LINE * wrap:
                    continue  # a full line of hard-wrapped text, with no sentence's end: it runs on
            if not _is_boundary(text, mark, end, limit):
                continue
            span = _trimmed(text, start, end)
            if span:
                starts.append(span[0])
                ends.append(span[1])
                paragraph.append(para.index)
            start = end
        span = _trimmed(text, start, limit)
        if span:
            starts.append(span[0])
            ends.append(span[1])
            paragraph.append(para.index)
    # Only white space lies between one sentence and the next, and no token begins in white
    # space: the tokens before a sentence's end are the tokens before the next one's start.
    # So one bisection a sentence, mapped in C.
    end_tokens = list(map(bisect_left, repeat(token_starts), ends))
    first_tokens = [bisect_left(token_starts, starts[0]), *end_tokens[:-1]] if starts else []
    return from_columns(Sentence, range(len(starts)), starts, ends, paragraph, first_tokens, end_tokens)


# Hard-wrapped text (PDF, e-mail and wire copy): at least _WRAPPED_LINES lines, most of them nearly as
# long as the longest but a few (_FULL_LINE of the width, which lies between _WRAP_WIDTHS).
_WRAPPED_LINES = 6
_FULL_LINE = 0.75
_WRAP_WIDTHS = (40, 110)
_FULL_SHARE = 0.6


def _wrap_width(line_starts: Sequence[int], size: int) -> int:
    """Return the width the text is hard-wrapped at, or 0 where it is not: lines of a paragraph each."""
    if len(line_starts) < _WRAPPED_LINES or size > _WRAP_WIDTHS[1] * len(line_starts):
        return 0  # too few lines, or longer on average than a wrapped line: most texts, at no cost
    lengths = sorted(b - a - 1 for a, b in zip(line_starts, [*line_starts[1:], size + 1]) if b - a > 2)
    if len(lengths) < _WRAPPED_LINES:
        return 0
    width = lengths[len(lengths) * 9 // 10]
    if not _WRAP_WIDTHS[0] <= width <= _WRAP_WIDTHS[1]:
        return 0
    full = len(lengths) - bisect_left(lengths, _FULL_LINE * width)
    return width if full >= _FULL_SHARE * len(lengths) else 0


def _next_char(text: str, pos: int, limit: int) -> str:
    while pos < limit and text[pos].isspace():
        pos += 1
    return text[pos] if pos < limit else ""


def _is_boundary(text: str, start: int, end: int, limit: int) -> bool:
    nxt = _next_char(text, end, limit)
    if not nxt:
        return True
    if text[start] == "\n":
        # A line break ends a sentence unless the line plainly runs on.
        k = start
        while k > 0 and text[k - 1] in " \t\r":
            k -= 1
        prev = text[k - 1] if k > 0 else ""
        return not (nxt.islower() or prev in ",;-–(")
    if end < limit and text[end].isalpha() and _in_address(text, start, limit):
        return False
    if nxt.islower() or nxt in ",;:)":
        return False
    if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS or not nxt.isalnum()):
        return False
    mark = text[start:end].rstrip(_AFTER_MARKS)
    if mark != ".":
        return True
    word = _word_before(text, start)
    if not word:
        return True
    low = word.lower()
    if low in _TITLES:
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial: J. K. Rowling
    if low in _CLOCK:
        return _after_clock(text, end, limit)
    if low in _ABBREVIATIONS or "." in low and _DOTTED.fullmatch(low):
        return _starts_sentence(text, end, limit)
    return True


def _in_address(text: str, pos: int, limit: int) -> bool:
    """Return whether a glued full stop sits inside a web or mail address (www.Example.com)."""
    # Look no further than an address could reach, so long runs without spaces stay linear.
    a = pos
    while a > max(0, pos - 200) and not text[a - 1].isspace():
        a -= 1
    b = pos + 1
    while b < min(limit, pos + 200) and not text[b].isspace():
        b += 1
    chunk = text[a:b].rstrip(".!?\"'”’)")
    return chunk.count(".") > 1 or "/" in chunk or "@" in chunk


def _word_before(text: str, pos: int) -> str:
    # Most words before a full stop follow a space within a few characters: cut off there and
    # checked in C, they cost a third of the walk back a character at a time. (A window, so
    # that a long run without spaces is not searched again at every full stop in it.)
    _, space, word = text[pos - 32 if pos > 32 else 0:pos].rpartition(" ")
    if space and word.replace(".", "a").isalnum():  # only letters, digits and full stops
        return word.strip(".")
    i = pos
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] == "."):
        i -= 1
    return text[i:pos].strip(".")


def _after_clock(text: str, pos: int, limit: int) -> bool:
    """Return whether a capitalised word after "a.m." or "p.m." starts a sentence: not a day, a month or a zone.

    News style ends a sentence on "4 p.m." with its one full stop ("The sale runs until 4 p.m. Proceeds go
    to…"), while "at 7 p.m. Saturday" and "8:30 a.m. Eastern Time" go on.
    """
    m = _FIRST_WORD.match(text, pos, limit)
    return m is not None and m.group(1)[:1].isupper() and m.group(1).lower() not in _CLOCK_FOLLOWERS


def _starts_sentence(text: str, pos: int, limit: int) -> bool:
    m = _FIRST_WORD.match(text, pos, limit)
    return m is not None and m.group(1).lower() in _STARTERS
