"""The built-in lexicons and cue tables pre-parsed into JSON, so that start-up skips the TOML parser.

A cue table is stored as parsed; a lexicon as checked and resolved (lexicon.compiled_form:
its inflections and normalised words worked out), and the lexicons' phrase index as a whole
(lexicon.compiled_index), so that start-up skips that work too.
The TOML files stay the source of truth: each file's form is stored with the CRC-32
of the text it came from, and is used only while the file still holds that text;
a file edited since is read from its TOML. Regenerate after editing a lexicon or a
cue table in rhetoric/data, or the code that resolves a lexicon (the same command also
rewrites the stored claim signals, claims.STORED):

    python -m rhetoric.compiled

(tests/test_compiled.py fails while the compiled file is out of date.)
"""

from __future__ import annotations

import json
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FILENAME = "compiled.json"
_FORMAT = 8


# Never compared, and its repr would print a whole lexicon: no __eq__, __hash__ or __repr__ to generate at every start.
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Parsed:
    """A file's parsed (or compiled) form, and the checksum of the text it came from."""

    crc32: int
    data: dict[str, Any]

    def matches_file(self, path: Path) -> bool:
        """Return whether the file at `path` holds the text this was parsed from (False if it cannot be read)."""
        try:
            raw = path.read_bytes()
        except OSError:
            return False
        # Its bytes are checked as read_text would read them, every line break made "\n", but
        # not decoded: decoding, then encoding again for the checksum, cost more than the rest.
        # (Looking for a "\r" costs a tenth of replacing: most files have none.)
        if b"\r" in raw:
            raw = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        return _checksum(raw) == self.crc32


def read(folder: Path) -> tuple[dict[str, Parsed], Any]:
    """Return the pre-parsed files of `folder` by file name, and what was worked out from them all.

    Neither, if there is no usable compiled file.
    """
    try:
        obj = json.loads((folder / FILENAME).read_bytes())
        if obj.get("format") != _FORMAT:
            return {}, None
        return {name: Parsed(item["crc32"], item["data"]) for name, item in obj["files"].items()}, obj["index"]
    except (OSError, ValueError, AttributeError, KeyError, TypeError):
        return {}, None  # no usable file: every lexicon is read from its TOML


def build(folder: Path, form: Callable[[Path], Any] | None = None,
          index: Callable[[list[Path]], Any] | None = None) -> str:
    """Return the compiled form (JSON text) of the TOML files in `folder`.

    That is each file's `form` (by default as parsed), and the `index` of them all (none by default).
    """
    import tomllib  # only to write the compiled form: a run reads the JSON

    paths = sorted(folder.glob("*.toml"))
    files = {}
    for path in paths:
        raw = path.read_text(encoding="utf-8")  # as the loader reads it: newlines made \n
        files[path.name] = {"crc32": _checksum(raw.encode("utf-8")),
                            "data": tomllib.loads(raw) if form is None else form(path)}
    # One value a line, in the TOML's own order, so that a changed entry shows as a small diff. In
    # ASCII, other characters escaped (the curly quotes of the messages): a text wholly in ASCII is
    # decoded and sliced into strings at a fraction of the cost (the lexicons' load 94 -> 90 M instructions).
    return json.dumps({"format": _FORMAT, "files": files, "index": None if index is None else index(paths)},
                      ensure_ascii=True, indent=0) + "\n"


def _checksum(data: bytes) -> int:
    # A CRC-32 tells an edited file from the one compiled (any change of a few bytes, and all but
    # one in four billion others) without loading hashlib's OpenSSL, which no run needs otherwise.
    return zlib.crc32(data)


def main() -> None:
    """Regenerate the compiled files of the built-in lexicons and of the cue tables, and the stored claim signals."""
    from . import claims, data
    from .lexicon import builtin_folder, compiled_form, compiled_index

    for folder, form, index in ((builtin_folder(), compiled_form, compiled_index), (data.folder(), None, None)):
        (folder / FILENAME).write_text(build(folder, form, index), encoding="utf-8")
        print(f"wrote {folder / FILENAME}", file=sys.stderr)
    # The claim table is one of the cue tables: one command regenerates everything it feeds.
    claims.main()


if __name__ == "__main__":
    main()
