"""Find input files, read and decode them, and turn them into the text to analyse."""

from __future__ import annotations

import codecs
import fnmatch
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError
from .report import Source

if TYPE_CHECKING:
    from .suppress import Suppression

FORMATS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
           ".html": "html", ".htm": "html"}
STDIN = "-"
STDIN_NAME = "<stdin>"  # what results and error messages call standard input
# Larger files are refused rather than risk exhausting memory: analysis holds about
# 15-25 MB per MB of text (bench/sizes.py), so this keeps one worker within 100-200 MB,
# and it is still some 25 times the longest news article.
DEFAULT_MAX_BYTES = 5_000_000
# The first bytes of file kinds that are not text, and what to call them in a message.
# A PDF can be all ASCII at its start, so a NUL byte alone would not give it away.
_MAGIC = (
    (b"%PDF-", "a PDF document", "extract its text first (for example with pdftotext)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "rhetoric analyses text"),
    (b"\xff\xd8\xff", "a JPEG image", "rhetoric analyses text"),
    (b"GIF87a", "a GIF image", "rhetoric analyses text"),
    (b"GIF89a", "a GIF image", "rhetoric analyses text"),
    (b"PK\x03\x04", "a zip archive (or a .docx, .odt or .epub document)",
     "unpack it, or save the document as plain text"),
    (b"\x1f\x8b", "a gzip archive", "unpack it first (gunzip)"),
    (b"BZh91AY&SY", "a bzip2 archive", "unpack it first (bunzip2)"),
    (b"\xfd7zXZ\x00", "an xz archive", "unpack it first (unxz)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "unpack it first"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive", "unpack it first (unzstd)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document", "save it as plain text"),
    (b"\x7fELF", "a program", "rhetoric analyses text"),
)


@dataclass(frozen=True, slots=True, eq=False)  # never compared: no __eq__/__hash__ to generate at every start
class Input:
    """One document to analyse: its text and where it came from."""

    text: str
    source: Source
    original: str | None = None  # the decoded file, when the analysed text differs from it
    suppressions: tuple[Suppression, ...] = ()  # from rhetoric-disable comments in the source
    quoted: tuple[tuple[int, int], ...] = ()  # spans of the text that its markup says are quoted (block quotations)


class NamedPipe(str):
    """A named pipe given on the command line, as process substitution gives one (`<(pdftotext a.pdf -)`):
    read, unlike a pipe met in a folder, where nothing may be waiting to write and reading could wait forever."""

    __slots__ = ()


def expand(paths: Sequence[str], include: Sequence[str] = (), exclude: Sequence[str] = ()) -> Iterator[str | InputError]:
    """Yield every file named by `paths`, walking folders in sorted order; errors in their place."""
    stdin_named = False
    for p in paths:
        if p == STDIN:
            # Read once, it has nothing left for a second "-" (which said "is empty").
            yield InputError("standard input is named more than once; it was read for the first -", path=p) \
                if stdin_named else p
            stdin_named = True
            continue
        path = Path(p)
        mode = _mode(p)
        if stat.S_ISFIFO(mode):
            yield NamedPipe(p)
        elif stat.S_ISDIR(mode):
            found = False
            for item in _walk(path, include, exclude):
                found = True
                yield item
            if not found:
                yield InputError("folder holds no files to analyse (.txt, .md, .html)" + _what_it_holds(p), path=p)
        else:
            yield p


def _what_it_holds(folder: str) -> str:
    """Return the end of the message for a folder with nothing to analyse: what it holds most of, and what to do."""
    from collections import Counter

    held: Counter[str] = Counter()  # files by extension, as the scan would see them (hidden ones left out)
    for _, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        held.update(_suffix(name) for name in files if not name.startswith("."))
    if not held:
        return "; name others with --include"
    [(suffix, n)] = held.most_common(1)
    from .render import counted  # (the render package's own module holds no renderer)

    kind = counted(n, f"{suffix} file") if suffix else counted(n, "file") + " without an extension"
    advice = _ADVICE.get(suffix) or (f"to read them as text, add --include '*{suffix}'" if suffix
                                     else "name them with --include")
    return f", but {kind}: {advice}"


# What to do with the files a folder holds instead of text, by their extension.
_ADVICE = {".pdf": "extract their text first, for example with pdftotext",
           ".docx": "save them as plain text", ".doc": "save them as plain text", ".odt": "save them as plain text",
           ".rtf": "save them as plain text"}


def _walk(root: Path, include: Sequence[str], exclude: Sequence[str]) -> Iterator[str | InputError]:
    seen: set[tuple[int, int]] = set()

    def visit(folder: str) -> Iterator[str | InputError]:
        try:
            st = os.stat(folder)
        except OSError as exc:
            yield InputError(_cannot("open folder", exc), path=folder)
            return
        if (st.st_dev, st.st_ino) in seen:
            yield InputError("symbolic-link loop: this folder was already visited in the scan; skipped", path=folder)
            return
        seen.add((st.st_dev, st.st_ino))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield InputError(_cannot("list folder", exc), path=folder)
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                # Its path as scandir joins it: a Path would drop the "./" that the files beside it keep.
                yield from visit(entry.path)
            elif _wanted(entry.path, root, include, exclude):
                yield entry.path

    yield from visit(str(root))


def _mode(path: str) -> int:
    """Return the type and permissions of what `path` names (following links); 0, no type, if it cannot be told."""
    try:
        return os.stat(path).st_mode
    except (OSError, ValueError):  # missing, unreadable, or a name the system cannot take: read() says which
        return 0


def _wanted(path: str, root: Path, include: Sequence[str], exclude: Sequence[str]) -> bool:
    if not include and not exclude:
        # The usual scan: no relative path to work out for every file (70,000 instructions a file).
        return _suffix(path) in FORMATS
    rel = os.path.relpath(path, root)
    name = os.path.basename(path)

    def matches(patterns: Sequence[str]) -> bool:
        return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) for p in patterns)

    if include:
        if not matches(include):
            return False
    elif _suffix(path) not in FORMATS:
        return False
    return not matches(exclude)


def _suffix(path: str) -> str:
    """Return the file name's extension in lower case ("" if none), as Path(path).suffix would give it."""
    # os.path rather than a Path for every file of a scan: a Path costs several times the instructions.
    name = os.path.basename(path)
    dot = name.rfind(".")
    return name[dot:].lower() if 0 < dot < len(name) - 1 else ""


def read(path: str, max_bytes: int = DEFAULT_MAX_BYTES, stdin_format: str | None = None) -> Input:
    """Read, decode and (for Markdown and HTML) extract one file, or standard input for "-".

    Standard input is read in `stdin_format` ("text", "markdown" or "html"); by default as HTML when it
    opens as a web page does, else as plain text.
    """
    name = STDIN_NAME if path == STDIN else path
    if path == STDIN:
        if sys.stdin is None:  # Python's stand-in for a standard input whose descriptor was closed (`<&-`)
            raise InputError("standard input is closed: nothing to read", path=name)
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        data = _read_file(path, max_bytes)
    if len(data) > max_bytes:
        raise InputError(f"is larger than the limit of {max_bytes:,} bytes; skipped (if it really is one article, "
                         "raise the limit with --max-bytes: analysis needs about 15-25 MB of memory per MB of text)",
                         path=name)
    text, encoding, warning = decode(data, name)
    warnings = (warning,) if warning else ()
    if not text.strip():
        raise InputError("is empty" if not text else "holds only white space", path=name)
    if path == STDIN:
        fmt = stdin_format or _sniffed(text)
    else:  # a web page saved as .txt, or under a name --include let in, is read as one
        named = FORMATS.get(_suffix(path), "text")
        fmt = _sniffed(text) if named == "text" else named
    if fmt == "text":
        # Bytes read as U+FFFD make the text differ from the file's: the output then carries the text.
        return Input(text, Source(name, fmt, encoding, warnings), original=text if warnings else None,
                     suppressions=_plain_suppressions(text))
    from . import extract
    from .suppress import suppressions

    if fmt == "markdown":
        extracted = extract.markdown(text)
    else:
        extracted = extract.html(text, name)
        if "rhetoric-" in text:
            extracted = replace(extract.html_comments(text, extracted.text), quoted=extracted.quoted)
    analysed = extracted.text
    if not analysed.strip():
        raise InputError(f"holds no prose once the {fmt} markup is removed", path=name)
    spans = suppressions(extracted.comments, extracted.lines, len(analysed))
    return Input(analysed, Source(name, fmt, encoding, warnings + extracted.warnings), original=text,
                 suppressions=spans, quoted=extracted.quoted)


def _sniffed(text: str) -> str:
    """Return the format of standard input, which has no file name to tell it: an HTML page by how it opens."""
    head = text[:4096].lstrip().lower()
    # A browser's "saved from" comment, or an XML declaration, may come before the page's first tag.
    while head.startswith(("<!--", "<?xml")):
        closing = "-->" if head.startswith("<!--") else "?>"
        end = head.find(closing)
        if end < 0:
            return "text"
        head = head[end + len(closing):].lstrip()
    return "html" if head.startswith(_HTML_OPENINGS) else "text"


# How a web page opens: a doctype, or the html element itself.
_HTML_OPENINGS = ("<!doctype html", "<html")


def _plain_suppressions(text: str) -> tuple[Suppression, ...]:
    """Return the suppressions of a plain text: none unless it names a rhetoric directive."""
    # Tested before suppress is imported: most texts hold no directive, and the module's three
    # dataclasses would cost every run their generated methods (~10 M instructions).
    if "rhetoric-" not in text:
        return ()
    from .suppress import in_plain_text

    return in_plain_text(text)


def _read_file(path: str, max_bytes: int) -> bytes:
    if isinstance(path, NamedPipe):
        try:
            with open(path, "rb") as pipe:  # waiting for its writer is what the command line asked for
                return pipe.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(_cannot("read", exc), path=path) from exc
    try:
        _check_kind(os.stat(path).st_mode, path)  # a device or a pipe is never even opened
        # Opened without blocking and checked again on the open descriptor: a file swapped
        # for a pipe after the check is still never read, so a scan cannot hang on it.
        # (O_NONBLOCK and O_NOCTTY are POSIX's, O_BINARY is Windows'.)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
                     | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        try:
            target = os.readlink(path)
        except OSError:
            target = None  # not a link (or no longer one)
        if target is not None:
            raise InputError(f"broken symbolic link: it points to {target}, which does not exist; skipped",
                             path=path) from None
        if path.startswith(("http://", "https://", "www.")):
            raise InputError("no such file: rhetoric reads files and never goes online; save the page (in the "
                             "browser, or with curl -o page.html) and analyse the file", path=path) from None
        raise InputError("no such file: check the path (a file in a folder may have been moved or deleted "
                         "during the scan)", path=path) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", path=path) from None
    except OSError as exc:
        raise InputError(_cannot("open", exc), path=path) from exc
    with os.fdopen(fd, "rb") as f:
        try:
            _check_kind(os.fstat(fd).st_mode, path)
            return f.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(_cannot("read", exc), path=path) from exc


def _check_kind(mode: int, path: str) -> None:
    if stat.S_ISDIR(mode):
        raise InputError("is a folder, not a file", path=path)
    if not stat.S_ISREG(mode):
        raise InputError("is not a regular file (a device, socket or named pipe); skipped without reading it, "
                         "since reading could wait forever", path=path)


def _cannot(what: str, exc: OSError) -> str:
    """Return an actionable message for an operating-system error on an input file."""
    reason = (exc.strerror or str(exc)).lower()
    if isinstance(exc, PermissionError):
        return f"cannot {what}: permission denied; give your user read access to it, or leave it out"
    return f"cannot {what}: {reason}; skipped"


def decode(data: bytes, path: str) -> tuple[str, str, str | None]:
    """Decode bytes: UTF-8 or UTF-16 by byte-order mark, else UTF-8, else a detected legacy encoding.

    Return the text, the encoding's name and a warning when some bytes could not be read as they were written.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16", None
        except UnicodeDecodeError as exc:
            raise InputError(f"starts like UTF-16 text but cannot be decoded at byte {exc.start}; "
                             "the file may be truncated or not text", path=path) from exc
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    for magic, kind, advice in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"is a binary file ({kind}), not text; skipped ({advice})", path=path)
    if b"\x00" in data[:8192]:
        raise InputError("looks like a binary file, not text (it holds NUL bytes); skipped", path=path)
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError as exc:
        bad = exc.start
    mended = _mostly_utf8(data, bad)
    if mended is not None:
        return mended
    encoding = _legacy(data)
    if encoding is None:
        raise InputError(f"is not valid UTF-8 and no other text encoding fits (bad byte 0x{data[bad]:02x} at "
                         f"offset {bad}); convert it to UTF-8 first, e.g. with iconv", path=path)
    try:
        return data.decode(encoding), encoding, None
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputError(f"cannot be decoded as {encoding}, the closest text encoding; convert it to UTF-8 "
                         "first", path=path) from exc


# UTF-8 text with a few bytes that are not (a character cut in two where the file was cut short, a
# Windows-1252 quote pasted in) is still UTF-8: read in a legacy encoding instead, every other character
# beyond ASCII would be garbled. It is taken for UTF-8 when it holds at least this many well-formed
# characters beyond ASCII for each stretch that is not. Text in a legacy encoding, English or not, holds
# almost none: its bytes beyond ASCII seldom fall into UTF-8's patterns (a Windows-1252 quote alone in
# ASCII text never does, and Windows-1252 then reads the text exactly).
_UTF8_PER_FAULT = 2
_REPLACEMENT = "\ufffd"


def _mostly_utf8(data: bytes, bad: int) -> tuple[str, str, str] | None:
    """Return `data` read as UTF-8, faults replaced, with a warning, if it is UTF-8 with a few faults; else None."""
    text = data.decode("utf-8", errors="replace")
    faults = text.count(_REPLACEMENT) - data.count(_REPLACEMENT.encode())  # replacements the file did not hold
    beyond_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    if beyond_ascii - faults < _UTF8_PER_FAULT * faults:
        return None
    where = f"0x{data[bad]:02x} at byte offset {bad}"
    what = f"{faults} stretches of bytes are not valid UTF-8 (the first, {where})" if faults > 1 else \
        f"a stretch of bytes is not valid UTF-8 ({where})"
    return text, "utf-8", f"{what}: read as U+FFFD, the replacement character, and the rest as UTF-8"


# Windows' Western encoding, a superset of Latin-1's letters with the typographic quotes, apostrophes and
# dashes at 0x80-0x9F: what legacy English text is almost always written in.
_WESTERN = "cp1252"
# The most letters beyond ASCII in text taken for English when the detector cannot tell the encodings
# apart: a share of all its letters (0.6% at most in the 787 news articles of the benchmark corpora that
# Windows-1252 can hold; 5-16% in sentences of German, French, Czech or Turkish), or a few in all, which a
# short English text with an accented name or two can exceed that share with.
_ENGLISH_FOREIGN_SHARE = 0.02
_ENGLISH_FOREIGN_FEW = 4
# The letters beyond ASCII of French, German, Spanish, Portuguese and Italian names, as Windows-1252 reads them.
_WESTERN_LETTERS = frozenset("éèêëàáâäãåçíîïñóôöõúûüùÿÉÈÊËÀÁÂÄÃÅÇÍÎÏÑÓÔÖÕÚÛÜÙæœÆŒß")


def _legacy(data: bytes) -> str | None:
    """Return the legacy encoding charset-normalizer finds for `data`, taking Windows-1252 for English text.

    Text that is mostly ASCII, as English is, gives the detector little to go on: it ranks encodings that
    read the few other bytes as different letters (Baltic, Central European, DOS) as high as Windows-1252,
    or higher, and one in seven of the benchmark's English news articles saved in Windows-1252 came back
    garbled ("naïve" as "na’ve", curly quotes as "ō" and "ö", which the quotation detector cannot see).
    So Windows-1252 is taken when the detector counts it among the encodings that fit and the text read
    so holds no more letters beyond ASCII than English does. Otherwise the detector's first choice stands:
    Cyrillic, Greek, Central European or Turkish text is not read as Western.
    """
    from charset_normalizer import from_bytes

    sample = data[:200_000]
    matches = from_bytes(sample)
    best = matches.best()
    if best is None or best.encoding in ("utf_8", "utf-8"):
        return None
    if _WESTERN in best.could_be_from_charset:  # the same text either way: give the usual name
        return _WESTERN
    if any(_WESTERN in m.could_be_from_charset for m in matches) and (  # (each lists its own)
            _english(sample) or _western(sample)):
        return _WESTERN
    return best.encoding


def _western(sample: bytes) -> bool:
    """Return whether `sample` read as Windows-1252 holds no letter beyond ASCII but Western European ones.

    A short brief dense with French names ("Renée Lefèvre … crème brûlée") has more such letters than
    English text, and the detector may rank a Central European reading higher ("Lefčvre"); Czech or
    Turkish read as Windows-1252 shows letters that Western names do not hold ("opatøení", "açýkladý").
    """
    beyond = {ch for ch in set(sample.decode(_WESTERN, errors="replace")) if ch > "\x7f" and ch.isalpha()}
    return beyond <= _WESTERN_LETTERS


def _english(sample: bytes) -> bool:
    """Return whether `sample` read as Windows-1252 has as few letters beyond ASCII as English text."""
    text = sample.decode(_WESTERN, errors="replace")
    letters = sum(map(str.isalpha, text))
    foreign = letters - sum(map(str.isalpha, text.encode("ascii", "ignore").decode("ascii")))
    return foreign <= max(_ENGLISH_FOREIGN_FEW, _ENGLISH_FOREIGN_SHARE * letters)
