"""Renderers: siblings that each show the same Report in one format."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..report import Report


def counted(n: int, noun: str) -> str:
    """Return "1 word", "2 words", "1,302 words": a count and its noun, in the singular for one."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def size_line(report: Report) -> str:
    """Return the line both reports open with: "812 words · 41 sentences · 9 paragraphs · 3.5 min read"."""
    doc = report.document
    return " · ".join((counted(doc.word_count, "word"), counted(len(doc.sentences), "sentence"),
                       counted(len(doc.paragraphs), "paragraph"), f"{report.reading_minutes:g} min read"))
