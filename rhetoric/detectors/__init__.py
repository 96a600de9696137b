"""The detectors, each a pure function from a Context to Findings."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..context import Context
from ..findings import Finding
from . import lexical, questions, scare_quotes, unsourced

Detector = Callable[[Context], Iterator[Finding]]

DETECTORS: tuple[Detector, ...] = (
    lexical.detect,
    scare_quotes.detect,
    unsourced.detect,
    questions.detect,
)
