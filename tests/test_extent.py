"""How far a loaded phrase reaches beyond its lexicon term."""

from __future__ import annotations

import pytest

from rhetoric import analyze


def _loaded(text: str) -> list[str]:
    return [f.text for f in analyze(text).findings if f.category.value == "loaded-term"]


@pytest.mark.parametrize(("text", "expected"), [
    ("It was a thoroughly shameful decision by the board.", "thoroughly shameful decision"),
    ("Critics called it ridiculous and unworkable in a letter.", "ridiculous and unworkable"),
    ("The anxious and reckless drivers stayed on.", "anxious and reckless drivers"),
    ("The angry and wicked priests were named.", "angry and wicked priests"),  # "the" makes "angry" a modifier
    ("The plan was costly and farcical.", "costly and farcical"),
    ("He met the bearded psychopath in court.", "bearded psychopath"),
    ("The report was grossly unfair to the staff.", "grossly unfair"),
    ("It was a bogus autopsy by any measure.", "bogus autopsy"),
    ("They ran a reckless financial scheme for years.", "reckless financial scheme"),  # the noun after an adjective
    ("The vote was utterly shameful.", "utterly shameful"),  # "utterly" is also a booster finding
    ("Mayor Attacks Disgraceful Verdict After Trial", "Disgraceful Verdict"),  # a title-case headline
])
def test_the_phrase_grows_over_its_own_words(text: str, expected: str) -> None:
    assert expected in _loaded(text)


@pytest.mark.parametrize(("text", "term"), [
    ("The plan angered City Hall zealots on Monday.", "zealots"),
    ("Zealots gathered outside.", "Zealots"),
    ("It was shameful to the residents.", "shameful"),
    ("They showed hostilities towards the town.", "hostilities"),
    ("It was an utter disgrace.", "disgrace"),  # "utter" is a finding of its own
    ("A vulgar ritual humiliation followed.", "vulgar"),  # "ritual" belongs to "ritual humiliation"
    ("She admitted the error was hers.", "admitted"),  # a verb of saying frames no object
    ("Officers said the aliens arrested on Monday were held.", "aliens"),  # a plural noun governs nothing
    ("The sheriff arrested criminal aliens at the farm.", "criminal aliens"),  # a participle after a subject is a verb
    ("The mayor refused to shelter criminal aliens in the city.", "criminal aliens"),  # "to" makes it a verb
    ("She was fined for harboring illegals at the farm.", "illegals"),  # a gerund after a preposition
    ("One in four voters said illegals should leave.", "illegals"),  # a verb, not a modifier
    ("It rests on a totalitarian logic based on fear.", "totalitarian logic"),  # a participle is not the noun
    ("Voters resent relentless globalization and technological change.", "relentless globalization"),
    # The plural noun of an adjective's entry, or of an agent noun, governs no verb after it.
    ("The sycophants met on Tuesday.", "sycophants"),
    ("The bloodsuckers met on Tuesday.", "bloodsuckers"),
    ("Forced-birthers cheered the ruling.", "Forced-birthers"),
    ("Crooked Hillary lost.", "Crooked Hillary"),  # a name after a title-case word is no stacked adjective
])
def test_the_phrase_stops_at_names_sentence_starts_and_function_words(text: str, term: str) -> None:
    assert term in _loaded(text)
