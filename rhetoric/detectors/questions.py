"""Flag questions the writer asks the reader instead of answering them.

A question the next sentence answers with a yes or a no is answered ("Does the photo show the rally? No,
…"), and so is one an instruction follows ("Have a tip? Email …").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..claims import instruction
from ..context import Context
from ..findings import Category, Finding, Severity, Voice
from ..model import Document, Sentence
from ..prefilter import sentences_with

RULE = "rhetorical-question.question"
WHY = "A question in the writer's own voice steers the reader toward an answer without arguing for it."
_QUESTION_MARK = re.compile(r"\?")
# Where every question of a text heads the paragraph that answers it, a short line of its own, and there
# are at least this many, they are an explainer's or an FAQ's headings ("What is long Covid?" over its
# answer), not questions put to the reader, and so is a question in its title line. A question inside the
# prose makes them all the writer's questions.
SERIES = 3
HEADING_WORDS = 12


def detect(ctx: Context) -> Iterator[Finding]:
    """Yield a finding for each question sentence in the writer's voice, but not an explainer's headings."""
    doc = ctx.doc
    asked = list(_asked(ctx))
    # The title's question is the explainer's topic, answered below ("Are stablecoins safe? What you need to know").
    title_end = doc.text.find("\n", len(doc.text) - len(doc.text.lstrip()))
    body = [s for s in asked if title_end < 0 or s.start > title_end]
    if all(_heading(doc, s) for s in body) and sum(_heading(doc, s) for s in asked) >= SERIES:
        return
    for s in asked:
        yield Finding(
            rule=RULE, category=Category.RHETORICAL_QUESTION, severity=Severity.INFO,
            start=s.start, end=s.end, text=doc.text[s.start:s.end],
            message="Question asked in the writer's voice", why=WHY,
            alternative="State the point and the evidence for it.",
        )


def _asked(ctx: Context) -> Iterator[Sentence]:
    """Yield each sentence of three words or more that ends with a question mark, in the writer's voice."""
    doc = ctx.doc
    # Only a sentence that holds a question mark can end with one: the others are passed over in C.
    for i in sentences_with(_QUESTION_MARK, doc.text, doc.sentences, doc.sentence_starts):
        s = doc.sentences[i]
        if not _question(doc, s) or s.end_token - s.first_token < 3:
            continue
        if not doc.quotation_at(s.end - 1, s.end) and ctx.voice(s.start, s.end) is not Voice.QUOTED \
                and not _call_out(doc, s) and not _answered(doc, s):
            yield s


# "Yes" or "No" and a mark after it: the writer answers the question at once.
_ANSWER = re.compile(r"(?:Yes|No|YES|NO)[,.;:!—–]")


def _answered(doc: Document, s: Sentence) -> bool:
    """Return whether the next sentence, in its paragraph or the next, answers question `s` with a yes or a no
    ("Does the photo show the rally? No, it shows a 2019 concert.")."""
    following = s.index + 1
    return (following < len(doc.sentences) and doc.sentences[following].paragraph <= s.paragraph + 1
            and _ANSWER.match(doc.text, doc.sentences[following].start) is not None)


def _call_out(doc: Document, s: Sentence) -> bool:
    """Return whether an instruction to the reader answers question `s` in its paragraph ("Have a tip? Email …")."""
    following = s.index + 1
    return (following < len(doc.sentences) and doc.sentences[following].paragraph == s.paragraph
            and instruction(doc, following))


def _question(doc: Document, s: Sentence) -> bool:
    return doc.text[s.start:s.end].rstrip().endswith("?")


def _heading(doc: Document, s: Sentence) -> bool:
    """Return whether question `s` heads what answers it: a short line of its own, a sentence that asks nothing after it."""
    following = s.index + 1
    return (s.end_token - s.first_token <= HEADING_WORDS and doc.alone_on_line(s)
            and following < len(doc.sentences) and not _question(doc, doc.sentences[following]))
