from __future__ import annotations

import json

from typer.testing import CliRunner

from rhetoric import analyze
from rhetoric.cli import app
from rhetoric.compare import compare, difference, figure
from tests.conftest import SAMPLES

OPINION = str(SAMPLES / "opinion-transit-levy.txt")
WIRE = str(SAMPLES / "wire-harbour-bridge.txt")


def test_loaded_terms_each_alone_uses():
    a = analyze("The reckless plan and the reckless tax were approved by the council on Monday.")
    b = analyze("The council approved a disgraceful plan on Monday after a long debate.")
    c = compare(a, b)
    assert c.only_a == ("reckless",) and c.only_b == ("disgraceful",) and c.shared == ()
    assert difference(1.0, 3.5) == 2.5 and difference(None, 1.0) is None


def test_compare_command_text_and_json():
    text = CliRunner().invoke(app, ["compare", OPINION, WIRE])
    assert text.exit_code == 0 and "Loaded terms only in" in text.stdout
    result = CliRunner().invoke(app, ["compare", OPINION, WIRE, "--format", "json"])
    obj = json.loads(result.stdout)
    assert obj["loaded_terms_only_in_first"] and not obj["loaded_terms_only_in_second"]
    loaded = next(r for r in obj["comparison"] if r["measure"].startswith("Loaded terms"))
    assert loaded["difference"] < 0


def test_counts_are_shown_whole_and_measures_to_one_decimal():
    reference = str(SAMPLES / "the-russians-are-coming.txt")
    text = CliRunner().invoke(app, ["compare", reference, WIRE], env={"COLUMNS": "100"}).stdout
    words = next(line for line in text.splitlines() if "Words" in line)
    assert "2,010" in words and ".0" not in words, words  # not "2010.0 │ 555.0 │ -1455.0"
    assert figure(None) == "n/a" and figure(-1466, signed=True) == "-1,466" and figure(6.46) == "6.5"
    obj = json.loads(CliRunner().invoke(app, ["compare", OPINION, WIRE, "--format", "json"]).stdout)
    assert all(isinstance(row[key], int) for row in obj["comparison"] if row["measure"] == "Words"
               for key in ("first", "second", "difference"))


def test_compare_missing_file_is_exit_2(tmp_path):
    result = CliRunner().invoke(app, ["compare", OPINION, str(tmp_path / "nope.txt")])
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_compare_html_page(tmp_path):
    out = tmp_path / "compare.html"
    result = CliRunner().invoke(app, ["compare", OPINION, WIRE, "--format", "html", "--output", str(out)])
    assert result.exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "Two articles compared" in page and "reckless" in page and "<script" not in page


def test_compare_analyses_each_article_under_its_configuration(tmp_path):
    (tmp_path / ".rhetoric.toml").write_text('ignore = ["loaded-term"]\n', encoding="utf-8")
    first = tmp_path / "opinion.txt"
    first.write_text((SAMPLES / "opinion-transit-levy.txt").read_text(encoding="utf-8"), encoding="utf-8")
    obj = json.loads(CliRunner().invoke(app, ["compare", str(first), WIRE, "--format", "json"]).stdout)
    assert not obj["loaded_terms_only_in_first"]  # the opinion piece's folder switches loaded terms off
    obj = json.loads(CliRunner().invoke(app, ["compare", str(first), WIRE, "--format", "json", "--no-config"]).stdout)
    assert obj["loaded_terms_only_in_first"]
    result = CliRunner().invoke(app, ["compare", str(first), WIRE, "--select", "loaded-tem"])
    assert result.exit_code == 2 and "did you mean" in result.stderr


def test_compare_output_that_cannot_be_written_is_exit_2(tmp_path):
    result = CliRunner().invoke(app, ["compare", OPINION, WIRE, "--format", "json",
                                      "--output", str(tmp_path / "missing" / "c.json")])
    assert result.exit_code == 2 and "cannot write the results" in result.stderr
