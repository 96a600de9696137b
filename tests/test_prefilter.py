"""The prefilters read from a pattern's parse tree: what they require must really be required."""

from __future__ import annotations

import json
import re
from re import _parser as P  # type: ignore[attr-defined]

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric import claims, lexicon, prefilter
from rhetoric.data import table
from rhetoric.segment import segment


def _strings(pattern: str, flags: int = 0) -> set[str] | None:
    finder = prefilter.needles(pattern, flags)
    return None if finder is None else set(finder.pattern.replace("\\", "").split("|"))


@pytest.mark.parametrize(("pattern", "flags", "expected"), [
    (r"\bcolou?r\b", 0, {"color", "colour"}),  # an optional letter
    (r"gr[ae]y", 0, {"gray", "grey"}),  # a set of letters
    (r"\ba(?:b|c)d\b", 0, {"abd", "acd"}),  # an alternation inside fixed text
    (r"\w+-in-chief\b", re.IGNORECASE, {"-in-chief"}),
    (r"\b\w+ed\b", 0, {"ed"}),
    (r"(?:ab)+c", 0, {"ab"}),  # repeated at least once: the repeat's own string
    (r"(?:ab)*cd", 0, {"cd"}),  # repeated perhaps never: only what follows
    (r"\d[^\d]+\d", 0, None),  # character classes only
    (r"foo|\w+", 0, None),  # one alternative needs nothing
    (r"x?", 0, None),  # may match nothing
    (r"(?=abc)\w+", 0, None),  # a lookahead's text is not part of the match
    (r"(?i:abc)d", 0, None),  # flags scoped to a group: the finder could not fold alike
    (r"abc", re.ASCII, None),
    (r"\bI (?:think|hope)\b|\bmy view\b", 0, {"I think", "I hope", "my view"}),
])
def test_needles(pattern: str, flags: int, expected: set[str] | None) -> None:
    assert _strings(pattern, flags) == expected


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\b[A-Z]{2,}\b", "[A-Z]{2}"),  # with no string to hold, a run of a listed set
    (r"\b[A-Z.]{4,}", "[A-Z\\.]{3}"),
    (r"\b\w{3,}\b", None),  # \w is everywhere
    (r"\b[A-Z]+\b", None),  # one capital is everywhere too
])
def test_needles_of_a_set(pattern: str, expected: str | None) -> None:
    finder = prefilter.needles(pattern)
    assert (None if finder is None else finder.pattern) == expected


def test_needles_fold_case_as_the_pattern_does() -> None:
    finder = prefilter.needles(r"\bsure\b", re.IGNORECASE)
    assert finder is not None
    # The engine folds the long s into "s": the finder must find what the pattern matches.
    for text in ("SURE", "Sure", "\u017fure"):
        assert re.search(r"\bsure\b", text, re.IGNORECASE)
        assert finder.search(text)


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\b(?:per cent|half)\b|%", {"per cent", "half", "%"}),
    (r"\ba?b\w+", {"ab", "b"}),
    (r"(?<=x)(?:a|b)c", {"ac", "bc"}),  # a look-behind takes nothing
    (r"\w+ed\b", None),
    (r"a?", None),
    (r"\bdozens?\b", {"dozen"}),  # where "dozens" begins, so does "dozen"
])
def test_starters(pattern: str, expected: set[str] | None) -> None:
    finder = prefilter.starters(pattern)
    assert (None if finder is None else set(finder.pattern.replace("\\", "").split("|"))) == expected


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\bfoo\b", True),
    (r"(?<=[a-z,] )[A-Z][a-z]+", True),  # a look-behind looks back
    (r"foo(?=bar)", False),
    (r"(?<=a(?=bc))b", False),
    (r"foo$", False),
])
def test_short_sighted(pattern: str, expected: bool) -> None:
    assert prefilter.short_sighted(pattern) is expected


_OPENS = r"^\W*(?:(?:and|of course|number (?:one|two))\W+)*(?:we|it)(?:['’]s)?\b"


@pytest.mark.parametrize(("pattern", "flags", "expected"), [
    (_OPENS, re.IGNORECASE, {"and", "of", "number", "we", "it"}),
    (r"^I (?:think|am)\b", 0, {"I"}),  # case kept when the pattern keeps it
    (r"^\W*(?:don['’]t|do) you\b", re.IGNORECASE, {"don", "do"}),
    (r"^[Ww]e\b", 0, {"We", "we"}),
    (r"^we", 0, None),  # "^we" also matches "went": the first word is not known
    (r"^\W*\w+", 0, None),
    (r"we\b", 0, None),  # not anchored
    (r"(?m)^we\b", 0, None),  # ^ at every line
    (r"^\W*$", 0, None),  # no word at all
])
def test_openers(pattern: str, flags: int, expected: set[str] | None) -> None:
    found = prefilter.openers(pattern, flags)
    assert (None if found is None else set(found)) == expected


def test_opens_lets_non_ascii_heads_through() -> None:
    words = prefilter.openers(r"^so\b", re.IGNORECASE)
    assert words is not None
    assert re.search(r"^so\b", "\u017fo it goes", re.IGNORECASE)  # the long s folds into "s"
    assert prefilter.opens(words, prefilter.head("\u017fo it goes", 0, 13), ignore_case=True)
    assert prefilter.opens(words, "So", ignore_case=True)
    assert not prefilter.opens(words, "Sow", ignore_case=True)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab S\u017f\u0130,.-’", max_size=30), st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30))))
def test_heads_are_each_head(text: str, spans: list[tuple[int, int]]) -> None:
    found = prefilter.heads(text, [a for a, _ in spans], [b for _, b in spans])
    assert found == [prefilter.head(text, a, b) for a, b in spans]


def test_sentences_with_sees_a_short_string_under_a_long_hit() -> None:
    doc = segment("It is ab\nc is here. And ab again.")
    finder = re.compile("ab\nc|ab")  # the hit at "ab\nc" runs into the next sentence
    last = doc.sentence_at(doc.text.index("ab again"))
    assert last is not None and last.index > 0
    assert list(prefilter.sentences_with(finder, doc.text, doc.sentences, doc.sentence_starts)) == [0, last.index]


def _patterns() -> list[tuple[str, re.Pattern[str], re.Pattern[str] | None, frozenset[str] | None]]:
    """Every pattern rhetoric searches (the claim signals and the lexicon patterns), with its prefilters."""
    out = [(s["name"], re.compile(s["pattern"], 0 if s.get("case") else re.IGNORECASE))
           for s in table("sourcing.toml")["claim"]["signal"] if "pattern" in s]
    out += [(e.term, p) for e, p in lexicon.load().patterns]
    return [(name, p, prefilter.needles(p.pattern, p.flags), prefilter.openers(p.pattern, p.flags)) for name, p in out]


_PATTERNS = _patterns()


def _vocabulary() -> list[str]:
    """Words and marks the patterns are made of, so that random text often matches them."""
    words = {w for _, p, _, _ in _PATTERNS for w in re.findall(r"[A-Za-z]+", p.pattern) if len(w) > 1}
    return sorted(words) + ["I", "We", "THE", "Smith", "walked", "-", "'", "’", "?", ",", "5", "%", "$", "ab", "ba", "\u017f"]


_TEXTS = st.lists(st.sampled_from(_vocabulary()), min_size=1, max_size=12).flatmap(
    lambda words: st.lists(st.sampled_from([" ", "", ", ", "-", "’s ", " "]), min_size=len(words),
                           max_size=len(words)).map(lambda gaps: "".join(w + g for w, g in zip(words, gaps))))


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_what_a_pattern_needs_is_in_every_match(text: str) -> None:
    for variant in (text, text.capitalize(), text.upper()):
        for name, pattern, finder, words in _PATTERNS:
            for m in pattern.finditer(variant):
                assert finder is None or finder.search(m.group()), (name, variant)
            if words is not None and pattern.search(variant):
                assert prefilter.opens(words, prefilter.head(variant, 0, len(variant)),
                                       bool(pattern.flags & re.IGNORECASE)), (name, variant)
            folded = prefilter.folded_needles(pattern.pattern, pattern.flags)
            if folded is not None and pattern.flags & re.IGNORECASE:
                # A case-blind pattern's strings, looked for in the text lower-cased (detectors/lexical.py).
                for m in pattern.finditer(variant):
                    low = prefilter.lower(m.group())
                    assert folded[0].search(low) and any(string in low for string in folded[1]), (name, variant)


_STARTED = [(name, p, s) for name, p in
            [(n, p) for n, p, _, _ in _PATTERNS] + [("overlap", re.compile(r"\bab|b(?<=ab)|ba")),
                                                     ("behind", re.compile(r"(?<=[a-z] )(?:He|he)\w*"))]
            if (s := prefilter.starters(p.pattern, p.flags)) is not None]


# The patterns as they are searched in lower-cased text, with the strings their matches begin with.
_BEGUN = [(name, p, b) for name, p in [(n, re.compile(p.pattern, p.flags & ~re.IGNORECASE)) for n, p, _ in _STARTED]
          if (b := prefilter.beginnings(p.pattern, p.flags)) is not None]


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_finditer_at_finds_what_the_engine_finds(text: str) -> None:
    assert len(_BEGUN) > 5
    for variant in (text, text.lower(), text.upper()):
        for name, pattern, strings in _BEGUN:
            expected = [m.span() for m in pattern.finditer(variant)]
            assert [m.span() for m in prefilter.finditer_at(pattern, strings, variant)] == expected, (name, variant)


@settings(max_examples=300, deadline=None)
@given(_TEXTS, st.integers(0, 40))
def test_search_at_finds_what_the_engine_finds(text: str, pos: int) -> None:
    for variant in (text, text.lower()):
        for name, pattern, strings in _BEGUN:
            expected = pattern.search(variant, pos)
            found = prefilter.search_at(pattern, prefilter.positions(variant, strings), variant, pos)
            assert (None if found is None else found.span()) == (None if expected is None else expected.span()), \
                (name, variant, pos)


def test_beginnings_are_the_starters_strings_and_none_when_case_is_ignored() -> None:
    assert prefilter.beginnings(r"\b(?:percent|per cent|dozens?)\b|%") == ("%", "dozen", "per cent", "percent")
    assert prefilter.beginnings(r"\bpercent\b", re.IGNORECASE) is None
    assert prefilter.beginnings(r"(?i)percent") is None
    assert prefilter.starters(r"\b(?:percent|dozens?)\b|%").pattern == "%|dozen|percent"  # type: ignore[union-attr]


@settings(max_examples=300, deadline=None)
@given(_TEXTS, st.integers(0, 40), st.integers(0, 40))
def test_search_finds_what_the_engine_finds(text: str, pos: int, endpos: int) -> None:
    for variant in (text, text.upper()):
        for name, pattern, starter in _STARTED:
            expected = pattern.search(variant, pos, endpos)
            found = prefilter.search(pattern, starter, variant, pos, endpos)
            assert (None if found is None else found.span()) == (None if expected is None else expected.span()), \
                (name, variant, pos, endpos)


@pytest.mark.parametrize("text", ["xab ab", "aab", "ab ba bab abab", "x He he the xHe, he"])
def test_finditer_after_a_start_that_fails(text: str) -> None:
    # A start where the pattern fails is followed, a character on, by one where it holds.
    assert [name for name, _, _ in _BEGUN[-2:]] == ["overlap", "behind"]
    for _, pattern, strings in _BEGUN[-2:]:
        assert [m.span() for m in prefilter.finditer_at(pattern, strings, text)] == \
            [m.span() for m in pattern.finditer(text)]


def test_the_local_claim_signals_are_prefiltered() -> None:
    # Guards the speed-up itself: each sentence-bound signal has a prefilter but these two.
    bare = {sig.name for sig in claims.cues().signals
            if sig.local and sig.pattern is not None and sig.openers is None and sig.needles is None}
    assert bare == {"figures", "names"}


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_a_tree_parsed_once_reads_as_one_parsed_with_the_flags(flags: int) -> None:
    # prefilter.tree parses without flags: the nodes and the flags read must be those of a parse with them.
    for _, pattern, _, _ in _PATTERNS:
        fresh = P.parse(pattern.pattern, flags)
        if (read := prefilter._parse(pattern.pattern, flags)) is not None:
            assert (repr(read[0]), read[1]) == (repr(list(fresh)), fresh.state.flags), pattern.pattern


# Each pattern as searched (with its flags) and as searched in lower-cased text (without them).
_COMPILED = [(p, prefilter.compiled(p.pattern, flags)) for _, p, _, _ in _PATTERNS for flags in {p.flags, 0}]


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_a_pattern_compiled_from_its_tree_matches_as_one_compiled_from_its_text(text: str) -> None:
    for variant in (text, text.upper()):
        for pattern, compiled in _COMPILED:
            fresh = re.compile(pattern.pattern, compiled.flags)
            assert [m.span() for m in compiled.finditer(variant)] == [m.span() for m in fresh.finditer(variant)], \
                (pattern.pattern, variant)


def test_compiling_from_the_tree_leaves_it_as_parsed() -> None:
    for _, pattern, _, _ in _PATTERNS:
        prefilter.compiled(pattern.pattern, re.IGNORECASE)
        assert repr(list(prefilter.tree(pattern.pattern))) == repr(list(P.parse(pattern.pattern))), pattern.pattern


@pytest.mark.parametrize(("pattern", "expected"), [
    # The strings matches end with, \b read after them, the rest of the word, a mark on each of three words before.
    (r"\b(?:[A-Z][a-z]+|he)\s+(?:\w+ly\s+)?(?:has\s+)?\w{2,}ed\b",
     (r"(?:de(?<=\bde))\w*+", r"(?:\s++\w++(?:((?<=[A-Zh]))|)|)" * 3)),
    # A match may lie within one word: that word is marked too; no \b after the string.
    (r"\bab\s*cd", (r"(?:dc)\w*+", r"(?:((?<=[a]))|)(?:\s++\w++(?:((?<=[a]))|)|)")),
    (r"\b[ab]+\s+(?:is|this)", (r"(?:si)\w*+", r"(?:\s++\w++(?:((?<=[ab]))|)|)")),  # "this" ends in "is"
    (r"\b\w+\s+ed\b", None),  # the first character is not listed
    (r"\b[a-z]*\s+ed\b", None),  # the match may open on white space
    (r"[A-Z][a-z]+\s+ed\b", None),  # it may begin inside a word
    (r"\b[A-Z][a-z]+,\s+ed\b", None),  # it takes a comma
    (r"\b[A-Z](?:\s+[a-z])*ed\b", None),  # any number of words
    (r"\b[A-Z][a-z]+\s+\w+", None),  # no string ends every match
    (r"\b[A-Z][a-z]+\s+ed's", None),  # the string holds an apostrophe
    (r"(?i)\b[A-Z][a-z]+\s+ed\b", None),  # case ignored
])
def test_chain(pattern: str, expected: tuple[str, str] | None) -> None:
    read = prefilter.chain(pattern)
    assert (None if read is None else (read.ends.pattern, read.words.pattern.removeprefix("\\w"))) == expected


# The claim and lexicon patterns read as chains (as searched: case-blind ones in lower-cased text), and tricky ones.
_CHAINED = [(name, p, f) for name, p in
            [(n, re.compile(p.pattern, p.flags & ~re.IGNORECASE)) for n, p, _, _ in _PATTERNS]
            + [(n, re.compile(p)) for n, p in [
                ("within a word", r"\bab\s*cd"), ("overlapping", r"\b(?:ab|b)\s+(?:ab\s+)?ba?b\b"),
                ("digits", r"\b\d+\s+(?:ab|b)(?:\s+b)?"), ("lines", r"\b[a-z]+\n(?:ab\s\s)?ab")]]
            if (f := prefilter.chain(p.pattern, p.flags)) is not None]
_CHAIN_TEXTS = st.lists(st.tuples(st.sampled_from(["ab", "b", "ba", "cd", "abcd", "He", "he", "Smith", "walked", "ed",
                                                   "has", "is", "this", "says", "really", "5", "x9", "é", "É"]),
                                  st.sampled_from([" ", "  ", "\n", " \t", "", ", ", ".", "-", "\u2003"])),
                        min_size=1, max_size=15).map(lambda parts: "".join(w + g for w, g in parts))


@settings(max_examples=500, deadline=None)
@given(st.one_of(_CHAIN_TEXTS, _TEXTS))
def test_finditer_chained_finds_what_the_engine_finds(text: str) -> None:
    assert {"named-did", "named-does", "lines"} <= {name for name, _, _ in _CHAINED}
    for variant in (text, text.lower(), text.upper()):
        for name, pattern, finder in _CHAINED:
            expected = [m.span() for m in pattern.finditer(variant)]
            found = prefilter.finditer_chained(pattern, finder, variant, variant[::-1])
            assert [m.span() for m in found] == expected, (name, variant)


@pytest.mark.parametrize(("pattern", "flags", "expected"), [
    (r"[A-Z](?<=\b[A-Z])[A-Z]+\b", 0, b"AA"),  # look-behinds take nothing; a repeat at least once
    (r"\d", 0, b"0"),
    (r"\d[^\d]+\d", 0, b"0"),  # what follows a set the classes do not hold is not read
    (r"[0-9]{3}[A-Z]", 0, b"000A"),  # a repeat of a known count, then on
    (r"[A-Z]{2,5}x", 0, b"AA"),
    (r"[A-Z](?<=[a-z,] [A-Z])[a-z]+", 0, None),  # one capital opens every sentence
    (r"[A-Z]{2}", re.IGNORECASE, None),  # under IGNORECASE [A-Z] is every letter
    (r"\w\w", 0, None),
    (r"[A-Z.]{2}", 0, None),  # a set that is not one of the classes
])
def test_classes(pattern: str, flags: int, expected: bytes | None) -> None:
    assert prefilter.classes(pattern, flags) == expected


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet="aZ09 .٣²é’\ud800ΣK\u212aŸİ")))
def test_project_marks_capitals_and_digits_a_byte_a_character(text: str) -> None:
    projected = prefilter.project(text)
    if any(ch.isdecimal() and not ch.isascii() for ch in text):
        assert projected is None
        return
    assert projected is not None
    assert projected.decode() == "".join("A" if "A" <= ch <= "Z" else "0" if ch.isdecimal() else "." for ch in text)
    assert prefilter.project(text, wide_digit=False) == projected
    if len(text.lower()) == len(text):
        assert prefilter.lowered(projected) == prefilter.project(text.lower())


# Every claim and lexicon pattern that opens on classes, as it is searched (a case-blind one in lower-cased
# text, without IGNORECASE), and a few tricky ones.
_CLASSED = [(name, p, c) for name, p in
            [(n, re.compile(p.pattern, p.flags & ~re.IGNORECASE)) for n, p, _, _ in _PATTERNS]
            + [("digit pairs", re.compile(r"\d(?<=\b\d)\d")), ("codes", re.compile(r"[A-Z]{2}\d\b")),
               ("after", re.compile(r"(?<=[a-z] )[A-Z][A-Z]"))]
            if (c := prefilter.classes(p.pattern, p.flags)) is not None]


@settings(max_examples=300, deadline=None)
@given(st.one_of(_TEXTS, st.text(alphabet="aAB0٣9 .-é’")), st.integers(0, 40))
def test_search_classed_finds_what_the_engine_finds(text: str, pos: int) -> None:
    assert {"number", "acronym", "digit pairs", "codes", "after"} <= {name for name, _, _ in _CLASSED}
    for variant in (text, text.upper(), text + " 42 ABC"):
        if (projected := prefilter.project(variant)) is None:
            continue
        for name, pattern, opening in _CLASSED:
            expected = pattern.search(variant, pos)
            found = prefilter.search_classed(pattern, opening, projected, variant, pos)
            assert (None if found is None else found.span()) == (None if expected is None else expected.span()), \
                (name, variant, pos)


# Tails are read for a pattern's case-blind form searched on lower-cased text, as claims searches it.
_TAILED = [(name, folded, bool(p.flags & re.IGNORECASE), t)
           for name, p in [(n, p) for n, p, _, _ in _PATTERNS]
           + [("branches", re.compile(r"\b(?:is|are) (?:most|\w{3,}est|(?:ab|b)c)\b(?=x|\s)"))]
           if (t := prefilter.tails(p.pattern, (flags := p.flags & ~re.IGNORECASE))) is not None
           and (folded := re.compile(p.pattern, flags))]


@settings(max_examples=150, deadline=None)
@given(st.one_of(_TEXTS, st.text(alphabet="abc estmoIi'’ ", max_size=20)))
def test_every_match_ends_with_a_tail_and_sentences_holding_finds_them(text: str) -> None:
    assert {name for name, _, _, _ in _TAILED} >= {"rank", "ongoing", "branches"}
    doc = segment(text)
    for variant in (text, text.capitalize(), text.upper()):
        for name, pattern, blind, tails in _TAILED:
            for m in pattern.finditer(variant.lower() if blind else variant):
                assert m.group().endswith(tails), (name, variant)
        holding = prefilter.sentences_holding(variant, ["ab", "st", "'"], doc.sentence_starts)
        for s in doc.sentences:
            if any(x in variant[s.start:s.end] for x in ["ab", "st", "'"]):
                assert s.index in holding, (variant, s)


_DIGITAL = [r"\d[^\d]+\d", r"\d\D*?\d", r"\d{2,3}", r"[^\d]\d+?"]


@settings(max_examples=300, deadline=None)
@given(st.one_of(_TEXTS, st.text(alphabet="a0 9.5\u00e9\u2019\u0661\u00b2Z", max_size=20)))
def test_a_projected_pattern_matches_the_classes_where_the_pattern_matches_the_text(text: str) -> None:
    assert prefilter.projected(r"[0-9]") is None and prefilter.projected(r"\d\w") is None
    classes = prefilter.project(text)
    if classes is None:
        return  # a decimal digit beyond ASCII: nothing is projected then
    for source in _DIGITAL:
        pattern, projected = re.compile(source, re.IGNORECASE), prefilter.projected(source, re.IGNORECASE)
        assert projected is not None, source
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in projected.finditer(classes)], source
        assert len(pattern.findall(text[1:-1])) == len(projected.findall(classes, 1, max(len(text) - 1, 1)))


# Patterns remade from their stored form: kept text or none, flags, groups and names, bytes.
_REMADE = [re.compile(r"(?P<word>\w+)\s+(?P=word)"), re.compile(r"(?i)colou?r|grey"), re.compile(rb"0(?:[^0]){1,}0"),
           re.compile(r"\b(?:[A-Z][a-z]+|he)\s+(\w+)ed\b", re.IGNORECASE),
           prefilter.compiled(r"(a)|b\w{2,}", re.IGNORECASE)]  # kept no text: remade from the one given
_REMADE += [p for _, p, _, _ in _PATTERNS]


def test_a_pattern_is_remade_from_its_stored_form() -> None:
    for pattern in _REMADE:
        stored = json.loads(json.dumps(prefilter.form(pattern, r"(a)|b\w{2,}")))
        remade = prefilter.restored(stored)
        assert remade == pattern, pattern  # the same engine code, flags and text
        assert (remade.pattern, remade.flags, remade.groups, remade.groupindex) == \
            (pattern.pattern, pattern.flags, pattern.groups, pattern.groupindex)


@settings(max_examples=200, deadline=None)
@given(_TEXTS)
def test_a_remade_pattern_matches_as_the_compiled_one(text: str) -> None:
    for pattern in _REMADE:
        remade = prefilter.restored(prefilter.form(pattern, r"(a)|b\w{2,}"))
        for variant in (text, text.upper()):
            subject = variant.encode("latin-1", "replace") if isinstance(pattern.pattern, bytes) else variant
            assert [m.regs for m in remade.finditer(subject)] == [m.regs for m in pattern.finditer(subject)]


def test_a_form_that_is_not_remade_as_compiled_is_refused() -> None:
    with pytest.raises(ValueError):
        prefilter.form(prefilter.compiled(r"\d+"), r"\w+")  # not the text it was compiled from
