"""Unknown spins: adjacent word pairs that English almost never puts together.

A spinner swaps words outside any lexicon too ("vital function" for "important role"). What
gives such a swap away is the pair it forms: two common words that ordinary text rarely
joins. symspellpy ships a dictionary of the 243,000 most frequent English bigrams and wordfreq
ships word frequencies; a pair of frequent words that is missing from the bigram list is
"unlikely". These pairs are only ever suggestions for a reviewer (rule SPN205): where the
spinner lexicon knows a word of the pair, the suggestion is the lexicon's original when that
forms a known bigram; otherwise the pair is flagged unchanged.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from wordfreq import zipf_frequency

PAIR = re.compile(r"(?<![\w’'-])([a-z]+) ([a-z]+)(?![\w’'-])")
STOP = frozenset("""a an the and or but if of to in on at by for with from as is are was were be been being it its
    this that these those he she they we you i his her their our your my me him them us not no so than then
    there here what which who whom whose when where why how all any some each every more most less few
    can could will would shall should may might must do does did has have had also just only very too
    into onto over under about after before between through during against towards toward up down out off
    again further once both either neither nor such own same other another said says""".split())
MIN_ZIPF = 3.7  # both words at least this frequent (wordfreq Zipf scale) ...
MIN_SUM = 8.4  # ... and together this frequent: a pair of common words English should know


@dataclass(frozen=True)
class Flag:
    start: int
    end: int
    after: str
    score: float
    why: str


@functools.lru_cache(maxsize=1)
def bigrams() -> frozenset[str]:
    """The bigram dictionary symspellpy ships, as "w1 w2" strings (read once)."""
    import symspellpy

    path = Path(symspellpy.__file__).with_name("frequency_bigramdictionary_en_243_342.txt")
    with path.open(encoding="utf-8") as fh:
        return frozenset(" ".join(line.split()[:2]) for line in fh if line.strip())


def zipf(word: str) -> float:
    return zipf_frequency(word, "en")


def unlikely_pairs(text: str, known: dict[str, tuple[str, ...]], limit: int = 8) -> Iterator[Flag]:
    """Pairs of frequent words absent from the bigram list, most surprising first.

    ``known`` maps single spun words to their lexicon originals, for concrete suggestions.

    >>> [(f.after, f.why[:19]) for f in unlikely_pairs("Western officers say", {"officers": ("officials",)})]
    [('officials', 'lexicon: officers -')]
    """
    pairs = bigrams()
    flags: list[Flag] = []
    for m in PAIR.finditer(text):
        w1, w2 = m.group(1), m.group(2)
        if f"{w1} {w2}" in pairs:
            continue
        suggestion = _lexicon_suggestion(m, w1, w2, known, pairs)
        if suggestion:
            flags.append(suggestion)
            continue
        if w1 in STOP or w2 in STOP:
            continue
        z1, z2 = zipf(w1), zipf(w2)
        if min(z1, z2) < MIN_ZIPF or z1 + z2 < MIN_SUM:
            continue
        flags.append(Flag(m.start(), m.end(), m.group(0), z1 + z2,
                          f"'{w1} {w2}' is not among the 243k commonest English bigrams"))
    flags.sort(key=lambda f: (-f.score, f.start))
    kept: list[Flag] = []
    for f in flags:
        if len(kept) < limit and not any(f.start < k.end and k.start < f.end for k in kept):
            kept.append(f)
    yield from sorted(kept, key=lambda f: f.start)


def _lexicon_suggestion(m, w1: str, w2: str, known, pairs) -> Flag | None:
    for word, start, end, other, right in ((w2, m.start(2), m.end(2), w1, True), (w1, m.start(1), m.end(1), w2, False)):
        for original in known.get(word, ()):
            pair = f"{other} {original}" if right else f"{original} {other}"
            if " " not in original and pair in pairs:
                return Flag(start, end, original, 100.0, f"lexicon: {word} -> {original}; '{pair}' is a common bigram")
    return None
