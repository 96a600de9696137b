"""Every rule has should-flag and should-pass examples, and they hold."""

from __future__ import annotations

import pytest

from rhetoric import analyze, lexicon
from rhetoric.detectors import questions, scare_quotes, unsourced

# Rules that are code, not lexicon families: their examples live here.
CODE_RULES = {
    scare_quotes.RULE: (
        ["Critics of the ‘peacekeeping’ mission were ignored.", "It calls this a 'reform' of the tax code."],
        ["She called the plan “a gigantic mistake,” aides said.", "He wrote an essay entitled ‘Our Shared Future’."],
    ),
    unsourced.RULE: (
        ["Fares have doubled since 2019.", "Unemployment fell to 4.1 percent in March."],
        ["Fares have doubled since 2019, according to the transport authority.",
         "Unemployment fell to 4.1 percent in March, the statistics office said."],
    ),
    questions.RULE: (
        ["Who will pay for all of this?", "Is it any wonder that voters are angry?"],
        ["“Who will pay for this?” asked Maria Lopez, a councillor.", "The council met on Tuesday."],
    ),
}


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
