"""A verb of saying that may also take a thing ("claim", "admit") is loaded only where it reports speech."""

from __future__ import annotations

import pytest

from rhetoric import analyze


def _verbs(text: str) -> list[str]:
    return [f.text for f in analyze(text).findings if f.rule == "loaded-term.speech-verb"]


@pytest.mark.parametrize("text", [
    "The senator claimed that the audit had cleared her office.",
    "The senator claims to be the victim of a smear.",
    "The senator claims he never saw the letter.",
    "The senator claimed the debris was of Soviet make.",
    "The senator claims the former campaign manager of her rival had met the envoy.",
    "The witness, 51, claims the nominee, 53, tried to silence her.",
    "“The audit cleared me,” the senator claimed.",
    "The senator claimed Thursday, without providing evidence, that the vote was rigged.",
    "The senator falsely claimed the vote was rigged.",
    "The minister admitted that the figures were wrong.",
    "The minister conceded he had fallen short.",
    "The senator claimed the mayor and the council were wrong.",
    "Health officials insist the risks to the public remain low.",
    "The minister admitted the dangers appear real.",
])
def test_a_verb_that_reports_speech_is_flagged(text: str) -> None:
    assert _verbs(text)


@pytest.mark.parametrize("text", [
    "The senator claimed the nomination on Tuesday night.",
    "Sanders won the caucus, claiming his third victory of the month.",
    "The family claimed sanctuary in a church in Highland Park.",
    "The Home Office admitted two preachers into the country last year.",
    "The defendant admitted to bribery and money laundering.",
    "The defendant admitted to shooting the victim but said it was an accident.",
    "He hasn't endorsed her or conceded his bid for the nomination.",
    "While admitting two preachers last year, the ministry is keeping out its critics.",
    "So far the outbreak has claimed 57 lives and infected more than 680 others.",
    "Hungary has never admitted and will never admit migrants without papers.",
    "Claim: A video shows ballots being burned in Arizona.",  # a fact-check's label opening its line
])
def test_a_verb_that_takes_a_thing_is_not_flagged(text: str) -> None:
    assert _verbs(text) == []
