"""How English says it: word-pair statistics for choosing between a spun word and the word it replaced.

Two sources, both read only when a document needs them (a document nobody spun pays nothing):

* **shipped**: symspellpy's unigram and bigram dictionaries (82,765 words, 242,342 pairs, counts
  from Google Books Ngrams via SymSpell, MIT licence), a package's data, no download at run time;
* **corpus**: every word pair of the corpus being cleaned, counted in a count-min sketch of fixed
  size (``PairSketch``, 2 x 2^18 counters, 2 MiB whatever the corpus size) during the corpus pass,
  so "Security Council" written 50 times in the corpus outweighs "Safety Council".

``fit`` scores a phrase in its slot with a bigram model and stupid backoff (Brants et al. 2007):
log10 P(first | left) + log10 P(right | last) + the pairs inside. Both candidates in a comparison
use the same slot, so the difference is how much more English the one reads than the other.
"""
from __future__ import annotations

import functools
import math
import re
import zlib
from array import array
from collections import Counter
from pathlib import Path

from ..corpus import Learner, register_learner

WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?")
BACKOFF = 0.4  # stupid backoff weight for an unseen pair
FLOOR = 1e-9  # probability of a word no dictionary knows
MIN_CORPUS_PAIRS = 2  # a pair the rest of the corpus wrote this often is evidence
SKETCH_WIDTH = 1 << 18
SKETCH_DEPTH = 2
MASK = SKETCH_WIDTH - 1
SEEDS = tuple((row + 1) * 0x9E3779B1 & 0xFFFFFFFF for row in range(SKETCH_DEPTH))
LIMIT = 0xFFFFFFFF  # counters saturate instead of wrapping
NAME = "word_pairs"


def tokens(text: str) -> list[str]:
    return WORD.findall(text.lower().replace("’", "'"))


class PairSketch:
    """Count-min sketch of words and word pairs: bounded memory, never under-counts, rarely over-counts.

    >>> s = PairSketch(); s.add_text("The Security Council met. The Security Council voted.")
    >>> s.count("security council"), s.count("security"), s.count("council voted")
    (2, 2, 1)
    """

    def __init__(self):
        self.table = [array("I", bytes(4 * SKETCH_WIDTH)) for _ in range(SKETCH_DEPTH)]
        self.pairs = 0

    def add_text(self, text: str) -> None:
        words = tokens(text)
        keys = [w.encode() for w in words] + [f"{a} {b}".encode() for a, b in zip(words, words[1:])]
        for row, seed in zip(self.table, SEEDS):
            for key in keys:
                slot = zlib.crc32(key, seed) & MASK
                if row[slot] < LIMIT:
                    row[slot] += 1
        self.pairs += max(len(words) - 1, 0)

    def count(self, key: str) -> int:
        data = key.encode()
        return min(row[zlib.crc32(data, seed) & MASK] for row, seed in zip(self.table, SEEDS))


@register_learner
class PairLearner(Learner):
    """Word pairs of the whole corpus, for SPN401/SPN402 (read only in documents flagged spun)."""

    name = NAME

    def __init__(self):
        self.sketch = PairSketch()

    def observe(self, doc_id: str, text: str) -> None:
        self.sketch.add_text(text)

    def finish(self) -> PairSketch:
        return self.sketch


def _symspell_dir() -> Path:
    import symspellpy

    return Path(symspellpy.__file__).parent


@functools.lru_cache(maxsize=1)
def shipped() -> tuple[dict[str, int], dict[str, int], int]:
    """(unigram counts, bigram counts, total words) from symspellpy's dictionaries."""
    base = _symspell_dir()
    uni: dict[str, int] = {}
    with open(base / "frequency_dictionary_en_82_765.txt", encoding="utf-8") as f:
        for line in f:
            word, _, count = line.rstrip("\n").partition(" ")
            uni[word] = int(count)
    bi: dict[str, int] = {}
    with open(base / "frequency_bigramdictionary_en_243_342.txt", encoding="utf-8") as f:
        for line in f:
            a, b, count = line.split()
            bi[f"{a} {b}"] = int(count)
    return uni, bi, sum(uni.values())


class PairModel:
    """Bigram probabilities from the shipped counts and from the rest of the corpus.

    The corpus sketch holds the document being cleaned too; its own words and pairs (``own``) are
    taken off before use, so a spun document never vouches for its own wording.
    """

    def __init__(self, sketch: PairSketch | None = None, own_text: str = ""):
        self.uni, self.bi, self.total = shipped()
        self.sketch = sketch if sketch is not None and sketch.pairs else None
        self.own: Counter = Counter()
        if self.sketch is not None:
            words = tokens(own_text)
            self.own.update(words)
            self.own.update(f"{a} {b}" for a, b in zip(words, words[1:]))

    def unigram(self, w: str) -> float:
        return max(self.uni.get(w, 0) / self.total, FLOOR)

    def known(self, w: str) -> bool:
        return w in self.uni

    def corpus_count(self, key: str) -> int:
        """How often the rest of the corpus wrote ``key`` (a word or "a b")."""
        if self.sketch is None:
            return 0
        return max(self.sketch.count(key) - self.own[key], 0)

    def attested(self, a: str, b: str) -> float:
        """P(b | a) where English (the shipped counts) or the rest of the corpus writes the pair, else 0."""
        base, pair = self.uni.get(a, 0), self.bi.get(f"{a} {b}", 0)
        p = pair / base if pair and base else 0.0
        seen = self.corpus_count(f"{a} {b}")
        if seen >= MIN_CORPUS_PAIRS:
            p = max(p, seen / max(self.corpus_count(a), seen))
        return min(p, 1.0)

    def cond(self, a: str | None, b: str) -> float:
        """P(b | a): an attested pair's probability, or stupid backoff to the unigram."""
        if a is None:
            return self.unigram(b)
        return self.attested(a, b) or BACKOFF * self.unigram(b)

    def fit(self, left: str | None, phrase: list[str], right: str | None) -> float:
        """log10 P(phrase, right | left) under the bigram model.

        >>> m = PairModel()
        >>> m.fit("the", ["stock"], "market") > m.fit("the", ["inventory"], "market")
        True
        """
        score = math.log10(self.cond(left, phrase[0]))
        for a, b in zip(phrase, phrase[1:]):
            score += math.log10(self.cond(a, b))
        if right is not None:
            score += math.log10(self.cond(phrase[-1], right))
        return score
