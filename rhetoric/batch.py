"""Analyse many inputs, in worker processes when asked, yielding outcomes in input order."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from .pipeline import analyze
from .errors import RhetoricError
from .lexicon import Lexicons, load
from .read import DEFAULT_MAX_BYTES, read
from .report import Report


@dataclass(frozen=True, slots=True)
class Options:
    """What every worker needs to analyse a file the same way."""

    lexicon_paths: tuple[str, ...] | None = None
    include_quoted: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass(frozen=True, slots=True)
class Outcome:
    """The report of one input, or the error that stopped it."""

    path: str
    report: Report | None = None
    error: RhetoricError | None = None
    original: str | None = None


@lru_cache(maxsize=4)
def _lexicons(paths: tuple[str, ...] | None) -> Lexicons:
    # Loaded once per process (each worker loads its own copy on first use).
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
    return Outcome(path=item, report=report, original=doc.original)


def _task(args: tuple[str | RhetoricError, Options]) -> Outcome:
    return analyze_one(*args)


def analyze_all(items: Iterable[str | RhetoricError], options: Options, jobs: int = 1) -> Iterator[Outcome]:
    """Yield an outcome for every input in input order, using `jobs` worker processes."""
    tasks = ((item, options) for item in items)
    if jobs <= 1:
        for task in tasks:
            yield _task(task)
        return
    ctx = multiprocessing.get_context("forkserver")
    with ctx.Pool(jobs) as pool:
        yield from pool.imap(_task, tasks, chunksize=4)
