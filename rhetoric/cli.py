"""The command line: arguments, consoles and exit codes; everything else is in the library."""

# No `from __future__ import annotations` here: Typer reads every command's annotations at every
# start, and as strings it would evaluate each (some 240 evaluations, 3% of a one-article run).

import copy
import functools
import inspect
import os
import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, Callable, Optional, TypeVar, cast

import typer

from . import __version__

if TYPE_CHECKING:
    from .compare import Comparison
    from .config import Resolver

EXIT_OK, EXIT_THRESHOLD, EXIT_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130


app = typer.Typer(name="rhetoric", no_args_is_help=True, rich_markup_mode="rich", pretty_exceptions_enable=False)


def program() -> None:
    """Run the command line as a program: the `rhetoric` command and `python -m rhetoric`.

    Calling `app` itself, as tests and other programs do, raises SystemExit as any Typer
    application does; this ends the process once its output is out.
    """
    try:
        try:
            _app_for(sys.argv[1:])(prog_name="rhetoric")
        finally:
            _flush(sys.stdout)  # so that a write error shows here, not as the interpreter exits
    except (_ReaderStopped, BrokenPipeError):
        _end_as_the_reader_did()
    except OSError as exc:
        # Writing failed (a full disk, a lost device): a message, not a traceback.
        _discard_stdout()
        print(f"rhetoric: {exc.strerror or exc}", file=sys.stderr)
        raise SystemExit(EXIT_INPUT) from None
    except SystemExit as done:
        # The interpreter's teardown frees every lexicon entry and module one by one (~6% of
        # a one-article run) for nothing: skip it once the output is flushed and the workers
        # are gone (Batch stops its pool before the command returns).
        if (done.code is None or isinstance(done.code, int)) and _flushed():
            os._exit(done.code or 0)
        raise


def _app_for(args: list[str]) -> typer.Typer:
    """Return `app` with only the command that `args` start with; `app` itself when they start with none.

    Typer turns the options of every command into Click's at each start (some 21 M instructions,
    half of them for the commands a command line does not run).
    """
    named = [info for info in app.registered_commands
             if args[:1] == [info.name or typer.main.get_command_name(getattr(info.callback, "__name__", ""))]]
    if not named:
        return app  # the group's own help, --version, a mistyped command (with its suggestions)
    lean = copy.copy(app)  # shallow: its settings and callback are app's, its list of commands its own
    lean.registered_commands = named
    return lean


class _ReaderStopped(Exception):
    """The program reading standard output stopped early (`… | head`).

    Raised in place of BrokenPipeError, which Click would turn into exit status 1: a threshold's.
    """


_Command = TypeVar("_Command", bound=Callable[..., Any])


def _reader_may_stop(command: _Command) -> _Command:
    """Make a command (or option callback) that prints raise _ReaderStopped when its reader has gone."""
    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except BrokenPipeError:  # its workers, if any, are already stopped: the exception came through their Batch
            raise _ReaderStopped from None

    return cast(_Command, run)


def _end_as_the_reader_did() -> None:
    """End quietly, as a program writing to a pipe whose reader stopped: killed by SIGPIPE (status 141 in a shell)."""
    _discard_stdout()  # what it still holds can go nowhere
    import signal

    if hasattr(signal, "SIGPIPE"):  # not on Windows
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGPIPE)
    os._exit(EXIT_INPUT)  # the results could not be written


def _flush(stream: Any) -> None:
    # Python sets a standard stream to None when its file descriptor was closed (`>&-`).
    if stream is not None and not stream.closed:
        stream.flush()


def _discard_stdout() -> None:
    """Point standard output at the null device: what it still holds cannot be written, and would fail again at exit."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _flushed() -> bool:
    """Flush standard output and error; return False if either cannot be (as a closed pipe)."""
    try:
        _flush(sys.stdout)
        _flush(sys.stderr)
    except OSError:
        return False
    return True


class Format(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    html = "html"
    sarif = "sarif"
    github = "github"


class StdinFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    html = "html"


_RULES = "Rules, configuration and thresholds"
ConfigFile = Annotated[Optional[str], typer.Option(
    "--config", metavar="FILE", rich_help_panel=_RULES,
    help="Read settings from FILE only (a .rhetoric.toml, or a pyproject.toml with \\[tool.rhetoric]) instead of "
         "searching upward from each file for .rhetoric.toml or pyproject.toml, then the user's config.")]
NoConfig = Annotated[bool, typer.Option("--no-config", rich_help_panel=_RULES,
                                        help="Read no configuration file: built-in defaults and options only.")]
Select = Annotated[Optional[list[str]], typer.Option(
    "--select", metavar="RULE", rich_help_panel=_RULES,
    help="Report only these rule ids or categories, e.g. loaded-term or loaded-term.label "
         "(repeatable, or a comma list).")]
Ignore = Annotated[Optional[list[str]], typer.Option(
    "--ignore", metavar="RULE", rich_help_panel=_RULES,
    help="Leave out these rule ids or categories (repeatable, or a comma list).")]
SeverityOverride = Annotated[Optional[list[str]], typer.Option(
    "--severity", metavar="RULE=LEVEL", rich_help_panel=_RULES,
    help="Set the severity of a rule or category: info, warning or error (repeatable).")]
MinSeverity = Annotated[Optional[str], typer.Option(
    "--min-severity", metavar="LEVEL", rich_help_panel=_RULES,
    help="Hide findings below LEVEL (info, warning, error); hidden findings count in no score or threshold.")]
Lexicon = Annotated[Optional[list[str]], typer.Option(
    "--lexicon", metavar="FILE", rich_help_panel=_RULES,
    help="Add a lexicon in the built-in TOML format: a new family, or entries for an existing one (repeatable).")]
Allow = Annotated[Optional[list[str]], typer.Option(
    "--allow", metavar="TERM", rich_help_panel=_RULES,
    help="Never flag this lexicon term, in any case or inflection (repeatable).")]
FailOn = Annotated[Optional[str], typer.Option(
    "--fail-on", metavar="LEVEL", rich_help_panel=_RULES,
    help="Exit 1 if any finding at LEVEL or above is in the writer's voice (in any voice with --include-quoted); "
         "LEVEL is info, warning, error, or none.")]
Max = Annotated[Optional[list[str]], typer.Option(
    "--max", metavar="CATEGORY=N", rich_help_panel=_RULES,
    help="Exit 1 if an article has more than N findings of CATEGORY per 1,000 words (repeatable).")]
IncludeQuoted = Annotated[Optional[bool], typer.Option(
    "--include-quoted/--exclude-quoted", rich_help_panel=_RULES,
    help="Count findings in quoted speech in the scores and thresholds too (default: exclude).")]


def _resolver(config_file: Optional[str], no_config: bool, select: Optional[list[str]], ignore: Optional[list[str]],
              severity: Optional[list[str]], min_severity: Optional[str], lexicon: Optional[list[str]],
              allow: Optional[list[str]], fail_on: Optional[str], max: Optional[list[str]],
              include_quoted: Optional[bool]) -> "Resolver":
    """Return the configuration resolver for these options (the options are checked here)."""
    from .config import Resolver, command_line
    from .errors import ConfigError

    if config_file and no_config:
        raise ConfigError("--config and --no-config exclude each other")
    layer = command_line(select=select or (), ignore=ignore or (), severity=severity or (),
                         min_severity=min_severity, lexicons=lexicon or (), allow=allow or (), max=max or (),
                         fail_on=fail_on, include_quoted=include_quoted)
    return Resolver(explicit=config_file, command_line=layer, isolated=no_config)


def _require_stdout() -> None:
    """Stop with exit status 2 when standard output is closed (`>&-`): what the command prints would vanish."""
    if sys.stdout is None:  # Python's stand-in for a standard output whose descriptor was closed
        typer.echo("rhetoric: standard output is closed: nowhere to print", err=True)
        raise typer.Exit(EXIT_INPUT)


@_reader_may_stop
def _version(value: bool) -> None:
    if value:
        _require_stdout()
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

        rhetoric analyze docs/ --format sarif --output rhetoric.sarif

        cat draft.txt | rhetoric analyze - --format json

        rhetoric analyze docs/ --select loaded-term --fail-on warning --max unsourced-assertion=3

        rhetoric config docs/index.md
    """


@app.command()
@_reader_may_stop
def analyze(
    paths: Annotated[list[str], typer.Argument(metavar="PATH...",
                                               help="Files or folders to analyse; - reads standard input.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE",
                                                  help="Write results to FILE (atomically).")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0,
                                      help="Processes that analyse, this one included (0: the number of cores).")] = 0,
    include: Annotated[Optional[list[str]], typer.Option("--include", metavar="GLOB",
                                                         help="Only files matching this glob.")] = None,
    exclude: Annotated[Optional[list[str]], typer.Option("--exclude", metavar="GLOB",
                                                         help="Skip files matching this glob.")] = None,
    sort: Annotated[str, typer.Option("--sort", metavar="COLUMN", help="Summary column to sort by: path, words, "
                                                                       "grade, sourced, or a category such as "
                                                                       "loaded-term.")] = "path",
    detail: Annotated[bool, typer.Option("--detail", help="Print the full report of every article.")] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="Print no colours (so does NO_COLOR=1).")] = False,
    no_text: Annotated[bool, typer.Option("--no-text", help="Leave the highlighted article out of the report.")]
    = False,
    stdin_format: Annotated[Optional[StdinFormat], typer.Option(
        "--stdin-format", help="Read standard input (-) as this format (default: HTML when it opens as a web page "
                               "does, else text).")] = None,
    max_bytes: Annotated[int, typer.Option(
        "--max-bytes", min=1, help="Refuse files larger than this many bytes (each MB of text needs ~15-25 MB of memory).")]
    = 5_000_000,  # read.DEFAULT_MAX_BYTES, written out so that --help does not import the reader
    config_file: ConfigFile = None,
    no_config: NoConfig = False,
    select: Select = None,
    ignore: Ignore = None,
    severity: SeverityOverride = None,
    min_severity: MinSeverity = None,
    lexicon: Lexicon = None,
    allow: Allow = None,
    fail_on: FailOn = None,
    max: Max = None,
    include_quoted: IncludeQuoted = None,
) -> None:
    """Analyse articles and report loaded terms, scare quotes, unsourced claims and more.

    Exit status: 0 when every file was analysed within the limits; 1 when a --fail-on or --max
    limit was exceeded; 2 when any input could not be read, the results could not be written, or a
    configuration, lexicon or option is wrong (2 wins over 1); 130 when interrupted; killed by SIGPIPE
    (141) when the program reading the output stops early.
    """
    from .errors import RhetoricError

    if sort != "path":  # the default: no summary module to import for checking it
        from .summary import SORT_KEYS

        if sort not in SORT_KEYS:
            raise typer.BadParameter(f"expected one of: {', '.join(SORT_KEYS)}", param_hint="--sort")
    from . import run

    if "-" in paths and sys.stdin is not None and sys.stdin.isatty():
        # Else the command would wait in silence, as cat does, for an article to be typed or pasted.
        end = "Ctrl-Z and Enter" if os.name == "nt" else "Ctrl-D"
        typer.echo(f"rhetoric: reading the article from the terminal; end it with {end} on a line of its own",
                   err=True)
    try:
        resolver = _resolver(config_file, no_config, select, ignore, severity, min_severity, lexicon, allow,
                             fail_on, max, include_quoted)
        failed, breaches = run.analyze_command(
            paths, format=format.value, output=output, jobs=jobs or os.cpu_count() or 1,
            include=include or [], exclude=exclude or [], sort=sort, detail=detail, no_color=no_color,
            show_text=not no_text, max_bytes=max_bytes, resolver=resolver,
            stdin_format=stdin_format.value if stdin_format is not None else None,
        )
    except KeyboardInterrupt:
        typer.echo("rhetoric: interrupted", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except RhetoricError as exc:
        typer.echo(f"rhetoric: {exc}", err=True)
        raise typer.Exit(EXIT_INPUT) from None
    raise typer.Exit(EXIT_INPUT if failed else EXIT_THRESHOLD if breaches else EXIT_OK)


@app.command("config")
@_reader_may_stop
def show_config(
    path: Annotated[str, typer.Argument(metavar="PATH", help="The file or folder whose configuration to show.")] = ".",
    config_file: ConfigFile = None,
    no_config: NoConfig = False,
    select: Select = None,
    ignore: Ignore = None,
    severity: SeverityOverride = None,
    min_severity: MinSeverity = None,
    lexicon: Lexicon = None,
    allow: Allow = None,
    fail_on: FailOn = None,
    max: Max = None,
    include_quoted: IncludeQuoted = None,
) -> None:
    """Print the configuration in effect for PATH (default: this folder), and where each value came from.

    The output is TOML: each line is commented with its origin (a file and line, "command line"
    or "default"), so it can be copied into a .rhetoric.toml. Exit status 2 if it is wrong.
    """
    from .batch import lexicons_for
    from .config import check_rules, describe
    from .errors import RhetoricError
    from .rules import all_rules

    _require_stdout()
    if path != "-" and not os.path.exists(path):
        typer.echo(f"rhetoric: {path}: no such file or folder", err=True)
        raise typer.Exit(EXIT_INPUT)
    try:
        resolver = _resolver(config_file, no_config, select, ignore, severity, min_severity, lexicon, allow,
                             fail_on, max, include_quoted)
        settings = resolver.for_input(path)
        check_rules(settings, [r.id for r in all_rules(lexicons_for(settings))])
    except RhetoricError as exc:
        typer.echo(f"rhetoric: {exc}", err=True)
        raise typer.Exit(EXIT_INPUT) from None
    typer.echo(describe(settings, path), nl=False)


@app.command()
@_reader_may_stop
def rules(
    rule_id: Annotated[Optional[str], typer.Argument(metavar="ID", help="Explain one rule.")] = None,
    config_file: ConfigFile = None,
    no_config: NoConfig = False,
    lexicon: Lexicon = None,
) -> None:
    """List every rule (id, category, severity, what it flags), or explain one with examples.

    The rules of the lexicons configured for the current folder (or given with --lexicon) are listed too.
    """
    import difflib
    import textwrap

    from rich.table import Table

    from .batch import lexicons_for
    from .config import Resolver, command_line
    from .errors import RhetoricError
    from .render.terminal import OutputConsole
    from .rules import all_rules

    _require_stdout()
    try:
        resolver = Resolver(explicit=config_file, command_line=command_line(lexicons=lexicon or ()),
                            isolated=no_config)
        known = all_rules(lexicons_for(resolver.for_input(".")))
    except RhetoricError as exc:
        typer.echo(f"rhetoric: {exc}", err=True)
        raise typer.Exit(EXIT_INPUT) from None
    console = OutputConsole(highlight=False)
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
    for heading, examples in (("[green]Flags:[/green]", match.should_flag),
                              ("[cyan]Leaves alone:[/cyan]", match.should_pass)):
        console.print(heading)
        for example in examples:  # indented as a whole: a long one wraps under itself
            console.print(textwrap.fill(example, max(40, console.width - 1), initial_indent="  ",
                                        subsequent_indent="  "), markup=False)


@app.command()
@_reader_may_stop
def compare(
    first: Annotated[str, typer.Argument(metavar="FIRST", help="The first article.")],
    second: Annotated[str, typer.Argument(metavar="SECOND", help="The second article, on the same story.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="text, json or html.")] = Format.text,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="FILE",
                                                  help="Write to FILE (atomically).")] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="Print no colours.")] = False,
    config_file: ConfigFile = None,
    no_config: NoConfig = False,
    select: Select = None,
    ignore: Ignore = None,
    severity: SeverityOverride = None,
    min_severity: MinSeverity = None,
    lexicon: Lexicon = None,
    allow: Allow = None,
    include_quoted: IncludeQuoted = None,
) -> None:
    """Compare two articles on the same story: scores side by side, loaded terms each alone uses.

    Each article is analysed under its own configuration, as `rhetoric analyze` would.
    """
    from .batch import Options, analyze_one, lexicons_for
    from .compare import compare as run_compare
    from .config import check_rules
    from .errors import RhetoricError
    from .rules import all_rules

    if format not in (Format.text, Format.json, Format.html):
        typer.echo("rhetoric: compare prints text, json or html", err=True)
        raise typer.Exit(EXIT_INPUT)
    try:
        resolver = _resolver(config_file, no_config, select, ignore, severity, min_severity, lexicon, allow,
                             None, None, include_quoted)
        reports = []
        for path in (first, second):
            settings = resolver.for_input(path)
            check_rules(settings, [r.id for r in all_rules(lexicons_for(settings))])
            outcome = analyze_one(path, Options(), settings)
            if outcome.error is not None:
                raise outcome.error
            reports.append(outcome.payload)
    except RhetoricError as exc:
        typer.echo(f"rhetoric: {exc}", err=True)
        raise typer.Exit(EXIT_INPUT) from None
    try:
        _write_comparison(run_compare(*reports), format, output, no_color)
    except RhetoricError as exc:  # the results cannot be written where asked
        typer.echo(f"rhetoric: {exc}", err=True)
        raise typer.Exit(EXIT_INPUT) from None


def _write_comparison(comparison: "Comparison", format: Format, output: Optional[str], no_color: bool) -> None:
    """Write a comparison as text, JSON or HTML to `output` (standard output if None)."""
    import json

    from .compare import difference
    from .output import destination
    from .render import json as json_render
    from .render import terminal

    articles = (comparison.a.source.path, comparison.b.source.path)  # never to be replaced by the results
    if format is Format.html:
        from .render import html as html_render

        with destination(output, inputs=articles) as stream:
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
        with destination(output, inputs=articles) as stream:
            stream.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
        return
    with destination(output, inputs=articles) as stream:
        console = terminal.OutputConsole(file=stream, highlight=False, color_system=None if no_color else "auto",
                                         force_terminal=False if output else None)
        terminal.render_comparison(comparison, console)


def _paragraphs_on_one_line(doc: str) -> str:
    """Return a docstring with each paragraph on one line."""
    return "\n\n".join(" ".join(paragraph.split()) for paragraph in inspect.cleandoc(doc).split("\n\n"))


# Typer 0.28 keeps the line breaks inside the paragraphs of a command's help after the first, and Rich
# then wraps each of those lines again: at 80 columns a paragraph came out ragged.
for _command in app.registered_commands:
    if _command.help is None and _command.callback is not None:
        _command.help = _paragraphs_on_one_line(_command.callback.__doc__ or "")
