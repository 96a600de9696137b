"""The Document: one text and every unit of it as character spans into that text."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple


class Token(NamedTuple):
    """A word or number; `norm` is its lower-cased, apostrophe-normalised form."""

    # A NamedTuple, not a frozen dataclass: documents hold hundreds of thousands of
    # tokens, and a frozen dataclass is several times slower to build.

    start: int
    end: int
    norm: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of text between blank lines."""

    index: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence with the half-open range of its tokens."""

    index: int
    start: int
    end: int
    paragraph: int
    first_token: int
    end_token: int


class QuoteStyle(str, Enum):
    """Which family of quotation marks delimits a quotation."""

    DOUBLE = "double"
    SINGLE = "single"


@dataclass(frozen=True, slots=True)
class Quotation:
    """A paired quotation: `start`/`end` include the marks, `inner_*` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    style: QuoteStyle
    depth: int
    closed: bool = True

    def contains(self, start: int, end: int) -> bool:
        """Return whether [start, end) lies inside the quoted words."""
        return self.inner_start <= start and end <= self.inner_end


@dataclass(frozen=True, slots=True)
class Document:
    """The analysed text, segmented once; detectors only read it."""

    text: str
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    tokens: tuple[Token, ...]
    quotations: tuple[Quotation, ...]
    line_starts: tuple[int, ...]
    sentence_starts: tuple[int, ...]
    token_starts: tuple[int, ...]
    quotation_starts: tuple[int, ...] = ()  # inner_start of each quotation, for bisection

    @property
    def word_count(self) -> int:
        return len(self.tokens)

    def line_col(self, offset: int) -> tuple[int, int]:
        """Return the 1-based line and column of `offset`."""
        line = bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def sentence_at(self, offset: int) -> Sentence | None:
        """Return the sentence that contains `offset`."""
        i = bisect_right(self.sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def token_index_at(self, offset: int) -> int:
        """Return the index of the first token that ends after `offset`."""
        i = bisect_right(self.token_starts, offset) - 1
        if i >= 0 and self.tokens[i].end > offset:
            return i
        return i + 1

    def sentence_tokens(self, sentence: Sentence) -> tuple[Token, ...]:
        """Return the tokens of `sentence`."""
        return self.tokens[sentence.first_token:sentence.end_token]

    def quotation_at(self, start: int, end: int) -> Quotation | None:
        """Return the innermost quotation whose quoted words contain [start, end)."""
        best: Quotation | None = None
        i = bisect_right(self.quotation_starts, start) - 1
        while i >= 0:
            q = self.quotations[i]
            if q.contains(start, end) and (best is None or q.depth > best.depth):
                best = q
            if q.depth == 0:
                break  # outermost quotations do not overlap: none further back can contain the span
            i -= 1
        return best

    def tokens_between(self, start: int, end: int) -> tuple[Token, ...]:
        """Return the tokens that lie wholly inside [start, end)."""
        i = self.token_index_at(start)
        j = i
        while j < len(self.tokens) and self.tokens[j].end <= end:
            j += 1
        return self.tokens[i:j]
