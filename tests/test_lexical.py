"""The lexical detector: which lexicon matches become findings."""

from __future__ import annotations

import pytest

from rhetoric import analyze


def _loaded(text: str) -> list[str]:
    return [f.text for f in analyze(text).findings if f.category.value == "loaded-term"]


@pytest.mark.parametrize("text", [
    "Ryan Petty, whose daughter died in the shooting, welcomed the vote.",
    "The speakers were Troy Price, Christopher Rants and Kim Reem.",
    "The Nobel Prize-winning economist Paul Krugman applauded the plan.",
    "Michael Savage of Talk Radio Network said on Monday that the show would end.",
    "Storm floods coast\n\nBy Jill Lawless and Tom Savage\n\nThe storm hit on Monday.",  # a byline
])
def test_a_capitalised_term_after_a_first_name_is_a_name(text: str) -> None:
    assert _loaded(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Trump Slams Disgraceful Verdict After Trial", "Slams"),  # a title-case headline goes on capitalised
    ("Whistleblower Drops Bombshell on Fulton County", "Bombshell"),  # or with a function word in lower case
    ("But Leftists rarely answer for it.", "Leftists"),  # a function word is no first name
    ("His book Jihadist Psychopath sold well.", "Psychopath"),  # the word before is a loaded term itself
])
def test_capitalised_terms_outside_names_are_flagged(text: str, expected: str) -> None:
    assert any(expected in t for t in _loaded(text))


def _rules(text: str) -> dict[str, str]:
    return {f.text: f.rule for f in analyze(text).findings if f.category.value == "loaded-term"}


def test_a_verb_of_saying_after_a_loaded_adjective_is_a_noun() -> None:
    found = _rules("Senators rejected the outrageous claims about the audit.")
    assert "loaded-term.speech-verb" not in found.values()
    assert any(rule == "loaded-term.emotive" for rule in found.values())


@pytest.mark.parametrize("text", [
    "The group disingenuously claims to speak for voters.",  # an adverb: "claims" is a verb
    "He is not some deluded fanatic raving on a street corner.",  # a participle stays a verb
])
def test_a_verb_of_saying_after_a_loaded_adverb_or_as_a_participle_stays(text: str) -> None:
    assert "loaded-term.speech-verb" in _rules(text).values()


def test_a_message_names_the_form_found_but_not_an_inflection():
    # The message quotes the entry's term: another form of it is named as found, an inflection is not.
    found = {f.text: f.message for f in analyze(
        "The late senator was a giant of the civil rights movement. Critics slammed the plan.").findings}
    assert found["giant of"].startswith("“giant of” ")
    assert found["slammed"].startswith("“slam” ")
