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


def _summary(width: int, texts: list[str], failed: int = 0) -> str:
    from rhetoric.summary import medians, row

    rows = [row(analyze(text)) for text in texts]
    buf = io.StringIO()
    terminal.render_summary(rows, medians(rows) if rows else None, Console(file=buf, width=width, no_color=True),
                            failed)
    return buf.getvalue()


def test_the_summary_shows_every_category_when_the_terminal_has_room():
    texts = ["Needless to say, the reckless plan is surely a disaster, isn't it? Some say it may fail."] * 2
    wide = _summary(130, texts)
    for heading in ("Loaded", "Scare", "Unsourced", "Weasel", "Hedges", "Boosters", "Editorial", "Questions"):
        assert heading in wide
    assert "columns wide" not in wide and max(map(len, wide.splitlines())) <= 130
    narrow = _summary(80, texts)
    assert "Loaded" in narrow and "Unsourced" in narrow and "Weasel" not in narrow
    assert "columns wide the table also shows weasel attributions" in " ".join(narrow.split())
    assert max(map(len, narrow.splitlines())) <= 80


def test_a_summary_of_nothing_but_failures_is_the_failure_line():
    assert _summary(80, [], failed=2).strip() == "2 files could not be analysed; see the messages above."
