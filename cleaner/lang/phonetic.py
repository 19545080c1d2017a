"""Sound-alike and spelling-distance tests for names (Double Metaphone + Damerau-Levenshtein).

Why both: auto-captions misspell by sound ("Soul" for Seoul, "pongyang" for
Pyongyang, "keev" for Kyiv), writers misspell by keyboard ("Nortk"); one test
catches each. Double Metaphone comes from the ``metaphone`` package.
"""
from __future__ import annotations

import functools
import re
import unicodedata

import jellyfish
from metaphone import doublemetaphone


@functools.lru_cache(maxsize=100_000)
def keys(word: str) -> frozenset[str]:
    """Double Metaphone keys of a word or a name (spaces and hyphens ignored).

    >>> keys("Soul") == keys("Seoul"), bool(keys("pongyang") & keys("Pyongyang")), keys("keev") == keys("Kiev")
    (True, True, True)
    """
    plain = "".join(c for c in word if c.isalpha())
    return frozenset(k for k in doublemetaphone(plain) if k)


def sounds_alike(a: str, b: str) -> bool:
    return bool(keys(a) & keys(b))


def one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are one deletion, insertion or substitution apart.

    >>> one_edit("MRNNK", "ARNNK"), one_edit("KSTT", "KTT"), one_edit("ABC", "BAC")
    (True, True, False)
    """
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = sorted((a, b), key=len)
    return len(long) - len(short) == 1 and any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def sounds_near(a: str, b: str, min_key: int = 3) -> bool:
    """Whether two words share a Double Metaphone key, or have keys of ``min_key`` or more sounds one
    edit apart ("morning"/"warning"; not "says"/"said", whose keys have two sounds).

    >>> sounds_near("morning", "warning"), sounds_near("says", "said")
    (True, False)
    """
    return any(x == y or min(len(x), len(y)) >= min_key and one_edit(x, y) for x in keys(a) for y in keys(b))


def distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance, case-insensitive.

    >>> distance("Auras", "Aurus"), distance("Kumshusan", "Kumsusan"), distance("nortk", "North")
    (1, 1, 1)
    """
    return jellyfish.damerau_levenshtein_distance(a.lower(), b.lower())


def transliteration_variant(a: str, b: str) -> bool:
    """True when two spellings differ only as romanisations do (i/y, e/y, ei/ey, j/y, -ii/-y, k/c).

    Such pairs are both correct (Sergei/Sergey, Zelensky/Zelenskyy), so no rule picks one.

    >>> transliteration_variant("Sergei", "Sergey"), transliteration_variant("Auras", "Aurus")
    (True, False)
    """
    def norm(s: str) -> str:
        s = s.lower().replace("-", "").replace(" ", "")
        for x, y in (("yy", "y"), ("ii", "y"), ("ei", "ey"), ("iy", "y"), ("j", "y"), ("i", "y"), ("ck", "k"),
                     ("c", "k"), ("ph", "f"), ("ou", "u"), ("oo", "u"), ("kh", "h")):
            s = s.replace(x, y)
        return s
    return a.lower() != b.lower() and norm(a) == norm(b)


# Spellings that sound alike across the languages names come from (Irish "mh" and Welsh "f" are v,
# Dutch "ij" and "j" are y, German and Dutch "sch" is sk), folded to one letter each, in this order.
_FOLDS = (("sch", "sk"), ("tch", "ch"), ("ph", "f"), ("mh", "v"), ("bh", "v"), ("gh", ""), ("th", "t"),
          ("dh", "d"), ("ck", "k"), ("qu", "kv"), ("q", "k"), ("x", "ks"), ("ij", "i"), ("y", "i"),
          ("w", "v"), ("z", "s"), ("j", "i"), ("c", "k"), ("h", ""))
_DOUBLE = re.compile(r"(.)\1+")
_VOWELS = re.compile(r"[aeiou]+")


@functools.lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """A spelling reduced to what an English listener hears of it, whatever language spells it:
    accents dropped, letter groups that sound alike folded, doubled letters once, every vowel run
    one ``a``, a final vowel dropped (English writes silent ones: "neve"). A captioner writes the
    sound in English words; the fold of those words and the fold of the name's own spelling meet.

    >>> fold("Niamh"), fold("neve"), fold("Caoimhe") == fold("key va"), fold("Vyrnwy") == fold("vern we")
    ('nav', 'nav', True, True)
    """
    plain = unicodedata.normalize("NFKD", text.lower())
    out = "".join(c for c in plain if c.isascii() and c.isalpha())
    for spelt, heard in _FOLDS:
        out = out.replace(spelt, heard)
    out = _VOWELS.sub("a", _DOUBLE.sub(r"\1", out))
    return out[:-1] if len(out) > 2 and out.endswith("a") else out


def heard_alike(a: str, b: str) -> float:
    """How alike two spellings sound by :func:`fold` (Jaro-Winkler of the folds, 0 to 1).

    >>> heard_alike("sear sha", "Saoirse"), heard_alike("said", "Niamh") < 0.6
    (1.0, True)
    """
    fa, fb = fold(a), fold(b)
    return jellyfish.jaro_winkler_similarity(fa, fb) if fa and fb else 0.0
