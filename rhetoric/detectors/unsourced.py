"""Flag sentences that assert checkable facts without crediting any identifiable source."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..findings import Category, Finding, Severity, Voice
from ..model import from_columns
from ..sourcing import SentenceAssessment

RULE = "unsourced-assertion.claim"
WHY = ("A reader cannot check a factual statement that names no source; "
       "vague sources (\"some say\", \"experts believe\") do not count.")
_VAGUE = "Claim credited only to a vague source"
_NO_SOURCE = "Checkable claim with no identifiable source"
_ALTERNATIVE = "Name who says so, or where the figure comes from."


def detect(ctx: Context) -> Iterator[Finding]:
    """Yield a finding for each claim sentence in the writer's voice that has no source."""
    text = ctx.doc.text
    found = [a for a in ctx.sentences if a.claim and not a.attributed and not a.quoted and not _headline(ctx, a)]
    n = len(found)
    # Built a column at a time: a frozen dataclass's __init__ costs twice as much (see model.from_columns).
    yield from from_columns(
        Finding, [RULE] * n, [Category.UNSOURCED_ASSERTION] * n, [Severity.INFO] * n,
        [a.start for a in found], [a.end for a in found], [text[a.start:a.end] for a in found],
        [_VAGUE if a.vague else _NO_SOURCE for a in found], [WHY] * n, [_ALTERNATIVE] * n, [Voice.AUTHOR] * n,
    )


def _headline(ctx: Context, a: SentenceAssessment) -> bool:
    """Return whether a sentence is the article's headline: its own first line, with no full stop.

    A headline sums up what the story goes on to source; flagging it repeats the body's findings.
    """
    s = ctx.doc.sentences[a.index]
    return s.index == 0 and ctx.doc.text[s.end - 1] not in ".!?\"'”’" and "\n" in ctx.doc.text[s.end:s.end + 2]
