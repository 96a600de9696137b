"""Speaker turns: the stretches of text that belong to someone named, though no quotation marks hold them.

- The lines of a transcript or an interview that a label ("HANNITY:", "Q:", "Q.", "STEVE INSKEEP,
  HOST:") gives a speaker. Labels count only where the text is a dialogue: two speakers' labels or
  more, one of them twice at least, or "Q:" and "A:" (or "Q." and "A.") together. A label in mixed
  case counts beside a timestamp ("[00:01:05] Dr. Lena Ortiz:", "Speaker 1 (00:05):") or as a role
  ("Host:", "Interviewer:"), and plain names ("Tran:") where two take turns asking questions, since
  captions' "Photo:" and a digest's "Clinton:" lines recur too. The outlet's labels ("UPDATE:",
  "16:42 Analysis:", "THE FACTS:") give no turn, and end the one before them. A turn runs on to the
  next label over the speaker's lines and paragraphs, but not over the writer's between excerpts
  (see _turn_end).
- A post embedded from social media, as a page copied to text gives it: the post, then its
  signature ("— Jane Doe (@RepJaneDoe) November 3, 2018"). The post is the text just before the
  signature, up to the length a post can have, and not past the writer's lead-in (a line that
  ends in a colon or an ellipsis, or tells of tweeting, writing, saying) or a blank line above it.

- A block quotation of a marked-up text (Markdown's `> …`), which holds quoted material.

- The claim a fact-check sets out under a label ("Claim: A Pfizer executive admitted under oath
  that…"), which the article goes on to check.

What stands there is the speaker's, as what stands inside quotation marks is: the host's questions
are not the writer's rhetorical questions, nor a guest's or a post's loaded words the writer's.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import cache
from math import inf
from typing import NamedTuple

from .data import table
from .model import Document

# At the start of a line: "Q" or "A", or up to four words ("HANNITY", "SEN. JOHN SMITH", "DB", "Host",
# "Dr. Lena Ortiz", "Speaker 1"), perhaps a role of up to five words after a comma ("STEVE INSKEEP, HOST",
# "MANU RAJU, CNN CHIEF CONGRESSIONAL CORRESPONDENT") and an aside in brackets after the role or before its
# comma ("(D-OR)", "(voice-over)", "REP. JIM JORDAN (R-OH), HOUSE JUDICIARY CHAIRMAN"), then a colon and the
# speaker's words, on that line or the next.
# A timestamp may stand before the label ("[00:01:05] Host:") or after it ("Speaker 1 (00:05):"). Every
# word must begin with a capital (see _label). Tried only at the start of a line that holds a colon.
_LABEL = re.compile(
    r"^[ \t]*(?P<time>[\[(]?\d{1,2}(?::\d\d){1,2}[\])]?[ \t]+)?"
    r"(?P<name>[^\W\d_][\w'’.-]*(?:[ \t]+(?:[^\W\d_][\w'’.-]*|\d{1,2})){0,3})"
    r"(?:[ \t]*\((?![\d:]{1,8}\))[^()\n]{1,24}\)(?=,))?"
    r"(?:,[ \t]+(?P<role>[^\W\d_][\w'’.-]*(?:[ \t]+[^\W\d_][\w'’.-]*){0,4}))?"
    r"(?:[ \t]*\((?![\d:]{1,8}\))[^()\n]{1,24}\))?"
    r"(?P<after>[ \t]+[\[(]\d{1,2}(?::\d\d){1,2}[\])])?[ \t]*:(?:[ \t]+(?=\S)|[ \t]*$)",
    re.MULTILINE)
_COLON = re.compile(":")
# The farthest a label's colon stands from the start of its line (a timestamp, four words, a role, an
# aside): a colon farther on ends a sentence of prose ("Here is what he said:"), and is not tried.
_LABEL_REACH = 100
# "Q." and "A." with a full stop, as court transcripts and some interviews set them ("Q. Why did you…?").
# Tried only where "Q." or "A." begins a line (after at most _INDENT spaces or tabs).
_DOTTED_LABEL = re.compile(r"([QA])\.[ \t]+(?=\S)")
# The line that closes a transcript: "END", "END 12:45 P.M. EDT", "(END VIDEO CLIP)", "(COMMERCIAL BREAK)".
_CLOSING = re.compile(r"^[ \t]*(?:END\b[^\n]{0,20}|\((?:END|COMMERCIAL)\b[^\n)]{0,30}\))[ \t]*$", re.MULTILINE)
# An Otter.ai label: a name of up to four capitalised words (or "Speaker 2"), two spaces or more and a time,
# alone on its line ("Robert Asante  0:12").
_TIMED_LABEL = re.compile(r"\n([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*| \d{1,2}){0,3})  +\d{1,2}:\d\d(?::\d\d)?[ \t]*(?=\n)")
# A hearing's labels: "Chairman JORDAN.", "Mr. NADLER.", "Senator GRASSLEY." at the start of a line.
_HEARING_LABEL = re.compile(r"(?:Mr|Ms|Mrs|Dr)\. ([A-Z][A-Z'’-]+)\. |(?:Chairman|Chairwoman|Senator|Representative) ([A-Z][A-Z'’-]+)\. ")
_HEARING_TITLES = ("Mr. ", "Ms. ", "Mrs. ", "Dr. ", "Chairman ", "Chairwoman ", "Senator ", "Representative ")
# The audience's part as a transcript of a speech notes it: "(Applause.)", "(Laughter.)".
_APPLAUSE = re.compile(r"\((?:Applause|Laughter|Cheers)\.?\)")
_INDENT = 8
# A paragraph whose first words name a speaker is the writer's ("Bacon did not respond", "As Smith put it").
_NAMED_WITHIN = 3
_SENTENCE_ENDS = frozenset(".!?…\"”’'")
# A post's signature: a dash (a hyphen in a plain-text copy), the author's name, their handle (Bluesky's
# holds dots: "@mayor.bsky.social") and the date, month first or day first, perhaps with the time.
_SIGNATURE = re.compile(
    r"[—–-]\s?[^\n()—–]{1,60}?\s?\(@\w[\w.]{0,39}\)\s?"
    r"(?:[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]{2,8}\.? \d{4})(?: at \d{1,2}:\d\d ?[AaPp]\.?[Mm]\.?)?")
_BEFORE_HANDLE, _AFTER_HANDLE = 64, 80  # the most a signature spans before its "(@" and from it
POST_CHARACTERS = 280  # the most a post holds (Twitter's limit); a longer stretch is not all post
# A line that leads in to the post ("Loomer tweeted.", "Here is what he wrote:") is the writer's.
_LEAD_IN = re.compile(r"\b(?:tweet(?:ed|s)?|wrote|writes|posted|said|says|here(?:['’]s| is| are))\b"
                      r"|(?::|…|\.\.\.)\s*$", re.IGNORECASE)
# How often each of at least two labels opens a line, for the text to be a dialogue.
MIN_TURNS = 2
MIN_SPEAKERS = 2


class _Label(NamedTuple):
    """A speaker's label in the text."""

    speaker: str  # who it names, by the last word of the name ("INSKEEP" for "STEVE INSKEEP, HOST"), lower
    # case; "" for the outlet's own label ("UPDATE:", "LUIS FERREIRA, BYLINE:"), which only ends the turn before it
    start: int  # where the turn starts: the label, or the timestamp before it
    alone: bool  # it stands alone on its line: the words are on the lines below it
    plain: bool  # a name in mixed case ("Tran", "Ana Sorensen"), with no timestamp and naming no role
    asks: bool  # its line holds a question mark
    names: tuple[str, ...] = ()  # the words of the name that could only be a name ("bacon", not "q" or "mr")


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
    spans = sorted((*_dialogue(doc), *_posts(doc), *_posted(doc.text), *_claim_lines(doc.text), *quoted))
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


def _posted(text: str) -> list[tuple[int, int]]:
    """Return the spans of posts pasted without their signature after the writer's lead-in.

    "Ferrante wrote on X on Saturday night:" and, below it, a paragraph a post could hold, with no
    quotation marks of its own: the post's words, not the writer's.
    """
    found: list[tuple[int, int]] = []
    at = text.find(":\n")
    while at >= 0:
        lead = text[text.rfind("\n", 0, at) + 1:at].lower()
        if any(verb in lead for verb in _POSTING) and (" tweeted" in lead or " posted" in lead
                                                     or any(place in lead for place in _PLATFORMS)):
            start, end = _line_after(text, at + 1)
            body = text[start:end]
            if 0 < len(body) <= POST_CHARACTERS and not any(mark in body for mark in "\"“”‘"):
                found.append((start, end))
        at = text.find(":\n", at + 2)
    return found


def _claim_lines(text: str) -> list[tuple[int, int]]:
    """Return the spans of the claims a fact-check sets out under a label ("Claim: A video shows…").

    The words after "Claim:" at the start of a line, to the line's end (or the next line's, when the
    label stands alone), are the claim's, which the article goes on to check, not the writer's.
    """
    found: list[tuple[int, int]] = []
    # Tried only from the start of a line whose colon follows "claim": found with str.find, since a pattern
    # tried at every character of the text costs fifty times as much.
    colon = text.find(":")
    while colon >= 0:
        m = None
        if text[max(0, colon - 8):colon].rstrip(" \t").endswith(_CLAIM_WORDS):
            m = _CLAIM_LABEL.match(text, text.rfind("\n", 0, colon) + 1, colon + 1)
        colon = text.find(":", colon + 1)
        if m is None:
            continue
        start, end = _line_after(text, m.end())
        if end > start:
            found.append((start, end))
    return found


def _line_after(text: str, pos: int) -> tuple[int, int]:
    """Return the span of the first line with words at or after `pos`, without the white space around them."""
    start = pos
    while start < len(text) and text[start].isspace():
        start += 1
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# A fact-check's label for the claim it checks, opening a line.
_CLAIM_LABEL = re.compile(r"^[ \t]*(?:The |THE |Viral |VIRAL )?(?:Claims?|CLAIMS?|What was claimed|WHAT WAS CLAIMED)[ \t]*:",
                          re.MULTILINE)
_CLAIM_WORDS = ("laim", "laims", "laimed", "LAIM", "LAIMS", "LAIMED")


# A lead-in's verbs of posting, and the places a post is put ("wrote on X on Saturday night:").
_POSTING = (" tweeted", " posted", " wrote", " shared")
_PLATFORMS = (" on x", " on twitter", " on facebook", " on instagram", " on truth social", " on threads",
              " on bluesky", " on tiktok", " on telegram")


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


def _label(text: str, hit: re.Match[str]) -> _Label | None:
    """Return the label `hit` found (the outlet's, "UPDATE:", "Analysis:", naming no speaker), or None for no label."""
    name, role = hit["name"], hit["role"] or ""
    words = name.split()
    if not all(w[0].isupper() or w.isdigit() for w in words) or any(not w[0].isupper() for w in role.split()):
        return None  # "Photo by Jane Doe:", not a label
    start = hit.start("time" if hit["time"] else "name")
    if editorial(words) or role and editorial(role.split()):
        return _Label("", start, False, False, False)
    timed = bool(hit["time"] or hit["after"])
    plain = not (name.isupper() or timed or words[0].lower() in _roles())
    line_end = text.find("\n", hit.end())
    return _Label(words[-1].lower() if not words[-1].isdigit() else " ".join(words).lower(), start,
                  not text[hit.end():hit.end() + 1].strip(), plain,
                  "?" in text[hit.end():line_end if line_end >= 0 else len(text)],
                  tuple(w.lower() for w in words if len(w) > 2 and w.isalpha() and w.lower() not in _roles()))


def editorial(words: Sequence[str]) -> bool:
    """Return whether a label's words ("UPDATE", "THE FACTS", "Key event", "Editor's note") make it the
    outlet's, not a speaker's: by its first word after an article."""
    for word in words:
        word = word.lower().strip(".,'’")
        if word not in ("the", "a", "an"):
            return word.removesuffix("'s").removesuffix("’s") in _editorial()
    return False


@cache
def _editorial() -> frozenset[str]:
    return frozenset(table("turns.toml")["labels"]["editorial"].split())


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
                    line_end = text.find("\n", at)
                    found.append(_Label(hit.group(1).lower(), at, False, False,
                                        "?" in text[at:line_end if line_end >= 0 else len(text)]))
            at = text.find(mark, at + 2)
        if not found:  # no question: its answers are not looked for
            return []
    return found if any(label.speaker == "a" for label in found) else []


def _spaced_questions(text: str) -> list[_Label]:
    """Return the "Q" labels that open lines with a tab or two spaces after them, as the White House sets them.

    "Q    Thank you. Isn't the plan a disaster?": a reporter's question, with no colon or full stop, which
    counts with the answerers' labels in capitals ("MS. JEAN-PIERRE:") as "Q:" would.
    """
    found: list[_Label] = []
    for mark in ("\nQ\t", "\nQ  "):
        at = text.find(mark)
        while at >= 0:
            start = at + 1
            line_end = text.find("\n", start)
            found.append(_Label("q", start, False, False, "?" in text[start:line_end if line_end >= 0 else len(text)]))
            at = text.find(mark, start)
    return found


def _hearing_labels(text: str) -> list[_Label]:
    """Return the labels of a hearing's record as the Government Publishing Office sets them.

    "Chairman JORDAN. The committee will come to order.", "Mr. NADLER. Mr. Chairman, …": a title, the
    surname in capitals and a full stop, at the start of a line.
    """
    found: list[_Label] = []
    for title in _HEARING_TITLES:
        at = text.find(title)
        while at >= 0:
            hit = _HEARING_LABEL.match(text, at) if at == 0 or text[at - 1] == "\n" else None
            if hit is not None:
                line_end = text.find("\n", at)
                found.append(_Label((hit.group(1) or hit.group(2)).lower(), at, False, False,
                                    "?" in text[at:line_end if line_end >= 0 else len(text)]))
            at = text.find(title, at + 1)
    return sorted(found, key=lambda label: label.start)


def _timed_labels(text: str) -> list[_Label]:
    """Return the labels of a transcript as Otter.ai exports it: a name and a time alone on a line, the words below.

    "Robert Asante  0:12" or "Speaker 2  00:04", with no colon after the name.
    """
    if "  " not in text:
        return []  # every such label has two spaces before its time
    found: list[_Label] = []
    # Searched from each line break (the engine skips to them in C), one put before the text for its first line.
    for m in _TIMED_LABEL.finditer("\n" + text):
        start, words = m.start(), m.end()  # offsets in `text`: the label's line, and the line of its words
        end = text.find("\n", words)
        found.append(_Label(m.group(1).split()[-1].lower(), start, True, False,
                            "?" in text[words:end if end >= 0 else len(text)]))
    return found


def _speakers(labels: Sequence[_Label]) -> set[tuple[str, bool]]:
    """Return the speakers of a dialogue among the labels, or none where they make no dialogue.

    Labels in capitals, beside a timestamp or naming a role make one where two speakers or more
    have them and one speaker at least has two ("MAYOR LOWRY", "Q", "MAYOR LOWRY", "CHIEF SALAS"),
    or "Q" and "A" do. Plain names in mixed case ("Tran:", "Okafor:") make an interview where two
    of them each have two turns or more and two of their turns ask a question, or where one recurs
    answering labels of the other kinds that ask two questions or more ("Interviewer:" or "Q:" with
    "Mayor Ruiz:"): lines that only
    open with a name ("Clinton: backs the plan.") are a digest's, the writer's. A plain name counts
    only where it recurs: once, it is more often a headline's ("Uranium One Bombshell: …", "OK Gov
    Fallin: Trump is…" above a transcript of FALLIN). Each speaker is returned with whether its
    labels are plain names.
    """
    if len(labels) < MIN_SPEAKERS:
        return set()  # most texts: no label, or one
    strong = Counter(label.speaker for label in labels if not label.plain and label.speaker)
    plain = Counter(label.speaker for label in labels if label.plain)
    recurring = {speaker for speaker, n in plain.items() if n >= MIN_TURNS}
    found: set[tuple[str, bool]] = set()
    if len(strong) >= MIN_SPEAKERS and max(strong.values()) >= MIN_TURNS or {"q", "a"} <= strong.keys():
        found |= {(speaker, False) for speaker in strong} | {(speaker, True) for speaker in recurring}
    if len(recurring) >= MIN_SPEAKERS and sum(
            label.asks for label in labels if label.plain and label.speaker in recurring) >= MIN_TURNS:
        found |= {(speaker, True) for speaker in recurring}
    if strong and recurring and sum(label.asks for label in labels if not label.plain) >= MIN_TURNS:
        # An interviewer's labels asking and a plain name answering ("Interviewer:" or "Q:" with "Ruiz:").
        found |= {(speaker, False) for speaker in strong} | {(speaker, True) for speaker in recurring}
    return found


def _turn_end(doc: Document, label: _Label, limit: int, names: frozenset[str], runs_on: bool) -> int:
    """Return where the turn that `label` opens ends, at `limit` (the next label) at the latest.

    Before the next speaker's label (`runs_on`), the turn takes the lines after the label's, over
    blank lines too (an answer of several paragraphs); the last turn takes only the lines its first
    runs on to, wrapped ("…the new\nbudget."), to its paragraph's end. A label alone on its line
    takes the paragraph below it. Neither takes a line that leads in to the next excerpt with a
    colon ("Smith also explains that…:"), nor a paragraph that opens by naming a speaker ("Bacon
    did not respond…"): the writer's, between two excerpts.
    """
    text, starts, norms = doc.text, doc.tokens.starts, doc.tokens.norms
    end = text.find("\n", label.start, limit)
    if end < 0:
        return limit
    said = not label.alone  # the speaker's words have begun
    blank = False  # a blank line came before this one
    at = end + 1
    while at < limit:
        stop = text.find("\n", at, limit)
        stop = stop if stop >= 0 else limit
        line = text[at:stop].strip()
        if not line:
            if said and not runs_on:
                break
            blank = True
        else:
            if line.endswith(":") or blank and said and (not names.isdisjoint(
                    norms[bisect_left(starts, at):bisect_left(starts, stop)][:_NAMED_WITHIN]) or _reported(line)):
                break
            if said and not runs_on and not blank and _block_ends(text, end, line):
                break
            end, said, blank = stop, True, False
        at = stop + 1
    return min(end, limit)


def _reported(line: str) -> bool:
    """Return whether a paragraph inside a turn is the writer's report on it: it credits a source and no one speaks.

    "Gas prices have fallen for 11 straight weeks, according to AAA."; "Bank statements obtained by this
    newspaper show…". Not where someone says "I", "we" or "you": a speaker may cite a source too.
    """
    low = f" {line.lower()} "
    return any(cue in low for cue in _REPORT_CUES) and not any(word in low for word in _SPEAKING)


# What a writer's paragraph between two excerpts credits, and the words of someone speaking.
_REPORT_CUES = (" according to ", " obtained by ", " records show", " documents show", " data show", " figures show")
_SPEAKING = (" i ", " i'm ", " i’m ", " we ", " we're ", " we’re ", " you ", " my ", " our ")


def _block_ends(text: str, end: int, line: str) -> bool:
    """Return whether the line that ends at `end` ended its block: it ends a sentence, and `line` opens one."""
    while end > 0 and text[end - 1].isspace():  # a "\r" or spaces at most, before the line's end
        end -= 1
    return end > 0 and text[end - 1] in _SENTENCE_ENDS and not line[:1].islower()


def _dialogue(doc: Document) -> tuple[tuple[int, int], ...]:
    """Return the spans of a dialogue's turns, label included: from a speaker's label to the next label
    (the last to its paragraph's end), as far as the lines are the speaker's (see _turn_end)."""
    text, line_starts = doc.text, doc.line_starts
    labels: list[_Label] = []
    tried = -1  # the line last tried
    for colon in _COLON.finditer(text):  # a few in most texts: far fewer than the lines a label could open
        line = bisect_right(line_starts, colon.start()) - 1
        if line != tried and colon.start() - line_starts[line] <= _LABEL_REACH:
            tried = line
            hit = _LABEL.match(text, line_starts[line])
            label = _label(text, hit) if hit is not None else None
            if label is not None:
                labels.append(label)
    dotted = _dotted_labels(text, line_starts) + _spaced_questions(text) + _hearing_labels(text) + _timed_labels(text)
    if dotted:
        labels = sorted(labels + dotted, key=lambda label: label.start)
    speakers = _speakers(labels)
    # A published speech or briefing: one speaker's label in capitals, and the audience's applause or
    # laughter noted ("THE VICE PRESIDENT: Hello, Atlanta! (Applause.)"): the speaker's turn runs on.
    speech = not speakers and len({label.speaker for label in labels if label.speaker and not label.plain}) == 1 \
        and _APPLAUSE.search(text) is not None
    if speech:
        speakers = {(label.speaker, False) for label in labels if label.speaker and not label.plain}
    # The speakers' names as words ("bacon", "smith"): a paragraph that opens with one is the writer's.
    names = frozenset(word for label in labels if (label.speaker, label.plain) in speakers for word in label.names)
    # Every speaker's label ends the turn before it, as the outlet's own do ("LUIS FERREIRA, BYLINE:").
    labels = [label for label in labels if (label.speaker, label.plain) in speakers or not label.speaker]
    turns = []
    last = max((k for k, label in enumerate(labels) if label.speaker), default=-1)
    # A transcript's closing line ("END", "(END VIDEO CLIP)") ends the last turn: up to it, the last
    # speaker's answer runs on over paragraphs as the others' do.
    closing = _CLOSING.search(text, labels[last].start) if last >= 0 and speakers else None
    for k, label in enumerate(labels[:last + 1]):
        if label.speaker:
            limit = labels[k + 1].start if k + 1 < len(labels) else closing.start() if closing else len(text)
            turns.append((label.start, _turn_end(doc, label, limit, names, k < last or speech or closing is not None)))
    return tuple(turns)
