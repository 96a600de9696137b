"""Every rule has should-flag and should-pass examples, and they hold."""

from __future__ import annotations

import pytest

from rhetoric import analyze, lexicon, rules
from rhetoric.detectors import questions, scare_quotes, unsourced

CODE_RULES = {r.id: (r.should_flag, r.should_pass) for r in rules.CODE_RULES}


def _rules_in(text: str, lex) -> set[str]:
    return {f.rule for f in analyze(text, lexicons=lex).findings}


def _families():
    return lexicon.load().families


@pytest.mark.parametrize("family", _families(), ids=lambda f: f.rule)
def test_every_lexicon_rule_has_examples_that_hold(family, lexicons):
    assert family.should_flag and family.should_pass, f"{family.rule} lacks examples"
    for example in family.should_flag:
        assert family.rule in _rules_in(example, lexicons), f"{family.rule} should flag: {example}"
    for example in family.should_pass:
        assert family.rule not in _rules_in(example, lexicons), f"{family.rule} should pass: {example}"


@pytest.mark.parametrize("rule", sorted(CODE_RULES))
def test_every_code_rule_has_examples_that_hold(rule, lexicons):
    flag, keep = CODE_RULES[rule]
    assert flag and keep
    for example in flag:
        assert rule in _rules_in(example, lexicons), f"{rule} should flag: {example}"
    for example in keep:
        assert rule not in _rules_in(example, lexicons), f"{rule} should pass: {example}"


def test_every_detector_rule_is_covered():
    from rhetoric.detectors import DETECTORS

    code_modules = {d.__module__ for d in DETECTORS} - {"rhetoric.detectors.lexical"}
    covered = {m.__name__ for m in (scare_quotes, unsourced, questions)}
    assert code_modules == covered
    assert {scare_quotes.RULE, unsourced.RULE, questions.RULE} == set(CODE_RULES)


def test_rules_command_lists_and_explains():
    from typer.testing import CliRunner

    from rhetoric.cli import app

    listing = CliRunner().invoke(app, ["rules"])
    assert listing.exit_code == 0 and "scare-quote.distancing" in listing.stdout
    one = CliRunner().invoke(app, ["rules", "loaded-term.emotive"])
    assert one.exit_code == 0 and "Flags:" in one.stdout
    typo = CliRunner().invoke(app, ["rules", "loaded-term.emotiv"])
    assert typo.exit_code == 2 and "loaded-term.emotive" in typo.stderr


def test_a_long_example_wraps_under_its_own_indent():
    from typer.testing import CliRunner

    from rhetoric.cli import app

    out = CliRunner().invoke(app, ["rules", "loaded-term.speech-verb"], env={"COLUMNS": "60"}).stdout
    examples = out.split("Flags:\n", 1)[1].splitlines()
    assert examples and all(line.startswith("  ") or line == "Leaves alone:" for line in examples)
    assert all(len(line) <= 60 for line in examples)
