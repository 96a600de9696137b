"""Analyse many inputs, in worker processes when asked, yielding outcomes in input order."""

from __future__ import annotations

import dataclasses
import gc
import os
import signal
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from itertools import islice, repeat
from typing import TYPE_CHECKING, Any, BinaryIO

from . import syllables
from .config import Config
from .errors import RhetoricError
from .lexicon import Lexicons, load
from .pipeline import analyze
from .read import DEFAULT_MAX_BYTES, STDIN, Input, read
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
    stdin_format: str | None = None  # "text", "markdown" or "html"; None: told by how the input opens


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


def analyze_one(item: str | Input | RhetoricError, options: Options, config: Config = Config()) -> Outcome:
    """Read and analyse one input under `config`; any RhetoricError becomes part of the outcome.

    An Input is standard input already read (see Batch.run).
    """
    if isinstance(item, RhetoricError):
        return Outcome(path=item.path or "", error=item)
    path = STDIN if isinstance(item, Input) else item
    try:
        doc = item if isinstance(item, Input) else read(item, options.max_bytes, options.stdin_format)
        report = analyze(doc.text, lexicons=lexicons_for(config), source=doc.source,
                         include_quoted=config.include_quoted, selection=config.selection,
                         suppressions=doc.suppressions)
    except RhetoricError as exc:
        return Outcome(path=path, error=exc)
    breaches = _breaches(report, config) if config.has_limits else ()
    warnings = report.source.warnings  # the reading's, and the analysis's caveat
    notes = warnings + _comment_notes(doc.suppressions, config) if doc.suppressions else warnings
    return Outcome(path=path, payload=_payload(report, doc.original, config, options.shape), breaches=breaches,
                   notes=notes)


def _stdin(options: Options) -> Input | RhetoricError:
    """Return standard input read by this process, or the error reading it met."""
    try:
        return read(STDIN, options.max_bytes, options.stdin_format)
    except RhetoricError as exc:
        return exc


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


def _task(args: _Task) -> Outcome:
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
    # it (it stops the workers); a worker interrupted in the middle of sending a result
    # would leave the main process waiting for the rest of it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


_Task = tuple[str | Input | RhetoricError, Options, Config]
_CHUNK = 4  # inputs handed to a worker at a time


class _Workers:
    """Worker processes forked from this one, each fed chunks of tasks through a pipe of its own.

    In place of multiprocessing.Pool: importing multiprocessing (which brings in socket, its
    enums and pickle) and starting a Pool cost ~34 M instructions before the fork, on the
    critical path of every run with workers; this needs os.fork, pipes and pickle.
    """

    def __init__(self, jobs: int) -> None:
        import pickle  # only a run with workers sends anything between processes

        self._pickle = pickle
        # (pid, the pipe its tasks go down, the pipe its results come up)
        self._workers: list[tuple[int, BinaryIO, BinaryIO]] = []
        for stream in (sys.stdout, sys.stderr):  # what they hold is written once, by this process
            if stream is not None and not stream.closed:
                stream.flush()
        for _ in range(jobs):
            tasks_out, tasks_in = os.pipe()
            results_out, results_in = os.pipe()
            pid = os.fork()
            if pid == 0:  # the worker, which never returns from here
                status = 1
                try:
                    status = self._serve(tasks_out, results_in, (tasks_in, results_out))
                finally:
                    os._exit(status)  # never back into the main process's code (its finally blocks, its exit)
            os.close(tasks_out)
            os.close(results_in)
            self._workers.append((pid, open(tasks_in, "wb"), open(results_out, "rb")))

    def _serve(self, tasks: int, results: int, others: tuple[int, int]) -> int:
        """Run chunks of tasks until the pipe of tasks closes; return the worker's exit status."""
        _worker_start()
        for fd in others:  # the main process's ends of its pipes
            os.close(fd)
        for _, inbox, outbox in self._workers:  # and of those of the workers forked before it
            inbox.close()
            outbox.close()
        # Standard input stays the main process's, as in multiprocessing's workers.
        sys.stdin = open(os.devnull, encoding="utf-8")
        with open(tasks, "rb") as inbox, open(results, "wb") as outbox:
            while True:
                try:
                    chunk: list[_Task] = self._pickle.load(inbox)
                except EOFError:
                    return 0
                try:
                    reply: list[Outcome] | BaseException = [_task(task) for task in chunk]
                except Exception as exc:  # handed to the main process, which raises it, as Pool does
                    reply = exc
                self._pickle.dump(reply, outbox, protocol=-1)
                outbox.flush()

    def imap(self, tasks: Iterable[_Task]) -> Iterator[Outcome]:
        """Yield the outcome of every task, in order; each worker takes a new chunk as it hands one back."""
        import select

        pending = iter(tasks)
        chunks = iter(lambda: list(islice(pending, _CHUNK)), [])
        # One chunk at a time a worker: its results pipe then holds one reply at most, all of
        # which a load reads, so that nothing waits in a reader's buffer unseen by poll.
        busy: dict[int, tuple[int, int]] = {}  # results descriptor -> (worker, chunk)
        done: dict[int, list[Outcome] | BaseException] = {}
        sent = following = 0
        ready = select.poll()
        for n, (_, inbox, outbox) in enumerate(self._workers):
            chunk = next(chunks, None)
            if chunk is None:
                break
            self._send(inbox, chunk)
            busy[outbox.fileno()] = n, sent
            ready.register(outbox, select.POLLIN)
            sent += 1
        while busy:
            for fd, _ in ready.poll():
                n, index = busy.pop(fd)
                pid, inbox, outbox = self._workers[n]
                try:
                    done[index] = self._pickle.load(outbox)
                except (EOFError, self._pickle.UnpicklingError):  # killed (out of memory?): an error, where Pool hung
                    raise RhetoricError(f"worker process {pid} ended before its work was done") from None
                chunk = next(chunks, None)
                if chunk is None:
                    ready.unregister(fd)
                else:  # the worker's next chunk goes before its results are handed on
                    self._send(inbox, chunk)
                    busy[fd] = n, sent
                    sent += 1
            while following in done:
                reply = done.pop(following)
                following += 1
                if isinstance(reply, BaseException):
                    raise reply
                yield from reply

    def _send(self, inbox: BinaryIO, chunk: list[_Task]) -> None:
        self._pickle.dump(chunk, inbox, protocol=-1)
        inbox.flush()

    def stop(self) -> None:
        """End every worker and wait for it."""
        for pid, inbox, outbox in self._workers:
            inbox.close()
            outbox.close()
            try:
                os.kill(pid, signal.SIGTERM)  # it may be in the middle of a chunk
            except ProcessLookupError:
                pass
        for pid, _, _ in self._workers:
            os.waitpid(pid, 0)
        self._workers = []


class Batch:
    """A pool of workers (or none) that analyses inputs in order; use it as a context manager."""

    def __init__(self, options: Options, jobs: int = 1, configs: Iterable[Config] = (Config(),)) -> None:
        self.options = options
        self.jobs = jobs
        self.configs = configs  # whose lexicons the workers will need
        self._pool: _Workers | None = None
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
            self._pool = _Workers(self.jobs)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.stop()
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
            # A worker's standard input is the null device: the main process reads its own for it.
            yield from self._pool.imap((_stdin(self.options), options, config) if item == STDIN
                                       else (item, options, config) for item, options, config in tasks)


def analyze_all(items: Iterable[str | RhetoricError], options: Options, jobs: int = 1,
                configs: Iterable[Config] | None = None) -> Iterator[Outcome]:
    """Yield an outcome for every input in input order, using `jobs` worker processes."""
    configs = list(configs) if configs is not None else None
    with Batch(options, jobs, configs or (Config(),)) as batch:
        yield from batch.run(items, configs)
