"""Attribution's fast paths assess every sentence as the plain sentence-by-sentence reading does."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric import lexicon, sourcing
from rhetoric.claims import find_claims
from rhetoric.model import Document
from rhetoric.phrases import find_phrases
from rhetoric.segment import segment

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

_WORDS = ["Smith", "said", "says", "according", "to", "the", "report", "officials", "some", "experts", "believe",
          "he", "she", "it", "They", "claimed", "found", "reportedly", "was", "told", "by", "Reuters", "and",
          "SMITH", "Trump", "adding", "that", "many", "critics", "people", "1,000", "is", "clearly", "obviously",
          "per", "pointed", "data", "from", "of", "Plan", "councillor", "show"]
_GAPS = [" ", " ", " ", ", ", ". ", ": ", "\n", "\n\n", " “", "” ", ",” ", " \"", "\" ", ".\" ", " (", ") ",
         " — ", "? ", " '", "' "]
_TEXTS = st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_GAPS)), min_size=1, max_size=60).map(
    lambda parts: "".join(w + g for w, g in parts))


def _plain(doc: Document, phrases: tuple) -> list[tuple]:
    """Assess every sentence one at a time, each one's credit and quotation found by a call of its own."""
    c = sourcing.cues()
    weasel, marked = sourcing._lexicon_sentences(doc, phrases)
    claims = find_claims(doc, marked)
    norms = doc.tokens.norms
    cue_tokens = [k for k, norm in enumerate(norms) if norm in sourcing._reporting(c)]
    colons = {s.index for s in doc.sentences if ":" in doc.text[s.start:s.end]}
    direct = [sourcing._credit(doc, s, c, cue_tokens, s.index in colons) for s in doc.sentences]
    outer = tuple(q for q in doc.quotations if q.depth == 0)
    starts = tuple(q.inner_start for q in outer)
    quoted = [sourcing._mostly_quoted(s, outer, starts) for s in doc.sentences]
    named = {s.paragraph for s, credit in zip(doc.sentences, direct) if credit is sourcing.Credit.NAMED}
    return [(s.index, s.start, s.end, claims[i],
             direct[i] is sourcing.Credit.NAMED or (quoted[i] is not None
                                                     and sourcing._quote_credited(doc, i, quoted[i], named)),
             i in weasel or direct[i] is sourcing.Credit.VAGUE, quoted[i] is not None)
            for i, s in enumerate(doc.sentences)]


def _fast(doc: Document, phrases: tuple) -> list[tuple]:
    return [(a.index, a.start, a.end, a.claim, a.attributed, a.vague, a.quoted) for a in sourcing.assess(doc, phrases)]


@settings(max_examples=200, deadline=None)
@given(_TEXTS)
def test_assess_agrees_with_the_plain_reading_on_random_text(text: str) -> None:
    doc = segment(text)
    phrases = tuple(find_phrases(doc, lexicon.load()))
    assert _fast(doc, phrases) == _plain(doc, phrases), text


def test_assess_agrees_with_the_plain_reading_on_the_samples() -> None:
    for path in sorted(SAMPLES.glob("*.txt")):
        doc = segment(path.read_text(encoding="utf-8"))
        phrases = tuple(find_phrases(doc, lexicon.load()))
        assert _fast(doc, phrases) == _plain(doc, phrases), path.name
