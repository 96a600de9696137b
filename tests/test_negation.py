"""A negation right before praise, a label or a certainty marker denies it."""

from __future__ import annotations

import pytest

from rhetoric import analyze
from rhetoric.negation import cancels


def _rules(text: str) -> list[str]:
    return [f.rule for f in analyze(text).findings if not f.rule.startswith("unsourced")]


@pytest.mark.parametrize("text", [
    "The film was not a masterpiece.",
    "That is not necessarily true.",
    "On its own, Russia cannot conclusively defeat them.",
    "The minister wasn’t a demagogue, his aides said.",
])
def test_a_denied_term_is_not_flagged(text: str) -> None:
    assert _rules(text) == []


@pytest.mark.parametrize("text", [
    "The film was a masterpiece.",
    "It is not only a masterpiece but a hit.",  # "not only" adds, it does not deny
    "No doubt, it is clearly true.",
    "Not surprisingly, the film was a masterpiece.",  # the negation is in another clause
])
def test_a_term_that_is_not_denied_is_flagged(text: str) -> None:
    assert _rules(text)


def test_negation_reverses_praise_labels_and_certainty_only() -> None:
    assert cancels("loaded-term.puffery") and cancels("booster.certainty") and cancels("loaded-term.label")
    assert not cancels("loaded-term.emotive") and not cancels("hedge.uncertainty")
