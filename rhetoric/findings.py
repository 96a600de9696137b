"""What a detector reports: the Finding value and its closed vocabularies."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Category(str, Enum):
    """The closed set of finding categories (the first part of every rule id)."""

    LOADED_TERM = "loaded-term"
    SCARE_QUOTE = "scare-quote"
    UNSOURCED_ASSERTION = "unsourced-assertion"
    WEASEL = "weasel"
    HEDGE = "hedge"
    BOOSTER = "booster"
    EDITORIALIZING = "editorializing"
    RHETORICAL_QUESTION = "rhetorical-question"

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self]


CATEGORY_LABELS = {
    Category.LOADED_TERM: "Loaded terms",
    Category.SCARE_QUOTE: "Scare quotes",
    Category.UNSOURCED_ASSERTION: "Unsourced assertions",
    Category.WEASEL: "Weasel attributions",
    Category.HEDGE: "Hedges",
    Category.BOOSTER: "Boosters and certainty",
    Category.EDITORIALIZING: "Editorializing",
    Category.RHETORICAL_QUESTION: "Rhetorical questions",
}


class Severity(str, Enum):
    """How strongly a finding should be taken; ordered from mildest."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_ORDER.index(self)


_SEVERITY_ORDER = (Severity.INFO, Severity.WARNING, Severity.ERROR)


class Voice(str, Enum):
    """Whose words a finding is in: the writer's, or a quoted speaker's."""

    AUTHOR = "author"
    QUOTED = "quoted"


@dataclass(frozen=True, slots=True)
class Finding:
    """One flagged span of the text, explaining itself."""

    rule: str
    category: Category
    severity: Severity
    start: int
    end: int
    text: str
    message: str
    why: str = ""
    alternative: str | None = None
    voice: Voice = Voice.AUTHOR
