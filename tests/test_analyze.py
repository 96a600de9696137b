from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rhetoric import Voice, analyze
from rhetoric.render.json import dumps, to_dict

QUOTE_MARKS = st.sampled_from(list("\"'“”‘’«»„`"))
TEXTISH = st.lists(st.one_of(st.text(max_size=12), QUOTE_MARKS, st.sampled_from(
    ["so-called", " reckless ", "U.S.", ". ", "? ", "\n\n", "said", " according to ", "’s", "3.5"])), max_size=40
).map("".join)


def test_empty_text_gives_an_empty_report():
    report = analyze("")
    assert report.findings == () and report.sentences == ()
    assert report.readability.flesch_reading_ease is None
    assert report.scores.attributed_share is None


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
