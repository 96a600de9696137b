"""Compare two reports of articles on the same story: scores side by side, loaded terms each alone uses."""

from __future__ import annotations

from dataclasses import dataclass

from .findings import Category, Voice
from .report import Report


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two reports and what sets them apart."""

    a: Report
    b: Report
    only_a: tuple[str, ...]  # loaded terms (writer's voice) that only the first article uses
    only_b: tuple[str, ...]
    shared: tuple[str, ...]

    def rows(self) -> list[tuple[str, float | None, float | None]]:
        """Return (label, first, second) for every compared figure; counts are ints."""
        da, db = dict(self.a.scores.densities), dict(self.b.scores.densities)
        rows: list[tuple[str, float | None, float | None]] = [
            ("Words", self.a.document.word_count, self.b.document.word_count),
        ]
        rows += [(f"{c.label} /1,000 words", da[c], db[c]) for c in Category]
        rows += [
            ("Checkable claims", self.a.scores.claims, self.b.scores.claims),
            ("Claims attributed (%)", _pct(self.a.scores.attributed_share),
             _pct(self.b.scores.attributed_share)),
            ("Flesch-Kincaid grade", self.a.readability.flesch_kincaid_grade,
             self.b.readability.flesch_kincaid_grade),
        ]
        return rows


def compare(a: Report, b: Report) -> Comparison:
    """Return the comparison of two reports."""
    ta, tb = _loaded_terms(a), _loaded_terms(b)
    return Comparison(a, b, tuple(sorted(ta - tb)), tuple(sorted(tb - ta)), tuple(sorted(ta & tb)))


def difference(first: float | None, second: float | None) -> float | None:
    """Return second minus first, or None when either is undefined."""
    return None if first is None or second is None else round(second - first, 2)


def figure(value: float | None, signed: bool = False) -> str:
    """Return a compared figure as shown: a count whole ("634", "+1,376"), a measure to one decimal, or n/a."""
    if value is None:
        return "n/a"
    sign = "+" if signed else ""
    return f"{value:{sign},d}" if isinstance(value, int) else f"{value:{sign}.1f}"


def _loaded_terms(report: Report) -> set[str]:
    # Keyed by the lexicon entry (its message names the term), so "reckless plan" and
    # "reckless tax" count as the same loaded word.
    return {_term(f.message, f.text) for f in report.findings
            if f.category is Category.LOADED_TERM and f.voice is Voice.AUTHOR}


def _term(message: str, text: str) -> str:
    """Return the term a lexicon message quotes (“term” …), or the matched text."""
    if message.startswith("“") and "”" in message:
        return message[1:message.index("”")]
    return text.lower()


def _pct(share: float | None) -> float | None:
    return None if share is None else round(100 * share, 1)
