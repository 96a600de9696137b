"""Attribution's fast paths assess every sentence as the plain sentence-by-sentence reading does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
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


def test_a_verb_that_takes_a_thing_credits_its_subject_only_where_it_reports_speech():
    # "added 24 points", "wrote 1,400 tickets", "claimed the title": a thing, not what anyone said.
    text = ("Jamal Murray added 24 points for Denver, which has won six straight. "
            "Police wrote 1,400 parking tickets in the downtown district in March. "
            "The Chiefs claimed their third Super Bowl title in five years with a 25-22 win. "
            "Officers responded to a break-in at a hardware store on Main Street on May 5. "
            "All told, 14 people died in the fire on Elm Street in 2019. "
            "Having said that, the company lost $2 billion in 2023. "
            "She added that the company paid $48 million in 2021. "
            "The American Legion wrote to Sanders' Senate office that it had not given permission in 2015. "
            "\"We paid $48 million in 2021,\" Smith wrote to his colleagues.")
    assert [attributed for _, _, attributed in _assessed(text)] == [False] * 6 + [True] * 3


def test_a_source_in_a_subordinate_clause_or_a_denied_verb_credits_nothing():
    # The figures are the writer's: the source speaks only in the clause, or says nothing.
    text = ("Shares of Boeing fell 8 percent on Friday after the company said it would delay deliveries. "
            "Prices rose 9.1 percent in June, despite the Fed saying inflation was transitory. "
            "Tesla, whose chief executive said last year that deliveries would double, sold 1.8 million cars in 2023. "
            "The mayor's office would not confirm that the city paid $3 million to the consultant. "
            "The mayor never disclosed the $40,000 loan from the developer in 2021. "
            "As the governor said, unemployment rose to 6.1 percent in April. "
            "After the meeting, the mayor said the city paid $3 million in 2022.")
    assert [attributed for _, _, attributed in _assessed(text)] == [False] * 5 + [True] * 2


def test_more_verbs_and_forms_of_attribution_credit_their_sentences():
    text = ("Lincoff cautioned that the trial excluded 400 patients in 2019. "
            "The judge ruled that the company must pay $48 million in damages. "
            "The mayor was quoted as saying the plant released 3 tons of ammonia in 2022. "
            "The plant closed in 2021, as first reported by The Washington Post. "
            "An Associated Press investigation found that the company paid $48 million in fines in 2015. "
            "The plant released 3 tons of ammonia in 2022, according to her. "
            "The mayor blamed the council for the $3 million overrun in 2021. "
            "The governor repeated her claim that the state lost 4,000 jobs in 2022.")
    assert [attributed for _, _, attributed in _assessed(text)] == [True] * 8


@pytest.mark.parametrize("sentence, credited, vague", [
    # A source noun after words that qualify it, and the agent of a passive of publishing.
    ("The closure of 14 clinics was confirmed by state regulators in 2023.", True, False),
    ("The plant closed in 2021, said a longtime adviser to the governor.", True, False),
    ("The figures were compiled by the county health department in 2022.", True, False),
    ("The list of 40 donors was first published by the state's election regulators.", True, False),
    ("The judge ordered that the 1,000 pages be published by the company.", False, False),
    ("The 2023 figures were compiled by Thursday.", False, False),
    ("See the live county election results here.", False, False),
    ("The 14 hostages were released by the rebels in 2021.", False, False),
    # A body or a document that lists figures is their source.
    ("The agency lists 46 structures destroyed and 11 damaged in 2024.", True, False),
    # A study's authors, a campaign's team, a body; a source that counts vague ones.
    ("The drug raised the risk of diabetes by 9 percent in 2022, the authors noted.", True, False),
    ("Kasich's team thinks he won 40 percent of the vote in 2016.", True, False),
    ("The foundation estimated that 1.2 million people had the condition in 2023.", True, False),
    ("A 2023 meta-analysis found that the drug cut migraine days by 30 percent.", True, False),
    ("A review of 24 studies found that the drug cut migraine days by 30 percent.", True, False),
    ("Some studies found that the drug cut migraine days by 30 percent.", False, True),
    ("The study, which enrolled people in Britain, Denmark and Australia, found that 7 percent fell ill.", True, False),
    # British hearings, organisations named for studies, a superlative after a determiner.
    ("The inquest at Maidstone heard that her observations were not recorded for seven hours in 2019.", True, False),
    ("The court was told that the money was moved in 2021.", True, False),
    ("MPs were told that 4,000 patients waited more than a year in 2023.", True, False),
    ("The Institute for Fiscal Studies said that 300,000 households would pay more in 2024.", True, False),
    ("The charity's income was 1.2 million pounds in 2023, according to its most recent accounts.", True, False),
    ("The 300 children were told that the school would close in 2021.", False, False),
    ("Leading Climate Scientists Say Seas Rose 20 Centimetres in 2020", False, True),
    ("The levy raised 12 million pounds in 2022, according to most economists.", False, True),
    ("An Associated Press journalist saw 12 bodies in the street on Tuesday.", True, False),
    ("As a Politico reporter noted, he filled the stadium only to the 20-yard line in 2016.", True, False),
    # A name that ends in a number, a name and an age; not a date.
    ("UAW Local 600 said it would cut 400 jobs in 2023.", True, False),
    ("Jillian Chase, 27, a nurse in New York, said 40 beds closed in 2022.", True, False),
    ("She issued a statement on February 24 warning that 40 raids would come in 2018.", False, False),
    # "per" and a source of up to five words.
    ("The fire destroyed 46 homes in 2024, per the county fire department.", True, False),
    ("Tickets cost $5 per person per day at the gate in 2024.", False, False),
    # A surname after a lower-case particle and a hyphen.
    ("Spokesman Majed al-Ansari told a briefing in Doha that the mediators had met 14 times.", True, False),
    ("The anti-war marchers said that 3,000 people came in 2003.", True, False),
    # A glad announcement; a time and a participle of publication before a finding verb.
    ("St. Brendan's Health is proud to announce a $62 million heart institute opened in 2024.", True, False),
    ("A poll by YouGov published last week found that 73 percent of adults backed the ban in 2024.", True, False),
    ("An independent review published the same year found that 40 babies might have survived in 2019.", True, False),
    ("A CNN poll last month showed Mr. Trump leading by 45 percent to 18 percent in 2016.", True, False),
    # What a fact-check checks: a post, a video, an ad says it, not the writer.
    ("A Facebook post claimed that Medicare will stop paying for insulin in 2027.", True, False),
    ("A widely shared Instagram video claims that 10,000 units of vitamin D a day makes you immune.", True, False),
    ("The ad also says that Calloway took $200,000 from Wall Street.", True, False),
    # The parties, officers and papers of a court; a motion filed and denied is no source.
    ("The defendant wired $4.2 million to Cyprus in 2021, the defense argued.", True, False),
    ("The company paid the consultant $300,000 a month, the plaintiffs contend.", True, False),
    ("The state executed 24 people in 2023, the dissent noted.", True, False),
    ("The firm destroyed 200 boxes of records in 2020, the trustee concluded.", True, False),
    ("The board approved the deal in 2019 without a vote, the opinion reads.", True, False),
    ("The motion was filed in 2021 and denied in 2022.", False, False),
])
def test_who_a_sentence_is_credited_to(sentence, credited, vague):
    doc = segment(sentence)
    [a] = sourcing.assess(doc, tuple(find_phrases(doc, lexicon.load())))
    assert (a.attributed, a.vague) == (credited, vague)
