"""Analyse many inputs, in worker processes when asked, yielding outcomes in input order."""

from __future__ import annotations

import gc
import multiprocessing
import signal
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Any

from . import syllables
from .errors import RhetoricError
from .lexicon import Lexicons, load
from .pipeline import analyze
from .read import DEFAULT_MAX_BYTES, read
from .render import csv as csv_render
from .render import json as json_render
from .summary import row


class Shape(str, Enum):
    """What a worker sends back for each input: only as much as the output needs."""

    REPORT = "report"  # the whole Report, for the terminal report
    ROW = "row"  # the summary row, for the summary table
    JSONL = "jsonl"  # one compact JSON line
    JSON = "json"  # one indented JSON object
    CSV = "csv"  # one CSV line


@dataclass(frozen=True, slots=True)
class Options:
    """What every worker needs to analyse a file the same way."""

    lexicon_paths: tuple[str, ...] | None = None
    include_quoted: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    shape: Shape = Shape.REPORT


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input: its payload (in the shape asked for), or the error that stopped it."""

    path: str
    payload: Any = None
    error: RhetoricError | None = None


@lru_cache(maxsize=4)
def _lexicons(paths: tuple[str, ...] | None) -> Lexicons:
    # Loaded once per process; worker processes forked after loading inherit it.
    return load(paths)


def analyze_one(item: str | RhetoricError, options: Options) -> Outcome:
    """Read and analyse one input; any RhetoricError becomes part of the outcome."""
    if isinstance(item, RhetoricError):
        return Outcome(path=item.path or "", error=item)
    try:
        doc = read(item, options.max_bytes)
        report = analyze(doc.text, lexicons=_lexicons(options.lexicon_paths), source=doc.source,
                         include_quoted=options.include_quoted)
    except RhetoricError as exc:
        return Outcome(path=item, error=exc)
    shape = options.shape
    if shape is Shape.REPORT:
        return Outcome(path=item, payload=report)
    if shape is Shape.ROW:
        return Outcome(path=item, payload=row(report))
    if shape is Shape.CSV:
        return Outcome(path=item, payload=csv_render.line(row(report)))
    obj = json_render.to_dict(report, with_text=doc.original is not None)
    return Outcome(path=item, payload=json_render.dumps(obj, pretty=shape is Shape.JSON))


def _task(args: tuple[str | RhetoricError, Options]) -> Outcome:
    return analyze_one(*args)


def _worker_start() -> None:
    # Ctrl-C reaches every process in the terminal's group. Only the main process acts on
    # it (it stops the pool); a worker interrupted in the middle of sending a result
    # would leave the pool's pipe locked and the main process waiting for ever.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class Batch:
    """A pool of workers (or none) that analyses inputs in order; use it as a context manager."""

    def __init__(self, options: Options, jobs: int = 1) -> None:
        self.options = options
        self.jobs = jobs
        self._pool: Any = None

    def __enter__(self) -> Batch:
        if self.jobs > 1:
            # Load what every analysis needs before forking, so workers start warm
            # and share the memory instead of each reading the lexicons again.
            _lexicons(self.options.lexicon_paths)
            syllables.warm()
            # Keep the collector off what the workers inherit, so they do not copy it page by page.
            gc.freeze()
            self._pool = multiprocessing.get_context("fork").Pool(self.jobs, initializer=_worker_start)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            gc.unfreeze()

    def run(self, items: Iterable[str | RhetoricError]) -> Iterator[Outcome]:
        """Yield an outcome for every input, in input order."""
        tasks = ((item, self.options) for item in items)
        if self._pool is None:
            yield from map(_task, tasks)
        else:
            yield from self._pool.imap(_task, tasks, chunksize=4)


def analyze_all(items: Iterable[str | RhetoricError], options: Options, jobs: int = 1) -> Iterator[Outcome]:
    """Yield an outcome for every input in input order, using `jobs` worker processes."""
    with Batch(options, jobs) as batch:
        yield from batch.run(items)
