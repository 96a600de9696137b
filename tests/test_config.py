from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from rhetoric.config import Config, Resolver, check_rules, command_line, describe, merge, read_file
from rhetoric.errors import ConfigError
from rhetoric.findings import Category, Severity

PROJECT_TOML = ".rhetoric.toml"
RULES = ["loaded-term.label", "loaded-term.speech-verb", "hedge.hedge", "scare-quote.distancing"]


def write(path: Path, body: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path


@pytest.fixture
def user_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    return folder / "rhetoric"


def test_defaults_without_any_file(tmp_path):
    config = Resolver().for_input(str(write(tmp_path / "a.txt", "x")))
    assert config == Config()
    assert config.file is None
    assert config.selection.is_default


def test_nearest_project_file_is_found_upward_and_wins(tmp_path, user_dir):
    write(user_dir / "config.toml", 'min-severity = "error"\n')
    write(tmp_path / ".rhetoric.toml", 'select = ["hedge"]\n')
    write(tmp_path / "a" / ".rhetoric.toml", 'ignore = ["hedge"]\n')
    resolver = Resolver()
    deep = resolver.for_input(str(tmp_path / "a" / "b" / "c" / "x.md"))
    assert deep.file == str(tmp_path / "a" / ".rhetoric.toml")
    # The nearest file is the whole project configuration: nothing above it, nor the user's file, is merged.
    assert deep.ignore == ("hedge",) and deep.select is None and deep.min_severity is Severity.INFO
    top = resolver.for_input(str(tmp_path / "y.txt"))
    assert top.select == ("hedge",)


def test_pyproject_table_is_a_project_file_and_without_it_is_skipped(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.rhetoric]\nfail-on = "error"\n'
                                       '\n[tool.rhetoric.max]\nhedge = 2\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "y"\n')
    config = Resolver().for_input(str(tmp_path / "sub" / "a.txt"))
    assert config.file == str(tmp_path / "pyproject.toml")
    assert config.fail_on is Severity.ERROR and config.max == ((Category.HEDGE, 2.0),)
    assert config.origin("fail-on").line == 5
    assert config.origin("max", "hedge").line == 8


def test_rhetoric_toml_beats_pyproject_in_the_same_folder(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.rhetoric]\nselect = ["hedge"]\n')
    write(tmp_path / ".rhetoric.toml", 'select = ["loaded-term"]\n')
    assert Resolver().for_input(str(tmp_path / "a.txt")).select == ("loaded-term",)


def test_user_config_is_read_when_no_project_file(tmp_path, user_dir):
    write(user_dir / "config.toml", 'min-severity = "warning"\n')
    config = Resolver().for_input(str(tmp_path / "a.txt"))
    assert config.min_severity is Severity.WARNING
    assert config.origin("min-severity").path == str(user_dir / "config.toml")


def test_explicit_config_replaces_the_search_and_options_override_it(tmp_path, user_dir):
    write(user_dir / "config.toml", 'allow = ["slam"]\n')
    write(tmp_path / ".rhetoric.toml", 'select = ["hedge"]\n')
    explicit = write(tmp_path / "elsewhere" / "mine.toml",
                     'select = ["loaded-term"]\nfail-on = "info"\n[severity]\nhedge = "error"\n')
    layer = command_line(select=["scare-quote,hedge"], severity=["loaded-term=info"], max=["hedge=1.5"])
    config = Resolver(explicit=str(explicit), command_line=layer).for_input(str(tmp_path / "a.txt"))
    assert config.select == ("scare-quote", "hedge")
    assert str(config.origin("select")) == "command line"
    assert config.fail_on is Severity.INFO and config.origin("fail-on").path == str(explicit)
    assert dict(config.severity) == {"hedge": Severity.ERROR, "loaded-term": Severity.INFO}
    assert config.allow == ()
    assert config.max == ((Category.HEDGE, 1.5),)


def test_no_config_reads_nothing(tmp_path):
    write(tmp_path / ".rhetoric.toml", 'select = ["hedge"]\n')
    assert Resolver(isolated=True).for_input(str(tmp_path / "a.txt")) == Config()


def test_stdin_uses_the_current_folder(tmp_path, monkeypatch):
    write(tmp_path / ".rhetoric.toml", 'ignore = ["hedge"]\n')
    monkeypatch.chdir(tmp_path)
    assert Resolver().for_input("-").ignore == ("hedge",)


def test_lexicon_paths_are_relative_to_the_config_file(tmp_path):
    lex = write(tmp_path / "house" / "words.toml", "")
    config = merge([read_file(write(tmp_path / ".rhetoric.toml", 'lexicons = ["house/words.toml"]\n'))])
    assert config.lexicons == (str(lex),)


def test_configs_from_different_files_with_the_same_values_are_equal(tmp_path):
    a = merge([read_file(write(tmp_path / "a" / ".rhetoric.toml", 'select = ["hedge"]\n'))])
    b = merge([read_file(write(tmp_path / "b" / ".rhetoric.toml", '\nselect = ["hedge"]\n'))])
    assert a == b and hash(a) == hash(b)


@pytest.mark.parametrize(("body", "line", "needles"), [
    ('selct = ["hedge"]\n', 1, ["unknown key 'selct'", "did you mean 'select'", "valid keys: select, ignore"]),
    ('\nmin_severity = "info"\n', 2, ["unknown key 'min_severity'", "did you mean 'min-severity'"]),
    ('[rhetoric]\nselect = ["hedge"]\n', 1, ["unknown key 'rhetoric'", "the settings go at the top level of this"]),
    ('[tool.rhetoric]\nselect = ["hedge"]\n', None, ["unknown key 'tool'", "([tool.rhetoric] is pyproject.toml's)"]),
    ('select = "hedge"\n', 1, ["'select'", "expected a list of non-empty strings", "got 'hedge'"]),
    ('ignore = ["hedge", 3]\n', 1, ["'ignore'", "expected a list of non-empty strings"]),
    ('allow = [""]\n', 1, ["'allow'", "expected a list of non-empty strings"]),
    ('min-severity = "high"\n', 1, ["'min-severity'", "expected one of info, warning, error", "got 'high'"]),
    ('fail-on = 2\n', 1, ["'fail-on'", "expected one of info, warning, error, none", "got 2"]),
    ('include-quoted = "yes"\n', 1, ["'include-quoted'", "expected true or false", "got 'yes'"]),
    ('severity = "error"\n', 1, ["'severity'", "expected a table"]),
    ('select = []\nseverity.hedge = "loud"\n', 2, ["'severity.\"hedge\"'", "expected one of info"]),
    ('[severity]\n"loaded-term.label" = "loud"\n', 2,
     ["'severity.\"loaded-term.label\"'", "expected one of info, warning, error", "got 'loud'"]),
    ('max = { loaded-term = -1 }\n', 1, ["'max.\"loaded-term\"'", "expected a number", "got -1"]),
    ('max = { loaded-term = true }\n', 1, ["'max.\"loaded-term\"'", "expected a number", "a boolean"]),
    ('[max]\nloaded-terms = 3\n', 2, ["unknown category", "did you mean 'loaded-term'", "expected one of"]),
    ('lexicons = ["missing.toml"]\n', 1, ["'lexicons'", "no lexicon file 'missing.toml'"]),
    ('select = [hedge]\n', 1, ["invalid TOML", "column 11"]),
    ('select = ["hedge"]\nselect = ["booster"]\n', 2, ["invalid TOML"]),
])
def test_malformed_config_names_file_line_key_and_expectation(tmp_path, body, line, needles):
    path = write(tmp_path / ".rhetoric.toml", body)
    with pytest.raises(ConfigError) as info:
        Resolver().for_input(str(tmp_path / "a.txt"))
    assert info.value.path == str(path)
    assert info.value.line == line
    for needle in needles:
        assert needle in info.value.message


def test_malformed_pyproject_table_lines_count_from_the_file_start(tmp_path):
    path = write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.rhetoric]\nselect = "hedge"\n')
    with pytest.raises(ConfigError) as info:
        Resolver().for_input(str(tmp_path / "a.txt"))
    assert (info.value.path, info.value.line) == (str(path), 5)


def test_explicit_pyproject_without_the_table_and_missing_file(tmp_path):
    with pytest.raises(ConfigError, match=r"no \[tool.rhetoric\] table"):
        Resolver(explicit=str(write(tmp_path / "pyproject.toml", "[project]\n"))).for_input(str(tmp_path))
    with pytest.raises(ConfigError, match="cannot read configuration"):
        Resolver(explicit=str(tmp_path / "nope.toml")).for_input(str(tmp_path))


def test_unknown_rule_ids_are_reported_where_they_are_written(tmp_path):
    path = write(tmp_path / ".rhetoric.toml", 'select = [\n  "hedge",\n  "loaded-term.lable",\n]\n')
    config = Resolver().for_input(str(tmp_path / "a.txt"))
    with pytest.raises(ConfigError) as info:
        check_rules(config, RULES)
    assert (info.value.path, info.value.line) == (str(path), 3)
    assert "'loaded-term.lable'" in info.value.message and "did you mean 'loaded-term.label'" in info.value.message

    write(tmp_path / ".rhetoric.toml", '[severity]\n"loaded-term.speech-verbs" = "info"\n')
    with pytest.raises(ConfigError) as info:
        check_rules(Resolver().for_input(str(tmp_path / "a.txt")), RULES)
    assert info.value.line == 2 and "loaded-term.speech-verb" in info.value.message


def test_unknown_rule_on_the_command_line_names_the_option():
    config = merge([command_line(ignore=["hedges"])])
    with pytest.raises(ConfigError) as info:
        check_rules(config, RULES)
    assert info.value.path is None
    assert info.value.message.startswith("--ignore: unknown rule or category 'hedges'; did you mean 'hedge'")


def test_categories_and_prefixes_are_valid_selectors():
    check_rules(merge([command_line(select=["loaded-term", "loaded-term.label", "hedge"])]), RULES)


@pytest.mark.parametrize(("options", "needle"), [
    ({"max": ["loaded-term"]}, "--max: expected CATEGORY=NUMBER, got 'loaded-term'"),
    ({"max": ["loaded-term=many"]}, "--max: expected CATEGORY=NUMBER"),
    ({"max": ["weasels=1"]}, "--max weasels: unknown category; did you mean 'weasel'"),
    ({"severity": ["hedge"]}, "--severity: expected RULE=LEVEL"),
    ({"severity": ["hedge=loud"]}, "--severity hedge: expected one of info, warning, error"),
    ({"fail_on": "high"}, "--fail-on: expected one of info, warning, error, none"),
    ({"min_severity": "none"}, "--min-severity: expected one of info, warning, error"),
    ({"lexicons": ["no-such.toml"]}, "--lexicon: no lexicon file 'no-such.toml'"),
])
def test_malformed_options(options, needle):
    with pytest.raises(ConfigError) as info:
        command_line(**options)
    assert needle in str(info.value)


def test_fail_on_none_switches_off_a_configured_limit(tmp_path):
    write(tmp_path / ".rhetoric.toml", 'fail-on = "warning"\n')
    config = Resolver(command_line=command_line(fail_on="none")).for_input(str(tmp_path / "a.txt"))
    assert config.fail_on is None and str(config.origin("fail-on")) == "command line"


def test_describe_is_toml_with_origins(tmp_path):
    path = write(tmp_path / ".rhetoric.toml",
                 'select = ["loaded-term"]\n[severity]\n"loaded-term.speech-verb" = "info"\n[max]\nhedge = 2.5\n')
    layer = command_line(fail_on="warning")
    text = describe(Resolver(command_line=layer).for_input(str(tmp_path / "a.txt")), "a.txt")
    assert f"# read from {path}" in text
    assert 'select = ["loaded-term"]' in text and f"# {path}:1" in text
    assert f"# {path}:3" in text and "# command line" in text and "# default" in text
    data = tomllib.loads(text)
    assert data == {"select": ["loaded-term"], "ignore": [], "severity": {"loaded-term.speech-verb": "info"},
                    "min-severity": "info", "lexicons": [], "allow": [], "max": {"hedge": 2.5},
                    "fail-on": "warning", "include-quoted": False}
    # What it prints reads back as the same configuration.
    again = write(tmp_path / "again" / ".rhetoric.toml", text)
    assert merge([read_file(again)]) == Resolver(command_line=layer).for_input(str(tmp_path / "a.txt"))


def test_the_readme_example_is_a_valid_configuration(tmp_path):
    import re

    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Configuration"):]
    example = re.search(r"```toml\n(.*?)```", section, re.S).group(1)
    write(tmp_path / "style" / "house-words.toml", "")
    config = merge([read_file(write(tmp_path / ".rhetoric.toml", example))])
    assert config.select and config.ignore and config.severity and config.max and config.allow
    assert config.fail_on is Severity.ERROR
    from rhetoric import lexicon
    from rhetoric.rules import all_rules

    check_rules(config, [r.id for r in all_rules(lexicon.load())])


def test_each_folder_is_looked_at_once_per_run(tmp_path, user_dir, monkeypatch):
    from rhetoric import config as config_mod

    write(user_dir / "config.toml", 'ignore = ["hedge"]\n')
    write(tmp_path / "project" / PROJECT_TOML, 'select = ["loaded-term"]\n')
    looked = []
    monkeypatch.setattr(config_mod, "user_file", lambda real=config_mod.user_file: looked.append(1) or real())
    resolver = Resolver()
    plain = [resolver.for_input(str(write(tmp_path / "plain" / f"{n}.txt", "x"))) for n in range(5)]
    project = [resolver.for_input(str(write(tmp_path / "project" / f"{n}.txt", "x"))) for n in range(5)]
    assert len(looked) == 1  # the user's file, for the one folder without a project file
    assert all(c is plain[0] for c in plain) and plain[0].ignore == ("hedge",)
    assert all(c is project[0] for c in project) and project[0].select == ("loaded-term",)
    assert resolver.for_input(str(tmp_path / "project")) is project[0]
