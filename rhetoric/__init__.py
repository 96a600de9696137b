"""rhetoric: an offline analyzer of loaded language, scare quotes and sourcing in news text."""

from __future__ import annotations

from .analyze import analyze
from .errors import InputError, LexiconError, RhetoricError
from .findings import Category, Finding, Severity, Voice
from .report import Report

__version__ = "0.1.0"

__all__ = [
    "analyze", "Report", "Finding", "Category", "Severity", "Voice",
    "RhetoricError", "InputError", "LexiconError", "__version__",
]
