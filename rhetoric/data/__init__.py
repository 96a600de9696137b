"""The cue tables shipped with rhetoric (TOML files beside this module)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .. import compiled


@cache
def table(name: str) -> dict[str, Any]:
    """Return the parsed cue file `name` (read once per process).

    Taken from the pre-parsed form beside the files (see compiled.py) while it still
    matches the file's text, as the built-in lexicons are.
    """
    raw = (resources.files(__name__) / name).read_text(encoding="utf-8")
    parsed = _parsed().get(name)
    if parsed is not None and parsed.matches(raw):
        return parsed.data
    import tomllib  # only for a file edited since the compiled form was written

    return tomllib.loads(raw)


@cache
def _parsed() -> dict[str, compiled.Parsed]:
    return compiled.read(folder())


def folder() -> Path:
    """Return the folder of the cue files."""
    return Path(str(resources.files(__name__)))
