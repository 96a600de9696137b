"""The cue tables shipped with rhetoric (TOML files beside this module)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from .. import compiled


@cache
def table(name: str) -> dict[str, Any]:
    """Return the parsed cue file `name` (read once per process).

    Taken from the pre-parsed form beside the files (see compiled.py) while it still
    matches the file's text, as the built-in lexicons are.
    """
    path = folder() / name
    parsed = _parsed().get(name)
    if parsed is not None and parsed.matches_file(path):
        return parsed.data
    import tomllib  # only for a file edited since the compiled form was written

    return tomllib.loads(path.read_text(encoding="utf-8"))


@cache
def _parsed() -> dict[str, compiled.Parsed]:
    return compiled.read(folder())[0]


def folder() -> Path:
    """Return the folder of the cue files."""
    # The module's own folder, as importlib.resources would give it for an installed package,
    # without importing importlib.resources (which brings in zipfile and tempfile: ~3% of start-up).
    return Path(__file__).parent
