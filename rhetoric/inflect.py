"""Regular English inflections, so a lexicon lists a word once."""

from __future__ import annotations

_VOWELS = "aeiou"


def inflections(term: str, kind: str) -> list[str]:
    """Return the regular inflected forms of the last word of `term`.

    A hyphenated word inflects its last part ("left-wingers", "cherry-picked", "heavy-handedly").
    """
    head, space, last = term.rpartition(" ")
    stem, hyphen, last = last.rpartition("-")
    prefix = head + space + stem + hyphen
    if not last.isalpha():
        return []
    forms = {"noun": _noun, "verb": _verb, "adj": _adverb}[kind](last.lower())
    return [prefix + f for f in forms if f != last]


def _noun(w: str) -> list[str]:
    if w.endswith("y") and len(w) > 2 and w[-2] not in _VOWELS:
        return [w[:-1] + "ies"]
    if w.endswith(("s", "x", "z", "ch", "sh")):
        return [w + "es"]
    return [w + "s"]


def _verb(w: str) -> list[str]:
    forms = _noun(w)
    if w.endswith("e"):
        forms += [w + "d", w[:-1] + "ing"]
    elif w.endswith("y") and len(w) > 2 and w[-2] not in _VOWELS:
        forms += [w[:-1] + "ied", w + "ing"]
    else:
        forms += [w + "ed", w + "ing"]
        if len(w) >= 3 and w[-1] not in _VOWELS + "wxy" and w[-2] in _VOWELS and w[-3] not in _VOWELS:
            forms += [w + w[-1] + "ed", w + w[-1] + "ing"]
    return forms


def _adverb(w: str) -> list[str]:
    if w.endswith("ic"):
        return [w + "ally"]
    if w.endswith("le") and len(w) > 3:
        return [w[:-1] + "y"]
    if w.endswith("y") and len(w) > 2:
        return [w[:-1] + "ily"]
    return [w + "ly"]
