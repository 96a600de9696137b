"""Claim signals rewritten or confined for speed credit the same sentences as before."""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric import claims, prefilter
from rhetoric.data import table
from rhetoric.segment import segment

# The signals' plain forms, as they were written before being rewritten to be found by their endings.
PLAIN = {
    "past-tense": r"\b\w{3,}ed\b",
    "superlative": r"\b(?:(?:most|least|largest|biggest|highest|lowest|fastest|first|only|main)\b|\w{3,}est\b)",
}
_WORDS = ["Smith", "Jones", "Lee", "US", "walked", "Walked", "red", "bed", "need", "Ed", "ED", "interested", "tested", "most", "Most", "almost",
          "mostly", "least", "first", "firstly", "only", "main", "mainly", "largest", "best", "test", "latest",
          "honest", "BIGGEST", "est", "st", "the", "The", "a", "5", "x_y", "é", "café", "3", "2,000", "١٢", "x9"]
_GAPS = [" ", "", ". ", "! ", "? ", ".", "\n", "\n\n", "-", "'", "’", "”. ", "_", " (", ") "]
_TEXTS = st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_GAPS)), min_size=1, max_size=25).map(
    lambda parts: "".join(w + g for w, g in parts))


def _signal(name: str) -> claims.Signal:
    return claims._signal(next(s for s in table("sourcing.toml")["claim"]["signal"] if s["name"] == name))


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_signals_found_by_their_endings_credit_the_sentences_of_their_plain_forms(text: str) -> None:
    doc = segment(text)
    for name, plain in PLAIN.items():
        c = claims.ClaimCues(min_words=4, threshold=2.1, stance_weight=0.0, signals=(_signal(name),))
        expected = [bool(re.search(plain, text[s.start:s.end], re.IGNORECASE)) for s in doc.sentences]
        assert [w > 0 for w in claims._document_signals(doc, c)[0]] == expected, (name, text)


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_no_sentence_starts_or_ends_inside_a_word(text: str) -> None:
    # What the rewrites above rely on: a match of \w+ lies within one sentence or none.
    doc = segment(text)
    for s in doc.sentences:
        for edge in (s.start, s.end):
            assert not re.fullmatch(r"\w\w", text[max(edge - 1, 0):edge + 1]), (text, s)


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_a_local_signal_matches_only_where_the_signal_it_is_within_was_found(text: str) -> None:
    doc = segment(text)
    c = claims.cues()
    _, seen, _ = claims._document_signals(doc, c)
    confined = [sig for sig in c.signals if sig.within is not None]
    assert {sig.name for sig in confined} == {"figures", "names"}
    for sig in confined:
        assert sig.local and sig.pattern is not None
        for s in doc.sentences:
            if len(sig.pattern.findall(text[s.start:s.end])) >= sig.times:
                assert s.index in seen[c.places[sig.within]], (sig.name, text, s)


# The counted signals' plain forms, as they were written before being counted.
COUNTED = {"names": r"(?s)[A-Z](?<=[a-z,] [A-Z])[a-z]+\b(?:.*?[A-Z](?<=[a-z,] [A-Z])[a-z]+\b){2}"}
_NAMED = st.lists(st.tuples(st.sampled_from(["Smith", "Lee", "US", "McCain", "Ann", "a", "the", "x", "X", "é", "5"]),
                            st.sampled_from([" ", ", ", ",", ". ", "\n", "-", "'", "’", "", "_", " ("])),
                  min_size=1, max_size=25).map(lambda parts: "".join(w + g for w, g in parts))


@settings(max_examples=400, deadline=None)
@given(st.one_of(_TEXTS, _NAMED))
def test_a_counted_signal_matches_the_sentences_of_its_plain_form(text: str) -> None:
    doc = segment(text)
    c = claims.cues()
    counted = [sig for sig in c.signals if sig.times > 1]
    assert {sig.name for sig in counted} == set(COUNTED)
    for sig in counted:
        assert sig.local and sig.pattern is not None
        plain = re.compile(COUNTED[sig.name], sig.pattern.flags)
        for s in doc.sentences:
            sentence = text[s.start:s.end]
            assert (len(sig.pattern.findall(sentence)) >= sig.times) == bool(plain.search(sentence)), (sig.name, text)


# Signals rewritten to open on \\b, as they were written before (to open on a set of first letters).
FORMER = {
    "named-did": r"[A-Zhst](?<=\b[A-Zhst])(?:(?<=[A-Z])[a-z]+|(?<=h)e|(?<=s)he|(?<=t)hey)\s+(?:has\s+|have\s+|had\s+)?"
                 r"(?:\w+ly\s+|also\s+|never\s+|not\s+)?\w{2,}ed\b",
    "named-does": r"[A-Zhs](?<=\b[A-Zhs])(?:(?<=[A-Z])[a-z]+|(?<=h)e|(?<=s)he)\s+(?:\w+ly\s+)?"
                  r"(?:wants|says|supports|opposes|has|does|is)\b",
}
_SUBJECTS = st.lists(st.tuples(st.sampled_from(["He", "he", "she", "they", "They", "the", "Smith", "McCain", "X", "has",
                                                "had", "really", "not", "voted", "ed", "says", "is", "this", "é"]),
                               st.sampled_from([" ", "  ", "\n", "", ", ", ". ", "-"])),
                     min_size=1, max_size=15).map(lambda parts: "".join(w + g for w, g in parts))


@settings(max_examples=400, deadline=None)
@given(st.one_of(_TEXTS, _SUBJECTS))
def test_a_rewritten_signal_matches_as_its_former_form(text: str) -> None:
    for name, former in FORMER.items():
        sig = _signal(name)
        assert sig.pattern is not None and sig.chain is not None
        assert [m.span() for m in sig.pattern.finditer(text)] == [m.span() for m in re.finditer(former, text)], name


_WORDS = st.text(alphabet="ab ", min_size=1, max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=5))
def test_a_plainly_written_word_list_reads_as_its_parse_tree_does(words: list[str]) -> None:
    for pattern in (r"\b(?:" + "|".join(words) + r")\b", rf"\b{words[0]}\b", "|".join(words)):
        assert claims._word_list(pattern) == claims._parsed_word_list(pattern), pattern


def test_every_claim_pattern_reads_as_its_parse_tree_does(monkeypatch: pytest.MonkeyPatch) -> None:
    patterns = [s["pattern"] for s in table("sourcing.toml")["claim"]["signal"] if "pattern" in s]
    for pattern in patterns:
        assert claims._word_list(pattern) == claims._parsed_word_list(pattern), pattern
    parsed: list[str] = []
    monkeypatch.setattr(claims, "_parsed_word_list", parsed.append)
    for pattern in patterns:
        claims._word_list(pattern)
    assert len(patterns) - len(parsed) > 10  # the quick reading is used


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), _TEXTS, st.text(alphabet="aAΣσςİiıßẞǅ’“ \n.-é")))
def test_lower_is_str_lower(text: str) -> None:
    assert prefilter.lower(text) == text.lower()


@settings(max_examples=400, deadline=None)
@given(st.one_of(_TEXTS, st.text(alphabet="aIİs’'‘ʼ -.\n"), st.text()))
def test_the_words_with_an_apostrophe_are_those_whose_norm_holds_one(text: str) -> None:
    doc = segment(text)
    assert claims._apostrophes(doc) == [t for t, norm in enumerate(doc.tokens.norms) if "'" in norm]


_OPENING = st.lists(st.tuples(st.sampled_from(["We", "we", "must", "There", "there", "is", "I", "think", "You", "you",
                                               "That's", "that’s", "And", "so", "well", "He", "they", "Do", "know",
                                               "Smith", "Lee", "said", "5", "7", "the", "a", "é", "İ", "of course"]),
                               st.sampled_from([" ", ", ", "? ", ". ", "?\n", "! ", "\n\n", "", " - ", "\" "])),
                    min_size=1, max_size=30).map(lambda parts: "".join(w + g for w, g in parts))


@settings(max_examples=400, deadline=None)
@given(st.one_of(_TEXTS, _NAMED, _OPENING))
def test_local_signals_are_those_a_plain_search_of_every_sentence_finds(text: str) -> None:
    # The plain form: every sentence long enough searched with every local pattern, in signal order.
    doc = segment(text)
    c = claims.cues()
    found, seen, projected = claims._document_signals(doc, c)
    long = [s.index for s in doc.sentences if s.end_token - s.first_token >= c.min_words]
    plain = {}
    for i in long:
        sentence = text[doc.sentences[i].start:doc.sentences[i].end]
        weights = [sig.weight for sig in c.signals if sig.local and sig.pattern is not None
                   and len(sig.pattern.findall(sentence)) >= sig.times]
        if weights:
            plain[i] = weights
    assert claims._local_signals(doc, c, long, seen) == plain, text
    assert claims._local_signals(doc, c, long, seen, projected) == plain, text
    marked = set(range(0, len(doc.sentences), 2))
    scores = {i: found[i] + sum(plain.get(i, ())) + (c.stance_weight if i in marked else 0) for i in long}
    assert claims.find_claims(doc, marked) == [scores.get(i, -1) >= c.threshold for i in range(len(doc.sentences))]


def test_the_word_index_holds_in_order_the_phrases_each_second_word_may_complete() -> None:
    c = claims.cues()
    flat: dict[str, list[tuple[tuple[str, ...], int]]] = {}  # first word -> every phrase, as it was indexed before
    for k, sig in enumerate(c.signals):
        for phrase in sorted(sig.words or ()):
            flat.setdefault(phrase[0], []).append((phrase[1:], k))
    assert c.word_index.keys() == flat.keys()
    assert any(len(following) > 2 for following in c.word_index.values())
    for first, entries in flat.items():
        following = c.word_index[first]
        assert following[None] == [(rest, k) for rest, k in entries if not rest]
        assert set(following) - {None} == {rest[0] for rest, _ in entries if rest}
        for second, listed in following.items():
            assert listed == [(rest, k) for rest, k in entries if not rest or rest[0] == second], (first, second)


_TRIGGERED = st.lists(st.tuples(st.sampled_from(["It", "is", "was", "they're", "it’s", "are", "the", "largest", "most",
                                                 "firstly", "only", "top", "stop", "leading", "Smith's", "now", "still",
                                                 "going", "Thing", "bring", "singing", "KING", "really", "İ", "ſ", "best"]),
                               st.sampled_from([" ", "  ", ", ", ". ", "\n", "", "-", "’s "])),
                    min_size=1, max_size=30).map(lambda parts: "".join(w + g for w, g in parts))


@settings(max_examples=400, deadline=None)
@given(st.one_of(_TEXTS, _TRIGGERED))
def test_triggered_signals_gated_by_their_tails_credit_the_sentences_they_did_without(text: str) -> None:
    c = claims.cues()
    assert {sig.name for sig in c.signals if sig.tails is not None} == {"ongoing", "rank"}
    ungated = claims.ClaimCues(min_words=c.min_words, threshold=c.threshold, stance_weight=c.stance_weight,
                               signals=tuple(dataclasses.replace(sig, tails=None) for sig in c.signals),
                               word_index=c.word_index, cue_words=c.cue_words, openers=c.openers, places=c.places)
    doc = segment(text)
    assert claims._document_signals(doc, c) == claims._document_signals(doc, ungated), text


def _claims_in(text: str) -> list[str]:
    doc = segment(text)
    return [text[s.start:s.end] for s, claim in zip(doc.sentences, claims.find_claims(doc, set())) if claim]


def test_a_table_row_pasted_as_text_is_no_claim() -> None:
    # Tabs or spaces that line columns up, three cells or more on one line, and no sentence's end.
    assert _claims_in("Results by county\n\nCounty\tYes\tNo\tTurnout\nAdams\t12,304\t9,876\t61%\n"
                      "Baker     8,211     10,002     58%\n\n"
                      "The measure passed with 52 percent of the vote in 2024.\n"
                      "Turnout rose\tin 14 of the 20 counties, to 61 percent.\n") == [
        "The measure passed with 52 percent of the vote in 2024.",
        "Turnout rose\tin 14 of the 20 counties, to 61 percent."]


def test_a_pages_furniture_is_no_claim() -> None:
    assert _claims_in("Bridge to close for repairs\nBy Maria Gomez\nPublished March 3, 2024 at 4:15 p.m. ET\n"
                      "5 min read\n\nThe Elm Street bridge will close for six months from March 3, 2024.\n\n"
                      "By Tuesday, 14 councillors had voted for the closure in 2024.\n\n"
                      "LONDON, 14 March 2024\n\nCopyright 2024 Gazette Media\nPage 1 of 2\n\n"
                      "Copyright 2024 The Associated Press. All rights reserved.\n\n"
                      "Ken Ritter in Las Vegas contributed to this report.\n\n"
                      "This story has been updated to include comments from 14 councillors.\n\n"
                      "Read more: How the 2023 budget vote unfolded\n\n"
                      "PUBLISHED: 08:14 EDT, 28 August 2026 | UPDATED: 09:02 EDT, 28 August 2026\n\n"
                      "The Associated Press Health and Science Department receives support from the Robert Wood "
                      "Johnson Foundation. The AP is solely responsible for all content.\n\n"
                      "The clinic receives support from 14 donors, who gave $2 million in 2024.\n\n"
                      "The case is Smith v. Jones, U.S. District Court for the Southern District of New York, "
                      "No. 1:23-cv-01234.\n\nFor the plaintiffs: Jane Doe of Doe & Roe\n\n"
                      "The case is the first of 14 filed in 2024.\n\n"
                      "Related costs rose 4 percent in 2023.\n") == [
        "The Elm Street bridge will close for six months from March 3, 2024.",
        "By Tuesday, 14 councillors had voted for the closure in 2024.",
        "The clinic receives support from 14 donors, who gave $2 million in 2024.",
        "The case is the first of 14 filed in 2024.",
        "Related costs rose 4 percent in 2023."]


def test_the_words_of_a_hyphenated_word_count_as_a_lists_words_do() -> None:
    # "Twenty-two" is one token, but the number-word list's \b…\b finds "twenty" in it, as in "Twenty two".
    assert _claims_in("Twenty-two veterans take their own lives every day.\n") == [
        "Twenty-two veterans take their own lives every day."]
    doc = segment("Twenty-two veterans take their own lives every day.")
    c = claims.cues()
    found, _, _ = claims._document_signals(doc, c)
    number_word = next(sig.weight for sig in c.signals if sig.name == "number-word")
    plain = segment("Twenty two veterans take their own lives every day.")
    assert found == claims._document_signals(plain, c)[0] and found[0] >= number_word


def test_an_instruction_to_the_reader_is_no_claim() -> None:
    # Figures or not, an imperative tells the reader what to do; the same verb as a noun opens a claim.
    assert _claims_in("Register to vote by Oct. 15 to take part in the Nov. 5 election.\n\n"
                      "Call 555-0134 with information about the 2023 robbery.\n\n"
                      "Store the vaccine at 2 to 8 degrees Celsius and discard after 28 days.\n\n"
                      "Call centers handled 40,000 complaints in 2023.\n\n"
                      "Look, we created 15 million jobs in 2015.\n") == [
        "Call centers handled 40,000 complaints in 2023.", "Look, we created 15 million jobs in 2015."]




def test_a_press_releases_about_section_and_legal_notice_are_no_claims() -> None:
    text = ("Northwind today announced Beacon 4.0, which cut costs by 23 percent for 40 customers.\n\n"
            "This press release contains forward-looking statements under the Reform Act of 1995.\n\n"
            "About Northwind Inc.\n"
            "Northwind is headquartered in Austin, Texas. It was founded in 2009 and employs 1,200 people.\n\n"
            "Media Contact\n"
            "The 2023 report found 40 faults.\n")
    assert _claims_in(text) == ["Northwind today announced Beacon 4.0, which cut costs by 23 percent for 40 customers.",
                                "The 2023 report found 40 faults."]


@pytest.mark.parametrize("sentence, claim", [
    # A report that someone said nothing; beside a clause that asserts, that clause counts.
    ("A spokesman for the company declined to comment on the 2023 layoffs.", False),
    ("The White House didn't respond to a request for comment on the $40 million contract.", False),
    ("Police did not say whether the two men had been charged.", False),
    ("Norton, which declined to comment, returned the rights to 14 books in 2019.", True),
    ("Adelson has not endorsed anyone in the 2016 race, and his spokesman declined to comment.", True),
    # Instructions to an address, appeals for information; not someone's quoted words.
    ("Email newsroom@example.com or call 555-0100 before 2024.", False),
    ("Visit acme.com for tickets, which cost $15 for 2 adults.", False),
    ("Anyone with information is asked to call police at 937-555-0140.", False),
    ("Anyone needing help after the tornado can call 1-800-733-2767.", False),
    ("The agency said 1,200 people called 911 during the tornado.", True),
    ("“Tell her I promised you 2 pictures in 2019,” Ebeling said.", True),
    # A view the writer marks as one; the writer's reporting.
    ("In my opinion, the best budget of the last decade was the one passed in 2015.", False),
    ("The budget passed in 2015 cut spending by 3 percent.", True),
    ("We contacted the company three times for comment in March.", False),
    ("I spoke to five patients who had been treated at the clinic in 2023.", False),
    ("We cut taxes by 40 percent in 2019.", True),
    # A schedule with a time of day, not what happened at a time; nor a schedule without one.
    ("Calling hours will be held from 4 to 7 p.m. on Thursday, February 15, at the funeral home.", False),
    ("The board's next meeting is scheduled for Feb. 27 at 7 p.m. at the district office.", False),
    ("The shooting happened at 2:15 a.m. and killed 3 people.", True),
    ("The 2016 debate is scheduled for December 15th in Las Vegas.", True),
    # Market prices and a game's record, not an economy's figures or a council's vote.
    ("The Dow fell 1.2% to 38,904.04 on Tuesday.", False),
    ("Shares of Boeing slid 3.4% to $182.10.", False),
    ("Brent crude fell 24 cents, to $42.46 a barrel in London.", False),
    ("Unemployment fell to 4.1 percent in March.", True),
    ("Jones scored 24 points and grabbed 11 rebounds as North beat South 64-58 on Friday night.", False),
    ("Garcia struck out nine over six innings, and the Tigers beat the Hawks 5-2.", False),
    ("The council voted 5-2 to approve the 40 million dollar budget.", True),
    # A death notice's formulas, not the life it tells.
    ("She is survived by her three children and 7 grandchildren.", False),
    ("In lieu of flowers, memorial donations may be made to the Food Pantry, P.O. Box 112.", False),
    ("She founded the clinic in 1971 and served 4,000 patients.", True),
    # A fact-check's verdict on a claim laid out before it, not what a checker once rated.
    ("We rate this claim False.", False),
    ("We rate it Mostly False.", False),
    ("PolitiFact rated a similar claim False in 2024.", True),
])
def test_what_is_no_claim_to_credit(sentence: str, claim: bool) -> None:
    assert _claims_in(sentence + "\n") == ([sentence] if claim else [])
