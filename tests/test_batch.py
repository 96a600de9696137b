from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from rhetoric.batch import Options, analyze_all
from rhetoric.config import Config
from rhetoric.cli import app
from rhetoric.render.csv import COLUMNS
from tests.conftest import SAMPLES


def run(*args):
    return CliRunner().invoke(app, list(args))


def test_parallel_results_keep_input_order():
    paths = sorted(str(p) for p in SAMPLES.glob("*.txt")) * 2
    serial = [o.payload.findings for o in analyze_all(paths, Options(), jobs=1)]
    parallel = [o.payload.findings for o in analyze_all(paths, Options(), jobs=2)]
    assert serial == parallel


def test_csv_has_the_documented_columns(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01")
    result = run("analyze", str(SAMPLES), str(tmp_path / "bad.txt"), "--format", "csv", "-j", "1")
    assert result.exit_code == 2
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == len(list(SAMPLES.glob("*.txt"))) + 1
    assert rows[-1]["error"] and not rows[-1]["words"]
    assert all(int(r["words"]) > 100 for r in rows[:-1])


def test_output_file_is_written_whole(tmp_path):
    out = tmp_path / "reports.jsonl"
    result = run("analyze", str(SAMPLES), "--format", "jsonl", "--output", str(out), "-j", "1")
    assert result.exit_code == 0 and result.stdout == ""
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(list(SAMPLES.glob("*.txt")))
    assert [p.name for p in tmp_path.iterdir()] == ["reports.jsonl"]


def test_output_file_is_not_left_behind_on_failure(tmp_path, monkeypatch):
    from rhetoric.render import csv as csv_render

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(csv_render, "line", boom)
    out = tmp_path / "scores.csv"
    result = run("analyze", str(SAMPLES), "--format", "csv", "--output", str(out), "-j", "1")
    assert result.exit_code == 130
    assert list(tmp_path.iterdir()) == []


def test_summary_table_for_a_folder():
    result = run("analyze", str(SAMPLES), "--sort", "loaded-term", "-j", "1")
    assert result.exit_code == 0
    assert "Summary" in result.stdout and "documents" in result.stdout
    assert "opinion-transit-levy" in result.stdout


def test_json_array_for_a_folder():
    result = run("analyze", str(SAMPLES), "--format", "json", "-j", "1")
    objs = json.loads(result.stdout)
    assert isinstance(objs, list) and len(objs) == len(list(SAMPLES.glob("*.txt")))


def test_markdown_report_carries_the_analysed_text(tmp_path):
    (tmp_path / "a.md").write_text("# Title\n\nThe **so-called** reform passed.\n", encoding="utf-8")
    obj = json.loads(run("analyze", str(tmp_path / "a.md"), "--format", "json").stdout)
    assert obj["source"]["format"] == "markdown"
    for f in obj["findings"]:
        assert obj["text"][f["start"]:f["end"]] == f["text"]


def test_unknown_sort_column_is_an_error():
    result = run("analyze", str(SAMPLES), "--sort", "bogus")
    assert result.exit_code == 2


def test_parallel_json_is_the_serial_json(tmp_path):
    # Workers send their JSON as UTF-8 bytes, which the parent writes as they are.
    for fmt in ("jsonl", "json"):
        serial = run("analyze", str(SAMPLES), "--format", fmt, "-j", "1")
        parallel = run("analyze", str(SAMPLES), "--format", fmt, "-j", "2")
        assert serial.exit_code == parallel.exit_code == 0
        assert parallel.stdout == serial.stdout
        out = tmp_path / f"reports.{fmt}"
        assert run("analyze", str(SAMPLES), "--format", fmt, "-j", "2", "-o", str(out)).exit_code == 0
        assert out.read_text(encoding="utf-8") == serial.stdout


def test_worker_sends_json_as_utf8():
    from rhetoric.batch import Shape, _task, analyze_one

    path = str(sorted(SAMPLES.glob("*.txt"))[0])
    sent = _task((path, Options(shape=Shape.JSONL), Config())).payload
    assert isinstance(sent, bytes)
    assert sent.decode("utf-8") == "".join(analyze_one(path, Options(shape=Shape.JSONL)).payload)


def test_utf8_from_a_worker_is_written_in_order_whatever_the_stream():
    from rhetoric.run import _write

    utf8 = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    utf8.write("[")
    _write(utf8, "“é”".encode())
    _write(utf8, iter(["]", "\n"]))
    utf8.flush()
    assert utf8.buffer.getvalue().decode("utf-8") == "[“é”]\n"
    text = io.StringIO()  # no buffer to write bytes to
    text.write("[")
    _write(text, "“é”".encode())
    assert text.getvalue() == "[“é”"
    latin = io.TextIOWrapper(io.BytesIO(), encoding="latin-1", errors="replace")
    _write(latin, "“é”".encode())
    latin.flush()
    assert latin.buffer.getvalue() == "?é?".encode("latin-1")
