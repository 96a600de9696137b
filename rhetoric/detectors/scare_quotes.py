"""Tell the writer's distancing quotation marks from quotations, titles and mentions."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..findings import Category, Finding, Severity, Voice
from ..model import Document, Quotation
from ..sourcing import REPORTING_VERBS

RULE = "scare-quote.distancing"
WHY = ("Quotation marks around a word nobody is quoted as saying signal the writer's doubt or sneer "
       "without arguing for it.")
# Words shortly before a quotation that make it a title or a word mentioned as a word.
TITLE_CUES = frozenset(
    """entitled titled headlined headline called named dubbed nicknamed known term word phrase slogan motto
    label expression hashtag book film movie song album article essay column op-ed editorial report
    documentary show series programme program campaign operation initiative project plan act bill law
    doctrine strategy policy conference summit newsletter paper study survey speech letter post tweet""".split()
)
MAX_WORDS = 4


def detect(ctx: Context) -> Iterator[Finding]:
    """Yield a finding for each quotation the writer uses to distance from a word."""
    doc = ctx.doc
    for q in doc.quotations:
        if q.depth or not q.closed or not is_scare_quote(doc, q):
            continue
        inner = doc.text[q.inner_start:q.inner_end]
        yield Finding(
            rule=RULE, category=Category.SCARE_QUOTE, severity=Severity.WARNING,
            start=q.start, end=q.end, text=doc.text[q.start:q.end],
            message=f"Scare quotes around “{inner}” cast doubt on it without saying why",
            why=WHY, alternative=f"Drop the quotation marks, or say who uses “{inner}” and why it is disputed.",
            voice=Voice.AUTHOR,
        )


def is_scare_quote(doc: Document, q: Quotation) -> bool:
    """Return whether quotation `q` reads as the writer's distancing quotes."""
    words = doc.tokens_between(q.inner_start, q.inner_end)
    inner = doc.text[q.inner_start:q.inner_end]
    if not words or len(words) > MAX_WORDS or inner.rstrip().endswith((",", ".", "!", "?")):
        return False
    if len(words) > 1 and all(doc.text[t.start].isupper() for t in words):
        return False  # Title Case: a title or a name
    before = _tokens_before(doc, q.start, 4)
    if any(t in TITLE_CUES for t in before):
        return False
    return not _attributed(doc, q)


def _tokens_before(doc: Document, offset: int, n: int) -> list[str]:
    i = doc.token_index_at(offset)
    s = doc.sentence_at(offset)
    first = s.first_token if s else 0
    return [t.norm for t in doc.tokens[max(first, i - n):i]]


def _attributed(doc: Document, q: Quotation) -> bool:
    """Return whether a speaker is credited with the quoted words in the same sentence."""
    s = doc.sentence_at(q.start)
    if s is None:
        return False
    i = doc.token_index_at(q.start)
    for t in doc.tokens[max(s.first_token, i - 12):min(s.end_token, i + 6)]:
        if t.norm in REPORTING_VERBS and t.norm not in ("according", "called"):
            return True
    return False
