"""Load the TOML lexicons, validate them, and compile them into a phrase index."""

from __future__ import annotations

import difflib
import gc
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from enum import Enum
from functools import cache
from itertools import chain, repeat
from pathlib import Path
from typing import Any, TypeVar

from . import compiled, tomlfile
from .errors import LexiconError
from .findings import Category, Severity
from .model import from_columns
from .segment import normalize

LEXICAL_CATEGORIES = frozenset(
    {Category.LOADED_TERM, Category.WEASEL, Category.HEDGE, Category.BOOSTER,
     Category.EDITORIALIZING, Category.SCARE_QUOTE}
)
_FAMILY_KEYS = {
    "rule": str, "category": str, "severity": str, "description": str,
    "should_flag": list, "should_pass": list, "not_after_possessive": bool,
}
_REQUIRED_FAMILY = ("rule", "category", "description", "should_flag", "should_pass")
_ENTRY_KEYS = {
    "term": str, "inflect": str, "forms": list, "message": str, "why": str, "alternative": str,
    "severity": str, "not_after": list, "not_before": list, "case": bool, "pattern": str, "reports": str,
    "opens": str, "set_off": bool, "not_after_name": bool, "unless_credited": bool,
}
_REQUIRED_ENTRY = ("message", "why")
_TERM_ONLY = ("inflect", "forms", "not_after", "not_before", "reports", "opens", "set_off", "not_after_name",
              "unless_credited")
_INFLECT = ("none", "noun", "verb", "adj")
# What must follow a verb of saying for it to report speech: a clause ("admitted that…", "admitted it was"),
# or also an infinitive ("claims to be"); after the other verbs "to" is a preposition ("admitted to bribery").
_REPORTS = ("clause", "clause or infinitive")
# Where a sentence adverb or an aside must stand to be one: opening its sentence ("Notably, …"), or a clause
# too ("…, but happily, …"); "She smiled happily" and "notably France" are plain words.
_OPENS = ("sentence", "clause")
_ADJECTIVE_ENDINGS = ("ous", "ful", "ive", "ic", "ical", "less", "able", "ible", "ish", "ant", "ent", "ary")
# A one-word term in -s that lists no inflections is a plural noun ("aliens", "cronies"), which takes
# the modifier before it and governs no word after it ("aliens arrested" is not one loaded phrase).
_NOT_PLURAL = ("ss", "us", "is", "ous")
_WORD = re.compile(r"[^\W_]+(?:['’\-‐‑.][^\W_]+)*")

# The lexicons repeat their words (every inflection of a phrase, every guard): normalise each once.
_normalized = cache(normalize)

_E = TypeVar("_E", bound=Enum)
# A form of an entry's term: its words normalised (its key in the index), and as written (for a cased entry).
Form = tuple[tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Family:
    """A lexicon file: one rule, its description and its examples."""

    rule: str
    category: Category
    severity: Severity
    description: str
    should_flag: tuple[str, ...]
    should_pass: tuple[str, ...]
    path: str
    # Verbs whose noun is neutral: right after a possessive ("Trump's claims") a form is that noun.
    not_after_possessive: bool = False


@dataclass(frozen=True, slots=True)
class Entry:
    """One curated term and what to say when it is found."""

    family: Family
    term: str
    message: str
    why: str
    alternative: str | None
    severity: Severity
    not_after: tuple[tuple[str, ...], ...]
    not_before: tuple[tuple[str, ...], ...]
    case: bool
    cased: tuple[str, ...] = ()
    modifier: bool = False  # an adjective that frames the noun after it
    noun: bool = False  # a noun whose own modifier belongs to the loaded phrase
    pattern: re.Pattern[str] | None = None  # a construction no word list can express, matched in one sentence
    reports: str | None = None  # one of _REPORTS: a verb of saying loaded only where it reports speech
    opens: str | None = None  # one of _OPENS: only where it opens a sentence, or a clause
    set_off: bool = False  # only where punctuation, a dash or the sentence's end follows it ("to be fair,")
    not_after_name: bool = False  # not where a name says whose it is ("UN experts said", "ONS data shows")
    unless_credited: bool = False  # not in a sentence credited to a source ("allegedly …, according to the indictment")


# Never compared, and its repr would print all 2,500 entries and the index: no __eq__, __hash__
# or __repr__ to generate at every start.
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Lexicons:
    """Every loaded family, with an index of their phrases by normalised words."""

    families: tuple[Family, ...]
    entries: tuple[Entry, ...]
    # Every phrase, its normalised words joined by a space (neither a phrase's words nor a text's
    # tokens hold white space, so a key stands for one run of words), with the entries it is a
    # form of, in the order they are tried.
    table: Mapping[str, tuple[Entry, ...]]
    # Each beginning of a longer phrase (its first words, joined as in `table`) with the words that
    # may come next: where a phrase being matched may go on.
    following: Mapping[str, frozenset[str]]
    # Where a phrase can start: a one-word phrase, or the first two words of a longer one
    # (phrases.find_phrases looks only there).
    words: frozenset[str]
    pairs: frozenset[tuple[str, str]]
    patterns: tuple[tuple[Entry, re.Pattern[str]], ...] = ()  # the `pattern` entries, found once at load

    def phrases(self) -> Iterator[tuple[tuple[str, ...], Entry]]:
        """Yield every indexed phrase (as words) with its entry."""
        for key, entries in self.table.items():
            words = tuple(key.split(" "))
            for e in entries:
                yield words, e


@cache
def builtin_folder() -> Path:
    """Return the folder of the lexicon files shipped with rhetoric."""
    # Beside this module in an installed package (found without importlib.resources, which would
    # import zipfile and tempfile at every start).
    root = Path(__file__).parent / "lexicons"
    if not root.is_dir():
        # A source checkout or an editable install: the lexicons sit beside the package.
        root = Path(__file__).resolve().parent.parent / "lexicons"
    return root


def builtin_paths() -> list[Path]:
    """Return the lexicon files shipped with rhetoric."""
    return sorted(builtin_folder().glob("*.toml"))


def load(paths: Iterable[str | Path] | None = None, *, extra: Iterable[str | Path] = (),
         allow: Iterable[str] = ()) -> Lexicons:
    """Load and validate lexicon files (the built-in ones by default), then the user's `extra` ones.

    An extra file whose rule is an existing family's adds entries to that family; an extra entry
    whose term another family already defines replaces that entry, and where an extra entry shares
    a form with another one, the extra one is matched. Terms in `allow` (and every
    form of them) are dropped. Any mistake in any file fails the whole load.
    """
    # The load builds some 30,000 objects that all last: the collector's passes over them as
    # they pile up would find nothing to free (a tenth of the load's instructions).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load(paths, extra, allow)
    finally:
        if collecting:
            gc.enable()


def _load(paths: Iterable[str | Path] | None, extra: Iterable[str | Path], allow: Iterable[str]) -> Lexicons:
    # The built-in files are usually read from their checked and resolved form (see compiled.py):
    # parsing, checking and inflecting them would take most of the start-up time.
    stored, index = compiled.read(builtin_folder()) if paths is None else ({}, None)
    files = builtin_paths() if paths is None else [Path(p) for p in paths]
    families: dict[str, Family] = {}
    # Each file's entries, and their forms (a compiled file's: its columns, which they are read from
    # only when the stored index cannot serve the load).
    loaded: list[tuple[tuple[Entry, ...], list[list[Form]] | dict[str, Any]]] = []
    for path in files:
        form = stored.get(path.name)
        if form is not None and form.matches_file(path):
            family, fam_entries = _from_compiled(path, form.data)
            loaded.append((fam_entries, form.data["entries"]))
        else:
            family, items = load_file(path)
            loaded.append((tuple(e for e, _ in items), [forms for _, forms in items]))
        families[family.rule] = family
    extras, allowed = [Path(p) for p in extra], {_phrase(term) for term in allow}
    columns = [forms for _, forms in loaded if isinstance(forms, dict)]
    if index is not None and not extras and not allowed and len(columns) == len(loaded) == len(stored):
        # The built-in lexicons as they were compiled: their phrase index is all but stored ready-made.
        return _indexed(tuple(families.values()), tuple(chain.from_iterable(e for e, _ in loaded)),
                        list(chain.from_iterable(col["keys"] for col in columns)), index)
    entries: list[tuple[Entry, list[Form]]] = []
    for fam_entries, forms in loaded:
        entries.extend(zip(fam_entries, _stored_forms(forms) if isinstance(forms, dict) else forms))
    for path in extras:
        family, user_entries = load_file(path, families)
        families.setdefault(family.rule, family)
        replaced = {_phrase(e.term) for e, _ in user_entries if e.pattern is None}
        # The user's entries go first, so where one shares a form with another entry, the user's wins.
        entries = user_entries + [item for item in entries
                                  if item[0].pattern is not None or _phrase(item[0].term) not in replaced]
    if allowed:
        entries = [(e, forms) for e, forms in entries if not any(keys in allowed for keys, _ in forms)]
    kept = tuple(e for e, _ in entries)
    table, following = _index(entries)
    return Lexicons(tuple(families.values()), kept, table, following,
                    frozenset(key for key in table if " " not in key), _pairs(following), _patterns(kept))


def _patterns(entries: tuple[Entry, ...]) -> tuple[tuple[Entry, re.Pattern[str]], ...]:
    return tuple((e, e.pattern) for e in entries if e.pattern is not None)


def _indexed(families: tuple[Family, ...], entries: tuple[Entry, ...], keys: list[list[str]],
             index: dict[str, Any]) -> Lexicons:
    """Return the lexicons of `entries` (the built-in ones), each with the `keys` of its forms, indexed as compiled_index says."""
    # Built in C, as every phrase but a few has one entry, which is not cased: a loop over the
    # 6,000 phrases in Python, as _index makes them (and the trie did), cost a quarter of the load.
    table = dict(zip(chain.from_iterable(keys), chain.from_iterable(map(repeat, zip(entries), map(len, keys)))))
    # The others, stored whole; a cased entry is matched through copies of it, each with the
    # words of one of its forms as written.
    variants = [*entries, *(replace(entries[r], cased=tuple(words)) for r, words in index["cased"])]
    shared = index["shared"]
    table.update(zip(shared, map(tuple, map(map, repeat(variants.__getitem__), shared.values()))))
    # A beginning's next words are stored joined by a space, each beginning's one string.
    nexts = index["following"]
    following = dict(zip(nexts["from"], map(frozenset, map(str.split, nexts["to"]))))
    return Lexicons(families, entries, table, following, frozenset(index["words"]), _pairs(following),
                    _patterns(entries))


def _pairs(following: Mapping[str, frozenset[str]]) -> frozenset[tuple[str, str]]:
    """Return the pairs of words that start a phrase of two words or more."""
    return frozenset((key, word) for key, after in following.items() if " " not in key for word in after)


def _phrase(term: str) -> tuple[str, ...]:
    return tuple(map(_normalized, _WORD.findall(term)))


def load_file(path: Path, known: Mapping[str, Family] | None = None) -> tuple[Family, list[tuple[Entry, list[Form]]]]:
    """Load one lexicon file, failing with its path and line on any mistake.

    With `known` families (a user's file), a [family] whose rule is already known needs only
    its `rule`: the entries join that family.
    """
    # Imported here: a run that reads only the compiled lexicons does without them.
    from .inflect import inflections

    raw = tomlfile.text(path, LexiconError, "lexicon")
    data = tomlfile.parse(raw, path, LexiconError)
    locate = tomlfile.Locator(raw)
    unknown = set(data) - {"family", "entry"}
    if unknown:
        key = sorted(unknown)[0]
        raise LexiconError(f"unknown table {key!r}; expected 'family' and 'entry'", path=path, line=locate.key(key))
    if not isinstance(data.get("family"), dict):
        raise LexiconError("missing [family] table; expected one with rule, category, description, should_flag "
                           "and should_pass", path=path)
    fam = data["family"]
    existing = (known or {}).get(fam.get("rule")) if isinstance(fam.get("rule"), str) else None
    _check_keys(fam, _FAMILY_KEYS, ("rule",) if existing else _REQUIRED_FAMILY, path, locate, "[family]",
                next(iter(locate.tables("family")), None))
    if existing is not None:
        if fam.get("category", existing.category.value) != existing.category.value:
            raise LexiconError(f"[family]: category {fam['category']!r} differs from the existing family "
                               f"{existing.rule!r}; expected {existing.category.value!r}", path=path,
                               line=locate.key("category"))
        severity = _enum(Severity, fam.get("severity", existing.severity.value), path,
                         lambda: locate.key("severity"), "severity")
        family = existing
    else:
        category = _enum(Category, fam["category"], path, lambda: locate.key("category"), "category")
        if category not in LEXICAL_CATEGORIES:
            valid = ", ".join(sorted(c.value for c in LEXICAL_CATEGORIES))
            raise LexiconError(f"category {category.value!r} is not lexical; expected one of: {valid}", path=path,
                               line=locate.key("category"))
        if not fam["rule"].startswith(category.value + "."):
            raise LexiconError(f"rule {fam['rule']!r} must start with {category.value + '.'!r}", path=path,
                               line=locate.key("rule"))
        family = Family(
            rule=fam["rule"], category=category,
            severity=_enum(Severity, fam.get("severity", "warning"), path, lambda: locate.key("severity"),
                           "severity"),
            description=fam["description"],
            should_flag=tuple(fam["should_flag"]), should_pass=tuple(fam["should_pass"]), path=str(path),
            not_after_possessive=fam.get("not_after_possessive", False),
        )
        severity = family.severity
    entries = []
    raw_entries = data.get("entry", [])
    if not isinstance(raw_entries, list):
        raise LexiconError("'entry' must be an array of tables ([[entry]])", path=path, line=locate.key("entry"))
    entry_lines = locate.tables("entry")
    for n, item in enumerate(raw_entries):
        where = f"[[entry]] #{n + 1}"
        line = entry_lines[n] if n < len(entry_lines) else None
        _check_keys(item, _ENTRY_KEYS, _REQUIRED_ENTRY, path, locate, where, line)
        pattern = _pattern(item, path, locate, where, line)
        inflect = item.get("inflect", "none")
        if inflect not in _INFLECT:
            raise LexiconError(f"{where}: inflect {inflect!r}; expected one of: {', '.join(_INFLECT)}",
                               path=path, line=locate.key("inflect", after=line))
        if pattern is None and not _WORD.search(item["term"]):
            raise LexiconError(f"{where}: 'term' {item['term']!r} holds no word; expected a word or a phrase",
                               path=path, line=locate.key("term", after=line))
        entry = Entry(
            family=family, term=item.get("term", item.get("pattern", "")), message=item["message"],
            why=item["why"],
            alternative=item.get("alternative") or None,
            severity=_enum(Severity, item.get("severity", severity.value), path,
                           lambda: locate.key("severity", after=line), "severity"),
            not_after=_guards(item.get("not_after", [])),
            not_before=_guards(item.get("not_before", [])),
            case=item.get("case", False),
            modifier=inflect == "adj" or (pattern is None and " " not in item["term"]
                                          and item["term"].endswith(_ADJECTIVE_ENDINGS)),
            noun=inflect == "noun" or (inflect == "none" and pattern is None and _plural(item["term"])),
            pattern=pattern,
            reports=_reports(item, path, locate, where, line),
            opens=_opens(item, path, locate, where, line),
            set_off=item.get("set_off", False),
            not_after_name=item.get("not_after_name", False),
            unless_credited=item.get("unless_credited", False),
        )
        forms = [item["term"], *item.get("forms", [])] if pattern is None else []
        if inflect != "none":
            forms.extend(inflections(item["term"], inflect))
        entries.append((entry, [_form(f) for f in forms]))
    return family, entries


def _form(text: str) -> Form:
    words = tuple(_WORD.findall(text))
    return tuple(map(_normalized, words)), words


def compiled_form(path: Path) -> dict[str, Any]:
    """Return a built-in lexicon file checked and resolved, as JSON data (what compiled.py stores for it).

    Everything load_file works out from the TOML is kept, so that loading the file again
    from this form (_from_compiled) checks and computes nothing; the phrase index of all the
    files is stored beside (compiled_index). The entries are stored a column a field (one
    value a line, in the TOML's order), which _from_compiled turns into entries without a
    loop over them in Python.
    """
    family, entries = load_file(path)
    fam = {"rule": family.rule, "category": family.category.value, "severity": family.severity.value,
           "description": family.description, "should_flag": list(family.should_flag),
           "should_pass": list(family.should_pass), "not_after_possessive": family.not_after_possessive}
    columns: dict[str, list[Any]] = {
        "term": [e.term for e, _ in entries],
        "message": [e.message for e, _ in entries],
        "why": [e.why for e, _ in entries],
        "alternative": [e.alternative for e, _ in entries],
        # null: the family's severity
        "severity": [e.severity.value if e.severity is not family.severity else None for e, _ in entries],
        # Each guard's words joined by a space; null for none (most entries).
        "not_after": [[_spaced(g) for g in e.not_after] or None for e, _ in entries],
        "not_before": [[_spaced(g) for g in e.not_before] or None for e, _ in entries],
        "case": [e.case for e, _ in entries],
        "modifier": [e.modifier for e, _ in entries],
        "noun": [e.noun for e, _ in entries],
        "pattern": [e.pattern.pattern if e.pattern is not None else None for e, _ in entries],
        "reports": [e.reports for e, _ in entries],
        "opens": [e.opens for e, _ in entries],
        "set_off": [e.set_off for e, _ in entries],
        "not_after_name": [e.not_after_name for e, _ in entries],
        "unless_credited": [e.unless_credited for e, _ in entries],
        # Its forms' normalised words (their key in the index), and their words as written where
        # those matter (a cased entry's; null for the others), joined by a space.
        "keys": [[_spaced(keys) for keys, _ in forms if keys] for _, forms in entries],
        "words": [[_spaced(words) for keys, words in forms if keys] if e.case else None for e, forms in entries],
    }
    return {"family": fam, "entries": columns}


def _spaced(words: tuple[str, ...]) -> str:
    """Return words joined by a space, as the compiled form stores them: read back by splitting at white space."""
    if any(word.split() != [word] for word in words):
        raise ValueError(f"a lexicon word holds white space: {words!r}")  # cannot happen: _WORD matches none
    return " ".join(words)


def compiled_index(paths: list[Path]) -> dict[str, Any]:
    """Return what the phrase index of the lexicon files at `paths` (the built-in ones) adds to their forms, as JSON data.

    Most phrases are a form of one entry, which is not cased: _indexed indexes them from the
    entries' keys (see compiled_form). The others are stored whole ("shared"), their entries
    known by position among the files' entries, in order, a cased entry's copy with one
    form's words as written (see _index) after them all ("cased"). The words that may
    follow each beginning of a phrase are stored as two columns, and the one-word phrases,
    all sorted.
    """
    entries = [item for path in paths for item in load_file(path)[1]]
    table, following = _index(entries)
    # By value: a cased entry's copies differ from it by their words alone.
    position: dict[Entry, int] = {}
    for k, (e, _) in enumerate(entries):
        position.setdefault(e, k)
    cased: list[list[Any]] = []
    shared: dict[str, list[int]] = {}
    for key, listed in table.items():
        if len(listed) == 1 and not listed[0].cased:
            continue
        shared[key] = []
        for e in listed:
            if e.cased:
                cased.append([position[replace(e, cased=())], list(e.cased)])
                shared[key].append(len(entries) + len(cased) - 1)
            else:
                shared[key].append(position[e])
    ordered = sorted(following)
    return {"shared": shared, "cased": cased,
            "following": {"from": ordered, "to": [" ".join(sorted(following[key])) for key in ordered]},
            "words": sorted(key for key in table if " " not in key)}


def _from_compiled(path: Path, data: dict[str, Any]) -> tuple[Family, tuple[Entry, ...]]:
    """Return the family and entries of a lexicon file from its compiled form, checked when it was compiled."""
    fam = data["family"]
    family = Family(rule=fam["rule"], category=Category(fam["category"]), severity=Severity(fam["severity"]),
                    description=fam["description"], should_flag=tuple(fam["should_flag"]),
                    should_pass=tuple(fam["should_pass"]), path=str(path),
                    not_after_possessive=fam["not_after_possessive"])
    col = data["entries"]
    n = len(col["term"])
    severity: dict[str | None, Severity] = {None: family.severity, **{s.value: s for s in Severity}}
    # This runs for every built-in entry at every start: each field is built a column at a
    # time in C, and the entries from the columns (a loop over the entries cost 37,000
    # instructions an entry).
    return family, from_columns(
        Entry, [family] * n, col["term"], col["message"], col["why"], col["alternative"],
        list(map(severity.__getitem__, col["severity"])), _guards_of(col["not_after"]), _guards_of(col["not_before"]),
        col["case"], [()] * n, col["modifier"], col["noun"],
        [None if source is None else _compile(source, case) for source, case in zip(col["pattern"], col["case"])],
        col["reports"], col["opens"], col["set_off"], col["not_after_name"], col["unless_credited"])


def _stored_forms(columns: dict[str, Any]) -> list[list[Form]]:
    """Return the forms of a compiled file's entries (only a load the index cannot serve needs them)."""
    return [[(tuple(key.split(" ")), tuple(key.split(" ") if words is None else words[n].split(" ")))
             for n, key in enumerate(keys)] for keys, words in zip(columns["keys"], columns["words"])]


def _guards_of(column: list[list[str] | None]) -> list[tuple[tuple[str, ...], ...]]:
    """Return each entry's guards (words joined by a space) as tuples of words."""
    return [tuple(map(tuple, map(str.split, guards))) if guards else () for guards in column]  # most have none


def _opens(item: dict[str, Any], path: Path, locate: tomlfile.Locator, where: str, line: int | None) -> str | None:
    """Return where an entry must stand to be one (the start of a sentence or of a clause), if the entry says."""
    opens: str | None = item.get("opens")
    if opens is not None and opens not in _OPENS:
        raise LexiconError(f"{where}: opens {opens!r}; expected one of: {', '.join(map(repr, _OPENS))}",
                           path=path, line=locate.key("opens", after=line))
    return opens


def _reports(item: dict[str, Any], path: Path, locate: tomlfile.Locator, where: str,
             line: int | None) -> str | None:
    """Return what must follow an entry's verb of saying for it to be loaded, if the entry says."""
    reports: str | None = item.get("reports")
    if reports is not None and reports not in _REPORTS:
        raise LexiconError(f"{where}: reports {reports!r}; expected one of: {', '.join(map(repr, _REPORTS))}",
                           path=path, line=locate.key("reports", after=line))
    return reports


def _pattern(item: dict[str, Any], path: Path, locate: tomlfile.Locator, where: str,
             line: int | None) -> re.Pattern[str] | None:
    """Return an entry's compiled `pattern`, refusing one that could backtrack badly; None for a term entry."""
    if ("term" in item) == ("pattern" in item):
        raise LexiconError(f"{where}: give exactly one of 'term' and 'pattern'", path=path, line=line)
    if "pattern" not in item:
        return None
    for key in _TERM_ONLY:
        if key in item:
            raise LexiconError(f"{where}: {key!r} applies to a 'term', not to a 'pattern'", path=path,
                               line=locate.key(key, after=line))
    from .regex_safety import problem  # as inflect above

    source, case = item["pattern"], item.get("case", False)
    why = problem(source, 0 if case else re.IGNORECASE)
    if why is not None:
        raise LexiconError(f"{where}: 'pattern' `{source}` is refused: {why}", path=path,
                           line=locate.key("pattern", after=line))
    return _compile(source, case)


def _compile(source: str, case: bool) -> re.Pattern[str]:
    """Compile an entry's pattern (checked by _pattern, or when its compiled form was written)."""
    return re.compile(source, 0 if case else re.IGNORECASE)


def _plural(term: str) -> bool:
    return " " not in term and term.endswith("s") and not term.endswith(_NOT_PLURAL)


def _guards(phrases: list[str]) -> tuple[tuple[str, ...], ...]:
    """Return context guards as word tuples, so "the lives" guards a two-word context."""
    if not phrases:
        return ()  # most entries have no guards: no generator for them (two calls per entry at every start)
    return tuple(tuple(map(_normalized, _WORD.findall(p))) for p in phrases if _WORD.search(p))


def _index(entries: list[tuple[Entry, list[Form]]]) -> tuple[dict[str, tuple[Entry, ...]], dict[str, frozenset[str]]]:
    """Return the entries of every form by its words joined by a space, and the words that may follow its beginnings."""
    table: dict[str, list[Entry]] = {}
    following: dict[str, set[str]] = {}
    for entry, forms in entries:
        for keys, words in forms:
            if not keys:
                continue
            if entry.case:
                entry = replace(entry, cased=words)
            listed = table.get(key := " ".join(keys))
            if listed is None:
                listed = table[key] = []
            # Where two entries define one phrase, the first that fits its context wins;
            # a test keeps the built-in lexicons free of such clashes.
            if entry not in listed:
                listed.append(entry)
            for k in range(1, len(keys)):
                following.setdefault(" ".join(keys[:k]), set()).add(keys[k])
    return ({key: tuple(listed) for key, listed in table.items()},
            {key: frozenset(after) for key, after in following.items()})


def _check_keys(table: dict[str, Any], allowed: Mapping[str, type[Any]], required: Iterable[str], path: Path,
                locate: tomlfile.Locator, where: str, line: int | None = None) -> None:
    for key, value in table.items():
        if key not in allowed:
            close = difflib.get_close_matches(key, list(allowed), n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise LexiconError(f"{where}: unknown key {key!r}; {hint}valid keys: {', '.join(allowed)}",
                               path=path, line=locate.key(key, after=line))
        if not isinstance(value, allowed[key]):
            raise LexiconError(f"{where}: {key!r} must be a {allowed[key].__name__}, not {type(value).__name__}",
                               path=path, line=locate.key(key, after=line))
        if allowed[key] is list and not all(isinstance(v, str) for v in value):
            raise LexiconError(f"{where}: {key!r} must be a list of strings", path=path,
                               line=locate.key(key, after=line))
    for key in required:
        if key not in table:
            raise LexiconError(f"{where}: missing required key {key!r}", path=path, line=line)


def _enum(cls: type[_E], value: Any, path: Path, line: Callable[[], int | None], what: str) -> _E:
    """Return the enum member for `value`; `line` is called only to report an error."""
    try:
        return cls(value)
    except ValueError:
        valid = ", ".join(m.value for m in cls)
        raise LexiconError(f"{what} {value!r}; expected one of: {valid}", path=path, line=line()) from None
