from __future__ import annotations

import csv
import io
import json
import re
import shutil

import pytest
from typer.testing import CliRunner

from rhetoric.cli import app
from tests.conftest import SAMPLES

OPINION = SAMPLES / "opinion-transit-levy.txt"
QUESTIONS = "Who will pay for this? The reckless plan was slammed. Is it any wonder that voters are angry?\n"


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input)


def rules(result) -> set[str]:
    return {f["rule"] for f in json.loads(result.stdout)["findings"]}


@pytest.fixture
def tree(tmp_path):
    """Two folders: one with a project file selecting rhetorical questions only, one without."""
    (tmp_path / "quiet").mkdir()
    (tmp_path / "quiet" / ".rhetoric.toml").write_text('select = ["rhetorical-question"]\n', encoding="utf-8")
    (tmp_path / "loud").mkdir()
    for folder in ("quiet", "loud"):
        for n in range(3):
            (tmp_path / folder / f"{n}.txt").write_text(QUESTIONS, encoding="utf-8")
    return tmp_path


def test_exit_0_without_limits_and_1_with_a_breach_line_per_limit():
    assert run("analyze", str(OPINION), "--no-text").exit_code == 0
    result = run("analyze", str(OPINION), "--format", "json", "--fail-on", "warning", "--max", "loaded-term=1",
                 "--max", "rhetorical-question=1000")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2
    assert re.fullmatch(rf"rhetoric: {re.escape(str(OPINION))}: fail-on warning exceeded: \d+ findings at or above "
                        r"warning, allowed 0", lines[0])
    assert re.fullmatch(rf"rhetoric: {re.escape(str(OPINION))}: max loaded-term exceeded: [\d.]+ per 1,000 words, "
                        r"allowed 1", lines[1])
    json.loads(result.stdout)  # the report is still written whole


def test_limits_from_a_config_file(tmp_path):
    shutil.copy(OPINION, tmp_path / "a.txt")
    (tmp_path / ".rhetoric.toml").write_text("[max]\nloaded-term = 0.5\n", encoding="utf-8")
    result = run("analyze", str(tmp_path / "a.txt"), "--no-text")
    assert result.exit_code == 1 and "max loaded-term exceeded" in result.stderr
    assert run("analyze", str(tmp_path / "a.txt"), "--no-text", "--max", "loaded-term=1000").exit_code == 0


def test_input_errors_win_over_breaches(tmp_path):
    result = run("analyze", str(OPINION), str(tmp_path / "missing.txt"), "--fail-on", "info", "--format", "jsonl")
    assert result.exit_code == 2
    assert "fail-on info exceeded" in result.stderr and "no such file" in result.stderr


@pytest.mark.parametrize("args", [
    ["--select", "loaded-terms"], ["--max", "loaded-term"], ["--fail-on", "loud"], ["--lexicon", "nope.toml"],
    ["--config", "nope.toml"], ["--config", "x.toml", "--no-config"],
])
def test_usage_errors_exit_2_before_anything_is_analysed(args):
    result = run("analyze", str(OPINION), "--format", "jsonl", *args)
    assert result.exit_code == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_malformed_config_stops_the_run_with_file_and_line(tmp_path):
    shutil.copy(OPINION, tmp_path / "a.txt")
    (tmp_path / ".rhetoric.toml").write_text('\nfail-on = "sometimes"\n', encoding="utf-8")
    result = run("analyze", str(tmp_path / "a.txt"), "--format", "jsonl")
    assert result.exit_code == 2 and result.stdout == ""
    assert f"{tmp_path / '.rhetoric.toml'}:2: 'fail-on': expected one of" in result.stderr


def test_malformed_lexicon_stops_the_run(tmp_path):
    bad = tmp_path / "house.toml"
    bad.write_text('[family]\nrule = "loaded-term.label"\n[[entry]]\nterm = "x"\n', encoding="utf-8")
    result = run("analyze", str(OPINION), "--format", "jsonl", "--lexicon", str(bad))
    assert result.exit_code == 2 and result.stdout == ""
    assert f"{bad}:3: [[entry]] #1: missing required key 'message'" in result.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_each_folder_gets_its_own_config_in_every_worker(tree, jobs):
    result = run("analyze", str(tree), "--format", "jsonl", "-j", jobs)
    assert result.exit_code == 0
    by_folder: dict[str, set[str]] = {}
    for line in result.stdout.splitlines():
        obj = json.loads(line)
        folder = obj["source"]["path"].split("/")[-2]
        by_folder.setdefault(folder, set()).update(f["rule"] for f in obj["findings"])
    assert by_folder["quiet"] == {"rhetorical-question.question"}
    assert by_folder["loud"] > {"rhetorical-question.question", "loaded-term.emotive"}


def test_select_is_applied_alike_in_every_format(tmp_path):
    args = [str(OPINION), "--select", "rhetorical-question,scare-quote", "-j", "1"]
    assert rules(run("analyze", *args, "--format", "json")) <= {"rhetorical-question.question",
                                                                "scare-quote.distancing", "scare-quote.so-called"}
    obj = json.loads(run("analyze", *args, "--format", "jsonl").stdout)
    assert obj["scores"]["counts"]["loaded-term"] == 0 and obj["scores"]["counts"]["rhetorical-question"] > 0
    row = next(csv.DictReader(io.StringIO(run("analyze", *args, "--format", "csv").stdout)))
    assert row["loaded-term_per_1000"] == "0" and float(row["rhetorical-question_per_1000"]) > 0
    page = run("analyze", *args, "--format", "html").stdout
    data = json.loads(re.search(r'id="findings">(.*?)</script>', page, re.S).group(1))
    assert data and {f["category"] for f in data} <= {"rhetorical-question", "scare-quote"}
    text = run("analyze", *args, "--no-color").stdout
    assert "Rhetorical questions (" in text and "Loaded terms (" not in text
    summary = run("analyze", str(SAMPLES), *args[1:], "--no-color").stdout
    rows = [ln.split() for ln in summary.splitlines() if ".txt" in ln]
    assert rows and all(r[2] == r[4] == "0.0" for r in rows)  # loaded and unsourced are not selected
    folder = run("analyze", str(SAMPLES), *args[1:], "--format", "html", "--output", str(tmp_path / "site"))
    assert folder.exit_code == 0
    for page in (tmp_path / "site").glob("0*.html"):
        data = json.loads(re.search(r'id="findings">(.*?)</script>', page.read_text(encoding="utf-8"), re.S).group(1))
        assert {f["category"] for f in data} <= {"rhetorical-question", "scare-quote"}


def test_min_severity_hides_findings_and_their_scores():
    every = json.loads(run("analyze", str(OPINION), "--format", "json").stdout)
    warned = json.loads(run("analyze", str(OPINION), "--format", "json", "--min-severity", "warning").stdout)
    assert {f["severity"] for f in every["findings"]} >= {"info", "warning"}
    assert {f["severity"] for f in warned["findings"]} <= {"warning", "error"}
    assert warned["scores"]["counts"]["unsourced-assertion"] == 0 < every["scores"]["counts"]["unsourced-assertion"]


def test_severity_override_and_fail_on_work_together():
    args = ["analyze", str(OPINION), "--format", "json", "--select", "loaded-term", "--fail-on", "error"]
    assert run(*args, "--severity", "loaded-term=warning").exit_code == 0
    raised = run(*args, "--severity", "loaded-term=error")
    assert raised.exit_code == 1
    assert {f["severity"] for f in json.loads(raised.stdout)["findings"]} == {"error"}


def test_own_lexicon_and_allow_on_the_command_line(tmp_path):
    lex = tmp_path / "house.toml"
    lex.write_text('[family]\nrule = "editorializing.house"\ncategory = "editorializing"\ndescription = "d"\n'
                   'should_flag = ["a"]\nshould_pass = ["b"]\n[[entry]]\nterm = "transit levy"\nmessage = "m"\n'
                   'why = "w"\n', encoding="utf-8")
    result = run("analyze", "-", "--format", "json", "--lexicon", str(lex), "--select", "editorializing.house",
                 input="The transit levy passed. The reckless plan was slammed.")
    assert rules(result) == {"editorializing.house"}
    allowed = run("analyze", "-", "--format", "json", "--allow", "reckless", "--allow", "slam",
                  input="The reckless plan was slammed.")
    assert not any(f["category"] == "loaded-term" for f in json.loads(allowed.stdout)["findings"])


def test_suppression_comments_through_the_command_line(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# News\n\nThe reckless plan.\n\n<!-- rhetoric-disable-next-line loaded-term -->\n"
                    "The reckless plan.\n", encoding="utf-8")
    obj = json.loads(run("analyze", str(path), "--format", "json").stdout)
    loaded = [f for f in obj["findings"] if f["category"] == "loaded-term"]
    assert len(loaded) == 1 and loaded[0]["line"] == 3


def test_config_command_shows_values_and_origins(tree):
    result = run("config", str(tree / "quiet" / "0.txt"), "--fail-on", "warning")
    assert result.exit_code == 0
    out = result.stdout
    assert f"# read from {tree / 'quiet' / '.rhetoric.toml'}" in out
    assert re.search(rf'select = \["rhetorical-question"\]\s+# {re.escape(str(tree / "quiet" / ".rhetoric.toml"))}:1',
                     out)
    assert re.search(r'fail-on = "warning"\s+# command line', out)
    assert re.search(r"include-quoted = false\s+# default", out)
    assert "built-in defaults" in run("config", str(tree / "loud")).stdout


def test_config_command_errors_exit_2(tree, tmp_path):
    assert run("config", str(tmp_path / "nowhere")).exit_code == 2
    (tree / "quiet" / ".rhetoric.toml").write_text('select = ["rhetorical-questions"]\n', encoding="utf-8")
    result = run("config", str(tree / "quiet"))
    assert result.exit_code == 2
    assert "1: 'select': unknown rule or category 'rhetorical-questions'; did you mean" in result.stderr


def test_help_documents_exit_statuses():
    text = run("analyze", "--help").stdout
    for needle in ("0 when", "1 when", "2 when", "130"):
        assert needle in text


def test_rules_lists_the_configured_lexicons(tmp_path, monkeypatch):
    (tmp_path / "house.toml").write_text(
        '[family]\nrule = "editorializing.house"\ncategory = "editorializing"\ndescription = "Our house words."\n'
        'should_flag = ["a"]\nshould_pass = ["b"]\n[[entry]]\nterm = "transit levy"\nmessage = "m"\nwhy = "w"\n',
        encoding="utf-8")
    (tmp_path / ".rhetoric.toml").write_text('lexicons = ["house.toml"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert "editorializing.house" in run("rules").stdout
    assert "Our house words." in run("rules", "editorializing.house").stdout
    assert "editorializing.house" not in run("rules", "--no-config").stdout
    (tmp_path / ".rhetoric.toml").write_text('lexicons = ["gone.toml"]\n', encoding="utf-8")
    assert run("rules").exit_code == 2


def test_a_suppression_comment_naming_no_rule_is_reported(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("The reckless plan.\n\n<!-- rhetoric-disable-next-line loaded-tem -->\nThe reckless plan.\n",
                    encoding="utf-8")
    result = run("analyze", str(path), "--format", "json")
    assert result.exit_code == 0
    assert "'loaded-tem', which is no rule or category (did you mean 'loaded-term'" in result.stderr
    assert len([f for f in json.loads(result.stdout)["findings"] if f["category"] == "loaded-term"]) == 2
