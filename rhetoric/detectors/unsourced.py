"""Flag sentences that assert checkable facts without crediting any identifiable source."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..findings import Category, Finding, Severity, Voice
from ..sourcing import SentenceAssessment

RULE = "unsourced-assertion.claim"
WHY = ("A reader cannot check a factual statement that names no source; "
       "vague sources (\"some say\", \"experts believe\") do not count.")


def detect(ctx: Context) -> Iterator[Finding]:
    """Yield a finding for each claim sentence in the writer's voice that has no source."""
    text = ctx.doc.text
    for a in ctx.sentences:
        if not a.claim or a.attributed or a.quoted or _headline(ctx, a):
            continue
        message = ("Claim credited only to a vague source" if a.vague
                   else "Checkable claim with no identifiable source")
        yield Finding(
            rule=RULE, category=Category.UNSOURCED_ASSERTION, severity=Severity.INFO,
            start=a.start, end=a.end, text=text[a.start:a.end], message=message, why=WHY,
            alternative="Name who says so, or where the figure comes from.", voice=Voice.AUTHOR,
        )


def _headline(ctx: Context, a: SentenceAssessment) -> bool:
    """Return whether a sentence is the article's headline: its own first line, with no full stop.

    A headline sums up what the story goes on to source; flagging it repeats the body's findings.
    """
    s = ctx.doc.sentences[a.index]
    return s.index == 0 and ctx.doc.text[s.end - 1] not in ".!?\"'”’" and "\n" in ctx.doc.text[s.end:s.end + 2]
