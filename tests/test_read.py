from __future__ import annotations

import io
import os
import sys

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from rhetoric.errors import InputError
from rhetoric.read import STDIN, STDIN_NAME, NamedPipe, expand, read


def write(path, data: bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return str(path)


def test_walk_is_sorted_recursive_and_skips_hidden(tmp_path):
    write(tmp_path / "b.txt", b"b")
    write(tmp_path / "a" / "z.md", b"z")
    write(tmp_path / "a" / "y.html", b"<p>y</p>")
    write(tmp_path / "a" / "x.png", b"\x89PNG")
    write(tmp_path / ".git" / "c.txt", b"c")
    names = [os.path.relpath(p, tmp_path) for p in expand([str(tmp_path)])]
    assert names == ["a/y.html", "a/z.md", "b.txt"]


def test_paths_in_a_folder_keep_the_form_the_folder_was_named_in(tmp_path, monkeypatch):
    """Files in subfolders of "." are "./sub/f.txt", as those beside them are "./f.txt" (a Path dropped the "./")."""
    write(tmp_path / "f.txt", b"f")
    write(tmp_path / "sub" / "g.txt", b"g")
    monkeypatch.chdir(tmp_path)
    assert list(expand(["."])) == ["./f.txt", "./sub/g.txt"]
    assert list(expand(["sub/"])) == ["sub/g.txt"]
    assert list(expand([str(tmp_path)])) == [str(tmp_path / "f.txt"), str(tmp_path / "sub" / "g.txt")]


def test_a_folder_with_nothing_to_analyse_says_what_it_holds_and_what_to_do(tmp_path):
    def message(folder):
        [error] = expand([str(folder)])
        assert isinstance(error, InputError)
        return error.message

    (tmp_path / "empty").mkdir()
    assert message(tmp_path / "empty").endswith("(.txt, .md, .html); name others with --include")
    for name in ("a.pdf", "b.pdf", "sub/c.pdf", "notes.rst", ".hidden/d.rst", ".e.rst"):
        write(tmp_path / "pdfs" / name, b"x")
    assert message(tmp_path / "pdfs").endswith(", but 3 .pdf files: extract their text first, for example with "
                                               "pdftotext")
    write(tmp_path / "rst" / "a.rst", b"x")
    assert message(tmp_path / "rst").endswith(", but 1 .rst file: to read them as text, add --include '*.rst'")


def test_standard_input_is_read_once(tmp_path):
    first, again = expand(["-", "-"])
    assert first == "-" and isinstance(again, InputError) and "named more than once" in str(again)


def test_include_and_exclude(tmp_path):
    write(tmp_path / "keep.txt", b"k")
    write(tmp_path / "drop.txt", b"d")
    write(tmp_path / "notes.rst", b"n")
    got = [os.path.basename(p) for p in expand([str(tmp_path)], include=["*.txt", "*.rst"], exclude=["drop*"])]
    assert got == ["keep.txt", "notes.rst"]


def test_symlink_loop_is_reported_not_followed(tmp_path):
    write(tmp_path / "a" / "one.txt", b"1")
    os.symlink(tmp_path / "a", tmp_path / "a" / "loop")
    items = list(expand([str(tmp_path)]))
    files = [i for i in items if isinstance(i, str)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [os.path.basename(f) for f in files] == ["one.txt"]
    assert len(errors) == 1 and "loop" in str(errors[0])


@pytest.mark.parametrize(("data", "encoding", "text"), [
    ("Café crème".encode("utf-8"), "utf-8", "Café crème"),
    (b"\xef\xbb\xbf" + "Café".encode("utf-8"), "utf-8", "Café"),
    ("Café crème".encode("utf-16"), "utf-16", "Café crème"),
    (b"\xfe\xff" + "Café crème".encode("utf-16-be"), "utf-16", "Café crème"),  # big-endian, as Java and old Macs wrote it
    (b"\xff\xfe" + "Café crème".encode("utf-16-le"), "utf-16", "Café crème"),
    ("Le café était très apprécié, déjà célèbre à l'été.".encode("cp1252"), None, "Le café était très"),
])
def test_encodings(tmp_path, data, encoding, text):
    doc = read(write(tmp_path / "a.txt", data))
    assert doc.text.startswith(text)
    if encoding:
        assert doc.source.encoding == encoding
    else:
        assert doc.source.encoding not in ("utf-8", None)


# English news as Windows and older systems saved it: typographic quotes, apostrophes and dashes, an
# accented name or loanword. The detector alone read such text as Baltic or DOS encodings ("na’ve").
_ENGLISH = ("The minister\u2019s \u201creform\u201d plan \u2013 called \u2018bold\u2019 by its supporters \u2014 "
            "failed on Tuesday. Caf\u00e9 owners in Z\u00fcrich said it was na\u00efve to expect more\u2026\n\n"
            "\u201cWe were never asked,\u201d one of them said.\n")
_LATIN1_ENGLISH = "The caf\u00e9 was full. He said the \u00e9lite's plan was na\u00efve.\n"  # Latin-1 has no curly quotes


@pytest.mark.parametrize(("text", "saved_as", "encoding"), [
    (_ENGLISH, "cp1252", "cp1252"),
    (_LATIN1_ENGLISH, "latin-1", "cp1252"),  # Latin-1's letters are Windows-1252's: the same text
    ("The caf\u00e9 was full. He said it was na\u00efve to think the \u201creform\u201d would pass.\n",
     "cp1252", "cp1252"),
    # A short brief dense with French names: more letters beyond ASCII than English has, but all Western
    # ones; the detector ranked Central European first ("Lef\u010dvre", "cr\u010dme br\u0171l\u00e9e").
    ("Caf\u00e9 owner wins award\n\nRen\u00e9e Lef\u00e8vre, who runs a caf\u00e9 in Qu\u00e9bec, won the national "
     "pastry prize on Sunday. Her cr\u00e8me br\u00fbl\u00e9e impressed the judges.\n", "latin-1", "cp1252"),
    # Text whose letters go well beyond ASCII keeps the detector's reading: it is not taken for Western.
    ("Vl\u00e1da ozn\u00e1mila nov\u00e1 opat\u0159en\u00ed. Kritici je ozna\u010dili za ne\u00fasp\u011bch "
     "a ministr to pop\u0159el.", "cp1250", "cp1250"),
    ("H\u00fck\u00fcmet yeni \u00f6nlemler a\u00e7\u0131klad\u0131. Ele\u015ftirmenler bunlar\u0131 "
     "ba\u015far\u0131s\u0131zl\u0131k olarak nitelendirdi.", "cp1254", "cp1254"),
    ("\u041f\u0440\u0430\u0432\u0438\u0442\u0435\u043b\u044c\u0441\u0442\u0432\u043e \u043e\u0431\u044a\u044f\u0432\u0438\u043b\u043e "
     "\u043e \u043d\u043e\u0432\u044b\u0445 \u043c\u0435\u0440\u0430\u0445.", "cp1251", "cp1251"),
])
def test_legacy_encodings_read_exactly(tmp_path, text, saved_as, encoding):
    doc = read(write(tmp_path / "a.txt", text.encode(saved_as)))
    assert doc.text == text
    assert doc.source.encoding == encoding


def test_utf8_with_a_few_faulty_bytes_stays_utf8(tmp_path):
    # A Windows-1252 quote pasted into a UTF-8 article: the detector read the whole file as Mac Icelandic
    # before, garbling every curly quote. The faulty byte alone is lost, and a note says where it was.
    good = _ENGLISH.encode("utf-8")
    doc = read(write(tmp_path / "a.txt", good + b"He called it a \x93failure\x94.\n"))
    assert doc.source.encoding == "utf-8"
    assert doc.text == _ENGLISH + "He called it a \ufffdfailure\ufffd.\n"
    assert doc.original == doc.text  # it differs from the file's bytes: the output carries it
    (note,) = doc.source.warnings
    assert f"2 stretches of bytes are not valid UTF-8 (the first, 0x93 at byte offset {len(good) + 15})" in note
    # A file cut short in the middle of a character.
    cut = read(write(tmp_path / "b.txt", good + "\u201cWe".encode()[:2]))
    assert cut.text == _ENGLISH + "\ufffd" and cut.source.warnings == (
        f"a stretch of bytes is not valid UTF-8 (0xe2 at byte offset {len(good)}): read as U+FFFD, "
        "the replacement character, and the rest as UTF-8",)


def test_legacy_text_is_not_taken_for_faulty_utf8(tmp_path):
    # Its bytes beyond ASCII seldom form UTF-8's sequences, and a replacement character the file
    # itself holds is not a fault.
    doc = read(write(tmp_path / "a.txt", _ENGLISH.encode("cp1252")))
    assert doc.text == _ENGLISH and doc.source.encoding == "cp1252" and doc.source.warnings == ()
    assert read(write(tmp_path / "b.txt", "Caf\u00e9 \ufffd".encode() + b" \xe9t\xe9")).source.warnings == ()


def test_markdown_markup_is_removed(tmp_path):
    md = b"# The *plan*\n\nThe [council](http://x) approved **it**.\n\n```\ncode()\n```\n\n- one item\n"
    doc = read(write(tmp_path / "a.md", md))
    assert doc.text == "The plan\n\nThe council approved it.\n\none item"
    assert doc.source.format == "markdown" and doc.original is not None


@pytest.mark.parametrize("tail, warned", [
    ("~~~\n\nThe reckless council voted.\nMore words.\n", "the code fence ~~~ on line 5 is never closed: as Markdown "
     "reads it, what follows it is code (6 words), which is not analysed"),
    ("> ```\n> code()\n> ```\n\nProse again.\n", None),  # closed, inside a block quotation
    ("- item\n\n  ```\n  code()\n  ```\n", None),
    ("> ~~~\n> code()\n\nProse again.\n", "(1 word)"),  # unclosed: it ends with the quotation
    ("````\ncode()\n```\nStill code, one word\n", "the code fence ```` on line 5"),  # a shorter fence closes nothing
    ("```\n", "(0 words)"),
    ("```\ncode()\n   ```  \n\nProse again.\n", None),
    ("~~~\ncode()\n~~~~~\n", None),
])
def test_a_code_fence_never_closed_is_told_of(tmp_path, tail, warned):
    # Markdown makes what follows a fence never closed code, which is not analysed: a stray ~~~ used as a
    # divider hid half of an article, silently.
    doc = read(write(tmp_path / "a.md", f"# Notes\n\nThe plan was approved.\n\n{tail}".encode()))
    assert doc.text.startswith("Notes\n\nThe plan was approved.")
    if warned is None:
        assert doc.source.warnings == ()
    else:
        assert len(doc.source.warnings) == 1 and warned in doc.source.warnings[0], doc.source.warnings


def test_a_front_matter_title_that_the_text_opens_with_is_not_repeated(tmp_path):
    md = "---\ntitle: The so-called reform\n---\n\n# The so-called reform\n\nThe council passed it.\n"
    assert read(write(tmp_path / "a.md", md.encode())).text == "The so-called reform\n\nThe council passed it."


def test_markdown_tables_are_not_prose_and_strikethrough_keeps_its_words(tmp_path):
    md = ("Seats after the vote:\n\n| Party | Seats |\n|---|--:|\n| The so-called centre | 12 |\n\n"
          "The ~~reckless~~ plan passed. A | stands alone.\n")
    doc = read(write(tmp_path / "a.md", md.encode()))
    assert doc.text == "Seats after the vote:\n\nThe reckless plan passed. A | stands alone."


def test_html_in_markdown_keeps_its_prose(tmp_path):
    # As Jekyll and Hugo posts hold it: a <div> paragraph's words were lost, and "<br>" glued two words.
    doc = read(write(tmp_path / "a.md", b'# Port strike\n\n<div class="lede"><p>Sadly, the strike is a disaster.</p>'
                     b"<script>var x = 1;</script></div>\n\n<!-- rhetoric-disable loaded-term -->\n\n"
                     b"Dock workers walked out<br>on 3 May.\n"))
    assert doc.text == "Port strike\n\nSadly, the strike is a disaster.\n\nDock workers walked out on 3 May."
    assert len(doc.suppressions) == 1  # the comment block still switches rules off


def test_a_link_to_another_story_is_the_pages_not_the_articles(tmp_path):
    page = (b"<html><body><article><h1>Rail fares rise</h1><p>Fares will rise by 4.9 percent, the department said.</p>"
            b"<p><strong>Read more:</strong> <a href='/x'>Commuters slam shocking fare hike</a></p>"
            b"<p>The increase is below inflation.</p></article></body></html>")
    assert read(write(tmp_path / "a.html", page)).text == (
        "Rail fares rise\n\nFares will rise by 4.9 percent, the department said.\n\nThe increase is below inflation.")
    md = (b"Rents rose 5 percent.\n\n**Related:** [Renters face brutal squeeze](/x)\n\n"
          b"Related: the same rules apply to leases signed in 2024.\n")
    assert read(write(tmp_path / "a.md", md)).text == (
        "Rents rose 5 percent.\n\nRelated: the same rules apply to leases signed in 2024.")  # no link: prose


def test_markdown_footnote_markers_go_and_their_definitions_are_prose_where_they_stand(tmp_path):
    md = ("The committee met on the plan.[^1] Members were unhappy.[^note]\n\n"
          "[^1]: See the minutes.\n\n[^note]: A note\n    in two lines.\n\n"
          "The vote came later. A [^9] with no definition stays, and so does ^[an inline note].\n")
    doc = read(write(tmp_path / "a.md", md.encode()))
    # The marker glued to the full stop hid the sentence break, and its digit made a claim's figure.
    assert doc.text == ("The committee met on the plan. Members were unhappy.\n\nSee the minutes.\n\n"
                        "A note in two lines.\n\nThe vote came later. A [^9] with no definition stays, and so "
                        "does ^[an inline note].")


def test_markdown_front_matter_is_metadata_but_its_title_is_prose(tmp_path):
    md = ("---\nlayout: post\ntitle: \"The so-called \\\"reform\\\" fails\"\ndate: 2024-05-01\n"
          "tags: [politics, budget]\n---\n\nThe council rejected the plan on Monday.\n")
    doc = read(write(tmp_path / "a.md", md.encode()))
    assert doc.text == 'The so-called "reform" fails\n\nThe council rejected the plan on Monday.'
    toml = "+++\ntitle = 'Budget passes'\ndraft = false\n+++\nThe council approved it.\n"
    assert read(write(tmp_path / "b.md", toml.encode())).text == "Budget passes\n\nThe council approved it."


@pytest.mark.parametrize(("source", "text"), [
    ("---\nauthor: A. Writer\n---\nBody.\n", "Body."),  # no title: nothing of the metadata is prose
    ("---\ntitle: >\n  A folded\n  title\n---\nBody.\n", "Body."),  # a title over several lines is left out
    ("---\ntitle: Plain words # a comment\n...\nBody.\n", "Plain words\n\nBody."),
    ("---\r\ntitle: 'It''s here'\r\n---\r\nBody.\r\n", "It's here\n\nBody."),
    # Not front matter: a document that opens with a thematic break, or whose fence is never closed.
    ("---\nIntro.\n\nA heading\n---\nMore.\n", "Intro.\n\nA heading\n\nMore."),
    ("---\ntitle: Unclosed\n\nBody.\n", "title: Unclosed\n\nBody."),
    ("Body.\n\n---\ntitle: not at the top\n---\n", "Body.\n\ntitle: not at the top"),
])
def test_markdown_front_matter_shapes(tmp_path, source, text):
    assert read(write(tmp_path / "a.md", source.encode())).text == text


def test_html_main_text_is_extracted(tmp_path):
    html = ("<html><body><nav>Home | News</nav><article><h1>Plan approved</h1>"
            "<p>The council approved the plan on Monday after a long debate about the budget.</p>"
            "<p>It will cost $3 million, officials said in a statement on Tuesday.</p></article>"
            "<footer>Copyright</footer></body></html>").encode()
    doc = read(write(tmp_path / "a.html", html))
    assert "The council approved the plan on Monday" in doc.text
    assert "Copyright" not in doc.text
    assert doc.source.format == "html"


def test_html_paragraphs_are_the_pages_and_the_headline_comes_first(tmp_path):
    page = ("<html><head><meta property='og:title' content='Council passes \u2018historic\u2019 reform'></head><body>"
            "<header><h1>Council passes reform</h1></header><article>\n"
            "<p>The council on Monday passed what critics called a disastrous plan, after a\n"
            "debate that lasted six hours, officials said.<br>Tickets rise on June 1.</p>\n"
            "<ul><li>Fares rise by <b>4 percent</b>.</li><li>Two routes close.</li></ul>\n"
            "<blockquote><p>It is a historic day.</p><p>We are proud.</p></blockquote>\n"
            "<p>The mayor said the plan would be reviewed in a year, and the council agreed.</p></article>"
            "<footer>Copyright</footer></body></html>")
    doc = read(write(tmp_path / "a.html", page.encode()))
    # A line break of the page's source is a space, as in a browser, and so is a <br> alone.
    assert doc.text.split("\n\n") == [
        "Council passes reform",  # the page's headline, its only <h1> (which the extractor leaves out with the header)
        "The council on Monday passed what critics called a disastrous plan, after a debate that lasted six hours, "
        "officials said. Tickets rise on June 1.",
        "Fares rise by 4 percent.", "Two routes close.", "It is a historic day.", "We are proud.",
        "The mayor said the plan would be reviewed in a year, and the council agreed."]
    # A page whose text opens with its headline keeps it once.
    headed = read(write(tmp_path / "b.html", page.replace("<header><h1>Council passes reform</h1></header>", "")
                        .replace("<article>", "<article><h1>Council passes reform</h1>").encode()))
    assert headed.text.startswith("Council passes reform\n\nThe council on Monday")


def test_html_source_line_breaks_are_spaces_but_in_pre():
    from rhetoric.extract import _unwrapped

    assert _unwrapped("a\nb<pre>x\ny</pre>c\r\nd<PRE class=z>p\nq</PRE>e\nf<preview>g\nh</preview><pre>open\nz") == \
        "a b<pre>x\ny</pre>c  d<PRE class=z>p\nq</PRE>e f<preview>g h</preview><pre>open\nz"
    # A letter that lower-casing lengthens moves nothing.
    assert _unwrapped("İ\nİ<pre>a\nb</pre>İ\n") == "İ İ<pre>a\nb</pre>İ "


def test_note_markers_in_a_page_go_but_other_superscripts_stay(tmp_path):
    filler = "<p>" + "The council met again on Tuesday to discuss the budget for next year. " * 4 + "</p>"
    page = ("<html><body><article><p>The committee met on the plan.<sup><a href='#fn1'>1</a></sup> Members were "
            "unhappy.<sup id=r2>[2]</sup> It was the 21<sup>st</sup> vote, 10<sup>6</sup> voters, a "
            "<sup><a href='https://example.org'>source</a></sup>.</p>" + filler + "</article></body></html>")
    text = read(write(tmp_path / "a.html", page.encode())).text
    # The marker was glued to the full stop ("the plan.1 Members"): no sentence break, and a figure.
    assert text.startswith("The committee met on the plan. Members were unhappy. It was the 21st vote, 106 voters, "
                           "a source.")


def test_one_br_is_a_space_and_two_part_paragraphs():
    from rhetoric.extract import _unwrapped

    assert _unwrapped("said the plan<br>was<BR/>a <br class=x >disaster") == "said the plan was a  disaster"
    assert _unwrapped("one.<br><br>two.<br> <br />three<br>\n<br>four") == "one.<br><br>two.<br> <br />three<br> <br>four"
    assert _unwrapped("<pre>x<br>y</pre><break>") == "<pre>x<br>y</pre><break>"


def test_a_page_with_a_title_but_no_text_has_no_article(tmp_path):
    with pytest.raises(InputError, match="no article text found"):
        read(write(tmp_path / "a.html", b"<html><head><title>Breaking news</title></head><body></body></html>"))


def test_a_web_page_saved_as_text_is_read_as_html(tmp_path):
    page = ("<!DOCTYPE html><html><head><title>Plan approved</title></head><body><nav>Home</nav><article>"
            "<p>The council approved the plan on Monday after a long debate, officials said.</p></article></body></html>")
    doc = read(write(tmp_path / "saved.txt", page.encode()))
    assert doc.source.format == "html" and doc.text.endswith("after a long debate, officials said.")
    assert "<" not in doc.text
    prose = "The <html> element opens every web page, the guide says.\n"
    assert read(write(tmp_path / "guide.txt", prose.encode())).source.format == "text"


def test_size_limit(tmp_path):
    with pytest.raises(InputError, match="larger than the limit"):
        read(write(tmp_path / "big.txt", b"word " * 100), max_bytes=100)


def test_a_named_pipe_on_the_command_line_is_read(tmp_path):
    # As process substitution names one: rhetoric analyze <(pdftotext report.pdf -)
    import threading

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (named,) = expand([str(fifo)])
    assert isinstance(named, NamedPipe)

    def write():
        with open(fifo, "wb") as f:
            f.write(b"The council approved the plan.")

    writer = threading.Thread(target=write)
    writer.start()
    assert read(named).text == "The council approved the plan."
    writer.join()
    # Met in a folder, where nothing may ever write to it, it is not opened (below).
    assert not any(isinstance(p, NamedPipe) for p in expand([str(tmp_path)]))


def test_fifo_is_never_opened(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read(str(fifo))


def test_broken_symlink(tmp_path):
    os.symlink(tmp_path / "gone.txt", tmp_path / "link.txt")
    with pytest.raises(InputError, match="broken symbolic link"):
        read(str(tmp_path / "link.txt"))


def _zip() -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("article.txt", "The council approved the plan.")
    return buf.getvalue()


def _gzip() -> bytes:
    import gzip

    return gzip.compress(b"The council approved the plan.")


# Minimal but real file starts: a PDF's first bytes are plain ASCII, so only its
# signature tells it from text in a legacy encoding.
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" * 20
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


@pytest.mark.parametrize(("data", "kind"), [
    (PNG, "a PNG image"),
    (PDF, "a PDF document"),
    (_zip(), "a zip archive"),
    (_gzip(), "a gzip archive"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "a JPEG image"),
    (b"\x01\x02\x00\x00binary junk" * 10, "NUL bytes"),
])
def test_binary_files_are_refused_with_their_kind(tmp_path, data, kind):
    with pytest.raises(InputError, match="binary file") as info:
        read(write(tmp_path / "article.txt", data))
    assert kind in info.value.message and "skipped" in info.value.message


def test_undecodable_bytes_say_where_and_what_to_do(tmp_path):
    with pytest.raises(InputError, match=r"not valid UTF-8 .*bad byte 0x8\w at offset 0.*convert it to UTF-8"):
        read(write(tmp_path / "a.txt", bytes(range(128, 256)) * 40))


def test_file_that_vanished_after_the_walk(tmp_path):
    path = write(tmp_path / "a.txt", b"The council approved the plan.")
    (found,) = expand([str(tmp_path)])
    os.unlink(path)
    with pytest.raises(InputError, match="no such file.*moved or deleted during the scan"):
        read(found)


def test_permission_denied_is_reported_not_raised(tmp_path, monkeypatch):
    # We may run as root, for whom chmod 000 does not stop a read: simulate the refusal.
    path = write(tmp_path / "a.txt", b"The council approved the plan.")
    real_open = os.open

    def refuse(p, *args, **kwargs):
        if os.fspath(p) == path:
            raise PermissionError(13, "Permission denied", p)
        return real_open(p, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(InputError, match="cannot open: permission denied; give your user read access"):
        read(path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_for_real(tmp_path):
    path = write(tmp_path / "a.txt", b"The council approved the plan.")
    os.chmod(path, 0)
    with pytest.raises(InputError, match="permission denied"):
        read(path)


def test_file_that_fails_while_being_read(tmp_path, monkeypatch):
    path = write(tmp_path / "a.txt", b"The council approved the plan.")
    real_fdopen = os.fdopen

    class Failing:  # a disk error in the middle of the read
        def __init__(self, fd, *args):
            self.file = real_fdopen(fd, *args)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.file.close()

        def read(self, size):
            raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fdopen", Failing)
    with pytest.raises(InputError, match="cannot read: input/output error; skipped"):
        read(path)


def test_device_is_never_opened(monkeypatch):
    def opened(*args, **kwargs):
        raise AssertionError("a device was opened")

    monkeypatch.setattr(os, "open", opened)
    with pytest.raises(InputError, match="not a regular file"):
        read("/dev/zero")


def test_pipe_swapped_in_after_the_check_is_not_read(tmp_path, monkeypatch):
    # The walk saw a regular file; by the time it is opened it is a named pipe with no
    # writer. Reading it would wait forever: the open descriptor is checked first.
    fifo = tmp_path / "swapped.txt"
    os.mkfifo(fifo)
    regular = os.stat(write(tmp_path / "plain.txt", b"text"))
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda p, *a, **k: regular if os.fspath(p) == str(fifo) else real_stat(p, *a, **k))
    with pytest.raises(InputError, match="not a regular file"):
        read(str(fifo))


def test_broken_symlink_names_its_target(tmp_path):
    os.symlink(tmp_path / "gone.txt", tmp_path / "link.txt")
    with pytest.raises(InputError, match=r"broken symbolic link: it points to .*gone\.txt, which does not exist"):
        read(str(tmp_path / "link.txt"))


def test_the_command_line_default_limit_is_the_readers():
    import inspect

    from rhetoric import cli
    from rhetoric.read import DEFAULT_MAX_BYTES

    assert inspect.signature(cli.analyze).parameters["max_bytes"].default == DEFAULT_MAX_BYTES


def test_too_large_says_how_to_go_on(tmp_path):
    with pytest.raises(InputError, match=r"larger than the limit of 100 bytes; skipped .*--max-bytes"):
        read(write(tmp_path / "big.txt", b"word " * 100), max_bytes=100)


@given(st.lists(st.text(alphabet="aZ.é ", min_size=1, max_size=6), min_size=1, max_size=3))
def test_a_files_extension_is_the_one_path_gives(parts):
    from pathlib import Path

    from rhetoric.read import _suffix

    path = "/".join(parts)
    assume(parts[-1] not in (".", ".."))
    assert _suffix(path) == Path(path).suffix.lower()


def test_a_scan_without_patterns_takes_the_known_extensions(tmp_path):
    for name in ("a.TXT", "b.md", "c.html", "d.csv", "e.", "f", "g.txt.bak", "h.Markdown"):
        (tmp_path / name).write_text("Some text.", encoding="utf-8")
    assert [os.path.basename(p) for p in expand([str(tmp_path)])] == ["a.TXT", "b.md", "c.html", "h.Markdown"]


@pytest.mark.parametrize("data", [b"", b" \n", b"\xff\xfe\x00"])
def test_standard_input_is_named_alike_in_errors_and_results(monkeypatch, data):
    # "<stdin>", as its results call it: not "-", the argument that asked for it.
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    with pytest.raises(InputError) as caught:
        read(STDIN)
    assert caught.value.path == STDIN_NAME == "<stdin>"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"The council met on Monday.")))
    assert read(STDIN).source.path == STDIN_NAME


def test_files_are_read_where_the_system_has_no_o_nonblock(tmp_path, monkeypatch):
    # As on Windows, which has O_BINARY instead: every file read ended in an AttributeError.
    path = tmp_path / "a.txt"
    path.write_text("The council met on Monday.", encoding="utf-8")
    monkeypatch.delattr(os, "O_NONBLOCK")
    assert read(str(path)).text == "The council met on Monday."
