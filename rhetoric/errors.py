"""The one exception family rhetoric raises."""

from __future__ import annotations

from pathlib import Path


def shown(path: str) -> str:
    """Return `path` fit for one line of text, its characters that are not printable as backslash escapes.

    Such are a newline, an escape (which could drive the terminal), and a byte of a file name that is
    not text, which Python holds as a lone surrogate.
    """
    if path.isprintable():
        return path
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in path)


class RhetoricError(Exception):
    """Base of every error rhetoric raises on purpose."""

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = shown(self.path) if self.path else ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class InputError(RhetoricError):
    """An input file is missing, unreadable, binary or undecodable."""


class LexiconError(RhetoricError):
    """A lexicon file is malformed."""


class ConfigError(RhetoricError):
    """A configuration file or a command-line option is malformed, or names a rule that does not exist."""


class OutputError(RhetoricError):
    """The results cannot be written where they were asked for (a missing folder, no permission)."""
