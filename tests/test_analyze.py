from __future__ import annotations

import json

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rhetoric import Voice, analyze
from rhetoric.errors import InputError
from rhetoric.read import read
from rhetoric.render.json import dumps, to_dict
from tests.conftest import ROOT

QUOTE_MARKS = st.sampled_from(list("\"'“”‘’«»„`"))
TEXTISH = st.lists(st.one_of(st.text(max_size=12), QUOTE_MARKS, st.sampled_from(
    ["so-called", " reckless ", "U.S.", ". ", "? ", "\n\n", "said", " according to ", "’s", "3.5"])), max_size=40
).map("".join)


def test_empty_text_gives_an_empty_report():
    report = analyze("")
    assert report.findings == () and report.sentences == ()
    assert report.readability.flesch_reading_ease is None
    assert report.scores.attributed_share is None


def test_a_soft_hyphen_does_not_hide_a_loaded_word():
    report = analyze("The council's dis\xadastrous plan failed.")
    assert [f.text for f in report.findings if f.category.value == "loaded-term"] == ["dis\xadastrous plan"]


def test_quoted_loaded_words_belong_to_the_speaker():
    report = analyze("“The plan is disgraceful,” said Ana Ruiz, a councillor. The plan is disgraceful.")
    voices = [f.voice for f in report.findings if f.category.value == "loaded-term"]
    assert voices == [Voice.QUOTED, Voice.AUTHOR]
    assert dict(report.scores.counts)[report.findings[0].category] == 1


def test_findings_cover_their_text(reference_text):
    report = analyze(reference_text)
    assert report.findings
    for f in report.findings:
        assert reference_text[f.start:f.end] == f.text
        assert f.rule.startswith(f.category.value + ".")
        assert f.message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(), TEXTISH))
def test_any_text_analyses_with_valid_offsets(text, lexicons):
    report = analyze(text, lexicons=lexicons)
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start:f.end] == f.text
    for s in report.sentences:
        assert 0 <= s.start < s.end <= len(text)
    dumps(to_dict(report))


def test_words_in_the_writers_scare_quotes_are_the_writers():
    report = analyze("The council’s ‘disgraceful’ plan passed on Monday after a long debate.")
    loaded = [f for f in report.findings if f.category.value == "loaded-term"]
    assert loaded and all(f.voice is Voice.AUTHOR for f in loaded)


# Quotation marks of every style, paired or not: straight, curly, low-9, guillemets,
# single guillemets, CJK corner brackets, primes, backticks and doubled apostrophes.
EVERY_QUOTE = st.sampled_from(list("\"'“”‘’„‟‚‛«»‹›「」『』″′`") + ["''", "``", "\" '", "’’"])
HOSTILE_PIECES = st.one_of(
    EVERY_QUOTE,
    st.characters(categories=["Cc"]),  # control characters, NUL and DEL among them
    st.characters(categories=["Mn", "Me"]),  # combining marks, alone or stacked
    st.sampled_from(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]),  # zero-width
    st.sampled_from(["\u200e", "\u200f", "\u202a", "\u202b", "\u202e", "\u2066", "\u2067", "\u2069"]),  # bidi
    st.sampled_from(["שלום עולם. ", "مرحبا بالعالم؟ ", "he said «שלום» ", "קרא \"reckless\" "]),  # right to left
    st.sampled_from(["e\u0301", "a\u0308\u0308\u0308", "\u0301", "Z\u0335\u0336\u0337"]),
    st.text(st.sampled_from("ab-'’."), min_size=200, max_size=5000),  # very long words
    st.sampled_from([" so-called ", " reckless ", "U.S. ", ". ", "?! ", "\n\n", "said ", " according to ",
                     "’s ", "3.5", " ... ", "\r\n", "\u2028", "\u2029"]),
    st.text(max_size=8),
)
HOSTILE = st.lists(HOSTILE_PIECES, max_size=30).map("".join)
SCHEMA = json.loads((ROOT / "schema" / "report.schema.json").read_text(encoding="utf-8"))


def _check_report(text, report):
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start:f.end] == f.text
    for s in report.sentences:
        assert 0 <= s.start < s.end <= len(text)
    for s in report.document.sentences:
        assert 0 <= s.start < s.end <= len(text)
    out = dumps(to_dict(report, with_text=True), pretty=True)
    obj = json.loads(out)
    jsonschema.validate(obj, SCHEMA)
    assert obj["stats"]["words"] == report.document.word_count
    out.encode("utf-8")  # no lone surrogate can reach the output file


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=HOSTILE)
def test_hostile_text_analyses_with_valid_offsets(text, lexicons):
    _check_report(text, analyze(text, lexicons=lexicons))


# Byte pieces of broken files: UTF-16 surrogates written as UTF-8 (CESU-8, or a
# "surrogateescape" leak), stray continuation and lead bytes, overlong forms, BOMs.
BYTE_PIECES = st.one_of(
    st.sampled_from([b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xed\xa0\xbd\xed\xb8\x80", b"\x80", b"\xbf", b"\xc3",
                     b"\xe2\x80", b"\xf0\x9f", b"\xc0\xaf", b"\xff", b"\xfe", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff",
                     b"\xe9t\xe9 ", b"\x93quoted\x94 "]),
    HOSTILE_PIECES.map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.binary(max_size=6),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.lists(BYTE_PIECES, min_size=1, max_size=30).map(b"".join))
def test_broken_bytes_are_read_and_analysed_or_refused(data, lexicons, tmp_path_factory):
    path = tmp_path_factory.mktemp("bytes") / "input.txt"
    path.write_bytes(data)
    try:
        doc = read(str(path))
    except InputError as exc:
        assert exc.path == str(path) and exc.message
        return
    assert doc.text.encode("utf-8")  # decoded text never holds an unpaired surrogate
    _check_report(doc.text, analyze(doc.text, lexicons=lexicons))


@pytest.mark.parametrize("data", [b"The plan \xed\xa0\x80 failed.", b"\xef\xbb\xbfA \xed\xb2\x80 B.",
                                  "The plan".encode("utf-16-le") + b"\x00\xd8" + b"x\x00"])
def test_escaped_surrogates_never_reach_the_text(tmp_path, data):
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    try:
        doc = read(str(path))
    except InputError:
        return
    doc.text.encode("utf-8")
