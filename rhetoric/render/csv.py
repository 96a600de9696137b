"""CSV: one row per file with its summary scores."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from ..errors import RhetoricError
from ..findings import Category
from ..summary import Row

COLUMNS = ("path", "error", "words", *(f"{c.value}_per_1000" for c in Category), "claims",
           "attributed_share", "flesch_kincaid_grade", "warnings")
# Between the warnings of one file in their column: they are sentences, which may hold commas and colons.
_WARNINGS_JOINED_BY = "; "


def header() -> str:
    """Return the CSV header line."""
    return _line(COLUMNS)


def line(row: Row, warnings: Iterable[str] = ()) -> str:
    """Return the CSV line of one document, with the warnings about it that did not stop its analysis."""
    return _line((row.path, "", row.words, *(_num(row.densities[c.value]) for c in Category), row.claims,
                  _num(row.attributed_share), _num(row.grade), _WARNINGS_JOINED_BY.join(warnings)))


def error_line(path: str, error: RhetoricError) -> str:
    """Return the CSV line of a file that could not be analysed."""
    return _line((path, error.message, *[""] * (len(COLUMNS) - 2)))


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _line(values: Iterable[object]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(values)
    return buf.getvalue()
