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
    ("left-winger", "noun", {"left-wingers"}),
    ("cherry-pick", "verb", {"cherry-picks", "cherry-picked", "cherry-picking"}),
    ("heavy-handed", "adj", {"heavy-handedly"}),
    ("tongue-lashing", "noun", {"tongue-lashings"}),
])
def test_inflections(word, kind, expected):
    assert expected <= set(inflections(word, kind))


@pytest.mark.parametrize(("body", "needle", "line"), [
    (GOOD.replace('why = "w"', 'why = "w"\ncolour = "red"'), "unknown key 'colour'", 14),
    (GOOD.replace('category = "loaded-term"', 'category = "bogus"'), "expected one of", 4),
    (GOOD.replace('inflect = "verb"', 'inflect = "plural"'), "inflect 'plural'", 11),
    (GOOD.replace('inflect = "verb"', 'inflect = "verb"\nreports = "speech"'), "reports 'speech'; expected one of", 12),
    (GOOD.replace('inflect = "verb"', 'inflect = "verb"\nopens = "paragraph"'), "opens 'paragraph'; expected one of", 12),
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


def test_an_entry_may_ask_to_open_a_sentence_or_a_clause_or_to_be_set_off(tmp_path):
    from rhetoric import analyze

    def hits(opens, set_off, text):
        body = GOOD.replace('term = "slam"\ninflect = "verb"', f'term = "happily"\nopens = "{opens}"\nset_off = {set_off}')
        lex = lexicon.load([write(tmp_path, body)])
        return [f.text for f in analyze(text, lexicons=lex).findings if f.rule == "loaded-term.test"]

    text = "Happily, no one was hurt. “Happily, no one was hurt.” They lived happily, but happily, no one was hurt."
    assert hits("sentence", "false", text) == ["Happily", "Happily"]
    assert hits("clause", "false", text) == ["Happily", "Happily", "happily"]
    assert hits("clause", "true", "They lived happily in the old town, and happily no one was hurt.") == []
    assert hits("clause", "true", "No one was hurt, happily.") == ["happily"]


def test_an_entry_may_ask_for_no_name_before_it(tmp_path):
    from rhetoric import analyze

    body = GOOD.replace('term = "slam"\ninflect = "verb"', 'term = "experts say"\nnot_after_name = true')
    lex = lexicon.load([write(tmp_path, body)])
    text = ("Experts say it works. UN experts say it works. U.N. experts say it works. In Boston, Harvard experts say it works. The mayor's experts say it "
            "works. Few experts say it works. Chinese Experts Say it works. “Experts say it works,” she said. "
            "In Beijing, Chinese experts say it works.")  # a nationality names no one
    assert [f.text for f in analyze(text, lexicons=lex).findings if f.rule == "loaded-term.test"] == [
        "Experts say", "experts say", "Experts say", "experts say"]


def test_an_entry_may_ask_for_no_source_in_its_sentence(tmp_path):
    from rhetoric import analyze

    body = GOOD.replace('term = "slam"\ninflect = "verb"', 'term = "allegedly"\nunless_credited = true')
    lex = lexicon.load([write(tmp_path, body)])
    text = ("The man allegedly fired four shots, according to the indictment. Garcia allegedly sold the pills. "
            "Ruiz allegedly stole $300,000, prosecutors said.")
    assert [f.text for f in analyze(text, lexicons=lex).findings if f.rule == "loaded-term.test"] == ["allegedly sold"]


def test_a_guard_reaches_past_a_plural_possessive(lexicons):
    from rhetoric import analyze

    def hits(text):
        return [f.text for f in analyze(text, lexicons=lexicons).findings if f.rule.startswith("loaded-term")]

    assert hits("The group held its annual Saviours’ Day rally.") == []
    assert hits("The group held its annual Saviours' Day rally.") == []


def test_no_phrase_is_defined_twice(lexicons):
    seen: dict[tuple[str, ...], str] = {}
    clashes = []
    for words, entry in lexicons.phrases():
        if words in seen and seen[words] != entry.family.rule:
            clashes.append((words, seen[words], entry.family.rule))
        seen.setdefault(words, entry.family.rule)
    assert not clashes


def test_user_lexicon_adds_a_family(tmp_path):
    lex = lexicon.load(extra=[write(tmp_path, GOOD)])
    assert "loaded-term.test" in {f.rule for f in lex.families}
    assert len(lex.families) == len(lexicon.load().families) + 1


def test_user_lexicon_extends_a_builtin_family_with_only_its_rule(tmp_path):
    from rhetoric import analyze

    body = ('[family]\nrule = "loaded-term.label"\nseverity = "error"\n\n'
            '[[entry]]\nterm = "grandstander"\ninflect = "noun"\nmessage = "m"\nwhy = "w"\n')
    lex = lexicon.load(extra=[write(tmp_path, body)])
    builtin = next(f for f in lexicon.load().families if f.rule == "loaded-term.label")
    added = [e for e in lex.entries if e.term == "grandstander"]
    assert len(added) == 1 and added[0].family == builtin and added[0].severity.value == "error"
    # "grandstanders" is also a form of the built-in "grandstanding": the user's entry is matched.
    (f,) = [f for f in analyze("The grandstanders left early.", lexicons=lex).findings]
    assert f.rule == "loaded-term.label" and f.text == "grandstanders" and f.message == "m"
    assert [f.rule for f in analyze("He was grandstanding.", lexicons=lex).findings] == ["loaded-term.speech-verb"]


def test_user_entry_overrides_a_builtin_entry_of_the_same_term(tmp_path, lexicons):
    from rhetoric import analyze

    (builtin,) = [e for e in lexicons.entries if e.term == "slammed" or e.term == "slam"][:1]
    body = GOOD.replace('term = "slam"', f'term = "{builtin.term.upper()}"').replace('message = "m"',
                                                                                   'message = "house rule"')
    lex = lexicon.load(extra=[write(tmp_path, body)])
    assert [e.family.rule for e in lex.entries if e.term.lower() == builtin.term] == ["loaded-term.test"]
    found = [f for f in analyze("Critics slammed the plan.", lexicons=lex).findings if f.text == "slammed"]
    assert [(f.rule, f.message) for f in found] == [("loaded-term.test", "house rule")]


def test_allow_drops_a_term_with_all_its_forms(lexicons):
    from rhetoric import analyze

    text = "Critics slammed the plan, and slam it again."
    assert any(f.text.lower().startswith("slam") for f in analyze(text, lexicons=lexicons).findings)
    lex = lexicon.load(allow=["SLAMS"])
    assert not any(f.text.lower().startswith("slam") for f in analyze(text, lexicons=lex).findings)
    assert len(lex.entries) < len(lexicons.entries)


@pytest.mark.parametrize(("body", "needle", "line"), [
    ("[family\n", "invalid TOML at column", 1),
    ('[family]\nrule = "loaded-term.x"\ncategory = "loaded-term"\ndescription = "d"\nshould_flag = ["a"]\n'
     'should_pass = ["b"]\n[[entry]]\nterm = "x"\nmessage = "m\nwhy = "w"\n', "invalid TOML", 9),
    ('[family]\nrule = "loaded-term.label"\ncategory = "hedge"\n', "differs from the existing family", 3),
    ('[family]\nrule = "loaded-term.label"\nseverity = "loud"\n', "severity 'loud'; expected one of", 3),
    ('[family]\nrule = "loaded-term.label"\ndescripton = "d"\n', "did you mean 'description'", 3),
    ('[family]\nrule = "loaded-term.new"\n', "missing required key 'category'", 1),
    (GOOD.replace('term = "slam"', 'term = "--"'), "'term' '--' holds no word", 10),
    (GOOD.replace('why = "w"', 'why = "w"\nforms = "slammy"'), "'forms' must be a list", 14),
    (GOOD.replace('why = "w"', 'why = "w"\ncase = "yes"'), "'case' must be a bool", 14),
    ("entry = 3\n" + GOOD[:GOOD.index("[[entry]]")], "'entry' must be an array of tables", 1),
    ("", "missing [family] table", None),
])
def test_malformed_user_lexicons_name_file_line_key_and_expectation(tmp_path, body, needle, line):
    path = write(tmp_path, body)
    with pytest.raises(LexiconError) as info:
        lexicon.load(extra=[path])
    assert needle in info.value.message
    assert info.value.path == str(path) and info.value.line == line


def test_a_bad_user_lexicon_fails_the_whole_load(tmp_path):
    good = write(tmp_path, GOOD)
    bad = tmp_path / "bad.toml"
    bad.write_text(GOOD.replace('message = "m"', "message = 1"), encoding="utf-8")
    with pytest.raises(LexiconError):
        lexicon.load(extra=[good, bad])
