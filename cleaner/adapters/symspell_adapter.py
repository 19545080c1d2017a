"""symspellpy behind a wrapper that keeps case, punctuation, digits and offsets.

symspellpy lowercases, drops punctuation and digits and may respell while it
segments (``word_segmentation("Costingmore, $5.8bn e-mail")`` returns
``"Costing more, $5.8bn email"``), so its output is never applied as text. We
hand it one letter-only token at a time with ``max_edit_distance=0``, check
that its segmentation is the same letters, and turn the spaces it inserted into
split offsets we compute ourselves.

Building a SymSpell index takes 0.7-2 s, too slow for a pre-commit hook that must
answer within a second. So the common questions use symspellpy's *data* directly:
``unigram_count`` and ``segment`` read the 82,765-word frequency list (0.06 s) and
score every 2- and 3-part split of a token the way ``word_segmentation`` does
(sum of log probabilities), and :func:`segment_symspell` keeps symspellpy's own
answer for comparison. Only :func:`candidates` (typo look-up, edit distance 1)
builds the index, once per process, from symspellpy's own word list. There is no cache: a
pickle in a writable cache folder would run whatever code someone put there, and loading
symspellpy's (gzipped) pickle took as long as building the index (0.8 s here).
"""
from __future__ import annotations

import functools
import math
from pathlib import Path

DICT_NAME = "frequency_dictionary_en_82_765.txt"
BIGRAM_NAME = "frequency_bigramdictionary_en_243_342.txt"


def _data_dir() -> Path:
    import symspellpy

    return Path(symspellpy.__file__).resolve().parent


@functools.lru_cache(maxsize=1)
def symspell():
    """The shared SymSpell instance (max edit distance 1), loaded on first use."""
    from symspellpy import SymSpell

    sym = SymSpell(max_dictionary_edit_distance=1, prefix_length=7)
    sym.load_dictionary(str(_data_dir() / DICT_NAME), term_index=0, count_index=1)
    return sym


@functools.lru_cache(maxsize=1)
def bigrams() -> dict[str, int]:
    """symspellpy's bigram counts ("relation ship" is absent, "may be" is 1.1e10); ~0.3 s on first use."""
    counts: dict[str, int] = {}
    with open(_data_dir() / BIGRAM_NAME, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                counts[f"{parts[0]} {parts[1]}"] = int(parts[2])
    return counts


BIGRAM_FLOOR = 10_000_000  # the bigram list stops near this count: absence means "rarer than this"
BIGRAM_TOTAL = 12_404_830_571_200
UNIGRAM_TOTAL = 541_808_760_578


@functools.lru_cache(maxsize=1)
def unigrams() -> dict[str, int]:
    """symspellpy's word counts, read straight from its frequency list (no index)."""
    counts: dict[str, int] = {}
    with open(_data_dir() / DICT_NAME, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 2:
                counts[parts[0]] = int(parts[1])
    return counts


def unigram_count(word: str) -> int:
    return unigrams().get(word.lower(), 0)


def bigram_count(first: str, second: str) -> int:
    return bigrams().get(f"{first.lower()} {second.lower()}", 0)


def segment(token: str, min_gap: float = 1.0) -> list[int]:
    """Offsets inside ``token`` where a space belongs; [] when it is one word or the split is ambiguous.

    Scores each split into 2 or 3 dictionary words by the sum of log10 probabilities
    (as symspellpy's ``word_segmentation`` does) and keeps the best only when it beats
    the runner-up by ``min_gap``. Offsets are computed here, on the original token, so
    its case is untouched.

    >>> segment("costingmore"), segment("Andinjured"), segment("relationship"), segment("e-mail")
    ([7], [3], [], [])
    """
    low = token.lower()
    if not token.isalpha() or len(low) > 40:
        return []
    counts = unigrams()
    logp = {}

    def score(part: str) -> float | None:
        if part not in logp:
            n = counts.get(part, 0)
            logp[part] = math.log10(n / UNIGRAM_TOTAL) if n else None
        return logp[part]

    splits = []
    n = len(low)
    for i in range(1, n):
        a = score(low[:i])
        if a is None:
            continue
        b = score(low[i:])
        if b is not None:
            splits.append((a + b, [i]))
        for j in range(i + 1, n):
            b = score(low[i:j])
            c = score(low[j:]) if b is not None else None
            if c is not None:
                splits.append((a + b + c, [i, j]))
    if not splits:
        return []
    splits.sort(key=lambda s: -s[0])
    if len(splits) > 1 and splits[0][0] - splits[1][0] < min_gap:
        return []
    return splits[0][1]


def segment_symspell(token: str) -> list[int]:
    """symspellpy's own ``word_segmentation`` answer as offsets (builds the index: slow, for comparison).

    >>> segment_symspell("costingmore")
    [7]
    """
    if not token.isalpha():
        return []
    parts = symspell().word_segmentation(token.lower(), max_edit_distance=0).corrected_string.split(" ")
    if "".join(parts) != token.lower() or len(parts) < 2:
        return []
    cuts, pos = [], 0
    for part in parts[:-1]:
        pos += len(part)
        cuts.append(pos)
    return cuts


def candidates(word: str, max_distance: int = 1) -> list[tuple[str, int, int]]:
    """Dictionary words within ``max_distance`` edits of ``word``: ``(term, distance, count)``, best first.

    >>> candidates("nortk")[0][:2]
    ('north', 1)
    """
    from symspellpy import Verbosity

    found = symspell().lookup(word.lower(), Verbosity.ALL, max_edit_distance=min(max_distance, 1),
                              transfer_casing=False, ignore_token=None)
    return sorted(((s.term, s.distance, s.count) for s in found if s.term != word.lower()),
                  key=lambda t: (t[1], -t[2]))
