"""Where results go: standard output, or a file written atomically."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TextIO

from .errors import OutputError, shown


@contextmanager
def destination(path: str | None, inputs: Iterable[object] = ()) -> Iterator[TextIO]:
    """Yield a stream for results; a file appears only complete, renamed into place at the end.

    A path that is one of the file names among `inputs` (the files analysed) is refused: the results would replace it.
    """
    if path is None or path == "-":
        if sys.stdout is None:  # Python's stand-in for a standard output whose descriptor was closed (`>&-`)
            raise OutputError("standard output is closed: nowhere to write the results (use --output FILE)")
        _escaping(sys.stdout)
        yield sys.stdout
        return
    import tempfile  # here: it brings in random and hashlib's SHA-512, which output to a terminal or pipe does without

    if os.path.isdir(path):  # else the results would be written and then fail to take the folder's place
        raise OutputError("is a folder: --output needs the name of a file to write", path=path)
    refuse_inputs((path,), inputs)
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".rhetoric-", suffix=".tmp", dir=folder)
    except OSError as exc:  # named for the file asked for, not the temporary one beside it
        raise OutputError(f"cannot write the results: {exc.strerror or exc}", path=path) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="", errors=_ESCAPE) as f:
            yield f
        # mkstemp makes the file private; give it the permissions any new file would have.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def refuse_inputs(targets: Iterable[str], inputs: Iterable[object]) -> None:
    """Raise OutputError if one of `targets` (files results are to be written to) is a file one of `inputs` names.

    `inputs` are the things analysed: the names among them (and not "-") are looked up only when a target exists.
    """
    existing: dict[tuple[int, int], str] = {}
    for target in targets:
        try:
            found = os.stat(target)
        except (OSError, ValueError):  # not there yet (or no name a file can have): no input it could be
            continue
        existing[found.st_dev, found.st_ino] = target
    if not existing:
        return
    for item in inputs:
        if isinstance(item, str) and item != "-":
            try:
                found = os.stat(item)
            except (OSError, ValueError):
                continue
            target = existing.get((found.st_dev, found.st_ino), "")
            if target and stat.S_ISREG(found.st_mode):
                named = "" if item == target else f" (as {shown(item)})"
                raise OutputError(f"is one of the files to analyse{named}: the results would replace it; "
                                  "write them elsewhere", path=target)


# A file name that is not text reaches the output as lone surrogates, which UTF-8 cannot hold: written as
# backslash escapes, a JSON string holds the very escape that gives the name back ("caf\\udce9.txt"),
# and the other formats show it as Python does. (The default handlers raise, or write the raw bytes,
# which leave the output no longer UTF-8.)
_ESCAPE = "backslashreplace"


def _escaping(stream: TextIO) -> None:
    """Make `stream` write what its encoding cannot hold as backslash escapes, if it is a text file that can."""
    if getattr(stream, "errors", _ESCAPE) != _ESCAPE and hasattr(stream, "reconfigure"):
        stream.reconfigure(errors=_ESCAPE)
