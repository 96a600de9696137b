"""Tell the writer's distancing quotation marks from quotations, titles and mentions."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from functools import cache
from itertools import compress, count
from typing import NamedTuple

from ..context import Context
from ..data import table
from ..findings import Category, Finding, Severity
from ..headlines import headline, title_case
from ..model import Document, Quotation, Sentence

RULE = "scare-quote.distancing"
WHY = ("Quotation marks around a word nobody is quoted as saying signal the writer's doubt or sneer "
       "without arguing for it.")
# How far before a quotation a naming word still introduces it ("the term used by critics, “…”").
NAMING_REACH = 4
# How far after a quotation a verb of saying still credits it ("“…”, the minister said").
SPEECH_REACH_AFTER = 4
# How far after a quotation "of which" may open a relative clause whose
# speaker spoke of it ("the “offering” to God of which Francis speaks"), and
# how close after "which" that speaker's verb must come.
RELATIVE_REACH = 6
RELATIVE_SPEAKER = 3
# Quotations at most this many words apart form a chain that one attribution
# after the last of them credits ("“…” and “…,” she wrote"); at most this many.
CHAIN_GAP = 3
CHAIN_LENGTH = 8
# Characters between two quotations joined by a conjunction (", and ").
PAIR_GAP = 8
# A verb of saying this close to the end of the sentence closes a trailing
# attribution ("…, the documents said.") that credits the whole sentence.
TRAILING_CLAUSE = 4
# Marks just before the opening quotation mark that introduce a quotation
# rather than fit a word into the writer's own sentence.
_INTRODUCERS = frozenset(",:;—–-([\n")
# Paired marks that set an aside off from the clause around it.
_ASIDES = (("(", ")"), ("–", "–"), ("—", "—"))
_GLOSS_OPENERS = frozenset(",(—–")
_ARTICLES = frozenset(("a", "an", "the"))
# Characters that make quoted text a web address, a handle, a hashtag or a
# choice of options ("if/then") written out, not a word held at a distance.
_CODE_MARKS = frozenset("/@#")


class Cues(NamedTuple):
    """The word lists of rhetoric/data/scare_quote_cues.toml."""

    # A NamedTuple, not a frozen dataclass: made once per process, and a dataclass of this many
    # fields takes several times as long to define at every start (its generated methods compiled).

    max_words: int
    speech_verbs: frozenset[str]
    naming_words: frozenset[str]
    naming_nouns: frozenset[str]
    text_nouns: frozenset[str]
    gloss_words: frozenset[str]
    naming_after: frozenset[str]
    fragment_starts: frozenset[str]
    non_finite_markers: frozenset[str]
    impersonal_subjects: frozenset[str]
    copulas: frozenset[str]
    named_kinds: frozenset[str]
    law_kinds: frozenset[str]
    wording_verbs: frozenset[str]
    judging_verbs: frozenset[str]
    intention_words: frozenset[str]
    relative_words: frozenset[str]
    relative_prepositions: frozenset[str]
    speech_phrases: dict[str, tuple[tuple[str, ...], ...]]  # by first word, so a word is tried against its own
    longest_phrase: int  # the most words of any speech phrase
    saying_nouns: frozenset[str]
    writer_subjects: frozenset[str]
    share_words: frozenset[str]
    defining_words: frozenset[str]
    view_openers: frozenset[str]
    calendar_words: frozenset[str]
    speaker_starts: frozenset[str]  # first words of all of the above that credit a speaker


class _Article(NamedTuple):
    """What the whole document says about its quotations, computed once per document."""

    # NamedTuples, this and _Site: defined at every start in a fraction of a frozen dataclass's time.

    counts: Counter[tuple[str, ...]]  # how often each short phrase is put in quotation marks
    keys: tuple[tuple[str, ...], ...]  # the words of each outermost quotation, to find a phrase inside a longer one
    max_words: int  # the most words of a phrase that is looked for inside a longer quotation
    # The speakers and the "according to"s of each sentence a quotation asks about (see _credits), by sentence
    # index: filled as quotations ask, so that a sentence of many quotations is still read once.
    credits: dict[int, tuple[tuple[int, ...], tuple[int, ...]]]
    # By a number of words n: the words of every quotation longer than n words, as one string to search
    # (see _within_longer); and the answer for each run of words asked about. Filled as quotations ask.
    longer: dict[int, str]
    within: dict[tuple[str, ...], bool]


class _Site(NamedTuple):
    """Where a quotation sits: its sentence and the token range of its words."""

    sentence: Sentence
    first: int
    last: int


@cache
def cues() -> Cues:
    """Return the cues, read once from the package data."""
    raw = table("scare_quote_cues.toml")
    words = {key: frozenset(value.split()) for key, value in raw["cues"].items()}
    phrases: dict[str, tuple[tuple[str, ...], ...]] = {}
    for line in raw["phrases"]["speech_phrases"].splitlines():
        if line.strip():
            phrase = tuple(line.split())
            phrases[phrase[0]] = (*phrases.get(phrase[0], ()), phrase)
    starts = words["speech_verbs"] | words["saying_nouns"] | frozenset(phrases)
    longest = max((len(p) for same in phrases.values() for p in same), default=1)
    return Cues(max_words=int(raw["shape"]["max_words"]), speech_phrases=phrases, longest_phrase=longest,
                speaker_starts=starts, **words)


def distancing(doc: Document) -> tuple[Quotation, ...]:
    """Return the quotations the writer uses to distance from a word (scare quotes)."""
    return tuple(q for q, scare in _verdicts(doc, cues()) if scare)


def detect(ctx: Context) -> Iterator[Finding]:
    """Yield a finding for each quotation the writer uses to distance from a word."""
    doc = ctx.doc
    for q in ctx.scare_quotes:
        inner = doc.text[q.inner_start:q.inner_end]
        yield Finding(
            rule=RULE, category=Category.SCARE_QUOTE, severity=Severity.WARNING,
            start=q.start, end=q.end, text=doc.text[q.start:q.end],
            message=f"Scare quotes around “{inner}” cast doubt on it without saying why",
            why=WHY, alternative=f"Drop the quotation marks, or say who uses “{inner}” and why it is disputed.",
            voice=ctx.voice(q.start, q.end),  # the writer's, but in a speaker's turn of a transcript
        )


def _verdicts(doc: Document, c: Cues) -> Iterator[tuple[Quotation, bool]]:
    """Yield each outermost closed quotation, in text order, with whether it is distancing."""
    # Each outermost quotation with its words, read once: the checks below compare them again and again.
    outer = [(q, _key(doc, q)) for q in doc.quotations if not q.depth]
    art = _article(outer, c)
    # Phrases the writer has already held at a distance: once a writer puts
    # their marks on a word they keep them there, even where someone is said
    # to use the word ("the CIA argued it would threaten “national security”").
    distanced: set[tuple[str, ...]] = set()
    # Terms the writer has defined ("the ruling, which is called a “reference”"):
    # quoted again further on, they are that term, not the writer's doubt.
    named: set[tuple[str, ...]] = set()
    out: list[tuple[Quotation, tuple[str, ...], bool | None]] = []
    prev: tuple[Quotation, tuple[str, ...], bool | None] | None = None
    for q, key in outer:
        if not q.closed:
            continue
        site = _site(doc, q)  # once per quotation: _judge and _defined both ask for it
        # "neither “far-right” nor “Islamophobic”": words quoted in a pair share one voice.
        if prev is not None and _paired(doc, prev[0], q) and _word_shaped(doc, q, key, c, capitals=True):
            scare = prev[2]
        elif key in named:
            scare = False
        else:
            scare = _judge(doc, q, site, key, c, art, key in distanced)
        if scare:
            distanced.add(key)
        elif site is not None and _defined(doc, site, c):
            named.add(key)
        prev = (q, key, scare)
        out.append(prev)
    # A headline repeats the body's words, so the body tells whose they are.
    for q, key, scare in out:
        yield q, scare if scare is not None else _headline_verdict(doc, q, key, art, distanced)


def _words(key: tuple[str, ...]) -> tuple[str, ...]:
    """Return the quoted words (a quotation's key) without punctuation, to find them inside another quotation."""
    return tuple(norm for norm in key if norm[:1].isalnum())


def _headline_verdict(doc: Document, q: Quotation, key: tuple[str, ...], art: _Article,
                      distanced: set[tuple[str, ...]]) -> bool:
    """Return whether a headline's quotation is distancing, judged by the body below it.

    Words the body holds at a distance are the writer's; words the body quotes
    inside someone's longer quotation are that speaker's ("Talks open 'new
    chapter' for neighbours" over "“We have opened a new chapter,” the minister
    said"), and words the body quotes too but does not hold at a distance
    are a speaker's or a title's ("Netflix Renews ‘Stranger Things’" over
    "Netflix said “Stranger Things” would return"). Otherwise the place decides:
    a quotation that ends the headline or comes before its colon is what
    someone said ("Storm season could be 'worse': agency"); one inside the
    headline's noun phrase is the writer's label ("Council's 'reform' of bus
    routes angers riders").
    """
    if key in distanced:
        return True
    if _within_longer(key, art) or art.counts[key] > 1:
        return False
    s = doc.sentence_at(q.start)
    after = doc.token_index_at(q.end)
    return s is not None and after < s.end_token and not doc.text[q.end:doc.tokens.starts[after]].strip()


def _defined(doc: Document, site: _Site, c: Cues) -> bool:
    """Return whether a passive of naming defines the quotation as a term ("which is called a “reference”")."""
    norms = doc.tokens.norms[max(site.sentence.first_token, site.first - NAMING_REACH):site.first]
    return any(norms[j] in c.defining_words and norms[j - 1] in c.copulas for j in range(1, len(norms)))


def _paired(doc: Document, first: Quotation, q: Quotation) -> bool:
    """Return whether only a conjunction joins quotation `q` to the quotation before it."""
    if q.start - first.end > PAIR_GAP:
        return False
    return doc.text[first.end:q.start].replace(",", " ").split() in (["and"], ["or"], ["nor"])


def _article(outer: list[tuple[Quotation, tuple[str, ...]]], c: Cues) -> _Article:
    """Index the document's quoted phrases once, from its outermost quotations and their words."""
    return _Article(counts=_quoted_counts(outer), keys=tuple(key for _, key in outer), max_words=c.max_words,
                    credits={}, longer={}, within={})


def _speakers(doc: Document, s: Sentence, c: Cues) -> tuple[int, ...]:
    """Return the token index of each word of sentence `s` that credits its quotations to a speaker, in order.

    Those are verbs of saying with someone doing the saying, a noun of saying
    before "that" ("his accusation that …") and the last word of a phrase of
    saying with someone other than the writer saying it ("she made it clear").
    Found for one sentence at a time: only the few sentences whose quotations
    get this far are read.
    """
    norms = doc.tokens.norms
    # "It should be noted that …", "as we pointed out": nobody, or the writer, says it.
    nobody = c.impersonal_subjects | c.non_finite_markers | c.writer_subjects
    found: set[int] = set()
    # A phrase of saying may start in the sentence before and end in this one.
    low = max(0, s.first_token - c.longest_phrase + 1)
    # Only these words can start one: test just those tokens, found in one quick pass.
    for k in compress(count(low), map(c.speaker_starts.__contains__, norms[low:s.end_token])):
        norm = norms[k]
        if norm in c.speech_verbs and _speaker_verb(doc, k, k == s.first_token, c):
            found.add(k)
        if norm in c.saying_nouns and norms[k + 1:k + 2] == ("that",):
            found.add(k)
        for p in c.speech_phrases.get(norm, ()):
            if norms[k:k + len(p)] == p and (k == 0 or norms[k - 1] not in nobody):
                found.add(k + len(p) - 1)
    return tuple(sorted(k for k in found if s.first_token <= k < s.end_token))


def _judge(doc: Document, q: Quotation, site: _Site | None, key: tuple[str, ...], c: Cues, art: _Article,
           distanced: bool) -> bool | None:
    """Return whether `q` (at `site`, its words `key`) is distancing, given whether its words were distanced before."""
    if site is None:
        return False
    if not _word_shaped(doc, q, key, c, capitals=title_case(doc, site.sentence)):
        return False
    if _introduced(doc, q, site) or _named(doc, site, c) or _answer(doc, site, c):
        return False
    if not distanced and _spoken(doc, art, site, c):
        return False
    if not distanced and (_predicate(doc, site, c) or _complement(doc, site, c)):
        return False
    if headline(doc, site.sentence):
        return None  # decided once the body has been read
    # A quotation that carries the sentence's closing punctuation is most often
    # the tail of someone's sentence; the writer's distancing word tends to
    # recur, but not as part of a longer quotation of that someone.
    if _carries_closing_punctuation(doc, q, site) and (art.counts[key] < 2 or _within_longer(key, art)):
        return False
    return True


def _predicate(doc: Document, site: _Site, c: Cues) -> bool:
    """Return whether the quotation is the whole predicate after a form of "be" ("the risk was “manageable”")."""
    return site.first > site.sentence.first_token and doc.tokens.norms[site.first - 1] in c.copulas


def _complement(doc: Document, site: _Site, c: Cues) -> bool:
    """Return whether an infinitive "to" introduces a quoted phrase ("agreed to “provide security guarantees”").

    A goal, pledge or plan quoted at some length after "to" is reported in
    the words it was given in; a writer's distancing marks hold a word or two,
    and after the preposition ("a threat to “national security”") the phrase
    is no goal.
    """
    k = site.first - 1
    return (k - 1 >= site.sentence.first_token and doc.tokens.norms[k] == "to" and site.last - site.first > 1
            and (doc.tokens.norms[k - 1] in c.intention_words or doc.tokens.norms[k - 1] in c.copulas))


def _within_longer(key: tuple[str, ...], art: _Article) -> bool:
    """Return whether the quoted words (up to max_words of them) stand inside a longer quotation in the document."""
    # Searched when asked (a few times in a few documents), not from an index of every run of words
    # in every quotation, which cost more than all the asking. The quotations longer than the words
    # are joined once for each length asked about, so that a long document's many questions are
    # each one search in C, not a walk through all its quotations.
    words = _words(key)
    n = len(words)
    if not 0 < n <= art.max_words:
        return False
    found = art.within.get(words)
    if found is None:  # a phrase asked about is one quoted more than once: each is searched for once
        longer = art.longer.get(n)
        if longer is None:
            longer = art.longer[n] = _QUOTATION.join(
                _WORD + _WORD.join(other) + _WORD for other in map(_words, art.keys) if len(other) > n)
        found = art.within[words] = _WORD + _WORD.join(words) + _WORD in longer
    return found


# Separators of the joined words of quotations: characters no word holds. A run of words that is
# sought has no _QUOTATION in it, so it is only found within one quotation.
_WORD = "\x00"
_QUOTATION = "\x01"


def _site(doc: Document, q: Quotation) -> _Site | None:
    s = doc.sentence_at(q.start)
    if s is None:
        return None
    return _Site(s, doc.token_index_at(q.inner_start), doc.token_index_at(q.end))


def _key(doc: Document, q: Quotation) -> tuple[str, ...]:
    return doc.norms_between(q.inner_start, q.inner_end)


def _quoted_counts(outer: list[tuple[Quotation, tuple[str, ...]]]) -> Counter[tuple[str, ...]]:
    """Count how often each short phrase is put in quotation marks, given the outermost quotations and their words."""
    return Counter(key for q, key in outer if q.inner_end - q.inner_start < 80)


def _word_shaped(doc: Document, q: Quotation, words: tuple[str, ...], c: Cues, capitals: bool = False) -> bool:
    """Return whether the quoted words look like a word or phrase rather than a sentence or title.

    `words` are its key (the norms of its words). With `capitals`, a capital letter is no evidence either way.
    """
    inner = doc.text[q.inner_start:q.inner_end].strip()
    if not words or len(words) > c.max_words + 1:
        return False
    # One word more is still a label when every word carries content (a
    # “nuclear money laundering apparatus”); with "of" or "the" it is a fragment.
    if len(words) > c.max_words and not c.fragment_starts.isdisjoint(words):
        return False
    if any(map(str.isdigit, inner)) or not _CODE_MARKS.isdisjoint(inner):  # each test runs in C
        return False  # a number, code, address, handle or hashtag quoted as it is written
    if inner.endswith(("!", "?")):
        return False  # an exclamation or question someone uttered
    # A capital opens a name, a title or a quoted sentence; distancing marks
    # go around ordinary lower-case words. The writer's own article or
    # preposition stays outside the marks, a speaker's stays inside.
    return (capitals or not inner[:1].isupper()) and words[0] not in c.fragment_starts


# Verbs before "as" that pass something off as what the quotation names: the quotation is the writer's doubt.
_POSING = frozenset("masquerading masquerades masqueraded masquerade posing poses posed pose passing passes passed "
                    "disguised dressed parading parades paraded".split())


def _introduced(doc: Document, q: Quotation, site: _Site) -> bool:
    """Return whether punctuation or "as" introduces the quotation as someone's words or a label."""
    if site.first == site.sentence.first_token:
        return False
    k = site.first - 1
    if any(ch in _INTRODUCERS for ch in doc.text[doc.tokens.ends[k]:q.start]):
        return True
    # "described as “…”", "smeared as a “…”"; not "masquerading as “science”", where the writer sneers
    if doc.tokens.norms[k] in _ARTICLES and k > site.sentence.first_token:
        k -= 1
    if doc.tokens.norms[k] != "as":
        return False
    j = k - 1  # the verb before "as", over "up" or "off" ("dressed up as", "passed off as")
    if j > site.sentence.first_token and doc.tokens.norms[j] in ("up", "off"):
        j -= 1
    return not (j >= site.sentence.first_token and doc.tokens.norms[j] in _POSING)


def _named(doc: Document, site: _Site, c: Cues) -> bool:
    """Return whether a naming word introduces the quotation ("known as", "the term") or glosses it ("… means")."""
    norms = doc.tokens.norms
    before = norms[max(site.sentence.first_token, site.first - NAMING_REACH):site.first]
    if not c.naming_words.isdisjoint(before):
        return True
    if before and before[-1] in c.naming_nouns:
        return True
    if not c.text_nouns.isdisjoint(before):
        return True  # "the prophecy of a future “destroyer”": the words of that text
    if any(before[j] in c.wording_verbs and before[j - 1] in c.law_kinds for j in range(1, len(before))):
        return True  # "the law bans “adult cabaret performances”": the law's wording
    if len(before) >= 2 and before[-1] == "for" and _glossing(doc, site, site.first - 2, c):
        return True  # "Hawaiian for “scout”", "slang for “…”": a translation or gloss
    after = norms[site.last:min(site.sentence.end_token, site.last + NAMING_REACH)]
    if after and after[0] in c.named_kinds:
        return True  # "the “yellow vest” movement", "the “undue burden” standard": a name
    if after and after[0] in c.law_kinds and site.last - site.first > 1:
        return True  # "the “stand your ground” law"; not "the state's “reform” law"
    return not c.naming_after.isdisjoint(after)


def _answer(doc: Document, site: _Site, c: Cues) -> bool:
    """Return whether a share of people stands next to the quotation, which is then a survey's answer.

    "Thirty percent of whites “strongly agree”", "(34% “strongly agree”)",
    "leads with “definitely not support” with 6 percent": the marks give the
    wording of the poll's question or answer.
    """
    low = max(site.sentence.first_token, site.first - NAMING_REACH)
    high = min(site.sentence.end_token, site.last + NAMING_REACH)
    if not c.share_words.isdisjoint(doc.tokens.norms[low:high]):
        return True
    return "%" in doc.text[doc.tokens.starts[low]:doc.tokens.ends[high - 1]]


def _glossing(doc: Document, site: _Site, k: int, c: Cues) -> bool:
    """Return whether token k names a language or register a word is given in ("slang", "—Latin")."""
    tok = doc.tokens[k]
    if tok.norm in c.gloss_words:
        return True
    # A capitalised word counts only where it opens an aside ("Oumuamua—Hawaiian
    # for “scout”"), not as a name inside the clause ("Communion for “certain” …").
    opens_aside = k > site.sentence.first_token and any(
        ch in _GLOSS_OPENERS for ch in doc.text[doc.tokens.ends[k - 1]:tok.start])
    return opens_aside and doc.text[tok.start].isupper()


def _spoken(doc: Document, art: _Article, site: _Site, c: Cues) -> bool:
    """Return whether a verb of saying in the same sentence credits the quoted words to a speaker."""
    s = site.sentence
    credits = art.credits.get(s.index)
    if credits is None:
        credits = art.credits[s.index] = _speakers(doc, s, c), _according(doc.tokens.norms, s.first_token, s.end_token)
    speakers, according = credits
    asides = _asides(doc, site)
    for i in range(bisect_left(speakers, site.first) - 1, -1, -1):
        k = speakers[i]
        if doc.tokens.norms[k] == "according" and _in_source(doc, k, site):
            continue
        if not any(a < doc.tokens.starts[k] < b for a, b in asides) and not _in_relative(doc, k, site):
            return True
    if _judged(doc, site, c) or _framed(doc, site, c):
        return True
    # After the quotation only a set-off attribution counts ("“…,” he said"),
    # not a verb that merely follows ("a “defence” to explain away …"). A
    # later quotation's attribution credits this one too ("“…” and “…,” she wrote").
    for end in _chain_ends(doc, site):
        after = range(end, min(s.end_token, end + SPEECH_REACH_AFTER))
        if any(_set_off_verb(doc, end, k, c) for k in after):
            return True
    if _spoken_of(doc, speakers, site, c):
        return True
    trailing = range(max(site.last, s.end_token - TRAILING_CLAUSE), s.end_token)
    if any(_set_off_verb(doc, site.last, k, c) for k in trailing):
        return True
    # "…, according to his lawyer" credits the whole clause before it, however long the source's name.
    # A comma before one "according" is a comma before every later one, so the last one decides.
    return bool(according) and according[-1] >= site.last and _set_off(doc, site.last, according[-1])


def _according(norms: tuple[str, ...], low: int, high: int) -> tuple[int, ...]:
    """Return the token index of each "according" of "according to" within tokens [low, high)."""
    found: list[int] = []
    if high - low < 2:
        return ()  # room for no "according to" (and a stop of -1 would mean the end of the tuple)
    # tuple.index finds each "according" in C, several times faster than a test of every norm.
    k = low - 1
    try:
        while True:
            k = norms.index("according", k + 1, high - 1)  # its "to" must be in range too
            if norms[k + 1] == "to":
                found.append(k)
    except ValueError:  # no "according" after k
        return tuple(found)


def _judged(doc: Document, site: _Site, c: Cues) -> bool:
    """Return whether someone's verb of judging or pledging takes the quotation in its object.

    "The ministry expressed “deep concern”", "the senator promised “swift
    action”": the object is given in the subject's words. Only the active
    voice names who judged: "is now blamed on “…”" names nobody.
    """
    low = site.sentence.first_token
    for k in range(max(low, site.first - NAMING_REACH), site.first):
        if doc.tokens.norms[k] in c.judging_verbs:
            before = doc.tokens.norms[max(low, k - 2):k]
            if not any(norm in c.copulas or norm in c.non_finite_markers or norm in c.impersonal_subjects
                       for norm in before):
                return True
            if _agent_after(doc, site):
                return True  # "The school was rated ‘inadequate’ by Ofsted"
    return False


def _agent_after(doc: Document, site: _Site) -> bool:
    """Return whether "by" and a name or a noun follow the quotation: the agent of a passive ("… by Ofsted")."""
    norms, end = doc.tokens.norms, site.sentence.end_token
    k = site.last
    return (k + 1 < end and norms[k] == "by" and doc.text[doc.tokens.starts[k + 1]].isalpha()
            and norms[k + 1] not in _NO_AGENTS)


# What may follow "by" without naming who judged: a share, a time, a means.
_NO_AGENTS = frozenset("far a an some most more much now then the way".split())


def _framed(doc: Document, site: _Site, c: Cues) -> bool:
    """Return whether the sentence opens by giving a named person's view ("To Sharp, Trump is the “kind-hearted” man").

    "For Hale, the reform is a “betrayal”": a name of up to three capitalised
    words between "For" or "To" and a comma says whose view the sentence
    gives, in that person's words. Not a day or a month ("For Monday, …").
    """
    first = site.sentence.first_token
    norms, starts, text = doc.tokens.norms, doc.tokens.starts, doc.text
    if norms[first] not in c.view_openers or not text[starts[first]].isupper():
        return False
    for k in range(first + 1, min(first + 4, site.first)):
        if not (text[starts[k]].isupper() and norms[k][:1].isalpha()) or norms[k] in c.calendar_words:
            return False
        if "," in text[doc.tokens.ends[k]:starts[k + 1]]:
            return True
    return False


def _spoken_of(doc: Document, speakers: tuple[int, ...], site: _Site, c: Cues) -> bool:
    """Return whether a relative clause after the quotation names who spoke of it.

    "That “final battle” over marriage of which Sister Lucia warned": the
    thing quoted is what the speaker of the clause spoke of, in their words.
    Only the first "of which" after the quotation counts; a later one hangs
    on some other noun.
    """
    end = site.sentence.end_token
    for k in range(site.last + 1, min(end, site.last + RELATIVE_REACH)):
        if doc.tokens.norms[k] in c.relative_words and doc.tokens.norms[k - 1] in c.relative_prepositions:
            i = bisect_right(speakers, k)  # the speakers of the quotation's sentence
            return i < len(speakers) and speakers[i] <= min(k + RELATIVE_SPEAKER, end - 1)
    return False


def _in_relative(doc: Document, k: int, site: _Site) -> bool:
    """Return whether token k stands in a relative clause set off by commas that closes before the quotation.

    "Whitfield, who likes to describe herself as a pragmatist, floated a “compromise”": the clause's verb
    of saying tells what she says of herself, not whose the quoted word is.
    """
    text, starts = doc.text, doc.tokens.starts
    comma = text.rfind(",", site.sentence.start, starts[k])
    if comma < 0 or "," not in text[doc.tokens.ends[k]:starts[site.first]]:
        return False
    m = doc.token_index_at(comma)
    return m < k and doc.tokens.norms[m] in _RELATIVE_OPENERS


_RELATIVE_OPENERS = frozenset(("who", "which", "whose", "whom"))


def _in_source(doc: Document, k: int, site: _Site) -> bool:
    """Return whether the quotation stands in the source that "according to" at token k names.

    "According to their “alternate translation”, …" credits the clause after
    the source, not the quoted words that help name it.
    """
    return site.first - k <= NAMING_REACH + 1 and not any(
        ch in ",;:—–(" for ch in doc.text[doc.tokens.ends[k]:doc.tokens.starts[site.first]])


def _asides(doc: Document, site: _Site) -> list[tuple[int, int]]:
    """Return the spans of the asides that close between the sentence's start and the quotation.

    Only the last aside of each kind is found: a verb of saying in it
    ("a man who is – so I am told – motivated by …") governs the aside, not
    the quotation after it.
    """
    text, start, quote = doc.text, site.sentence.start, doc.tokens.starts[site.first]
    out = []
    for opener, closer in _ASIDES:
        # A mark is one character: str.rfind finds the last one in C.
        close = text.rfind(closer, start, quote)
        if close >= 0:
            open_ = text.rfind(opener, start, close)
            if open_ >= 0:
                out.append((open_, close))
    return out


def _chain_ends(doc: Document, site: _Site) -> list[int]:
    """Return the token index after the quotation at `site` and after each quotation chained to it.

    Quotations follow one another a few words apart ("“…” and “…,” she wrote"); the
    chain is capped so that a sentence of a thousand quotations stays linear.
    """
    ends = [site.last]
    i = bisect_right(doc.quotation_starts, doc.tokens.ends[site.last - 1])
    while i < len(doc.quotations) and len(ends) <= CHAIN_LENGTH:
        q = doc.quotations[i]
        i += 1
        if q.depth or not q.closed:
            continue
        first = doc.token_index_at(q.inner_start)
        if q.inner_start >= site.sentence.end or first - ends[-1] > CHAIN_GAP:
            break
        ends.append(doc.token_index_at(q.end))
    return ends


def _set_off(doc: Document, end: int, k: int) -> bool:
    """Return whether a comma separates token k from the quotation whose words end before token `end`."""
    return "," in doc.text[doc.tokens.ends[end - 1]:doc.tokens.starts[k]]


def _set_off_verb(doc: Document, end: int, k: int, c: Cues) -> bool:
    """Return whether token k is a verb of saying in an attribution set off after a quotation."""
    if doc.tokens.norms[k] not in c.speech_verbs or not _set_off(doc, end, k):
        return False
    # "…, failing which they cannot be admitted": an infinitive or passive is no attribution.
    return doc.tokens.norms[k - 1] not in c.non_finite_markers


def _speaker_verb(doc: Document, k: int, opens_sentence: bool, c: Cues) -> bool:
    """Return whether token k is a verb of saying with someone, not "it", doing the saying."""
    if doc.tokens.norms[k] not in c.speech_verbs:
        return False
    # "It calls this a “reform”": an impersonal subject names no speaker, so the
    # marks are the writer's.
    return opens_sentence or doc.tokens.norms[k - 1] not in c.impersonal_subjects


def _carries_closing_punctuation(doc: Document, q: Quotation, site: _Site) -> bool:
    """Return whether the quoted words end with a full stop or comma of the surrounding sentence."""
    return doc.text[q.inner_start:q.inner_end].rstrip()[-1:] in (".", ",")
