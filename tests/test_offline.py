"""Nothing is downloaded at run time: analysis works with the network blocked (see conftest)."""

from __future__ import annotations

import subprocess
import sys

import nltk

from rhetoric import analyze
from tests.conftest import SAMPLES


def test_analysis_never_downloads(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"nltk.download called with {args!r}")

    monkeypatch.setattr(nltk, "download", refuse)
    for path in sorted(SAMPLES.glob("*.txt")):
        report = analyze(path.read_text(encoding="utf-8"))
        assert report.readability.flesch_reading_ease is not None


def test_guard_blocks_sockets():
    import socket

    import pytest

    from tests.conftest import NetworkBlocked

    with pytest.raises(NetworkBlocked):
        socket.create_connection(("example.org", 80))


def test_analysis_imports_neither_textstat_nor_nltk():
    # textstat's syllable path is where the download lives, and both are slow to import:
    # the pipeline computes the formulas itself from what the Document already counts.
    code = ("import sys, rhetoric; rhetoric.analyze('The council approved the plan on Monday.'); "
            "print(sorted(m for m in ('textstat', 'nltk') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
