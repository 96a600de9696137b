"""Decide whether a negation right before a term denies it ("not a masterpiece", "was not a traitor")."""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from .data import table
from .model import Document


# A NamedTuple, not a frozen dataclass: made once per process, and a dataclass compiles its generated
# methods at every start (as sourcing.Cues and scare_quotes.Cues).
class _Cues(NamedTuple):
    """The cue words and rules of negation.toml, read once."""

    negators: frozenset[str]
    bridges: frozenset[str]
    not_denials: frozenset[str]
    rules: tuple[str, ...]


@cache
def _cues() -> _Cues:
    t = table("negation.toml")
    w = t["words"]
    return _Cues(frozenset(w["negators"].split()), frozenset(w["bridges"].split()),
                 frozenset(w["not_denials"].split()), tuple(t["cancels"]["rules"]))


def cancels(rule: str) -> bool:
    """Return whether a negation reverses the findings of `rule` (an id under a cancelled rule or category)."""
    return any(rule == r or rule.startswith(r + ".") for r in _cues().rules)


def denied(doc: Document, first: int) -> bool:
    """Return whether the phrase starting at token `first` is directly negated within its clause."""
    cues = _cues()
    starts, ends, norms, text = doc.tokens.starts, doc.tokens.ends, doc.tokens.norms, doc.text
    i = first - 1
    for _ in range(3):
        if i < 0 or not text[ends[i]:starts[i + 1]].isspace():
            return False  # punctuation ends the negation's reach
        norm = norms[i]
        if norm in cues.negators:
            return norms[i + 1] not in cues.not_denials
        if norm not in cues.bridges:
            return False
        i -= 1
    return False
