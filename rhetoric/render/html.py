"""A self-contained HTML report: the article with its findings highlighted, and the scores beside it.

The article is untrusted text: every piece of it is escaped, the findings travel as JSON
inside a non-executable script element with "<" escaped, and the page loads nothing.
"""

from __future__ import annotations

import html
import json
from bisect import bisect_right
from typing import TYPE_CHECKING

from ..findings import Category, Voice
from ..report import Report
from . import size_line
from .json import to_dict

if TYPE_CHECKING:
    from ..compare import Comparison
    from ..summary import Row

COLOURS = {
    Category.LOADED_TERM: "#f8b4b4",
    Category.SCARE_QUOTE: "#e9b8f5",
    Category.UNSOURCED_ASSERTION: "#e0a800",
    Category.WEASEL: "#fcd5a5",
    Category.HEDGE: "#b5e8f0",
    Category.BOOSTER: "#bfd4fb",
    Category.EDITORIALIZING: "#bbf0c9",
    Category.RHETORICAL_QUESTION: "#d9d9f7",
}

_CSS = """
:root { font-family: Georgia, 'Times New Roman', serif; color: #222; background: #fafaf7; }
body { margin: 0; }
header { padding: 1rem 1.5rem; border-bottom: 1px solid #ddd; background: #fff; }
header h1 { font-size: 1.3rem; margin: 0 0 .3rem; }
header p { margin: 0; color: #555; font-family: system-ui, sans-serif; font-size: .9rem; }
header p.warning { margin-top: .4rem; color: #8a4b00; }
main { display: flex; flex-wrap: wrap; gap: 1.5rem; padding: 1rem 1.5rem; }
article { flex: 3 1 32rem; max-width: 46rem; line-height: 1.65; font-size: 1.05rem; }
article p { margin: 0 0 1rem; white-space: pre-wrap; }
aside { flex: 1 1 18rem; font-family: system-ui, sans-serif; font-size: .9rem; }
aside section { background: #fff; border: 1px solid #e3e3e3; border-radius: 6px; padding: .8rem; margin-bottom: 1rem; }
aside h2 { font-size: 1rem; margin: 0 0 .5rem; }
table { border-collapse: collapse; width: 100%; }
td { padding: .15rem .3rem; border-bottom: 1px solid #f0f0f0; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.bar { height: .7rem; border-radius: 2px; min-width: 1px; }
.bar.c-unsourced-assertion { background: #e0a800; text-decoration: none; }
.q { font-style: italic; color: #555; }
.f { border-radius: 2px; cursor: pointer; }
.f:focus { outline: 2px solid #333; }
#tip { position: absolute; display: none; max-width: 24rem; background: #fff; border: 1px solid #999;
       border-radius: 6px; padding: .6rem .8rem; box-shadow: 0 2px 8px rgba(0,0,0,.2);
       font-family: system-ui, sans-serif; font-size: .85rem; line-height: 1.4; z-index: 10; }
#tip .rule { color: #666; font-family: ui-monospace, monospace; font-size: .8rem; }
label { display: block; }
.paras { display: flex; align-items: flex-end; gap: 1px; height: 4rem; }
.paras div { flex: 1; background: #d33; }
.paras div.u { background: #e0a800; }
ol.findings li { margin-bottom: .4rem; }
@media (max-width: 40rem) { main { padding: .5rem; } article { font-size: 1rem; } }
"""

_SCRIPT = """
(function () {
  var data = JSON.parse(document.getElementById('findings').textContent);
  var tip = document.getElementById('tip');
  function show(el) {
    var ids = el.getAttribute('data-f').split(' ');
    tip.textContent = '';
    ids.forEach(function (i) {
      var f = data[+i];
      if (document.body.classList.contains('hide-' + f.category)) return;
      var box = document.createElement('div');
      var b = document.createElement('b'); b.textContent = f.message; box.appendChild(b);
      var r = document.createElement('div'); r.className = 'rule';
      r.textContent = f.rule + (f.voice === 'quoted' ? ' (quoted speech)' : ''); box.appendChild(r);
      if (f.why) { var w = document.createElement('div'); w.textContent = f.why; box.appendChild(w); }
      if (f.alternative) { var a = document.createElement('div'); a.textContent = 'Try: ' + f.alternative; box.appendChild(a); }
      tip.appendChild(box);
    });
    if (!tip.childNodes.length) { tip.style.display = 'none'; return; }
    var rect = el.getBoundingClientRect();
    tip.style.left = (window.scrollX + rect.left) + 'px';
    tip.style.top = (window.scrollY + rect.bottom + 4) + 'px';
    tip.style.display = 'block';
  }
  document.querySelectorAll('.f').forEach(function (el) {
    el.addEventListener('mouseenter', function () { show(el); });
    el.addEventListener('focus', function () { show(el); });
    el.addEventListener('click', function () { show(el); });
    el.addEventListener('mouseleave', function () { tip.style.display = 'none'; });
  });
  document.querySelectorAll('input[data-cat]').forEach(function (box) {
    box.addEventListener('change', function () {
      document.body.classList.toggle('hide-' + box.getAttribute('data-cat'), !box.checked);
    });
  });
})();
"""


def render(report: Report) -> str:
    """Return the whole HTML page of one report."""
    obj = to_dict(report)
    cats = list(Category)
    hide_rules = "\n".join(
        f"body.hide-{c.value} .c-{c.value} {{ background: none !important; text-decoration: none !important; }}"
        for c in cats
    )
    # Whole sentences (unsourced claims) are underlined, so the words flagged inside them stay visible.
    colour_rules = "\n".join(
        f".c-{c.value} {{ text-decoration: underline 2px {COLOURS[c]}; text-underline-offset: 3px; }}"
        if c is Category.UNSOURCED_ASSERTION else f".c-{c.value} {{ background: {COLOURS[c]}; }}"
        for c in cats
    )
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # No network: nothing may be fetched when the page is opened.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">",
        f"<title>{_e(report.title or 'rhetoric report')} · rhetoric</title>",
        f"<style>{_CSS}\n{colour_rules}\n{hide_rules}</style></head><body>",
        _header(report),
        "<main>",
        f"<article>{_article(report)}</article>",
        f"<aside>{_panel(report)}</aside>",
        "</main>",
        '<div id="tip" role="tooltip"></div>',
        '<script type="application/json" id="findings">' + _json_for_script(obj["findings"]) + "</script>",
        f"<script>{_SCRIPT}</script>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _json_for_script(value: object) -> str:
    # "<" never appears raw, so no "</script>" or "<!--" in the article can end the element.
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e") \
        .replace("&", "\\u0026")


def _header(report: Report) -> str:
    # The warnings of the file's reading and analysis: whoever opens the page never saw them on stderr.
    warned = "".join(f'<p class="warning">Warning: {_e(w)}</p>' for w in report.source.warnings)
    return (f"<header><h1>{_e(report.title or '(untitled)')}</h1><p>{size_line(report)} · "
            f"{_e(report.source.path)}</p>{warned}</header>")


def _article(report: Report) -> str:
    """Return the article as paragraphs of escaped text, each finding a focusable highlight."""
    text = report.text
    findings = list(report.findings)
    quotes = [q for q in report.document.quotations if q.depth == 0]
    bounds = {0, len(text)}
    for f in findings:
        bounds.update((f.start, f.end))
    for q in quotes:
        bounds.update((q.start, q.end))
    for p in report.document.paragraphs:
        bounds.update((p.start, p.end))
    cuts = sorted(bounds)
    # Sweep the cut points once, keeping the findings and quotations open at each piece.
    opens: dict[int, list[int]] = {}
    for i, f in enumerate(findings):
        if f.start < f.end:
            opens.setdefault(f.start, []).append(i)
    quote_opens = {q.start: q.end for q in quotes}
    para_starts = [p.start for p in report.document.paragraphs]
    active: set[int] = set()
    quote_end = -1
    out: list[str] = []
    current_para = -1
    for a, b in zip(cuts, cuts[1:]):
        active = {i for i in active if findings[i].end > a} | set(opens.get(a, ()))
        if a in quote_opens:
            quote_end = max(quote_end, quote_opens[a])
        para_index = bisect_right(para_starts, a) - 1
        para = report.document.paragraphs[para_index] if para_index >= 0 else None
        if para is None or not (para.start <= a < para.end):
            continue  # the white space between paragraphs
        if para_index != current_para:
            if current_para >= 0:
                out.append("</p>")
            out.append(f'<p id="p{para_index}">')
            current_para = para_index
        chunk = _e(text[a:b])
        if a < quote_end:
            chunk = f'<span class="q">{chunk}</span>'
        if active:
            ids = sorted(active)
            classes = " ".join(sorted({f"c-{findings[i].category.value}" for i in ids}))
            chunk = f'<span class="f {classes}" tabindex="0" data-f="{" ".join(map(str, ids))}">{chunk}</span>'
        out.append(chunk)
    if current_para >= 0:
        out.append("</p>")
    return "".join(out)


def _panel(report: Report) -> str:
    s = report.scores
    counts = dict(s.counts)
    densest = max((d or 0.0 for _, d in s.densities), default=0.0) or 1.0
    rows = []
    for cat, density in s.densities:
        width = 100 * (density or 0.0) / densest
        rows.append(
            f'<tr><td><label><input type="checkbox" checked data-cat="{cat.value}"> {_e(cat.label)}</label></td>'
            f'<td class="n">{counts[cat]}</td><td class="n">{_num(density)}</td>'
            f'<td style="width:30%"><div class="bar c-{cat.value}" style="width:{width:.0f}%"></div></td></tr>'
        )
    share = "n/a" if s.attributed_share is None else f"{100 * s.attributed_share:.0f}%"
    read = "".join(f"<tr><td>{_e(label)}</td><td class=\"n\">{_num(value)}</td></tr>"
                   for label, value in _readability(report))
    return (
        "<section><h2>Per 1,000 words (writer's voice)</h2>"
        "<p>How often each kind of finding occurs in the writer's own words; untick a box to hide its "
        "highlights.</p><table>" + "".join(rows) + "</table>"
        f"<p>{s.claims} sentences make checkable claims; {s.attributed_claims} ({share}) are credited to a "
        f"source. {s.quoted_findings} findings are in quoted speech (shown in italics) and are the "
        "speakers' words, not the writer's.</p></section>"
        "<section><h2>Where it sits</h2><p>Loaded terms (red) and unsourced claims (amber) by paragraph."
        f"</p>{_by_paragraph(report)}</section>"
        f"<section><h2>Readability</h2><table>{read}</table></section>"
        f"<section><h2>Findings</h2>{_finding_list(report)}</section>"
    )


def _by_paragraph(report: Report) -> str:
    paras = report.document.paragraphs
    starts = [p.start for p in paras]
    loaded = [0] * len(paras)
    unsourced = [0] * len(paras)
    for f in report.findings:
        if f.voice is not Voice.AUTHOR:
            continue
        i = bisect_right(starts, f.start) - 1
        if i < 0:
            continue
        if f.category is Category.LOADED_TERM:
            loaded[i] += 1
        elif f.category is Category.UNSOURCED_ASSERTION:
            unsourced[i] += 1
    top = max([*loaded, *unsourced, 1])
    bars = []
    for i, (n_loaded, n_unsourced) in enumerate(zip(loaded, unsourced)):
        bars.append(f'<div style="height:{100 * n_loaded / top:.0f}%" title="paragraph {i + 1}: '
                    f'{n_loaded} loaded"></div>')
        bars.append(f'<div class="u" style="height:{100 * n_unsourced / top:.0f}%" title="paragraph {i + 1}: '
                    f'{n_unsourced} unsourced"></div>')
    return f'<div class="paras">{"".join(bars)}</div>'


def _finding_list(report: Report) -> str:
    items = []
    for f in report.findings:
        line, col = report.document.line_col(f.start)
        quoted = " <i>(quoted speech)</i>" if f.voice is Voice.QUOTED else ""
        excerpt = f.text if len(f.text) <= 80 else f.text[:77] + "…"
        items.append(f'<li class="c-{f.category.value}-item"><b>{line}:{col}</b> “{_e(excerpt)}” — '
                     f"{_e(f.message)}{quoted}</li>")
    return f'<ol class="findings">{"".join(items)}</ol>' if items else "<p>No findings.</p>"


def _readability(report: Report) -> tuple[tuple[str, float | None], ...]:
    r = report.readability
    return (("Flesch reading ease", r.flesch_reading_ease), ("Flesch-Kincaid grade", r.flesch_kincaid_grade),
            ("Gunning fog", r.gunning_fog), ("SMOG", r.smog_index), ("Coleman-Liau", r.coleman_liau_index),
            ("ARI", r.automated_readability_index), ("Dale-Chall", r.dale_chall_readability_score),
            ("Consensus grade", r.text_standard))


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}"


def page_name(index: int, path: str) -> str:
    """Return the file name of an article's page in a folder report (numbered, so names never clash)."""
    import re
    from pathlib import Path

    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(path).stem).strip("-") or "article"
    return f"{index + 1:04d}-{stem}.html"


def index_page(rows: list[Row], names: list[str], failed: list[tuple[str, str]]) -> str:
    """Return the index page of a folder report: a sortable summary table linking to each article."""
    cats = list(Category)
    head = "".join(f'<th data-type="num">{_e(c.label)}</th>' for c in cats)
    body: list[str] = []
    for r, name in zip(rows, names):
        cells = "".join(f'<td class="n">{_num(r.densities[c.value])}</td>' for c in cats)
        share = "n/a" if r.attributed_share is None else f"{100 * r.attributed_share:.0f}"
        body.append(f'<tr><td><a href="{_e(name)}">{_e(r.path)}</a></td><td class="n">{r.words}</td>{cells}'
                    f'<td class="n">{share}</td><td class="n">{_num(r.grade)}</td></tr>')
    errors = "".join(f"<li>{_e(path)}: {_e(message)}</li>" for path, message in failed)
    script = """
document.querySelectorAll('th').forEach(function (th, col) {
  th.addEventListener('click', function () {
    var tbody = th.closest('table').tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var num = th.getAttribute('data-type') === 'num';
    // The first click sorts from the highest: most loaded, least sourced first.
    var asc = th.getAttribute('data-dir') === 'desc';
    var dir = asc ? 1 : -1;
    th.setAttribute('data-dir', asc ? 'asc' : 'desc');
    rows.sort(function (a, b) {
      var x = a.cells[col].textContent, y = b.cells[col].textContent;
      if (num) { x = parseFloat(x); y = parseFloat(y); x = isNaN(x) ? -1 : x; y = isNaN(y) ? -1 : y; }
      return (x > y ? 1 : x < y ? -1 : 0) * dir;
    });
    rows.forEach(function (r) { tbody.appendChild(r); });
  });
});
"""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
        f"<title>rhetoric: {len(rows)} articles</title><style>{_CSS}"
        "th { cursor: pointer; text-align: left; border-bottom: 2px solid #ccc; padding: .2rem .3rem; }"
        "main { display: block; font-family: system-ui, sans-serif; }</style></head><body>"
        f"<header><h1>{len(rows)} articles</h1><p>Per 1,000 words in the writer's voice; click a column to "
        "sort, an article to open its report.</p></header><main>"
        f"<table><thead><tr><th>Article</th><th data-type=\"num\">Words</th>{head}"
        '<th data-type="num">Claims attributed (%)</th><th data-type="num">FK grade</th></tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
        + (f"<h2>Could not be analysed</h2><ul>{errors}</ul>" if errors else "")
        + f"</main><script>{script}</script></body></html>\n"
    )


def comparison_page(comparison: Comparison) -> str:
    """Return a page putting two articles' scores side by side, with the loaded terms each alone uses."""
    from ..compare import difference, figure

    a, b = comparison.a, comparison.b
    rows = "".join(
        f'<tr><td>{_e(label)}</td><td class="n">{figure(x)}</td><td class="n">{figure(y)}</td>'
        f'<td class="n">{figure(difference(x, y), signed=True)}</td></tr>'
        for label, x, y in comparison.rows()
    )

    def terms(values: tuple[str, ...]) -> str:
        return ", ".join(f'<span class="c-loaded-term">{_e(t)}</span>' for t in values) or "none"

    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>rhetoric: comparison</title><style>{_CSS}.c-loaded-term {{ background: "
        f"{COLOURS[Category.LOADED_TERM]}; }} main {{ display: block; font-family: system-ui, sans-serif; }}"
        "</style></head><body>"
        f"<header><h1>Two articles compared</h1><p>(1) {_e(a.title)} — {_e(a.source.path)}<br>"
        f"(2) {_e(b.title)} — {_e(b.source.path)}</p></header><main>"
        "<table><thead><tr><th></th><th>(1)</th><th>(2)</th><th>(2) − (1)</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
        f"<h2>Loaded terms only in (1)</h2><p>{terms(comparison.only_a)}</p>"
        f"<h2>Loaded terms only in (2)</h2><p>{terms(comparison.only_b)}</p>"
        f"<h2>Used by both</h2><p>{terms(comparison.shared)}</p>"
        "<p>Densities count the writer's own words; quoted speech is left out. Claims attributed is the share "
        "of checkable sentences credited to an identifiable source.</p></main></body></html>\n"
    )
