"""Which findings a user wants: rules selected and ignored, severities changed, and a floor."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from .findings import Finding, Severity

EVERY = ""  # the selector that covers every rule


def covers(selector: str, rule: str) -> bool:
    """Return whether `selector` (a rule id, a category, or EVERY) names `rule`."""
    return selector == EVERY or rule == selector or rule.startswith(selector + ".")


def unknown(selector: str, rules: Iterable[str]) -> list[str] | None:
    """Return None when `selector` names at least one of `rules`, else the close matches to suggest."""
    ids = list(rules)
    if any(covers(selector, r) for r in ids):
        return None
    names = sorted({*ids, *(r.split(".", 1)[0] for r in ids)})
    return difflib.get_close_matches(selector, names, n=3, cutoff=0.6)


@dataclass(frozen=True, slots=True, eq=False)  # never compared: no __eq__/__hash__ to generate at every start
class Selection:
    """The user's choice of findings; the default keeps every finding as the detectors made it."""

    select: tuple[str, ...] | None = None  # None: every rule
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    min_severity: Severity = Severity.INFO

    @property
    def is_default(self) -> bool:
        return self.select is None and not self.ignore and not self.severity and self.min_severity is Severity.INFO

    def keeps(self, rule: str) -> bool:
        """Return whether findings of `rule` are selected: the most specific matching selector decides.

        Between a select and an ignore equally specific, the ignore wins.
        """
        chosen = _most_specific(rule, (EVERY,) if self.select is None else self.select)
        dropped = _most_specific(rule, self.ignore)
        if chosen is None:
            return False
        return dropped is None or len(dropped) < len(chosen)

    def severity_of(self, rule: str, default: Severity) -> Severity:
        """Return the severity the user gives `rule` (the most specific override), else `default`."""
        best = _most_specific(rule, [s for s, _ in self.severity])
        return default if best is None else dict(self.severity)[best]

    def apply(self, findings: Sequence[Finding]) -> list[Finding]:
        """Return the findings kept, with their severities as the user set them."""
        if self.is_default:
            return list(findings)
        kept: dict[str, bool] = {}
        out = []
        for f in findings:
            if f.rule not in kept:
                kept[f.rule] = self.keeps(f.rule)
            if not kept[f.rule]:
                continue
            severity = self.severity_of(f.rule, f.severity)
            if severity.rank < self.min_severity.rank:
                continue
            out.append(f if severity is f.severity else replace(f, severity=severity))
        return out


def _most_specific(rule: str, selectors: Iterable[str]) -> str | None:
    matching = [s for s in selectors if covers(s, rule)]
    return max(matching, key=len) if matching else None
