"""What every detector reads: the document, the lexicons and the sentence assessments."""

from __future__ import annotations

from dataclasses import dataclass

from .findings import Voice
from .lexicon import Lexicons
from .model import Document
from .phrases import PhraseMatch
from .sourcing import SentenceAssessment


@dataclass(frozen=True, slots=True)
class Context:
    """The read-only inputs of a detector."""

    doc: Document
    lexicons: Lexicons
    sentences: tuple[SentenceAssessment, ...]
    phrases: tuple[PhraseMatch, ...]  # every lexicon phrase in the text, found once

    def voice(self, start: int, end: int) -> Voice:
        """Return whose words [start, end) are: a quoted speaker's or the writer's."""
        return Voice.QUOTED if self.doc.quotation_at(start, end) else Voice.AUTHOR
