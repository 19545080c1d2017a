"""``typo``: a lowercase word no dictionary knows, one keystroke from exactly one common word.

Candidates come from symspellpy (edit distance 1 only); frequencies from wordfreq.
Unknown means: not in symspellpy's curated 82,765-word list and rare in wordfreq
(which also counts frequent misspellings). A fix needs a clear margin: the best candidate is common (Zipf >= 3) and beats the
runner-up by a full Zipf point. Words the corpus itself uses twice or more are
terms, not slips; run-together words are SPC001's; capitalised words are names and
belong to TYP003, which needs corpus evidence. In transcripts an unknown word is
more often a misheard name than a typo, in a technical document a package or module
name, and at the end of a line without punctuation a word cut off ("the reci"), so there
the fix is only suggested.
"""
from __future__ import annotations

import functools
import os
import re
from typing import Iterator

from ..adapters import symspell_adapter as sym
from ..lang.names import knowledge
from ..lang.tokens import plain_word, words
from ..lang.tokens import shield as tokens_shield
from ..lang.vocab import zipf
from ..model import Document, Edit, Safety
from . import register_kind
from .base import RuleKind, make_edit
from .segment import split_parts

# A word after a French, Spanish, Italian or German article is a loanword or a name, not a slip.
FOREIGN_BEFORE = re.compile(r"\b(?:la|le|les|de|du|des|el|los|las|il|lo|gli|der|die|das|den|dem)\s+\Z", re.I)
LINE_END_RE = re.compile(r"[ \t]*(?:\r?\n|\r|\Z)")
MIN_ZIPF = 3.0
MARGIN = 1.0
SUFFIXES = ("s", "es", "ed", "d", "ing", "er", "ers", "ly", "ness", "able")
DOUBLED_SUFFIXES = ("ed", "ing", "er", "ers")  # "libelled", "travelling": British doubling before a suffix
ATTESTED_ZIPF = 1.0  # wordfreq has seen the word: it may be a real word ("muso", "pinnies"), not a slip
KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEY_AT = {c: (r, i) for r, row in enumerate(KEYBOARD_ROWS) for i, c in enumerate(row)}
MAX_OWN_ZIPF = 3.0  # wordfreq also counts frequent misspellings ("goverment" 2.7); real rare words are in symspell's list


def adjacent_keys(a: str, b: str) -> bool:
    """Whether two letters are neighbours on a QWERTY keyboard (a finger slipped).

    >>> adjacent_keys("r", "e"), adjacent_keys("o", "t"), adjacent_keys("i", "e")
    (True, False, False)
    """
    if a not in _KEY_AT or b not in _KEY_AT:
        return False
    (ra, ia), (rb, ib) = _KEY_AT[a], _KEY_AT[b]
    return abs(ra - rb) <= 1 and abs(ia - ib + (ra - rb) * 0.5) <= 1.0 and a != b


def keyboard_slip(word: str, fix: str) -> bool:
    """Whether one edit turning ``fix`` into ``word`` is a slip of the fingers: a letter dropped, doubled
    or added, two letters swapped, or a neighbouring key struck. A vowel for a vowel far away on the
    keyboard ("libelled"/"labelled", "pinnies"/"pennies") is a different word, not a slip.

    >>> keyboard_slip("progam", "program"), keyboard_slip("wtih", "with"), keyboard_slip("muso", "must")
    (True, True, False)
    """
    if len(word) != len(fix):
        return True
    diff = [i for i, (a, b) in enumerate(zip(word, fix)) if a != b]
    if len(diff) == 2 and diff[1] == diff[0] + 1 and word[diff[0]] == fix[diff[1]] and word[diff[1]] == fix[diff[0]]:
        return True
    return len(diff) == 1 and adjacent_keys(word[diff[0]], fix[diff[0]])


def inflected_real_word(word: str) -> bool:
    """An inflection of a dictionary word, so not a slip ("editors", "libelled", "travelling").

    >>> inflected_real_word("libelled"), inflected_real_word("editors"), inflected_real_word("publised")
    (True, True, False)
    """
    # the stem must be a dictionary word: wordfreq also counts misspelt stems ("publis", "suporter")
    if any(word.endswith(suf) and zipf(word[:-len(suf)]) >= 1.0 and sym.unigram_count(word[:-len(suf)])
           for suf in SUFFIXES):
        return True
    for suf in DOUBLED_SUFFIXES:
        stem = word[:-len(suf)]
        if word.endswith(suf) and len(stem) > 3 and stem[-1] == stem[-2] and zipf(stem[:-1]) >= 2.0:
            return True
    return False


@functools.lru_cache(maxsize=1)
def _by_shape() -> dict[tuple[str, int], list[str]]:
    """symspellpy's words by (first letter, length): where to look for a word two letters longer."""
    index: dict[tuple[str, int], list[str]] = {}
    for w in sym.unigrams():
        if w.isalpha():
            index.setdefault((w[0], len(w)), []).append(w)
    return index


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def two_letters_dropped(word: str, floor: float, fix: str) -> str | None:
    """A word at least as common as ``floor`` that ``word`` is with two letters left out, other than ``fix``
    inflected: then ``fix``, one keystroke away, is a guess ("restructing" may be "restricting" or
    "restructuring").

    >>> two_letters_dropped("restructing", 3.0, "restricting"), two_letters_dropped("belive", 4.0, "believe")
    ('restructuring', None)
    """
    for w in _by_shape().get((word[0], len(word) + 2), ()):
        if _subsequence(word, w) and zipf(w) >= floor and len(os.path.commonprefix([w, fix])) < len(fix) - 1:
            return w  # not the fix inflected ("believed" for "belive" -> "believe"): another word
    return None


def best_fix(word: str) -> tuple[str, float, float] | None:
    """``(fix, its zipf, runner-up zipf, rival)`` for an unknown word, or None; ``rival`` (else "") is a word
    two letters longer that is as likely meant, which makes the fix a suggestion.

    >>> best_fix("goverment")[0], best_fix("hereto"), best_fix("Nortk")
    ('government', None, None)
    """
    own = zipf(word)
    if not word.isalpha() or not word.islower() or own >= MAX_OWN_ZIPF or sym.unigram_count(word):
        return None
    if inflected_real_word(word):
        return None  # "accessors": an inflection of a rare real word, not a slip
    scored = sorted(((zipf(t), t) for t, d, _ in sym.candidates(word, 1) if d == 1), reverse=True)
    if not scored or scored[0][0] < MIN_ZIPF or scored[0][0] - own < 2.0:
        return None
    if own >= ATTESTED_ZIPF and not keyboard_slip(word, scored[0][1]):
        return None  # a word English text uses, and no slip of the fingers away: a real word
    runner = scored[1][0] if len(scored) > 1 else 0.0
    if scored[0][0] - runner < MARGIN:
        return None
    # "restructing": two letters dropped from "restructuring" is as likely as one keystroke off "restricting"
    rival = two_letters_dropped(word, scored[0][0] - MARGIN, scored[0][1]) or ""
    return scored[0][1], scored[0][0], runner, rival


@register_kind
class Typo(RuleKind):
    name = "typo"

    def propose(self, doc: Document) -> Iterator[Edit]:
        text, names = doc.text, knowledge(doc)
        asr = doc.profile.has("asr")
        technical = doc.profile.has("technical")  # unknown lowercase tokens there are package names ("serde")
        shield = None
        for w in words(text):
            if len(w.text) < 4 or not w.text.islower() or zipf(w.text) >= MAX_OWN_ZIPF or not plain_word(text, w):
                continue
            shield = shield or tokens_shield(text)
            if not w.text.isascii():
                continue  # "coöperation", "passé": a word with diacritics is a loanword or a style, not a slip
            if shield.covers(w.start, w.end) or names.lower[w.text] >= 2 or split_parts(w.text):
                continue
            found = best_fix(w.text)
            if found is None:
                continue
            fix, z, runner, rival = found
            if fix[:1] != w.text[:1] or FOREIGN_BEFORE.search(text, 0, w.start):
                continue  # slips rarely hit the first letter ("gare" is French, not "are")
            # a word that ends a line with no punctuation may be cut off ("the reci" for "recipient"), not misspelled
            cut_off = LINE_END_RE.match(text, w.end) is not None
            for rule in self.rules:
                yield make_edit(rule, text, w.start, w.end, fix,
                                safety=Safety.SUGGESTION if asr or technical or cut_off or rival else None,
                                evidence=(f"wordfreq: {fix} {z:.1f}, runner-up {runner:.1f}; {w.text!r} unseen",)
                                + ((f"as likely: {rival!r}, two letters longer",) if rival else ()))
