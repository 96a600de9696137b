"""Decide how far a loaded phrase reaches: the word a loaded modifier governs, a loaded noun's own
modifier, the words that intensify it, and the modifiers coordinated with it."""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from .data import table
from .model import Document
from .phrases import PhraseMatch


# A NamedTuple, not a frozen dataclass: made once per process, and a dataclass compiles its generated
# methods at every start (as complement._Cues and sourcing.Cues).
class _Words(NamedTuple):
    """The word lists that decide how far a loaded term's phrase reaches."""

    intensifiers: frozenset[str]
    conjunctions: frozenset[str]
    function_words: frozenset[str]
    adjective_endings: tuple[str, ...]
    stacked_adjective_endings: tuple[str, ...]
    verb_cues: frozenset[str]
    gerund_cues: frozenset[str]
    verbs: frozenset[str]
    adjective_cues: frozenset[str]
    not_framing: frozenset[str]


@cache
def _words() -> _Words:
    t = table("extent.toml")
    w = t["words"]
    return _Words(frozenset(w["intensifiers"].split()), frozenset(w["conjunctions"].split()),
                  frozenset(w["function_words"].split()), tuple(w["adjective_endings"].split()),
                  tuple(w["stacked_adjective_endings"].split()),
                  frozenset(w["verb_cues"].split()), frozenset(w["gerund_cues"].split()),
                  frozenset(w["verbs"].split()), frozenset(w["adjective_cues"].split()),
                  frozenset(t["rules"]["not_framing"]))


def function_word(norm: str) -> bool:
    """Return whether a word (in Token.norm form) is a function word, which no loaded phrase takes in."""
    return norm in _words().function_words


def loaded_extent(doc: Document, covered: frozenset[int], nouns: frozenset[int], m: PhraseMatch) -> tuple[int, int]:
    """Return the character span of the loaded phrase around lexicon match `m`.

    `covered` holds every token of every lexicon match in the document: a word of another match
    is not swallowed into this one. `nouns` holds the first token of every loaded noun, which
    takes the modifier before it.
    """
    words = _words()
    first, end = m.first, m.end
    e = m.entry
    if e.noun:
        first = _own_modifier_start(doc, covered, words, first)
    elif (e.modifier or (first + 1 == end and e.family.rule not in words.not_framing)) and not _plural(doc, m):
        end = _governed_word_end(doc, covered, nouns, words, end)
    if e.modifier or e.noun:
        first = _coordinated_start(doc, covered, words, first, e.modifier)
    if e.modifier and end == m.end:  # after the governed noun, "and" joins another noun phrase
        end = _coordinated_end(doc, covered, words, end)
    first = _intensified_start(doc, covered, words, first)
    return doc.tokens.starts[first], doc.tokens.ends[end - 1]


def _plural(doc: Document, m: PhraseMatch) -> bool:
    """Return whether the match is a plural noun of its entry's term, which governs no word after it: "the
    sycophants met" (of "sycophantic") or "the bloodsuckers met" is no loaded phrase "sycophants met".

    A verb's form in -s governs its object ("excoriates media"): only an adjective's plural noun or a plural
    of an agent noun ("-ers", "-ists", "-men") is taken for a noun.
    """
    norm, term = doc.tokens.norms[m.end - 1], m.entry.term
    if norm == term or term.endswith("s"):
        return False
    return m.entry.modifier and norm.endswith("s") or norm.endswith(_AGENT_PLURALS)


_AGENT_PLURALS = ("ers", "ists", "men")


def _gap(doc: Document, i: int) -> str:
    """Return the text between token i - 1 and token i."""
    return doc.text[doc.tokens.ends[i - 1]:doc.tokens.starts[i]]


def _plain_lower(doc: Document, i: int, words: _Words) -> bool:
    word = doc.word(i)
    return word.isalpha() and word.islower() and doc.tokens.norms[i] not in words.function_words


def _title_case(doc: Document, i: int, words: _Words) -> bool:
    word = doc.word(i)
    return word.isalpha() and word.istitle() and doc.tokens.norms[i] not in words.function_words


def _adjective_like(doc: Document, covered: frozenset[int], words: _Words, i: int) -> bool:
    """Return whether token i looks like an adjective that no other lexicon match holds."""
    return _plain_lower(doc, i, words) and doc.tokens.norms[i].endswith(words.adjective_endings) and i not in covered


def _governed_word_end(doc: Document, covered: frozenset[int], nouns: frozenset[int], words: _Words, end: int) -> int:
    """Return the token end after the word a loaded modifier governs ("reckless plan", "grossly unfair")."""
    if end >= len(doc.tokens) or _gap(doc, end) != " ":
        return end
    # In a title-case headline ("Slams Disgraceful Verdict") the governed word is capitalised like the loaded one.
    lower = _plain_lower(doc, end, words)
    if not (lower or _title_case(doc, end - 1, words) and _title_case(doc, end, words)):
        return end
    head = doc.tokens.norms[end]
    if head.endswith("ly") or end in covered:
        return end
    if end + 1 in nouns and _gap(doc, end + 1) == " ":
        return end  # it modifies the loaded word after it ("vulgar ritual humiliation"), which takes it
    # A governed adjective is not the end of the phrase: the noun after it is ("devastating civil war").
    if lower and head.endswith(words.stacked_adjective_endings) and end + 1 < len(doc.tokens) \
            and _gap(doc, end + 1) == " " \
            and _plain_lower(doc, end + 1, words) and end + 1 not in covered \
            and not doc.tokens.norms[end + 1].endswith(("ly", "ed")):
        return end + 2
    return end + 1


def _own_modifier_start(doc: Document, covered: frozenset[int], words: _Words, first: int) -> int:
    """Return the token start at a modifier right before a loaded noun ("campus zealots"), if any."""
    if first == 0 or _gap(doc, first) != " ":
        return first
    prev = first - 1
    word = doc.word(prev)
    if not word.isalpha() or doc.tokens.norms[prev] in words.function_words or word.endswith("ly") \
            or prev in covered or _sentence_initial(doc, prev):
        return first
    before = doc.tokens.norms[prev - 1] if prev > 0 and _gap(doc, prev) == " " else None
    # A capitalised word may be the end of a name ("City Hall zealots"): take it only on its own.
    if not word.islower() and before is not None and not doc.word(prev - 1).islower():
        return first
    # A verb takes the noun as its object ("to deport illegals", "said illegals"); a participle modifies it
    # only after a function word ("the bearded psychopath", "of entitled nonsense"), not after a subject
    # ("ICE arrested illegals"), and an -ing form after a preposition is a gerund ("by removing illegals").
    norm = doc.tokens.norms[prev]
    if before in words.verb_cues or norm in words.verbs \
            or word.endswith(("ed", "ing")) and before not in words.function_words \
            or norm.endswith("ing") and before in words.gerund_cues:
        return first
    return prev


def _sentence_initial(doc: Document, i: int) -> bool:
    sentence = doc.sentence_at(doc.tokens.starts[i])
    return sentence is None or sentence.start == doc.tokens.starts[i]


def _coordinated_end(doc: Document, covered: frozenset[int], words: _Words, end: int) -> int:
    """Extend over modifiers coordinated after the loaded one: "ridiculous and unworkable"."""
    n = len(doc.tokens)
    while end + 1 < n and doc.tokens.norms[end] in words.conjunctions and _gap(doc, end) in (" ", ", ") \
            and _gap(doc, end + 1) == " " and _adjective_like(doc, covered, words, end + 1):
        end += 2
    return end


def _coordinated_start(doc: Document, covered: frozenset[int], words: _Words, first: int, modifier: bool) -> int:
    """Extend over modifiers coordinated before the loaded one: "noble and courageous"."""
    while first >= 2 and doc.tokens.norms[first - 1] in words.conjunctions and _gap(doc, first) == " " \
            and _gap(doc, first - 1) in (" ", ", ") and (_adjective_like(doc, covered, words, first - 2)
                                                     or modifier and _cued_adjective(doc, covered, words, first - 2)):
        first -= 2
    return first


def _cued_adjective(doc: Document, covered: frozenset[int], words: _Words, i: int) -> bool:
    """Return whether token i, coordinated with a loaded modifier, is a modifier too because of the word
    before it ("the corrupt and wicked priests", "was bogus and farcical", "how perverse and evil")."""
    return i > 0 and i not in covered and _plain_lower(doc, i, words) and _gap(doc, i) == " " \
        and doc.tokens.norms[i - 1] in words.adjective_cues


def _intensified_start(doc: Document, covered: frozenset[int], words: _Words, first: int) -> int:
    """Extend over the degree words right before the phrase: "thoroughly shameful"."""
    while first > 0 and _gap(doc, first) == " " and doc.tokens.norms[first - 1] in words.intensifiers \
            and doc.word(first - 1).isalpha() and first - 1 not in covered:
        first -= 1
    return first
