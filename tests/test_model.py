"""The token columns behave as the sequence of Tokens they replace."""

from __future__ import annotations

import pickle

import pytest

from rhetoric.model import Paragraph, Sentence, Token, Tokens, from_columns
from rhetoric.segment import normalize, segment

TEXT = "Russia’s so-called 2,000 U.S. rock. It's the mayor's plan; that's all."


def _old_tokens(text: str) -> tuple[Token, ...]:
    """Return the tokens as a tuple of Token, as the Document held them before the columns."""
    from rhetoric.segment import _TOKEN

    return tuple(Token(m.start(), m.end(), normalize(m.group())) for m in _TOKEN.finditer(text))


def test_indexing_matches_the_old_tuple_of_tokens():
    tokens, old = segment(TEXT).tokens, _old_tokens(TEXT)
    assert len(tokens) == len(old) == 11
    for i in range(-len(old), len(old)):
        assert tokens[i] == old[i]
        assert type(tokens[i]) is Token
    assert list(tokens) == list(old)
    assert tokens[0].start == 0 and tokens[0].norm == "russia"
    with pytest.raises(IndexError):
        tokens[len(old)]
    with pytest.raises(IndexError):
        tokens[-len(old) - 1]


@pytest.mark.parametrize("part", [slice(2, 5), slice(None, -1), slice(-3, None), slice(None, None, 2),
                                  slice(5, 2), slice(100, 200)])
def test_slices_are_tokens_equal_to_the_old_slices(part):
    tokens, old = segment(TEXT).tokens, _old_tokens(TEXT)
    assert isinstance(tokens[part], Tokens)
    assert list(tokens[part]) == list(old[part])
    assert tokens[part] == old[part]
    assert len(tokens[part]) == len(old[part])


def test_columns_equality_and_pickling():
    doc = segment(TEXT)
    tokens = doc.tokens
    assert list(tokens.starts) == [t.start for t in tokens]
    assert list(tokens.ends) == [t.end for t in tokens]
    assert tokens.norms == tuple(t.norm for t in tokens)
    assert doc.token_starts is tokens.starts
    assert tokens == segment(TEXT).tokens and tokens != segment(TEXT + " more").tokens
    assert hash(tokens) == hash(_old_tokens(TEXT))
    assert pickle.loads(pickle.dumps(doc)) == doc
    assert hash(doc) == hash(segment(TEXT))  # a Document stays hashable, as when it held only tuples
    assert segment("").tokens == () and len(segment("").tokens) == 0


def _old_between(old: tuple[Token, ...], start: int, end: int) -> tuple[Token, ...]:
    """Return what Document.tokens_between returned when the tokens were a tuple."""
    i = next((k for k, t in enumerate(old) if t.end > start), len(old))
    j = i
    while j < len(old) and old[j].end <= end:
        j += 1
    return old[i:j]


def test_document_lookups_on_the_columns():
    doc = segment(TEXT)
    old = _old_tokens(TEXT)
    for start in range(len(TEXT)):
        for end in range(start, len(TEXT) + 1, 7):
            assert list(doc.tokens_between(start, end)) == list(_old_between(old, start, end))
            assert doc.norms_between(start, end) == tuple(t.norm for t in _old_between(old, start, end))
    s = doc.sentences[1]
    assert list(doc.sentence_tokens(s)) == list(old[s.first_token:s.end_token])
    assert [t.norm for t in doc.tokens if "'" in t.norm] == ["it's", "that's"]


def test_text_that_changes_length_when_lower_cased():
    text = "İstanbul’s mayor said it’s fine."
    assert list(segment(text).tokens) == list(_old_tokens(text))


def test_from_columns_builds_what_init_builds():
    columns = ([0, 1], [2, 13], [10, 20], [0, 1], [0, 3], [3, 5])
    built = from_columns(Sentence, *columns)
    inited = tuple(Sentence(*row) for row in zip(*columns))
    assert built == inited and hash(built) == hash(inited) and repr(built) == repr(inited)
    assert all(type(s) is Sentence for s in built)
    assert pickle.dumps(built) == pickle.dumps(inited) and pickle.loads(pickle.dumps(built)) == inited
    with pytest.raises(AttributeError):
        built[0].start = 5  # still frozen
    assert from_columns(Paragraph, [], [], []) == ()
    with pytest.raises(ValueError):
        from_columns(Sentence, [0], [1], [2])
    with pytest.raises(ValueError):
        from_columns(Paragraph, [0, 1], [1, 2], [2])
