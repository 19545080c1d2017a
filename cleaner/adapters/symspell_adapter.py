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
answer for comparison. :func:`candidates` (typo look-up, edit distance 1) generates the edits of a
word and keeps those in the word list, as the index would answer, without building it; and
:func:`bigram_count` reads a slice of a plain-text table derived from the bigram list
(:mod:`cleaner.lang.sliced`). No pickle is ever read: one in a writable cache folder would run
whatever code someone put there.
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


def _bigram_items(source: Path):
    with open(source, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                yield f"{parts[0]}|{parts[1]}", int(parts[2])


@functools.lru_cache(maxsize=1)
def _bigram_table():
    from ..lang.sliced import open_table

    return open_table("bigrams-en", _data_dir() / BIGRAM_NAME, 1, _bigram_items)


def bigram_count(first: str, second: str) -> int:
    """How often symspellpy's list saw the pair, from its sliced table when the cache allows (a few
    pairs cost a slice each, not the 0.25 s the whole list takes to read), else from the whole list."""
    table = _bigram_table()
    if table is None or " " in first or " " in second or "|" in first:
        return bigrams().get(f"{first.lower()} {second.lower()}", 0)
    return table.get(f"{first.lower()}|{second.lower()}") or 0


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


@functools.lru_cache(maxsize=1)
def _alphabet() -> str:
    return "".join(sorted({c for w in unigrams() for c in w}))


def edits1(word: str) -> set[str]:
    """Every string one Damerau-OSA edit from ``word`` (a letter deleted, inserted or replaced, two
    neighbours swapped) over the dictionary's alphabet: what SymSpell's index answers at distance 1.

    >>> sorted(e for e in edits1("ab") if len(e) < 2)
    ['a', 'b']
    """
    letters = _alphabet()
    out: set[str] = set()
    for i in range(len(word) + 1):
        a, b = word[:i], word[i:]
        if b:
            out.add(a + b[1:])
            if len(b) > 1:
                out.add(a + b[1] + b[0] + b[2:])
            out.update(a + c + b[1:] for c in letters)
        out.update(a + c + b for c in letters)
    out.discard(word)
    return out


def candidates(word: str, max_distance: int = 1) -> list[tuple[str, int, int]]:
    """Dictionary words one edit from ``word``: ``(term, 1, count)``, commonest first.

    The same answers as SymSpell's ``lookup`` at distance 1 (``tests/test_typos.py`` compares them),
    without its index: building that takes about a second and 150 MB, most of a pre-commit check of
    one article, while checking the ~50 edits per letter of a word against the word counts takes
    microseconds. Distances above 1 are not offered (no rule asks for them).

    >>> candidates("nortk")[0][:2]
    ('north', 1)
    """
    low = word.lower()
    counts = unigrams()
    return sorted(((t, 1, counts[t]) for t in edits1(low) if t in counts), key=lambda t: (t[1], -t[2], t[0]))
