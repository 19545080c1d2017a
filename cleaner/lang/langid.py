"""Which language a text is in: CLD2 (pycld2, offline, C++), with an English-vocabulary fallback.

Why: every word-level pack (typos, spacing, transcripts, spinner lexicons) knows English only.
Run on French or Spanish it "repairs" correct words ("soutenir" -> "souvenir", "incluye" ->
"include"). Language identification decides which packs may run on a document, and which lines
of a mostly English document are another language and so out of their reach.

CLD2 is fast (hundreds of MB/s) and needs no model download. It is unreliable on a few words, and
mojibake confuses it; there the share of common English words decides: a line of English keeps
its repairs, anything that cannot be shown to be English gets character-level repairs only.
"""
from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from typing import Iterator

import pycld2
import regex

from .vocab import zipf

ENGLISH = "en"
UNDETERMINED = "und"
_UNSAFE_FOR_CLD2 = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_WORD = regex.compile(r"\p{L}+(?:['’]\p{L}+)*")
COMMON_ZIPF = 3.0  # "common" English: wordfreq's Zipf 3 is about one per million words
ENGLISH_SHARE = 0.6  # a text whose words are this often common English is English
SURELY_ENGLISH_SHARE = 0.85  # ... and this often, surely English, whatever CLD2 says of a short text
MIN_CLD2_LETTERS = 200  # CLD2's "English" on fewer letters is checked against the vocabulary ...
SURE_CLD2_PERCENT = 80  # ... and so is a text it finds only partly English (names count as English to it)
MIN_VOTES = 3  # words that must vote for another language before a short text is called foreign
VOTING_LANGUAGES = ("en", "fr", "es", "de", "pt", "it", "nl")  # wordfreq lists loaded only when voting
MIN_FOREIGN_LETTERS = 60  # a line shorter than this inherits the document's language
FOREIGN_MAX_ENGLISH_PERCENT = 30  # CLD2 may call a line foreign only if it sees little English in it


@dataclass(frozen=True)
class LanguageGuess:
    """``lang``: an ISO 639-1 code, or ``und``; ``how``: which test decided, for the log."""

    lang: str
    reliable: bool
    percent: int  # CLD2's share of the text in ``lang`` (0 when the vocabulary fallback decided)
    english_share: float  # share of words that are common English (-1: not measured, CLD2 was sure)
    how: str

    @property
    def is_english(self) -> bool:
        return self.lang == ENGLISH


def english_share(text: str) -> float:
    """Share of the words of ``text`` that are common English (wordfreq Zipf >= 3).

    >>> english_share("the council met on Monday"), english_share("le conseil s'est réuni lundi")
    (1.0, 0.4)
    """
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return 0.0
    return sum(zipf(w) >= COMMON_ZIPF for w in words) / len(words)


def _cld2(text: str) -> tuple[bool, list[tuple[str, int]]]:
    """CLD2's verdict: (reliable, [(code, percent), ...]) on text made safe for it."""
    safe = _UNSAFE_FOR_CLD2.sub(" ", text)
    try:
        reliable, _, details = pycld2.detect(safe)
    except pycld2.error:  # it refuses what it cannot read; the fallback decides then
        return False, []
    return reliable, [(code, percent) for _, code, percent, _ in details if code != "un"]


def identify(text: str, cld2: tuple[bool, list[tuple[str, int]]] | None = None) -> LanguageGuess:
    """The language of ``text``.

    >>> identify("The minister said the talks would resume next week in Seoul.").lang
    'en'
    >>> identify("Le ministre a déclaré que les négociations reprendraient la semaine prochaine.").lang
    'fr'
    >>> identify("Kayanya laptopku error deh, soalnya tiap mau ngetik").lang
    'id'
    >>> identify("Leonor Beleza, presidente da mesa do Congresso, foi convidada a colaborar.").lang
    'pt'
    >>> identify("Ningbo, China").lang
    'und'
    """
    reliable, ranked = cld2 if cld2 is not None else _cld2(text)  # ``cld2``: its verdict, when already asked
    english_percent = dict(ranked).get(ENGLISH, 0)
    top = ranked[0][0] if reliable and ranked else None
    if top == ENGLISH and english_percent >= SURE_CLD2_PERCENT and has_letters(text, MIN_CLD2_LETTERS):
        return LanguageGuess(ENGLISH, True, ranked[0][1], -1.0, "cld2")  # the share is not needed
    if top not in (None, ENGLISH) and english_percent < FOREIGN_MAX_ENGLISH_PERCENT:
        # not the English vocabulary: "la", "de", "a" are common English words too
        return LanguageGuess(top, True, ranked[0][1], -1.0, "cld2")
    share = english_share(text)
    if share >= SURELY_ENGLISH_SHARE:
        return LanguageGuess(ENGLISH, top == ENGLISH, english_percent, share, "vocabulary")
    lang, votes, english_votes = vocabulary_vote(text)
    if lang != ENGLISH and votes >= MIN_VOTES and votes >= 2 * english_votes:
        return LanguageGuess(lang, True, 0, share, "vocabulary vote")
    if top == ENGLISH or share >= ENGLISH_SHARE and english_votes >= votes:
        return LanguageGuess(ENGLISH, top == ENGLISH, english_percent, share, "vocabulary")
    return LanguageGuess(UNDETERMINED, False, 0, share, "undetermined")


def vocabulary_vote(text: str) -> tuple[str, int, int]:
    """(language, its votes, English votes): each word votes for the language where wordfreq finds it
    clearly (a Zipf point) more common than in any other; "presidente" votes Portuguese or Spanish,
    "the" English, a name nothing. Used where CLD2 is unsure, on short text.

    >>> vocabulary_vote("el apetito insaciable de China por el pollo frito")[0]
    'es'
    """
    votes: dict[str, int] = {}
    for word in _WORD.findall(text):
        lang = _word_language(word.lower())
        if lang:
            votes[lang] = votes.get(lang, 0) + 1
    english = votes.pop(ENGLISH, 0)
    if not votes:
        return ENGLISH, english, english
    lang = max(sorted(votes), key=votes.get)
    return lang, votes[lang], english


@functools.lru_cache(maxsize=100_000)
def _word_language(word: str) -> str | None:
    from wordfreq import zipf_frequency

    scores = sorted(((zipf_frequency(word, lang), lang) for lang in VOTING_LANGUAGES), reverse=True)
    (best, lang), (second, _) = scores[0], scores[1]
    return lang if best >= COMMON_ZIPF and best - second >= 1.0 else None


_LETTER = regex.compile(r"\p{L}")


def has_letters(text: str, n: int) -> bool:
    """Whether ``text`` holds at least ``n`` letters, reading only as far as the ``n``-th (a whole
    document was counted character by character: a fifth of the language detector's time).

    >>> has_letters("ab1 c", 3), has_letters("ab1 c", 4)
    (True, False)
    """
    return sum(1 for _ in itertools.islice(_LETTER.finditer(text), n)) >= n


def lines_with_offsets(text: str) -> Iterator[tuple[int, int, str]]:
    pos = 0
    for line in text.splitlines(keepends=True):
        yield pos, pos + len(line), line
        pos += len(line)


def foreign_lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end, language) of each line of ``text`` that is reliably not English.

    Lines too short to judge inherit the document's language, so a caption or a name on a line of
    its own never loses its repairs.

    >>> text = "The talks resumed on Monday in Geneva after a long pause.\\n" + \\
    ...     "Les discussions ont repris lundi à Genève après une longue pause, a indiqué le ministre.\\n"
    >>> foreign_lines(text)
    [(58, 147, 'fr')]
    """
    out = []
    for start, end, line in lines_with_offsets(text):
        if not has_letters(line, MIN_FOREIGN_LETTERS):
            continue
        verdict = _cld2(line)
        if not verdict[1] or verdict[1][0][0] == ENGLISH:
            continue  # CLD2 sees English or nothing: no cause to doubt the document's language here
        guess = identify(line, verdict)
        if not guess.is_english and guess.reliable:
            out.append((start, end, guess.lang))
    return out
