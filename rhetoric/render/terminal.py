"""The Rich terminal report: header, scores, the highlighted article, and the findings."""

from __future__ import annotations

import errno
import os
from typing import TYPE_CHECKING

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..errors import shown
from ..findings import Category, Finding, Voice
from ..report import Report
from . import counted, size_line

if TYPE_CHECKING:
    from ..compare import Comparison
    from ..summary import Row

STYLES = {
    Category.LOADED_TERM: "bold red",
    Category.SCARE_QUOTE: "bold magenta",
    Category.UNSOURCED_ASSERTION: "underline yellow",
    Category.WEASEL: "bold yellow",
    Category.HEDGE: "cyan",
    Category.BOOSTER: "bold blue",
    Category.EDITORIALIZING: "bold green",
    Category.RHETORICAL_QUESTION: "italic bright_cyan",
}
QUOTED_STYLE = "dim"
READABILITY_LABELS = (
    ("flesch_reading_ease", "Flesch reading ease"),
    ("flesch_kincaid_grade", "Flesch-Kincaid grade"),
    ("gunning_fog", "Gunning fog"),
    ("smog_index", "SMOG"),
    ("coleman_liau_index", "Coleman-Liau"),
    ("automated_readability_index", "ARI"),
    ("dale_chall_readability_score", "Dale-Chall"),
    ("text_standard", "Consensus grade"),
)


def render(report: Report, console: Console, *, show_text: bool = True) -> None:
    """Print the full report of one article."""
    console.print(_header(report))
    console.print(_scores(report))
    if show_text:
        console.print(Panel(_article(report), title="Article", title_align="left"))
        console.print(_legend())
    _findings(report, console)


class OutputConsole(Console):
    """A Rich console for the results: a reader that stops early (`… | head`) raises BrokenPipeError.

    Rich's own handling exits with status 1, which for rhetoric says a threshold was exceeded.
    """

    def on_broken_pipe(self) -> None:
        self.quiet = True  # nothing more to write
        raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))


def _fmt(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def _header(report: Report) -> Panel:
    line = Text()
    line.append(size_line(report))
    line.append(f"\n{shown(report.source.path)}", style="dim")
    return Panel(line, title=Text(report.title or "(untitled)", style="bold"), title_align="left")


def _scores(report: Report) -> Table:
    s = report.scores
    dens = Table(title="Per 1,000 words (writer's voice)", title_justify="left", show_edge=False, box=None)
    dens.add_column("Category")
    dens.add_column("Count", justify="right")
    dens.add_column("Per 1,000", justify="right")
    counts = dict(s.counts)
    for cat, density in s.densities:
        dens.add_row(Text(cat.label, style=STYLES[cat]), str(counts[cat]), _fmt(density))
    share = s.attributed_share
    dens.add_row("", "", "")
    dens.add_row("Claims (checkable sentences)", str(s.claims), "")
    dens.add_row("Attributed to a source", str(s.attributed_claims),
                 "n/a" if share is None else f"{100 * share:.0f}%")
    dens.add_row("Findings in quoted speech", str(s.quoted_findings), "")
    read = Table(title="Readability", title_justify="left", show_edge=False, box=None)
    read.add_column("Formula")
    read.add_column("Score", justify="right")
    for key, label in READABILITY_LABELS:
        read.add_row(label, _fmt(getattr(report.readability, key)))
    grid = Table.grid(padding=(0, 4))
    grid.add_row(dens, read)
    return grid


def _article(report: Report) -> Text:
    text = Text(report.text.strip("\n"))
    offset = len(report.text) - len(report.text.lstrip("\n"))
    for q in report.document.quotations:
        if q.depth == 0:
            text.stylize(QUOTED_STYLE, q.start - offset, q.end - offset)
    for f in sorted(report.findings, key=lambda f: f.category is not Category.UNSOURCED_ASSERTION):
        text.stylize(STYLES[f.category], f.start - offset, f.end - offset)
    return text


def _legend() -> Text:
    legend = Text("Legend: ")
    for cat, style in STYLES.items():
        legend.append(cat.value, style=style)
        legend.append("  ")
    legend.append("quoted speech", style=QUOTED_STYLE)
    return legend


def _findings(report: Report, console: Console) -> None:
    author = [f for f in report.findings if f.voice is Voice.AUTHOR]
    quoted = [f for f in report.findings if f.voice is Voice.QUOTED]
    if not report.findings:
        console.print(Text("No findings.", style="green"))
    for cat in Category:
        group = [f for f in author if f.category is cat]
        if group:
            console.print(_finding_table(report, group, f"{cat.label} ({len(group)})", STYLES[cat]))
    if quoted:
        console.print(_finding_table(report, quoted, f"In quoted speech: the speakers' words, not the writer's "
                                                     f"({len(quoted)})", QUOTED_STYLE))


def _finding_table(report: Report, findings: list[Finding], title: str, style: str) -> Table:
    table = Table(title=Text(title, style=style), title_justify="left", show_lines=False, expand=True)
    table.add_column("Where", no_wrap=True, style="dim")
    table.add_column("Text", ratio=2)
    table.add_column("Why", ratio=4)
    for f in findings:
        line, col = report.document.line_col(f.start)
        why = Text(f.message, style="bold")
        why.append(f"  [{f.rule}]", style="dim")
        if f.why:
            why.append(f"\n{f.why}")
        if f.alternative:
            why.append("\nTry: ", style="green")
            why.append(f.alternative)
        excerpt = f.text if len(f.text) <= 80 else f.text[:77] + "…"
        table.add_row(f"{line}:{col}", Text(excerpt), why)
    return table


def render_summary(rows: list[Row], total: Row | None, console: Console, failed: int = 0) -> None:
    """Print one row per document and a row of medians for the set; a column per category if the terminal has room."""
    from rich import box

    prefix = _common_folder([r.path for r in rows])

    def cells(r: Row) -> list[str]:
        share = "n/a" if r.attributed_share is None else f"{100 * r.attributed_share:.0f}%"
        path = r.path[len(prefix):] if r.path.startswith(prefix) else r.path
        return [shown(path), f"{r.words:,}", *(_fmt(r.densities[c.value]) for c in SHORT), share, _fmt(r.grade)]

    lines = [cells(r) for r in (*rows, *([total] if total is not None else []))]
    # (heading, category) of each column; the path's is first.
    columns = [("Path", None), ("Words", None), *((SHORT[c], c) for c in SHORT), ("Sourced", None), ("Grade", None)]
    # A column takes its widest cell, and two characters before it (one between columns, one of padding).
    needed = _PATH_ROOM + sum(max([len(heading), *(len(line[i]) for line in lines)]) + 2
                              for i, (heading, _) in enumerate(columns) if i)
    narrow = console.width < needed
    kept = [i for i, (_, category) in enumerate(columns) if not narrow or category not in _WIDE_ONLY]
    table = Table(title="Summary (per 1,000 words, writer's voice)", title_justify="left", box=box.SIMPLE_HEAD,
                  show_edge=False, pad_edge=False, padding=(0, 0, 0, 1))
    table.add_column("Path", overflow="fold", min_width=_PATH_ROOM)
    for heading, category in (columns[i] for i in kept[1:]):
        table.add_column(heading, justify="right", style=STYLES[category] if category else "")
    for n, line in enumerate(lines):
        if n == len(rows):  # the medians
            table.add_section()
        table.add_row(*(line[i] for i in kept), style="bold" if n == len(rows) else None)
    if lines:
        console.print(table)
    if narrow and lines:
        left_out = ", ".join(c.label.lower() for c in _WIDE_ONLY)
        console.print(Text(f"On a terminal {needed} columns wide the table also shows {left_out}; "
                           "--format csv has them all.", style="dim"))
    if failed:
        console.print(Text(f"{counted(failed, 'file')} could not be analysed; see the messages above.", style="red"))


def _common_folder(paths: list[str]) -> str:
    """Return the folder all paths share (with its trailing slash), so the table shows what differs."""
    import os

    if len(paths) < 2:
        return ""
    try:
        common = os.path.commonpath(paths)
    except ValueError:
        return ""
    return common.rstrip("/") + "/" if common else ""


# The summary's heading of each category's column, in the order of the columns.
SHORT = {
    Category.LOADED_TERM: "Loaded",
    Category.SCARE_QUOTE: "Scare",
    Category.UNSOURCED_ASSERTION: "Unsourced",
    Category.WEASEL: "Weasel",
    Category.HEDGE: "Hedges",
    Category.BOOSTER: "Boosters",
    Category.EDITORIALIZING: "Editorial",
    Category.RHETORICAL_QUESTION: "Questions",
}
# The categories whose columns the summary leaves out on a terminal too narrow for them all.
_WIDE_ONLY = (Category.WEASEL, Category.HEDGE, Category.BOOSTER, Category.EDITORIALIZING, Category.RHETORICAL_QUESTION)
_PATH_ROOM = 24  # the summary's path column at least


def render_comparison(comparison: Comparison, console: Console) -> None:
    """Print two articles' scores side by side, and the loaded terms each alone uses."""
    from ..compare import difference, figure

    a, b = comparison.a, comparison.b
    console.print(Text(f"(1) {a.source.path}\n(2) {b.source.path}"))
    table = Table(title_justify="left")
    table.add_column("", no_wrap=True)
    table.add_column("(1)", justify="right")
    table.add_column("(2)", justify="right")
    table.add_column("(2) − (1)", justify="right", no_wrap=True)
    for label, first, second in comparison.rows():
        table.add_row(label, figure(first), figure(second), figure(difference(first, second), signed=True))
    console.print(table)
    for path, terms in ((a.source.path, comparison.only_a), (b.source.path, comparison.only_b)):
        line = Text(f"Loaded terms only in {path}: ", style="bold")
        line.append(", ".join(terms) if terms else "none", style=STYLES[Category.LOADED_TERM] if terms else "")
        console.print(line)
    if comparison.shared:
        console.print(Text("Used by both: " + ", ".join(comparison.shared)))
