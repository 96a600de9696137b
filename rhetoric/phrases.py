"""Find lexicon phrases among a document's tokens."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import chain, compress, islice
from operator import or_

from .data import table
from .lexicon import Entry, Lexicons
from .model import Document


@dataclass(frozen=True, slots=True, eq=False)  # never compared: no __eq__/__hash__ to generate at every start
class PhraseMatch:
    """A lexicon entry found at tokens [first, end) of the document."""

    entry: Entry
    first: int
    end: int
    start: int
    stop: int


def find_phrases(doc: Document, lexicons: Lexicons) -> Iterator[PhraseMatch]:
    """Yield the longest non-overlapping lexicon matches, walking the phrase index token by token."""
    tokens, text, table, following = doc.tokens, doc.text, lexicons.table, lexicons.following
    starts, ends, norms = tokens.starts, tokens.ends, tokens.norms
    n = len(norms)
    end = 0  # the token after the last match
    # A match starts on a one-word phrase or on the first two words of a longer one; finding
    # those tokens in one pass in C skips the walk below for nearly every token.
    pairs = chain(map(lexicons.pairs.__contains__, zip(norms, islice(norms, 1, None))), (False,))
    for i in compress(range(n), map(or_, map(lexicons.words.__contains__, norms), pairs)):
        if i < end:
            continue  # inside the match before
        match = None
        key = norms[i]  # the words so far, joined as the index's keys are
        entries = table.get(key, ())
        j = i + 1
        while True:
            for entry in entries:
                if _fits(doc, i, j, entry):
                    match = PhraseMatch(entry, i, j, starts[i], ends[j - 1])
                    break
            # The next word is looked up before the key that adds it is made, which most walks never
            # need; the words of a phrase are apart by white space only.
            after = following.get(key)
            if after is None or j >= n or norms[j] not in after or not text[ends[j - 1]:starts[j]].isspace():
                break
            key = f"{key} {norms[j]}"
            entries = table.get(key, ())
            j += 1
        if match is not None:
            yield match
            end = match.end


def _fits(doc: Document, i: int, j: int, entry: Entry) -> bool:
    """Return whether `entry` may match tokens [i, j): case and the neutral-context guards."""
    text = doc.text
    starts, ends, norms = doc.tokens.starts, doc.tokens.ends, doc.tokens.norms
    if entry.case and entry.cased != tuple(text[starts[k]:ends[k]] for k in range(i, j)):
        return False
    if entry.family.not_after_possessive and i > 0 and _possessive(doc, i - 1):
        return False
    if entry.opens is not None and not _opens(doc, i, entry.opens == "clause"):
        return False
    if entry.set_off and not _set_off(doc, j):
        return False
    if entry.not_after_name and _named(doc, i):
        return False
    # A guard is a run of words touching the phrase (space or hyphen apart), before or after it.
    # Its word next to the phrase is compared first, that token read once: some entries have
    # hundreds of guards ("claim" over 400), every one looked at on every match.
    if i > 0 and entry.not_after:
        before = norms[i - 1]
        for guard in entry.not_after:
            if guard[-1] == before and _run(doc, i - len(guard), i + 1, guard):
                return False
        # A name may stand between a guard and the phrase: "Hurricane Ian slammed", "Typhoon Haiyan devastated".
        for k in _names_before(doc, i):
            before = norms[k - 1]
            if not text[starts[k - 1]].isupper() or before in _function_words():
                break  # only a guard in the name's capitals ("Hurricane Ian"), not "the Guardian claimed"
            for guard in entry.not_after:
                if guard[-1] == before and _run(doc, k - len(guard), k + 1, guard):
                    return False
    # An opening quotation mark may stand between the phrase and a guard after it ("so-called “pay-fors”");
    # not before it, where the writer's marks single out the phrase itself ("the “circus” atmosphere").
    if j < len(norms) and entry.not_before and not text[ends[j - 1]:starts[j]].strip(" \t\n-'’“‘«"):
        after = norms[j]
        for guard in entry.not_before:
            if guard[0] == after and _run(doc, j, j + len(guard), guard):
                return False
    return True


def _names_before(doc: Document, i: int) -> Iterator[int]:
    """Yield the first token of each name of one or two capitalised words right before token i ("Ian")."""
    starts, ends, text = doc.tokens.starts, doc.tokens.ends, doc.text
    for k in range(i - 1, max(0, i - _NAME_WORDS) - 1, -1):
        if k == 0 or text[ends[k]:starts[k + 1]] != " " or not text[starts[k]].isupper() \
                or not text[starts[k] + 1:ends[k]].islower():
            return
        yield k


_NAME_WORDS = 2  # the words of a name a guard reaches past: "Hurricane Ian", "Storm Ciarán", "Typhoon Mawar"


@cache
def _function_words() -> frozenset[str]:
    """The function words of extent.toml, which open no name ("The Guardian", "What Ford")."""
    return frozenset(table("extent.toml")["words"]["function_words"].split())


@cache
def _group_adjectives() -> frozenset[str]:
    """The capitalised words of extent.toml that name a group, not a source ("Chinese experts said")."""
    return frozenset(table("extent.toml")["words"]["group_adjectives"].split())


def _opens(doc: Document, i: int, clause: bool) -> bool:
    """Return whether token i opens its sentence (past an opening mark), or with `clause` a clause in it.

    A clause opens after a comma, a semicolon, a colon, a dash or a bracket, or after "but", "and" or "yet"
    ("…, but happily, no one was hurt").
    """
    start = doc.tokens.starts[i]
    sentence = doc.sentence_starts[bisect_right(doc.sentence_starts, start) - 1] if doc.sentence_starts else 0
    before = doc.text[sentence:start]
    if not before.strip(_OPENING):
        return True
    if not clause:
        return False
    if before.rstrip()[-1:] in _CLAUSE_MARKS:
        return True
    return i > 0 and doc.tokens.norms[i - 1] in _CLAUSE_WORDS and doc.tokens.starts[i - 1] >= sentence


def _set_off(doc: Document, j: int) -> bool:
    """Return whether punctuation, a dash or the sentence's end follows the phrase that ends before token j."""
    end = doc.tokens.ends[j - 1]
    after = doc.text[end:end + 2]
    if not after or after[0] in _SETTING_OFF or after in (" —", " –", " -"):
        return True
    # The sentence's end: no more words of it follow.
    return j >= len(doc.tokens.norms) or bisect_right(doc.sentence_starts, doc.tokens.starts[j]) > \
        bisect_right(doc.sentence_starts, end - 1)


# What may stand between a sentence's start and the word that opens it: white space, quotation marks, brackets.
_OPENING = " \t\n\"'“‘«([—–-"
# Marks after which a clause opens, and the words.
_CLAUSE_MARKS = frozenset(",;:—–([")
_CLAUSE_WORDS = frozenset(("but", "and", "yet"))
# Marks that set a phrase off from what follows it.
_SETTING_OFF = frozenset(",;:.!?)]—–…\"”’'")


def _named(doc: Document, i: int) -> bool:
    """Return whether a name says whose the phrase at token i is: "Labor Department statistics show",
    "UN experts said", "U.N. experts said", "Ruiz's research shows", "Pew Research shows" (its own word
    capitalised inside the sentence); not a nationality, a region, a faith or a party ("Chinese experts said").

    A capital that opens the sentence names no one: "Recent studies show", and so "Census data shows" too.
    """
    starts, ends, text = doc.tokens.starts, doc.tokens.ends, doc.text
    sentence = doc.sentence_starts[bisect_right(doc.sentence_starts, starts[i]) - 1] if doc.sentence_starts else 0
    if text[starts[i]].isupper() and text[sentence:starts[i]].strip(_OPENING):
        return True
    if i == 0 or starts[i - 1] < sentence:
        return False
    word = text[starts[i - 1]:ends[i - 1]]
    gap = text[ends[i - 1]:starts[i]]
    if gap != " " and not (gap == ". " and "." in word):  # a dotted abbreviation keeps its full stop: "U.N. experts"
        return False
    if word.lower() in _group_adjectives():
        return False  # "Chinese experts said", "US analysts say": a group, no one named
    if _possessive(doc, i - 1) or len(word) > 1 and word.isupper():
        return True
    return word[:1].isupper() and bool(text[sentence:starts[i - 1]].strip(_OPENING))


def _possessive(doc: Document, k: int) -> bool:
    """Return whether token k is a possessive followed by a space ("Trump's claims", "voters' claims")."""
    end, text = doc.tokens.ends[k], doc.text
    if text[end - 2:end] in ("'s", "’s"):
        # The tokenizer keeps the "'s" of a contraction ("it's", "that's") in the norm, not a possessive's.
        return not doc.tokens.norms[k].endswith("'s") and text[end:end + 1] == " "
    return text[end - 1:end] == "s" and text[end:end + 2] in ("' ", "’ ")


def _run(doc: Document, first: int, end: int, words: tuple[str, ...]) -> bool:
    """Return whether tokens [first, end) start with `words` and sit next to each other.

    A plural possessive's apostrophe keeps them together ("Saviours’ Day").
    """
    starts, ends, norms, text = doc.tokens.starts, doc.tokens.ends, doc.tokens.norms, doc.text
    if first < 0 or end > len(norms):
        return False
    if any(norms[first + n] != w for n, w in enumerate(words)):
        return False
    return all(not text[ends[k]:starts[k + 1]].strip(" \t\n-'’") for k in range(first, end - 1))
