"""Tell the writer's distancing quotation marks from quotations, titles and mentions."""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..context import Context
from ..findings import Category, Finding, Severity, Voice
from ..model import Document, Quotation, Sentence

RULE = "scare-quote.distancing"
WHY = ("Quotation marks around a word nobody is quoted as saying signal the writer's doubt or sneer "
       "without arguing for it.")
# How far before a quotation a naming word still introduces it ("the term used by critics, “…”").
NAMING_REACH = 4
# How far after a quotation a verb of saying still credits it ("“…”, the minister said").
SPEECH_REACH_AFTER = 4
# A verb of saying this close to the end of the sentence closes a trailing
# attribution ("…, the documents said.") that credits the whole sentence.
TRAILING_CLAUSE = 4
# Marks just before the opening quotation mark that introduce a quotation
# rather than fit a word into the writer's own sentence.
_INTRODUCERS = frozenset(",:;—–-([\n")
_ARTICLES = frozenset(("a", "an", "the"))
_CLOSING_MARKS = "\"'”’»)]"
_TERMINALS = frozenset(".!?…")
# Longer lines without a full stop are sentences that lost it, not headlines.
HEADLINE_WORDS = 20


@dataclass(frozen=True, slots=True)
class Cues:
    """The word lists of rhetoric/data/scare_quote_cues.toml."""

    max_words: int
    speech_verbs: frozenset[str]
    naming_words: frozenset[str]
    naming_nouns: frozenset[str]
    naming_after: frozenset[str]
    fragment_starts: frozenset[str]
    impersonal_subjects: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Site:
    """Where a quotation sits: its sentence and the token range of its words."""

    sentence: Sentence
    first: int
    last: int


@cache
def cues() -> Cues:
    """Return the cues, read once from the package data."""
    raw = tomllib.loads(
        (resources.files("rhetoric") / "data" / "scare_quote_cues.toml").read_text(encoding="utf-8")
    )
    words = {key: frozenset(value.split()) for key, value in raw["cues"].items()}
    return Cues(max_words=int(raw["shape"]["max_words"]), **words)


def detect(ctx: Context) -> Iterator[Finding]:
    """Yield a finding for each quotation the writer uses to distance from a word."""
    doc = ctx.doc
    c = cues()
    counts = _quoted_counts(doc)
    for q in doc.quotations:
        if q.depth or not q.closed or not _judge(doc, q, c, counts):
            continue
        inner = doc.text[q.inner_start:q.inner_end]
        yield Finding(
            rule=RULE, category=Category.SCARE_QUOTE, severity=Severity.WARNING,
            start=q.start, end=q.end, text=doc.text[q.start:q.end],
            message=f"Scare quotes around “{inner}” cast doubt on it without saying why",
            why=WHY, alternative=f"Drop the quotation marks, or say who uses “{inner}” and why it is disputed.",
            voice=Voice.AUTHOR,
        )


def is_scare_quote(doc: Document, q: Quotation, c: Cues | None = None) -> bool:
    """Return whether quotation `q` reads as the writer's distancing quotes."""
    return _judge(doc, q, c or cues(), _quoted_counts(doc))


def _judge(doc: Document, q: Quotation, c: Cues, counts: Counter[tuple[str, ...]]) -> bool:
    """Return whether `q` is distancing, given how often each phrase is quoted in the document."""
    if not _word_shaped(doc, q, c):
        return False
    site = _site(doc, q)
    if site is None:
        return False
    if _introduced(doc, q, site) or _named(doc, site, c) or _spoken(doc, site, c):
        return False
    if _headline(doc, site.sentence):
        return False  # headlines quote what someone said: "Outbreak could be 'stronger': WHO"
    # A quotation that carries the sentence's closing punctuation is most often
    # the tail of someone's sentence; the writer's distancing word tends to recur.
    if _carries_closing_punctuation(doc, q, site) and counts[_key(doc, q)] < 2:
        return False
    return True


def _site(doc: Document, q: Quotation) -> _Site | None:
    s = doc.sentence_at(q.start)
    if s is None:
        return None
    return _Site(s, doc.token_index_at(q.inner_start), doc.token_index_at(q.end))


def _key(doc: Document, q: Quotation) -> tuple[str, ...]:
    return tuple(t.norm for t in doc.tokens_between(q.inner_start, q.inner_end))


def _quoted_counts(doc: Document) -> Counter[tuple[str, ...]]:
    """Count how often each short phrase is put in quotation marks in the document."""
    return Counter(_key(doc, q) for q in doc.quotations if q.depth == 0 and q.inner_end - q.inner_start < 80)


def _word_shaped(doc: Document, q: Quotation, c: Cues) -> bool:
    """Return whether the quoted words look like a word or phrase rather than a sentence or title."""
    inner = doc.text[q.inner_start:q.inner_end].strip()
    words = doc.tokens_between(q.inner_start, q.inner_end)
    if not words or len(words) > c.max_words:
        return False
    if any(ch.isdigit() for ch in inner):
        return False  # a number, code or label quoted as it is written
    if inner.endswith(("!", "?")):
        return False  # an exclamation or question someone uttered
    # A capital opens a name, a title or a quoted sentence; distancing marks
    # go around ordinary lower-case words. The writer's own article or
    # preposition stays outside the marks, a speaker's stays inside.
    return not inner[:1].isupper() and words[0].norm not in c.fragment_starts


def _introduced(doc: Document, q: Quotation, site: _Site) -> bool:
    """Return whether punctuation or "as" introduces the quotation as someone's words or a label."""
    if site.first == site.sentence.first_token:
        return False
    prev = doc.tokens[site.first - 1]
    if any(ch in _INTRODUCERS for ch in doc.text[prev.end:q.start]):
        return True
    # "described as “…”", "smeared as a “…”"
    k = site.first - 1
    if prev.norm in _ARTICLES and k > site.sentence.first_token:
        k -= 1
    return doc.tokens[k].norm == "as"


def _named(doc: Document, site: _Site, c: Cues) -> bool:
    """Return whether a naming word introduces the quotation ("known as", "the term") or glosses it ("… means")."""
    before = doc.tokens[max(site.sentence.first_token, site.first - NAMING_REACH):site.first]
    if any(t.norm in c.naming_words for t in before):
        return True
    if before and before[-1].norm in c.naming_nouns:
        return True
    after = doc.tokens[site.last:min(site.sentence.end_token, site.last + NAMING_REACH)]
    return any(t.norm in c.naming_after for t in after)


def _spoken(doc: Document, site: _Site, c: Cues) -> bool:
    """Return whether a verb of saying in the same sentence credits the quoted words to a speaker."""
    s = site.sentence
    if any(_speaker_verb(doc, k, s, c) for k in range(s.first_token, site.first)):
        return True
    # After the quotation only a set-off attribution counts ("“…,” he said"),
    # not a verb that merely follows ("a “defence” to explain away …").
    after = range(site.last, min(s.end_token, site.last + SPEECH_REACH_AFTER))
    trailing = range(max(site.last, s.end_token - TRAILING_CLAUSE), s.end_token)
    return any(
        doc.tokens[k].norm in c.speech_verbs and "," in doc.text[doc.tokens[site.last - 1].end:doc.tokens[k].start]
        for r in (after, trailing) for k in r
    )


def _speaker_verb(doc: Document, k: int, s: Sentence, c: Cues) -> bool:
    """Return whether token k is a verb of saying with someone, not "it", doing the saying."""
    if doc.tokens[k].norm not in c.speech_verbs:
        return False
    # "It calls this a “reform”": an impersonal subject names no speaker, so the
    # marks are the writer's.
    return k == s.first_token or doc.tokens[k - 1].norm not in c.impersonal_subjects


def _headline(doc: Document, s: Sentence) -> bool:
    """Return whether sentence `s` is a headline: a short line of its own with no closing punctuation."""
    text = doc.text
    line_start = text.rfind("\n", 0, s.start) + 1
    line_end = text.find("\n", s.end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:s.start].strip() or text[s.end:line_end].strip():
        return False
    body = text[s.start:s.end].rstrip().rstrip(_CLOSING_MARKS)
    return s.end_token - s.first_token <= HEADLINE_WORDS and body[-1:] not in _TERMINALS


def _carries_closing_punctuation(doc: Document, q: Quotation, site: _Site) -> bool:
    """Return whether the quoted words end with a full stop or comma of the surrounding sentence."""
    return doc.text[q.inner_start:q.inner_end].rstrip()[-1:] in (".", ",")
