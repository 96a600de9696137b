"""Carry out `rhetoric analyze`: inputs -> outcomes -> the chosen renderer -> the destination."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import typer

from .batch import Batch, Options, Shape
from .errors import RhetoricError
from .output import destination
from .read import STDIN, expand
from .render import csv as csv_render
from .render import json as json_render
from .summary import medians


def analyze_command(paths: Sequence[str], *, format: str, output: str | None, jobs: int, include: Sequence[str],
                    exclude: Sequence[str], sort: str, detail: bool, no_color: bool, include_quoted: bool,
                    show_text: bool, max_bytes: int) -> int:
    """Analyse every input and write the results; return how many inputs failed."""
    items = list(expand(paths, include, exclude))
    single = len(items) == 1 and len(paths) == 1 and not isinstance(items[0], RhetoricError) \
        and (paths[0] == STDIN or items[0] == paths[0])
    if format == "html" and not single:
        if not output:
            raise RhetoricError("--format html for several articles writes a folder: add --output FOLDER")
        return _html_folder(items, output, Options(include_quoted=include_quoted, max_bytes=max_bytes), jobs)
    summary = format == "text" and not single and not detail
    shape = Shape.ROW if summary else Shape.REPORT if format in ("text", "html") else Shape(format)
    options = Options(include_quoted=include_quoted, max_bytes=max_bytes, shape=shape)
    failed = 0
    # Rich and the HTML renderer are imported only for the formats that use them:
    # machine-readable output starts sooner without them.
    if format == "html":
        from .render import html as html_render
    with destination(output) as stream, Batch(options, jobs=min(jobs, max(1, len(items)))) as batch:
        if format == "text":
            from rich.console import Console

            from .render import terminal

            # --no-color prints plain text; NO_COLOR (honoured by Rich) keeps bold but drops colours.
            console = Console(file=stream, highlight=False, force_terminal=False if output else None,
                              color_system=None if no_color else "auto")
        progress = _progress(len(items)) if summary else None
        rows = []
        objects = []
        if format == "csv":
            stream.write(csv_render.header())
        for outcome in batch.run(items):
            if progress is not None:
                progress[0].advance(progress[1])
            if outcome.error is not None:
                failed += 1
                typer.echo(f"rhetoric: {outcome.error}", err=True)
                error = json_render.error_dict(outcome.path, outcome.error)
                if format == "jsonl":
                    stream.write(json_render.dumps(error) + "\n")
                elif format == "json":
                    objects.append(json_render.dumps(error, pretty=True))
                elif format == "csv":
                    stream.write(csv_render.error_line(outcome.path, outcome.error))
            elif format in ("jsonl", "csv"):
                stream.write(outcome.payload + ("\n" if format == "jsonl" else ""))
            elif format == "json":
                objects.append(outcome.payload)
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
            stream.write((objects[0] if single else "[\n" + ",\n".join(objects) + "\n]") + "\n")
        if summary and (rows or failed):
            rows.sort(key=lambda r: r.key(sort))
            terminal.render_summary(rows, medians(rows) if rows else None, console, failed)
    return failed


def _html_folder(items: list, folder: str, options: Options, jobs: int) -> int:
    """Write one page per article and an index page into `folder`; return how many inputs failed."""
    from pathlib import Path

    from .render import html as html_render
    from .summary import row

    Path(folder).mkdir(parents=True, exist_ok=True)
    rows, names, failed = [], [], []
    with Batch(options, jobs=min(jobs, max(1, len(items)))) as batch:
        for n, outcome in enumerate(batch.run(items)):
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
    return len(failed)


def _progress(total: int):
    """Return a started progress bar on standard error, or None when stderr is not a terminal."""
    if total < 2 or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import Progress

    progress = Progress(console=Console(stderr=True), transient=True)
    task = progress.add_task("Analysing", total=total)
    progress.start()
    return progress, task
