"""Attribution's fast paths assess every sentence as the plain sentence-by-sentence reading does."""

from __future__ import annotations

import re
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
          "per", "pointed", "data", "from", "of", "Plan", "councillor", "show", "[2]", "2019.[3]", "[a]"]
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
    cited = [re.search(r"\S\[\d{1,3}\]", doc.text[s.start:s.end]) is not None for s in doc.sentences]
    return [(s.index, s.start, s.end, claims[i],
             direct[i] is sourcing.Credit.NAMED or cited[i] or (quoted[i] is not None
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


def _assessed(text: str) -> list[tuple[str, bool, bool]]:
    doc = segment(text)
    return [(text[a.start:a.end], a.claim, a.attributed)
            for a in sourcing.assess(doc, tuple(find_phrases(doc, lexicon.load())))]


def test_a_numbered_citation_marker_credits_its_sentence():
    # As text copied from a reference work or a report carries them: each marker stands for a listed source.
    text = ("The bridge carried 40,000 vehicles a day in 2019.[2] It was closed in March after inspectors "
            "found cracks.[3][4] The report[7] put the cost of repairs at $12 million. Tolls rose by 40% in 2020.")
    assert _assessed(text) == [
        ("The bridge carried 40,000 vehicles a day in 2019.[2]", True, True),
        ("It was closed in March after inspectors found cracks.[3][4]", True, True),
        ("The report[7] put the cost of repairs at $12 million.", True, True),
        ("Tolls rose by 40% in 2020.", True, False),
    ]


def test_a_lettered_note_or_a_bracketed_number_on_its_own_credits_nothing():
    # "[a]" marks an explanatory note, not a source; "[2]" after a space is not glued to what it would cite.
    for text in ("Tolls rose by 40% in 2020.[a]", "Tolls rose by 40% in 2020 [2] and fell later."):
        assert [attributed for _, _, attributed in _assessed(text)] == [False], text


def test_a_speakers_label_credits_its_sentence_and_an_outlets_label_does_not():
    # "SMITH: …" and "Trump: …" name who speaks; "UPDATE: …", "Image: …", "BYLINE: …" are the outlet's own.
    text = ("SMITH: The bridge carried 40,000 vehicles a day in 2019.\n\n"
            "UPDATE: The bridge was closed on Tuesday after inspectors found cracks.\n\n"
            "Image: The bridge carried 40,000 vehicles a day in 2019.\n\n"
            "Trump: Mexico will pay for the wall by 2020.\n")
    assert [attributed for _, _, attributed in _assessed(text)] == [True, False, False, True]


def test_court_reports_named_groups_and_long_appositions_credit_their_sentences():
    text = ("The court heard that Hurst poured petrol through the letterbox in 2021. "
            "Palermo heard the shots at 9 p.m. on May 5. "
            "The family said she died on Tuesday, May 5. "
            "The two scientists said admissions fell by 40 percent in 2020. "
            "Jane Doe, a professor of public health at Columbia University in New York who was not involved in "
            "the study, said admissions fell by 40 percent in 2020. "
            "Experts say admissions fell by 40 percent in 2020.")
    assert [attributed for _, _, attributed in _assessed(text)] == [True, False, True, True, True, False]
