"""The question detector reads only the sentences with a question mark: it finds what a read of every sentence finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric import lexicon, sourcing
from rhetoric.context import Context
from rhetoric.detectors import questions, scare_quotes
from rhetoric.findings import Voice
from rhetoric.phrases import find_phrases
from rhetoric.segment import segment


def _every_sentence(ctx: Context) -> list[tuple[int, int]]:
    """The spans the detector flags, found by reading every sentence: the reference."""
    doc = ctx.doc
    asked = [s for s in doc.sentences
             if doc.text[s.start:s.end].rstrip().endswith("?") and s.end_token - s.first_token >= 3
             and not doc.quotation_at(s.end - 1, s.end) and ctx.voice(s.start, s.end) is not Voice.QUOTED
             and not questions._call_out(doc, s) and not questions._answered(doc, s)]
    title_end = doc.text.find("\n", len(doc.text) - len(doc.text.lstrip()))
    body = [s for s in asked if title_end < 0 or s.start > title_end]
    if all(questions._heading(doc, s) for s in body) and sum(questions._heading(doc, s) for s in asked) >= questions.SERIES:
        return []  # an explainer's headings, and its title's question
    return [(s.start, s.end) for s in asked]


def _flagged(text: str) -> list[str]:
    doc = segment(text)
    phrases = tuple(find_phrases(doc, _LEXICONS))
    ctx = Context(doc, _LEXICONS, sourcing.assess(doc, phrases), phrases, scare_quotes.distancing(doc))
    return [f.text for f in questions.detect(ctx)]


FAQ = ("Long Covid: your questions answered\n\n"
       "What is long Covid?\n\nIt is the name for symptoms that last three months or more.\n\n"
       "Who is most at risk?\n\nWomen and people who were badly ill at first.\n\n"
       "Is there a treatment?\n\nThere is no approved drug yet.\n")


def test_an_explainers_question_headings_are_no_rhetorical_questions():
    assert _flagged(FAQ) == []


def test_a_question_inside_the_prose_makes_every_question_the_writers():
    text = FAQ + "\nBut why has it taken so long to find one? Nobody in government will say.\n"
    assert len(_flagged(text)) == 4


def test_two_question_headings_or_a_long_one_are_still_the_writers():
    two = FAQ.split("Is there")[0]
    assert _flagged(two) == ["What is long Covid?", "Who is most at risk?"]
    long = FAQ.replace("Who is most at risk?", "Who is most at risk from a disease that the government has ignored for years?")
    assert len(_flagged(long)) == 3


_LEXICONS = lexicon.load()
_WORDS = st.sampled_from(["Is", "it", "so", "?", "??", "?”", "“Why", "not?”", "he", "asked", ".", "!", "\n", "\n\n",
                          " ", "?\n", "what", "(why?)", "x", "No,", "Yes."])


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=30).map(" ".join))
def test_questions_found_from_question_marks_are_those_of_every_sentence(text):
    lex = _LEXICONS
    doc = segment(text)
    phrases = tuple(find_phrases(doc, lex))
    ctx = Context(doc, lex, sourcing.assess(doc, phrases), phrases, scare_quotes.distancing(doc))
    assert [(f.start, f.end) for f in questions.detect(ctx)] == _every_sentence(ctx)


def test_a_question_an_instruction_to_the_reader_answers_is_a_call_out():
    assert _flagged("Have a news tip? Email tips@example.com by Tuesday.\n\n"
                    "Who really benefits from the levy? Ask the mayor's brother.\n") == [
        "Who really benefits from the levy?"]


def test_a_question_answered_with_a_yes_or_a_no_is_answered():
    assert _flagged("Does the photo show a crowd at the rally? No, it shows a 2019 concert.\n\n"
                    "Did the senator vote for the bill?\n\nYes. She voted for it in 2021.\n\n"
                    "Is anyone surprised? Nobody should be.\n") == ["Is anyone surprised?"]


def test_an_explainers_title_question_is_its_topic():
    titled = "Are stablecoins safe? What you need to know\n\n" + FAQ.split("\n\n", 1)[1]
    assert _flagged(titled) == []
    assert _flagged("What is long Covid?\n\n" + FAQ.split("\n\n", 1)[1]) == []
