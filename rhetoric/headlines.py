"""Headlines: a short line of its own with no closing punctuation, and the title case many are written in."""

from __future__ import annotations

from .model import Document, Sentence

# Longer lines without a full stop are sentences that lost it, not headlines.
HEADLINE_WORDS = 20
# A headline of at least this many words with at least this share of them
# capitalised is in title case ("Mayor’s ‘Fair Fares’ Plan Costs Riders More").
TITLE_CASE_WORDS = 3
TITLE_CASE_SHARE = 0.75
_CLOSING_MARKS = "\"'”’»)]"
_TERMINALS = frozenset(".!?…")


def headline(doc: Document, s: Sentence) -> bool:
    """Return whether sentence `s` is a headline: a short line of its own with no closing punctuation."""
    if s.end_token - s.first_token > HEADLINE_WORDS:
        return False
    if not doc.alone_on_line(s):
        return False
    body = doc.text[s.start:s.end].rstrip().rstrip(_CLOSING_MARKS)
    return body[-1:] not in _TERMINALS


def title_case(doc: Document, s: Sentence) -> bool:
    """Return whether sentence `s` is a headline in title case, where a capital says nothing about a word."""
    if not headline(doc, s):
        return False
    words = [t for t in doc.tokens[s.first_token:s.end_token] if t.norm[:1].isalpha()]
    if len(words) < TITLE_CASE_WORDS:
        return False
    return sum(1 for t in words if doc.text[t.start].isupper()) >= TITLE_CASE_SHARE * len(words)
