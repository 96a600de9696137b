"""Load the TOML lexicons, validate them, and compile them into a phrase index."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import LexiconError
from .findings import Category, Severity
from .inflect import inflections

LEXICAL_CATEGORIES = frozenset(
    {Category.LOADED_TERM, Category.WEASEL, Category.HEDGE, Category.BOOSTER,
     Category.EDITORIALIZING, Category.SCARE_QUOTE}
)
_FAMILY_KEYS = {
    "rule": str, "category": str, "severity": str, "description": str,
    "should_flag": list, "should_pass": list,
}
_REQUIRED_FAMILY = ("rule", "category", "description", "should_flag", "should_pass")
_ENTRY_KEYS = {
    "term": str, "inflect": str, "forms": list, "message": str, "why": str, "alternative": str,
    "severity": str, "not_after": list, "not_before": list, "case": bool,
}
_REQUIRED_ENTRY = ("term", "message", "why")
_INFLECT = ("none", "noun", "verb", "adj")
_WORD = re.compile(r"[^\W_]+(?:['’\-‐.][^\W_]+)*")


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


@dataclass(frozen=True, slots=True)
class Entry:
    """One curated term and what to say when it is found."""

    family: Family
    term: str
    message: str
    why: str
    alternative: str | None
    severity: Severity
    not_after: frozenset[str]
    not_before: frozenset[str]
    case: bool


@dataclass(frozen=True, slots=True)
class Lexicons:
    """Every loaded family, with an index from first word to candidate phrases."""

    families: tuple[Family, ...]
    entries: tuple[Entry, ...]
    index: Mapping[str, tuple[tuple[tuple[str, ...], Entry], ...]]

    def family(self, rule: str) -> Family | None:
        """Return the family with rule id `rule`."""
        return next((f for f in self.families if f.rule == rule), None)


def builtin_paths() -> list[Path]:
    """Return the lexicon files shipped with rhetoric."""
    root = Path(str(resources.files("rhetoric"))) / "lexicons"
    if not root.is_dir():
        # A source checkout or an editable install: the lexicons sit beside the package.
        root = Path(__file__).resolve().parent.parent / "lexicons"
    return sorted(root.glob("*.toml"))


def load(paths: Iterable[str | Path] | None = None) -> Lexicons:
    """Load and validate lexicon files (the built-in ones by default)."""
    families: list[Family] = []
    entries: list[tuple[Entry, list[str]]] = []
    for path in builtin_paths() if paths is None else paths:
        family, fam_entries = load_file(Path(path))
        families.append(family)
        entries.extend(fam_entries)
    return Lexicons(tuple(families), tuple(e for e, _ in entries), _index(entries))


def load_file(path: Path) -> tuple[Family, list[tuple[Entry, list[str]]]]:
    """Load one lexicon file, failing with its path and line on any mistake."""
    try:
        raw = path.read_text(encoding="utf-8")
        data = tomllib.loads(raw)
    except OSError as exc:
        raise LexiconError(f"cannot read lexicon: {exc.strerror}", path=path) from exc
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"invalid TOML: {exc}", path=path) from exc
    locate = _Locator(raw)
    unknown = set(data) - {"family", "entry"}
    if unknown:
        key = sorted(unknown)[0]
        raise LexiconError(f"unknown table {key!r}; expected 'family' and 'entry'", path=path, line=locate.key(key))
    if not isinstance(data.get("family"), dict):
        raise LexiconError("missing [family] table", path=path)
    fam = data["family"]
    _check_keys(fam, _FAMILY_KEYS, _REQUIRED_FAMILY, path, locate, "[family]")
    category = _enum(Category, fam["category"], path, locate.key("category"), "category")
    if category not in LEXICAL_CATEGORIES:
        valid = ", ".join(sorted(c.value for c in LEXICAL_CATEGORIES))
        raise LexiconError(f"category {category.value!r} is not lexical; expected one of: {valid}", path=path,
                           line=locate.key("category"))
    if not fam["rule"].startswith(category.value + "."):
        raise LexiconError(f"rule {fam['rule']!r} must start with {category.value + '.'!r}", path=path,
                           line=locate.key("rule"))
    family = Family(
        rule=fam["rule"], category=category,
        severity=_enum(Severity, fam.get("severity", "warning"), path, locate.key("severity"), "severity"),
        description=fam["description"],
        should_flag=tuple(fam["should_flag"]), should_pass=tuple(fam["should_pass"]), path=str(path),
    )
    entries = []
    raw_entries = data.get("entry", [])
    if not isinstance(raw_entries, list):
        raise LexiconError("'entry' must be an array of tables ([[entry]])", path=path)
    for n, item in enumerate(raw_entries):
        where = f"[[entry]] #{n + 1}"
        line = locate.entry(n)
        _check_keys(item, _ENTRY_KEYS, _REQUIRED_ENTRY, path, locate, where, line)
        inflect = item.get("inflect", "none")
        if inflect not in _INFLECT:
            raise LexiconError(f"{where}: inflect {inflect!r}; expected one of: {', '.join(_INFLECT)}",
                               path=path, line=locate.key("inflect", after=line))
        entry = Entry(
            family=family, term=item["term"], message=item["message"], why=item["why"],
            alternative=item.get("alternative") or None,
            severity=_enum(Severity, item.get("severity", family.severity.value), path,
                           locate.key("severity", after=line), "severity"),
            not_after=frozenset(w.lower() for w in item.get("not_after", [])),
            not_before=frozenset(w.lower() for w in item.get("not_before", [])),
            case=item.get("case", False),
        )
        forms = [item["term"], *item.get("forms", [])]
        if inflect != "none":
            forms.extend(inflections(item["term"], inflect))
        entries.append((entry, forms))
    return family, entries


def _index(entries) -> dict[str, tuple[tuple[tuple[str, ...], Entry], ...]]:
    index: dict[str, dict[tuple[str, ...], Entry]] = {}
    for entry, forms in entries:
        for form in forms:
            words = tuple(w if entry.case else w.lower().replace("’", "'") for w in _WORD.findall(form))
            if words:
                # The first definition of a phrase wins: later files may not shadow it silently.
                index.setdefault(words[0] if not entry.case else words[0].lower(), {}).setdefault(words, entry)
    return {k: tuple(sorted(v.items(), key=lambda kv: -len(kv[0]))) for k, v in index.items()}


def _check_keys(table: dict[str, Any], allowed, required, path, locate, where, line=None) -> None:
    for key, value in table.items():
        if key not in allowed:
            raise LexiconError(f"{where}: unknown key {key!r}; valid keys: {', '.join(allowed)}",
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


def _enum(cls, value, path, line, what):
    try:
        return cls(value)
    except ValueError:
        valid = ", ".join(m.value for m in cls)
        raise LexiconError(f"{what} {value!r}; expected one of: {valid}", path=path, line=line) from None


class _Locator:
    """Find the line of a key or an [[entry]] in the raw TOML, for error messages."""

    def __init__(self, raw: str) -> None:
        self.lines = raw.splitlines()
        self.entries = [i + 1 for i, ln in enumerate(self.lines) if ln.strip().startswith("[[entry]]")]

    def entry(self, n: int) -> int | None:
        return self.entries[n] if n < len(self.entries) else None

    def key(self, key: str, after: int | None = None) -> int | None:
        pattern = re.compile(rf"^\s*(?:{re.escape(key)}\s*=|\[+\s*{re.escape(key)}\s*\])")
        for i in range((after or 1) - 1, len(self.lines)):
            if pattern.match(self.lines[i]):
                return i + 1
        return after
