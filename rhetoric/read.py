"""Find input files, read and decode them, and turn them into the text to analyse."""

from __future__ import annotations

import codecs
import fnmatch
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .report import Source
from .suppress import Suppression, in_plain_text, suppressions

FORMATS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
           ".html": "html", ".htm": "html"}
STDIN = "-"
# Larger files are refused rather than risk exhausting memory.
DEFAULT_MAX_BYTES = 50_000_000


@dataclass(frozen=True, slots=True)
class Input:
    """One document to analyse: its text and where it came from."""

    text: str
    source: Source
    original: str | None = None  # the decoded file, when the analysed text differs from it
    suppressions: tuple[Suppression, ...] = ()  # from rhetoric-disable comments in the source


def expand(paths: Sequence[str], include: Sequence[str] = (), exclude: Sequence[str] = ()) -> Iterator[str | InputError]:
    """Yield every file named by `paths`, walking folders in sorted order; errors in their place."""
    for p in paths:
        if p == STDIN:
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            found = False
            for item in _walk(path, include, exclude):
                found = True
                yield item
            if not found:
                yield InputError("folder holds no files to analyse (.txt, .md, .html)", path=p)
        else:
            yield p


def _walk(root: Path, include: Sequence[str], exclude: Sequence[str]) -> Iterator[str | InputError]:
    seen: set[tuple[int, int]] = set()

    def visit(folder: Path) -> Iterator[str | InputError]:
        try:
            st = folder.stat()
        except OSError as exc:
            yield InputError(f"cannot open folder: {exc.strerror}", path=folder)
            return
        if (st.st_dev, st.st_ino) in seen:
            yield InputError("symbolic-link loop: folder already visited", path=folder)
            return
        seen.add((st.st_dev, st.st_ino))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield InputError(f"cannot list folder: {exc.strerror}", path=folder)
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                yield from visit(Path(entry.path))
            elif _wanted(entry.path, root, include, exclude):
                yield entry.path

    yield from visit(root)


def _wanted(path: str, root: Path, include: Sequence[str], exclude: Sequence[str]) -> bool:
    rel = os.path.relpath(path, root)
    name = os.path.basename(path)

    def matches(patterns: Sequence[str]) -> bool:
        return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) for p in patterns)

    if include:
        if not matches(include):
            return False
    elif Path(path).suffix.lower() not in FORMATS:
        return False
    return not matches(exclude)


def read(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Input:
    """Read, decode and (for Markdown and HTML) extract one file, or standard input for "-"."""
    if path == STDIN:
        data = sys.stdin.buffer.read(max_bytes + 1)
        name = "<stdin>"
    else:
        data = _read_file(path, max_bytes)
        name = path
    if len(data) > max_bytes:
        raise InputError(f"is larger than the limit of {max_bytes:,} bytes (see --max-bytes)", path=path)
    text, encoding = decode(data, path)
    if not text.strip():
        raise InputError("is empty" if not text else "holds only white space", path=path)
    fmt = FORMATS.get(Path(path).suffix.lower(), "text") if path != STDIN else "text"
    if fmt == "text":
        return Input(text, Source(path=name, format=fmt, encoding=encoding), suppressions=in_plain_text(text))
    from . import extract

    if fmt == "markdown":
        extracted = extract.markdown(text)
    else:
        extracted = extract.Extracted(extract.html_text(text, path))
        if "rhetoric-" in text:
            extracted = extract.html_comments(text, extracted.text)
    analysed = extracted.text
    if not analysed.strip():
        raise InputError(f"holds no prose once the {fmt} markup is removed", path=path)
    spans = suppressions(extracted.comments, extracted.lines, len(analysed))
    return Input(analysed, Source(path=name, format=fmt, encoding=encoding), original=text, suppressions=spans)


def _read_file(path: str, max_bytes: int) -> bytes:
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputError("no such file" if not p.is_symlink() else "broken symbolic link", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from exc
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a folder, not a file", path=path)
    if not stat.S_ISREG(st.st_mode):
        raise InputError("is not a regular file (a device, socket or pipe); not opened", path=path)
    try:
        with open(p, "rb") as f:
            return f.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from exc


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode bytes: UTF-8 or UTF-16 by byte-order mark, else UTF-8, else a detected legacy encoding."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(f"cannot decode as UTF-16 at byte {exc.start}", path=path) from exc
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    if b"\x00" in data[:8192]:
        raise InputError("looks like a binary file, not text", path=path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        bad = exc.start
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding in ("utf_8", "utf-8"):
        raise InputError(f"is not valid UTF-8 and no other text encoding fits (bad byte 0x{data[bad]:02x} at "
                         f"offset {bad})", path=path)
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputError(f"cannot decode as {best.encoding}", path=path) from exc
