"""What every detector reads: the document, the lexicons and the sentence assessments."""

from __future__ import annotations

from dataclasses import dataclass, field

from .findings import Voice
from .lexicon import Lexicons
from .model import Document, Quotation
from .phrases import PhraseMatch
from .sourcing import SentenceAssessment
from .turns import Turns


# Never compared, and its repr would print the document and every lexicon entry: no __eq__,
# __hash__ or __repr__ to generate at every start.
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Context:
    """The read-only inputs of a detector."""

    doc: Document
    lexicons: Lexicons
    sentences: tuple[SentenceAssessment, ...]
    phrases: tuple[PhraseMatch, ...]  # every lexicon phrase in the text, found once
    scare_quotes: tuple[Quotation, ...] = ()  # quotations the writer uses to distance from a word
    turns: Turns = Turns()  # the speakers' turns of a transcript, a post, a block quotation (see turns.py)
    # The same, to look one up at once: a long document may hold thousands, and every finding asks.
    _distancing: frozenset[Quotation] = field(init=False, default=frozenset())

    def __post_init__(self) -> None:
        object.__setattr__(self, "_distancing", frozenset(self.scare_quotes))

    def voice(self, start: int, end: int) -> Voice:
        """Return whose words [start, end) are: a quoted speaker's or the writer's.

        Words in the writer's own scare quotes are the writer's: nobody else said them. Words in a
        speaker's turn of a transcript are the speaker's.
        """
        q = self.doc.quotation_at(start, end)
        if q is not None and q not in self._distancing:
            return Voice.QUOTED
        return Voice.QUOTED if self.turns and self.turns.holds(start, end) else Voice.AUTHOR
