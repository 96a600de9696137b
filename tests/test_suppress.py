from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric import analyze
from rhetoric.extract import html_comments, markdown
from rhetoric.read import read
from rhetoric.selection import covers
from rhetoric.suppress import Comment, Line, Suppression, apply, directive, in_plain_text, suppressions


def rules_in(path, lexicons):
    doc = read(str(path))
    report = analyze(doc.text, source=doc.source, suppressions=doc.suppressions, lexicons=lexicons)
    return [(f.rule, f.text) for f in report.findings if f.category.value == "loaded-term"], doc


@pytest.mark.parametrize(("body", "expected"), [
    (" rhetoric-disable ", ("disable", ("",))),
    ("rhetoric-disable-next-line loaded-term, hedge.hedge", ("disable-next-line", ("loaded-term", "hedge.hedge"))),
    (" rhetoric-enable loaded-term.label ", ("enable", ("loaded-term.label",))),
    (" rhetoric-disable hedge -- the source's own words ", ("disable", ("hedge",))),
    (" rhetoric-disable -- a quoted slogan ", ("disable", ("",))),
    (" a note ", None),
    (" rhetoric-disabled ", None),
])
def test_directive(body, expected):
    assert directive(body) == expected


def test_spans_pair_disable_and_enable_by_rule():
    comments = [Comment(" rhetoric-disable loaded-term ", 10, 1), Comment(" rhetoric-disable ", 20, 2),
                Comment(" rhetoric-enable loaded-term ", 30, 3), Comment(" rhetoric-disable-next-line hedge ", 40, 4)]
    lines = [Line(1, 0, 15), Line(5, 45, 60), Line(6, 61, 70)]
    assert set(suppressions(comments, lines, 100)) == {
        Suppression(10, 30, ("loaded-term",)), Suppression(20, 100, ("",)), Suppression(45, 60, ("hedge",))}


def test_enable_of_a_category_closes_its_rules_but_not_everything():
    comments = [Comment("rhetoric-disable loaded-term.label", 0, 0), Comment("rhetoric-disable", 5, 0),
                Comment("rhetoric-enable loaded-term", 9, 0)]
    assert set(suppressions(comments, [], 50)) == {Suppression(0, 9, ("loaded-term.label",)),
                                                    Suppression(5, 50, ("",))}


def test_markdown_block_comments_next_line_and_regions(tmp_path, lexicons):
    path = tmp_path / "a.md"
    path.write_text(
        "# The reckless plan\n\n"
        "<!-- rhetoric-disable-next-line loaded-term.emotive -->\n"
        "The reckless plan was\nslammed by critics.\n\n"
        "<!-- rhetoric-disable -->\n\n"
        "A reckless plan.\n\n- It was slammed.\n\n"
        "<!-- rhetoric-enable -->\n\n"
        "Another reckless plan.\n", encoding="utf-8")
    found, _ = rules_in(path, lexicons)
    # The heading and the paragraph's second line are kept; its first line and the region are not.
    assert [t for _, t in found] == ["reckless plan", "slammed", "reckless plan"]


def test_markdown_positions(tmp_path, lexicons):
    source = ("Calm words.\n\n<!-- rhetoric-disable-next-line -->\nThe reckless plan.\n\n"
              "Slammed here, <!-- rhetoric-disable loaded-term --> slammed there <!-- rhetoric-enable --> "
              "and slammed again.\n")
    extracted = markdown(source)
    spans = suppressions(extracted.comments, extracted.lines, len(extracted.text))
    text = extracted.text
    covered = {text[s.start:s.end] for s in spans}
    assert covered == {"The reckless plan.", " slammed there "}
    report = analyze(text, suppressions=spans, lexicons=lexicons)
    assert [text[f.start:f.end] for f in report.findings if f.category.value == "loaded-term"] == [
        "Slammed", "slammed"]
    assert report.findings[-1].start > text.index("again") - 10


def test_markdown_next_line_covers_one_source_line_of_a_paragraph():
    extracted = markdown("<!-- rhetoric-disable-next-line -->\nThe reckless plan was\nslammed by critics.\n")
    (span,) = suppressions(extracted.comments, extracted.lines, len(extracted.text))
    assert extracted.text[span.start:span.end] == "The reckless plan was"


def test_markdown_comments_after_front_matter_keep_their_lines():
    extracted = markdown("---\ntitle: A reckless plan\n---\n<!-- rhetoric-disable-next-line -->\n"
                         "The reckless plan was\nslammed by critics.\n")
    (span,) = suppressions(extracted.comments, extracted.lines, len(extracted.text))
    assert extracted.text[span.start:span.end] == "The reckless plan was"
    assert extracted.text.startswith("A reckless plan\n\n")


def test_comments_in_code_are_not_directives():
    extracted = markdown("```\n<!-- rhetoric-disable -->\n```\n\nThe reckless plan.\n")
    assert suppressions(extracted.comments, extracted.lines, len(extracted.text)) == ()


def test_markdown_file_through_read(tmp_path, lexicons):
    path = tmp_path / "a.md"
    path.write_text("The reckless plan.\n\n<!-- rhetoric-disable-next-line loaded-term -->\nThe reckless plan.\n\n"
                    "<!-- rhetoric-disable-next-line hedge -->\nThe reckless plan.\n", encoding="utf-8")
    found, doc = rules_in(path, lexicons)
    assert len(found) == 2
    first, third = (f for f in analyze(doc.text, suppressions=doc.suppressions, lexicons=lexicons).findings
                    if f.category.value == "loaded-term")
    assert first.start < doc.text.index("\n") < doc.text.rindex("The") <= third.start


HTML = """<html><head><title>t</title><script>var a = "<!-- rhetoric-disable -->";</script></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>A council vote on the harbour bridge</h1>
<p>The council met on Tuesday to discuss the plan for the harbour bridge, which has been debated for years.</p>
<!-- rhetoric-disable-next-line loaded-term -->
<p>Opponents said the reckless plan would waste money that the town needs for its schools and roads.</p>
<p>Supporters said the reckless plan would bring visitors and trade to the harbour for decades to come.</p>
<!-- rhetoric-disable loaded-term.emotive -->
<p>A <b>reckless</b> plan, one councillor wrote in a letter to the local paper on Wednesday morning.</p>
<p>Another reckless plan had been rejected in 2019 after a long public consultation about its costs.</p>
<!-- rhetoric-enable -->
<p>The final reckless plan will go to a vote next month, when all nine councillors are expected to attend.</p>
</article>
<footer>Contact us</footer>
</body></html>
"""


def test_html_comments_are_placed_at_the_following_paragraph(tmp_path, lexicons):
    path = tmp_path / "a.html"
    path.write_text(HTML, encoding="utf-8")
    doc = read(str(path))
    report = analyze(doc.text, source=doc.source, suppressions=doc.suppressions, lexicons=lexicons)
    flagged = [f for f in report.findings if f.rule == "loaded-term.emotive"]
    sentences = [doc.text[doc.text.rfind("\n", 0, f.start) + 1:f.start] for f in flagged]
    assert [s.split()[0] for s in sentences] == ["Supporters", "The"]


def test_html_comment_after_the_last_text_suppresses_nothing():
    extracted = html_comments("<p>The reckless plan.</p><!-- rhetoric-disable-next-line -->", "The reckless plan.")
    assert suppressions(extracted.comments, extracted.lines, len(extracted.text)) == ()


def test_plain_text_honours_the_comments(lexicons):
    text = ("The reckless plan.\n<!-- rhetoric-disable-next-line -->\n\nThe reckless plan.\n"
            "The reckless plan. <!-- rhetoric-disable loaded-term --> The reckless plan.\n")
    spans = in_plain_text(text)
    report = analyze(text, suppressions=spans, lexicons=lexicons)
    starts = [f.start for f in report.findings if f.category.value == "loaded-term"]
    lines = [text.count("\n", 0, s) for s in starts]
    assert lines == [0, 4]
    assert in_plain_text("No comments at all.") == ()


def test_plain_text_file_through_read(tmp_path):
    # read() looks for "rhetoric-" itself before importing this module: the same spans, and none without it.
    path = tmp_path / "a.txt"
    text = "The reckless plan.\n<!-- rhetoric-disable-next-line -->\nThe reckless plan.\n"
    path.write_text(text, encoding="utf-8")
    assert read(str(path)).suppressions == in_plain_text(text) != ()
    path.write_text("The reckless plan.\n<!-- a note -->\nThe reckless plan.\n", encoding="utf-8")
    assert read(str(path)).suppressions == ()


def test_apply_keeps_findings_outside_or_of_other_rules():
    from rhetoric.findings import Category, Finding, Severity

    f = Finding("hedge.hedge", Category.HEDGE, Severity.INFO, 5, 9, "may", "m")
    assert apply([f], [Suppression(0, 5, ("",))]) == [f]
    assert apply([f], [Suppression(5, 6, ("loaded-term",))]) == [f]
    assert apply([f], [Suppression(5, 6, ("hedge",))]) == []


_RULES = st.sampled_from(["hedge.hedge", "loaded-term.emotive", "loaded-term.label", "weasel.vague-source"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), _RULES), max_size=12),
       st.lists(st.tuples(st.integers(0, 30), st.integers(0, 12),
                          st.lists(st.sampled_from(["", "hedge", "loaded-term", "loaded-term.label", "weasel"]),
                                   min_size=1, max_size=2).map(tuple)), max_size=8))
def test_apply_drops_what_a_span_holding_the_finding_covers_keeping_the_order(found, spans):
    # Met in the order of their starts beside the spans open there, the findings must fare as when each
    # is held against every span, and come back in their own order.
    from rhetoric.findings import Category, Finding, Severity

    findings = [Finding(rule, Category.HEDGE, Severity.INFO, start, start + 3, "x", "m") for start, rule in found]
    spans = [Suppression(start, start + length, rules) for start, length, rules in spans]
    kept = [f for f in findings
            if not any(s.start <= f.start < s.end and any(covers(r, f.rule) for r in s.rules) for s in spans)]
    assert apply(findings, spans) == kept


PIECES = ["The reckless plan", " was slammed", "\n", "\n\n", "<!-- rhetoric-disable -->", "<!-- rhetoric-enable -->",
          "<!-- rhetoric-disable-next-line loaded-term -->", "# ", "- ", "> ", "`code`", "**bold**", "    ", "<div>",
          "```\n", "é", "  \n"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_markdown_offsets_stay_inside_the_prose(pieces):
    extracted = markdown("".join(pieces))
    n = len(extracted.text)
    assert all(0 <= c.offset <= n for c in extracted.comments)
    assert all(0 <= ln.start < ln.end <= n for ln in extracted.lines)
    assert all(0 <= s.start < s.end <= n for s in suppressions(extracted.comments, extracted.lines, n))
