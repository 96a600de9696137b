"""Which quotations the distancing detector takes for scare quotes, and which it does not."""

from __future__ import annotations

from itertools import compress, count

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric.detectors.scare_quotes import (
    _according,
    _speaker_verb,
    _speakers,
    cues,
    distancing,
)
from rhetoric.model import Document
from rhetoric.segment import segment
from tests.conftest import ROOT


def scare(text: str) -> list[str]:
    doc = segment(text)
    return [text[q.inner_start:q.inner_end] for q in distancing(doc)]


BODY = "\n\nThe council met on Tuesday.\n\n"


@pytest.mark.parametrize("text, expected", [
    # The body distances the headline's word: the headline's marks are the writer's too.
    ("Council backs ‘reform’ of bus routes" + BODY + "Its “reform” will close three depots.", ["reform", "reform"]),
    # A quotation inside the headline's noun phrase is the writer's label.
    ("Council’s ‘reform’ of bus routes angers riders" + BODY, ["reform"]),
    # A quotation that ends the headline or comes before its colon is someone's words.
    ("Storm season could be 'worse': agency" + BODY, []),
    ("Minister calls the plan 'reckless'" + BODY, []),
    # The body quotes the headline's words inside a longer quotation: they are that speaker's.
    ("Talks open 'new chapter' for neighbours" + BODY + "“We have opened a new chapter,” the minister said.", []),
    # The body quotes the headline's words and does not distance them: a title's, or a speaker's.
    ("Netflix Renews ‘Stranger Things’ for a Fifth Season" + BODY + "Netflix said “Stranger Things” would return.",
     []),
])
def test_headline_quotations_are_judged_by_the_body(text, expected):
    assert scare(text) == expected


def test_capitals_say_nothing_in_a_title_case_headline():
    assert scare("Mayor’s ‘Fair Fares’ Plan Costs Riders More" + BODY) == ["Fair Fares"]
    # In a sentence-case headline a capital still marks a name or a title.
    assert scare("Visitors flock to ‘Harbour House’ in the city" + BODY) == []


@pytest.mark.parametrize("text", [
    "Her doctors thought the risk was “manageable” at first.",
    "The delay has been “unavoidable” for everyone involved.",
])
def test_a_quoted_predicate_after_be_is_a_reported_verdict(text):
    assert scare(text) == []


def test_words_the_writer_distanced_stay_distanced_after_be():
    text = "The “reform” closed libraries. Now the budget was “reform” too."
    assert scare(text) == ["reform", "reform"]


def test_closing_words_of_a_longer_quotation_are_the_speakers():
    text = ("“The plan is not yet a final settlement,” the envoy wrote.\n\n"
            "The deal falls short of a “final settlement.”\n\n"
            "Nobody expects a “final settlement.”")
    assert scare(text) == []


def test_closing_words_quoted_again_are_the_writers():
    text = "Critics of “fiscal prudence.” multiplied.\n\nThe mayor defended “fiscal prudence.”"
    assert scare(text) == ["fiscal prudence.", "fiscal prudence."]


@pytest.mark.parametrize("text", [
    "The words “fake news” are everywhere now.",
    "The slogans “take back control” and “get it done” worked.",
])
def test_plural_naming_nouns_make_a_mention(text):
    assert scare(text) == []


@pytest.mark.parametrize("text, expected", [
    # The quotation helps name the source: "according to" credits the clause after it.
    ("According to their “alternate translation”, the old rule is void.", ["alternate translation"]),
    # The source is named before the quotation: its words are credited.
    ("According to the minister, the cuts bring “efficiency savings” and nothing more.", []),
    ("According to her office the plan remains “unworkable” in practice.", []),
])
def test_according_to_credits_what_follows_the_source(text, expected):
    assert scare(text) == expected


@pytest.mark.parametrize("text, expected", [
    # A phrase quoted after "to" reports a goal or a pledge in the words it was given in.
    ("In exchange, the president agreed to “provide security guarantees” to the region.", []),
    ("His goal is to “normalize the debate” on campus.", []),
    ("He would curb critics, vowing to “open up” libel laws.", []),
    # One word after "to" is as likely the writer's as anyone's.
    ("The plan is a threat to “stability” in the region.", ["stability"]),
    # After a preposition "to" the phrase is no goal.
    ("It was, in the end, a grave threat to “national security” for nobody.", ["national security"]),
    # Words the writer already distanced stay distanced after "to".
    ("The “national security” excuse came first. None of it relates to “national security” at all.",
     ["national security", "national security"]),
])
def test_a_phrase_quoted_after_to_is_a_reported_goal(text, expected):
    assert scare(text) == expected


@pytest.mark.parametrize("text, expected", [
    # "known as" right after glosses the quoted word as a term.
    ("This unusual “excited” spin is better known as tumbling.", []),
    ("This unusual “excited” spin worried the crew.", ["excited"]),
    # A noun for a nickname right after names it.
    ("He doubled down on the “king of debt” moniker in the interview.", []),
    ("Vote Leave's “take back control” mantra worked, and so did the union's “fair pay now” rallying cry.", []),
    # "named after" right after gives the origin of a name.
    ("The law creates a “guardian” programme, named after a coach who died.", []),
    ("The law creates a “guardian” programme that nobody asked for.", ["guardian"]),
])
def test_known_as_after_a_quotation_glosses_it(text, expected):
    assert scare(text) == expected


@pytest.mark.parametrize("text, expected", [
    # A text or utterance named just before the quotation is whose words they are.
    ("The saint's prophecy of a future “destroyer” seems apt now.", []),
    ("The council adopted a weak resolution that simply “calls upon” members to act.", []),
    ("He repeated his assertion that “thousands” had celebrated.", []),
    ('She shared a cryptic post about "fake people" on Instagram.', []),
    ('He posted a caption reading "new beginnings" under the photo.', []),
    ("The law bans “adult cabaret performances” in public places.", []),  # a law's wording
    ("The ordinance defines “camping” as sleeping outdoors.", []),
    # Farther off, the noun no longer governs the quoted word.
    ("The study came out in May, but nobody believed the “reform” would last.", ["reform"]),
])
def test_a_text_named_before_the_quotation_owns_its_words(text, expected):
    assert scare(text) == expected


@pytest.mark.parametrize("text, expected", [
    # A verb of judging or pledging gives its object in the subject's words.
    ("In a statement on Monday, the ministry expressed “deep concern” over the move.", []),
    ("The senator promised “swift action” after the vote.", []),
    ("Smith has repeatedly criticised the “reckless” spending.", []),
    ("The governor signed the bill, touting “historic savings” for families.", []),
    # A passive names nobody who judged.
    ("The outbreak is now blamed on “dancing with corpses” in the villages.", ["dancing with corpses"]),
    # Far from the verb, the quotation is the writer's again.
    ("The senator promised to fund the schools, but the “reform” he backs will close them.", ["reform"]),
    # An official grade, as inspectors and agencies give it.
    ("Ofsted rated the school “inadequate” in May.", []),
    ("The judge ruled the search “unreasonable” and threw out the evidence.", []),
])
def test_a_verb_of_judging_credits_its_object(text, expected):
    assert scare(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("He was described as a “hero” by his aides.", []),
    ("It is propaganda masquerading as “science”.", ["science"]),
    ("It is a tax hike dressed up as “reform”.", ["reform"]),
    ("The trips were vacations passed off as “fact-finding”.", ["fact-finding"]),
])
def test_as_introduces_a_label_but_not_after_a_verb_of_passing_off(text, expected):
    assert scare(text) == expected


@pytest.mark.parametrize("text, expected", [
    # A quotation right before "movement" names it.
    ("She belonged to the “worker-priest” movement in her youth.", []),
    ("The “yellow vest” movements spread to Belgium.", []),
    ("The “reform” has sparked a protest movement.", ["reform"]),
    # So does a noun for a category of some system of rules or a setting.
    ("The court strengthened the “undue burden” standard for such laws.", []),
    ("Each contract includes a “no-disparagement” clause for staff.", []),
    ("Facebook had activated its “safety check” feature for people in Nice.", []),
    ("The patient was given a “do not resuscitate” order.", []),
    ("The bank runs a “buy now, pay later” service.", []),
    ("Prosecutors relied on the “felony murder” rule and the “undue burden” test.", []),
    # And the named alerts of a weather service or an agency.
    ("The weather service issued a rare “particularly dangerous situation” watch for the region.", []),
    ("Forecasters upgraded it to a “tornado emergency” alert at 8:58 p.m.", []),
    # An operation or a policy is no name: its marks are the writer's doubt.
    ("The alliance is involved in ‘peacekeeping’ operations in Kazakhstan.", ["peacekeeping"]),
    ("The family holds nuanced views on “sanctuary” policies.", ["sanctuary"]),
])
def test_a_quotation_before_a_kind_of_name_is_that_name(text, expected):
    assert scare(text) == expected


@pytest.mark.parametrize("text, expected", [
    # The label of a button is a mention.
    ("In June he clicked ‘like’ under the cartoon.", []),
    ("In June the ‘reform’ came under fire.", ["reform"]),
    # So are words written on something, and a word replaced by another.
    ("Vandals scrawled “traitor” on the MP's office window.", []),
    ("His knuckles were tattooed “hate” and “love.”", []),
    ("Fans unfurled a banner bearing “shameful cowards” at the match.", []),
    ("The agency replaced “illegal alien” with “undocumented noncitizen” in its style guide.", []),
])
def test_a_clicked_label_is_a_mention(text, expected):
    assert scare(text) == expected


@pytest.mark.parametrize("text, expected", [
    # Four content words are still a label; with a function word they are a fragment.
    ("The FBI uncovered a Russian “nuclear money laundering apparatus” in the case.",
     ["nuclear money laundering apparatus"]),
    ("The FBI uncovered a “state within the state” in the case.", []),
    ("The FBI uncovered a “vast global money laundering apparatus” in the case.", []),
])
def test_one_word_over_the_limit_must_all_be_content(text, expected):
    assert scare(text) == expected


@pytest.mark.parametrize("text, expected", [
    # A preposition inside the marks opens a fragment of someone's sentence.
    ("The bishop later apologised for hurting them “without meaning to” at all.", []),
    ("Aid workers doubt the talks were held “in good faith” at all.", []),
    # The writer's own preposition stays outside the marks.
    ("Aid workers doubt the talks were held without “good faith” at all.", ["good faith"]),
])
def test_a_preposition_inside_the_marks_opens_a_fragment(text, expected):
    assert scare(text) == expected


@pytest.mark.parametrize("text, expected", [
    # A relative clause after the quotation names who spoke of it.
    ("But in the midst of that “final battle” over marriage of which Sister Lucia warned, they wait.", []),
    ("They mean the “offering” to God of which Francis speaks in the letter.", []),
    # A relative clause without a verb of saying credits nobody.
    ("But in the midst of that “final battle” over marriage of which little remains, they wait.", ["final battle"]),
])
def test_a_relative_clause_names_who_spoke_of_the_quotation(text, expected):
    assert scare(text) == expected


@pytest.mark.parametrize("text, expected", [
    # "Made clear" says what someone said, like a verb of saying.
    ("Mr. Trump made clear last week that he would introduce “regulations” soon.", []),
    ("She made it clear that she has “serious concerns” about the bill.", []),
    # Without it, the marks are the writer's.
    ("Mr. Trump came back last week to introduce “regulations” soon.", ["regulations"]),
    # Verbs that are as often something else say what someone said before "that" or "out".
    ("Tom Fitton charged that Mrs. Clinton “hid” the documents from the public.", []),
    ("As Paul Ryan has pointed out, that is the “textbook definition” of racism.", []),
    ("Tom Fitton was charged with a crime after he “hid” the documents.", ["hid"]),
    # The writer noting something is still the writer.
    ("As we pointed out, that is the “textbook definition” of racism.", ["textbook definition"]),
    ("It should be noted that the “experts” were wrong.", ["experts"]),
    ("Hale posted that the deal was a “gift” to insurers.", []),
    ("Hale, in her words, wants a “clean break” from the old formula.", []),
    ("In her view, the plan is a “giveaway” to developers.", []),
])
def test_a_phrase_of_saying_credits_the_quotation(text, expected):
    assert scare(text) == expected


@pytest.mark.parametrize("text, expected", [
    # A sentence opening "For" or "To" and a name gives that person's view, in their words.
    ("For Hale, the reform is a “betrayal” of the party's voters.", []),
    ("To Sharp, Trump is the “kind-hearted and caring” man who saved her farm.", []),
    ("To Mr. Ruiz, the levy is a “lifeline” for the port.", []),
    # A day, a month or a lower-case group is no one whose view it is.
    ("For Monday, forecasters expect “significant” snow.", ["significant"]),
    ("For many Republicans, the “reform” is a tax cut.", ["reform"]),
    # The name must be followed by the comma that closes the frame.
    ("For Hale County residents the “reform” cut two bus routes.", ["reform"]),
])
def test_a_named_view_opening_the_sentence_credits_its_quotation(text, expected):
    assert scare(text) == expected


@pytest.mark.parametrize("text, expected", [
    # A charge's name, a law's nickname of several words, a passive grade with its agent: someone's words.
    ('The teenagers were charged with "disorderly conduct" and released.', []),
    ('He was convicted of "menacing" in 2019, court records show.', []),
    ("The state's \"stand your ground\" law removed the duty to retreat.", []),
    ("The school was rated ‘inadequate’ by Ofsted in 2023.", []),
    ("Campaigners savaged the \"cruel\" policy, and unions lambasted the \"derisory\" offer.", []),
    # One word before a law, a passive without its agent, or "by far": the writer's.
    ("The state's \"reform\" law has let hundreds of offenders walk free.", ["reform"]),
    ("The plan was rated \"safe\" by far the most voters.", ["safe"]),
    ("The school is now rated “outstanding” in every report.", ["outstanding"]),
])
def test_charges_laws_nicknames_graders_and_critics_own_their_quoted_words(text, expected):
    assert scare(text) == expected


@pytest.mark.parametrize("text, expected", [
    # The name of a legal theory, test or defence of two words or more is a name; one word stays the writer's.
    ('The "independent state legislature" theory was rejected in Moore v. Harper.', []),
    ("Lower courts are split over the Court's \"history and tradition\" approach to gun laws.", []),
    ('Several states have banned the "gay panic" defense, and courts disagree on the "how and why" formula.', []),
    ('His "innocence" defense fell apart under cross-examination.', ["innocence"]),
    ('Officers obtained a "no-knock" warrant, and he faces a "felony murder" charge.', []),
    ('Republicans brushed off the "racism" charge.', ["racism"]),
])
def test_legal_theories_tests_and_defences_of_several_words_are_names(text, expected):
    assert scare(text) == expected


@pytest.mark.parametrize("text, expected", [
    # A verb of saying in a relative clause that closes before the quotation tells what the clause says.
    ('Whitfield, who likes to describe herself as a pragmatist, floated a "compromise" on Tuesday.', ["compromise"]),
    # The quotation inside the clause, or the clause's subject saying it, is theirs.
    ('Smith, who said the plan was a "disaster", resigned on Friday.', []),
    ('The mayor, who called the plan a "giveaway", voted against it.', []),
])
def test_a_verb_of_saying_in_a_closed_relative_clause_credits_no_later_quotation(text, expected):
    assert scare(text) == expected


@pytest.mark.parametrize("text", [
    # Every form of a verb of saying or judging credits the quotation, not just the past tense.
    "But while denouncing the “perversion” of tax avoidance, she kept her own accounts offshore.",
    "Her campaign is slamming rivals who think they can “outsource” leadership abroad.",
    "His critique is a moral one, as he laments a “throwaway culture” in rich countries.",
    # Verbs of saying aloud or in jest credit the quotation too.
    "Instead, he was back to boasting about “winning” and pledging to do more.",
    "In his speech he joked about his rival’s “interesting friendship” with an aide.",
    # A notice's "read" gives its words.
    "A note on the door read “back soon”.",
])
def test_every_form_of_a_verb_of_saying_credits_the_quotation(text):
    assert scare(text) == []


@pytest.mark.parametrize("text, expected", [
    # A noun of saying that opens a that-clause credits the quotation in it.
    ("Trump's accusation that Clinton is playing the “woman's card” made headlines.", []),
    ("He was challenged over his comments that he would be a “neutral guy” in talks.", []),
    # Without "that" the noun opens no clause.
    ("He was challenged over his comments on talks, which were a “neutral” affair.", ["neutral"]),
    # A suggestion's clause is a plan paraphrased by the writer.
    ("The cardinal’s suggestion that priests should consider “blessing” couples drew fire.", ["blessing"]),
])
def test_a_noun_of_saying_with_that_credits_the_clause(text, expected):
    assert scare(text) == expected


@pytest.mark.parametrize("text, expected", [
    # A share of people next to the quotation makes it a survey's answer.
    ("Thirty percent of whites “strongly agree” that they will do better.", []),
    ("Optimism is higher among older voters (34% “strongly agree”) this year.", []),
    ("Lessig leads with “definitely not support” with 6 percent in the poll.", []),
    # Far from the share, the marks are the writer's again.
    ("Thirty percent of whites were polled in May, and the “experts” ignored them.", ["experts"]),
])
def test_a_share_of_people_makes_a_survey_answer(text, expected):
    assert scare(text) == expected


@pytest.mark.parametrize("text, expected", [
    # A term the writer defined stays that term when it is quoted again.
    ("The board’s ruling, which is called a “reference,” went to the directors. "
     "A year after the “reference” they voted.", []),
    ("The board’s ruling went to the directors. A year after the “reference” they voted.", ["reference"]),
])
def test_a_defined_term_stays_a_term(text, expected):
    assert scare(text) == expected


@pytest.mark.parametrize("text, expected", [
    # A web address, a handle or a hashtag is quoted as it is written.
    ('Watch the latest video at <a href="http://video.example.com">the site</a> today.', []),
    ("She would not commit to his “#wordsmatter” pledge on the issue.", []),
    ("There is then a trio of “if/then” candidates in the race.", []),
    ("There is then a trio of “serious” candidates in the race.", ["serious"]),
])
def test_addresses_and_hashtags_are_no_scare_quotes(text, expected):
    assert scare(text) == expected


def test_thanks_to_is_no_verb_of_judging():
    assert scare("All this, thanks to the “experts” in the ministry.") == ["experts"]


def test_according_indexes_each_according_to_in_range():
    norms = ("according", "to", "her", "according", "according", "to", "x", "according")
    assert _according(norms, 0, len(norms)) == (0, 4)
    assert _according(norms, 1, len(norms)) == (4,)
    assert _according(norms, 0, 5) == (0,)  # the "to" of the second falls outside
    assert _according(norms, 0, 0) == ()
    assert _according((), 0, 0) == ()


def _document_speakers(doc: Document) -> list[int]:
    """The speakers of the whole document in one pass, as the detector once found them: the reference."""
    c = cues()
    norms = doc.tokens.norms
    firsts = {s.first_token for s in doc.sentences}
    nobody = c.impersonal_subjects | c.non_finite_markers | c.writer_subjects
    found: set[int] = set()
    for k in compress(count(), map(c.speaker_starts.__contains__, norms)):
        norm = norms[k]
        if norm in c.speech_verbs and _speaker_verb(doc, k, k in firsts, c):
            found.add(k)
        if norm in c.saying_nouns and norms[k + 1:k + 2] == ("that",):
            found.add(k)
        for p in c.speech_phrases.get(norm, ()):
            if norms[k:k + len(p)] == p and (k == 0 or norms[k - 1] not in nobody):
                found.add(k + len(p) - 1)
    return sorted(found)


def _check_speakers(text: str) -> None:
    doc = segment(text)
    everywhere = _document_speakers(doc)
    for s in doc.sentences:
        assert list(_speakers(doc, s, cues())) == [k for k in everywhere if s.first_token <= k < s.end_token]


@pytest.mark.parametrize("text", [
    # A phrase of saying that runs over a sentence's end ends in the next sentence.
    "He made it. Clear skies followed. She made. It clear, he said. It notes that “x” is fine.",
    "Said he. The minister said “fine”. It said “so”. We noted that. “Reform”, claims she.",
    *(p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))),
])
def test_speakers_of_a_sentence_are_those_the_document_wide_pass_finds_in_it(text):
    _check_speakers(text)


_WORDS = st.sampled_from(["said", "says", "made", "make", "it", "clear", "that", "noted", "we", "It", "claims",
                          "accusation", "according", "to", "he", "“reform”", ".", ",", "!", "\n", "\n\n", "x"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=40).map(" ".join))
def test_speakers_of_a_sentence_agree_with_the_document_wide_pass_on_random_text(text):
    _check_speakers(text)
