"""Decide, sentence by sentence, whether a claim is made and whether it is credited to a source."""

from __future__ import annotations

import re
import tomllib
from re import _constants as re_constants  # type: ignore[attr-defined]  # the stdlib's own regex parser
from re import _parser as re_parser  # type: ignore[attr-defined]
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import cache
from importlib import resources

from .findings import Category
from .model import Document, Quotation, Sentence, Token
from .phrases import PhraseMatch
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
class Cues:
    """The word lists and claim signals of rhetoric/data/sourcing.toml."""

    say_verbs: frozenset[str]
    stance_verbs: frozenset[str]
    finding_verbs: frozenset[str]
    vague_sources: frozenset[str]
    vague_quantifiers: frozenset[str]
    source_pronouns: frozenset[str]
    thing_pronouns: frozenset[str]
    writer_pronouns: frozenset[str]
    source_nouns: frozenset[str]
    skip_words: frozenset[str]
    passive_words: frozenset[str]
    function_words: frozenset[str]
    coordinators: frozenset[str]
    min_words: int
    threshold: float
    stance_weight: float
    signals: tuple[Signal, ...]
    word_index: dict[str, list[tuple[tuple[str, ...], int]]] = field(default_factory=dict)


@cache
def cues() -> Cues:
    """Return the cues, read once from the package data."""
    raw = tomllib.loads((resources.files("rhetoric") / "data" / "sourcing.toml").read_text(encoding="utf-8"))
    att, claim = raw["attribution"], raw["claim"]
    words = {key: frozenset(value.split()) for key, value in att.items()}
    signals = tuple(_signal(s) for s in claim["signal"])
    word_index: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for k, sig in enumerate(signals):
        for phrase in sig.words or ():
            word_index.setdefault(phrase[0], []).append((phrase, k))
    return Cues(**words, min_words=int(claim["min_words"]), threshold=float(claim["threshold"]),
                stance_weight=float(claim["stance_weight"]), signals=signals, word_index=word_index)


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


# Verbs that credit what is said to whoever says it; the scare-quote detector
# reads this to tell a quoted speaker from a distancing quote.
REPORTING_VERBS = cues().say_verbs | cues().stance_verbs | cues().finding_verbs | {"according"}


class Credit(Enum):
    """Who a sentence credits: a named source, only a vague one, or nobody."""

    NAMED = "named"
    VAGUE = "vague"
    NONE = "none"


class _Verb(Enum):
    SAY = "say"
    STANCE = "stance"
    FINDING = "finding"


@dataclass(frozen=True, slots=True)
class SentenceAssessment:
    """Whether a sentence makes a checkable claim and whether it credits a source."""

    index: int
    start: int
    end: int
    claim: bool
    attributed: bool
    vague: bool
    quoted: bool


def assess(doc: Document, phrases: Sequence[PhraseMatch]) -> tuple[SentenceAssessment, ...]:
    """Assess every sentence of the document, given the lexicon phrases found in it."""
    c = cues()
    weasel, marked = _lexicon_sentences(doc, phrases)
    signal_hits = _document_signals(doc, c)
    direct = [_credit(doc, s, c) for s in doc.sentences]
    outer = tuple(q for q in doc.quotations if q.depth == 0)
    outer_starts = tuple(q.inner_start for q in outer)
    quoted = [_mostly_quoted(s, outer, outer_starts) for s in doc.sentences]
    named_paragraphs = {s.paragraph for s, credit in zip(doc.sentences, direct) if credit is Credit.NAMED}
    out = []
    for i, s in enumerate(doc.sentences):
        attributed = direct[i] is Credit.NAMED
        if not attributed and quoted[i] is not None:
            attributed = _quote_credited(doc, i, quoted[i], named_paragraphs)
        out.append(SentenceAssessment(
            index=s.index, start=s.start, end=s.end,
            claim=_is_claim(doc, s, c, i in marked, signal_hits[i]),
            attributed=attributed,
            vague=i in weasel or direct[i] is Credit.VAGUE,
            quoted=quoted[i] is not None,
        ))
    return tuple(out)


# Lexicon categories that mark the writer's stance rather than a checkable fact.
_STANCE = frozenset({Category.LOADED_TERM, Category.BOOSTER, Category.HEDGE, Category.EDITORIALIZING})


def _lexicon_sentences(doc: Document, phrases: Sequence[PhraseMatch]) -> tuple[set[int], set[int]]:
    """Return the sentences with a weasel phrase, and those with stance-marking language."""
    weasel: set[int] = set()
    stance: set[int] = set()
    for m in phrases:
        s = doc.sentence_at(m.start)
        if s is None:
            continue
        if m.entry.family.category is Category.WEASEL:
            weasel.add(s.index)
        elif m.entry.family.category in _STANCE:
            stance.add(s.index)
    return weasel, stance


# --- attribution ------------------------------------------------------------

def _credit(doc: Document, s: Sentence, c: Cues) -> Credit:
    """Return the best credit any reporting cue of the sentence gives it."""
    tokens = doc.sentence_tokens(s)
    if _speaker_label(doc, s, tokens, c):
        return Credit.NAMED
    best = Credit.NONE
    for k in range(len(tokens)):
        credit = _cue_credit(doc, tokens, k, c)
        if credit is Credit.NAMED:
            return credit
        if credit is Credit.VAGUE:
            best = credit
    return best


def _speaker_label(doc: Document, s: Sentence, tokens: tuple[Token, ...], c: Cues) -> bool:
    """Return whether the sentence opens with a name and a colon ("SMITH: …", "Trump: Mexico will pay")."""
    for k, tok in enumerate(tokens[:4]):
        word = doc.text[tok.start:tok.end]
        if (len(word) < 2 or not word[:1].isupper() or tok.norm in c.function_words or word.endswith(("'s", "’s"))
                or tok.norm.endswith("ing") or tok.norm in c.writer_pronouns):
            return False
        gap = doc.text[tok.end:tokens[k + 1].start] if k + 1 < len(tokens) else ""
        if gap.strip() == ":":
            return True
        if gap.strip(" "):
            return False
    return False


def _verb_class(norm: str, c: Cues) -> _Verb | None:
    if norm in c.say_verbs:
        return _Verb.SAY
    if norm in c.stance_verbs:
        return _Verb.STANCE
    if norm in c.finding_verbs:
        return _Verb.FINDING
    return None


def _cue_credit(doc: Document, tokens: tuple[Token, ...], k: int, c: Cues) -> Credit:
    norm = tokens[k].norm
    if norm == "according":
        if k + 2 < len(tokens) and tokens[k + 1].norm == "to":
            return _after_credit(doc, tokens, k + 1, c, _Verb.SAY)
        return Credit.NONE
    verb = _verb_class(norm, c)
    if verb is None:
        return Credit.NONE
    before = _gap(doc, tokens, k)
    # '"…," said Smith' and '…, says a report': the source follows the verb.
    if k == 0 or any(ch in before for ch in ",\"”'’:—–("):
        after = _after_credit(doc, tokens, k, c, verb)
        if after is not Credit.NONE:
            return after
        if norm.endswith("ing") and "," in before:
            # ", adding that …": the participle's subject is the clause's subject.
            return _earlier_subject(doc, tokens, k, c)
        if k == 0:
            return Credit.NONE
    return _subject_credit(doc, tokens, k, c, verb)


def _gap(doc: Document, tokens: tuple[Token, ...], k: int) -> str:
    """Return the characters between token k-1 and token k."""
    return doc.text[tokens[k - 1].end:tokens[k].start] if k > 0 else ""


def _after_credit(doc: Document, tokens: tuple[Token, ...], k: int, c: Cues, verb: _Verb) -> Credit:
    """Return the credit of the noun phrase right after token k ("said Smith", "according to the report")."""
    j = k + 1
    if j < len(tokens) and tokens[j].norm in ("the", "a", "an", "one", "his", "her", "its", "their"):
        j += 1
    if j >= len(tokens) or "\n" in _gap(doc, tokens, j):
        return Credit.NONE
    tok = tokens[j]
    word = doc.text[tok.start:tok.end]
    if tok.norm in c.vague_sources or tok.norm in c.vague_quantifiers:
        return Credit.VAGUE
    if tok.norm in c.source_pronouns - {"who"} or tok.norm in c.source_nouns:
        return Credit.NAMED
    if word[:1].isupper() and tok.norm not in c.function_words and tok.norm not in c.writer_pronouns:
        return Credit.NAMED
    if verb is _Verb.SAY and tokens[k].norm == "to" and tok.norm not in c.function_words:
        return Credit.NAMED  # "according to residents"
    return Credit.NONE


def _subject_credit(doc: Document, tokens: tuple[Token, ...], k: int, c: Cues, verb: _Verb) -> Credit:
    """Return the credit of the subject before the verb at token k."""
    j = k - 1
    while j >= 0 and _skippable(doc, tokens[j], c):
        j -= 1
    if j < 0:
        return Credit.NONE
    if "," in doc.text[tokens[j].end:tokens[j + 1].start] and j + 1 == k:
        # "Smith, the party's chairman, said": step back over the apposition.
        j = _before_apposition(doc, tokens, j)
        if j < 0:
            return Credit.NONE
    head = tokens[j]
    if head.norm in c.coordinators:
        return _earlier_subject(doc, tokens, j, c)
    if head.norm in c.passive_words:
        return _by_credit(doc, tokens, k, c)
    return _head_credit(doc, tokens, j, c, verb)


def _skippable(doc: Document, tok: Token, c: Cues) -> bool:
    word = doc.text[tok.start:tok.end]
    return tok.norm in c.skip_words or (tok.norm.endswith("ly") and word.islower() and len(word) > 4)


def _before_apposition(doc: Document, tokens: tuple[Token, ...], j: int) -> int:
    """Return the token before the comma that opens the apposition ending at token j, or -1."""
    for m in range(j, max(0, j - 15), -1):
        if "," in _gap(doc, tokens, m):
            return m - 1
    return -1


def _head_credit(doc: Document, tokens: tuple[Token, ...], j: int, c: Cues, verb: _Verb) -> Credit:
    head = tokens[j]
    word = doc.text[head.start:head.end]
    after = doc.text[head.end:head.end + 2]
    if after[:1] in ("'", "’") or word.endswith(("'s", "’s")):
        return Credit.NONE  # a possessive ("Rubio's claim") is no subject
    if head.norm in c.vague_sources or (j > 0 and tokens[j - 1].norm in c.vague_quantifiers):
        return Credit.VAGUE
    if head.norm in c.writer_pronouns:
        return Credit.NONE
    if head.norm in c.source_pronouns:
        return Credit.NAMED
    if head.norm in c.thing_pronouns:
        if head.norm == "that" and j == 0:
            return Credit.NONE  # "That said, …"
        return Credit.NAMED if verb is not _Verb.STANCE else Credit.NONE
    if head.norm in c.function_words:
        return Credit.NONE
    if word[:1].isupper() or head.norm in c.source_nouns:
        return Credit.NAMED
    if verb is _Verb.SAY and word.isalpha() and not word.endswith("ly"):
        return Credit.NAMED  # "residents said": a speech verb credits its subject
    return Credit.NONE


def _earlier_subject(doc: Document, tokens: tuple[Token, ...], k: int, c: Cues) -> Credit:
    """Return the credit of the nearest subject-like word before token k in the sentence."""
    for j in range(k - 1, max(-1, k - 20), -1):
        tok = tokens[j]
        word = doc.text[tok.start:tok.end]
        if tok.norm in c.vague_sources:
            return Credit.VAGUE
        if tok.norm in c.writer_pronouns:
            return Credit.NONE
        if tok.norm in c.source_pronouns or tok.norm in c.source_nouns:
            return Credit.NAMED
        if word[:1].isupper() and tok.norm not in c.function_words and not word.endswith(("'s", "’s")):
            return Credit.NAMED
    return Credit.NONE


def _by_credit(doc: Document, tokens: tuple[Token, ...], k: int, c: Cues) -> Credit:
    """Return the credit of a passive's agent ("was reported by Reuters")."""
    if k + 1 < len(tokens) and tokens[k + 1].norm == "by":
        return _after_credit(doc, tokens, k + 1, c, _Verb.FINDING)
    return Credit.NONE


# --- quotations -------------------------------------------------------------

def _mostly_quoted(s: Sentence, outer: tuple[Quotation, ...], starts: tuple[int, ...]) -> Quotation | None:
    """Return the quotation holding most of the sentence's characters, if quoted words are the majority."""
    inside, most = 0, 0
    best: Quotation | None = None
    # Outermost quotations do not overlap, so those that reach into the sentence sit just before its end.
    i = bisect_left(starts, s.end) - 1
    while i >= 0 and outer[i].inner_end > s.start:
        share = min(s.end, outer[i].inner_end) - max(s.start, outer[i].inner_start)
        if share > most:
            best, most = outer[i], share
        inside += max(0, share)
        i -= 1
    return best if inside > 0.5 * (s.end - s.start) else None


def _quote_credited(doc: Document, i: int, q: Quotation, named_paragraphs: set[int]) -> bool:
    """Return whether a quoted sentence's speaker is named near its quotation.

    A quotation may run over sentences and paragraphs with its speaker named once,
    before, inside or after it, so the paragraphs around the quotation are searched.
    """
    first = doc.sentence_at(q.start)
    low = min(doc.sentences[i].paragraph, first.paragraph if first else doc.sentences[i].paragraph)
    return any(p in named_paragraphs for p in range(low - 1, doc.sentences[i].paragraph + 2))


# --- claims -----------------------------------------------------------------

def _is_claim(doc: Document, s: Sentence, c: Cues, marked: bool, found: float) -> bool:
    # A question is a signal, not a verdict: "Do you know that it has tripled?" asserts.
    if s.end_token - s.first_token < c.min_words:
        return False
    text = doc.text[s.start:s.end]
    score = found + sum(sig.weight for sig in c.signals if sig.local and sig.pattern and sig.pattern.search(text))
    if marked:
        score += c.stance_weight
    return score >= c.threshold


def _document_signals(doc: Document, c: Cues) -> list[float]:
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