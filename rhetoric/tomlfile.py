"""Read a TOML file for rhetoric, and find the line of a key in it for error messages."""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import Any

from .errors import RhetoricError

# tomllib (before Python 3.14) tells where a syntax error is only inside its message.
_AT = re.compile(r"\(at line (\d+), column (\d+)\)$")


def read(path: Path, error: type[RhetoricError], what: str) -> tuple[dict[str, Any], str]:
    """Return the parsed file and its raw text; fail with `error` carrying the path and line."""
    raw = text(path, error, what)
    return parse(raw, path, error), raw


def text(path: Path, error: type[RhetoricError], what: str) -> str:
    """Return the text of a TOML file; fail with `error` carrying the path."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise error(f"cannot read {what}: {exc.strerror}", path=path) from exc
    except UnicodeDecodeError as exc:
        raise error(f"cannot read {what}: not UTF-8 (bad byte at offset {exc.start})", path=path) from exc


def parse(raw: str, path: Path, error: type[RhetoricError]) -> dict[str, Any]:
    """Return the parsed TOML text `raw` of `path`; fail with `error` carrying the path and line."""
    import tomllib  # here: a run whose lexicons are all pre-parsed and that reads no config does without it

    try:
        return tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = _AT.search(message)
        if at is None:
            raise error(f"invalid TOML: {message}", path=path) from exc
        detail = message[:at.start()].rstrip()
        raise error(f"invalid TOML at column {at.group(2)}: {detail}", path=path, line=int(at.group(1))) from exc


class Locator:
    """Find the line of a key, a table or a value in raw TOML (tomllib keeps no positions)."""

    def __init__(self, raw: str) -> None:
        self.raw = raw

    @cached_property
    def lines(self) -> list[str]:
        # TOML breaks lines only at "\n" ("\r\n" leaves a "\r" the patterns take for white space).
        return self.raw.split("\n")

    def tables(self, name: str) -> list[int]:
        """Return the lines of every `[name]` or `[[name]]` header."""
        # The headers are found in the whole text at once, led by their bracket, and their lines
        # counted from the breaks before them: a lexicon has thousands of lines and is read at
        # every start. TOML's white space is spaces and tabs.
        header = re.compile(rf"\[\[?[ \t]*{re.escape(name)}[ \t]*\]\]?")
        raw = self.raw
        found, line, at = [], 1, 0
        for m in header.finditer(raw):
            start = m.start()
            if raw[raw.rfind("\n", 0, start) + 1:start].strip(" \t"):
                continue  # not at the head of its line
            line += raw.count("\n", at, start)
            at = start
            found.append(line)
        return found

    def key(self, key: str, after: int | None = None) -> int | None:
        """Return the first line at or after `after` that defines `key` (bare, quoted or dotted)."""
        name = re.escape(key)
        q = rf"(?:{name}|\"{name}\"|'{name}')"
        prefix = r"(?:[\w\"'.-]+\.)?"
        pattern = re.compile(rf"^\s*{prefix}{q}\s*[=.]|^\s*\[\[?\s*{prefix}{q}\s*\]|[{{,]\s*{q}\s*=")
        return self._search(pattern, after)

    def value(self, value: str, after: int | None = None) -> int | None:
        """Return the first line at or after `after` holding the string `value`."""
        text = re.escape(value)
        return self._search(re.compile(rf"\"{text}\"|'{text}'"), after)

    def _search(self, pattern: re.Pattern[str], after: int | None) -> int | None:
        for i in range((after or 1) - 1, len(self.lines)):
            if pattern.search(self.lines[i]):
                return i + 1
        return after
