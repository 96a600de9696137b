"""Every regular expression rhetoric runs is safe from catastrophic backtracking.

The patterns are collected from the source (every call of the `re` module) and from
the data tables and lexicons; a pattern built at run time must come from a call site
listed in DYNAMIC, which says where its patterns are checked. Each pattern then
passes the static check (rhetoric.regex_safety) and runs against inputs built from
its own characters under a hang guard.
"""

from __future__ import annotations

import ast
import re
import signal
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric import claims, lexicon, prefilter
from rhetoric.errors import LexiconError
from rhetoric.regex_safety import MAX_PATTERN_LENGTH, problem, show
from tests.conftest import ROOT

PACKAGE = ROOT / "rhetoric"
RE_FUNCTIONS = ("compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")
# Call sites whose pattern is not a literal, and where the patterns they run are checked.
DYNAMIC = {
    ("claims.py", "_unfolded"): "a [claim] signal's own pattern, case-blind as it is written: collected below",
    ("lexicon.py", "_compile"): "lexicon `pattern` entries, checked by regex_safety at load or when compiled",
    ("tomlfile.py", "tables"): "re.escape of a TOML table name, anchored at the start of one line of a config",
    ("tomlfile.py", "key"): "re.escape of a TOML key name, matched within one line of a config",
    ("tomlfile.py", "value"): "re.escape of a string value: a literal",
    ("regex_safety.py", "_members"): "one character class of a parsed pattern: it cannot backtrack",
    ("prefilter.py", "needles"): "re.escape'd strings, or a run of one character set, read from a pattern; collected below",
    ("prefilter.py", "folded_needles"): "re.escape'd strings read from a pattern, lower-cased; collected below",
    ("prefilter.py", "starters"): "re.escape'd strings read from a pattern; collected below",
    ("prefilter.py", "chain"): "re.escape'd strings and runs of words read from a pattern; collected below",
    ("prefilter.py", "projected"): "a digit pattern read as bytes of classes; collected below (as text)",
    ("prefilter.py", "compiled"): "a pattern with re.VERBOSE, as given (the claim signals, collected below, have none)",
}
# Patterns only ever matched at a given position (match/fullmatch), never searched for.
ANCHORED = {("segment.py", "_DOTTED"), ("segment.py", "_FIRST_WORD"), ("prefilter.py", "_HEAD")}
HANG_SECONDS = 20  # linear work on these inputs takes milliseconds; a backtracking pattern, hours
SIZE = 100_000


def _calls() -> list[tuple[str, str, int, ast.Call]]:
    """Return every call of a `re` function in the package: (file, enclosing function, line, call)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        scopes: dict[ast.AST, str] = {}  # each node's innermost enclosing function
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                scopes.update((inner, node.name) for inner in ast.walk(node) if inner is not node)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                    and node.func.attr in RE_FUNCTIONS):
                found.append((rel, scopes.get(node, "<module>"), node.lineno, node))
    return found


def _flags(call: ast.Call) -> int:
    position = {"compile": 1, "sub": 4, "subn": 4, "split": 3}.get(call.func.attr, 2)
    args = call.args[position:position + 1] + [k.value for k in call.keywords if k.arg == "flags"]
    return eval(compile(ast.Expression(args[0]), "<flags>", "eval"), {"re": re}) if args else 0


def _names(rel: str) -> dict[int, str]:
    """Return the module-level variable assigned on each line of a module."""
    tree = ast.parse((PACKAGE / rel).read_text(encoding="utf-8"))
    out = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            out[node.lineno] = node.targets[0].id
    return out


def collect() -> list[tuple[str, str, int, bool]]:
    """Return every pattern rhetoric runs: (where, pattern, flags, searched)."""
    patterns = []
    for rel, scope, line, call in _calls():
        first = call.args[0] if call.args else None
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            name = _names(rel).get(line, scope)
            searched = call.func.attr not in ("match", "fullmatch") and (rel, name) not in ANCHORED
            patterns.append((f"{rel}:{line} {name}", first.value, _flags(call), searched))
        else:
            assert (rel, scope) in DYNAMIC, (
                f"{rel}:{line}: a regular expression built at run time in {scope}(); check what it runs and "
                "list the call site in DYNAMIC")
    for sig in claims.cues().signals:
        for compiled in (claims._unfolded(sig) if sig.source else None, sig.folded, sig.needles, sig.starters,
                         sig.chain and sig.chain.ends):
            if compiled is not None:
                # A pattern compiled from its parse tree keeps no text: it is the signal's source.
                patterns.append((f"sourcing.toml {sig.name}", compiled.pattern if compiled.pattern is not None
                                 else sig.source, compiled.flags, True))
        if sig.projected is not None:  # searched in the text's classes, a byte a character: checked as text
            patterns.append((f"sourcing.toml {sig.name} (projected)", sig.projected.pattern.decode(), 0, True))
        if sig.chain is not None:  # matched only where `ends` found a string
            words = sig.chain.words
            patterns.append((f"sourcing.toml {sig.name} (chain)", words.pattern, words.flags, False))
    for e in lexicon.load().entries:
        if e.pattern is not None:
            patterns.append((f"{e.family.path} {e.term}", e.pattern.pattern, e.pattern.flags, True))
            finder = prefilter.needles(e.pattern.pattern, e.pattern.flags)
            if finder is not None:
                patterns.append((f"{e.family.path} {e.term} (needles)", finder.pattern, finder.flags, True))
            folded = prefilter.folded_needles(e.pattern.pattern, e.pattern.flags)
            if folded is not None:
                patterns.append((f"{e.family.path} {e.term} (folded needles)", folded[0].pattern, folded[0].flags, True))
    return patterns


PATTERNS = collect()


def test_every_re_call_in_the_source_is_collected():
    # A textual count, independent of the AST walk: a call the walk missed (an alias,
    # a new function name) makes the numbers differ.
    source_calls = 0
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        source_calls += len(re.findall(rf"\bre\.(?:{'|'.join(RE_FUNCTIONS)})\(", text))
        assert not re.search(r"^\s*(?:import re as|from re import (?!_parser|_constants|_compiler))", text,
                             re.MULTILINE), f"{path}: use the re module by its name, so this test sees every pattern"
        # Only prefilter.compiled compiles from a parse tree, and only prefilter.restored hands the engine stored
        # code: the claim signals', collected in PATTERNS.
        assert text.count("_compiler.compile(") == (path.relative_to(PACKAGE).as_posix() == "prefilter.py"), path
        assert text.count("_sre.compile(") == (path.relative_to(PACKAGE).as_posix() == "prefilter.py"), path
    assert source_calls == len(_calls())
    assert len(PATTERNS) > 60


def test_module_level_patterns_are_all_collected():
    import importlib
    import pkgutil

    import rhetoric

    known = {p for _, p, _, _ in PATTERNS}
    for info in pkgutil.walk_packages(rhetoric.__path__, "rhetoric."):
        if info.name.endswith("__main__"):
            continue  # importing it runs the command line
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                assert value.pattern in known, f"{info.name}.{name} was not collected"


@pytest.mark.parametrize(("where", "pattern", "flags", "searched"), PATTERNS, ids=[p[0] for p in PATTERNS])
def test_static_check_passes(where, pattern, flags, searched):
    assert problem(pattern, flags, searched=searched) is None


def _atoms(nodes) -> list[str]:
    """Return short strings the pattern is made of: literal runs, members of its classes, alternatives."""
    out: list[str] = []
    run = ""
    for op, av in nodes:
        if op is C.LITERAL:
            run += chr(av)
            continue
        if run:
            out.append(run)
            run = ""
        if op in (C.IN, C.ANY, C.NOT_LITERAL):
            one = re.compile(show([(op, av)]), re.DOTALL)
            out.extend([c for c in "aZ0 .,'’\n-é_!?\"“”" if one.fullmatch(c)][:3])
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            out.extend(_atoms(av[2]))
        elif op is C.SUBPATTERN:
            out.extend(_atoms(av[3]))
        elif op is C.BRANCH:
            for alt in av[1]:
                out.extend(_atoms(alt))
        elif op in (C.ASSERT, C.ASSERT_NOT):
            out.extend(_atoms(av[1]))
    if run:
        out.append(run)
    return list(dict.fromkeys(a for a in out if a))


def adversarial(pattern: str, flags: int) -> list[str]:
    """Return inputs built to make `pattern` backtrack: long runs of its own pieces, then a misfit."""
    atoms = _atoms(P.parse(pattern, flags))
    if len(atoms) > 12:
        atoms = atoms[:: len(atoms) // 12 + 1]
    inputs = []
    for a in atoms:
        for tail in ("\x00", "!"):
            inputs.append((a * (SIZE // len(a) + 1))[:SIZE] + tail)
        inputs.append(((a + " ") * (SIZE // (len(a) + 1) + 1))[:SIZE] + "\x00")
    for a, b in zip(atoms, atoms[1:]):
        inputs.append(((a + b) * (SIZE // len(a + b) + 1))[:SIZE] + "\x00")
    if atoms:
        joined = "".join(atoms)
        inputs.append((joined * (SIZE // len(joined) + 1))[:SIZE] + "\x00")
    return inputs


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang


@pytest.mark.parametrize(("where", "pattern", "flags", "searched"), PATTERNS, ids=[p[0] for p in PATTERNS])
def test_adversarial_inputs_finish(where, pattern, flags, searched):
    # A hang guard, not a speed test: the engine checks for signals while it backtracks.
    compiled = re.compile(pattern, flags)
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        for text in adversarial(pattern, flags):
            signal.setitimer(signal.ITIMER_REAL, HANG_SECONDS)
            try:
                if searched:
                    for _ in compiled.finditer(text):
                        pass
                else:
                    for pos in (0, 1, len(text) // 2):
                        compiled.match(text, pos)
            except Hang:
                pytest.fail(f"{where}: {pattern!r} ran for over {HANG_SECONDS} s on {text[:40]!r}…")
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize(("pattern", "why"), [
    (r"(a+)+b", "nested quantifier: `a+` inside `(a+)+`"),
    (r"\b(?:\w+\s?)+x", "nested quantifier: `\\w+` inside `(?:\\w+\\s?)+`"),
    (r"\b(?:a|a)+x", "can match the same text"),
    (r"\b(?:ab|a|b)+x", "can match the same text"),
    (r"\b(?:\w+|\d)+x", "nested quantifier"),
    (r"(\w)\1", "back-reference `\\1`"),
    (r"\bthe(?=\w+ly)", "lookaround `(?=\\w+ly)` holds the unbounded repeat `\\w+`"),
    (r"\bthe \w+\s*\w+ly\b", "neighbouring repeats `\\w+` and `\\w+`"),
    (r"\w+ly\b", "the run `\\w+` near its start can be tried again from every position"),
    (r"x[xy]+z", "the run `[xy]+` near its start"),
    (r"(?:so)?", "can match the empty string"),
    (r"\b(?:(?:so)?)+x", "repeats something that can match nothing"),
    ("a" * (MAX_PATTERN_LENGTH + 1), f"the limit is {MAX_PATTERN_LENGTH}"),
    (r"(unclosed", "not a valid regular expression"),
    (r"\b[[a]x", "not a valid regular expression: Possible nested set"),
])
def test_unsafe_patterns_are_refused_with_the_reason(pattern, why):
    assert why in (problem(pattern, re.IGNORECASE) or "")


@pytest.mark.parametrize("pattern", [
    r"\bit is no (?:accident|coincidence) that\b",
    r"\b\w+ly\b",
    r"[^\W_]+(?:['’-][^\W_]+)*",
    r"\b(?:so|very)\s+(?:\w+ly\s+)?(?:bad|good)\b",
    r"^\W*(?:(?:and|but|so)\W+)*we\b",
    r"\b(?:the|there)+x",  # "there" cannot be split into "the" and anything else
])
def test_safe_patterns_pass(pattern):
    assert problem(pattern, re.IGNORECASE) is None


LEXICON = '''\
[family]
rule = "editorializing.test"
category = "editorializing"
description = "Test."
should_flag = ["It is no accident that the plan failed."]
should_pass = ["The plan failed."]

[[entry]]
pattern = '{pattern}'
message = "m"
why = "w"
'''


def test_lexicon_refuses_a_pattern_that_backtracks(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(LEXICON.format(pattern=r"\b(\w+\s?)+\.$"), encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        lexicon.load([path])
    message = str(info.value)
    assert message.startswith(f"{path}:9: [[entry]] #1: 'pattern' ")
    assert "is refused: nested quantifier: `\\w+` inside `(\\w+\\s?)+` can take exponential time" in message


@pytest.mark.parametrize(("extra", "why"), [
    ('term = "accident"\n', "give exactly one of 'term' and 'pattern'"),
    ('inflect = "noun"\n', "'inflect' applies to a 'term', not to a 'pattern'"),
])
def test_lexicon_pattern_entries_are_validated(tmp_path, extra, why):
    path = tmp_path / "bad.toml"
    path.write_text(LEXICON.format(pattern=r"\bno accident\b") + extra, encoding="utf-8")
    with pytest.raises(LexiconError, match=re.escape(why)):
        lexicon.load([path])


def test_lexicon_pattern_finds_constructions_in_one_sentence(tmp_path):
    from rhetoric import Voice, analyze

    path = tmp_path / "good.toml"
    path.write_text(LEXICON.format(pattern=r"\bit is no (?:accident|coincidence) that\b|^of course\b"),
                    encoding="utf-8")
    lex = lexicon.load([path])
    text = "“It is no accident that the plan failed,” she said. Of course it is NO coincidence that it rained."
    found = [f for f in analyze(text, lexicons=lex).findings if f.rule == "editorializing.test"]
    assert [(f.text, f.voice) for f in found] == [
        ("It is no accident that", Voice.QUOTED), ("Of course", Voice.AUTHOR),
        ("it is NO coincidence that", Voice.AUTHOR)]
    for f in found:
        assert text[f.start:f.end] == f.text


def test_case_sensitive_pattern(tmp_path):
    from rhetoric import analyze

    path = tmp_path / "cased.toml"
    path.write_text(LEXICON.format(pattern=r"\bTHE PEOPLE\b") + "case = true\n", encoding="utf-8")
    lex = lexicon.load([path])
    found = [f.text for f in analyze("THE PEOPLE and the people spoke.", lexicons=lex).findings
             if f.rule == "editorializing.test"]
    assert found == ["THE PEOPLE"]


def test_the_reason_quotes_the_fragment_as_a_pattern():
    assert show(list(P.parse(r"(?:'\w+)*x"))) == r"(?:'\w+)*x"


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(max_size=40), st.text(st.sampled_from(list("ab\\wsdWb.^$*+?{}[]()|-,:=!<>#PE01238'’ ")),
                                               max_size=40)))
def test_the_check_never_raises(pattern):
    assert problem(pattern) is None or problem(pattern)


@pytest.mark.parametrize("pattern", [
    r"b++[ab]",  # a possessive run is not backtracked into, but a search still starts it everywhere
    r"\d?[^a]+[ab]\b",  # an optional start fences nothing off
    r"-+\b",  # \b after a run of non-word characters can fail
    r"(?:a[ab]+x)?x\s*a",  # inside an optional group at the start
    r"(\s?+\s+)(\b)",
])
def test_quadratic_starts_found_by_fuzzing_are_refused(pattern):
    # Each was accepted by an earlier version of the check and took seconds on 20 KB.
    assert "near its start can be tried again" in (problem(pattern) or "")


# The sentence-end pattern of commit ff4b48c (reverted in 0c5433f only because this check refused it).
SENTENCE_END_FF4B48C = (r"[.!?…\n](?:(?<=\n)|(?<=[.!?…])(?<![.!?…][.!?…])[.!?…]*[\"'”’»)\]]*(?=\s)"
                        r"|(?<=[a-z][a-z][.!?])(?=[A-Z][a-z]))")


@pytest.mark.parametrize("pattern", [
    r"[A-Zh](?<=\b[A-Zh])(?:(?<=[A-Z])[a-z]+|(?<=h)e)x",  # the run starts only after a capital
    r"x(?<![.!])[.!]+y",  # the look-behind sees the x: nothing is refused
    r"(?<![.!])[.!]+x",  # a run of marks is tried only where it begins
    SENTENCE_END_FF4B48C,  # [.!?…]* starts only at the first mark of a run
])
def test_runs_fenced_by_a_look_behind_pass(pattern):
    assert problem(pattern) is None


@pytest.mark.parametrize(("pattern", "hostile"), [
    # Each takes 0.5-1 s on 20 KB of `hostile` (quadratic: about 25 s on 100 KB).
    (r"[A-Zhst](?<=[A-Zs])[a-z]+x", "s"),  # the look-behind lets an s, which the run holds, start it
    (r"[a-z](?<=[a-z])[a-z]+x", "s"),
    (r"[.!?…\n](?<![.!?][.!?…])[.!?…]*x", "…"),  # a run of … is not refused by the look-behind
    (r"[.!\n](?<!\b[.!][.!])[.!]*x", "."),  # a negative look-behind with \b refuses less than it seems
])
def test_look_behinds_that_do_not_fence_a_run_are_refused(pattern, hostile):
    assert "near its start can be tried again" in (problem(pattern) or "")
    assert re.search(pattern, hostile * 2000) is None  # (it is slow, not wrong: 2 KB is quick)


NAME = r"[A-Z](?<=[a-z,] [A-Z])[a-z]+\b"  # a name cannot start inside another: it needs a space before


@pytest.mark.parametrize("pattern", [
    rf"(?s){NAME}(?:.*?{NAME}){{2}}",  # the claim signal `names`, written out
    rf"(?s)(?:{NAME}.*?){{3}}",  # the same pattern as it was
])
def test_a_lazy_run_between_matches_of_the_same_prefix_passes(pattern):
    assert problem(pattern) is None


@pytest.mark.parametrize("pattern", [
    # Measured: 6.2 s on 20 KB of "a" (from every a, the run looks for a b to the end).
    r"(?s)a(?:.*?b){2}",
    # Measured: 7.9 s on 2 KB of "ab Cd": something after the chain can fail, so every start backtracks.
    rf"(?s){NAME}(?:.*?{NAME}){{2}}x",
    rf"{NAME}(?:.*?{NAME}){{2}}",  # without (?s) the run cannot cross a line end
    r"(?s)[A-Z](?<=[a-z, ][A-Z])[a-z ]+(?:.*?[A-Z](?<=[a-z, ][A-Z])[a-z ]+){2}",  # the space may be inside one
])
def test_a_lazy_run_between_different_or_overlapping_pieces_is_refused(pattern):
    assert "the run `.*?` near its start" in (problem(pattern) or "")
