"""Find lexicon phrases among a document's tokens."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .lexicon import Entry, Lexicons
from .model import Document


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    """A lexicon entry found at tokens [first, end) of the document."""

    entry: Entry
    first: int
    end: int
    start: int
    stop: int


def find_phrases(doc: Document, lexicons: Lexicons, first: int = 0, end: int | None = None) -> Iterator[PhraseMatch]:
    """Yield the longest non-overlapping lexicon matches among tokens [first, end)."""
    tokens, text, index = doc.tokens, doc.text, lexicons.index
    end = len(tokens) if end is None else end
    i = first
    while i < end:
        match = None
        for words, entry in index.get(tokens[i].norm, ()):
            n = len(words)
            if i + n > end or not _same(doc, i, words, entry.case):
                continue
            if entry.not_after and i > 0 and _adjacent(text, tokens[i - 1].end, tokens[i].start) \
                    and tokens[i - 1].norm in entry.not_after:
                continue
            j = i + n
            if entry.not_before and j < len(tokens) and _adjacent(text, tokens[j - 1].end, tokens[j].start) \
                    and tokens[j].norm in entry.not_before:
                continue
            match = PhraseMatch(entry, i, j, tokens[i].start, tokens[j - 1].end)
            break
        if match is None:
            i += 1
            continue
        yield match
        i = match.end


def _same(doc: Document, i: int, words: tuple[str, ...], case: bool) -> bool:
    tokens = doc.tokens
    for k, word in enumerate(words):
        tok = tokens[i + k]
        if (doc.text[tok.start:tok.end] if case else tok.norm) != word:
            return False
        if k and not doc.text[tokens[i + k - 1].end:tok.start].isspace():
            return False
    return True


def _adjacent(text: str, end: int, start: int) -> bool:
    """Return whether two tokens are separated by nothing but space (or a hyphen)."""
    gap = text[end:start]
    return not gap.strip(" \t\n-")
