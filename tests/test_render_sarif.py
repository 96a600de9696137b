from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from rhetoric import analyze
from rhetoric.cli import app
from rhetoric.errors import InputError
from rhetoric.render import sarif
from rhetoric.rules import all_rules
from tests.conftest import SAMPLES

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
QUOTED_AND_AUTHOR = ("“These thugs are destroying our city,” the mayor said on Monday. "
                     "Clearly, the so-called reform was a disaster, and the thugs stayed.\n")
# RFC 3986 characters; anything else in a URI must be percent-encoded.
URI_CHARS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")


def validate(log: dict) -> None:
    """Validate against the official schema, and the URIs, whose format the validator does not check."""
    jsonschema.Draft7Validator(SCHEMA).validate(log)
    run = log["runs"][0]
    for result in run["results"]:
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"].get("uri")
        assert uri is None or URI_CHARS.fullmatch(uri), uri
        rule = run["tool"]["driver"]["rules"][result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]


def sarif_of(*args: str, input: str | None = None) -> tuple[int, dict]:
    result = CliRunner().invoke(app, ["analyze", *args, "--format", "sarif"], input=input)
    return result.exit_code, json.loads(result.stdout)


def test_single_file_is_one_run_with_every_rule(tmp_path, monkeypatch, lexicons):
    monkeypatch.chdir(tmp_path)
    text = "The so-called experts were wrong.\nFares have doubled since 2019.\n"
    Path("article.txt").write_text(text, encoding="utf-8")
    code, log = sarif_of("article.txt")
    assert code == 0
    validate(log)
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"] == [{"executionSuccessful": True}]
    driver = run["tool"]["driver"]
    assert driver["name"] == "rhetoric"
    assert [r["id"] for r in driver["rules"]] == [r.id for r in all_rules(lexicons)]
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in driver["rules"]}
    assert levels["loaded-term.dehumanizing"] == "error" and levels["hedge.hedge"] == "note"
    by_rule = {r["ruleId"]: r for r in run["results"]}
    so_called = by_rule["scare-quote.so-called"]
    assert so_called["level"] == "warning"
    assert "Try: " in so_called["message"]["text"]
    location = so_called["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "article.txt"}
    assert location["region"] == {"startLine": 1, "startColumn": 5, "endLine": 1, "endColumn": 14,
                                  "charOffset": 4, "charLength": 9, "snippet": {"text": "so-called"}}
    claim = by_rule["unsourced-assertion.claim"]
    assert claim["level"] == "note"
    assert claim["locations"][0]["physicalLocation"]["region"]["startLine"] == 2


def test_regions_are_the_spans_of_the_file():
    code, log = sarif_of(str(SAMPLES / "the-russians-are-coming.txt"))
    assert code == 0
    validate(log)
    text = (SAMPLES / "the-russians-are-coming.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    assert len(log["runs"][0]["results"]) > 20
    for result in log["runs"][0]["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        start, length = region["charOffset"], region["charLength"]
        assert text[start:start + length] == region["snippet"]["text"]
        assert sum(len(ln) + 1 for ln in lines[:region["startLine"] - 1]) + region["startColumn"] - 1 == start


def test_folder_with_an_unreadable_file(tmp_path, monkeypatch):
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")  # the files lie outside it: absolute file URIs
    (tmp_path / "good.txt").write_text("Clearly, the so-called reform failed.", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    code, log = sarif_of(str(tmp_path))
    assert code == 2
    validate(log)
    [invocation] = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert "binary" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("/binary.txt")
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert len(uris) == 1 and uris.pop().startswith("file:///")


def test_quoted_findings_only_with_include_quoted(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_text(QUOTED_AND_AUTHOR, encoding="utf-8")
    _, log = sarif_of(str(path))
    validate(log)
    assert {r["properties"]["voice"] for r in log["runs"][0]["results"]} == {"author"}
    _, log = sarif_of(str(path), "--include-quoted")
    validate(log)
    quoted = [r for r in log["runs"][0]["results"] if r["properties"]["voice"] == "quoted"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startColumn"]) for r in quoted] == [
        ("loaded-term.label", 8)]
    assert quoted[0]["level"] == "note"  # the rule itself is a warning
    assert quoted[0]["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == "thugs"
    # The writer's "thugs" keeps its fingerprint whether or not the quoted one is shown.
    author = [r["partialFingerprints"] for r in log["runs"][0]["results"] if r["properties"]["voice"] == "author"]
    _, log = sarif_of(str(path))
    assert [r["partialFingerprints"] for r in log["runs"][0]["results"]] == author


def test_empty_report_and_empty_log(lexicons):
    report = analyze("The council met on Tuesday.")
    assert sarif.results(report) == []
    log = sarif.log([sarif.results(report)], [], all_rules(lexicons))
    validate(log)
    assert log["runs"][0]["results"] == []
    validate(sarif.log([], [("gone.txt", InputError("no such file", path="gone.txt"))], []))


def test_columns_count_code_points_not_utf16_units(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("astral.txt").write_text("𝒜𝒜 é\nThe 😀 so-called experts erred.\n", encoding="utf-8")
    _, log = sarif_of("astral.txt")
    validate(log)
    [result] = [r for r in log["runs"][0]["results"] if r["ruleId"] == "scare-quote.so-called"]
    region = result["locations"][0]["physicalLocation"]["region"]
    # Line 2 is "The 😀 so-called": six code points before the word (eight UTF-16 units).
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (2, 7, 16)
    assert region["charOffset"] == len("𝒜𝒜 é\nThe 😀 ")


def test_uri_is_relative_and_percent_encoded(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "my notes"
    folder.mkdir()
    (folder / "ü#1.txt").write_text("The so-called experts.", encoding="utf-8")
    _, log = sarif_of(str(folder / "ü#1.txt"))
    validate(log)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "my%20notes/%C3%BC%231.txt"


def _so_called_in_markdown(source: str) -> list[dict]:
    """Write `source` as post.md in the current folder; return the SARIF results of its "so-called"s."""
    Path("post.md").write_text(source, encoding="utf-8")
    _, log = sarif_of("post.md")
    validate(log)
    return [r for r in log["runs"][0]["results"] if r["ruleId"] == "scare-quote.so-called"]


def test_markdown_regions_point_into_the_markdown_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    results = _so_called_in_markdown("# A title\n\nSome *so-called* experts\nsaid it.\n\n"
                                     "See [so-called](https://example.org/so-called) things.\n")
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in results]
    # Found in its paragraph's source line; the link's URL repeats the word, so only the line is certain.
    assert regions == [
        {"startLine": 3, "startColumn": 7, "endLine": 3, "endColumn": 16, "charOffset": 17, "charLength": 9,
         "snippet": {"text": "so-called"}},
        {"startLine": 6, "endLine": 6, "snippet": {"text": "so-called"}},
    ]
    messages = [r["message"]["text"] for r in results]
    assert not messages[0].endswith("(“so-called”)") and messages[1].endswith("(“so-called”)")


def test_a_finding_in_a_markdown_footnote_points_at_its_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    results = _so_called_in_markdown("The plan passed.[^1]\n\n[^1]: The so-called experts\n    disagreed.\n\n"
                                     "Later the so-called fix came.\n")
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results] == [3, 6]


def test_standard_input_has_a_description_not_a_uri():
    code, log = sarif_of("-", input="Clearly, the so-called experts were wrong.")
    assert code == 0
    validate(log)
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"description": {"text": "standard input"}}
    code, log = sarif_of("-", input="")
    assert code == 2
    validate(log)
    [note] = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"] == {"description": {"text": "standard input"}}


def test_fingerprints_survive_edits_elsewhere_in_the_file():
    before = analyze("The so-called plan. The so-called fix.")
    after = analyze("A new first paragraph.\n\nThe so-called plan, revised. The so-called fix.")

    def prints(report):
        return [r["partialFingerprints"] for r in sarif.results(report)
                if r["ruleId"] == "scare-quote.so-called"]

    assert prints(before) == prints(after)
    assert len({json.dumps(p) for p in prints(before)}) == 2  # the two occurrences stay apart


@pytest.mark.parametrize(("description", "headline"), [
    ("Dehumanizing language: words that liken people to animals.", "Dehumanizing language"),
    ("Marks around a word; titles are told apart.", "Marks around a word"),
    ("A question in the writer's voice.", "A question in the writer's voice."),
])
def test_rule_short_description_is_the_headline(description, headline):
    assert sarif._headline(description) == headline


def test_worker_processes_give_the_same_log():
    _, one = sarif_of(str(SAMPLES), "--jobs", "1")
    _, two = sarif_of(str(SAMPLES), "--jobs", "2")
    validate(two)
    assert one == two
    assert len({r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                for r in two["runs"][0]["results"]}) == 5


def test_a_file_analysed_despite_a_warning_has_a_warning_notification(tmp_path, monkeypatch):
    # As on stderr: a Markdown code fence never closed hid what follows it from the analysis.
    monkeypatch.chdir(tmp_path)
    Path("notes.md").write_text("The reckless plan was approved.\n\n~~~\n\nMore prose here.\n", encoding="utf-8")
    code, log = sarif_of("notes.md")
    assert code == 0
    validate(log)
    [invocation] = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is True
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "warning" and "never closed" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "notes.md"
