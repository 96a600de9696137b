from __future__ import annotations

import json
from html.parser import HTMLParser

from typer.testing import CliRunner

from rhetoric import analyze
from rhetoric.cli import app
from rhetoric.render import html
from tests.conftest import SAMPLES

HOSTILE = (
    "The so-called <script>alert('x')</script> reform is disgraceful.\n\n"
    "Click <a href=\"javascript:alert(1)\">here</a> or see <img src=x onerror=alert(2)>.\n\n"
    "A stray </textarea> and </script><script>alert(3)</script> and <!-- comment --> end it."
)


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def test_hostile_article_text_cannot_run_or_break_the_page():
    page = html.render(analyze(HOSTILE))
    parser = _Elements()
    parser.feed(page)
    tags = [t for t, _ in parser.tags]
    assert "img" not in tags and "a" not in tags and "textarea" not in tags
    assert tags.count("script") == 2  # our findings data and our own script, nothing else
    assert not any(k.startswith("on") for _, attrs in parser.tags for k in attrs)
    data = json.loads(parser.scripts[0])  # the findings survive intact as data
    assert any("so-called" in f["text"] for f in data)
    assert "alert('x')" in page.replace("&#x27;", "'")  # shown as text, escaped


def test_page_is_self_contained_and_highlights_findings(reference_text):
    page = html.render(analyze(reference_text))
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page
    assert 'class="f c-scare-quote' in page and 'data-cat="loaded-term"' in page
    assert "Content-Security-Policy" in page


def test_the_page_shows_the_warnings_of_its_file(tmp_path):
    # Whoever opens a shared page never saw them on stderr: a code fence never closed hid what follows it.
    (tmp_path / "notes.md").write_text("The <b>plan</b> was approved.\n\n~~~\n\nMore prose here.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(tmp_path / "notes.md"), "--format", "html"])
    assert result.exit_code == 0
    assert '<p class="warning">Warning: the code fence ~~~ on line 3 is never closed' in result.stdout
    clean = CliRunner().invoke(app, ["analyze", str(SAMPLES / "wire-harbour-bridge.txt"), "--format", "html"])
    assert 'class="warning"' not in clean.stdout
