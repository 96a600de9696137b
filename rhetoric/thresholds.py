"""Limits for CI: fail on findings of a severity, or on too many of a category per 1,000 words."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import shown
from .findings import Category, Severity, Voice
from .report import Report


@dataclass(frozen=True, slots=True, eq=False)  # never compared: no __eq__/__hash__ to generate at every start
class Limits:
    """The limits an article must keep; the default has none."""

    fail_on: Severity | None = None
    max: tuple[tuple[Category, float], ...] = ()  # per 1,000 words


@dataclass(frozen=True, slots=True)
class Breach:
    """One limit an article exceeds: what was measured and what is allowed."""

    path: str
    limit: str  # as the user wrote it: "fail-on warning", "max loaded-term"
    measured: str
    allowed: str

    def __str__(self) -> str:
        return f"{shown(self.path)}: {self.limit} exceeded: {self.measured}, allowed {self.allowed}"


def check(report: Report, limits: Limits, include_quoted: bool = False) -> tuple[Breach, ...]:
    """Return the limits `report` exceeds, counting the findings its scores count."""
    path = report.source.path
    breaches = []
    if limits.fail_on is not None:
        floor = limits.fail_on.rank
        n = sum(1 for f in report.findings
                if f.severity.rank >= floor and (include_quoted or f.voice is Voice.AUTHOR))
        if n:
            breaches.append(Breach(path, f"fail-on {limits.fail_on.value}",
                                   f"{n} finding{'s' if n != 1 else ''} at or above {limits.fail_on.value}", "0"))
    densities = dict(report.scores.densities)
    for category, allowed in limits.max:
        measured = densities.get(category)
        if measured is not None and measured > allowed:
            breaches.append(Breach(path, f"max {category.value}", f"{measured:g} per 1,000 words", f"{allowed:g}"))
    return tuple(breaches)
