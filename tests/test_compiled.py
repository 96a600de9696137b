from __future__ import annotations

import json
import shutil

from rhetoric import compiled, data, lexicon


def test_compiled_lexicons_are_up_to_date():
    folder = lexicon.builtin_folder()
    current = (folder / compiled.FILENAME).read_text(encoding="utf-8")
    assert current == compiled.build(folder, lexicon.compiled_form), \
        "lexicons (or the code that resolves them) changed: run `python -m rhetoric.compiled`"


def _phrases(lex: lexicon.Lexicons) -> list:
    return sorted((words, e.term, e.family.rule) for words, e in lex.phrases())


def test_compiled_and_toml_load_the_same(lexicons):
    from_toml = lexicon.load(lexicon.builtin_paths())
    assert from_toml.families == lexicons.families
    assert from_toml.entries == lexicons.entries
    assert _phrases(from_toml) == _phrases(lexicons)


def test_an_edited_file_is_read_from_its_toml(tmp_path, monkeypatch):
    folder = tmp_path / "lexicons"
    shutil.copytree(lexicon.builtin_folder(), folder)
    weasel = folder / "weasel.toml"
    weasel.write_text(weasel.read_text(encoding="utf-8").replace(
        '[[entry]]', '[[entry]]\nterm = "zorblax"\nmessage = "m"\nwhy = "w"\n\n[[entry]]', 1), encoding="utf-8")
    monkeypatch.setattr(lexicon, "builtin_folder", lambda: folder)
    assert ("zorblax",) in {words for words, _ in lexicon.load().phrases()}


def test_a_missing_or_broken_compiled_file_is_ignored(tmp_path):
    assert compiled.read(tmp_path) == {}
    (tmp_path / compiled.FILENAME).write_text("{not json", encoding="utf-8")
    assert compiled.read(tmp_path) == {}
    (tmp_path / compiled.FILENAME).write_text('{"format": %d, "files": {"a.toml": {}}}' % compiled._FORMAT, encoding="utf-8")
    assert compiled.read(tmp_path) == {}


def test_compiled_cue_tables_are_up_to_date():
    folder = data.folder()
    current = (folder / compiled.FILENAME).read_text(encoding="utf-8")
    assert current == compiled.build(folder), "cue tables changed: run `python -m rhetoric.compiled`"


def test_cue_tables_read_from_the_compiled_form_equal_their_toml():
    import tomllib

    for path in sorted(data.folder().glob("*.toml")):
        assert data.table(path.name) == tomllib.loads(path.read_text(encoding="utf-8"))


def test_a_file_matches_its_compiled_form_as_read_text_reads_it(tmp_path):
    form = compiled.read(lexicon.builtin_folder())["weasel.toml"]
    text = (lexicon.builtin_folder() / "weasel.toml").read_text(encoding="utf-8")
    copy = tmp_path / "weasel.toml"
    for newline in ("\n", "\r\n", "\r"):
        copy.write_bytes(text.replace("\n", newline).encode("utf-8"))
        assert form.matches_file(copy)
    copy.write_bytes(text.replace("[[entry]]", "[[entry]] ", 1).encode("utf-8"))
    assert not form.matches_file(copy)
    assert not form.matches_file(tmp_path / "missing.toml")


def _significant(entries: list) -> list:
    # A form's words as written matter only to a cased entry.
    return [(e, [(keys, words if e.case else None) for keys, words in forms]) for e, forms in entries]


def test_a_lexicon_read_back_from_its_compiled_form_equals_its_toml():
    for path in lexicon.builtin_paths():
        # Through JSON text, as the compiled file holds it.
        form = json.loads(json.dumps(lexicon.compiled_form(path), ensure_ascii=False))
        family, entries = lexicon._from_compiled(path, form)
        toml_family, toml_entries = lexicon.load_file(path)
        assert family == toml_family and _significant(entries) == _significant(toml_entries), path.name
