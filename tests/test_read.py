from __future__ import annotations

import os

import pytest

from rhetoric.errors import InputError
from rhetoric.read import expand, read


def write(path, data: bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return str(path)


def test_walk_is_sorted_recursive_and_skips_hidden(tmp_path):
    write(tmp_path / "b.txt", b"b")
    write(tmp_path / "a" / "z.md", b"z")
    write(tmp_path / "a" / "y.html", b"<p>y</p>")
    write(tmp_path / "a" / "x.png", b"\x89PNG")
    write(tmp_path / ".git" / "c.txt", b"c")
    names = [os.path.relpath(p, tmp_path) for p in expand([str(tmp_path)])]
    assert names == ["a/y.html", "a/z.md", "b.txt"]


def test_include_and_exclude(tmp_path):
    write(tmp_path / "keep.txt", b"k")
    write(tmp_path / "drop.txt", b"d")
    write(tmp_path / "notes.rst", b"n")
    got = [os.path.basename(p) for p in expand([str(tmp_path)], include=["*.txt", "*.rst"], exclude=["drop*"])]
    assert got == ["keep.txt", "notes.rst"]


def test_symlink_loop_is_reported_not_followed(tmp_path):
    write(tmp_path / "a" / "one.txt", b"1")
    os.symlink(tmp_path / "a", tmp_path / "a" / "loop")
    items = list(expand([str(tmp_path)]))
    files = [i for i in items if isinstance(i, str)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [os.path.basename(f) for f in files] == ["one.txt"]
    assert len(errors) == 1 and "loop" in str(errors[0])


@pytest.mark.parametrize(("data", "encoding", "text"), [
    ("Café crème".encode("utf-8"), "utf-8", "Café crème"),
    (b"\xef\xbb\xbf" + "Café".encode("utf-8"), "utf-8", "Café"),
    ("Café crème".encode("utf-16"), "utf-16", "Café crème"),
    ("Le café était très apprécié, déjà célèbre à l'été.".encode("cp1252"), None, "Le café était très"),
])
def test_encodings(tmp_path, data, encoding, text):
    doc = read(write(tmp_path / "a.txt", data))
    assert doc.text.startswith(text)
    if encoding:
        assert doc.source.encoding == encoding
    else:
        assert doc.source.encoding not in ("utf-8", None)


def test_markdown_markup_is_removed(tmp_path):
    md = b"# The *plan*\n\nThe [council](http://x) approved **it**.\n\n```\ncode()\n```\n\n- one item\n"
    doc = read(write(tmp_path / "a.md", md))
    assert doc.text == "The plan\n\nThe council approved it.\n\none item"
    assert doc.source.format == "markdown" and doc.original is not None


def test_html_main_text_is_extracted(tmp_path):
    html = ("<html><body><nav>Home | News</nav><article><h1>Plan approved</h1>"
            "<p>The council approved the plan on Monday after a long debate about the budget.</p>"
            "<p>It will cost $3 million, officials said in a statement on Tuesday.</p></article>"
            "<footer>Copyright</footer></body></html>").encode()
    doc = read(write(tmp_path / "a.html", html))
    assert "The council approved the plan on Monday" in doc.text
    assert "Copyright" not in doc.text
    assert doc.source.format == "html"


def test_size_limit(tmp_path):
    with pytest.raises(InputError, match="larger than the limit"):
        read(write(tmp_path / "big.txt", b"word " * 100), max_bytes=100)


def test_fifo_is_never_opened(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read(str(fifo))


def test_broken_symlink(tmp_path):
    os.symlink(tmp_path / "gone.txt", tmp_path / "link.txt")
    with pytest.raises(InputError, match="broken symbolic link"):
        read(str(tmp_path / "link.txt"))
