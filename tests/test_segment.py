from __future__ import annotations

import re
import textwrap
from array import array
from bisect import bisect_left
from itertools import accumulate

from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric.segment import (
    _ASCII_TOKEN,
    _FULL_STOP_END,
    _INVISIBLE_MARK,
    _LINE_END_HYPHEN,
    _TOKEN,
    _across_invisible,
    _across_line_end_hyphen,
    _ascii_shape,
    _ascii_words,
    _is_boundary,
    _lone_returns_as_newlines,
    _paragraphs,
    _rejoined,
    _tokens,
    _trimmed,
    _unfolded_tokens,
    _word_before,
    normalize,
    segment,
)
from tests.conftest import SAMPLES


def sentences(text: str) -> list[str]:
    doc = segment(text)
    return [text[s.start:s.end] for s in doc.sentences]


def test_abbreviations_titles_and_initials_do_not_split():
    text = "Dr. Smith met Mr. J. K. Rowling in Washington, D.C. on Jan. 5. They talked."
    assert sentences(text) == ["Dr. Smith met Mr. J. K. Rowling in Washington, D.C. on Jan. 5.", "They talked."]
    # A case's name ("v." for versus).
    assert sentences("The ruling relied on New York Times v. Sullivan, the judge wrote. It held.") == [
        "The ruling relied on New York Times v. Sullivan, the judge wrote.", "It held."]


def test_a_time_of_day_ends_a_sentence_before_a_capital_but_not_before_a_day_a_month_or_a_zone():
    assert sentences("The sale runs until 4 p.m. Proceeds go to the school.") == [
        "The sale runs until 4 p.m.", "Proceeds go to the school."]
    assert sentences("Doors open at 9 a.m. Admission is $5.") == ["Doors open at 9 a.m.", "Admission is $5."]
    for text in ("The board meets at 7 p.m. Tuesday at the office.", "The call is at 8:30 a.m. Eastern Time.",
                 "It starts at 7 p.m. EST and ends late.", "It opens at 10 a.m. Sept. 14 in the hall."):
        assert sentences(text) == [text]


def test_us_abbreviation_ends_a_sentence_before_a_sentence_starter():
    assert sentences("He moved to the U.S. The move cost $3.5 million.") == [
        "He moved to the U.S.", "The move cost $3.5 million."]
    assert sentences("The U.S. Senate voted.") == ["The U.S. Senate voted."]


def test_decimals_and_quotes():
    text = "Growth was 3.5 percent. “It is over,” she said. “We won.” Then they left."
    assert sentences(text) == ["Growth was 3.5 percent.", "“It is over,” she said.", "“We won.”", "Then they left."]


def test_citation_markers_end_the_sentence_they_follow():
    # "2019.[2] It was" ends a sentence as "2019. It was" does; the markers stay with their sentence.
    text = ("The bridge carried 40,000 vehicles a day in 2019.[2] It was closed after inspectors found "
            "cracks.[3][4] “The repairs will take a year.”[5] Tolls rose by 40% in the U.S.[a] The drivers complained.")
    assert [text[s.start:s.end] for s in segment(text).sentences] == [
        "The bridge carried 40,000 vehicles a day in 2019.[2]",
        "It was closed after inspectors found cracks.[3][4]",
        "“The repairs will take a year.”[5]",
        "Tolls rose by 40% in the U.S.[a]",  # after an abbreviation, as without the marker
        "The drivers complained.",
    ]


def test_footnote_numbers_end_the_sentence_they_follow():
    # Superscript digits, and a footnote's number glued to a full stop as text copied from a PDF has it.
    text = ("Emissions rose 6 percent last year.1 The government blamed the winter.2 Coal use rose.\u00b9 "
            "Gas prices doubled in March.\u00b2 The rate was 3.1 percent. Revenue hit $4.2 million.")
    assert [text[s.start:s.end] for s in segment(text).sentences] == [
        "Emissions rose 6 percent last year.1", "The government blamed the winter.2", "Coal use rose.\u00b9",
        "Gas prices doubled in March.\u00b2", "The rate was 3.1 percent.", "Revenue hit $4.2 million."]


def test_hard_wrapped_text_runs_on_over_its_full_lines():
    # As PDF, e-mail and wire copy are wrapped: a full line without a sentence's end runs on, whatever
    # the next line opens with; a short one (a headline) ends its sentence.
    flat = (SAMPLES / "wire-grain-exports.txt").read_text(encoding="utf-8")
    wrapped = "\n\n".join(textwrap.fill(p, 72) for p in flat.split("\n\n"))
    assert len(segment(wrapped).sentences) == len(segment(flat).sentences)
    text = ("Budget passes\n\n" + textwrap.fill(
        "The council approved spending of $4.2 billion on Tuesday after a long debate over the future of the "
        "city's libraries, parks and pools. The vote was welcomed by Mayor Alan Brooks, who called it a fair "
        "deal for every district of the city. Opponents described it as reckless and warned of cuts to "
        "services in the poorest districts, which they said had borne the brunt of the last round.", 60))
    assert [text[s.start:s.end].split("\n")[0] for s in segment(text).sentences][:2] == [
        "Budget passes", "The council approved spending of $4.2 billion on Tuesday"]


def test_a_non_breaking_hyphen_joins_a_word_as_a_hyphen_does():
    doc = segment("The so\u2011called reform is a game\u2011changer.")
    assert doc.tokens.norms == ("the", "so-called", "reform", "is", "a", "game-changer")


def test_missing_space_after_full_stop():
    assert sentences("Voters met at the caucus.The outcome was close.") == [
        "Voters met at the caucus.", "The outcome was close."]
    assert sentences("See www.Example.com for details.") == ["See www.Example.com for details."]


def test_question_inside_quote_followed_by_attribution():
    assert sentences('"Why now?" he asked. Nobody knew.') == ['"Why now?" he asked.', "Nobody knew."]


def test_dateline_and_headline_lines():
    text = "Plan approved\n\nLONDON (Reuters) - The council approved the plan on Monday.\nIt will cost more."
    assert sentences(text) == ["Plan approved", "LONDON (Reuters) - The council approved the plan on Monday.",
                               "It will cost more."]


def test_wrapped_lines_run_on():
    text = "The council approved the plan\nafter a long debate on Monday."
    assert sentences(text) == [text]


def test_paragraphs():
    doc = segment("One.\n\nTwo three.\n   \nFour.")
    assert [doc.text[p.start:p.end] for p in doc.paragraphs] == ["One.", "Two three.", "Four."]
    assert [s.paragraph for s in doc.sentences] == [0, 1, 2]


def test_tokens_keep_hyphens_apostrophes_and_numbers():
    doc = segment("Russia’s so-called 2,000 U.S. rock 'n' roll 3.5")
    assert [doc.text[t.start:t.end] for t in doc.tokens] == [
        "Russia’s", "so-called", "2,000", "U.S", "rock", "n", "roll", "3.5"]
    assert doc.tokens[0].norm == "russia"
    assert [t.norm for t in segment("It’s the mayor's plan; that's all").tokens] == [
        "it's", "the", "mayor", "plan", "that's", "all"]


def test_line_and_column():
    doc = segment("ab\ncd\n\nef")
    assert doc.line_col(0) == (1, 1)
    assert doc.line_col(4) == (2, 2)
    assert doc.line_col(7) == (4, 1)


def test_every_line_ending_ends_a_line():
    # Unix, Windows and classic Mac OS: the same paragraphs, sentences and lines (as SARIF counts them).
    lf = "Plan approved\n\nLONDON (Reuters) - The council approved the plan.\nIt will cost more.\n"
    for ending in ("\n", "\r\n", "\r"):
        text = lf.replace("\n", ending)
        doc = segment(text)
        assert [text[s.start:s.end] for s in doc.sentences] == sentences(lf)
        assert len(doc.paragraphs) == 2
        assert doc.line_col(text.index("It will")) == (4, 1)


def test_invisible_characters_inside_a_word_leave_it_one_word():
    # A soft hyphen where a web page may break the word, zero-width spaces and joiners.
    text = "A dis\xadastrous cata\u00adstro\u00adphe, zero\u200bwidth, and a may\xad end."
    doc = segment(text)
    assert [t.norm for t in doc.tokens] == ["a", "disastrous", "catastrophe", "zerowidth", "and", "a", "may", "end"]
    assert [text[t.start:t.end] for t in doc.tokens][1:3] == ["dis\xadastrous", "cata\u00adstro\u00adphe"]


def test_a_word_broken_by_a_hyphen_at_the_end_of_a_line_is_one_word():
    # As text taken from a PDF keeps it: the word without its hyphen when the dictionary knows that word and
    # not the compound, else the compound. Not across a paragraph, before a capital, or after a space.
    text = ("The plan was disas-\ntrous, a so-\ncalled reform, a hard-\r\n  won fight and a follow-\nup.\n"
            "A Co-\nOperative. A -\nb. The end-\n\nnext.")
    doc = segment(text)
    words = [(text[t.start:t.end], t.norm) for t in doc.tokens]
    assert words[3:12] == [("disas-\ntrous", "disastrous"), ("a", "a"), ("so-\ncalled", "so-called"), ("reform", "reform"),
                           ("a", "a"), ("hard-\r\n  won", "hard-won"), ("fight", "fight"), ("and", "and"), ("a", "a")]
    assert [norm for _, norm in words[12:]] == ["follow-up", "a", "co", "operative", "a", "b", "the", "end", "next"]
    # A classic Mac file ends its lines with a carriage return alone.
    assert [t.norm for t in segment("A disas-\rtrous plan.").tokens] == ["a", "disastrous", "plan"]


def _rejoined_walking(text, tokens, join):
    """The plain reading of _rejoined: every gap between two tokens asked in turn."""
    starts, ends, norms = [], [], []
    for k, norm in enumerate(tokens.norms):
        whole = join(text, tokens.ends[k - 1], tokens.starts[k], norms[-1], norm) if k else None
        if whole is None:
            starts.append(tokens.starts[k])
            ends.append(tokens.ends[k])
            norms.append(norm)
        else:
            ends[-1], norms[-1] = tokens.ends[k], whole
    return starts, ends, norms


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["disas", "trous", "so", "called", "Co", " ", "-", "\n", "\r", "\xad", "\u200b",
                                  "\u2060", "\n\n", ".", "won", "\t"]), max_size=40).map("".join))
def test_pieces_are_joined_as_asking_every_gap_would_join_them(text):
    # Only the gaps where a mark stands are asked: that must join just what asking every gap joins.
    lines = _lone_returns_as_newlines(text)
    for source, join, marks in ((text, _across_invisible, _INVISIBLE_MARK),
                                (lines, _across_line_end_hyphen, _LINE_END_HYPHEN)):
        tokens = _tokens(text)
        got = _rejoined(source, tokens, join, marks)
        assert (list(got.starts), list(got.ends), list(got.norms)) == _rejoined_walking(source, tokens, join)


def test_ligatures_are_matched_as_the_letters_they_join():
    # As text taken from a typeset PDF keeps them; the text and its offsets stay as they are.
    text = "A horriﬁc, ﬂagrant aﬀair in the oﬃce, ﬁ-\nnally."
    doc = segment(text)
    assert [t.norm for t in doc.tokens] == ["a", "horrific", "flagrant", "affair", "in", "the", "office", "finally"]
    assert text[doc.tokens[1].start:doc.tokens[1].end] == "horriﬁc"


def test_empty_text():
    doc = segment("")
    assert doc.sentences == () and doc.tokens == () and doc.paragraphs == ()


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_spans_are_valid_for_any_text(text):
    doc = segment(text)
    for t in doc.tokens:
        assert 0 <= t.start < t.end <= len(text)
    prev = 0
    for s in doc.sentences:
        assert prev <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == text[s.start:s.end].strip()
        prev = s.end
    for q in doc.quotations:
        assert 0 <= q.start < q.inner_start <= q.inner_end <= q.end <= len(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Mr.", "U.S.", " ", "  ", "\n", "\n\n", ".", "?", "”", "A", "b", "3.5", "\t"])
                | st.characters(), max_size=40).map("".join))
def test_sentence_token_ranges_are_the_tokens_inside_them(text):
    doc = segment(text)
    for i, s in enumerate(doc.sentences):
        assert s.index == i
        assert s.first_token == bisect_left(doc.token_starts, s.start)
        assert s.end_token == bisect_left(doc.token_starts, s.end)



_PIECES = ["It", "it’s", "mayor's", "S", "'s", "’S", "rock", "'n'", "U.S.", "3.5", "2,000", "so‐called", "-", "a",
           "É", "ß", "İ", "'", "’", ".", ",", ":", " ", "\n", "\n\n", "“", "_"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES) | st.characters(), max_size=40).map("".join))
def test_tokens_agree_with_the_match_by_match_tokenizer(text):
    # _unfolded_tokens is the plain form of what _tokens does in bulk: one match, one normalize() at a time.
    assert _tokens(text) == _unfolded_tokens(text, "I")


def _walked_word_before(text: str, pos: int) -> str:
    i = pos
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] == "."):
        i -= 1
    return text[i:pos].strip(".")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["U.S", "Mr", "e.g", ".", " ", "  ", "_", "“", "\n", "x" * 30, "3.5", "É"])
                | st.characters(), max_size=30).map("".join), st.integers(0, 400))
def test_word_before_agrees_with_the_walk_back(text, pos):
    pos = min(pos, len(text))
    assert _word_before(text, pos) == _walked_word_before(text, pos)


def _folded_tokens(text: str) -> list[tuple[int, int, str]]:
    # The plain form of what _tokens does: fold the whole text, then one match at a time. (A capital sigma
    # folds by the letters beside it, which may be another word's: such a text is folded a word at a time.)
    low = text.lower().replace("’", "'").replace("‐", "-")
    if len(low) != len(text) or "Σ" in text:
        return list(_unfolded_tokens(text, "I"))
    return [(m.start(), m.end(), normalize(m.group())) for m in _TOKEN.finditer(low)]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["“", "”", "—", "–", "‘", "…", "\ufeff", "\xa0", "\xad", "’", "‐", "Σ", "ΟΔΟΣ", "’s",
                                 "'s", "A", "b", "É", "3", ".", ",", "-", " ", "\n", "_"]) | st.characters(),
                max_size=40).map("".join))
def test_tokens_of_narrowed_text_are_those_of_the_folded_text(text):
    # _tokens puts a space for curly quotes and dashes before folding (_NARROWED): no word holds one.
    assert list(_tokens(text)) == _folded_tokens(text)


# The sentence ends _FULL_STOP_END finds and line breaks, in one pattern with a leading set.
_SENTENCE_END = re.compile(
    r"[.!?…\n](?:(?<=\n)|(?<=[.!?…])(?<![.!?…][.!?…])[.!?…]*[\"'”’»)\]]*(?=\s)|(?<=[a-z][a-z][.!?])(?=[A-Z][a-z]))"
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from([".", "!", "?", "…", "\n", " ", "”", "’", ")", "ab", "Cd", "x"]), max_size=30).map("".join))
def test_the_full_stops_ends_are_those_of_the_pattern_with_a_leading_set(text):
    stops = text.replace("!", ".").replace("?", ".").replace("…", ".")
    found = [m.span() for m in _FULL_STOP_END.finditer(stops) if text[m.start()] != "…" or text[m.end()].isspace()]
    found = sorted(found + [(i, i + 1) for i, ch in enumerate(text) if ch == "\n"])
    assert found == [m.span() for m in _SENTENCE_END.finditer(text)]


def _judged_sentences(text: str) -> list[tuple[int, int]]:
    # The plain form of _sentences: every candidate end judged by _is_boundary (on the lines segment reads).
    text = _lone_returns_as_newlines(text)
    found = []
    for para in _paragraphs(text):
        start, limit = para.start, para.end
        for m in _SENTENCE_END.finditer(text, start, limit):
            if _is_boundary(text, m.start(), m.end(), limit):
                if span := _trimmed(text, start, m.end()):
                    found.append(span)
                start = m.end()
        if span := _trimmed(text, start, limit):
            found.append(span)
    return found


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["Mr.", "U.S.", "e.g.", " ", "\n", "\n\n", " \n", ".", "!", "?", "…", "”", ")", ",",
                                 "-", "The", "b", "ab.Cd", "www.x.com", "3.5"]) | st.characters(), max_size=40).map("".join))
def test_sentences_are_those_of_every_candidate_judged(text):
    assert [(s.start, s.end) for s in segment(text).sentences] == _judged_sentences(text)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["U.S.", "a.b", "3.5", "2,000", "1:30", "x_y", "'s", "'", "-", ".", ",", ":", " ",
                                 "\n", "A", "b", "Z", "9", "_"]) | st.characters(max_codepoint=127),
                max_size=40).map("".join))
def test_ascii_token_pattern_splits_ascii_text_as_the_token_pattern_does(text):
    assert _ASCII_TOKEN.split(text) == _TOKEN.split(text)


def _split_tokens(text: str) -> tuple[list[int], list[int], list[str]]:
    # The plain form of _ascii_words: _ASCII_TOKEN.split, gap, word, gap, word, ...
    parts = _ASCII_TOKEN.split(text)
    offsets = list(accumulate(map(len, parts)))
    return offsets[::2][:-1], offsets[1::2], parts[1::2]


def _ascii_split(text: str) -> tuple[list[int], list[int], list[str]]:
    starts, ends = array("I"), array("I")
    words = _ascii_words(text, 0, starts, ends, text)
    return list(starts), list(ends), words


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["u.s.", "a.b", "3.5", "2,000", "1:30", "x_y", "'s", "'", "''", "-", "--", ".", ",",
                                 ":", " ", "\n", "a", "b", "ab", "Z", "9", "_", "'n'", "well-known", "rock-"])
                | st.characters(max_codepoint=127), max_size=40).map("".join))
def test_ascii_words_are_the_tokens_of_the_ascii_pattern(text):
    assert _ascii_split(text) == _split_tokens(text)


def test_ascii_words_of_a_folded_corpus_text():
    text = ("the u.s. and e.u. met at 3:30 p.m. on jan. 5, 2,000 of them -- 'scare quotes' and don't, "
            "rock 'n' roll, well-known 1.5m-2m 3.5kg a.b.c x_y.z -'- '90s u.s_a. end.")
    assert _ascii_split(text) == _split_tokens(text)


# Characters beyond ASCII: letters (a capital that folds, digits of other scripts), signs, a combining
# accent, an underscore's kin; each may sit inside, beside or between words and joiners.
_OTHERS = ["é", "É", "ß", "ò", "©", "§", "•", "²", "٣", "\u0301", "\u200b", "ü", "Ω", "中", "🇺", "\u202c"]


def _shaped_split(text: str) -> tuple[list[int], list[int], list[str]]:
    starts, ends = array("I"), array("I")
    shape = _ascii_shape(text)
    assert shape is not None
    words = _ascii_words(text, 0, starts, ends, shape)
    return list(starts), list(ends), words


def _token_split(text: str) -> tuple[list[int], list[int], list[str]]:
    # The plain form of _ascii_words on a text beyond ASCII: _TOKEN.split, gap, word, gap, word, ...
    parts = _TOKEN.split(text)
    offsets = list(accumulate(map(len, parts)))
    return offsets[::2][:-1], offsets[1::2], parts[1::2]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["u.s.", "a.b", "3.5", "2,000", "1:30", "x_y", "'s", "'", "-", ".", ",", ":", " ",
                                 "\n", "a", "ab", "Z", "9", "_", "well-known", "\0"]) | st.characters(max_codepoint=127),
                max_size=40), st.lists(st.tuples(st.integers(0, 40), st.sampled_from(_OTHERS) | st.characters()),
                                       min_size=1, max_size=3))
def test_words_of_a_text_with_a_few_characters_beyond_ascii_are_its_tokens(pieces, others):
    for at, ch in others:
        pieces.insert(at, ch)
    text = "".join(pieces) + " " * 64  # a character in sixteen at most: _ascii_shape takes it
    if not text.isascii():
        assert _shaped_split(text) == _token_split(text)


def test_ascii_shape_leaves_many_or_varied_characters_beyond_ascii_to_the_pattern():
    assert _ascii_shape("a café" + " " * 90) is not None
    assert _ascii_shape("сказал он") is None  # another script: nearly every character
    assert _ascii_shape("".join(_OTHERS[:9]) + " " * 1000) is None  # nine distinct ones
    text = "a naïve café in the Côte d'Azur" + " " * 100
    assert _tokens(text) == _unfolded_tokens(text, "I")


def test_a_run_without_white_space_is_split_a_batch_at_a_time():
    text = "Ab-c'd," * 40_000  # no white space: one slice of 280,000 characters
    tokens = _tokens(text)
    assert (list(tokens.starts), list(tokens.ends), list(tokens.norms)) == _split_tokens(text.lower())
