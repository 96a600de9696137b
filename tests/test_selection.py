from __future__ import annotations

import pytest

from rhetoric import analyze
from rhetoric.findings import Category, Finding, Severity
from rhetoric.selection import Selection, covers, unknown

TEXT = "The so-called experts slammed the reckless plan. Who knew about this? It may perhaps rain."


def finding(rule: str, severity: Severity = Severity.WARNING) -> Finding:
    return Finding(rule=rule, category=Category(rule.split(".")[0]), severity=severity, start=0, end=1, text="x",
                   message="m")


def test_covers_rule_category_and_everything():
    assert covers("loaded-term", "loaded-term.label")
    assert covers("loaded-term.label", "loaded-term.label")
    assert covers("", "hedge.hedge")
    assert not covers("loaded-term.lab", "loaded-term.label")
    assert not covers("loaded", "loaded-term.label")


def test_unknown_selectors_get_close_matches():
    rules = ["loaded-term.label", "hedge.hedge"]
    assert unknown("loaded-term", rules) is None
    assert unknown("loaded-terms", rules)[0] == "loaded-term"
    assert unknown("zzz", rules) == []


@pytest.mark.parametrize(("selection", "kept"), [
    (Selection(), {"loaded-term.label", "loaded-term.emotive", "hedge.hedge"}),
    (Selection(select=("loaded-term",)), {"loaded-term.label", "loaded-term.emotive"}),
    (Selection(ignore=("loaded-term",)), {"hedge.hedge"}),
    # The most specific selector decides; between equals, ignore wins.
    (Selection(select=("loaded-term",), ignore=("loaded-term.label",)), {"loaded-term.emotive"}),
    (Selection(select=("loaded-term.label",), ignore=("loaded-term",)), {"loaded-term.label"}),
    (Selection(select=("hedge",), ignore=("hedge",)), set()),
])
def test_select_and_ignore(selection, kept):
    findings = [finding("loaded-term.label"), finding("loaded-term.emotive"), finding("hedge.hedge")]
    assert {f.rule for f in selection.apply(findings)} == kept


def test_severity_overrides_most_specific_first_and_min_severity_hides():
    selection = Selection(severity=(("loaded-term", Severity.ERROR), ("loaded-term.speech-verb", Severity.INFO)))
    out = selection.apply([finding("loaded-term.label"), finding("loaded-term.speech-verb"),
                           finding("hedge.hedge", Severity.INFO)])
    assert [f.severity for f in out] == [Severity.ERROR, Severity.INFO, Severity.INFO]
    hidden = Selection(severity=selection.severity, min_severity=Severity.WARNING).apply(out)
    assert [f.rule for f in hidden] == ["loaded-term.label"]


def test_selection_in_the_pipeline_changes_findings_and_scores_alike(lexicons):
    full = analyze(TEXT, lexicons=lexicons)
    only = analyze(TEXT, selection=Selection(select=("rhetorical-question",)), lexicons=lexicons)
    assert {f.category for f in full.findings} > {Category.RHETORICAL_QUESTION}
    assert {f.category for f in only.findings} == {Category.RHETORICAL_QUESTION}
    counts = dict(only.scores.counts)
    assert counts[Category.RHETORICAL_QUESTION] == 1 and counts[Category.LOADED_TERM] == 0
    assert dict(full.scores.counts)[Category.LOADED_TERM] > 0
    assert analyze(TEXT, selection=Selection(), lexicons=lexicons).findings == full.findings
