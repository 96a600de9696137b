from __future__ import annotations

import io

from rich.console import Console

from rhetoric import analyze
from rhetoric.render import terminal


def render(text: str, **kwargs) -> str:
    buf = io.StringIO()
    terminal.render(analyze(text), Console(file=buf, width=80, no_color=True), **kwargs)
    return buf.getvalue()


def test_report_sections(reference_text):
    out = render(reference_text)
    for heading in ("The Russians Are Coming", "Per 1,000 words", "Readability", "Article", "Legend",
                    "Scare quotes", "Unsourced assertions"):
        assert heading in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_quoted_findings_are_shown_apart():
    out = render("The mayor spoke on Monday. “This reckless, disgraceful plan must go,” said Ana Ruiz, a councillor.")
    assert "In quoted speech" in out


def test_article_markup_is_not_interpreted():
    out = render("The [bold]plan[/bold] was approved by the council on Monday after a vote.")
    assert "[bold]plan[/bold]" in out


def test_short_text_shows_undefined_readability():
    assert "n/a" in render("Short.")


def test_counts_of_one_are_singular():
    assert "1 word · 1 sentence · 1 paragraph · 0 min read" in render("Short.")
    assert "2 words · 1 sentence · 1 paragraph" in render("Quite short.")
