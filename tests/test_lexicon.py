from __future__ import annotations

import pytest

from rhetoric import lexicon
from rhetoric.errors import LexiconError
from rhetoric.inflect import inflections

GOOD = '''
[family]
rule = "loaded-term.test"
category = "loaded-term"
description = "Test family."
should_flag = ["a"]
should_pass = ["b"]

[[entry]]
term = "slam"
inflect = "verb"
message = "m"
why = "w"
'''


def write(tmp_path, body: str):
    path = tmp_path / "lex.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_builtin_lexicons_load(lexicons):
    assert len(lexicons.families) >= 5
    rules = {f.rule for f in lexicons.families}
    assert len(rules) == len(lexicons.families), "two files share a rule id"
    for e in lexicons.entries:
        assert e.message.strip() and e.why.strip(), e.term


def test_loaded_term_families_are_large(lexicons):
    loaded = [e for e in lexicons.entries if e.family.rule.startswith("loaded-term.")]
    assert len(loaded) >= 1000


def test_inflected_forms_are_indexed(tmp_path):
    lex = lexicon.load([write(tmp_path, GOOD)])
    forms = {words for words, _ in lex.phrases()}
    assert {("slam",), ("slams",), ("slammed",), ("slamming",)} <= forms


@pytest.mark.parametrize(("word", "kind", "expected"), [
    ("slam", "verb", {"slams", "slammed", "slamming"}),
    ("hate", "verb", {"hates", "hated", "hating"}),
    ("bully", "verb", {"bullies", "bullied", "bullying"}),
    ("thug", "noun", {"thugs"}),
    ("crony", "noun", {"cronies"}),
    ("horrific", "adj", {"horrifically"}),
    ("shameful", "adj", {"shamefully"}),
    ("war on", "noun", {"war ons"}),
])
def test_inflections(word, kind, expected):
    assert expected <= set(inflections(word, kind))


@pytest.mark.parametrize(("body", "needle", "line"), [
    (GOOD.replace('why = "w"', 'why = "w"\ncolour = "red"'), "unknown key 'colour'", 14),
    (GOOD.replace('category = "loaded-term"', 'category = "bogus"'), "expected one of", 4),
    (GOOD.replace('inflect = "verb"', 'inflect = "plural"'), "inflect 'plural'", 11),
    (GOOD.replace('why = "w"\n', ''), "missing required key 'why'", 9),
    (GOOD.replace('[family]', '[famly]'), "unknown table 'famly'", 2),
    (GOOD.replace('message = "m"', 'message = 3'), "'message' must be a str", 12),
    (GOOD.replace('rule = "loaded-term.test"', 'rule = "hedge.test"'), "must start with", 3),
])
def test_malformed_lexicons_name_file_line_and_valid_choices(tmp_path, body, needle, line):
    path = write(tmp_path, body)
    with pytest.raises(LexiconError) as info:
        lexicon.load([path])
    assert needle in str(info.value)
    assert info.value.path == str(path)
    assert info.value.line == line


def test_invalid_toml_is_reported(tmp_path):
    with pytest.raises(LexiconError, match="invalid TOML"):
        lexicon.load([write(tmp_path, "[family\n")])


def test_context_guards_of_one_and_two_words(tmp_path):
    from rhetoric import analyze

    body = GOOD.replace('why = "w"', 'why = "w"\nnot_before = ["the door", "dunk"]\nnot_after = ["grand"]')
    lex = lexicon.load([write(tmp_path, body)])

    def hits(text):
        return [f.text for f in analyze(text, lexicons=lex).findings if f.rule == "loaded-term.test"]

    assert hits("Critics slammed the plan.") == ["slammed"]
    assert hits("She slammed the door.") == []
    assert hits("He won a grand slam.") == []
    assert hits("A slam dunk.") == []
    assert hits("They slam the, door.") == ["slam"]


def test_no_phrase_is_defined_twice(lexicons):
    seen: dict[tuple[str, ...], str] = {}
    clashes = []
    for words, entry in lexicons.phrases():
        if words in seen and seen[words] != entry.family.rule:
            clashes.append((words, seen[words], entry.family.rule))
        seen.setdefault(words, entry.family.rule)
    assert not clashes
