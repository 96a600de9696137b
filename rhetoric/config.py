"""Find, read, check and merge the configuration: command line > project file > user file > defaults.

A project file is `.rhetoric.toml`, or `pyproject.toml` with a `[tool.rhetoric]` table, searched
from the analysed file's folder upward; the nearest one wins and is the whole project
configuration (files further up are not merged in). The user file
(`$XDG_CONFIG_HOME/rhetoric/config.toml`) is read only when no project file is found, so a
project checks the same on every machine. `--config FILE` takes the place of both. Command-line
options then override key by key; the `severity` and `max` tables merge entry by entry.
"""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import tomlfile
from .errors import ConfigError
from .findings import Category, Severity
from .selection import Selection, unknown

if TYPE_CHECKING:
    from .thresholds import Limits

PROJECT_FILE = ".rhetoric.toml"
PYPROJECT = "pyproject.toml"
KEYS = ("select", "ignore", "severity", "min-severity", "lexicons", "allow", "max", "fail-on", "include-quoted")
_TABLES = ("severity", "max")
_OPTIONS = {"select": "--select", "ignore": "--ignore", "severity": "--severity", "min-severity": "--min-severity",
            "lexicons": "--lexicon", "allow": "--allow", "max": "--max", "fail-on": "--fail-on",
            "include-quoted": "--include-quoted"}


@dataclass(frozen=True, slots=True, eq=False)  # never compared: no __eq__/__hash__ to generate at every start
class Origin:
    """Where a value came from: a file and line, the command line, or the built-in default."""

    path: str | None = None
    line: int | None = None
    command_line: bool = False

    def __str__(self) -> str:
        if self.command_line:
            return "command line"
        if self.path is None:
            return "default"
        return f"{self.path}:{self.line}" if self.line is not None else self.path


DEFAULT = Origin()
COMMAND_LINE = Origin(command_line=True)

# A layer of settings: (key, table entry or None) -> (checked value, origin).
Layer = dict[tuple[str, str | None], tuple[Any, Origin]]


@dataclass(frozen=True, slots=True)
class Config:
    """The settings in effect for one file; equal configs analyse alike, wherever they came from."""

    select: tuple[str, ...] | None = None  # None: every rule
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    min_severity: Severity = Severity.INFO
    lexicons: tuple[str, ...] = ()  # absolute paths
    allow: tuple[str, ...] = ()
    max: tuple[tuple[Category, float], ...] = ()
    fail_on: Severity | None = None
    include_quoted: bool = False
    file: str | None = field(default=None, compare=False)  # the configuration file read, if any
    origins: tuple[tuple[tuple[str, str | None], Origin], ...] = field(default=(), compare=False)

    @property
    def selection(self) -> Selection:
        return Selection(self.select, self.ignore, self.severity, self.min_severity)

    @property
    def limits(self) -> Limits:
        from .thresholds import Limits  # imported only by a run that sets limits (see has_limits)

        return Limits(self.fail_on, self.max)

    @property
    def has_limits(self) -> bool:
        return self.fail_on is not None or bool(self.max)

    @property
    def selectors(self) -> list[tuple[str, str]]:
        """Return the rule ids and categories the configuration names, with the key naming each."""
        return [*(("select", s) for s in self.select or ()), *(("ignore", s) for s in self.ignore),
                *(("severity", s) for s, _ in self.severity)]

    def origin(self, key: str, entry: str | None = None) -> Origin:
        """Return where the value of `key` (or of one entry of a table key) came from."""
        return dict(self.origins).get((key, entry), DEFAULT)


def user_file() -> Path | None:
    """Return the user's configuration file (which may not exist): $XDG_CONFIG_HOME/rhetoric/config.toml."""
    base = os.environ.get("XDG_CONFIG_HOME", "")
    if not os.path.isabs(base):
        try:
            base = str(Path.home() / ".config")
        except RuntimeError:  # no home folder to speak of
            return None
    return Path(base) / "rhetoric" / "config.toml"


class Resolver:
    """Find the configuration for each input; files and folders are looked at once per run."""

    def __init__(self, *, explicit: str | None = None, command_line: Layer | None = None,
                 isolated: bool = False) -> None:
        self.explicit = Path(explicit) if explicit else None
        self.command_line = command_line or {}
        self.isolated = isolated
        self._found: dict[str, Path | None] = {}
        self._configs: dict[Path | None, Config] = {}
        # By folder: looking for the files again for every input of a folder (the user's file
        # too) cost 160,000 instructions an input, before any analysis starts.
        self._in_folder: dict[str, Config] = {}

    def for_input(self, item: str) -> Config:
        """Return the configuration for an input file, a folder, or "-" (the current folder)."""
        if item == "-":
            folder = os.getcwd()
        else:
            folder = os.path.abspath(item)
            if not os.path.isdir(folder):
                folder = os.path.dirname(folder)
        config = self._in_folder.get(folder)
        if config is None:
            config = self._in_folder[folder] = self._config(self.source_file(folder))
        return config

    def source_file(self, folder: str) -> Path | None:
        """Return the file whose settings apply in `folder`: --config, the nearest project file, or the user's."""
        if self.isolated:
            return None
        if self.explicit is not None:
            return self.explicit
        project = self._project(folder)
        if project is not None:
            return project
        user = user_file()
        return user if user is not None and user.is_file() else None

    def _project(self, folder: str) -> Path | None:
        if folder in self._found:
            return self._found[folder]
        found: Path | None = None
        here = Path(folder)
        if (here / PROJECT_FILE).is_file():
            found = here / PROJECT_FILE
        elif _has_rhetoric_table(here / PYPROJECT):
            found = here / PYPROJECT
        elif here.parent != here:
            found = self._project(str(here.parent))
        self._found[folder] = found
        return found

    def _config(self, path: Path | None) -> Config:
        if path not in self._configs:
            layers = [read_file(path)] if path is not None else []
            self._configs[path] = merge([*layers, self.command_line], file=str(path) if path else None)
        return self._configs[path]


def _has_rhetoric_table(path: Path) -> bool:
    """Return whether a pyproject.toml has a [tool.rhetoric] table (an unreadable one has none)."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "rhetoric" not in raw:
        return False  # parse only the files that may hold the table: another tool's broken pyproject is no concern
    tool = tomlfile.read(path, ConfigError, "configuration")[0].get("tool")
    return isinstance(tool, dict) and "rhetoric" in tool


def read_file(path: Path) -> Layer:
    """Read and check a configuration file: a .rhetoric.toml, a user config, or a pyproject.toml."""
    data, raw = tomlfile.read(path, ConfigError, "configuration")
    locate = tomlfile.Locator(raw)
    base = None
    if path.name == PYPROJECT:
        table = data.get("tool", {}).get("rhetoric") if isinstance(data.get("tool"), dict) else None
        if not isinstance(table, dict):
            raise ConfigError("no [tool.rhetoric] table; expected one holding rhetoric's settings", path=path)
        base = locate.key("rhetoric")
        data = table
    return _check(data, _InFile(path, locate, base))


def command_line(*, select: Sequence[str] = (), ignore: Sequence[str] = (), severity: Sequence[str] = (),
                 min_severity: str | None = None, lexicons: Sequence[str] = (), allow: Sequence[str] = (),
                 max: Sequence[str] = (), fail_on: str | None = None, include_quoted: bool | None = None) -> Layer:
    """Return the layer of settings given as command-line options (lists may also be comma-separated)."""
    raw: dict[str, Any] = {}
    if select:
        raw["select"] = _split(select)
    if ignore:
        raw["ignore"] = _split(ignore)
    if severity:
        raw["severity"] = _pairs(severity, "severity", "RULE=LEVEL", str)
    if min_severity is not None:
        raw["min-severity"] = min_severity
    if lexicons:
        raw["lexicons"] = list(lexicons)
    if allow:
        raw["allow"] = list(allow)
    if max:
        raw["max"] = _pairs(max, "max", "CATEGORY=NUMBER", _number)
    if fail_on is not None:
        raw["fail-on"] = fail_on
    if include_quoted is not None:
        raw["include-quoted"] = include_quoted
    return _check(raw, _OnCommandLine())


def merge(layers: Iterable[Layer], file: str | None = None) -> Config:
    """Return the configuration of `layers`, later ones overriding earlier ones key by key."""
    merged: Layer = {}
    for layer in layers:
        merged.update(layer)

    def get(key: str, default: Any) -> Any:
        return merged[(key, None)][0] if (key, None) in merged else default

    def table(key: str) -> tuple[tuple[Any, Any], ...]:
        return tuple((entry, value) for (k, entry), (value, _) in merged.items() if k == key)

    return Config(
        select=get("select", None), ignore=get("ignore", ()), severity=table("severity"),
        min_severity=get("min-severity", Severity.INFO), lexicons=get("lexicons", ()), allow=get("allow", ()),
        max=tuple((Category(c), n) for c, n in table("max")), fail_on=get("fail-on", None),
        include_quoted=get("include-quoted", False), file=file,
        origins=tuple((key, origin) for key, (_, origin) in merged.items()),
    )


def check_rules(config: Config, rules: Iterable[str]) -> None:
    """Fail unless every rule id and category the configuration names is among `rules`."""
    ids = list(rules)
    for key, selector in config.selectors:
        close = unknown(selector, ids)
        if close is None:
            continue
        origin = config.origin(key, selector if key == "severity" else None)
        hint = f"did you mean {', '.join(repr(c) for c in close)}? " if close else ""
        message = f"unknown rule or category {selector!r}; {hint}expected a rule id or category (see `rhetoric rules`)"
        if origin.command_line:
            raise ConfigError(f"{_OPTIONS[key]}: {message}")
        line = origin.line
        if origin.path is not None and key != "severity":
            line = tomlfile.Locator(Path(origin.path).read_text(encoding="utf-8")).value(selector, after=line)
        raise ConfigError(f"{key!r}: {message}", path=origin.path, line=line)


def describe(config: Config, target: str) -> str:
    """Return the configuration in effect for `target` as TOML, each value commented with its origin."""
    head = [f"# rhetoric configuration for {target}",
            f"# read from {config.file}" if config.file else "# no configuration file found: built-in defaults"]
    rows: list[tuple[str, str]] = []

    def add(key: str, value: Any, entry: str | None = None) -> None:
        name = key if entry is None else f"{key}.{json.dumps(entry) if '.' in entry else entry}"
        rows.append((f"{name} = {_toml(value)}", str(config.origin(key, entry))))

    if config.select is None:
        rows.append(("# select: every rule", str(config.origin("select"))))
    else:
        add("select", config.select)
    add("ignore", config.ignore)
    for selector, level in config.severity:
        add("severity", level, selector)
    add("min-severity", config.min_severity)
    add("lexicons", config.lexicons)
    add("allow", config.allow)
    for category, limit in config.max:
        add("max", limit, category.value)
    if config.fail_on is None:
        rows.append(("# fail-on: not set", str(config.origin("fail-on"))))
    else:
        add("fail-on", config.fail_on)
    add("include-quoted", config.include_quoted)
    width = max(len(r) for r, _ in rows)
    return "\n".join([*head, *(f"{r:<{width}}  # {o}" for r, o in rows)]) + "\n"


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (Severity, Category)):
        return json.dumps(value.value)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


class _InFile:
    """Origins and errors for settings read from a file."""

    def __init__(self, path: Path, locate: tomlfile.Locator, base: int | None) -> None:
        self.path, self.locate, self.base = path, locate, base
        self.folder = path.resolve().parent

    def origin(self, key: str, entry: str | None = None) -> Origin:
        line = self.locate.key(key, after=self.base)
        if entry is not None:
            line = self.locate.key(entry, after=line)
        return Origin(str(self.path), line)

    def error(self, message: str, key: str, entry: str | None = None) -> ConfigError:
        name = key if entry is None else f"{key}.{json.dumps(entry)}"
        return ConfigError(f"{name!r}: {message}" if key else message, path=self.path,
                           line=self.origin(key, entry).line if key else self.base)


class _OnCommandLine:
    """Origins and errors for settings given as options."""

    def __init__(self) -> None:
        self.folder = Path.cwd()

    def origin(self, key: str, entry: str | None = None) -> Origin:
        return COMMAND_LINE

    def error(self, message: str, key: str, entry: str | None = None) -> ConfigError:
        return ConfigError(f"{_OPTIONS[key]} {entry}: {message}" if entry else f"{_OPTIONS[key]}: {message}")


def _check(data: dict[str, Any], where: _InFile | _OnCommandLine) -> Layer:
    """Check every setting in `data` and return them as a layer."""
    layer: Layer = {}
    for key, value in data.items():
        if key not in KEYS:
            close = difflib.get_close_matches(key.replace("_", "-"), KEYS, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            if key in ("rhetoric", "tool") and isinstance(value, dict):  # pyproject.toml's table, in another file
                hint = ("the settings go at the top level of this file, in no table ([tool.rhetoric] is "
                        "pyproject.toml's); ")
            raise ConfigError(f"unknown key {key!r}; {hint}valid keys: {', '.join(KEYS)}",
                              path=getattr(where, "path", None), line=where.origin(key).line)
        if key in _TABLES:
            if not isinstance(value, dict):
                raise where.error(f"expected a table, got {_kind(value)}", key)
            for entry, item in value.items():
                layer[(key, entry)] = (_value(key, item, where, entry), where.origin(key, entry))
        else:
            layer[(key, None)] = (_value(key, value, where), where.origin(key))
    return layer


def _value(key: str, value: Any, where: _InFile | _OnCommandLine, entry: str | None = None) -> Any:
    """Return one setting checked and converted, or fail saying what was expected."""
    if key in ("select", "ignore", "allow", "lexicons"):
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise where.error(f"expected a list of non-empty strings, got {_kind(value)}", key)
        items = tuple(v.strip() for v in value)
        if key != "lexicons":
            return items
        paths = []
        for item in items:
            path = (where.folder / Path(item).expanduser()).absolute()
            if not path.is_file():
                raise where.error(f"no lexicon file {item!r} (looked for {path})", key)
            paths.append(str(path))
        return tuple(paths)
    if key in ("severity", "min-severity", "fail-on"):
        names = [s.value for s in Severity] + (["none"] if key == "fail-on" else [])
        if not isinstance(value, str) or value not in names:
            raise where.error(f"expected one of {', '.join(names)}, got {_kind(value)}", key, entry)
        if key == "severity" and not (entry or "").strip():
            raise where.error("expected a rule id or category as the key", key, entry)
        return None if value == "none" else Severity(value)
    if key == "max":
        if entry not in {c.value for c in Category}:
            close = difflib.get_close_matches(entry or "", [c.value for c in Category], n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise where.error(f"unknown category; {hint}expected one of {', '.join(c.value for c in Category)}",
                              key, entry)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise where.error(f"expected a number of findings per 1,000 words (0 or more), got {_kind(value)}",
                              key, entry)
        return float(value)
    if not isinstance(value, bool):
        raise where.error(f"expected true or false, got {_kind(value)}", key)
    return value


def _kind(value: Any) -> str:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return repr(value)
    return {bool: "a boolean", list: "a list", dict: "a table"}.get(type(value), type(value).__name__)


def _split(values: Sequence[str]) -> list[str]:
    return [part.strip() for v in values for part in v.split(",") if part.strip()]


def _pairs(values: Sequence[str], key: str, shape: str, convert: Any) -> dict[str, Any]:
    out = {}
    for v in values:
        name, sep, raw = v.partition("=")
        if not sep or not name.strip() or not raw.strip():
            raise ConfigError(f"{_OPTIONS[key]}: expected {shape}, got {v!r}")
        try:
            out[name.strip()] = convert(raw.strip())
        except ValueError:
            raise ConfigError(f"{_OPTIONS[key]}: expected {shape}, got {v!r}") from None
    return out


def _number(raw: str) -> float:
    return float(raw)
