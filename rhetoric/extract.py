"""Turn Markdown and HTML into the plain text that is analysed."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import InputError


@dataclass(frozen=True, slots=True)
class Block:
    """The prose of one Markdown block and the half-open range of source lines (0-based) it came from."""

    text: str
    first_line: int
    end_line: int


def markdown_text(source: str) -> str:
    """Return the prose of a Markdown document: one paragraph per block, markup removed."""
    return "\n\n".join(b.text for b in markdown_blocks(source))


def markdown_blocks(source: str) -> list[Block]:
    """Return the prose blocks of a Markdown document in order, each with its source lines."""
    from markdown_it import MarkdownIt

    blocks: list[Block] = []
    for token in MarkdownIt("commonmark").parse(source):
        if token.type == "inline" and token.children is not None:
            parts = []
            for child in token.children:
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append(" ")
                elif child.type == "image":
                    continue
            text = "".join(parts).strip()
            if text:
                first, end = token.map if token.map is not None else (0, 0)
                blocks.append(Block(text, first, end))
        elif token.type in ("fence", "code_block"):
            continue  # code is not prose
    return blocks


def html_text(source: str, path: str) -> str:
    """Return the main text of an HTML page, extracted by trafilatura, one paragraph per block."""
    import trafilatura

    text = trafilatura.extract(source, include_comments=False, include_tables=False, favor_recall=True)
    if not text:
        raise InputError("no article text found in the HTML", path=path)
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
