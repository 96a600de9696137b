"""Decide, sentence by sentence, whether it is credited to a source (and, with claims.py, whether it is a claim)."""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cache
from itertools import compress
from typing import NamedTuple

from .claims import find_claims
from .complement import reports_speech
from .data import table
from .findings import Category
from .model import Document, Quotation, Sentence, from_columns
from .phrases import PhraseMatch
from .prefilter import sentences_with
from .turns import Turns, editorial


class Cues(NamedTuple):
    """The attribution word lists of rhetoric/data/sourcing.toml."""

    # A NamedTuple, not a frozen dataclass: made once per process, and a dataclass of this many
    # fields takes several times as long to define at every start (its generated methods compiled).

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
    ly_nouns: frozenset[str]
    anaphoric: frozenset[str]
    anaphoric_heads: frozenset[str]
    hearing_verbs: frozenset[str]
    hearing_bodies: frozenset[str]
    object_verbs: frozenset[str]
    subordinators: frozenset[str]
    agent_verbs: frozenset[str]
    calendar_words: frozenset[str]


@cache
def cues() -> Cues:
    """Return the cues, read once from the package data."""
    raw = table("sourcing.toml")
    return Cues(**{key: frozenset(value.split()) for key, value in raw["attribution"].items()})


@cache
def _reporting(c: Cues) -> frozenset[str]:
    """Return the words that can credit a sentence: "according" and the reporting verbs."""
    return c.say_verbs | c.stance_verbs | c.finding_verbs | c.hearing_verbs | c.agent_verbs | {"according", "per"}


class Credit(Enum):
    """Who a sentence credits: a named source, only a vague one, or nobody."""

    NAMED = "named"
    VAGUE = "vague"
    NONE = "none"


class _Verb(Enum):
    SAY = "say"
    STANCE = "stance"
    FINDING = "finding"
    HEARING = "hearing"


# The members, read once: a member of an enum is slow to look up on its class (some 600 instructions
# in CPython 3.11), and attribution tests and returns them at every cue and word it reads.
_NAMED, _VAGUE, _NONE = Credit.NAMED, Credit.VAGUE, Credit.NONE
_VERB_SAY, _VERB_STANCE, _VERB_FINDING, _VERB_HEARING = _Verb.SAY, _Verb.STANCE, _Verb.FINDING, _Verb.HEARING


@dataclass(frozen=True, slots=True, eq=False)  # never compared: no __eq__/__hash__ to generate at every start
class SentenceAssessment:
    """Whether a sentence makes a checkable claim and whether it credits a source."""

    index: int
    start: int
    end: int
    claim: bool
    attributed: bool
    vague: bool
    quoted: bool


def assess(doc: Document, phrases: Sequence[PhraseMatch],
           turns: Turns = Turns()) -> tuple[SentenceAssessment, ...]:
    """Assess every sentence of the document, given the lexicon phrases found in it and its speaker turns.

    A sentence inside a speaker's turn (see turns.py) is quoted speech, credited to the speaker its label names.
    """
    c = cues()
    sentences = doc.sentences
    n = len(sentences)
    weasel, marked = _lexicon_sentences(doc, phrases)
    claims = find_claims(doc, marked)
    # Only "according" and the reporting verbs can credit a sentence: find them once
    # for the whole document (membership tested in C), instead of trying every token of every sentence.
    norms = doc.tokens.norms
    cue_tokens = list(compress(range(len(norms)), map(_reporting(c).__contains__, norms)))
    # A speaker label needs a colon: only the sentences with one are read for it.
    colons = set(sentences_with(_COLON, doc.text, sentences, doc.sentence_starts))
    firsts = [s.first_token for s in sentences]
    candidates = colons.union(bisect_right(firsts, k) - 1 for k in cue_tokens)
    candidates.discard(-1)  # a cue before the first sentence would belong to none
    # Most sentences have neither: they credit nobody, and the flags below start False for
    # every sentence in C; only the candidates and the quoted sentences are visited.
    credits = {i: _credit(doc, sentences[i], c, cue_tokens, i in colons) for i in candidates}
    named = [i for i, credit in credits.items() if credit is _NAMED]
    attributed = [False] * n
    vague = [False] * n
    for i in named:
        attributed[i] = True
    if "[" in doc.text:
        for i in sentences_with(_CITED, doc.text, sentences, doc.sentence_starts):
            attributed[i] = True
    for i in weasel:
        vague[i] = True
    for i, credit in credits.items():
        if credit is _VAGUE:
            vague[i] = True
    quoted = [False] * n
    named_paragraphs = {sentences[i].paragraph for i in named}
    for i, quotation in _mostly_quoted_sentences(doc):
        quoted[i] = True
        if not attributed[i] and _quote_credited(doc, i, quotation, named_paragraphs):
            attributed[i] = True
    if turns:
        for i, s in enumerate(sentences):
            if turns.holds(s.start, s.end):
                quoted[i] = attributed[i] = True
    # Built a column at a time: a frozen dataclass's __init__ costs twice as much (see model.from_columns).
    return from_columns(SentenceAssessment, [s.index for s in sentences], [s.start for s in sentences],
                        [s.end for s in sentences], claims, attributed, vague, quoted)


# Lexicon categories that mark the writer's stance rather than a checkable fact.
_STANCE = frozenset({Category.LOADED_TERM, Category.BOOSTER, Category.HEDGE, Category.EDITORIALIZING})


def _lexicon_sentences(doc: Document, phrases: Sequence[PhraseMatch]) -> tuple[set[int], set[int]]:
    """Return the sentences with a weasel phrase, and those with stance-marking language."""
    weasel: set[int] = set()
    stance: set[int] = set()
    weasel_category = Category.WEASEL  # read once, not at every phrase (see _NAMED)
    for m in phrases:
        s = doc.sentence_at(m.start)
        if s is None:
            continue
        category = m.entry.family.category
        if category is weasel_category:
            weasel.add(s.index)
        elif category in _STANCE:
            stance.add(s.index)
    return weasel, stance


# --- attribution ------------------------------------------------------------

class _Words(NamedTuple):
    """One sentence's token columns, indexed from its first token."""

    starts: array[int]
    ends: array[int]
    norms: tuple[str, ...]


_COLON = re.compile(":")
# A numbered citation marker glued to the text it follows ("in 2019.[2]", "the report[14] found"), as
# text copied from a reference work or a report carries them: the sentence credits a listed source.
# Lettered markers ("[a]") are explanatory notes, not sources.
_CITED = re.compile(r"\S\[\d{1,3}\]")


def _credit(doc: Document, s: Sentence, c: Cues, cue_tokens: list[int], colon: bool) -> Credit:
    """Return the best credit any reporting cue of the sentence, or a speaker label, gives it.

    `cue_tokens` holds, in order, the document's token indices that are "according"
    or a reporting verb: no other token can credit a sentence. `colon` tells whether
    the sentence holds a colon, which a speaker label needs.
    """
    first = s.first_token
    cues_from, cues_to = bisect_left(cue_tokens, first), bisect_left(cue_tokens, s.end_token)
    if not colon and cues_from == cues_to:
        return _NONE  # most sentences: no need to make their tokens
    t = doc.tokens
    # Plain slices of the columns: a Tokens view or a Token per word read would cost more than the reading.
    # tuple.__new__ builds the _Words in C, without the NamedTuple's Python constructor.
    end = s.end_token
    tokens = tuple.__new__(_Words, (t.starts[first:end], t.ends[first:end], t.norms[first:end]))
    if colon and _speaker_label(doc, s, tokens, c):
        return _NAMED
    best = _NONE
    for i in range(cues_from, cues_to):
        credit = _cue_credit(doc, tokens, cue_tokens[i] - first, c, first)
        if credit is _NAMED:
            return credit
        if credit is _VAGUE:
            best = credit
    return best


def _speaker_label(doc: Document, s: Sentence, tokens: _Words, c: Cues) -> bool:
    """Return whether the sentence opens with a name and a colon ("SMITH: …", "Trump: Mexico will pay")."""
    starts, ends, norms = tokens.starts, tokens.ends, tokens.norms
    for k in range(min(4, len(norms))):
        word, norm = doc.text[starts[k]:ends[k]], norms[k]
        if (len(word) < 2 or not word[:1].isupper() or norm in c.function_words or word.endswith(("'s", "’s"))
                or norm.endswith("ing") or norm in c.writer_pronouns):
            return False
        gap = doc.text[ends[k]:starts[k + 1]] if k + 1 < len(norms) else ""
        if gap.strip() == ":":
            return not editorial(norms[:k + 1])  # "UPDATE: …", "WATCH: …": the outlet's
        if gap.strip(" "):
            return False
    return False


def _verb_class(norm: str, c: Cues) -> _Verb | None:
    if norm in c.say_verbs:
        return _VERB_SAY
    if norm in c.stance_verbs:
        return _VERB_STANCE
    if norm in c.finding_verbs:
        return _VERB_FINDING
    if norm in c.hearing_verbs:
        return _VERB_HEARING
    return None


def _cue_credit(doc: Document, tokens: _Words, k: int, c: Cues, first: int) -> Credit:
    """Return the credit the cue at token k of a sentence gives it (`first`: the document's index of token 0)."""
    norm = tokens.norms[k]
    if norm == "according":
        if k + 2 < len(tokens.norms) and tokens.norms[k + 1] == "to":
            return _after_credit(doc, tokens, k + 1, c, _VERB_SAY)
        return _NONE
    if norm == "per":
        return _per_credit(doc, tokens, k, c) if k and "," in _gap(doc, tokens, k) else _NONE
    verb = _verb_class(norm, c)
    if verb is None:
        return _agent_credit(doc, tokens, k, c) if norm in c.agent_verbs else _NONE
    if verb is _VERB_STANCE and k and doc.text[tokens.starts[k]].isupper() and not _headline(doc, tokens):
        return _NONE  # a name inside the sentence ("Beach Point Club", "Hope Hicks"), not a verb
    before = _gap(doc, tokens, k)
    # '"…," said Smith' and '…, says a report': the source follows the verb.
    if verb is not _VERB_HEARING and (k == 0 or not _SET_OFF.isdisjoint(before)):
        after = _after_credit(doc, tokens, k, c, verb)
        if after is not _NONE:
            return after
        if norm.endswith("ing") and "," in before:
            # ", adding that …": the participle's subject is the clause's subject.
            return _earlier_subject(doc, tokens, k, c)
        if k == 0:
            return _NONE
    if norm in c.object_verbs and not _reports(doc, tokens, k, first):
        return _NONE  # "Murray added 24 points", "Police wrote 1,400 tickets", "The Chiefs claimed the title"
    if k == 1 and (tokens.norms[0], norm) in _IDIOMS:
        return _NONE  # "All told, 14 people died", "Having said that, …"
    return _subject_credit(doc, tokens, k, c, verb)


def _agent_credit(doc: Document, tokens: _Words, k: int, c: Cues) -> Credit:
    """Return the credit of the agent of a passive of publishing ("The figures were compiled by the Labor Department")."""
    j = k - 1
    while j >= 0 and _skippable(doc, tokens, j, c):
        j -= 1
    # Not "ordered that the records be published by the agency", nor "compiled by Thursday".
    if j < 0 or tokens.norms[j] not in c.passive_words or tokens.norms[j] in _NOT_DONE:
        return _NONE
    agent = tokens.norms[k + 2] if k + 2 < len(tokens.norms) else ""
    return _NONE if agent in c.calendar_words else _by_credit(doc, tokens, k, c)


# Forms of "be" whose passive is not done yet, so that no one has yet published anything.
_NOT_DONE = frozenset(("be", "being"))


def _reports(doc: Document, tokens: _Words, k: int, first: int) -> bool:
    """Return whether the verb at token k, which may take a thing as its object, reports what its subject said.

    It does where a reported clause follows it (complement.py), after "to" and whom it was told ("wrote to
    Sanders' office that…"), or where a quotation stands before it ('"…," Sanders wrote to his colleagues').
    """
    if reports_speech(doc, first + k + 1, infinitive=False):
        return True
    norms = tokens.norms
    if k + 1 < len(norms) and norms[k + 1] == "to":
        for m in range(k + 2, min(k + 2 + _ADDRESSEE, len(norms))):
            if not _ADDRESS_GAP.issuperset(_gap(doc, tokens, m)):
                break
            if norms[m] == "that":
                return True
    return not _QUOTE_MARKS.isdisjoint(doc.text[tokens.starts[0]:tokens.starts[k]])


# The most words between "wrote to" and the "that" of what was written ("wrote to Sanders' Senate office that").
_ADDRESSEE = 6
_QUOTE_MARKS = frozenset('"”“')
# What may stand between the words of whom it was written to: spaces, a comma, a possessive's apostrophe.
_ADDRESS_GAP = frozenset(" \n,'’")


# A verb of saying after the sentence's first word that says nothing of anyone's: "All told, …", "Having said that, …".
_IDIOMS = frozenset((("all", "told"), ("having", "said")))


def _headline(doc: Document, tokens: _Words) -> bool:
    """Return whether the sentence is written in title case, as headlines are: most of its words are capitalised."""
    words = [doc.text[start:end] for start, end in zip(tokens.starts, tokens.ends)]
    long = [word for word in words if len(word) > 3 and word[:1].isalpha()]
    return len(long) >= 2 and sum(word[:1].isupper() for word in long) >= 0.7 * len(long)


# Marks between a verb of saying and the word before it that set the verb off from what it reports.
_SET_OFF = frozenset(",\"”'’:—–(")


def _gap(doc: Document, tokens: _Words, k: int) -> str:
    """Return the characters between token k-1 and token k."""
    return doc.text[tokens.ends[k - 1]:tokens.starts[k]] if k > 0 else ""


def _after_credit(doc: Document, tokens: _Words, k: int, c: Cues, verb: _Verb) -> Credit:
    """Return the credit of the noun phrase right after token k ("said Smith", "according to the report")."""
    j = k + 1
    if j < len(tokens.norms) and tokens.norms[j] in _OBJECT_PRONOUNS \
            and (j + 1 == len(tokens.norms) or not _gap(doc, tokens, j + 1).isspace()):
        return _NAMED  # "…, according to her."
    if j < len(tokens.norms) and tokens.norms[j] in ("the", "a", "an", "one", "his", "her", "its", "their"):
        j += 1
        if j + 1 < len(tokens.norms) and tokens.norms[j] == "most":
            j += 1  # a superlative ("according to its most recent accounts"), not "most" of a vague many
    if j >= len(tokens.norms) or "\n" in _gap(doc, tokens, j):
        return _NONE
    norm = tokens.norms[j]
    word = doc.text[tokens.starts[j]:tokens.ends[j]]
    if norm in c.vague_sources or norm in c.vague_quantifiers:
        return _VAGUE
    if norm in c.source_pronouns - {"who"} or norm in c.source_nouns:
        return _NAMED
    if word[:1].isupper() and norm not in c.function_words and norm not in c.writer_pronouns:
        return _NAMED
    if k and _modified_source(doc, tokens, j, c):
        return _NAMED  # "confirmed by state regulators", "says a new study"; not "See live results here"
    if verb is _VERB_SAY and tokens.norms[k] == "to" and norm not in c.function_words:
        return _NAMED  # "according to residents"
    if verb is _VERB_SAY and word.isalpha() and norm not in c.function_words:
        return _titled_name(doc, tokens, j, c)  # '"…," said city councillor Ana Ruiz'
    return _NONE


def _modified_source(doc: Document, tokens: _Words, j: int, c: Cues) -> bool:
    """Return whether lower-case words from token j lead to a source noun ("state regulators", "a new study")."""
    norms = tokens.norms
    for m in range(j, min(j + _MODIFIERS + 1, len(norms))):
        if m > j and _gap(doc, tokens, m) != " ":
            return False
        if norms[m] in c.source_nouns:
            return True
        word = doc.text[tokens.starts[m]:tokens.ends[m]]
        if norms[m] in c.function_words or not word.removesuffix("'s").removesuffix("’s").isalpha():
            return False
    return False


# The most words that may stand between a determiner and a source noun ("the county health department").
_MODIFIERS = 3
# Pronouns that stand for a source after "according to" ("…, according to her").
_OBJECT_PRONOUNS = frozenset(("him", "her", "them"))


# How many words after "per" its source may end ("per the county fire department").
PER_REACH = 5


def _per_credit(doc: Document, tokens: _Words, k: int, c: Cues) -> Credit:
    """Return the credit of ", per the report" or ", per city data" (token k is "per"): a source noun or a name.

    "$5, per person" and "40 miles, per hour" name no one.
    """
    for m in range(k + 1, min(k + 1 + PER_REACH, len(tokens.norms))):
        word, norm = doc.text[tokens.starts[m]:tokens.ends[m]], tokens.norms[m]
        if _gap(doc, tokens, m) != " ":
            break
        if norm in c.vague_sources:
            return _VAGUE
        if norm in c.source_nouns or (word[:1].isupper() and norm not in c.function_words):
            return _NAMED
        if m > k + 1 and norm in c.function_words:
            break
    return _NONE


def _titled_name(doc: Document, tokens: _Words, j: int, c: Cues) -> Credit:
    """Return _NAMED when the lower-case word at token j and at most two more like it are a title before a name."""
    for m in range(j + 1, min(j + 4, len(tokens.norms))):
        word = doc.text[tokens.starts[m]:tokens.ends[m]]
        if _gap(doc, tokens, m) != " " or not word.isalpha():
            break
        if word[:1].isupper():
            return _NAMED
        if tokens.norms[m] in c.function_words:
            break
    return _NONE


def _subject_credit(doc: Document, tokens: _Words, k: int, c: Cues, verb: _Verb) -> Credit:
    """Return the credit of the subject before the verb at token k."""
    j = k - 1
    while j >= 0 and _skippable(doc, tokens, j, c):
        if tokens.norms[j] in _NEGATIONS:
            return _NONE  # "would not confirm", "never disclosed": what follows is the writer's
        j -= 1
    if j >= 2 and tokens.norms[j] == "to" and tokens.norms[j - 1] in _PLEASED and tokens.norms[j - 2] in c.passive_words:
        j -= 3  # "Acme is proud to announce": Acme announces
        while j >= 0 and _skippable(doc, tokens, j, c):
            j -= 1
    if j > 0 and verb is _VERB_FINDING:
        j = _before_publication(tokens, j, c)  # "A poll by YouGov published last week found"
    if j < 0:
        return _NONE
    if "," in doc.text[tokens.ends[j]:tokens.starts[j + 1]] and j + 1 == k:
        # "Smith, the party's chairman, said": step back over the apposition.
        j = _before_apposition(doc, tokens, j)
        if j < 0:
            return _NONE
    head = tokens.norms[j]
    if head in c.coordinators:
        return _earlier_subject(doc, tokens, j, c)
    if head in c.passive_words:
        if tokens.norms[k] == "told" and j > 0 and _hearing_body(doc, tokens, j - 1, c):
            return _NAMED  # "The court was told that…", "MPs were told…"
        return _by_credit(doc, tokens, k, c)
    if head == "as":
        if j > 1 and tokens.norms[j - 1] == "quoted":  # "The mayor was quoted as saying …": the mayor
            m = j - 2
            while m >= 0 and (tokens.norms[m] in c.passive_words or _skippable(doc, tokens, m, c)):
                m -= 1
            return _head_credit(doc, tokens, m, c, _VERB_SAY) if m >= 0 else _NONE
        return _by_credit(doc, tokens, k, c)  # "…, as first reported by The Washington Post"
    if _subordinate(doc, tokens, j, c):
        return _NONE
    credit = _head_credit(doc, tokens, j, c, verb)
    if credit is _NONE and verb is not _VERB_SAY:
        return _owned_source(doc, tokens, j, c)
    return credit


def _before_publication(tokens: _Words, j: int, c: Cues) -> int:
    """Return the token before a time and a participle of publication that end at token j, or j.

    "A poll by YouGov published last week found", "An independent review published the same year found",
    "Figures published by the Home Office last week showed": the source stands before them.
    """
    norms = tokens.norms
    m = j
    if norms[m] in _TIMES and m > 0 and norms[m - 1] in _TIME_WORDS:
        m -= 2
        if m >= 0 and norms[m] == "the":
            m -= 1
    elif (norms[m] in _TIMES or norms[m] in c.calendar_words) and m > 0 and norms[m - 1] in ("on", "in"):
        m -= 2
    if m >= 0 and norms[m] in _PUBLISHED:
        return m - 1
    return j if m == j else m


_TIMES = frozenset("week month year weekend day night morning evening spring summer autumn fall winter".split())
_TIME_WORDS = frozenset("last this same previous next".split())
_PUBLISHED = frozenset("published released conducted commissioned issued".split())


# Adjectives of a glad announcement between its subject and its verb ("is proud to announce", "are pleased to report").
_PLEASED = frozenset("proud pleased happy delighted excited thrilled honored honoured glad".split())
# Skipped words that deny the verb after them.
_NEGATIONS = frozenset(("not", "never"))
# The most words a subject runs back from its head to the word that makes its clause subordinate.
_SUBJECT_REACH = 7


def _subordinate(doc: Document, tokens: _Words, j: int, c: Cues) -> bool:
    """Return whether the subject whose head is token j opens a subordinate clause.

    "Shares fell 8 percent after the company said it would delay deliveries", "Tesla, whose chief
    executive said …, sold 1.8 million cars": the source's words are the clause's, and the rest of
    the sentence is the writer's. "As the mayor said, …" credits the sentence, and so does a subject
    after a comma ("After the meeting, the mayor said …").
    """
    for m in range(j - 1, max(-1, j - _SUBJECT_REACH), -1):
        if not _gap(doc, tokens, m + 1).isspace():
            return False
        norm = tokens.norms[m]
        if norm in c.subordinators:
            return True
        if norm == "as":
            return m > 0 and tokens.norms[m - 1] == "even"
    return False


def _owned_source(doc: Document, tokens: _Words, j: int, c: Cues) -> Credit:
    """Return _NAMED when token j ends a phrase that says whose a source noun before it is.

    "data from the city show", "a report by the auditor found", "a poll of voters revealed": the
    subject's head is the source noun before "from", "by" or "of", at most three words back.
    """
    if tokens.norms[j] in c.function_words:
        return _NONE  # "the plan", "the view": the cue is a noun, not a verb
    for m in range(j - 1, max(0, j - 4), -1):
        if _gap(doc, tokens, m + 1) != " ":
            return _NONE
        if tokens.norms[m] in _OWNERS:
            return _NAMED if _gap(doc, tokens, m) == " " and tokens.norms[m - 1] in c.source_nouns else _NONE
    return _NONE


# The prepositions between a subject's head and the phrase that says whose it is.
_OWNERS = frozenset(("of", "from", "by"))


def _skippable(doc: Document, tokens: _Words, j: int, c: Cues) -> bool:
    norm, word = tokens.norms[j], doc.text[tokens.starts[j]:tokens.ends[j]]
    return norm in c.skip_words or (norm.endswith("ly") and word.islower() and len(word) > 4
                                    and norm not in c.ly_nouns)


# The most words an apposition spans ("Jane Doe, a professor of public health at Columbia University
# in New York who was not involved in the study, said").
_APPOSITION = 30


def _before_apposition(doc: Document, tokens: _Words, j: int) -> int:
    """Return the token before the comma that opens the apposition ending at token j, or -1.

    A relative clause may hold commas of its own ("The study, which enrolled people in Britain, Denmark
    and Australia, found"): where one opens within reach, its comma is the apposition's.
    """
    first = -1
    for m in range(j, max(0, j - _APPOSITION), -1):
        if "," in _gap(doc, tokens, m):
            if tokens.norms[m] in _RELATIVES:
                return m - 1
            if first < 0:
                first = m - 1
    return first


_RELATIVES = frozenset(("which", "who"))


def _head_credit(doc: Document, tokens: _Words, j: int, c: Cues, verb: _Verb) -> Credit:
    head, end = tokens.norms[j], tokens.ends[j]
    word = doc.text[tokens.starts[j]:end]
    after = doc.text[end:end + 2]
    if after[:1] in ("'", "’") or word.endswith(("'s", "’s")):
        return _NONE  # a possessive ("Rubio's claim") is no subject
    if verb is _VERB_HEARING:  # "the court heard", not "Palermo heard the shots"
        return _NAMED if head in c.source_nouns or _hearing_body(doc, tokens, j, c) else _NONE
    if head in c.vague_sources and word[:1].isupper() and j > 0 and _in_name(doc, tokens, j, c):
        return _NAMED  # "The Institute for Fiscal Studies said", "the Union of Concerned Scientists found"
    if head in c.vague_sources and _counted_by(tokens, j, c):
        return _NAMED  # "A review of 24 studies found", "A survey of 2,000 scientists found": the review, the survey
    if head in c.vague_sources or (j > 0 and tokens.norms[j - 1] in c.vague_quantifiers):
        # "The scientists said", "the two researchers reported": the ones the text has introduced.
        return _NAMED if j > 0 and tokens.norms[j - 1] in c.anaphoric and head in c.anaphoric_heads else _VAGUE
    if head in c.writer_pronouns:
        return _NONE
    if head in c.source_pronouns:
        return _NAMED
    if head in c.thing_pronouns:
        if head == "that" and j == 0:
            return _NONE  # "That said, …"
        return _NAMED if verb is not _VERB_STANCE else _NONE
    if head in c.function_words:
        return _NONE
    if word[:1].isupper() or head in c.source_nouns or _particle_name(word):
        return _NAMED
    if head.isdigit() and j > 0 and doc.text[tokens.starts[j - 1]].isupper() \
            and tokens.norms[j - 1] not in c.function_words and tokens.norms[j - 1] not in c.calendar_words \
            and (_gap(doc, tokens, j) == " " or _gap(doc, tokens, j) == ", " and doc.text[end:end + 1] == ","):
        return _NAMED  # a name that ends in a number ("UAW Local 600 said"), or a name and an age ("Chase, 27, said")
    if verb is _VERB_SAY and word.isalpha() and (not word.endswith("ly") or head in c.ly_nouns):
        return _NAMED  # "residents said": a speech verb credits its subject
    return _NONE


def _particle_name(word: str) -> bool:
    """Return whether a word is a surname after a lower-case particle and a hyphen ("al-Ansari", "el-Sisi")."""
    particle, hyphen, rest = word.partition("-")
    return bool(hyphen) and len(particle) <= 3 and particle.isalpha() and rest[:1].isupper()


def _counted_by(tokens: _Words, j: int, c: Cues) -> bool:
    """Return whether a source noun and "of" (and a number) come before token j ("a review of 24 studies")."""
    m = j - 1
    if m > 0 and tokens.norms[m][:1].isdigit():
        m -= 1
    return m > 0 and tokens.norms[m] == "of" and tokens.norms[m - 1] in c.source_nouns


def _hearing_body(doc: Document, tokens: _Words, j: int, c: Cues) -> bool:
    """Return whether token j ends the name of a body that hears evidence, a place of its sitting after it or not.

    "the inquest", "MPs", "the Commons"; "The inquest at Maidstone", "The trial at the Old Bailey".
    """
    norms = tokens.norms
    if norms[j] in c.hearing_bodies:
        return True
    m = j
    while m > 0 and doc.text[tokens.starts[m]].isupper() and j - m < _PLACE_WORDS:
        m -= 1
    if m < j and norms[m] == "the":
        m -= 1
    return m > 0 and m < j and norms[m] in _PLACE_PREPOSITIONS and norms[m - 1] in c.hearing_bodies


# A place a body sits in, after its name: "at Maidstone", "in Leeds", "at the Old Bailey".
_PLACE_PREPOSITIONS = frozenset(("at", "in"))
_PLACE_WORDS = 3


def _in_name(doc: Document, tokens: _Words, j: int, c: Cues) -> bool:
    """Return whether capitalised token j closes an organisation's name ("Institute for Fiscal Studies").

    Its words are capitalised and joined by a small word ("for", "of"): "Leading Scientists Say" in a
    headline's capitals is no name.
    """
    m = j - 1
    while m > 0 and doc.text[tokens.starts[m]].isupper() and tokens.norms[m] not in c.function_words:
        m -= 1
    if tokens.norms[m] not in _NAME_LINKS or m == 0:
        return False
    return doc.text[tokens.starts[m - 1]].isupper() and tokens.norms[m - 1] not in c.function_words


# The small words inside an organisation's name ("Institute for Fiscal Studies", "Union of Concerned Scientists").
_NAME_LINKS = frozenset(("for", "of", "and", "on"))


def _earlier_subject(doc: Document, tokens: _Words, k: int, c: Cues) -> Credit:
    """Return the credit of the nearest subject-like word before token k in the sentence."""
    for j in range(k - 1, max(-1, k - 20), -1):
        norm = tokens.norms[j]
        word = doc.text[tokens.starts[j]:tokens.ends[j]]
        if norm in c.vague_sources:
            return _VAGUE
        if norm in c.writer_pronouns:
            return _NONE
        if norm in c.source_pronouns or norm in c.source_nouns:
            return _NAMED
        if word[:1].isupper() and norm not in c.function_words and not word.endswith(("'s", "’s")):
            return _NAMED
    return _NONE


def _by_credit(doc: Document, tokens: _Words, k: int, c: Cues) -> Credit:
    """Return the credit of a passive's agent ("was reported by Reuters")."""
    if k + 1 < len(tokens.norms) and tokens.norms[k + 1] == "by":
        return _after_credit(doc, tokens, k + 1, c, _VERB_FINDING)
    return _NONE


# --- quotations -------------------------------------------------------------

def _mostly_quoted_sentences(doc: Document) -> Iterator[tuple[int, Quotation]]:
    """Yield each sentence index whose words are mostly quoted, with the quotation holding most of them."""
    outer = tuple(q for q in doc.quotations if q.depth == 0)
    starts = tuple(q.inner_start for q in outer)
    # Only the sentences a quotation reaches into can be quoted: found by bisection from each quotation.
    reached: set[int] = set()
    for q in outer:
        reached.update(range(max(0, bisect_right(doc.sentence_starts, q.inner_start) - 1),
                             bisect_left(doc.sentence_starts, q.inner_end)))
    for i in reached:
        quotation = _mostly_quoted(doc.sentences[i], outer, starts)
        if quotation is not None:
            yield i, quotation


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
