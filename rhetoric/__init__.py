"""rhetoric: an offline analyzer of loaded language, scare quotes and sourcing in news text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "analyze", "Report", "Finding", "Category", "Severity", "Voice",
    "RhetoricError", "InputError", "LexiconError", "__version__",
]

if TYPE_CHECKING:
    from .errors import InputError, LexiconError, RhetoricError
    from .findings import Category, Finding, Severity, Voice
    from .pipeline import analyze
    from .report import Report

_EXPORTS = {
    "analyze": "pipeline", "Report": "report", "Finding": "findings", "Category": "findings",
    "Severity": "findings", "Voice": "findings", "RhetoricError": "errors", "InputError": "errors",
    "LexiconError": "errors",
}


def __getattr__(name: str) -> Any:
    # Imported on first use, so `rhetoric --version` does not load the whole pipeline.
    if name in _EXPORTS:
        from importlib import import_module

        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'rhetoric' has no attribute {name!r}")
