"""``companion_gap``: caption words between two neighbours where the corpus's prose writes a word of their sound.

"an amber morning for" in a caption, "an amber warning for" in the companion article: the word
between "amber" and "for" is one the prose writes there and sounds one step from the caption's
(Double Metaphone keys one edit apart). :mod:`.company` (ASR011) judges a word by one neighbour and
needs the same key; with both neighbours agreeing, a key one sound away is evidence enough, and a
window of two or three caption words may be one written word ("had the liberated for": *deliberated*).

Guards: the caption's own words are never what the prose writes there; one candidate only; the two
spellings alike (Jaro-Winkler of the letters, ``min_similarity``); neither a function word nor a
short common word with the same consonants (an inflection or tense: "rise"/"rose", "says"/"said");
numbers and capitalised words (names someone wrote) are left alone. Without a corpus the rule is
silent. YAML parameters: ``min_similarity`` (default 0.7), ``max_window`` (caption words, 3),
``edge_similarity`` (0.85: one word where the article ends its sentence after the left neighbour).
"""
from __future__ import annotations

from typing import Iterator

import jellyfish

from ..adapters import symspell_adapter as sym
from ..lang.contexts import END, context_knowledge
from ..lang.phonetic import sounds_near
from ..lang.regions import run_words
from ..lang.vocab import zipf
from ..model import Document, Edit
from . import register_kind
from .base import RuleKind, make_edit
from .segment import split_parts
from .stutter import FUNCTION_WORDS

SAID_ZIPF = 5.0  # a window's first word this common ("may") may simply have been said
MIN_UNKNOWN_USES = 2  # a word no dictionary knows (a name) must be written this often between the two neighbours
MIN_LETTERS = 4  # the written word has at least this many letters: short words sound like too many others
ABLAUT_LENGTH = 5  # two common words this short with the same consonants are forms of one word ("rise"/"rose")
COMMON_ZIPF = 3.0
VOWELS = frozenset("aeiouy")
ENDINGS = ("ings", "ing", "ers", "ed", "es", "er", "ly", "s", "d")  # longest first


@register_kind
class CompanionGap(RuleKind):
    name = "companion_gap"

    def propose(self, doc: Document) -> Iterator[Edit]:
        k = context_knowledge(doc)
        if not k.triples:
            return
        text = doc.text
        toks = run_words(text)
        for rule in self.rules:
            floor = float(rule.params.get("min_similarity", 0.7))
            widest = int(rule.params.get("max_window", 3))
            edge = float(rule.params.get("edge_similarity", 0.85))
            i = 1
            while i < len(toks) - 1:
                found = self._at(text, toks, i, k, floor, widest, edge)
                if found is None:
                    i += 1
                    continue
                size, word, uses = found
                left, right = toks[i - 1].lower, toks[i + size].lower
                yield make_edit(rule, text, toks[i].start, toks[i + size - 1].end, word,
                                evidence=(f"corpus: '{left} {word} {right}' x{uses}; the caption's "
                                          f"'{left} {' '.join(t.lower for t in toks[i:i + size])} {right}' never",))
                i += size

    def _at(self, text, toks, i, k, floor, widest, edge):
        """(window size, the written word, its uses) for the caption words from ``i``, or None."""
        for size in range(1, widest + 1):
            if i + size >= len(toks):
                return None
            window = toks[i - 1:i + size + 1]
            gaps = [text[a.end:b.start] for a, b in zip(window, window[1:])]
            if any(g != " " for g in gaps[:-1]) or gaps[-1] not in (" ", "\n"):
                continue  # neighbours and window one space apart (a caption line may end before the right one)
            heard = [t.text for t in toks[i:i + size]]
            if not all(h.isalpha() and h.islower() for h in heard) or size == 1 and heard[0] in FUNCTION_WORDS:
                continue
            middles = k.between(toks[i - 1].lower, toks[i + size].lower) if gaps[-1] == " " else {}
            if not middles and size == 1:
                # "even if it looks shadow pow is ...": the article ends its sentence there ("... looks shallow.");
                # one neighbour only, so the spellings must be closer
                middles = {m: n for m, n in k.between(toks[i - 1].lower, END).items()
                           if jellyfish.jaro_winkler_similarity(heard[0], m) >= edge}
            if not middles or size == 1 and heard[0] in middles:
                continue  # the prose writes the caption's own word there: it was heard right
            if size > 1 and all(sym.bigram_count(a, b) for a, b in zip(heard, heard[1:])):
                continue  # "may distribute": words English pairs are what was said, not "redistribute"
            letters = "".join(heard)
            found = [(m, n) for m, n in middles.items() if _heard_as(letters, m, floor) and m not in heard
                     and (zipf(m) > 0 or n >= MIN_UNKNOWN_USES)  # "ordâinary" once: the corpus's own damage
                     and not _said_besides(heard, m)]
            if len(found) == 1:
                return size, found[0][0], found[0][1]
        return None


def _said_besides(heard: list[str], word: str) -> bool:
    """A common first word the written one does not need: the rest of the window alone is closer to
    it ("may distr ibute": "redistribute" is nearer "distribute"; "the liberated" keeps "deliberated").

    >>> _said_besides(["may", "distr", "ibute"], "redistribute"), _said_besides(["the", "liberated"], "deliberated")
    (True, False)
    """
    if len(heard) < 2 or zipf(heard[0]) < SAID_ZIPF:
        return False
    return jellyfish.levenshtein_distance("".join(heard[1:]), word) < jellyfish.levenshtein_distance("".join(heard), word)


def _heard_as(letters: str, word: str, floor: float) -> bool:
    """Whether ``word``, written, may have been heard as ``letters``: a plain lowercase word of
    ``MIN_LETTERS`` or more, not a function word, Double Metaphone keys equal or one edit apart,
    spellings alike, and no two forms of one word.

    >>> _heard_as("morning", "warning", 0.7), _heard_as("reason", "season", 0.7), _heard_as("rise", "rose", 0.7)
    (True, True, False)
    """
    if len(word) < MIN_LETTERS or not word.isalpha() or not word.islower() or word in FUNCTION_WORDS:
        return False
    if not zipf(word) and split_parts(word):
        return False  # "containsa": glue in the corpus's prose, which SPC001 would split again
    if word == letters:
        return True  # the caption split the word ("eye witness" for "eyewitness")
    if letters.startswith(word) or letters.endswith(word):
        return False  # "eye witness a": the word and one more the speaker said
    if jellyfish.jaro_winkler_similarity(letters, word) < floor:
        return False
    if not sounds_near(letters, word):
        return False
    return not _forms_of_one_word(letters, word)


def _forms_of_one_word(a: str, b: str) -> bool:
    """Two forms of one word: the same stem under another ending ("wants"/"wanted", "respects"/
    "respected"), or two short common words with the same consonants ("rise"/"rose", "sing"/"sang"):
    a tense or number the article chose, not a mishearing.

    >>> _forms_of_one_word("wants", "wanted"), _forms_of_one_word("gusted", "gutted")
    (True, False)
    """
    if _stem(a) == _stem(b):
        return True
    if max(len(a), len(b)) > ABLAUT_LENGTH or min(zipf(a), zipf(b)) < COMMON_ZIPF:
        return False
    return [c for c in a if c not in VOWELS] == [c for c in b if c not in VOWELS]


def _stem(word: str) -> str:
    return next((word[:-len(s)] for s in ENDINGS if word.endswith(s) and len(word) - len(s) >= 3), word)
