from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from rhetoric.prefilter import positions
from rhetoric.quotes import _MARK_CHARS, _block_end
from rhetoric.segment import segment


def quoted(text: str) -> list[str]:
    doc = segment(text)
    return [text[q.inner_start:q.inner_end] for q in doc.quotations]


def test_curly_double_and_single():
    assert quoted("He said “it is done” and the ‘threat’ remained.") == ["it is done", "threat"]


def test_straight_double_and_single():
    assert quoted("He said \"it is done\" and the 'threat' remained.") == ["it is done", "threat"]


def test_apostrophes_are_not_quote_marks():
    text = "In the '90s Russia’s rock 'n' roll bands played the students’ union. Don't."
    assert quoted(text) == []


def test_apostrophe_inside_single_quotes():
    assert quoted("an essay entitled ‘Respecting People’s Rights’ was published") == ["Respecting People’s Rights"]


def test_plural_possessive_inside_single_quotes():
    # British style quotes speech in single marks: the mark after "critics" is an apostrophe, since
    # the quotation plainly closes further on ("up.’"); the one after "wars" closes its quotation.
    assert quoted("‘We did,’ she said. ‘The critics’ sums simply don’t add up.’") == [
        "We did,", "The critics’ sums simply don’t add up."]
    assert quoted("'The critics' sums don't add up,' she said.") == ["The critics' sums don't add up,"]
    assert quoted("The so-called ‘bidding wars’ have left councils out of pocket.") == ["bidding wars"]
    # So does a dropped g, or the "and" of "rock ’n’ roll", when the quotation plainly closes further on.
    assert quoted("‘They’re just lyin’ and cheatin’ cowards,’ Reed said.") == ["They’re just lyin’ and cheatin’ cowards,"]
    assert quoted("‘Rock ’n’ roll is a racket,’ the bishop said.") == ["Rock ’n’ roll is a racket,"]
    # A quotation opened before the next plain close says the first mark closed: here, "wars".
    assert quoted("Critics call them ‘bidding wars’ and say, ‘It must stop.’") == ["bidding wars", "It must stop."]
    # Doubled apostrophes stand for a double mark, which closes no single quotation.
    assert quoted("(''This is less a 'refugee crisis' and more an occupation,'' she wrote.)") == [
        "This is less a 'refugee crisis' and more an occupation,", "refugee crisis"]


def test_nested_quotation():
    doc = segment("“creating new ‘dividing lines’ in the world,” he said.")
    inner = [(doc.text[q.inner_start:q.inner_end], q.depth) for q in doc.quotations]
    assert inner == [("creating new ‘dividing lines’ in the world,", 0), ("dividing lines", 1)]


def test_quotation_spanning_sentences():
    assert quoted("“We won. We will win again,” she said.") == ["We won. We will win again,"]


def test_quotation_continued_over_paragraphs():
    text = "“The first part of the speech.\n\n“The second part,” he said."
    doc = segment(text)
    parts = [(text[q.inner_start:q.inner_end], q.closed) for q in doc.quotations]
    assert parts == [("The first part of the speech.", False), ("The second part,", True)]
    # So in single marks, as British papers quote speech, where the mark opens its line.
    for text in ("‘The first part of the speech.\n\n‘The second part,’ he said.",
                 "'The first part of the speech.\n\n'The second part,' he said."):
        doc = segment(text)
        assert [(text[q.inner_start:q.inner_end], q.closed) for q in doc.quotations] == parts
    text = "The lions’ den.\n\n‘The second part,’ he said."  # an apostrophe opens no line
    assert [text[q.inner_start:q.inner_end] for q in segment(text).quotations] == ["The second part,"]
    # Or where it opens a sentence after a colon or a sentence's end, and its block ends a sentence unclosed.
    for text in ("‘I have looked at this,’ she said. ‘The evidence is weak.\n\n‘I will not change course.’",
                 "Mr Hughes told the inquiry: ‘The fire spread. The cladding failed.\n\n‘Nobody told us.’"):
        quotations = segment(text).quotations
        assert [q.closed for q in quotations][-2:] == [False, True]
        assert text[quotations[-2].inner_start:quotations[-2].inner_end].endswith(".")
    # Not an opening mark closed later on its line, nor a block that ends without a sentence's end.
    text = "He said: ‘It is done’ and left\n\n‘Next part,’ she said."
    assert [q.closed for q in segment(text).quotations] == [True, True]


def test_unpaired_marks_make_no_quotation():
    assert quoted("He said “it is done and left.\n\nNothing else.") == []


def test_doubled_apostrophes_and_backticks_as_double_quotes():
    assert quoted("He said ''it is done'' and left.") == ["it is done"]
    assert quoted("He said ``it is done'' and left.") == ["it is done"]


def test_stray_opening_mark_does_not_nest_later_lines():
    text = "He wrote “the first line\nShe said “a second one” today.\nThe ‘threat’ remained."
    doc = segment(text)
    assert [(doc.text[q.inner_start:q.inner_end], q.depth) for q in doc.quotations][-1] == ("threat", 0)


def test_quotation_over_lines_of_their_own():
    # One sentence a line and no blank lines: a quotation of three sentences spans three lines.
    text = "Trump spoke.\n\"We both want to do something.\nWe both are going to do it.\nAnd we have a bond,\" he said.\n"
    assert quoted(text) == ["We both want to do something.\nWe both are going to do it.\nAnd we have a bond,"]


@given(st.text(alphabet="\"“”„‟«»'‘’‚‛`a \n"))
def test_mark_positions_finds_every_mark(text: str) -> None:
    assert positions(text, _MARK_CHARS) == [i for i, ch in enumerate(text) if ch in _MARK_CHARS]


_PIECES = st.sampled_from(["word", "Word", " ", "  ", "\n", " \n", "\n ", ".", "“", "”", '"', "'", "’", ":", "a"])


@given(st.lists(_PIECES, min_size=1, max_size=30).map("".join).map(str.strip).filter(bool), st.data())
def test_a_block_found_from_a_later_mark_in_it_ends_where_it_did(text, data):
    # pair_quotations keeps the block of the last mark opened for the next mark inside it: found
    # again from that mark, the block must end at the same place.
    text = text.replace("\n\n", "\n")  # one paragraph
    marks = [i for i, ch in enumerate(text) if not ch.isspace()]
    start = data.draw(st.sampled_from(marks))
    end = _block_end(text, start, len(text))
    later = [i for i in marks if start <= i < end]
    if later:
        assert _block_end(text, data.draw(st.sampled_from(later)), len(text)) == end


def test_a_closing_mark_with_no_opening_one_quotes_its_sentence_where_a_speaker_follows():
    text = 'The council met on Tuesday. This plan is a reckless disaster," Morgan said after the vote.'
    assert quoted(text) == ["This plan is a reckless disaster,"]
    assert quoted("Officials met.\n\nThe governor is a shameless liar,” Hale told reporters.") == [
        "The governor is a shameless liar,"]
    # Not without a speaker after it, nor where another mark in the paragraph may be its opening one.
    assert quoted('The sign read STOP," and the car went on.') == []
    assert quoted('He said “it is fine,” Hale said.') == ["it is fine,"]


def test_a_plural_possessive_in_a_quotation_running_over_paragraphs_is_an_apostrophe():
    text = ("‘We never saw the Joneses’ accounts. The company lost £3 million in 2021.\n\n"
            "‘The directors’ pay rose by 40 per cent that year.’\n\nMr Patel said so.")
    assert [q.closed for q in segment(text).quotations] == [False, True]
    assert quoted(text)[0].endswith("in 2021.")


def test_a_double_mark_never_closed_quotes_the_speech_it_opens_to_its_block_or_attribution():
    text = ('The mayor spoke. "This council is a disaster," she said. "They are reckless, and the voters know it.'
            '\n\nThe council voted.')
    assert quoted(text) == ["This council is a disaster,", "They are reckless, and the voters know it."]
    text = 'Nurses rallied. "We are exhausted and management is greedy, Okafor said. The hospital disputed that.'
    assert quoted(text) == ["We are exhausted and management is greedy,"]
    # Not a mark inside the writer's sentence ('said the ruling was "a shameful…'), which may be a stray one.
    assert quoted('Hendricks said the ruling was "a shameful betrayal.\n\nThe judge ruled.') == []
