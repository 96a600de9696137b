from __future__ import annotations

import functools

from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric import syllables


@functools.cache
def _reference():  # type: ignore[no-untyped-def]
    from pyphen import Pyphen

    return Pyphen(lang="en_US")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzéß'-.ABC", max_size=30))
def test_hyphenation_points_match_pyphen_on_any_word(word: str) -> None:
    ours = syllables._pyphen()
    assert isinstance(ours, syllables._Hyphenation)
    assert ours.points(word) == len(_reference().positions(word))
