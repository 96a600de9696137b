"""The JSON renderer writes, a piece at a time, the very text of json.dumps over the contract object."""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric.findings import Category, Finding, Severity, Voice
from rhetoric.pipeline import analyze
from rhetoric.render import json as json_render
from rhetoric.sourcing import SentenceAssessment
from tests.conftest import ROOT

TEXTS = [
    "",
    "Hi.",
    'Critics called the "reform" a disaster.\n\nIs it? Officials said it was "fine", reportedly.',
    # One entry's findings in the writer's voice and in a quoted speaker's, which the renderer encodes apart.
    'Officials called it a disaster. "It is a disaster," she said. A disaster, reportedly.',
    'Line\u2028separator, a NUL \x00, "quotes\\", an emoji 😀 and é.',
    *(p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))),
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("with_text", [False, True])
def test_streamed_json_equals_dumps_of_to_dict(text, with_text):
    report = analyze(text)
    obj = json_render.to_dict(report, with_text=with_text)
    compact = "".join(json_render.iterencode(report, with_text=with_text))
    assert compact == json.dumps(obj, ensure_ascii=False) == json_render.dumps(obj)
    pretty = "".join(json_render.iterencode(report, with_text=with_text, pretty=True))
    assert pretty == json.dumps(obj, ensure_ascii=False, indent=2) == json_render.dumps(obj, pretty=True)


@pytest.mark.parametrize("pretty", [False, True])
def test_a_long_text_is_written_in_batches_and_slices(pretty):
    text = ('He said "no".\n' * 10_000) + "é😀"
    report = analyze(text)
    streamed = "".join(json_render.iterencode(report, with_text=True, pretty=pretty))
    assert streamed == json.dumps(json_render.to_dict(report, with_text=True), ensure_ascii=False,
                                  indent=2 if pretty else None)
    assert json.loads(streamed)["text"] == text


_FINDINGS = st.lists(st.builds(
    Finding,
    rule=st.sampled_from(["loaded-term.label", "hedge.hedge", "weasel.vague"]),
    category=st.sampled_from(list(Category)),
    severity=st.sampled_from(list(Severity)),
    start=st.integers(0, 60), end=st.integers(0, 60),
    text=st.text(max_size=8),
    message=st.sampled_from(["m", 'a "quoted" message', "\u2028\x00\\"]),
    why=st.sampled_from(["", "why"]),
    alternative=st.none() | st.sampled_from(["", "alt", "é😀"]),
    voice=st.sampled_from(list(Voice)),
), max_size=12)


@settings(max_examples=200, deadline=None)
@given(findings=_FINDINGS)
def test_findings_encoded_once_per_entry_read_as_json_dumps_writes_them(findings):
    # The compact findings reuse the text of members they share: any mix of shared and distinct members.
    _assert_compact_reads_as_json_dumps(dataclasses.replace(_LINES, findings=tuple(findings)))


def _assert_compact_reads_as_json_dumps(report):
    assert "".join(json_render.iterencode(report)) == json.dumps(json_render.to_dict(report), ensure_ascii=False)


_LINES = analyze("First line of text.\nSecond line\n\nthird line, and more words to fill sixty characters")


_ASSESSMENTS = st.lists(st.builds(
    SentenceAssessment, index=st.integers(0, 10**9), start=st.integers(0, 10**9), end=st.integers(0, 10**9),
    claim=st.booleans(), attributed=st.booleans(), vague=st.booleans(), quoted=st.booleans(),
), max_size=12)


@settings(max_examples=100, deadline=None)
@given(sentences=_ASSESSMENTS)
def test_sentences_read_as_json_dumps_writes_them(sentences):
    _assert_compact_reads_as_json_dumps(dataclasses.replace(_LINES, sentences=tuple(sentences)))
