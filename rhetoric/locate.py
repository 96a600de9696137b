"""Map spans of the analysed text back to lines and columns of the file they came from.

For plain text the analysed text is the file, and every span maps exactly. For Markdown the
analysed text is the prose with the markup removed: a span is found in the source lines it
came from (the extractor maps each line) when the same words occur there as often as in the
prose, and otherwise only those lines are reported. HTML is extracted by trafilatura, which
keeps no positions: a span is found in the page when its words occur there exactly as often
as in the extracted text, and otherwise it has no place in the file.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass

from .extract import LINE_BREAK  # the line terminators SARIF counts (CR, LF and CR LF): Markdown's
from .suppress import Line

# What may stand between two words of the prose in the source: white space, with the marks of
# emphasis and code that touch it, and the ">" that starts every line of a Markdown block quote.
# The lookbehind starts a gap only at the first mark of a run, so a long run of marks is not
# scanned again from each of its characters.
_GAP = re.compile(r"(?<![*_`])[*_`]*\s+(?:>\s*)*[*_`]*")


@dataclass(frozen=True, slots=True)
class Region:
    """Where a span lies in the source file: 1-based lines, and columns and offsets when exact.

    Columns count code points; `end_column` is the column just past the span.
    """

    start_line: int
    end_line: int
    start_column: int | None = None
    end_column: int | None = None
    char_offset: int | None = None
    char_length: int | None = None
    snippet: str = ""

    @property
    def exact(self) -> bool:
        return self.char_offset is not None


class Locator:
    """Find spans of the analysed text in the source file they were extracted from."""

    def __init__(self, text: str, original: str | None = None, format: str = "text") -> None:
        self._text = text
        self._source = text if original is None else original
        self._format = format if original is not None else "text"
        self._line_starts = (0, *(m.end() for m in LINE_BREAK.finditer(self._source)))
        self._lines: tuple[Line, ...] = ()  # Markdown: the analysed span of each source line with prose
        # The same words are looked up again and again (a loaded term recurs): scan for them once.
        self._matches: dict[tuple[str, tuple[int, int], tuple[int, int]],
                            tuple[list[int], list[tuple[int, int]]]] = {}
        self._flats: dict[tuple[bool, int, int], _Flat] = {}
        if self._format == "markdown":
            from .extract import markdown

            self._lines = markdown(self._source).lines
            self._line_spans = [line.start for line in self._lines]

    def region(self, start: int, end: int) -> Region | None:
        """Return where text[start:end] lies in the source file, or None when that cannot be told."""
        if self._format == "text":
            return self._exact(start, end)
        if self._format == "markdown":
            return self._in_markdown(start, end)
        found = self._same_occurrence(start, end, (0, len(self._text)), (0, len(self._source)))
        return None if found is None else self._exact(*found)

    def _exact(self, start: int, end: int) -> Region:
        start_line, start_column = self._line_col(start)
        end_line, end_column = self._line_col(end)
        return Region(start_line, end_line, start_column, end_column, start, end - start, self._source[start:end])

    def _line_col(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def _in_markdown(self, start: int, end: int) -> Region | None:
        i = bisect_right(self._line_spans, start) - 1
        j = bisect_right(self._line_spans, max(start, end - 1)) - 1
        if i < 0:
            return None
        first, last = self._lines[i], self._lines[j]
        source_start = self._line_starts[min(first.number, len(self._line_starts) - 1)]
        after = last.number + 1
        source_end = self._line_starts[after] if after < len(self._line_starts) else len(self._source)
        found = self._same_occurrence(start, end, (first.start, last.end), (source_start, source_end))
        if found is not None:
            return self._exact(*found)
        # The source lines are certain even when the words cannot be matched inside them.
        return Region(first.number + 1, last.number + 1, snippet=self._text[start:end])

    def _same_occurrence(self, start: int, end: int, text_range: tuple[int, int],
                         source_range: tuple[int, int]) -> tuple[int, int] | None:
        """Return the span of the source that holds the same occurrence of text[start:end], if it is certain.

        It is taken as certain when the words (with any gap standing for any other) occur as
        often in the source range as in the text range: then the n-th in one is the n-th in the other.
        """
        span = self._text[start:end]
        needle = _GAP.sub(" ", span.strip())
        if not needle or needle != needle.strip():
            return None  # a span that starts or ends with markup has no certain edges in the source
        start += len(span) - len(span.lstrip())
        key = (needle, text_range, source_range)
        if key not in self._matches:
            text, source = self._flat(self._text, text_range), self._flat(self._source, source_range)
            self._matches[key] = ([text.to_source(i) for i in text.find_all(needle)],
                                  [(source.to_source(i), source.to_source(i + len(needle) - 1) + 1)
                                   for i in source.find_all(needle)])
        in_text, in_source = self._matches[key]
        if len(in_source) != len(in_text) or start not in in_text:
            return None
        return in_source[in_text.index(start)]

    def _flat(self, string: str, bounds: tuple[int, int]) -> _Flat:
        key = (string is self._source, *bounds)
        if key not in self._flats:
            self._flats[key] = _Flat(string, *bounds)
        return self._flats[key]


class _Flat:
    """A range of a string with every gap between words made one space, and the way back to its offsets.

    Words are then looked up with str.find, not with a regular expression built and compiled for
    each span (several milliseconds for a sentence).
    """

    def __init__(self, string: str, start: int, end: int) -> None:
        parts: list[str] = []
        # Where each piece (a run between gaps, or a gap made one space) starts, here and in the string.
        self._starts, self._origins = array("q"), array("q")
        at, length = start, 0
        for m in _GAP.finditer(string, start, end):
            if m.start() > at:
                self._piece(length, at)
                parts.append(string[at:m.start()])
                length += m.start() - at
            self._piece(length, m.start())
            parts.append(" ")
            length += 1
            at = m.end()
        if at < end:
            self._piece(length, at)
            parts.append(string[at:end])
        self.text = "".join(parts)

    def _piece(self, flat_start: int, origin: int) -> None:
        self._starts.append(flat_start)
        self._origins.append(origin)

    def find_all(self, needle: str) -> list[int]:
        """Return where `needle` starts in the flattened text, occurrences not overlapping."""
        found, i = [], self.text.find(needle)
        while i >= 0:
            found.append(i)
            i = self.text.find(needle, i + len(needle))
        return found

    def to_source(self, offset: int) -> int:
        """Return the offset in the string of the character at `offset` in the flattened text."""
        k = bisect_right(self._starts, offset) - 1
        return self._origins[k] + offset - self._starts[k]
