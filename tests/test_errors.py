from __future__ import annotations

from rhetoric.errors import InputError, shown


def test_shown_escapes_what_would_break_a_line_or_an_encoding():
    assert shown("articles/café “draft”.txt") == "articles/café “draft”.txt"  # printable: as it is
    assert shown("bad\nname.txt") == "bad\\nname.txt"
    assert shown("\x1b[31mred.txt") == "\\x1b[31mred.txt"  # no escape sequence reaches the terminal
    assert shown("caf\udce9.txt") == "caf\\udce9.txt"  # a byte of a name that is not text


def test_an_error_names_its_path_on_one_line():
    assert str(InputError("is empty", path="a\nb.txt")) == "a\\nb.txt: is empty"
    assert str(InputError("bad entry", path="x.toml", line=3)) == "x.toml:3: bad entry"
