"""Decide, sentence by sentence, whether a sentence asserts something checkable as fact.

Each signal of the [claim] table in rhetoric/data/sourcing.toml is a pattern (or a
word list) with a weight; a sentence is a claim when the weights it shows add up to
the threshold.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from re import _constants as re_constants  # type: ignore[attr-defined]  # the stdlib's own regex parser
from re import _parser as re_parser  # type: ignore[attr-defined]

from .model import Document, Sentence
from .segment import normalize


@dataclass(frozen=True, slots=True)
class Signal:
    """A pattern whose presence moves a sentence towards or away from being a claim."""

    name: str
    pattern: re.Pattern[str] | None
    weight: float
    # Anchored or sentence-spanning patterns must see one sentence at a time;
    # the others are searched once over the whole document.
    local: bool = True
    # A pattern that only lists words and phrases is matched on tokens, which is far
    # faster than running the regular expression over the text.
    words: frozenset[tuple[str, ...]] | None = None
    folded: re.Pattern[str] | None = None  # the case-blind pattern, for lower-cased text
    # Words one of which the pattern cannot match without: it is tried only on
    # the sentences that have one.
    triggers: frozenset[str] | None = None
    absent: frozenset[str] | None = None  # fires when the sentence uses none of these words


@dataclass(frozen=True, slots=True)
class ClaimCues:
    """The claim signals, their threshold, and an index of the word-list signals by first word."""

    min_words: int
    threshold: float
    stance_weight: float
    signals: tuple[Signal, ...]
    word_index: dict[str, list[tuple[tuple[str, ...], int]]] = field(default_factory=dict)


@cache
def cues() -> ClaimCues:
    """Return the claim cues, read once from the package data."""
    raw = tomllib.loads((resources.files("rhetoric") / "data" / "sourcing.toml").read_text(encoding="utf-8"))
    claim = raw["claim"]
    signals = tuple(_signal(s) for s in claim["signal"])
    word_index: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for k, sig in enumerate(signals):
        for phrase in sig.words or ():
            word_index.setdefault(phrase[0], []).append((phrase, k))
    return ClaimCues(min_words=int(claim["min_words"]), threshold=float(claim["threshold"]),
                     stance_weight=float(claim["stance_weight"]), signals=signals, word_index=word_index)


def find_claims(doc: Document, marked: set[int]) -> list[bool]:
    """Return, per sentence, whether it is a claim; `marked` sentences use stance-marking language."""
    c = cues()
    found = _document_signals(doc, c)
    return [_is_claim(doc, s, c, i in marked, found[i]) for i, s in enumerate(doc.sentences)]


def _signal(s: dict) -> Signal:
    """Build one claim signal from its TOML table."""
    if "absent" in s:
        return Signal(s["name"], None, float(s["weight"]), local=False, absent=frozenset(s["absent"].split()))
    pattern = s["pattern"]
    bound = _sentence_bound(pattern)
    return Signal(
        s["name"], re.compile(pattern, 0 if s.get("case") else re.IGNORECASE), float(s["weight"]),
        local=bound,
        words=None if s.get("case") or bound else _word_list(pattern),
        folded=None if s.get("case") else re.compile(pattern),
        triggers=frozenset(s["triggers"].split()) if "triggers" in s else None,
    )


def _word_list(pattern: str) -> frozenset[tuple[str, ...]] | None:
    """Return the phrases a pattern matches if it is only a list of words, else None."""
    try:
        strings = _finite(list(re_parser.parse(pattern)))
    except (re.error, RecursionError):
        return None
    if strings is None or not all(_PLAIN.fullmatch(x.lower()) for x in strings):
        return None
    return frozenset(tuple(normalize(w) for w in x.split()) for x in strings)


_PLAIN = re.compile(r"[a-z][a-z '’]*")


def _finite(nodes: list) -> set[str] | None:
    """Return every string a regular expression without repetition can match, or None."""
    out = {""}
    for op, av in nodes:
        if op is re_constants.AT:
            continue  # word boundaries: tokens have them by construction
        if op is re_constants.LITERAL:
            choices = {chr(av)}
        elif op is re_constants.SUBPATTERN:
            choices = _finite(av[3])
        elif op is re_constants.BRANCH:
            alts = [_finite(b) for b in av[1]]
            choices = None if any(a is None for a in alts) else set().union(*alts)
        elif op is re_constants.MAX_REPEAT and av[:2] == (0, 1):
            inner = _finite(av[2])
            choices = None if inner is None else inner | {""}
        elif op is re_constants.IN and all(iop is re_constants.LITERAL for iop, _ in av):
            choices = {chr(iav) for _, iav in av}
        else:
            return None
        if choices is None:
            return None
        out = {o + c for o in out for c in choices}
        if len(out) > 5000:
            return None
    return out


def _sentence_bound(pattern: str) -> bool:
    """Return whether a pattern's meaning depends on the sentence's edges or may run across them."""
    return pattern.startswith(("^", "(?s)")) or bool(re.search(r"(?<!\\)\$", pattern)) or "[^" in pattern \
        or ".*" in pattern or ".+" in pattern


def _is_claim(doc: Document, s: Sentence, c: ClaimCues, marked: bool, found: float) -> bool:
    # A question is a signal, not a verdict: "Do you know that it has tripled?" asserts.
    if s.end_token - s.first_token < c.min_words:
        return False
    text = doc.text[s.start:s.end]
    score = found + sum(sig.weight for sig in c.signals if sig.local and sig.pattern and sig.pattern.search(text))
    if marked:
        score += c.stance_weight
    return score >= c.threshold


def _document_signals(doc: Document, c: ClaimCues) -> list[float]:
    """Return, per sentence, the summed weight of the word-level signals found in it.

    Word lists are matched on the tokens; other word-level patterns run once over the
    whole text. Either way a match is placed in its sentence by bisection, instead of
    searching every sentence with every pattern.
    """
    found = [0.0] * len(doc.sentences)
    starts = doc.sentence_starts
    seen: set[tuple[int, int]] = set()

    def credit(k: int, start: int, end: int) -> None:
        i = bisect_right(starts, start) - 1
        if i >= 0 and (k, i) not in seen and end <= doc.sentences[i].end:
            seen.add((k, i))
            found[i] += c.signals[k].weight

    tokens = doc.tokens
    for t, tok in enumerate(tokens):
        for words, k in c.word_index.get(tok.norm, ()):
            n = len(words)
            if n == 1 or (t + n <= len(tokens) and all(tokens[t + j].norm == words[j] for j in range(1, n))):
                credit(k, tok.start, tokens[t + n - 1].end)
    # Case-blind patterns run on lower-cased text: much faster than re.IGNORECASE.
    low = doc.text.lower()
    if len(low) != len(doc.text):
        low = doc.text  # a character changed length; keep offsets right
    triggered = [sig for sig in c.signals if sig.triggers is not None and not sig.local]
    absent = [sig for sig in c.signals if sig.absent is not None]
    if triggered or absent:
        for i, s in enumerate(doc.sentences):
            # "I'm" holds "I", "can't" holds "can": the word before an apostrophe counts too.
            norms = {tok.norm for tok in tokens[s.first_token:s.end_token]}
            norms |= {n.partition("'")[0] for n in norms if "'" in n}
            for sig in absent:
                if norms.isdisjoint(sig.absent):
                    found[i] += sig.weight
            for sig in triggered:
                if norms.isdisjoint(sig.triggers):
                    continue
                blind = sig.folded is not None and low is not doc.text
                if (sig.folded.search(low, s.start, s.end) if blind else sig.pattern.search(doc.text, s.start, s.end)):
                    found[i] += sig.weight
    for k, sig in enumerate(c.signals):
        if sig.pattern is None or sig.local or sig.words is not None or sig.triggers is not None:
            continue
        blind = sig.folded is not None and low is not doc.text
        for m in (sig.folded.finditer(low) if blind else sig.pattern.finditer(doc.text)):
            credit(k, m.start(), m.end())
    return found
