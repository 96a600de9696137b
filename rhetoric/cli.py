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
    max_bytes: Annotated[int, typer.Option("--max-bytes", min=1, help="Refuse files larger than this.")]
    = 50_000_000,
) -> None:
    """Analyse articles and report loaded terms, scare quotes, unsourced claims and more.

    Exit status: 0 when every file was analysed, 2 when any could not be read, 130 when interrupted.
    """
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
    raise typer.Exit(EXIT_INPUT if failed else EXIT_OK)
