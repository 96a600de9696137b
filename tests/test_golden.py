"""Pin the report of every file in samples/ (regenerate with UPDATE_GOLDEN=1 after a deliberate change)."""

from __future__ import annotations

import json
import os

import pytest

from rhetoric import analyze
from rhetoric.render.json import to_dict
from rhetoric.report import Source
from tests.conftest import ROOT, SAMPLES

GOLDEN = ROOT / "tests" / "golden"


def _report(path) -> dict:
    text = path.read_text(encoding="utf-8")
    return to_dict(analyze(text, source=Source(path=f"samples/{path.name}")))


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.stem)
def test_golden_report(sample):
    golden = GOLDEN / f"{sample.stem}.json"
    actual = _report(sample)
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert golden.exists(), f"no golden report for {sample.name}: run UPDATE_GOLDEN=1 pytest tests/test_golden.py"
    assert actual == json.loads(golden.read_text(encoding="utf-8"))


def test_every_sample_has_a_golden_report():
    assert {p.stem for p in GOLDEN.glob("*.json")} == {p.stem for p in SAMPLES.glob("*.txt")}
