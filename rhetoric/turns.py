"""Speaker turns: the lines of a transcript or an interview that a label ("HANNITY:", "Q:") gives a speaker.

What follows such a label is the speaker's, as what stands inside quotation marks is: the host's
questions are not the writer's rhetorical questions, nor a guest's loaded words the writer's.
A label counts only where the text is a dialogue: at least two labels, each opening two lines or
more, or "Q:" and "A:" together. Editorial labels ("UPDATE:", "WATCH:") seldom recur, let alone
two of them in one text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter

from .model import Document

# At the start of a line: "Q" or "A", or up to four words in capitals ("HANNITY", "SEN. JOHN SMITH",
# "DB"), then a colon and the speaker's words. Tried only at the start of a line that holds a colon.
_LABEL = re.compile(r"^[ \t]*(Q|A|[A-Z][A-Z'’.-]+(?:[ \t]+[A-Z][A-Z'’.-]*){0,3})[ \t]*:[ \t]+(?=\S)", re.MULTILINE)
_COLON = re.compile(":")
# How often each of at least two labels opens a line, for the text to be a dialogue.
MIN_TURNS = 2
MIN_SPEAKERS = 2


def speaker_turns(doc: Document) -> tuple[tuple[int, int], ...]:
    """Return the spans of the speakers' turns, label included, in order.

    A turn runs from its label to the next line that opens with a label, or to its paragraph's end.
    """
    text, line_starts = doc.text, doc.line_starts
    labels = []
    tried = -1  # the line last tried
    for colon in _COLON.finditer(text):  # a few in most texts: far fewer than the lines a label could open
        line = bisect_right(line_starts, colon.start()) - 1
        if line != tried:
            tried = line
            hit = _LABEL.match(text, line_starts[line])
            if hit is not None:
                labels.append((hit.group(1), hit.start(1)))
    counts = Counter(label for label, _ in labels)
    speakers = {label for label, n in counts.items() if n >= MIN_TURNS}
    if "Q" in counts and "A" in counts:  # a question and its answer: a dialogue however short
        speakers |= {"Q", "A"}
    if len(speakers) < MIN_SPEAKERS:
        return ()
    paragraph_starts = [p.start for p in doc.paragraphs]
    turns = []
    for k, (label, start) in enumerate(labels):
        if label not in speakers:
            continue
        p = bisect_right(paragraph_starts, start) - 1
        end = doc.paragraphs[p].end if p >= 0 else len(text)
        if k + 1 < len(labels):
            end = min(end, labels[k + 1][1])
        turns.append((start, end))
    return tuple(turns)


def within(turns: tuple[tuple[int, int], ...], starts: list[int], start: int, end: int) -> bool:
    """Return whether [start, end) lies inside one of `turns`, whose starts are `starts`."""
    i = bisect_right(starts, start) - 1
    return i >= 0 and end <= turns[i][1]
