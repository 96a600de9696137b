"""The JSON renderer writes, a piece at a time, the very text of json.dumps over the contract object."""

from __future__ import annotations

import json

import pytest

from rhetoric.pipeline import analyze
from rhetoric.render import json as json_render
from tests.conftest import ROOT

TEXTS = [
    "",
    "Hi.",
    'Critics called the "reform" a disaster.\n\nIs it? Officials said it was "fine", reportedly.',
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
