"""The Report: everything the renderers show about one analysed text."""

from __future__ import annotations

from dataclasses import dataclass

from .findings import Finding
from .model import Document
from .readability import Readability
from .scores import Scores
from .sourcing import SentenceAssessment

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True, eq=False)  # never compared: no __eq__/__hash__ to generate at every start
class Source:
    """Where the text came from."""

    path: str
    format: str = "text"
    encoding: str | None = "utf-8"
    # How reading it fell short (bytes not valid UTF-8, a code fence left open), and the caveats of its
    # analysis (no sentence punctuation): warnings that did not stop it.
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, eq=False)  # never compared: no __eq__/__hash__ to generate at every start
class Report:
    """The analysis of one text."""

    source: Source
    document: Document
    findings: tuple[Finding, ...]
    sentences: tuple[SentenceAssessment, ...]
    readability: Readability
    reading_minutes: float
    scores: Scores

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def title(self) -> str:
        """Return the first line of the text, which is usually the headline."""
        first = self.text.strip().split("\n", 1)[0].strip()
        return first[:120]
