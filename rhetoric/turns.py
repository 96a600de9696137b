"""Speaker turns: the stretches of text that belong to someone named, though no quotation marks hold them.

- The lines of a transcript or an interview that a label ("HANNITY:", "Q:", "Q.") gives a speaker.
  A label counts only where the text is a dialogue: at least two labels, each opening two lines or
  more, or "Q:" and "A:" (or "Q." and "A.") together. Editorial labels ("UPDATE:", "WATCH:") seldom
  recur, let alone two of them in one text. A label in mixed case counts beside a timestamp
  ("[00:01:05] Dr. Lena Ortiz:", "Speaker 1 (00:05):") or as a role ("Host:", "Interviewer:"),
  since captions' and charts' "Photo:" and "Source:" recur too.
- A post embedded from social media, as a page copied to text gives it: the post, then its
  signature ("— Jane Doe (@RepJaneDoe) November 3, 2018"). The post is the text just before the
  signature, up to the length a post can have, and not past the writer's lead-in (a line that
  ends in a colon or an ellipsis, or tells of tweeting, writing, saying) or a blank line above it.

- A block quotation of a marked-up text (Markdown's `> …`), which holds quoted material.

What stands there is the speaker's, as what stands inside quotation marks is: the host's questions
are not the writer's rhetorical questions, nor a guest's or a post's loaded words the writer's.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import cache
from math import inf
from typing import NamedTuple

from .data import table
from .model import Document

# At the start of a line: "Q" or "A", or up to four capitalised words ("HANNITY", "SEN. JOHN SMITH",
# "DB", "Host", "Dr. Lena Ortiz", "Speaker 1"), then a colon and the speaker's words, on that line or
# the next. A timestamp may stand before the label ("[00:01:05] Host:") or after it ("Speaker 1
# (00:05):"). Tried only at the start of a line that holds a colon.
_LABEL = re.compile(
    r"^[ \t]*(?P<time>[\[(]?\d{1,2}(?::\d\d){1,2}[\])]?[ \t]+)?"
    r"(?P<name>Q|A|[A-Z][A-Za-z'’.-]+(?:[ \t]+(?:[A-Z][A-Za-z'’.-]*|\d{1,2})){0,3})"
    r"(?P<after>[ \t]+[\[(]\d{1,2}(?::\d\d){1,2}[\])])?[ \t]*:(?:[ \t]+(?=\S)|[ \t]*$)",
    re.MULTILINE)
_COLON = re.compile(":")
# "Q." and "A." with a full stop, as court transcripts and some interviews set them ("Q. Why did you…?").
# Tried only where "Q." or "A." begins a line (after at most _INDENT spaces or tabs).
_DOTTED_LABEL = re.compile(r"([QA])\.[ \t]+(?=\S)")
_INDENT = 8
# A post's signature: a dash, the author's name, their handle and the date.
_SIGNATURE = re.compile(r"[—–]\s?[^\n()—–]{1,60}?\s?\(@\w{1,15}\)\s?[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}")
_BEFORE_HANDLE, _AFTER_HANDLE = 64, 40  # the most a signature spans before its "(@" and from it
POST_CHARACTERS = 280  # the most a post holds (Twitter's limit); a longer stretch is not all post
# A line that leads in to the post ("Loomer tweeted.", "Here is what he wrote:") is the writer's.
_LEAD_IN = re.compile(r"\b(?:tweet(?:ed|s)?|wrote|writes|posted|said|says|here(?:['’]s| is| are))\b"
                      r"|(?::|…|\.\.\.)\s*$", re.IGNORECASE)
# How often each of at least two labels opens a line, for the text to be a dialogue.
MIN_TURNS = 2
MIN_SPEAKERS = 2


class _Label(NamedTuple):
    """A speaker's label in the text: the name it gives, where its turn starts, whether it stands alone on its line."""

    name: str
    start: int
    alone: bool  # its words are on the lines below it


class Turns(tuple[tuple[int, int], ...]):
    """The speakers' turns of a text: (start, end) spans, in order and disjoint."""

    __slots__ = ()

    def holds(self, start: int, end: int) -> bool:
        """Return whether [start, end) lies inside one of the turns."""
        i = bisect_right(self, (start, inf)) - 1
        return i >= 0 and end <= self[i][1]


def speaker_turns(doc: Document, quoted: Sequence[tuple[int, int]] = ()) -> Turns:
    """Return the spans of the speakers' turns, in order: the turns of a dialogue, the posts, and the
    `quoted` spans (the block quotations of a marked-up text)."""
    spans = sorted((*_dialogue(doc), *_posts(doc), *quoted))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:  # a post quoted inside a turn, say
            merged[-1] = merged[-1][0], max(end, merged[-1][1])
        else:
            merged.append((start, end))
    return Turns(merged)


def _posts(doc: Document) -> tuple[tuple[int, int], ...]:
    """Return the spans of the posts embedded in the text, each with its signature."""
    text, line_starts = doc.text, doc.line_starts
    posts: list[tuple[int, int]] = []
    for m in _signatures(text):
        line = bisect_right(line_starts, m.start()) - 1
        start = m.start()
        if text[line_starts[line]:start].strip():  # the post ends on the signature's line
            start = line_starts[line]
        taken = m.start() - start
        # Then whole lines above it, while a post could hold them.
        while line > 0:
            above = text[line_starts[line - 1]:line_starts[line]]
            body = above.strip()
            if not body:
                if taken:  # a blank line above the post's text ends it
                    break
            elif _LEAD_IN.search(body) or taken + len(body) > POST_CHARACTERS or _SIGNATURE.search(above):
                break  # the writer's lead-in, more than a post, or the post before
            else:
                taken += len(body)
                start = line_starts[line - 1]
            line -= 1
        posts.append((start, m.end()))
    return tuple(posts)


def _signatures(text: str) -> Iterator[re.Match[str]]:
    """Yield each post's signature, searched only around a handle's "(@" (the dashes of prose are many)."""
    at = text.find("(@")
    while at >= 0:
        m = _SIGNATURE.search(text, max(0, at - _BEFORE_HANDLE), at + _AFTER_HANDLE)
        if m is not None and m.end() > at:
            yield m
            at = text.find("(@", m.end())
        else:
            at = text.find("(@", at + 2)


def _names_a_speaker(label: re.Match[str]) -> bool:
    """Return whether a label may name a speaker: in capitals, or beside a timestamp, or a role ("Host")."""
    name = label["name"]
    return name.isupper() or bool(label["time"] or label["after"]) or name.split()[0].lower() in _roles()


@cache
def _roles() -> frozenset[str]:
    return frozenset(table("turns.toml")["labels"]["roles"].split())


def _dotted_labels(text: str, line_starts: Sequence[int]) -> list[_Label]:
    """Return the "Q." and "A." labels that open lines; none unless both are there."""
    found: list[_Label] = []
    for mark in ("Q.", "A."):
        at = text.find(mark)
        while at >= 0:
            line_start = line_starts[bisect_right(line_starts, at) - 1]
            if at - line_start <= _INDENT and not text[line_start:at].strip(" \t"):
                hit = _DOTTED_LABEL.match(text, at)
                if hit is not None:
                    found.append(_Label(hit.group(1), at, False))
            at = text.find(mark, at + 2)
        if not found:  # no question: its answers are not looked for
            return []
    return found if any(label.name == "A" for label in found) else []


def _dialogue(doc: Document) -> tuple[tuple[int, int], ...]:
    """Return the spans of a dialogue's turns, label included: from a label to the next, or its paragraph's end."""
    text, line_starts = doc.text, doc.line_starts
    labels: list[_Label] = []
    tried = -1  # the line last tried
    for colon in _COLON.finditer(text):  # a few in most texts: far fewer than the lines a label could open
        line = bisect_right(line_starts, colon.start()) - 1
        if line != tried:
            tried = line
            hit = _LABEL.match(text, line_starts[line])
            if hit is not None and _names_a_speaker(hit):
                labels.append(_Label(" ".join(hit["name"].split()), hit.start("time" if hit["time"] else "name"),
                                     not text[hit.end():hit.end() + 1].strip()))
    dotted = _dotted_labels(text, line_starts)
    if dotted:
        labels = sorted(labels + dotted, key=lambda label: label.start)
    counts = Counter(label.name for label in labels)
    speakers = {label for label, n in counts.items() if n >= MIN_TURNS}
    if "Q" in counts and "A" in counts:  # a question and its answer: a dialogue however short
        speakers |= {"Q", "A"}
    if len(speakers) < MIN_SPEAKERS:
        return ()
    paragraph_starts = [p.start for p in doc.paragraphs]
    turns = []
    for k, (name, start, alone) in enumerate(labels):
        if name not in speakers:
            continue
        p = bisect_right(paragraph_starts, start) - 1
        if alone and p + 1 < len(doc.paragraphs) and doc.paragraphs[p].end <= text.find("\n", start) + 1:
            p += 1  # a label on a line of its own, a paragraph to itself: the speaker's words are the next one
        end = doc.paragraphs[p].end if p >= 0 else len(text)
        if k + 1 < len(labels):
            end = min(end, labels[k + 1].start)
        turns.append((start, end))
    return tuple(turns)
