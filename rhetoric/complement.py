"""Decide whether a verb of saying reports speech: whether a clause, an infinitive or a quotation follows
it, or it closes a quoted statement ("…,” he claimed.")."""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from .data import table
from .model import Document


# A NamedTuple, not a frozen dataclass: made once per process, and a dataclass compiles its generated
# methods at every start (as sourcing.Cues and scare_quotes.Cues).
class _Cues(NamedTuple):
    """The cue words of complement.toml, read once."""

    subjects: frozenset[str]
    finite: frozenset[str]
    adverbials: frozenset[str]
    not_infinitive: frozenset[str]
    window: int


@cache
def _cues() -> _Cues:
    t = table("complement.toml")
    w = t["words"]
    return _Cues(frozenset(w["subjects"].split()), frozenset(w["finite"].split()),
                 frozenset(w["adverbials"].split()), frozenset(w["not_infinitive"].split()),
                 t["limits"]["clause_window"])


# Punctuation right after the verb: it ends the verb's clause ("…,” he claimed.") or opens a quotation.
_CLOSES_OR_QUOTES = frozenset(",.;:!?)]”\"’'“‘—–")
# Punctuation that ends the stretch in which the reported clause's verb is looked for.
_STOPS = frozenset(".;:!?()[]—–")


def reports_speech(doc: Document, end: int, *, infinitive: bool) -> bool:
    """Return whether the verb ending before token `end` reports what someone said.

    "claimed that…", "claims he served…", "claimed the debris was…", "…,” he claimed." report speech;
    "claimed the title", "admitted two refugees", "claimed 57 lives and infected 680" do not. With
    `infinitive`, "to" and a verb after it report speech too ("claims to be"); otherwise "to" is a
    preposition ("admitted to bribery").
    """
    cues = _cues()
    starts, ends, norms, text = doc.tokens.starts, doc.tokens.ends, doc.tokens.norms, doc.text
    if end >= len(norms):
        return True
    gap = text[ends[end - 1]:starts[end]]
    if gap.startswith(":") and not text[text.rfind("\n", 0, starts[end - 1]) + 1:starts[end - 1]].strip():
        return False  # a label that opens its line ("Claim: A post says…"), not a verb
    if not gap.isspace() and any(c in _CLOSES_OR_QUOTES for c in gap):
        return True
    first = norms[end]
    if first == "that" or first in cues.subjects or first in cues.adverbials \
            or first.endswith("ly") and len(first) > 4:
        return True
    if first == "to":
        return infinitive and end + 1 < len(norms) and text[ends[end]:starts[end + 1]].isspace() \
            and norms[end + 1] not in cues.not_infinitive and not norms[end + 1].endswith("ing") \
            and norms[end + 1].isalpha()
    stop = min(end + 1 + cues.window, len(norms))
    i, aside_end = end + 1, 0
    while i < stop:
        gap = text[ends[i - 1]:starts[i]]
        if any(c in _STOPS for c in gap):
            return False
        if "," in gap and i != aside_end:
            # Only a short aside between commas ("claims Kavanaugh, 53, tried…") leaves the clause open;
            # after a longer phrase the comma closes it ("admitting two preachers, Britain is…").
            aside_end = next((j for j in range(i + 1, min(i + 4, len(norms)))
                              if "," in text[ends[j - 1]:starts[j]]), 0)
            if not aside_end:
                return False
            i = aside_end
            continue
        norm = norms[i]
        if norm in cues.finite or norm.endswith("ed") and len(norm) > 4:
            # After "and" or "or" the verb is the subject's own second one ("claimed 57 lives and infected
            # 680"), not a reported clause's.
            return norms[i - 1] not in ("and", "or")
        i += 1
    return False
