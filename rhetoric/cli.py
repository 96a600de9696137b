"""The command line: arguments, consoles and exit codes; everything else is in the library."""

from __future__ import annotations

import os
from enum import Enum
from typing import Annotated, Optional

import typer

from . import __version__

EXIT_OK, EXIT_THRESHOLD, EXIT_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130

app = typer.Typer(name="rhetoric", no_args_is_help=True, rich_markup_mode="rich", pretty_exceptions_enable=False)


class Format(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    html = "html"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rhetoric {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                    help="Show the version and exit.")] = None,
) -> None:
    """Analyse news text for loaded language, scare quotes, unsourced claims and more, offline.

    Examples:

        rhetoric analyze article.txt

        rhetoric analyze articles/ --format jsonl > reports.jsonl

        rhetoric analyze articles/ --sort loaded-term --format csv --output scores.csv

        rhetoric analyze article.txt --format html --output report.html

        cat draft.txt | rhetoric analyze - --format json
    """


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to analyse; - reads standard input.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Write results to FILE (atomically).")]
    = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Worker processes (0: the number of cores).")]
    = 0,
    include: Annotated[Optional[list[str]], typer.Option("--include", help="Only files matching this glob.")]
    = None,
    exclude: Annotated[Optional[list[str]], typer.Option("--exclude", help="Skip files matching this glob.")]
    = None,
    sort: Annotated[str, typer.Option("--sort", help="Summary column to sort by: path, words, grade, sourced, "
                                                     "or a category such as loaded-term.")] = "path",
    detail: Annotated[bool, typer.Option("--detail", help="Print the full report of every article.")] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="Print no colours (so does NO_COLOR=1).")] = False,
    include_quoted: Annotated[bool, typer.Option(
        "--include-quoted", help="Count findings in quoted speech in the scores too.")] = False,
    no_text: Annotated[bool, typer.Option("--no-text", help="Leave the highlighted article out of the report.")]
    = False,
    max_bytes: Annotated[int, typer.Option(
        "--max-bytes", min=1, help="Refuse files larger than this many bytes (each MB of text needs ~70 MB of memory).")]
    = 5_000_000,  # read.DEFAULT_MAX_BYTES, written out so that --help does not import the reader
) -> None:
    """Analyse articles and report loaded terms, scare quotes, unsourced claims and more.

    Exit status: 0 when every file was analysed, 2 when any could not be read, 130 when interrupted.
    """
    from .errors import RhetoricError
    from .summary import SORT_KEYS

    if sort not in SORT_KEYS:
        raise typer.BadParameter(f"expected one of: {', '.join(SORT_KEYS)}", param_hint="--sort")
    from . import run

    try:
        failed = run.analyze_command(
            paths, format=format.value, output=output, jobs=jobs or os.cpu_count() or 1,
            include=include or [], exclude=exclude or [], sort=sort, detail=detail, no_color=no_color,
            include_quoted=include_quoted, show_text=not no_text, max_bytes=max_bytes,
        )
    except KeyboardInterrupt:
        typer.echo("rhetoric: interrupted", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except RhetoricError as exc:
        typer.echo(f"rhetoric: {exc}", err=True)
        raise typer.Exit(EXIT_INPUT) from None
    raise typer.Exit(EXIT_INPUT if failed else EXIT_OK)


@app.command()
def rules(
    rule_id: Annotated[Optional[str], typer.Argument(metavar="ID", help="Explain one rule.")] = None,
) -> None:
    """List every rule (id, category, severity, what it flags), or explain one with examples."""
    import difflib

    from rich.console import Console
    from rich.table import Table

    from . import lexicon
    from .rules import all_rules

    known = all_rules(lexicon.load())
    console = Console(highlight=False)
    if rule_id is None:
        table = Table(show_lines=False)
        table.add_column("Rule (category.family)", no_wrap=True)
        table.add_column("Severity", no_wrap=True)
        table.add_column("What it flags")
        for r in known:
            table.add_row(r.id, r.severity.value, r.description)
        console.print(table)
        return
    match = next((r for r in known if r.id == rule_id), None)
    if match is None:
        close = difflib.get_close_matches(rule_id, [r.id for r in known], n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else "; see `rhetoric rules`"
        typer.echo(f"rhetoric: unknown rule {rule_id!r}{hint}", err=True)
        raise typer.Exit(EXIT_INPUT)
    console.print(f"[bold]{match.id}[/bold]  ({match.category.value}, {match.severity.value})")
    console.print(match.description, markup=False)
    where = "written as code" if match.source == "code" else f"{match.entries} entries in {match.source}"
    console.print(f"Defined: {where}", markup=False)
    console.print("[green]Flags:[/green]")
    for example in match.should_flag:
        console.print(f"  {example}", markup=False)
    console.print("[cyan]Leaves alone:[/cyan]")
    for example in match.should_pass:
        console.print(f"  {example}", markup=False)


@app.command()
def compare(
    first: Annotated[str, typer.Argument(help="The first article.")],
    second: Annotated[str, typer.Argument(help="The second article, on the same story.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="text, json or html.")] = Format.text,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Write to FILE (atomically).")] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="Print no colours.")] = False,
) -> None:
    """Compare two articles on the same story: scores side by side, loaded terms each alone uses."""
    import json

    from rich.console import Console

    from . import lexicon
    from .compare import compare as run_compare
    from .compare import difference
    from .errors import RhetoricError
    from .pipeline import analyze as run
    from .read import read
    from .render import json as json_render
    from .render import terminal

    if format not in (Format.text, Format.json, Format.html):
        typer.echo("rhetoric: compare prints text, json or html", err=True)
        raise typer.Exit(EXIT_INPUT)
    try:
        lex = lexicon.load()
        reports = [run(doc.text, lexicons=lex, source=doc.source) for doc in (read(first), read(second))]
    except RhetoricError as exc:
        typer.echo(f"rhetoric: {exc}", err=True)
        raise typer.Exit(EXIT_INPUT) from None
    comparison = run_compare(*reports)
    from .output import destination

    if format is Format.html:
        from .render import html as html_render

        with destination(output) as stream:
            stream.write(html_render.comparison_page(comparison))
        return
    if format is Format.json:
        obj = {
            "schema_version": 1,
            "first": json_render.to_dict(comparison.a),
            "second": json_render.to_dict(comparison.b),
            "comparison": [{"measure": label, "first": x, "second": y, "difference": difference(x, y)}
                           for label, x, y in comparison.rows()],
            "loaded_terms_only_in_first": list(comparison.only_a),
            "loaded_terms_only_in_second": list(comparison.only_b),
            "loaded_terms_in_both": list(comparison.shared),
        }
        with destination(output) as stream:
            stream.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
        return
    with destination(output) as stream:
        console = Console(file=stream, highlight=False, color_system=None if no_color else "auto",
                          force_terminal=False if output else None)
        terminal.render_comparison(comparison, console)
