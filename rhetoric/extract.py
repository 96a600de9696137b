"""Turn Markdown and HTML into the plain text that is analysed, and place their comments in it."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any

from .errors import InputError
from .render import counted
from .suppress import Comment, Line, comments_in

# Words of the text after an HTML comment that are looked up in the extracted text to place it,
# and how many pieces of text after it are tried before the comment is given up as unplaceable.
_ANCHOR_WORDS = 8
_SEARCH_CHUNKS = 50


@dataclass(frozen=True, slots=True)
class Extracted:
    """The prose of a marked-up document, its HTML comments and where its source lines went."""

    text: str
    comments: tuple[Comment, ...] = ()
    lines: tuple[Line, ...] = ()
    warnings: tuple[str, ...] = ()  # prose the markup may have hidden from the analysis
    quoted: tuple[tuple[int, int], ...] = ()  # the spans of the prose a block quotation holds: quoted material


def markdown(source: str) -> Extracted:
    """Return the prose of a Markdown document: one paragraph per block, markup removed.

    Front matter (the metadata that static-site generators read between `---` or `+++` lines at
    the top) is not prose, save its title, which becomes the first paragraph (a headline is where
    loaded words are most often found) unless the text opens with it already, as a heading. Tables
    (GitHub's pipe tables) are not prose either, as in HTML pages; struck-through text keeps its
    words, its tildes go. Footnote markers go, and a footnote's text is prose where it stands. Every
    HTML comment (a block of its own, or inline) is placed at the offset where it stands in the prose,
    and every source line with prose is mapped to its span of the prose. A code fence never closed
    makes the rest of the document code, as Markdown has it: a warning says how many words that hid.
    A block quotation (`> …`) holds quoted material, as HTML's <blockquote> does: its blocks' spans are kept.
    """
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    blocks: list[str] = []
    comments: list[Comment] = []
    lines: list[Line] = []
    warnings: list[str] = []
    source_lines: list[str] = []  # split when a fence asks for them
    length = 0  # of the prose so far, blocks joined by blank lines

    rest, title = front_matter(source)
    tables = 0  # how many tables the token is in
    quoting = 0  # how many block quotations the token is in
    quoted: list[tuple[int, int]] = []
    # Footnotes: a marker ("[^1]") is markup, and goes; a definition ("[^1]: text") is the writer's prose,
    # read where the source has it, so that source lines stay in order. Pandoc's inline notes ("^[text]")
    # are left as written: the plugin would take their words out of the text.
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    parser.use(footnote_plugin, inline=False, move_to_end=False)
    for token in parser.parse(rest):
        tables += (token.type == "table_open") - (token.type == "table_close")
        quoting += (token.type == "blockquote_open") - (token.type == "blockquote_close")
        if tables:
            continue
        if token.type == "html_block":
            first = token.map[0] if token.map else 0
            comments.extend(Comment(body, length, first + token.content.count("\n", 0, end))
                            for body, end in comments_in(token.content))
            # Prose in HTML ("<div class="lede">…</div>", "<p>…</p>"): its text, a block to a paragraph,
            # each on the block's first line (the markup hides where in it the words stand).
            for text in _html_block_text(token.content):
                start = length + (2 if blocks else 0)
                lines.append(Line(first, start, start + len(text)))
                blocks.append(text)
                length = start + len(text)
                if quoting:
                    quoted.append((start, length))
            continue
        if token.type == "fence" and token.map:
            source_lines = source_lines or LINE_BREAK.split(rest)
            if not _closed(source_lines, token.map, token.markup):
                warnings.append(f"the code fence {token.markup} on line {token.map[0] + 1} is never closed: as Markdown "
                                f"reads it, what follows it is code ({counted(len(token.content.split()), 'word')}), "
                                "which is not analysed")
        if token.type != "inline" or token.children is None:
            continue  # code blocks and fences are not prose
        line = token.map[0] if token.map else 0
        parts: list[str] = []
        pos = 0
        line_start = 0
        block_lines: list[tuple[int, int, int]] = []
        block_comments: list[tuple[str, int, int]] = []
        for child in token.children:
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
                pos += len(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                block_lines.append((line, line_start, pos))
                parts.append(" ")
                pos += 1
                line += 1
                line_start = pos
            elif child.type == "html_inline":
                block_comments.extend((body, pos, line + child.content.count("\n", 0, end))
                                      for body, end in comments_in(child.content))
                line += child.content.count("\n")
                if _BREAK_TAG.fullmatch(child.content):  # "out<br>on": two words, not "outon"
                    parts.append(" ")
                    pos += 1
        block_lines.append((line, line_start, pos))
        raw = "".join(parts)
        text = raw.strip()
        if not text or _PROMO.fullmatch(text) and any(child.type == "link_open" for child in token.children):
            continue  # nothing, or a link to another story ("**Related:** [Renters face a squeeze](/x)")
        start = length + (2 if blocks else 0)
        lead = len(raw) - len(raw.lstrip())

        def at(p: int, start: int = start, lead: int = lead, size: int = len(text)) -> int:
            return start + min(max(p - lead, 0), size)

        comments.extend(Comment(body, at(p), n) for body, p, n in block_comments)
        lines.extend(Line(n, at(a), at(b)) for n, a, b in block_lines if at(a) < at(b))
        blocks.append(text)
        length = start + len(text)
        if quoting:
            quoted.append((start, length))
    if title is not None and not (blocks and _opens_with(blocks[0], title[0])):
        shift = len(title[0]) + (2 if blocks else 0)  # everything found so far moves down by the title
        blocks.insert(0, title[0])
        comments = [Comment(c.body, c.offset + shift, c.line) for c in comments]
        lines = [Line(title[1], 0, len(title[0])), *(Line(n.number, n.start + shift, n.end + shift) for n in lines)]
        quoted = [(a + shift, b + shift) for a, b in quoted]
    return Extracted("\n\n".join(blocks), tuple(comments), tuple(lines), tuple(warnings), tuple(quoted))


_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
# The elements of an HTML block in Markdown that hold no prose, and those that end a paragraph of it.
_NOT_PROSE = ("script", "style", "template", "noscript", "iframe", "svg")
_BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "details", "summary", "dd", "dt",
               "figcaption", "section", "article", "aside", "tr", "pre")
_PARAGRAPH_GAP = re.compile(r"\n[ \t\r\f\v]*\n")


def _html_block_text(content: str) -> list[str]:
    """Return the paragraphs of prose in a block of HTML inside Markdown, white space folded."""
    if "<" not in content or content.lstrip().startswith("<!--"):
        return []  # a comment, read above for what it switches off
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(content, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    for element in list(root.iter(*_NOT_PROSE)):
        element.drop_tree()
    for element in root.iter("br"):
        element.tail = "\n" + (element.tail or "")
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n\n" + (element.tail or "")
    paragraphs = (" ".join(part.split()) for part in _PARAGRAPH_GAP.split(root.text_content()))
    return [paragraph for paragraph in paragraphs if paragraph]


def _closed(lines: list[str], span: list[int], markup: str) -> bool:
    """Return whether the code fence over `lines[span[0]:span[1]]` (markdown-it's map) ends with a closing fence.

    In a block quotation its lines begin with the quotation's marks ("> ```").
    """
    last = lines[span[1] - 1].lstrip(" \t>").rstrip() if span[1] - span[0] >= 2 else ""
    return len(last) >= len(markup) and last == last[0] * len(last) and last[0] == markup[0]


def _opens_with(first: str, headline: str) -> bool:
    """Return whether a text whose first block is `first` opens with `headline` (or a form of it).

    Either may be the other with more after it: "Plan approved" and "Plan approved | The Daily",
    "The so-called reform" and "The so-called reform passed on Monday".
    """
    a, b = " ".join(first.split()).casefold(), " ".join(headline.split()).casefold()
    return a.startswith(b) or b.startswith(a)


# A front matter's opening line and the lines that may close it: YAML's (Jekyll, Hugo, Pandoc and
# most static-site generators) and TOML's (Hugo).
_FENCES = {"---": ("---", "..."), "+++": ("+++",)}
# The key of the title in a front matter, as YAML and as TOML write it.
_TITLE = {"---": "title:", "+++": "title ="}
# The line breaks of Markdown (CommonMark's, which markdown-it counts lines by), and of SARIF.
LINE_BREAK = re.compile(r"\r\n|\r|\n")
# What follows a key, as YAML and as TOML write it.
_SETS = {"---": ":", "+++": "="}


def front_matter(source: str) -> tuple[str, tuple[str, int] | None]:
    """Return `source` with its front matter's lines emptied (so that lines keep their numbers), and its title.

    The title, with the 0-based number of its line, is read when it is written on one line, as a plain or
    quoted scalar; a title written over several lines is left out with the rest.
    """
    if not source.startswith(tuple(_FENCES)):
        return source, None
    # Lines as Markdown ends them (not at the other breaks str.splitlines knows), ends kept, so that line
    # numbers are markdown-it's; read only as far as the closing fence.
    breaks = chain((brk.end() for brk in LINE_BREAK.finditer(source)), [len(source)])
    at = next(breaks)
    fence = source[:at].strip()
    if fence not in _FENCES:
        return source, None
    lines = [source[:at]]
    for stop in breaks:
        line, at = source[at:stop], stop
        lines.append(line)
        if line.strip() in _FENCES[fence]:
            break
    else:
        return source, None  # no closing line: a thematic break, not front matter
    end = len(lines) - 1
    if not any(_sets_key(line, fence) for line in lines[1:end]):
        return source, None  # a thematic break, not front matter
    title = None
    for n in range(1, end):
        if lines[n].startswith(_TITLE[fence]):
            value = _scalar(lines[n][len(_TITLE[fence]):].strip())
            title = (value, n) if value else None
            break
    return "".join(line[len(line.rstrip("\r\n")):] for line in lines) + source[at:], title


def _sets_key(line: str, fence: str) -> bool:
    """Return whether `line` sets a key (`name: value` in YAML, `name = value` in TOML): a front matter has one."""
    key, found, value = line.partition(_SETS[fence])
    if fence == "+++":
        key = key.rstrip(" \t")  # TOML allows spaces before "="
    elif value[:1] not in ("", " ", "\t", "\r", "\n"):
        return False  # YAML wants a space or the line's end after ":"
    name = key.replace("_", "a").replace("-", "a").replace(".", "a")
    return bool(found) and (key[:1].isalpha() or key[:1] == "_") and name.isalnum()


def _scalar(value: str) -> str | None:
    """Return the text of a one-line YAML or TOML string value, or None for any other kind of value."""
    import json

    if len(value) >= 2 and value[0] == value[-1] == '"':
        try:
            text = json.loads(value)  # the escapes of YAML's and TOML's double-quoted strings are JSON's
        except ValueError:
            return None
        return text.strip() if isinstance(text, str) else None
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'").strip()  # YAML doubles a quote inside; TOML has none
    if not value or value[0] in "|>[{&*!%@`\"'#":  # a block, a list, a map, an alias, a tag: not one line of text
        return None
    return value.split(" #", 1)[0].strip()  # a plain scalar: a comment may follow


def markdown_text(source: str) -> str:
    """Return the prose of a Markdown document: one paragraph per block, markup removed."""
    return markdown(source).text


def html_text(source: str, path: str) -> str:
    """Return the main text of an HTML page, extracted by trafilatura: its headline, then a paragraph per block."""
    return html(source, path).text


def html(source: str, path: str) -> Extracted:
    """Return the main text of an HTML page, extracted by trafilatura: its headline, then a paragraph per block.

    The headline comes first, unless the text opens with it already. A page with a headline but no text
    has no article to analyse. The blocks of a <blockquote> are quoted material: their spans are kept.
    """
    import trafilatura
    from trafilatura.metadata import extract_title
    from trafilatura.utils import load_html

    # The extractor's plain text ends a line wherever the page's source does, and every line is taken
    # for a paragraph: a paragraph wrapped in the source was cut into pieces, mid-sentence. In HTML such
    # a line break is white space like any other, so it is made a space first (but in <pre>).
    page = _unwrapped(_NOTE_MARKERS.sub("", source))
    # The headline: the page's only <h1>, else its title as metadata or the <title> element give it, without
    # the site's name. (The whole metadata, dates and authors included, would triple the time of an
    # extraction; parsing the page for this alone adds a tenth. The extractor is given the page rather than
    # this tree, which it would prune.)
    tree = load_html(page)
    title = " ".join((extract_title(tree) or "").split()) if tree is not None else ""
    found = trafilatura.bare_extraction(page, include_comments=False, include_tables=False, favor_recall=True)
    text = getattr(found, "text", None) or ""  # (None when nothing is found; its text may be None too)
    # A list item's line starts with the extractor's "- ", which is markup, not prose. A link to another
    # story ("Read more: Commuters slam shocking fare hike") is the page's, not the article's.
    lines = (line.strip().removeprefix("- ") for line in text.splitlines() if line.strip() and line.strip() != "-")
    blocks = [block for block in lines if not _PROMO.fullmatch(block)]
    if not blocks:
        raise InputError("no article text found in the HTML", path=path)
    if title and not _opens_with(blocks[0], title):
        blocks.insert(0, title)
    quotations = _quotations(getattr(found, "body", None))
    quoted, at = [], 0
    for block in blocks:
        if quotations and len(block) >= _QUOTED_BLOCK and " ".join(block.split()) in quotations:
            quoted.append((at, at + len(block)))
        at += len(block) + 2
    return Extracted("\n\n".join(blocks), quoted=tuple(quoted))


# A block that only points to another story: a label, then at most a headline's length.
_PROMO = re.compile(
    r"(?:Read more|Read More|READ MORE|Related|RELATED|Also read|Also Read|ALSO READ|See also|SEE ALSO"
    r"|Recommended|RECOMMENDED|More from [^:\n]{1,40}|MORE FROM [^:\n]{1,40}) ?: ?[^\n]{1,160}")

# The extractor marks a <blockquote> as <quote> in the tree it hands back; a block of its text that
# stands inside one is quoted. Shorter blocks ("Yes.") could stand inside one by chance.
_QUOTED_BLOCK = 20


def _quotations(body: Any) -> str:
    """Return the text of every <quote> of the extractor's tree, white space made single spaces, one per line."""
    if body is None:
        return ""
    return "\n".join(" ".join("".join(q.itertext()).split()) for q in body.iter("quote"))


def _unwrapped(source: str) -> str:
    """Return an HTML page with its source's line breaks made spaces, except inside <pre> elements."""
    # Searched with patterns, not in source.lower(): lower-casing may lengthen a text ("İ"), and the
    # offsets would be another text's.
    pieces: list[str] = []
    at = 0
    for opening in _PRE_OPENS.finditer(source):
        if opening.start() < at:  # inside the <pre> just kept
            continue
        closing = _PRE_CLOSES.search(source, opening.end())
        end = closing.end() if closing else len(source)
        pieces += _spaced(source[at:opening.start()]), source[opening.start():end]
        at = end
    pieces.append(_spaced(source[at:]))
    return "".join(pieces)


_PRE_OPENS = re.compile(r"<pre[\s>/]", re.IGNORECASE)  # not <preview>
_PRE_CLOSES = re.compile(r"</pre>", re.IGNORECASE)


def _spaced(html: str) -> str:
    spaced = html.replace("\r", " ").replace("\n", " ")  # (str.replace finds them in C; translate maps each character)
    # The extractor ends a block at every <br>. Two or more in a row part paragraphs, as pages without
    # <p> use them; one alone breaks a line inside a paragraph, often mid-sentence, and is white space.
    return _BREAKS.sub(lambda m: m[0] if m[0].lower().count("<br") > 1 else " ", spaced)


_BREAKS = re.compile(r"(?:<br\b[^<>]*>\s*)+", re.IGNORECASE)
# A note's marker: a superscript holding a number of up to three digits, bracketed or not, or a link
# to a place on the page, alone, and not after a digit (10<sup>6</sup> is a power). In the extractor's
# text it was glued to the full stop before it ("the plan.1 Members"), which hid the sentence break
# and gave the sentence a figure.
_NOTE_MARKERS = re.compile(
    r"(?<!\d)<sup\b[^<>]*>\s*(?:<a\s[^<>]*href=[\"']?#[^<>]*>[^<>]{0,12}</a>|\[?\d{1,3}\]?)\s*</sup>",
    re.IGNORECASE)


def html_comments(source: str, text: str) -> Extracted:
    """Place the HTML comments of `source` in `text`, the prose trafilatura extracted from it.

    The extractor keeps no map back to the page, so each comment is placed where the words that
    follow it in the page are found in the prose (searching forward from the comment before).
    A "line" is a paragraph of the prose: the next line after a comment is the paragraph its
    following words start in. A comment whose following words are not in the prose (they sat
    in boilerplate the extractor dropped) is placed at the next words that are.
    """
    from lxml import etree

    blocks, starts, pos = [], [], 0
    for n, para in enumerate(text.split("\n\n")):
        starts.append(pos)
        blocks.append(Line(n, pos, pos + len(para)))
        pos += len(para) + 2
    try:
        root = etree.fromstring(source.encode("utf-8"), etree.HTMLParser(remove_comments=False, encoding="utf-8"))
    except (etree.ParserError, ValueError):
        return Extracted(text, (), tuple(blocks))
    if root is None:
        return Extracted(text, (), tuple(blocks))
    # The page as a flat sequence of comments and the text between them, in reading order.
    events: list[tuple[bool, str]] = []
    skip = 0  # inside <script> or <style>
    for event, el in etree.iterwalk(root, events=("start", "end", "comment")):
        if event == "comment":
            events.append((True, el.text or ""))
            chunk = el.tail
        elif event == "start":
            skip += el.tag in ("script", "style")
            chunk = el.text
        else:
            skip -= el.tag in ("script", "style")
            chunk = el.tail
        if chunk and chunk.strip() and not skip:
            events.append((False, chunk))
    folded, index = _fold(text)
    placed: list[Comment] = []
    cursor = 0
    for i, (is_comment, body) in enumerate(events):
        if not is_comment or "rhetoric-" not in body:
            continue
        at = None
        # The pieces of text after the comment, as many as the search below may read (listing them
        # all, for each of thousands of comments, made a long page's run quadratic).
        following = list(islice((n for n in range(i + 1, len(events)) if not events[n][0]),
                                _SEARCH_CHUNKS + _ANCHOR_WORDS - 1))
        for j, n in enumerate(following[:_SEARCH_CHUNKS]):
            words = [w for k in following[j:j + _ANCHOR_WORDS] for w in events[k][1].split()]
            at = _find(folded, index, words, cursor)
            if at is not None:
                break
        cursor = len(text) if at is None else at
        # Numbered as the paragraph before, so that its "next line" is the paragraph it was found in.
        paragraph = bisect_right(starts, cursor) - 1 if at is not None else len(blocks)
        placed.append(Comment(body, cursor, paragraph - 1))
    return Extracted(text, tuple(placed), tuple(blocks))


def _fold(text: str) -> tuple[str, list[int]]:
    """Return `text` with runs of white space made one space, and the offset in `text` of each character."""
    out, index, space = [], [], False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not space:
                out.append(" ")
                index.append(i)
            space = True
        else:
            out.append(ch)
            index.append(i)
            space = False
    return "".join(out), index


def _find(folded: str, index: list[int], words: list[str], cursor: int) -> int | None:
    """Return where `words` (or their first few) start in the text at or after offset `cursor`, or None."""
    if not words:
        return None
    begin = bisect_right(index, cursor - 1)
    for size in (_ANCHOR_WORDS, 3, 1):
        needle = " ".join(words[:size])
        at = folded.find(needle, begin)
        if at >= 0:
            return index[at]
    return None
