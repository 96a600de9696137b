from __future__ import annotations

from rhetoric import analyze
from rhetoric.findings import Category, Severity
from rhetoric.report import Source
from rhetoric.thresholds import Breach, Limits, check

TEXT = ("The reckless plan was slammed. “This is a disgraceful and reckless scheme,” said Ana Ruiz, a councillor. "
        "The council will vote next week on the plan for the harbour bridge and its costs.")


def test_no_limits_no_breaches(lexicons):
    assert check(analyze(TEXT, lexicons=lexicons), Limits()) == ()


def test_fail_on_counts_author_findings_at_or_above_the_level(lexicons):
    report = analyze(TEXT, source=Source("a.txt"), lexicons=lexicons)
    author = [f for f in report.findings if f.voice.value == "author" and f.severity.rank >= Severity.WARNING.rank]
    (breach,) = check(report, Limits(fail_on=Severity.WARNING))
    assert breach == Breach("a.txt", "fail-on warning", f"{len(author)} findings at or above warning", "0")
    assert str(breach).startswith("a.txt: fail-on warning exceeded: ")
    everyone = [f for f in report.findings if f.severity.rank >= Severity.WARNING.rank]
    assert len(everyone) > len(author)
    (quoted,) = check(report, Limits(fail_on=Severity.WARNING), include_quoted=True)
    assert quoted.measured.startswith(f"{len(everyone)} ")
    assert check(analyze("The council met on Tuesday.", lexicons=lexicons), Limits(fail_on=Severity.INFO)) == ()


def test_max_compares_the_density_per_1000_words(lexicons):
    report = analyze(TEXT, source=Source("a.txt"), lexicons=lexicons)
    density = dict(report.scores.densities)[Category.LOADED_TERM]
    assert density > 0
    assert check(report, Limits(max=((Category.LOADED_TERM, density),))) == ()
    (breach,) = check(report, Limits(max=((Category.LOADED_TERM, 5),)))
    assert (breach.limit, breach.measured, breach.allowed) == ("max loaded-term", f"{density:g} per 1,000 words", "5")
