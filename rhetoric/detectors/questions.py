"""Flag questions the writer asks the reader instead of answering them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..context import Context
from ..findings import Category, Finding, Severity, Voice
from ..prefilter import sentences_with

RULE = "rhetorical-question.question"
WHY = "A question in the writer's own voice steers the reader toward an answer without arguing for it."
_QUESTION_MARK = re.compile(r"\?")


def detect(ctx: Context) -> Iterator[Finding]:
    """Yield a finding for each question sentence in the writer's voice."""
    doc = ctx.doc
    # Only a sentence that holds a question mark can end with one: the others are passed over in C.
    for i in sentences_with(_QUESTION_MARK, doc.text, doc.sentences, doc.sentence_starts):
        s = doc.sentences[i]
        body = doc.text[s.start:s.end].rstrip()
        if not body.endswith("?") or s.end_token - s.first_token < 3:
            continue
        if doc.quotation_at(s.end - 1, s.end) or ctx.voice(s.start, s.end) is Voice.QUOTED:
            continue
        yield Finding(
            rule=RULE, category=Category.RHETORICAL_QUESTION, severity=Severity.INFO,
            start=s.start, end=s.end, text=doc.text[s.start:s.end],
            message="Question asked in the writer's voice", why=WHY,
            alternative="State the point and the evidence for it.",
        )
