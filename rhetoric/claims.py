"""Decide, sentence by sentence, whether a sentence asserts something checkable as fact.

Each signal of the [claim] table in rhetoric/data/sourcing.toml is a pattern (or a
word list) with a weight; a sentence is a claim when the weights it shows add up to
the threshold.
"""

from __future__ import annotations

import json
import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import MISSING, dataclass, fields
from functools import cache, partial
from itertools import compress
from re import _constants as re_constants  # type: ignore[attr-defined]  # the stdlib's own regex parser
from typing import Any, NamedTuple

from . import data, prefilter
from .data import table
from .model import Document
from .segment import lower, normalize


@dataclass(frozen=True, slots=True)
class Signal:
    """A pattern whose presence moves a sentence towards or away from being a claim."""

    name: str
    # None when no regular expression is needed (`words`, `absent`), or when `folded` is searched
    # instead: the case-blind form is then compiled only for a text lower-casing would lengthen.
    pattern: re.Pattern[str] | None
    weight: float
    # Anchored or sentence-spanning patterns must see one sentence at a time;
    # the others are searched once over the whole document.
    local: bool = True
    # A pattern that only lists words and phrases is matched on tokens, which is far
    # faster than running the regular expression over the text.
    words: frozenset[tuple[str, ...]] | None = None
    folded: re.Pattern[str] | None = None  # the case-blind pattern, for lower-cased text
    source: str = ""  # the pattern as written
    # Words one of which the pattern cannot match without: it is tried only on
    # the sentences that have one.
    triggers: frozenset[str] | None = None
    absent: frozenset[str] | None = None  # fires when the sentence uses none of these words
    # No match can hold a space or a sentence-ending mark, so none runs across sentences.
    contained: bool = False
    # Read from the form searched (`folded` if there is one), see prefilter.py: for a local
    # pattern, the words one of which must open the sentence, or else the strings one of which
    # it must hold; for a contained pattern, those strings too (it is then searched only in the
    # sentences that hold one); for another pattern searched over the whole text, or in the
    # sentences with a trigger, the strings one of which every match begins with.
    openers: frozenset[str] | None = None
    needles: re.Pattern[str] | None = None
    starters: re.Pattern[str] | None = None  # for a triggered pattern
    # For a triggered pattern with `tails = true`, strings one of which every match ends with: it is then
    # tried only in the sentences that hold one too.
    tails: tuple[str, ...] | None = None
    # Those strings, for a pattern searched over the whole text (a contained one: when there are several).
    beginnings: tuple[str, ...] | None = None
    # For a contained one that opens on classes of characters (capitals, digits), those (see prefilter.classes).
    classes: bytes | None = None
    # Else, for one whose matches are chains of words, how to find where they may begin.
    chain: prefilter.Chain | None = None
    # A signal searched over the whole text one of whose matches opens every match of this
    # local one: only the sentences that signal was found in need to be searched.
    within: str | None = None
    # For a local pattern of digits and non-digits, the pattern that matches the text's classes (see
    # prefilter.projected) where it matches the text: searched there, when the text was projected.
    projected: re.Pattern[bytes] | None = None
    # How many matches a sentence must hold (a local pattern whose matches cannot overlap):
    # counting them in C is far quicker than a pattern that runs lazily from one to the next.
    times: int = 1


class ClaimCues(NamedTuple):
    """The claim signals, their threshold, and an index of the word-list signals by first word."""

    # A NamedTuple, not a frozen dataclass, as prefilter.Chain: made once per process, and a dataclass takes
    # far longer to define at every start (its generated methods compiled). (Signal is read in the searches'
    # loops: a NamedTuple's fields are read more slowly than a slotted class's.)

    min_words: int
    threshold: float
    stance_weight: float
    signals: tuple[Signal, ...]
    # first word -> second word (None: any other) -> (the phrase's other words, signal number), in signal
    # order: the one-word phrases, and the longer ones with that second word.
    # (The empty dicts given by default are shared, and like every other one here never changed.)
    word_index: dict[str, dict[str | None, list[tuple[tuple[str, ...], int]]]] = {}
    # Every word a signal's `triggers` or `absent` names: the only words of a sentence they look at.
    cue_words: frozenset[str] = frozenset()
    # Every word that may open a sentence an anchored pattern matches, lower-cased.
    openers: frozenset[str] = frozenset()
    places: dict[str, int] = {}  # signal name -> its place in `signals` (for `within`)
    instructions: frozenset[str] = frozenset()  # verbs that open an instruction to the reader


@cache
def cues() -> ClaimCues:
    """Return the claim cues, read once from the package data."""
    claim = table("sourcing.toml")["claim"]
    signals = _stored(claim)
    if signals is None:
        signals = tuple(_signal(s) for s in claim["signal"])
    word_index: dict[str, dict[str | None, list[tuple[tuple[str, ...], int]]]] = {}
    for k, sig in enumerate(signals):
        for phrase in sorted(sig.words or ()):  # in one order, however the set was built
            following = word_index.setdefault(phrase[0], {None: []})
            if len(phrase) > 1:
                following.setdefault(phrase[1], list(following[None]))
            # A one-word phrase goes under every second word, a longer one under its own.
            for second, entries in following.items():
                if len(phrase) == 1 or second == phrase[1]:
                    entries.append((phrase[1:], k))
    cue_words = frozenset().union(*(sig.triggers or sig.absent or () for sig in signals))
    openers = frozenset(w.lower() for sig in signals for w in sig.openers or ())
    return ClaimCues(min_words=int(claim["min_words"]), threshold=float(claim["threshold"]),
                     stance_weight=float(claim["stance_weight"]), signals=signals, word_index=word_index,
                     cue_words=cue_words, openers=openers, places={sig.name: k for k, sig in enumerate(signals)},
                     instructions=frozenset(claim["instructions"].split()))


def find_claims(doc: Document, marked: set[int]) -> list[bool]:
    """Return, per sentence, whether it is a claim; `marked` sentences use stance-marking language."""
    c = cues()
    found, seen, projected = _document_signals(doc, c)
    silent = c.places.get(SILENCE)
    if silent is not None:
        for i in seen[silent]:
            if _silence_aside(doc, i, c.signals[silent]):
                found[i] -= c.signals[silent].weight
    # A question is a signal, not a verdict: "Do you know that it has tripled?" asserts.
    long = [s.index for s in doc.sentences if s.end_token - s.first_token >= c.min_words]
    if "\t" in doc.text or "   " in doc.text:
        long = [i for i in long if not _table_row(doc, i)]
    long = [i for i in long if not _furniture(doc, i) and not instruction(doc, i, c)]
    if "\nAbout " in doc.text:
        boilerplate = _about_sections(doc)
        long = [i for i in long if i not in boilerplate]
    shown = _local_signals(doc, c, long, seen, projected)
    verdicts = [False] * len(doc.sentences)
    for i in long:
        score = found[i] + sum(shown.get(i, ()))
        if i in marked:
            score += c.stance_weight
        verdicts[i] = score >= c.threshold
    return verdicts


# The signal of a report that someone said nothing ("declined to comment"), and the words that open a clause
# it may stand in while the sentence asserts something else: "Norton, which declined to comment, returned
# the rights", "Although the agency declined to comment, …", "…, and his spokesman declined to comment".
SILENCE = "no-comment"
_RELATIVES = frozenset(("who", "which"))
_SUBORDINATORS = frozenset("although though while because since after when as if".split())
_COORDINATED = (", and ", ", but ", "; ")


def _silence_aside(doc: Document, i: int, sig: Signal) -> bool:
    """Return whether the silence in sentence `i` stands in a clause of its own beside what the sentence asserts."""
    s = doc.sentences[i]
    norms, starts = doc.tokens.norms, doc.tokens.starts
    for t in range(s.first_token, s.end_token):
        if any(norms[t:t + len(p)] == p for p in sig.words or ()):
            break
    else:
        return False
    before = doc.text[s.start:starts[t]]
    clause = before.rsplit(",", 1)[-1].split()
    if clause and clause[0].lower() in _RELATIVES:
        return True  # "Norton, which declined to comment, returned the rights"
    if "," not in before and norms[s.first_token] in _SUBORDINATORS:
        return True  # "Although the agency declined to comment, it showed …"
    return any(mark in before for mark in _COORDINATED)  # "…, and his spokesman declined to comment"


# Between the cells of a table row pasted as text: a tab, or the spaces that line columns up.
_CELL_GAP = re.compile(r"(?<=\S)(?:[ ]*\t[ \t]*|[ ]{3,})(?=\S)")
_CELLS = 3  # a row of this many cells or more, on one line, without a sentence's end, is no sentence


def _table_row(doc: Document, i: int) -> bool:
    """Return whether sentence `i` is a row of a table ("Adams\t12,304\t9,876\t61%"), which asserts no claim."""
    s = doc.sentences[i]
    row = doc.text[s.start:s.end]
    if "\n" in row or row.endswith((".", "!", "?")):
        return False
    gaps = 0
    for _ in _CELL_GAP.finditer(row):
        gaps += 1
        if gaps >= _CELLS - 1:
            return True
    return False


# A line of a page's furniture, which asserts nothing of the story: a byline, a time of publication, a
# copyright line, a page number, a dateline alone, a reading time, the outlet's notes on the story and
# its links to others ("By Maria Gomez", "Published March 3, 2024 at 4:15 p.m. ET", "Copyright 2024 The
# Associated Press. All rights reserved.", "Page 1 of 2", "LONDON, 14 March 2024", "The Associated Press
# contributed to this report.", "This story has been updated to correct…", "Read more: …", "The Associated
# Press Health and Science Department receives support from … The AP is solely responsible for all content.",
# a court story's closing lines: "The case is Smith v. Jones, U.S. District Court…, No. 1:23-cv-01234.",
# "For the plaintiffs: Jane Doe of Doe & Roe").
_FURNITURE = re.compile(
    r"(?:By|BY) [A-Z][\w.'’-]{0,30}(?: (?:[A-Z][\w.'’-]{0,30}|and|de|van|von)){0,4}(?:,? [^\n.]{0,40})?"
    r"|(?:Published|Updated|Posted|First published|Last updated|Last modified"
    r"|PUBLISHED|UPDATED|POSTED|FIRST PUBLISHED|LAST UPDATED)\b[^\n]{0,80}"
    r"|(?:©|Copyright|\([Cc]\))\s?[^\n]{0,100}"
    r"|(?:Page|PAGE) \d{1,4}(?: (?:of|/) \d{1,4})?"
    r"|[A-Z][A-Z.'’ -]{2,30},? (?:[—–-] )?(?:\d{1,2} [A-Z][a-z]{2,8}\.?,? \d{4}|[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4})"
    r"|\d{1,3} min(?:ute)?s? read")
# The outlet's notes on the story and its links to other stories, furniture too.
_NOTES = re.compile(
    r"[A-Z][^\n]{0,80} contributed(?: reporting)? to this (?:report|story|article)\.?"
    r"|This (?:article|story|report) (?:was|has been) (?:originally |first )?(?:published|updated|corrected)[^\n]{0,200}"
    r"|[A-Z][^\n]{0,120} receives (?:financial )?support from [^\n]{0,300}? is solely responsible for all content\.?"
    r"|(?:Read more|READ MORE|Related|RELATED|Also read|ALSO READ|See also|SEE ALSO) ?:[^\n]{0,200}")
# A court story's closing lines, which name the case and the lawyers.
_CASE_NOTES = re.compile(
    r"The case is [^\n]{1,150}? v\. [^\n]{0,300}"
    r"|(?:For|FOR) (?:the )?(?:plaintiffs?|defendants?|petitioners?|respondents?|appellants?|appellees?|claimants?"
    r"|government|state|United States|prosecution|defen[cs]e): [^\n]{0,300}")


def _furniture(doc: Document, i: int) -> bool:
    """Return whether sentence `i` opens a line that is all a page's furniture (see _FURNITURE): no claim."""
    s = doc.sentences[i]
    text = doc.text
    if s.start and text[s.start - 1] != "\n" or not text[s.start].isupper() and text[s.start] not in _FURNITURE_OPENS:
        return False  # most sentences: not at the start of a line, or opening as no furniture does
    end = text.find("\n", s.end)
    end = len(text) if end < 0 else end
    while end > s.end and text[end - 1] in " \t\r":
        end -= 1
    # The whole line: "Copyright 2024 The Associated Press. All rights reserved." is two sentences.
    return any(pattern.fullmatch(text, s.start, end) is not None for pattern in (_FURNITURE, _NOTES, _CASE_NOTES))


def _about_sections(doc: Document) -> set[int]:
    """Return the sentences of a press release's "About …" sections: the issuer's account of itself.

    Such a section opens with a line of its own, "About" and a name ("About Acme Corp."), and runs to
    the next line that heads something (a short line with no sentence's end) or to the text's end.
    """
    text = doc.text
    found: set[int] = set()
    pos = text.find("\nAbout ")
    while pos >= 0:
        end = text.find("\n", pos + 1)
        end = len(text) if end < 0 else end
        if _about_heading(text[pos + 1:end].strip()):
            i = bisect_left(doc.sentence_starts, end)
            while i < len(doc.sentences) and not (i > 0 and _heading_line(doc, i)):
                found.add(i)
                i += 1
        pos = text.find("\nAbout ", end)
    return found


def _about_heading(line: str) -> bool:
    """Return whether a line is the heading of an "About" section ("About Acme Corp.", "About the Company")."""
    words = line.rstrip(":").split()
    if not 2 <= len(words) <= _HEADING_WORDS or line.endswith((".", "!", "?")) and not line.endswith(_NAME_ENDS):
        return False
    return all(w[:1].isupper() or w in ("the", "of", "and", "&") for w in words[1:])


def _heading_line(doc: Document, i: int) -> bool:
    """Return whether sentence `i` is a short line of its own with no sentence's end (a heading)."""
    s = doc.sentences[i]
    line = doc.text[s.start:s.end].rstrip()
    return (doc.alone_on_line(s) and s.end_token - s.first_token <= _HEADING_WORDS
            and not line.endswith((".", "!", "?", "”", "\"")))


_HEADING_WORDS = 8
_NAME_ENDS = ("Inc.", "Corp.", "Co.", "Ltd.", "L.P.", "LLC.", "plc.")


def instruction(doc: Document, i: int, c: ClaimCues | None = None) -> bool:
    """Return whether sentence `i` opens with a verb that tells the reader what to do ("Register to vote by …").

    Its object or the word after it says it is a verb: a function word, a pronoun, a figure or an address
    ("Visit the website", "Call 555-0134", "Join us", "Email news@example.com"), where a noun would make it
    a compound ("Call centers handled…").
    """
    c = c or cues()
    s = doc.sentences[i]
    first = s.first_token
    norms = doc.tokens.norms
    if first + 1 >= s.end_token or norms[first] not in c.instructions or not doc.word(first)[:1].isupper():
        return False
    if doc.text[s.start] in _QUOTE_OPENERS:
        return False  # "“Tell her I promised you a picture,” Ebeling said": someone's words
    after = norms[first + 1]
    if after in _AFTER_INSTRUCTION or after[:1].isdigit():
        return True
    start = doc.tokens.starts[first + 1]
    space = doc.text.find(" ", start, s.end)
    address = doc.text[start:space if space >= 0 else s.end].rstrip(".,;")
    return "@" in address or address.startswith("www.") or address.endswith(_WEB_ENDINGS)


# How a web address written without "www." ends ("Visit acme.com for tickets").
_WEB_ENDINGS = (".com", ".org", ".net", ".gov", ".edu", ".uk", ".io")


# Words after an imperative verb: its object's determiner or pronoun, "to", "online", "up"; not "it", as in
# "Call it the politics of pique", which names rather than instructs.
_AFTER_INSTRUCTION = frozenset("""
the a an your our their this these those that to for at by on in online now today up out back early us me him her
them all any
""".split())
_QUOTE_OPENERS = frozenset("\"'“‘")


# What a line of furniture opens with, but for a capital letter.
_FURNITURE_OPENS = frozenset("©(0123456789")


_IGNORECASE = int(re.IGNORECASE)  # a plain int: `flags & re.IGNORECASE` would make an enum each time


def _local_signals(doc: Document, c: ClaimCues, long: list[int], seen: list[set[int]],
                   projected: bytes | None = None) -> dict[int, list[float]]:
    """Return, for the sentences in `long` that show local signals, the weights of those signals in signal order.

    `projected` is `prefilter.project(doc.text)`, if it was made.
    """
    # Each signal is tried only in the sentences it can match (by their first word, needles or
    # `within`), found with set operations, rather than every signal tested in every sentence.
    # The weights are kept in signal order, so that summing them adds as it always has.
    text, sentences = doc.text, doc.sentences
    texts = {i: text[sentences[i].start:sentences[i].end] for i in long}
    heads = prefilter.heads(text, [sentences[i].start for i in long], [sentences[i].end for i in long])
    # Most sentences open on a word none of the anchored patterns opens on: one test rules them all out.
    # Each is kept with its head and its head as prefilter.opens looks it up under IGNORECASE (None: any).
    opening = [(i, h, b) for i, h, b in zip(long, heads, prefilter.folded(heads)) if b is None or b in c.openers]
    shown: dict[int, list[float]] = {}
    for sig in c.signals:
        if not sig.local or sig.pattern is None:
            continue
        pattern = sig.pattern
        candidates: Iterable[int] = long
        if sig.openers is not None:
            # As prefilter.opens, without a call per sentence.
            if pattern.flags & _IGNORECASE:
                candidates = [i for i, _, b in opening if b is None or b in sig.openers]
            else:
                candidates = [i for i, h, _ in opening if h in sig.openers]
        if sig.within is not None:
            candidates = seen[c.places[sig.within]].intersection(candidates)
        elif sig.needles is not None:
            candidates = set(prefilter.sentences_with(sig.needles, text, sentences, doc.sentence_starts)).intersection(
                candidates)
        if sig.projected is not None and projected is not None:
            # A sentence's bytes searched between its bounds match as its text would: the pattern looks at no neighbour.
            by_class = sig.projected
            for i in candidates:
                start, end = sentences[i].start, sentences[i].end
                if (by_class.search(projected, start, end) if sig.times == 1
                        else len(by_class.findall(projected, start, end)) >= sig.times):
                    shown.setdefault(i, []).append(sig.weight)
            continue
        for i in candidates:
            if pattern.search(texts[i]) if sig.times == 1 else len(pattern.findall(texts[i])) >= sig.times:
                shown.setdefault(i, []).append(sig.weight)
    return shown


# The signals as _signal builds them, stored beside the cue tables: reading their prefilters and
# compiling their patterns cost most of a process's first analysis, and each worker pays it again.
# Regenerate after editing the [claim] table, or the code that reads a signal (claims.py, prefilter.py):
#
#     python -m rhetoric.compiled   (or python -m rhetoric.claims for this file alone)
#
# (tests/test_claims_stored.py fails while the stored form is out of date.)
STORED = "claims.json"


def _stored(claim: dict[str, Any]) -> tuple[Signal, ...] | None:
    """Return the signals stored for this [claim] table, or None if the stored form is not for it or this engine."""
    try:
        stored = json.loads((data.folder() / STORED).read_bytes())
        if stored["engine"] != prefilter.ENGINE or stored["claim"] != claim:
            return None
        return tuple(Signal(**{k: v if v is None or k not in _READ else _READ[k](v) for k, v in form.items()})
                     for form in stored["signals"])
    # No usable file (RuntimeError: code the engine refuses): the signals are built from the table.
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RuntimeError):
        return None


# How a field's stored JSON value is read back (see _form); the others are stored as they are.
_READ: dict[str, Callable[[Any], Any]] = {
    **dict.fromkeys(("pattern", "folded", "needles", "starters", "projected"), prefilter.restored),
    **dict.fromkeys(("triggers", "absent", "openers"), frozenset),
    **dict.fromkeys(("tails", "beginnings"), tuple),
    "words": lambda phrases: frozenset(map(tuple, phrases)),
    "classes": lambda classes: classes.encode("latin-1"),
    "chain": lambda chain: prefilter.Chain(*map(prefilter.restored, chain)),
}


def stored_form() -> str:
    """Return the stored form (JSON text) of the signals built from the [claim] table, one signal a line."""
    claim = table("sourcing.toml")["claim"]
    lines = [json.dumps(_form(_signal(s)), ensure_ascii=False) for s in claim["signal"]]
    return (f'{{"engine": {json.dumps(prefilter.ENGINE)},\n"claim": {json.dumps(claim, ensure_ascii=False)},\n'
            + '"signals": [\n' + ",\n".join(lines) + "\n]}\n")


def _form(sig: Signal) -> dict[str, Any]:
    """Return a signal's fields as JSON values, those left at their default out."""
    return {f.name: _json(getattr(sig, f.name), sig.source) for f in fields(Signal)
            if f.default is MISSING or getattr(sig, f.name) != f.default}


def _json(value: Any, source: str) -> Any:
    """Return a field's value as JSON values; `source` is the signal's pattern as written."""
    if isinstance(value, re.Pattern):
        return prefilter.form(value, source)
    if isinstance(value, prefilter.Chain):
        return [prefilter.form(value.ends, source), prefilter.form(value.words, source)]
    if isinstance(value, frozenset):
        return sorted(_json(v, source) for v in value)
    if isinstance(value, tuple):
        return [_json(v, source) for v in value]
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return value


def main() -> None:
    """Regenerate the stored form of the claim signals."""
    path = data.folder() / STORED
    path.write_text(stored_form(), encoding="utf-8")
    print(f"wrote {path}", file=sys.stderr)


def _signal(s: dict[str, Any]) -> Signal:
    """Build one claim signal from its TOML table."""
    if "absent" in s:
        return Signal(s["name"], None, float(s["weight"]), local=False, absent=frozenset(s["absent"].split()))
    pattern = s["pattern"]
    # Counted matches are counted in each sentence.
    bound = _sentence_bound(pattern) or "times" in s
    # A triggered pattern is tried only in the sentences with a trigger, so never as a word list over them all.
    words = None if s.get("case") or bound or "triggers" in s else _word_list(pattern)
    # Compiling a regular expression takes longer than most searches: a word list matched
    # on tokens needs neither form, and a sentence-bound pattern only the case-blind one.
    by_words = words is not None
    flags = 0 if s.get("case") else re.IGNORECASE
    folded = None if s.get("case") or bound or by_words else prefilter.compiled(pattern)
    # The prefilters are read for the form that is searched: the folded one, on lower-cased text.
    searched = 0 if folded is not None else flags
    contained = not bound and not by_words and "triggers" not in s and _contained(pattern)
    scanned = not bound and not by_words and "triggers" not in s  # searched over the whole text
    triggered = not bound and "triggers" in s  # searched in the sentences with a trigger
    openers = prefilter.openers(pattern, searched) if bound else None
    # A contained pattern that begins with plain strings needs no needles: the engine skips
    # to those strings itself, and each match credits its sentence outright.
    starts = prefilter.beginnings(pattern, searched) if scanned else None
    begins = contained and starts is not None
    # For a contained pattern, the engine skips to one string by itself, but tests a set of
    # first letters at every character: only several strings are looked for with str.find.
    beginnings = starts if not contained or starts is not None and len(starts) > 1 else None
    return Signal(
        s["name"], None if by_words or folded is not None else prefilter.compiled(pattern, flags),
        float(s["weight"]),
        source=pattern,
        local=bound,
        words=words,
        folded=folded,
        triggers=frozenset(s["triggers"].split()) if "triggers" in s else None,
        # Only a pattern searched over the whole document, not by words or triggers, needs this.
        contained=contained,
        openers=openers,
        # A signal tried only `within` another's sentences needs no needles of its own.
        needles=prefilter.needles(pattern, searched) if (bound and openers is None and "within" not in s) or (
            contained and scanned and not begins and prefilter.short_sighted(pattern, searched)) else None,
        starters=prefilter.starters(pattern, searched) if triggered else None,
        # Read only where asked: most triggered patterns end on strings as common as their triggers.
        tails=prefilter.tails(pattern, searched) if triggered and s.get("tails") else None,
        beginnings=beginnings,
        classes=prefilter.classes(pattern, searched) if contained and beginnings is None and not begins else None,
        chain=prefilter.chain(pattern, searched) if scanned and not contained and beginnings is None else None,
        within=s.get("within") if bound else None,
        projected=prefilter.projected(pattern, flags) if bound else None,
        times=int(s.get("times", 1)),
    )


def _word_list(pattern: str) -> frozenset[tuple[str, ...]] | None:
    """Return the phrases a pattern matches if it is only a list of words, else None."""
    # Most lists are written plainly, \b(?:word|two words|…)\b: read so, they need no parse tree. (This pattern
    # and _parsed_word_list's are compiled when first used: the signals are built only when not stored.)
    if (m := re.fullmatch(r"\\b\(\?:([a-z][a-z ]*(?:\|[a-z][a-z ]*)*)\)\\b|\\b([a-z]+)\\b", pattern)) is not None:
        return frozenset(tuple(x.split()) for x in (m[1] or m[2]).split("|"))
    return _parsed_word_list(pattern)


def _parsed_word_list(pattern: str) -> frozenset[tuple[str, ...]] | None:
    """Return what `_word_list` returns, read from the pattern's parse tree."""
    try:
        strings = _finite(list(prefilter.tree(pattern)))
    except (re.error, RecursionError):
        return None
    if strings is None or not all(re.fullmatch(r"[a-z][a-z '’]*", x.lower()) for x in strings):
        return None
    return frozenset(tuple(normalize(w) for w in x.split()) for x in strings)


def _finite(nodes: list[tuple[Any, Any]]) -> set[str] | None:
    """Return every string a regular expression without repetition can match, or None."""
    out = {""}
    for op, av in nodes:
        choices: set[str] | None
        if op is re_constants.AT:
            continue  # word boundaries: tokens have them by construction
        if op is re_constants.LITERAL:
            choices = {chr(av)}
        elif op is re_constants.SUBPATTERN:
            choices = _finite(av[3])
        elif op is re_constants.BRANCH:
            alts = [a for b in av[1] if (a := _finite(b)) is not None]
            choices = None if len(alts) < len(av[1]) else set().union(*alts)
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


# Sentences are split at white space, or at a full stop, "!" or "?" glued to the next
# word ("the caucus.The outcome"): a match holding none of these cannot cross a boundary.
_CROSSING = frozenset("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000.!?…"
                      + "".join(map(chr, range(0x2000, 0x200B))))
# Character classes that match none of _CROSSING.
_SAFE_CATEGORIES = frozenset({re_constants.CATEGORY_DIGIT, re_constants.CATEGORY_WORD})


def _contained(pattern: str) -> bool:
    """Return whether every match of a pattern is non-empty and free of white space and full stops."""
    try:
        parsed = prefilter.tree(pattern)
    except re.error:
        return False
    return parsed.getwidth()[0] > 0 and _safe(list(parsed))


def _safe(nodes: list[tuple[Any, Any]]) -> bool:
    """Return whether the parsed nodes consume only characters outside _CROSSING."""
    for op, av in nodes:
        if op in (re_constants.AT, re_constants.ASSERT, re_constants.ASSERT_NOT):
            continue  # zero-width: what they look at is not part of the match
        if op is re_constants.LITERAL:
            if chr(av) in _CROSSING:
                return False
        elif op is re_constants.IN:
            for iop, iav in av:
                if iop is re_constants.LITERAL:
                    if chr(iav) in _CROSSING:
                        return False
                elif iop is re_constants.RANGE:
                    if any(iav[0] <= ord(ch) <= iav[1] for ch in _CROSSING):
                        return False
                elif not (iop is re_constants.CATEGORY and iav in _SAFE_CATEGORIES):
                    return False  # a negated set, or a class such as \s or \W
        elif op in (re_constants.MAX_REPEAT, re_constants.MIN_REPEAT):
            if not _safe(list(av[2])):
                return False
        elif op is re_constants.SUBPATTERN:
            if not _safe(list(av[3])):
                return False
        elif op is re_constants.BRANCH:
            if not all(_safe(list(b)) for b in av[1]):
                return False
        else:
            return False  # ".", [^…], back-references and the rest: assume the worst
    return True


def _sentence_bound(pattern: str) -> bool:
    """Return whether a pattern's meaning depends on the sentence's edges or may run across them."""
    return pattern.startswith(("^", "(?s)")) or bool(re.search(r"(?<!\\)\$", pattern)) or "[^" in pattern \
        or ".*" in pattern or ".+" in pattern


_APOSTROPHES = ("'", "’")
_NO_WORDS: dict[str | None, list[tuple[tuple[str, ...], int]]] = {}


def _apostrophes(doc: Document) -> list[int]:
    """Return, in order, the tokens whose norm holds an apostrophe."""
    # A norm holds "'" only where its word holds "'" or "’" (lower-casing makes neither): the few
    # words with one are found from those characters in C, not by looking into every norm.
    firsts, lasts, norms = doc.tokens.starts, doc.tokens.ends, doc.tokens.norms
    return sorted({t for at in prefilter.positions(doc.text, _APOSTROPHES)
                   if (t := bisect_right(firsts, at) - 1) >= 0 and at < lasts[t] and "'" in norms[t]})


def _unfolded(sig: Signal) -> re.Pattern[str]:
    """Return the pattern a signal searches in text as written."""
    # The case-blind form is compiled only for the rare text lower-casing would lengthen
    # (and then once: the re module keeps what it compiled).
    return sig.pattern if sig.pattern is not None else re.compile(sig.source, re.IGNORECASE)


def _document_signals(doc: Document, c: ClaimCues) -> tuple[list[float], list[set[int]], bytes | None]:
    """Return, per sentence, the summed weight of the word-level signals found in it, per
    signal the sentences word lists and searches over the whole text found it in, and
    `prefilter.project(doc.text)` if it was made (for classed signals).

    Word lists are matched on the tokens; other word-level patterns run once over the
    whole text. Either way a match is placed in its sentence by bisection, instead of
    searching every sentence with every pattern.
    """
    found = [0.0] * len(doc.sentences)
    starts = doc.sentence_starts
    # Per signal, the sentences it was found in (a set each: no pairs to build, and `within` reads one whole).
    seen: list[set[int]] = [set() for _ in c.signals]

    def credit(k: int, start: int, end: int) -> int:
        """Credit signal k to the sentence a match starts in, if it lies within it; return that sentence (-1: none)."""
        i = bisect_right(starts, start) - 1
        if i >= 0 and i not in seen[k] and end <= doc.sentences[i].end:
            seen[k].add(i)
            found[i] += c.signals[k].weight
        return i

    firsts, lasts, norms = doc.tokens.starts, doc.tokens.ends, doc.tokens.norms
    index = c.word_index
    # Most tokens start no listed phrase: those that do are picked out in C.
    last = len(norms) - 1
    for t in compress(range(len(norms)), map(index.__contains__, norms)):
        following = index[norms[t]]
        # Only the phrases whose second word follows are compared.
        for rest, k in following.get(norms[t + 1], following[None]) if t < last else following[None]:
            # Comparing tuple slices keeps the word-by-word comparison in C.
            if not rest:
                credit(k, firsts[t], lasts[t])
            elif norms[t + 1:t + 1 + len(rest)] == rest:
                credit(k, firsts[t], lasts[t + len(rest)])
    # A hyphenated word is one token, but holds words a list's \b…\b matches too ("Twenty-two veterans",
    # "tax-cut"): the one-word phrases among its parts count. Found from the text's hyphens, which are few.
    text = doc.text
    hyphen = text.find("-")
    while hyphen >= 0:
        t = bisect_right(firsts, hyphen) - 1
        if t >= 0 and hyphen < lasts[t]:
            for part in norms[t].split("-"):
                for rest, k in index.get(part, _NO_WORDS).get(None, ()):
                    if not rest:
                        credit(k, firsts[t], lasts[t])
            hyphen = lasts[t]
        hyphen = text.find("-", hyphen + 1)
    # Case-blind patterns run on lower-cased text: much faster than re.IGNORECASE.
    encoded = prefilter.beyond_ascii(doc.text)
    low = prefilter.lower(doc.text, encoded)
    # Lower-casing makes no digit: a digit beyond ASCII in either form is one in the text (None: not known).
    wide_digit = None if encoded is None else prefilter.has_digit(encoded[1])
    del encoded  # the text in UTF-8, as long as the text: not kept through the searches
    if len(low) != len(doc.text):
        low = doc.text  # a character changed length; keep offsets right
    # A triggered signal always has a pattern (`pattern`, `folded` or both): only word lists and
    # `absent` signals go without.
    # With each, for one with tails, the sentences that may hold one (None: any). The tails were read
    # for the form searched: the folded one on lower-cased text, if the signal has one.
    triggered = [(sig, sig.triggers, None if sig.tails is None or sig.folded is not None and low is doc.text
                  else prefilter.sentences_holding(doc.text if sig.folded is None else low, sig.tails, starts))
                 for sig in c.signals
                 if sig.triggers is not None and (sig.pattern or sig.folded) is not None and not sig.local]
    absent = [(sig, sig.absent) for sig in c.signals if sig.absent is not None]
    if triggered or absent:
        vocabulary = c.cue_words
        apostrophes = _apostrophes(doc)
        for i, s in enumerate(doc.sentences):
            # Only the sentence's cue words are kept: the tests below look at no others.
            used = vocabulary.intersection(norms[s.first_token:s.end_token])
            # "I'm" holds "I", "can't" holds "can": the word before an apostrophe counts too.
            lo, hi = bisect_left(apostrophes, s.first_token), bisect_left(apostrophes, s.end_token)
            if lo < hi:
                used = used.union(vocabulary.intersection([norms[t].partition("'")[0] for t in apostrophes[lo:hi]]))
            for sig, words in absent:
                if used.isdisjoint(words):
                    found[i] += sig.weight
            for sig, triggers, gate in triggered:
                if used.isdisjoint(triggers) or gate is not None and i not in gate:
                    continue
                blind = sig.folded is not None and low is not doc.text
                searched, subject = ((sig.folded, low) if blind and sig.folded is not None
                                     else (_unfolded(sig), doc.text))
                # The starters were read for the folded form: with the other one, search as is.
                if (prefilter.search(searched, sig.starters, subject, s.start, s.end)
                        if sig.starters is not None and (blind or sig.folded is None)
                        else searched.search(subject, s.start, s.end)):
                    found[i] += sig.weight
    backwards: tuple[str, str] | None = None  # a text searched and its reverse, for chained signals
    # The classes of the text and of its lower-cased form (when it has one), for classed signals: projected
    # when first needed, the lower-cased form's from the text's.
    projected: tuple[bytes | None, bytes | None] | None = None
    for k, sig in enumerate(c.signals):
        if (sig.pattern or sig.folded) is None or sig.local or sig.words is not None or sig.triggers is not None:
            continue
        blind = sig.folded is not None and low is not doc.text
        pattern, subject = (sig.folded, low) if blind and sig.folded is not None else (_unfolded(sig), doc.text)
        # The prefilters were read for the folded form: with the other one, search as is.
        read = blind or sig.folded is None
        if not sig.contained:
            if sig.beginnings is not None and read:
                matches = prefilter.finditer_at(pattern, sig.beginnings, subject)
            elif sig.chain is not None and read:
                if backwards is None or backwards[0] is not subject:
                    backwards = (subject, subject[::-1])
                matches = prefilter.finditer_chained(pattern, sig.chain, subject, backwards[1])
            else:
                matches = pattern.finditer(subject)
            for m in matches:
                credit(k, m.start(), m.end())
            continue
        if sig.needles is not None and read:
            # A match lies within one sentence and holds a needle (see _contained): only the
            # sentences with a needle are searched, each up to the next sentence, which
            # leaves the one character after a match that \b may look at (see short_sighted).
            sentences = doc.sentences
            for i in prefilter.sentences_with(sig.needles, subject, sentences, starts):
                stop = sentences[i + 1].start if i + 1 < len(sentences) else len(subject)
                if (hit := pattern.search(subject, sentences[i].start, stop)) is not None:
                    credit(k, hit.start(), hit.end())
            continue
        # A match of this pattern lies within one sentence (see _contained), so once a
        # sentence is credited the rest of it can be skipped: the next match of the
        # full scan that starts after it is the first match from the sentence's end.
        pos = 0
        search = partial(pattern.search, subject)
        if sig.beginnings is not None and read:
            # Every match begins with one of these strings: tried only where str.find finds one.
            search = partial(prefilter.search_at, pattern, prefilter.positions(subject, sig.beginnings), subject)
        elif sig.classes is not None and read:
            if projected is None:
                of_text = prefilter.project(doc.text, wide_digit)
                projected = (of_text, None if of_text is None or low is doc.text else prefilter.lowered(of_text))
            if (classes := projected[subject is not doc.text]) is not None:
                search = partial(prefilter.search_classed, pattern, sig.classes, classes, subject)
        while (hit := search(pos)) is not None:
            i = credit(k, hit.start(), hit.end())
            pos = max(hit.end(), doc.sentences[i].end) if i >= 0 else hit.end()
    return found, seen, None if projected is None else projected[0]


if __name__ == "__main__":
    main()
