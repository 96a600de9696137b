"""The Document: one text and every unit of it as character spans into that text."""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, fields
from enum import Enum
from itertools import repeat
from typing import Any, NamedTuple, TypeVar, overload


class Token(NamedTuple):
    """A word or number; `norm` is its lower-cased, apostrophe-normalised form."""

    # A NamedTuple, not a frozen dataclass: one is built on every index into `Tokens`,
    # and a frozen dataclass is several times slower to build.

    start: int
    end: int
    norm: str


@dataclass(frozen=True, slots=True, eq=False)
class Tokens(Sequence[Token]):
    """A document's tokens, stored as three columns; indexing one makes its `Token`.

    Documents hold hundreds of thousands of tokens: a Token object each weighed about
    160 bytes, the columns hold one in 16 (two 4-byte offsets and a reference to a shared,
    interned norm). Code that walks many tokens reads the columns directly.
    """

    starts: array[int]
    ends: array[int]
    norms: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.norms)

    @overload
    def __getitem__(self, index: int) -> Token: ...

    @overload
    def __getitem__(self, index: slice) -> Tokens: ...

    def __getitem__(self, index: int | slice) -> Token | Tokens:
        if isinstance(index, slice):
            return Tokens(self.starts[index], self.ends[index], self.norms[index])
        # tuple.__new__ builds the Token in C, without the NamedTuple's Python constructor.
        return tuple.__new__(Token, (self.starts[index], self.ends[index], self.norms[index]))

    def __iter__(self) -> Iterator[Token]:
        return map(tuple.__new__, repeat(Token), zip(self.starts, self.ends, self.norms))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Tokens):
            return self.starts == other.starts and self.ends == other.ends and self.norms == other.norms
        if isinstance(other, tuple):
            # Tokens used to be a tuple of Token: keep comparisons written against one working.
            return len(other) == len(self) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))  # equal to the tuple of its Tokens, so hashed as one


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


_Value = TypeVar("_Value")


def from_columns(cls: type[_Value], *columns: Sequence[Any]) -> tuple[_Value, ...]:
    """Return the values of the frozen, slotted dataclass `cls` whose fields are given a column each, in field order."""
    # A frozen dataclass's __init__ sets every field through object.__setattr__; the slots'
    # own descriptors set them from C, as __init__ would, for half the instructions (a Sentence
    # some 9,400 -> 4,700).
    # The values compare, hash, print and pickle as those __init__ builds (test_model checks it).
    # Only for dataclasses whose __init__ does nothing else: no defaults left out, no __post_init__.
    slots = [getattr(cls, f.name) for f in fields(cls)]  # type: ignore[arg-type]
    if len(columns) != len(slots) or len(set(map(len, columns))) > 1:
        raise ValueError(f"{cls.__name__} needs {len(slots)} columns of one length")
    made = list(map(object.__new__, repeat(cls, len(columns[0]) if columns else 0)))
    for slot, column in zip(slots, columns):
        deque(map(slot.__set__, made, column), maxlen=0)  # runs the map out in C
    return tuple(made)


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
    tokens: Tokens
    quotations: tuple[Quotation, ...]
    # Offsets, in arrays: in ascending order, for bisection. An array cannot be hashed, and
    # the offsets follow from the fields hashed, so they stay out of the Document's hash.
    line_starts: Sequence[int] = field(hash=False)
    sentence_starts: Sequence[int] = field(hash=False)
    token_starts: Sequence[int] = field(hash=False)  # the tokens' `starts` column
    quotation_starts: tuple[int, ...] = ()  # inner_start of each quotation, for bisection

    @property
    def word_count(self) -> int:
        return len(self.tokens)

    def word(self, i: int) -> str:
        """Return token i as the text writes it (its case, its apostrophes)."""
        return self.text[self.tokens.starts[i]:self.tokens.ends[i]]

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

    def alone_on_line(self, s: Sentence) -> bool:
        """Return whether sentence `s` has its lines to itself: no other sentence starts or ends on them."""
        # Sentences cover all the text but blank space, so the line is the sentence's own
        # when the sentences beside it end and start on other lines.
        lines = self.line_starts
        line_start = lines[bisect_right(lines, s.start) - 1]
        i = bisect_right(lines, s.end)
        line_end = lines[i] - 1 if i < len(lines) else len(self.text)
        if s.index > 0 and self.sentences[s.index - 1].end > line_start:
            return False
        return s.index + 1 >= len(self.sentences) or self.sentences[s.index + 1].start >= line_end

    def token_index_at(self, offset: int) -> int:
        """Return the index of the first token that ends after `offset`."""
        i = bisect_right(self.tokens.starts, offset) - 1
        if i >= 0 and self.tokens.ends[i] > offset:
            return i
        return i + 1

    def sentence_tokens(self, sentence: Sentence) -> Tokens:
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

    def tokens_between(self, start: int, end: int) -> Tokens:
        """Return the tokens that lie wholly inside [start, end)."""
        i, j = self._token_range(start, end)
        return self.tokens[i:j]

    def norms_between(self, start: int, end: int) -> tuple[str, ...]:
        """Return the norms of the tokens that lie wholly inside [start, end)."""
        # Without the offsets' columns and the Tokens around them: detectors that only
        # compare words ask this for every quotation, several times over.
        i, j = self._token_range(start, end)
        return self.tokens.norms[i:j]

    def _token_range(self, start: int, end: int) -> tuple[int, int]:
        i = self.token_index_at(start)
        # Tokens do not overlap, so their ends rise: the last one ending by `end` is found by bisection.
        return i, bisect_right(self.tokens.ends, end, i)
