"""The cue tables shipped with rhetoric (TOML files beside this module)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def table(name: str) -> dict[str, Any]:
    """Return the parsed cue file `name` (read once per process)."""
    return tomllib.loads((resources.files(__name__) / name).read_text(encoding="utf-8"))
