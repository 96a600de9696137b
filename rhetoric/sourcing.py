"""Decide, sentence by sentence, whether a claim is made and whether it is credited to a source."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import Lexicons
from .findings import Category
from .model import Document, Sentence
from .phrases import find_phrases

# Verbs that credit what is said to whoever says it.
REPORTING_VERBS = frozenset(
    """say says said saying tell tells told telling state states stated add adds added explain explains explained
    note notes noted write writes wrote written report reports reported announce announces announced argue argues
    argued claim claims claimed insist insists insisted warn warns warned testify testified acknowledge acknowledged
    confirm confirms confirmed deny denies denied estimate estimates estimated find finds found show shows showed
    shown conclude concludes concluded predict predicts predicted suggest suggests suggested assert asserted
    declare declared allege alleges alleged recall recalled reply replied respond responded observe observed
    emphasize emphasized emphasised stress stressed tweet tweeted post posted comment commented remark remarked
    indicate indicates indicated reveal revealed disclose disclosed concede conceded admit admitted describe
    described call called accuse accused urge urged ask asked predict believe believes believed think thinks
    thought contend contends contended maintain maintains maintained agree agreed cite cited quote quoted
    according""".split()
)
# Words that name a source only vaguely: "some say", "experts believe".
VAGUE_SOURCES = frozenset(
    "some many others critics experts observers analysts commentators sources people everyone somebody someone "
    "they scientists researchers studies reports".split()
)
# Nouns that make a sentence's subject an identifiable source.
SOURCE_NOUNS = frozenset(
    """official officials spokesman spokeswoman spokesperson minister ministry president police statement report
    survey study poll data figures court judge document documents records filing agency department government
    prosecutor prosecutors lawyer attorney director chief secretary governor mayor senator representative
    company firm bank council committee commission office newspaper magazine website chairman ceo leader
    administration authorities investigators""".split()
)
PRONOUNS = frozenset("he she they it we i".split())
OPINION = re.compile(
    r"\b(?:I|we) (?:think|believe|feel|hope|suspect|guess)\b|\bin my (?:view|opinion)\b|\bshould\b|\bought to\b"
    r"|\bmust\b|\blet'?s\b|\blet us\b|\bplease\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"\d|\b(?:percent|per cent|million|billion|trillion|thousand|hundred|dozen|half|third|quarter|twice|double[ds]?|"
    r"tripled?|one|two|three|four|five|six|seven|eight|nine|ten|first|second|last)\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|last (?:year|month|week)|ago|since|(?:19|20)\d\d)\b"
)
_SUPERLATIVE = re.compile(r"\b(?:most|least|\w{3,}est|largest|biggest|only|never|always|all|every|no one|nobody)\b",
                          re.IGNORECASE)
_CAUSAL = re.compile(r"\b(?:because|caused?|causing|led to|leads to|result(?:ed|s)? in|due to|therefore|so that)\b",
                     re.IGNORECASE)
_EVENT_VERB = re.compile(r"\b\w+ed\b|\b(?:was|were|is|are|has|have|had|will|won|lost|made|became|became|grew|fell|"
                         r"rose|began|took|gave|went|came|left|met|led|held|kept|sent|set|spent|built|bought|sold|"
                         r"paid)\b")


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


def assess(doc: Document, lexicons: Lexicons) -> tuple[SentenceAssessment, ...]:
    """Assess every sentence of the document."""
    weasel = _weasel_sentences(doc, lexicons)
    direct = [_attribution(doc, s) for s in doc.sentences]
    quoted = [_mostly_quoted(doc, s) for s in doc.sentences]
    out = []
    for i, s in enumerate(doc.sentences):
        attributed = direct[i] and i not in weasel
        if not attributed and quoted[i] and i not in weasel:
            attributed = _quote_attributed(doc, i, direct)
        out.append(SentenceAssessment(
            index=s.index, start=s.start, end=s.end,
            claim=_is_claim(doc, s),
            attributed=attributed,
            vague=i in weasel,
            quoted=quoted[i],
        ))
    return tuple(out)


def _weasel_sentences(doc: Document, lexicons: Lexicons) -> set[int]:
    out = set()
    for m in find_phrases(doc, lexicons):
        if m.entry.family.category is Category.WEASEL:
            s = doc.sentence_at(m.start)
            if s is not None:
                out.add(s.index)
    return out


def _attribution(doc: Document, s: Sentence) -> bool:
    tokens = doc.sentence_tokens(s)
    text = doc.text
    for k, tok in enumerate(tokens):
        if tok.norm not in REPORTING_VERBS:
            continue
        if tok.norm == "according":
            nxt = tokens[k + 1].norm if k + 1 < len(tokens) else ""
            after = tokens[k + 2].norm if k + 2 < len(tokens) else ""
            if nxt == "to" and after not in VAGUE_SOURCES:
                return True
            continue
        # The source is the nearest noun phrase before the verb, or just after it ("said Smith").
        window = list(tokens[max(0, k - 4):k]) + list(tokens[k + 1:k + 3])
        for w in window:
            word = text[w.start:w.end]
            if w.norm in VAGUE_SOURCES:
                break
            if w.norm in PRONOUNS or w.norm in SOURCE_NOUNS or (word[:1].isupper() and w.start != s.start):
                return True
    return False


def _mostly_quoted(doc: Document, s: Sentence) -> bool:
    inside = 0
    for q in doc.quotations:
        if q.depth == 0:
            inside += max(0, min(s.end, q.inner_end) - max(s.start, q.inner_start))
    return inside > 0.5 * (s.end - s.start)


def _quote_attributed(doc: Document, i: int, direct: list[bool]) -> bool:
    """Return whether a quoted sentence's speaker is named nearby in its paragraph."""
    s = doc.sentences[i]
    for j in (i - 1, i + 1, i - 2, i + 2):
        if 0 <= j < len(doc.sentences) and doc.sentences[j].paragraph == s.paragraph and direct[j]:
            return True
    return False


def _is_claim(doc: Document, s: Sentence) -> bool:
    text = doc.text[s.start:s.end]
    if text.rstrip("\"'”’)] ").endswith("?") or s.end_token - s.first_token < 4:
        return False
    if OPINION.search(text):
        return False
    tokens = doc.sentence_tokens(s)
    names = sum(1 for t in tokens[1:] if doc.text[t.start].isupper())
    return bool(
        _NUMBER.search(text) or _DATE.search(text) or _CAUSAL.search(text) or _SUPERLATIVE.search(text)
        or (names and _EVENT_VERB.search(text))
    )
