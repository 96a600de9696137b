from __future__ import annotations

import pytest

from rhetoric.errors import ConfigError
from rhetoric.tomlfile import Locator, read


def test_syntax_errors_carry_line_and_column(tmp_path):
    path = tmp_path / "x.toml"
    path.write_text('a = 1\nb = "unclosed\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        read(path, ConfigError, "configuration")
    assert info.value.line == 2 and info.value.path == str(path)
    assert "invalid TOML at column" in info.value.message and "(at line" not in info.value.message


def test_unreadable_files(tmp_path):
    with pytest.raises(ConfigError, match="cannot read configuration"):
        read(tmp_path / "missing.toml", ConfigError, "configuration")
    bad = tmp_path / "latin.toml"
    bad.write_bytes(b"a = '\xe9'\n")
    with pytest.raises(ConfigError, match="not UTF-8"):
        read(bad, ConfigError, "configuration")


def test_locator_finds_bare_quoted_dotted_and_inline_keys():
    locate = Locator('# select = no\ndescription = "the select = key"\n[tool.rhetoric]\nselect = []\n'
                     'severity."loaded-term.label" = "info"\nmax = { hedge = 1, booster = 2 }\n[[entry]]\n')
    assert locate.key("select") == 4
    assert locate.key("rhetoric") == 3
    assert locate.key("loaded-term.label") == 5
    assert locate.key("booster") == 6
    assert locate.tables("entry") == [7]
    assert locate.key("absent", after=3) == 3
    assert locate.value("loaded-term.label") == 5
    assert locate.key("severity") == 5  # a dotted key defines its first part too


def test_locator_finds_table_headers_only_at_the_head_of_a_line():
    raw = ('[family]\r\nx = "[[entry]]"\r\n  [[ entry ]]\r\ny = 1 # [[entry]]\r\n\t[[entry]]\r\n[[entry.sub]]\n'
           'z = ["a", [1]]\n[[entry]]')
    locate = Locator(raw)
    assert locate.tables("entry") == [3, 5, 8]
    assert locate.tables("family") == [1]
    assert locate.key("z") == 7
