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
from itertools import repeat
from typing import TYPE_CHECKING, Any

from . import syllables
from .config import Config
from .errors import RhetoricError
from .lexicon import Lexicons, load
from .pipeline import analyze
from .read import DEFAULT_MAX_BYTES, STDIN, STDIN_NAME, Input, read
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
    path = STDIN_NAME if isinstance(item, Input) or item == STDIN else item
    try:
        doc = item if isinstance(item, Input) else read(item, options.max_bytes, options.stdin_format)
        report = analyze(doc.text, lexicons=lexicons_for(config), source=doc.source,
                         include_quoted=config.include_quoted, selection=config.selection,
                         suppressions=doc.suppressions, quoted=doc.quoted)
    except RhetoricError as exc:
        return Outcome(path=path, error=exc)
    breaches = _breaches(report, config) if config.has_limits else ()
    warnings = report.source.warnings  # the reading's, and the analysis's caveat
    notes = warnings + _comment_notes(doc.suppressions, config) if doc.suppressions else warnings
    return Outcome(path=path, payload=_payload(report, doc.original, config, options.shape, notes),
                   breaches=breaches, notes=notes)


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


def _payload(report: Report, original: str | None, config: Config, shape: Shape, notes: tuple[str, ...]) -> Any:
    """Return the report in the shape the parent asked for (CSV's with the input's warnings, `notes`)."""
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

        return csv_render.line(row(report), notes)
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
_QUEUED = 1024  # input numbers written to the queue at a time: 4,096 bytes, which a pipe takes whole or not at all
_RESULTS_PIPE = 1 << 20  # bytes a worker's results pipe is asked to hold while the main process analyses
# Outcomes the main process holds, waiting for one before them, before it waits too: memory stays flat
# however long the article a worker reads meanwhile. Each held some 33 KB (600 news articles analysed
# while a worker read a 2 MB one: +20 MB); a bound of 32 left the main process idle there (2.5 -> 3.2 s).
_AHEAD = 1024


def _wait(fds: Iterable[int]) -> None:
    """Wait until one of the pipes `fds` has something to read, or has been closed."""
    import select

    ready = select.poll()  # not select.select, which takes no descriptor past 1,023
    for fd in fds:
        ready.register(fd, select.POLLIN)
    ready.poll()


def _whole(received: bytearray) -> int:
    """The bytes of the first outcome in `received`, or 0 while part of it is still to come.

    Each is sent as its length in 8 bytes, then its pickle.
    """
    size = 8 + int.from_bytes(received[:8], "little") if len(received) >= 8 else 0
    return size if 0 < size <= len(received) else 0


class _Workers:
    """This process and jobs - 1 processes forked from it, each taking the next input as it finishes one.

    The inputs are all known before the fork, so a worker needs only an input's number. The
    numbers wait in one pipe that every process reads, 4 bytes at a time (written 4,096 at a time,
    so a read never finds part of one), and no process waits to be handed work. A worker sends
    each outcome up a pipe of its own, its length first; the main process analyses inputs too,
    reads what the workers have sent after each of its own, and hands every outcome on in order.

    In place of multiprocessing.Pool: importing multiprocessing (which brings in socket, its
    enums and pickle) and starting a Pool cost ~34 M instructions before the fork, on the
    critical path of every run with workers; this needs os.fork, pipes and pickle. With the main
    process analysing too, no third process takes turns with two workers on two cores, and none
    of them waits for the next input to be sent.
    """

    def __init__(self, jobs: int, tasks: Sequence[_Task]) -> None:
        import pickle  # only a run with workers sends anything between processes

        self._pickle = pickle
        self._tasks = tasks
        self._queued = 0  # input numbers written to the queue
        queue, queue_in = os.pipe()
        self._queue: int | None = queue
        self._queue_in: int | None = queue_in
        # Neither end waits. The main process, which holds the numbers still to queue, tops the
        # queue up whenever it finds it empty: a read that waited would wait for ever on a queue
        # the workers had emptied while it wrote results. A worker finding it empty waits on it.
        os.set_blocking(queue_in, False)
        os.set_blocking(queue, False)
        self._fill()
        self._results: dict[int, int] = {}  # the pipe each worker's outcomes come up -> its pid
        for stream in (sys.stdout, sys.stderr):  # what they hold is written once, by this process
            if stream is not None and not stream.closed:
                stream.flush()
        for _ in range(jobs - 1):
            results_out, results_in = os.pipe()
            pid = os.fork()
            if pid == 0:  # the worker, which never returns from here
                status = 1
                try:
                    status = self._serve(results_in, results_out)
                finally:
                    os._exit(status)  # never back into the main process's code (its finally blocks, its exit)
            os.close(results_in)
            os.set_blocking(results_out, False)
            self._results[results_out] = pid
        self._received = {fd: bytearray() for fd in self._results}

    def _fill(self) -> None:
        """Queue as many input numbers as the pipe takes; close it once all are in."""
        while self._queue_in is not None and self._queued < len(self._tasks):
            end = min(len(self._tasks), self._queued + _QUEUED)
            try:
                os.write(self._queue_in, b"".join(n.to_bytes(4, "little") for n in range(self._queued, end)))
            except BlockingIOError:  # full: the rest go in as the queue empties
                return
            self._queued = end
        if self._queue_in is not None:
            os.close(self._queue_in)  # every number is in: an empty queue now reads as its end
            self._queue_in = None

    def _take(self) -> int | None:
        """The number of the next input to analyse, or None when none is left."""
        assert self._queue is not None, "stopped"
        while True:
            try:
                data = os.read(self._queue, 4)
            except BlockingIOError:  # empty for now (the queue is read without waiting)
                if self._queue_in is not None:  # the main process, which holds the numbers still to queue
                    self._fill()
                else:  # a worker: wait for the main process to queue more, or to close the queue
                    _wait([self._queue])
                continue
            return int.from_bytes(data, "little") if data else None

    def _serve(self, results: int, main_end: int) -> int:
        """Analyse inputs until the queue is empty; return the worker's exit status."""
        import fcntl

        _worker_start()
        for fd in (main_end, self._queue_in, *self._results):  # the main process's pipe ends, its workers' too
            if fd is not None:
                os.close(fd)
        self._queue_in = None
        resize = getattr(fcntl, "F_SETPIPE_SZ", None)  # Linux's alone
        try:  # room for many outcomes while the main process analyses an input of its own
            if resize is not None:
                fcntl.fcntl(results, resize, _RESULTS_PIPE)
        except OSError:  # refused (a system limit): the worker waits for the main process more often
            pass
        # Standard input stays the main process's, as in multiprocessing's workers.
        sys.stdin = open(os.devnull, encoding="utf-8")
        with open(results, "wb") as outbox:
            while (n := self._take()) is not None:
                try:
                    reply: Outcome | BaseException = _task(self._tasks[n])
                except Exception as exc:  # handed to the main process, which raises it in its place, as Pool does
                    reply = exc
                data = self._pickle.dumps((n, reply), protocol=-1)
                outbox.write(len(data).to_bytes(8, "little"))
                outbox.write(data)
                outbox.flush()
        return 0

    def _collect(self, done: dict[int, Outcome | BaseException], wait: bool) -> None:
        """Read into `done` what the workers have sent; with `wait`, first wait until one sends or ends."""
        if wait:
            _wait(self._received)
        for fd, received in list(self._received.items()):
            while True:
                try:
                    data = os.read(fd, _RESULTS_PIPE)
                except BlockingIOError:
                    if not received:
                        break
                    # The rest of an outcome larger than the pipe: the worker is writing it now. Left
                    # there, it would wait for the main process's next input before sending more.
                    _wait([fd])
                    continue
                if not data:
                    self._ended(fd)
                    break
                received += data
                while size := _whole(received):
                    n, reply = self._pickle.loads(received[8:size])
                    del received[:size]
                    done[n] = reply

    def _ended(self, fd: int) -> None:
        """A worker has closed its pipe: reap it, and raise if it did not end as it should."""
        pid = self._results.pop(fd)
        del self._received[fd]
        os.close(fd)
        _, status = os.waitpid(pid, 0)
        if status != 0:  # killed (out of memory?), or a failure outside any analysis: an error, where Pool hung
            raise RhetoricError(f"worker process {pid} ended before its work was done")

    def imap(self) -> Iterator[Outcome]:
        """Yield the outcome of every task, in order, analysing some of them in this process."""
        done: dict[int, Outcome | BaseException] = {}
        following = 0
        queued = True  # inputs wait in the queue
        while following < len(self._tasks):
            if queued and len(done) < _AHEAD:
                n = self._take()
                if n is None:
                    queued = False
                else:
                    try:
                        done[n] = analyze_one(*self._tasks[n])
                    except Exception as exc:  # raised in its place, after the outcomes before it
                        done[n] = exc
                    self._fill()
                    self._collect(done, wait=False)
            elif following not in done:
                # A worker has it (taken before any this process holds): wait for it, rather than hold
                # more outcomes, each with its whole report, while a worker reads a long article.
                if not self._received:  # every worker has ended well, and this input is nowhere
                    raise RhetoricError("a worker process ended before its work was done")
                self._collect(done, wait=True)
            while following in done:
                reply = done.pop(following)
                following += 1
                if isinstance(reply, BaseException):
                    raise reply
                yield reply

    def stop(self) -> None:
        """End every worker and wait for it."""
        for fd in (self._queue, self._queue_in, *self._results):
            if fd is not None:
                os.close(fd)
        self._queue = self._queue_in = None
        for pid in self._results.values():
            try:
                os.kill(pid, signal.SIGTERM)  # it may be in the middle of an analysis
            except ProcessLookupError:
                pass
        for pid in self._results.values():
            os.waitpid(pid, 0)
        self._results, self._received = {}, {}


class Batch:
    """The analysis of many inputs, in order, in worker processes or in this one; use it as a context manager.

    With workers, they are forked as it is entered: enter it before starting any thread (a
    progress bar's), since a fork copies none, and a lock one held would stay held for ever.
    """

    def __init__(self, options: Options, items: Sequence[str | RhetoricError], configs: Sequence[Config] | None = None,
                 jobs: int = 1) -> None:
        self.options = options
        # Worker processes are forked: where there is no fork (Windows), everything is analysed here.
        self.jobs = jobs if hasattr(os, "fork") else 1
        # Each input's configuration, by default the default one.
        self._tasks: list[_Task] = [(item, options, config) for item, config in
                                    zip(items, configs if configs is not None else repeat(Config()))]
        self._pool: _Workers | None = None
        self._frozen = False

    def __enter__(self) -> Batch:
        if self.jobs > 1:
            # Load what every analysis needs before forking, so workers start warm
            # and share the memory instead of each reading the lexicons again.
            for config in dict.fromkeys(config for _, _, config in self._tasks):
                lexicons_for(config)
            syllables.warm()
            # Keep the collector off what the workers inherit, so they do not copy it page by page.
            self._freeze()
            # Standard input, which stays the main process's, is read now.
            self._pool = _Workers(self.jobs, [(_stdin(self.options), options, config) if item == STDIN
                                              else (item, options, config) for item, options, config in self._tasks])
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.stop()
            self._pool = None
        if self._frozen:
            gc.unfreeze()
            self._frozen = False

    def _freeze(self) -> None:
        gc.freeze()
        self._frozen = True

    def run(self) -> Iterator[Outcome]:
        """Yield the outcome of every input, in order."""
        if self._pool is not None:
            yield from self._pool.imap()
            self._pool.stop()  # the workers have ended: reaped now, not when the batch is left
            self._pool = None
            return
        for task in self._tasks:
            outcome = analyze_one(*task)
            yield outcome
            if not self._frozen and outcome.error is None:
                # The first analysis loaded the lexicons and dictionaries: keep the collector's
                # full passes off them, as the workers' are (a few per cent of a long run).
                self._freeze()


def analyze_all(items: Sequence[str | RhetoricError], options: Options, jobs: int = 1,
                configs: Sequence[Config] | None = None) -> Iterator[Outcome]:
    """Yield an outcome for every input in input order, using `jobs` worker processes."""
    with Batch(options, items, configs, jobs) as batch:
        yield from batch.run()
