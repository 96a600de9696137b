"""One summary row per analysed document, and the set's totals and medians."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .findings import Category
from .render import counted
from .report import Report

SORT_KEYS = ("path", "words", "grade", "sourced", *(c.value for c in Category))


@dataclass(frozen=True, slots=True, eq=False)  # never compared: no __eq__/__hash__ to generate at every start
class Row:
    """The headline numbers of one document."""

    path: str
    words: int
    densities: dict[str, float | None]
    claims: int
    attributed_share: float | None
    grade: float | None

    def key(self, column: str) -> tuple[bool, float | str]:
        """Return a sort key for `column`; undefined values sort last."""
        if column == "path":
            return False, self.path
        value = {"words": self.words, "grade": self.grade, "sourced": self.attributed_share}.get(
            column, self.densities.get(column))
        return value is None, -(value or 0.0)


def row(report: Report) -> Row:
    """Return the summary row of one report."""
    s = report.scores
    return Row(
        path=report.source.path,
        words=report.document.word_count,
        densities={c.value: d for c, d in s.densities},
        claims=s.claims,
        attributed_share=s.attributed_share,
        grade=report.readability.flesch_kincaid_grade,
    )


def medians(rows: list[Row]) -> Row:
    """Return a row of medians over `rows` (words are summed)."""
    # Imported here: statistics brings in fractions, decimal and random (~1% of every start-up).
    from statistics import median

    def med(values: Iterable[float | None]) -> float | None:
        present = [v for v in values if v is not None]
        return round(median(present), 2) if present else None

    return Row(
        path=f"{counted(len(rows), 'document')} (median)",
        words=sum(r.words for r in rows),
        densities={c.value: med(r.densities[c.value] for r in rows) for c in Category},
        claims=sum(r.claims for r in rows),
        attributed_share=med(r.attributed_share for r in rows),
        grade=med(r.grade for r in rows),
    )
