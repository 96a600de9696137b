"""Carry out `rhetoric analyze`: inputs -> outcomes -> the chosen renderer -> the destination."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

import typer

from .batch import Batch, Options, Outcome, Shape, lexicons_for
from .config import Config, Resolver, check_rules
from .errors import RhetoricError, shown
from .output import destination, refuse_inputs
from .read import STDIN, expand
from .render import json as json_render

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from .rules import Rule


def analyze_command(paths: Sequence[str], *, format: str, output: str | None, jobs: int, include: Sequence[str],
                    exclude: Sequence[str], sort: str, detail: bool, no_color: bool, show_text: bool,
                    max_bytes: int, resolver: Resolver, stdin_format: str | None = None) -> tuple[int, int]:
    """Analyse every input and write the results; return how many inputs failed and how many limits were exceeded."""
    items = list(expand(paths, include, exclude))
    configs = configure(items, resolver)
    single = len(items) == 1 and len(paths) == 1 and not isinstance(items[0], RhetoricError) \
        and (paths[0] == STDIN or items[0] == paths[0])
    if format == "html" and not single:
        if not output:
            raise RhetoricError("--format html for several articles writes a folder: add --output FOLDER")
        return _html_folder(items, configs, output, Options(max_bytes=max_bytes, stdin_format=stdin_format), jobs)
    summary = format == "text" and not single and not detail
    shape = Shape.ROW if summary else Shape.REPORT if format in ("text", "html") else Shape(format)
    options = Options(max_bytes=max_bytes, shape=shape, stdin_format=stdin_format)
    failed = breaches = 0
    batch_jobs = min(jobs, max(1, len(items)))
    # Rich and the renderers other than JSON's are imported only for the formats that use them:
    # machine-readable output starts sooner without them.
    if format == "html":
        from .render import html as html_render
    elif format == "csv":
        from .render import csv as csv_render
    elif format == "github":
        from .render import github as github_render
    elif format == "sarif":
        from .render import sarif as sarif_render
    # A progress bar is shown while nothing else reaches the terminal: the summary comes at the end, other
    # results go to a file. Not into a pipe: what reads it (jq, less) may print to the same terminal.
    room_for_bar = summary or output not in (None, "-") or _is_file(sys.stdout)
    with (destination(output, inputs=items) as stream, Batch(options, items, configs, jobs=batch_jobs) as batch,
          _progress(len(items) if room_for_bar else 0) as progress):
        if format == "text":
            from .render import terminal

            # --no-color prints plain text; NO_COLOR (honoured by Rich) keeps bold but drops colours.
            console = terminal.OutputConsole(file=stream, highlight=False, force_terminal=False if output else None,
                                             color_system=None if no_color else "auto")
        rows = []
        objects = 0  # JSON objects written
        sarif_files, sarif_failures = [], []
        sarif_warnings: list[tuple[str, str]] = []  # (path, text) of files analysed despite them
        if format == "csv":
            stream.write(csv_render.header())
        for outcome in batch.run():
            if progress is not None:
                progress[0].advance(progress[1])
            breaches += _report_breaches(outcome)
            # The warnings of a file analysed despite them go with the results too, in the formats that say so.
            if format == "github":
                stream.writelines(github_render.warning_line(outcome.path, note) for note in outcome.notes)
            elif format == "sarif":
                sarif_warnings.extend((outcome.path, note) for note in outcome.notes)
            if format == "json":
                # Each object is written as it comes (a report's a piece at a time), in an array unless single.
                stream.write("" if single else ",\n" if objects else "[\n")
                objects += 1
            if outcome.error is not None:
                failed += 1
                typer.echo(f"rhetoric: {outcome.error}", err=True)
                error = json_render.error_dict(outcome.path, outcome.error)
                if format == "jsonl":
                    stream.write(json_render.dumps(error) + "\n")
                elif format == "json":
                    stream.write(json_render.dumps(error, pretty=True))
                elif format == "csv":
                    stream.write(csv_render.error_line(outcome.path, outcome.error))
                elif format == "github":
                    stream.write(github_render.error_line(outcome.path, outcome.error))
                elif format == "sarif":
                    sarif_failures.append((outcome.path, outcome.error))
            elif format == "jsonl":
                _write(stream, outcome.payload)
                stream.write("\n")
            elif format in ("csv", "github"):
                stream.write(outcome.payload)
            elif format == "json":
                _write(stream, outcome.payload)
            elif format == "sarif":
                sarif_files.append(outcome.payload)
            elif summary:
                rows.append(outcome.payload)
            elif format == "html":
                stream.write(html_render.render(outcome.payload))
            else:
                terminal.render(outcome.payload, console, show_text=show_text)
            if format == "jsonl":
                stream.flush()  # a reader downstream sees each document as it finishes
        if progress is not None:
            progress[0].stop()
        if format == "json" and (objects or not single):
            stream.write("\n" if single else "[\n\n]\n" if not objects else "\n]\n")
        if format == "sarif":
            log = sarif_render.log(sarif_files, sarif_failures, _rules_in_use(configs), sarif_warnings)
            stream.write(json_render.dumps(log, pretty=True) + "\n")
        if summary and (rows or failed):
            from .summary import medians

            rows.sort(key=lambda r: r.key(sort))
            terminal.render_summary(rows, medians(rows) if rows else None, console, failed)
    return failed, breaches


def _write(stream: TextIO, rendering: Iterable[str] | bytes) -> None:
    """Write a rendering: its pieces of text, or the UTF-8 text a worker sent, as it is where the stream is UTF-8."""
    if not isinstance(rendering, bytes):
        stream.writelines(rendering)
    elif _utf8(stream):
        stream.flush()  # what the stream holds comes first
        stream.buffer.write(rendering)
    else:
        stream.write(rendering.decode("utf-8"))


def _utf8(stream: TextIO) -> bool:
    """Return whether `stream` writes text as UTF-8 bytes, lines ending as they are, to a buffer open to bytes."""
    encoding = getattr(stream, "encoding", None) or ""
    return encoding.lower() in ("utf-8", "utf8") and os.linesep == "\n" and hasattr(stream, "buffer")


def configure(items: Sequence[str | RhetoricError], resolver: Resolver) -> list[Config]:
    """Return the configuration of every input, each distinct one checked and its lexicons loaded.

    Everything is checked before anything is analysed, so a mistake in any configuration or
    lexicon stops the run instead of leaving some files analysed with half a configuration.
    """
    configs = [resolver.for_input(item) if isinstance(item, str) else Config() for item in items]
    for config in dict.fromkeys(configs):
        lexicons = lexicons_for(config)
        if config.selectors:  # only a configuration that names rules needs them listed (and the rules module)
            from .rules import all_rules

            check_rules(config, [r.id for r in all_rules(lexicons)])
    return configs


def _rules_in_use(configs: Sequence[Config]) -> list[Rule]:
    """Return every rule of the configurations in use, each once (their lexicons are already loaded)."""
    from .rules import all_rules

    rules: dict[str, Rule] = {}
    for config in dict.fromkeys(configs or [Config()]):
        for rule in all_rules(lexicons_for(config)):
            rules.setdefault(rule.id, rule)
    return list(rules.values())


def _report_breaches(outcome: Outcome) -> int:
    """Print the input's warnings and the limits it exceeded; return how many limits."""
    for note in outcome.notes:
        typer.echo(f"rhetoric: {shown(outcome.path)}: {note}", err=True)
    for breach in outcome.breaches:
        typer.echo(f"rhetoric: {breach}", err=True)
    return len(outcome.breaches)


def _html_folder(items: Sequence[str | RhetoricError], configs: list[Config], folder: str, options: Options,
                 jobs: int) -> tuple[int, int]:
    """Write one page per article and an index page into `folder`; return the failed inputs and breaches."""
    from pathlib import Path

    from .render import html as html_render
    from .summary import row

    # Every page it will write is known now: none may be one of the articles (a site's own index.html).
    pages = [html_render.page_name(n, item if isinstance(item, str) else item.path or "")
             for n, item in enumerate(items)]
    refuse_inputs([str(Path(folder) / name) for name in (*pages, "index.html")], items)
    Path(folder).mkdir(parents=True, exist_ok=True)
    rows, names, failed = [], [], []
    breaches = 0
    with (Batch(options, items, configs, jobs=min(jobs, max(1, len(items)))) as batch,
          _progress(len(items)) as progress):
        for n, outcome in enumerate(batch.run()):
            if progress is not None:
                progress[0].advance(progress[1])
            breaches += _report_breaches(outcome)
            if outcome.error is not None:
                typer.echo(f"rhetoric: {outcome.error}", err=True)
                failed.append((outcome.path, outcome.error.message))
                continue
            name = html_render.page_name(n, outcome.path)
            with destination(str(Path(folder) / name)) as page:
                page.write(html_render.render(outcome.payload))
            rows.append(row(outcome.payload))
            names.append(name)
    with destination(str(Path(folder) / "index.html")) as index:
        index.write(html_render.index_page(rows, names, failed))
    return len(failed), breaches


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # not a file, or closed
        return False


def _is_file(stream: TextIO) -> bool:
    """Return whether `stream` writes to a regular file (`> reports.jsonl`), not a terminal or a pipe."""
    try:
        return stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
    except (AttributeError, OSError, ValueError):  # not a file, or closed
        return False


@contextmanager
def _progress(total: int) -> Iterator[tuple[Progress, TaskID] | None]:
    """Yield a started progress bar of `total` steps on standard error; None for fewer than two, or no terminal."""
    if total < 2 or not _is_terminal(sys.stderr):
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    progress = Progress(console=Console(stderr=True), transient=True)
    task = progress.add_task("Analysing", total=total)
    try:
        progress.start()  # (in here: Ctrl-C may come while it hides the cursor)
        yield progress, task
    finally:
        progress.stop()  # (again, if stopped for the summary) and on Ctrl-C: the terminal gets its cursor back
