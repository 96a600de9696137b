"""Read input files and standard input into text, refusing what is not text."""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .report import Source

TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
STDIN = "-"


@dataclass(frozen=True, slots=True)
class Input:
    """One document to analyse: its text and where it came from."""

    text: str
    source: Source


def expand(paths: list[str]) -> Iterator[str | InputError]:
    """Yield every file named by `paths`, walking folders in sorted order; errors in place."""
    for p in paths:
        if p == STDIN:
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            files = sorted(_walk(path))
            if not files:
                yield InputError("folder holds no text files (.txt, .md)", path=p)
            yield from files
        else:
            yield p


def _walk(root: Path) -> Iterator[str]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.lower().endswith(TEXT_SUFFIXES) and not name.startswith("."):
                yield os.path.join(dirpath, name)


def read(path: str) -> Input:
    """Read and decode one file (or standard input for "-")."""
    if path == STDIN:
        data = sys.stdin.buffer.read()
    else:
        p = Path(path)
        if not p.exists():
            raise InputError("no such file", path=path)
        if p.is_dir():
            raise InputError("is a folder, not a file", path=path)
        if not p.is_file():
            raise InputError("is not a regular file", path=path)
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}", path=path) from exc
    text, encoding = decode(data, path)
    if not text.strip():
        raise InputError("is empty" if not text else "holds only white space", path=path)
    return Input(text, Source(path="<stdin>" if path == STDIN else path, format="text", encoding=encoding))


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode bytes as UTF-8 (or UTF-16 with a byte-order mark), refusing binary data."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(f"cannot decode as UTF-16 at byte {exc.start}", path=path) from exc
    if b"\x00" in data[:8192]:
        raise InputError("looks like a binary file, not text", path=path)
    encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    try:
        return data.decode(encoding), "utf-8"
    except UnicodeDecodeError as exc:
        raise InputError(f"is not valid UTF-8 (bad byte 0x{data[exc.start]:02x} at offset {exc.start})",
                         path=path) from exc
