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
    return [(s.start, s.end) for s in doc.sentences
            if doc.text[s.start:s.end].rstrip().endswith("?") and s.end_token - s.first_token >= 3
            and not doc.quotation_at(s.end - 1, s.end) and ctx.voice(s.start, s.end) is not Voice.QUOTED]


_LEXICONS = lexicon.load()
_WORDS = st.sampled_from(["Is", "it", "so", "?", "??", "?”", "“Why", "not?”", "he", "asked", ".", "!", "\n", "\n\n",
                          " ", "?\n", "what", "(why?)", "x"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=30).map(" ".join))
def test_questions_found_from_question_marks_are_those_of_every_sentence(text):
    lex = _LEXICONS
    doc = segment(text)
    phrases = tuple(find_phrases(doc, lex))
    ctx = Context(doc, lex, sourcing.assess(doc, phrases), phrases, scare_quotes.distancing(doc))
    assert [(f.start, f.end) for f in questions.detect(ctx)] == _every_sentence(ctx)
