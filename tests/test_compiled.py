from __future__ import annotations

import json
import shutil

from rhetoric import compiled, data, lexicon


def test_compiled_lexicons_are_up_to_date():
    folder = lexicon.builtin_folder()
    current = (folder / compiled.FILENAME).read_text(encoding="utf-8")
    assert current == compiled.build(folder, lexicon.compiled_form, lexicon.compiled_index), \
        "lexicons (or the code that resolves them) changed: run `python -m rhetoric.compiled`"


def _phrases(lex: lexicon.Lexicons) -> list:
    return sorted((words, e.term, e.family.rule) for words, e in lex.phrases())


def _same(loaded: lexicon.Lexicons, expected: lexicon.Lexicons) -> None:
    assert loaded.families == expected.families
    assert loaded.entries == expected.entries
    assert _phrases(loaded) == _phrases(expected)
    # The phrases in the same order, each with its entries in order, cased copies and all.
    assert list(loaded.table.items()) == list(expected.table.items())
    assert (loaded.following, loaded.words, loaded.pairs) == (expected.following, expected.words, expected.pairs)
    assert loaded.patterns == expected.patterns


def test_compiled_and_toml_load_the_same(lexicons):
    from_toml = lexicon.load(lexicon.builtin_paths())
    assert any(e.case for e in lexicons.entries)
    _same(lexicons, from_toml)


def test_forms_read_back_from_the_index_build_it_again(lexicons):
    # An `allow` list (as an extra lexicon) makes the load build the index from the entries'
    # forms, which for the compiled files come from the stored index.
    _same(lexicon.load(allow=["no such term"]), lexicons)
    _same(lexicon.load(allow=["no such term"]), lexicon.load(lexicon.builtin_paths(), allow=["no such term"]))


def test_an_edited_file_is_read_from_its_toml(tmp_path, monkeypatch):
    folder = tmp_path / "lexicons"
    shutil.copytree(lexicon.builtin_folder(), folder)
    weasel = folder / "weasel.toml"
    weasel.write_text(weasel.read_text(encoding="utf-8").replace(
        '[[entry]]', '[[entry]]\nterm = "zorblax"\nmessage = "m"\nwhy = "w"\n\n[[entry]]', 1), encoding="utf-8")
    monkeypatch.setattr(lexicon, "builtin_folder", lambda: folder)
    assert ("zorblax",) in {words for words, _ in lexicon.load().phrases()}


def test_a_missing_or_broken_compiled_file_is_ignored(tmp_path):
    assert compiled.read(tmp_path) == ({}, None)
    (tmp_path / compiled.FILENAME).write_text("{not json", encoding="utf-8")
    assert compiled.read(tmp_path) == ({}, None)
    (tmp_path / compiled.FILENAME).write_text('{"format": %d, "files": {"a.toml": {}}}' % compiled._FORMAT, encoding="utf-8")
    assert compiled.read(tmp_path) == ({}, None)
    (tmp_path / compiled.FILENAME).write_text('{"format": %d, "files": {}}' % compiled._FORMAT, encoding="utf-8")
    assert compiled.read(tmp_path) == ({}, None)


def test_compiled_cue_tables_are_up_to_date():
    folder = data.folder()
    current = (folder / compiled.FILENAME).read_text(encoding="utf-8")
    assert current == compiled.build(folder), "cue tables changed: run `python -m rhetoric.compiled`"


def test_cue_tables_read_from_the_compiled_form_equal_their_toml():
    import tomllib

    for path in sorted(data.folder().glob("*.toml")):
        assert data.table(path.name) == tomllib.loads(path.read_text(encoding="utf-8"))


def test_a_file_matches_its_compiled_form_as_read_text_reads_it(tmp_path):
    form = compiled.read(lexicon.builtin_folder())[0]["weasel.toml"]
    text = (lexicon.builtin_folder() / "weasel.toml").read_text(encoding="utf-8")
    copy = tmp_path / "weasel.toml"
    for newline in ("\n", "\r\n", "\r"):
        copy.write_bytes(text.replace("\n", newline).encode("utf-8"))
        assert form.matches_file(copy)
    copy.write_bytes(text.replace("[[entry]]", "[[entry]] ", 1).encode("utf-8"))
    assert not form.matches_file(copy)
    assert not form.matches_file(tmp_path / "missing.toml")


def test_a_lexicon_read_back_from_its_compiled_form_equals_its_toml():
    for path in lexicon.builtin_paths():
        # Through JSON text, as the compiled file holds it.
        form = json.loads(json.dumps(lexicon.compiled_form(path), ensure_ascii=False))
        family, entries = lexicon._from_compiled(path, form)
        toml_family, toml_entries = lexicon.load_file(path)
        assert family == toml_family and entries == tuple(e for e, _ in toml_entries), path.name
        # A form's words as written matter only to a cased entry; a form without words is in no phrase.
        assert lexicon._stored_forms(form["entries"]) == [
            [(keys, words if e.case else keys) for keys, words in forms if keys] for e, forms in toml_entries]
