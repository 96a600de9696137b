"""Analyse many inputs, in worker processes when asked, yielding outcomes in input order."""

from __future__ import annotations

import dataclasses
import gc
import signal
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from itertools import repeat
from typing import TYPE_CHECKING, Any

from . import syllables
from .config import Config
from .errors import RhetoricError
from .lexicon import Lexicons, load
from .pipeline import analyze
from .read import DEFAULT_MAX_BYTES, read
from .render import json as json_render
from .report import Report
from .selection import EVERY, unknown

if TYPE_CHECKING:
    from .suppress import Suppression
    from .thresholds import Breach


class Shape(str, Enum):
    """What a worker sends back for each input: only as much as the output needs."""

    REPORT = "report"  # the whole Report, for the terminal report
    ROW = "row"  # the summary row, for the summary table
    JSONL = "jsonl"  # one compact JSON line, as pieces of text (from a worker, its UTF-8 bytes: see _task)
    JSON = "json"  # one indented JSON object, as pieces of text (the same)
    CSV = "csv"  # one CSV line
    SARIF = "sarif"  # the SARIF results of the file, gathered into one log at the end
    GITHUB = "github"  # GitHub Actions annotation lines


@dataclass(frozen=True, slots=True, eq=False)  # never compared: no __eq__/__hash__ to generate at every start
class Options:
    """What every worker needs to read a file and shape its result (the configuration may differ by file)."""

    max_bytes: int = DEFAULT_MAX_BYTES
    shape: Shape = Shape.REPORT


@dataclass(frozen=True, slots=True, eq=False)  # never compared: no __eq__/__hash__ to generate at every start
class Outcome:
    """What became of one input: its payload (in the shape asked for), or the error that stopped it."""

    path: str
    payload: Any = None
    error: RhetoricError | None = None
    breaches: tuple[Breach, ...] = ()
    notes: tuple[str, ...] = ()  # warnings about the input that did not stop its analysis


@lru_cache(maxsize=16)
def _lexicons(extra: tuple[str, ...], allow: tuple[str, ...]) -> Lexicons:
    # Loaded once per process and distinct configuration; workers forked after loading inherit them.
    lexicons = load(extra=extra, allow=allow)
    # They last as long as the process: the collector need never walk them (its first pass after
    # the load would go through all ~30,000 of their objects, still counted as young).
    gc.freeze()
    return lexicons


def lexicons_for(config: Config) -> Lexicons:
    """Return the lexicons `config` asks for (the built-in ones plus its own), loaded once per process."""
    return _lexicons(config.lexicons, config.allow)


def analyze_one(item: str | RhetoricError, options: Options, config: Config = Config()) -> Outcome:
    """Read and analyse one input under `config`; any RhetoricError becomes part of the outcome."""
    if isinstance(item, RhetoricError):
        return Outcome(path=item.path or "", error=item)
    try:
        doc = read(item, options.max_bytes)
        report = analyze(doc.text, lexicons=lexicons_for(config), source=doc.source,
                         include_quoted=config.include_quoted, selection=config.selection,
                         suppressions=doc.suppressions)
    except RhetoricError as exc:
        return Outcome(path=item, error=exc)
    breaches = _breaches(report, config) if config.has_limits else ()
    notes = _comment_notes(doc.suppressions, config) if doc.suppressions else ()
    return Outcome(path=item, payload=_payload(report, doc.original, config, options.shape), breaches=breaches,
                   notes=notes)


def _breaches(report: Report, config: Config) -> tuple[Breach, ...]:
    # Imported here, as the modules below: a run that sets no limit does without them.
    from .thresholds import check

    return check(report, config.limits, config.include_quoted)


def _payload(report: Report, original: str | None, config: Config, shape: Shape) -> Any:
    """Return the report in the shape the parent asked for."""
    # The renderers other than JSON are imported only by the formats that use them (SARIF's
    # and GitHub's bring in hashlib and the line locator): every run would pay for them.
    if shape is Shape.REPORT:
        return report
    if shape is Shape.ROW:
        from .summary import row

        return row(report)
    if shape is Shape.CSV:
        from .render import csv as csv_render
        from .summary import row

        return csv_render.line(row(report))
    if shape is Shape.SARIF:
        from .render import sarif as sarif_render

        return sarif_render.results(report, original=original, include_quoted=config.include_quoted)
    if shape is Shape.GITHUB:
        from .render import github as github_render

        return github_render.lines(report, original=original, include_quoted=config.include_quoted)
    # Rendered as it is written out: the JSON of a long text is several times its size.
    return json_render.iterencode(report, with_text=original is not None, pretty=shape is Shape.JSON)


def _comment_notes(suppressions: Sequence[Suppression], config: Config) -> tuple[str, ...]:
    """Return a warning for each rule a rhetoric-disable comment names that no rule or category matches."""
    from .rules import all_rules

    ids = [r.id for r in all_rules(lexicons_for(config))]
    notes = []
    for selector in dict.fromkeys(r for s in suppressions for r in s.rules if r != EVERY):
        close = unknown(selector, ids)
        if close is not None:
            hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
            notes.append(f"a rhetoric-disable comment names {selector!r}, which is no rule or category{hint}: "
                         "it switches nothing off")
    return tuple(notes)


def _task(args: tuple[str | RhetoricError, Options, Config]) -> Outcome:
    """Analyse one input in a worker process."""
    outcome = analyze_one(*args)
    if isinstance(outcome.payload, Iterator):
        # A rendering still to be done cannot be sent to the parent: send its text, as UTF-8
        # (which the parent writes as it is: sent as a string, it would be decoded there and encoded again).
        text = "".join(outcome.payload)
        try:
            payload: bytes | tuple[str] = text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: the parent's stream decides what becomes of it
            payload = (text,)
        outcome = dataclasses.replace(outcome, payload=payload)
    return outcome


def _worker_start() -> None:
    # Ctrl-C reaches every process in the terminal's group. Only the main process acts on
    # it (it stops the pool); a worker interrupted in the middle of sending a result
    # would leave the pool's pipe locked and the main process waiting for ever.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class Batch:
    """A pool of workers (or none) that analyses inputs in order; use it as a context manager."""

    def __init__(self, options: Options, jobs: int = 1, configs: Iterable[Config] = (Config(),)) -> None:
        self.options = options
        self.jobs = jobs
        self.configs = configs  # whose lexicons the workers will need
        self._pool: Any = None
        self._frozen = False

    def __enter__(self) -> Batch:
        if self.jobs > 1:
            # Load what every analysis needs before forking, so workers start warm
            # and share the memory instead of each reading the lexicons again.
            for config in dict.fromkeys(self.configs):
                lexicons_for(config)
            syllables.warm()
            # Keep the collector off what the workers inherit, so they do not copy it page by page.
            self._freeze()
            # Imported here: a run in one process, such as a one-article report, does without it.
            import multiprocessing

            self._pool = multiprocessing.get_context("fork").Pool(self.jobs, initializer=_worker_start)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
        if self._frozen:
            gc.unfreeze()
            self._frozen = False

    def _freeze(self) -> None:
        gc.freeze()
        self._frozen = True

    def run(self, items: Iterable[str | RhetoricError], configs: Iterable[Config] | None = None) -> Iterator[Outcome]:
        """Yield an outcome for every input (analysed under its config, by default the default one), in order."""
        tasks = zip(items, repeat(self.options), configs if configs is not None else repeat(Config()))
        if self._pool is None:
            for task in tasks:
                outcome = analyze_one(*task)
                yield outcome
                if not self._frozen and outcome.error is None:
                    # The first analysis loaded the lexicons and dictionaries: keep the collector's
                    # full passes off them, as the workers' are (a few per cent of a long run).
                    self._freeze()
        else:
            yield from self._pool.imap(_task, tasks, chunksize=4)


def analyze_all(items: Iterable[str | RhetoricError], options: Options, jobs: int = 1,
                configs: Iterable[Config] | None = None) -> Iterator[Outcome]:
    """Yield an outcome for every input in input order, using `jobs` worker processes."""
    configs = list(configs) if configs is not None else None
    with Batch(options, jobs, configs or (Config(),)) as batch:
        yield from batch.run(items, configs)
