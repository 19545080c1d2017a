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

import jellyfish

from ..adapters import symspell_adapter as sym
from ..lang.names import knowledge
from ..lang.tokens import plain_word, words
from ..lang.tokens import shield as tokens_shield
from ..lang.vocab import zipf
from ..model import Document, Edit, Safety
from . import register_kind
from .base import RuleKind, make_edit
from .segment import split_parts, typo_like

# A word after a French, Spanish, Italian or German article is a loanword or a name, not a slip.
FOREIGN_BEFORE = re.compile(r"\b(?:la|le|les|de|du|des|el|los|las|il|lo|gli|der|die|das|den|dem)\s+\Z", re.I)
LINE_END_RE = re.compile(r"[ \t]*(?:\r?\n|\r|\Z)")
MIN_ZIPF = 3.0
MARGIN = 1.0
CONTEXT_RATIO = 100.0  # without a frequency margin, the neighbours must favour one fix this many times over
CONTEXT_CONTENDERS = 6  # the commonest candidates the neighbours choose among
SUFFIXES = ("s", "es", "ed", "d", "ing", "er", "ers", "ly", "ness", "able")
DOUBLED_SUFFIXES = ("ed", "ing", "er", "ers")  # "libelled", "travelling": British doubling before a suffix
ATTESTED_ZIPF = 1.0  # wordfreq has seen the word: it may be a real word ("muso", "pinnies"), not a slip
KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEY_AT = {c: (r, i) for r, row in enumerate(KEYBOARD_ROWS) for i, c in enumerate(row)}
CORPUS_FIX_RATIO = 3  # a word wordfreq has seen that the corpus uses twice is still a slip when the corpus writes
CORPUS_OVERRIDE_ZIPF = 2.5  # the fix this many times as often, or English this many Zipf points more often
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


VOWELS = frozenset("aeiouy")
EAR_MIN_LENGTH = 7  # a word spelt by ear is this long: shorter rare words are names and loanwords ("lakas", "passos")
EAR_MAX_OWN_ZIPF = 2.5  # ... rare in wordfreq ("seperated" 2.2, "independant" 2.35) ...
EAR_MIN_FIX_ZIPF = 4.0  # ... and its fix common ("separated" 4.3)
EAR_STEM_ZIPF = 2.0  # a suffix on a stem wordfreq knows this well may be a real word ("defunding": "defund"): suggested


def spelt_by_ear(word: str, fix: str) -> str:
    """Whether ``word`` is ``fix`` spelt as it sounds: one vowel for another inside the word, so both
    read alike (the same Metaphone key), a long word that English text rarely uses for a common one
    ("availible", "relavant", "guidence"): ``"sure"``, a doubt when the word may be an inflection of a
    stem wordfreq knows ("defunding" of "defund", but also "seperated" of "seperate"), else ``""``.
    A real word's vowel changed sounds different or is common too ("pinnies"/"pennies" both rare), a
    name or loanword is short or ends differently ("lakas", "michiel", "privata").

    >>> spelt_by_ear("availible", "available"), spelt_by_ear("lakas", "lakes"), spelt_by_ear("pinnies", "pennies")
    ('sure', '', '')
    >>> spelt_by_ear("defunding", "defending")
    "the stem 'defund' is a word wordfreq knows"
    """
    if len(word) != len(fix) or len(word) < EAR_MIN_LENGTH:
        return ""
    diff = [i for i, (a, b) in enumerate(zip(word, fix)) if a != b]
    if len(diff) != 1 or not 0 < diff[0] < len(word) - 2 or word[diff[0]] not in VOWELS or fix[diff[0]] not in VOWELS:
        return ""
    if zipf(word) > EAR_MAX_OWN_ZIPF or zipf(fix) < EAR_MIN_FIX_ZIPF:
        return ""
    if jellyfish.metaphone(word) != jellyfish.metaphone(fix):
        return ""
    stem = next((word[:-len(suf)] for suf in SUFFIXES if word.endswith(suf) and len(word) - len(suf) >= 4
                 and zipf(word[:-len(suf)]) >= EAR_STEM_ZIPF), None)
    return f"the stem {stem!r} is a word wordfreq knows" if stem else "sure"


def doubling_slip(word: str, fix: str) -> bool:
    """Whether ``word`` is ``fix`` with the consonant before its suffix written once instead of twice, or
    twice instead of once ("droped", "occured", "comming", "begining"): English spells the stem's own
    letters, so "drop" + "ed" looks like an inflection, but the inflection is "dropped".

    >>> doubling_slip("droped", "dropped"), doubling_slip("comming", "coming"), doubling_slip("editors", "editor")
    (True, True, False)
    """
    for suf in DOUBLED_SUFFIXES:
        if not (word.endswith(suf) and fix.endswith(suf)):
            continue
        a, b = word[:-len(suf)], fix[:-len(suf)]
        short, long = (a, b) if len(a) < len(b) else (b, a)
        if len(long) == len(short) + 1 and long == short + short[-1] and short[-1] not in VOWELS:
            return True
    return False


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


LEFT_WORD = re.compile(r"([a-z]+)[ \t]+\Z")
RIGHT_WORD = re.compile(r"[ \t]+([a-z]+)")


def neighbours(text: str, start: int, end: int) -> tuple[str, str]:
    """The lowercase words right before and after ``text[start:end]`` in the same phrase ("" where a
    mark, a capital or a line break comes first).

    >>> neighbours("Many are rasing money.", 9, 15), neighbours("Rasing, they ran", 0, 6)
    (('are', 'money'), ('', ''))
    """
    left = LEFT_WORD.search(text, max(0, start - 40), start)
    right = RIGHT_WORD.match(text, end)
    return (left.group(1) if left else "", right.group(1) if right else "")


def context_score(left: str, fix: str, right: str) -> tuple[float, bool]:
    """How well ``fix`` fits between its neighbours: P(fix | left) P(right | fix) up to a constant, from
    symspell's bigram counts (add-one), and whether either pair is attested at all."""
    a = sym.bigram_count(left, fix) if left else 0
    b = sym.bigram_count(fix, right) if right else 0
    return (a + 1) * (b + 1) / max(sym.unigram_count(fix), 1), bool(a or b)


def by_context(contenders: list[tuple[float, str]], context: tuple[str, str]) -> str | None:
    """The contender the neighbours single out ("a personel best": "personal", not "personnel"), when its
    context is attested and fits ``CONTEXT_RATIO`` times better than the next one's; else None."""
    scored = sorted(((context_score(context[0], c, context[1]), c) for _, c in contenders), reverse=True)
    (best, attested), fix = scored[0]
    second = scored[1][0][0] if len(scored) > 1 else 0.0
    return fix if attested and best >= CONTEXT_RATIO * second else None


def best_fix(word: str, context: tuple[str, str] | None = None) -> tuple[str, float, float, str, str] | None:
    """``(fix, its zipf, runner-up zipf, rival, doubt)`` for an unknown word, or None; ``rival`` (else "") is
    a word two letters longer that is as likely meant, and ``doubt`` (else "") why a word spelt by ear
    may be real (see :func:`spelt_by_ear`): either makes the fix a suggestion. Several common words one
    edit away with no frequency margin between them: ``context`` (the lowercase words before and after)
    may single one out (:func:`by_context`).

    >>> best_fix("goverment")[0], best_fix("hereto"), best_fix("Nortk")
    ('government', None, None)
    >>> best_fix("rasing"), best_fix("rasing", ("are", "money"))[0]
    (None, 'raising')
    """
    own = zipf(word)
    if not word.isalpha() or not word.islower() or own >= MAX_OWN_ZIPF or sym.unigram_count(word):
        return None
    scored = sorted(((zipf(t), t) for t, d, _ in sym.candidates(word, 1) if d == 1), reverse=True)
    if not scored or scored[0][0] < MIN_ZIPF or scored[0][0] - own < 2.0:
        return None
    if keyboard_slip(word, scored[0][1]):  # a rival no slip of the fingers leads to is no rival ("depicted" for "dedicted")
        scored = [scored[0]] + [(z, t) for z, t in scored[1:] if keyboard_slip(word, t)]
    runner = scored[1][0] if len(scored) > 1 else 0.0
    fix_z, fix = scored[0]
    if fix_z - runner < MARGIN:
        contenders = [(z, t) for z, t in scored if z >= MIN_ZIPF and z - own >= 2.0][:CONTEXT_CONTENDERS]
        chosen = by_context(contenders, context) if context and len(contenders) > 1 else None
        if chosen is None or not keyboard_slip(word, chosen):
            return None  # the neighbours choose among slips only ("plany" is no slip of "plans": "plenty")
        fix_z, fix = next((z, t) for z, t in scored if t == chosen)
        runner = max(z for z, t in scored if t != chosen)
    if inflected_real_word(word) and not doubling_slip(word, fix):
        return None  # "accessors": an inflection of a rare real word, not a slip
    doubt = ""
    if own >= ATTESTED_ZIPF and not keyboard_slip(word, fix):
        ear = spelt_by_ear(word, fix)
        if not ear:
            return None  # a word English text uses, and no slip of the fingers or of the ear away: a real word
        doubt = "" if ear == "sure" else ear
    # "restructing": two letters dropped from "restructuring" is as likely as one keystroke off "restricting"
    rival = two_letters_dropped(word, fix_z - MARGIN, fix) or ""
    return fix, fix_z, runner, rival, doubt


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
            if shield.covers(w.start, w.end):
                continue
            parts = split_parts(w.text)
            if parts and not typo_like(w.text, parts):
                continue  # two words run together, unless a common word a keystroke away is likelier ("anounces")
            found = best_fix(w.text, neighbours(text, w.start, w.end))
            if found is None:
                continue
            fix, z, runner, rival, doubt = found
            uses = names.lower[w.text]
            own = zipf(w.text)
            if uses >= 2 and not (own >= ATTESTED_ZIPF and (names.lower[fix] >= CORPUS_FIX_RATIO * uses
                                                            or z - own >= CORPUS_OVERRIDE_ZIPF)):
                continue  # a word the corpus writes twice is its own term ("sentencers", unseen by wordfreq), unless
                #           wordfreq knows it as a misspelling of a word the corpus or English writes far more often
                #           ("goverment" 2.7, "government" 5.6)
            if fix[:1] != w.text[:1] or FOREIGN_BEFORE.search(text, 0, w.start):
                continue  # slips rarely hit the first letter ("gare" is French, not "are")
            # a word that ends a line with no punctuation may be cut off ("the reci" for "recipient"), not misspelled
            cut_off = LINE_END_RE.match(text, w.end) is not None
            for rule in self.rules:
                yield make_edit(rule, text, w.start, w.end, fix,
                                safety=Safety.SUGGESTION if asr or technical or cut_off or rival or doubt else None,
                                evidence=(f"wordfreq: {fix} {z:.1f}, runner-up {runner:.1f}; {w.text!r} "
                                          + (f"{own:.1f}, spelt as it sounds" if own >= ATTESTED_ZIPF
                                             and not keyboard_slip(w.text, fix) else "unseen"),)
                                + ((f"as likely: {rival!r}, two letters longer",) if rival else ())
                                + (("without a frequency margin: chosen by the words around it",)
                                   if z - runner < MARGIN else ())
                                + ((f"may be a real word: {doubt}",) if doubt else ()))
