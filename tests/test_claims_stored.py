"""The claim signals stored beside the cue tables are the signals the [claim] table builds."""

from __future__ import annotations

import copy
import json

import pytest

from rhetoric import claims, data, prefilter
from rhetoric.data import table


def _stored_text() -> str:
    return (data.folder() / claims.STORED).read_text(encoding="utf-8")


def _built() -> tuple[claims.Signal, ...]:
    return tuple(claims._signal(s) for s in table("sourcing.toml")["claim"]["signal"])


def test_the_stored_signals_are_up_to_date() -> None:
    if json.loads(_stored_text())["engine"] != prefilter.ENGINE:
        pytest.skip("stored by another interpreter: its signals are built from the table (tested below)")
    assert _stored_text() == claims.stored_form(), \
        "the [claim] table or the code reading it changed: run `python -m rhetoric.compiled`"


def test_the_stored_signals_equal_the_built_ones() -> None:
    if json.loads(_stored_text())["engine"] != prefilter.ENGINE:
        pytest.skip("stored by another interpreter")
    stored = claims._stored(table("sourcing.toml")["claim"])
    assert stored is not None, "the stored form is not used for the table it was made from"
    # Patterns compare by their engine code, flags and text: equal patterns match alike.
    for got, built in zip(stored, _built(), strict=True):
        assert got == built, got.name
        for name in ("pattern", "folded", "needles", "starters", "projected"):
            assert type(getattr(got, name)) is type(getattr(built, name)), (got.name, name)
    assert claims.cues().signals == stored


def test_the_signals_are_built_from_the_table_for_another_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    claim = table("sourcing.toml")["claim"]
    monkeypatch.setattr(prefilter, "ENGINE", [*prefilter.ENGINE[:-1], "other"])
    assert claims._stored(claim) is None
    stored = claims.cues()
    claims.cues.cache_clear()
    try:
        assert claims.cues() == stored
    finally:
        claims.cues.cache_clear()


def test_the_signals_are_built_from_an_edited_table() -> None:
    claim = copy.deepcopy(table("sourcing.toml")["claim"])
    assert claims._stored(claim) is not None or json.loads(_stored_text())["engine"] != prefilter.ENGINE
    claim["signal"][0]["weight"] += 1
    assert claims._stored(claim) is None


def test_a_missing_or_broken_stored_file_is_ignored(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    claim = table("sourcing.toml")["claim"]
    signals = json.loads(_stored_text())["signals"]
    monkeypatch.setattr(data, "folder", lambda: tmp_path)
    assert claims._stored(claim) is None
    (tmp_path / claims.STORED).write_text("{not json", encoding="utf-8")
    assert claims._stored(claim) is None
    (tmp_path / claims.STORED).write_text('{"engine": %s, "claim": {}}' % json.dumps(prefilter.ENGINE),
                                          encoding="utf-8")
    assert claims._stored(claim) is None
    stored = {"engine": prefilter.ENGINE, "claim": claim, "signals": signals}
    (tmp_path / claims.STORED).write_text(json.dumps(stored), encoding="utf-8")
    assert claims._stored(claim) is not None
    # Code the engine refuses (an opcode it does not know).
    next(form for form in stored["signals"] if form["pattern"] is not None)["pattern"]["code"] = "ffffff7f" * 4
    (tmp_path / claims.STORED).write_text(json.dumps(stored), encoding="utf-8")
    assert claims._stored(claim) is None
