from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric.extract import html_text, markdown, markdown_text
from rhetoric.locate import _GAP, Locator, Region


def spans(text: str, word: str) -> list[tuple[int, int]]:
    out, at = [], text.find(word)
    while at >= 0:
        out.append((at, at + len(word)))
        at = text.find(word, at + 1)
    return out


def test_plain_text_is_exact_across_line_terminators():
    text = "one\r\ntwo\rthree\nfour five"
    locator = Locator(text)
    assert locator.region(*spans(text, "five")[0]) == Region(4, 4, 6, 10, 20, 4, "five")
    assert locator.region(*spans(text, "three")[0]) == Region(3, 3, 1, 6, 9, 5, "three")


def test_markdown_source_lines_map_to_their_prose():
    source = "# Title\n\nFirst *para*\ngraph.\n\n```\ncode\n```\n\n- item\n"
    text = markdown_text(source)
    assert text == "Title\n\nFirst para graph.\n\nitem"
    assert [(line.number, text[line.start:line.end]) for line in markdown(source).lines] == [
        (0, "Title"), (2, "First para"), (3, "graph."), (9, "item")]


def test_markdown_front_matter_keeps_line_numbers_and_places_its_title():
    source = "---\nlayout: post\ntitle: \"A so-called plan\"\n---\n\nThe *radical* plan.\n"
    text = markdown_text(source)
    assert text == "A so-called plan\n\nThe radical plan."
    locator = Locator(text, source, "markdown")
    assert locator.region(*spans(text, "so-called")[0]) == Region(3, 3, 11, 20, 27, 9, "so-called")
    region = locator.region(*spans(text, "radical")[0])
    assert (region.start_line, region.start_column) == (6, 6)


def test_markdown_span_across_a_soft_break_is_found():
    source = "Intro.\n\n> The so-called\n> experts said so.\n"
    text = markdown_text(source)
    region = Locator(text, source, "markdown").region(*spans(text, "so-called experts")[0])
    assert region is not None and region.exact
    assert (region.start_line, region.start_column, region.end_line, region.end_column) == (3, 7, 4, 10)
    assert region.snippet == "so-called\n> experts"


def test_markdown_falls_back_to_the_source_lines():
    source = "Para one.\n\nSee [radical](https://radical.example)\nideas here.\n"
    text = markdown_text(source)
    region = Locator(text, source, "markdown").region(*spans(text, "radical")[0])
    assert region == Region(3, 3, snippet="radical")


def test_html_is_exact_only_when_the_words_are_unambiguous():
    page = ("<html><head><title>A farce, say critics</title></head><body><article>\n"
            "<p>The council voted on Tuesday to close the old harbour bridge for repairs.</p>\n"
            "<p>Critics called the so-called consultation a farce, and the mayor disagreed.</p>\n"
            "<p>Works will start in March and last until the end of the year, officials said.</p>\n"
            "</article><footer>Bridge repairs: call the council</footer></body></html>\n")
    text = html_text(page, "page.html")
    locator = Locator(text, page, "html")
    region = locator.region(*spans(text, "so-called")[0])
    assert region is not None and (region.start_line, region.start_column) == (3, 23)
    assert text.startswith("A farce, say critics\n\n")  # the page's title, analysed first
    title_farce, body_farce = spans(text, "farce")
    # As often in the page as in the text: the first is the first, the second the second.
    found = [locator.region(*span) for span in (title_farce, body_farce)]
    assert [(r.start_line, r.start_column) for r in found if r is not None] == [(1, 22), (3, 48)]
    assert "Bridge repairs" not in text
    assert locator.region(*spans(text, "repairs")[0]) is None  # the dropped footer has it too


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="ab c*_`>#-[]()\n\r𝒜é", max_size=120), st.data())
def test_markdown_regions_are_always_honest(source, data):
    text = markdown_text(source)
    if not text:
        return
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    region = Locator(text, source, "markdown").region(start, end)
    if region is None:
        return
    lines = len(source.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    assert 1 <= region.start_line <= region.end_line <= lines
    if region.exact:
        assert source[region.char_offset:region.char_offset + region.char_length] == region.snippet
        assert _GAP.sub(" ", region.snippet) == _GAP.sub(" ", text[start:end].strip())
