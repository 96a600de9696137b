"""The command line: arguments, consoles and exit codes; everything else is in the library."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated, Optional

import typer

from . import __version__

EXIT_OK, EXIT_THRESHOLD, EXIT_INPUT = 0, 1, 2

app = typer.Typer(
    name="rhetoric",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)


class Format(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


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

        cat draft.txt | rhetoric analyze - --format json
    """


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to analyse; - reads standard input.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    no_color: Annotated[bool, typer.Option("--no-color", help="Print no colours (so does NO_COLOR=1).")] = False,
    include_quoted: Annotated[bool, typer.Option(
        "--include-quoted", help="Count findings in quoted speech in the scores too.")] = False,
    no_text: Annotated[bool, typer.Option("--no-text", help="Leave the highlighted article out of the report.")]
    = False,
) -> None:
    """Analyse articles and report loaded terms, scare quotes, unsourced claims and more.

    Exit status: 0 when every file was analysed, 2 when any could not be read.
    """
    from rich.console import Console

    from . import lexicon
    from .analyze import analyze as run
    from .errors import RhetoricError
    from .read import expand, read
    from .render import json as json_render
    from .render import terminal

    out = Console(no_color=no_color or None, highlight=False, soft_wrap=False)
    try:
        lex = lexicon.load()
    except RhetoricError as exc:
        _complain(exc)
        raise typer.Exit(EXIT_INPUT) from None
    failed = False
    collected = []
    for item in expand(paths):
        if isinstance(item, RhetoricError):
            failed = True
            _complain(item)
            continue
        try:
            doc_input = read(item)
        except RhetoricError as exc:
            failed = True
            _complain(exc)
            if format is not Format.text:
                obj = json_render.error_dict(item, exc)
                if format is Format.jsonl:
                    sys.stdout.write(json_render.dumps(obj) + "\n")
                else:
                    collected.append(obj)
            continue
        report = run(doc_input.text, lexicons=lex, source=doc_input.source, include_quoted=include_quoted)
        if format is Format.text:
            terminal.render(report, out, show_text=not no_text)
        elif format is Format.jsonl:
            sys.stdout.write(json_render.dumps(json_render.to_dict(report)) + "\n")
        else:
            collected.append(json_render.to_dict(report))
    if format is Format.json and collected:
        sys.stdout.write(json_render.dumps(collected[0] if len(collected) == 1 and len(paths) == 1
                                           and paths[0] != "" and not _is_dir(paths[0]) else collected,
                                           pretty=True) + "\n")
    raise typer.Exit(EXIT_INPUT if failed else EXIT_OK)


def _complain(error: Exception) -> None:
    """Print a one-line diagnostic on standard error."""
    typer.echo(f"rhetoric: {error}", err=True)


def _is_dir(path: str) -> bool:
    from pathlib import Path

    return path != "-" and Path(path).is_dir()
