"""Turn Markdown and HTML into the plain text that is analysed."""

from __future__ import annotations

from .errors import InputError


def markdown_text(source: str) -> str:
    """Return the prose of a Markdown document: one paragraph per block, markup removed."""
    from markdown_it import MarkdownIt

    blocks: list[str] = []
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
                blocks.append(text)
        elif token.type in ("fence", "code_block"):
            continue  # code is not prose
    return "\n\n".join(blocks)


def html_text(source: str, path: str) -> str:
    """Return the main text of an HTML page, extracted by trafilatura, one paragraph per block."""
    import trafilatura

    text = trafilatura.extract(source, include_comments=False, include_tables=False, favor_recall=True)
    if not text:
        raise InputError("no article text found in the HTML", path=path)
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
