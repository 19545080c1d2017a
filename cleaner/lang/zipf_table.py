"""wordfreq's English frequencies for plain lowercase words, read a slice at a time.

``wordfreq.zipf_frequency`` first imports wordfreq (0.1 s: langcodes and its tokenizers) and builds
a dictionary of every word it knows (0.2 s), which is most of a pre-commit check of one small file.
For a word of lowercase Latin letters its answer depends only on the word's frequency bucket, so
this module keeps those buckets in a :mod:`sliced table <.sliced>` derived once from the wordfreq
data installed on the machine; a lookup reads only its slice. A table that cannot be built or read
is bypassed, and every other word goes to wordfreq itself.
``tests/test_language.py`` checks the answers equal wordfreq's.
"""
from __future__ import annotations

import gzip
import importlib.util
import math
import re
import unicodedata
from pathlib import Path
from typing import Iterable

from .sliced import SlicedTable, open_table

FORMAT = 4
_LETTERS = "[a-z\u00df-\u00f6\u00f8-\u00ff\u0101-\u017f]+"
PLAIN = re.compile(f"{_LETTERS}(?:'{_LETTERS})*")  # lowercase Latin letters ("leader's"): one token to wordfreq
MIN_FREQ = 1e-9  # zipf_frequency's minimum (Zipf 0)


def _source() -> Path | None:
    """wordfreq's English data file, found without importing wordfreq (that import is what we avoid)."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.origin:  # pragma: no cover - wordfreq is a dependency
        return None
    path = Path(spec.origin).parent / "data" / "large_en.msgpack.gz"
    return path if path.is_file() else None


def zipf_of_bucket(bucket: int) -> float:
    """What ``wordfreq.zipf_frequency`` answers for a one-token word in centibel bucket ``bucket``.

    >>> zipf_of_bucket(300), zipf_of_bucket(900)
    (6.0, 0.0)
    """
    freq = max(10 ** (-bucket / 100), MIN_FREQ)
    freq = round(freq, math.floor(-math.log(freq, 10)) + 3)  # wordfreq keeps 3 significant digits
    return round(math.log(freq, 10) + 9, 2)


def _plain(word: str) -> bool:
    """A word the table holds and wordfreq reads as itself: lowercase Latin letters, casefolded, NFC."""
    return bool(PLAIN.fullmatch(word)) and (word.isascii() or word.casefold() == word
                                            and unicodedata.is_normalized("NFC", word))


def _buckets(source: Path) -> Iterable[tuple[str, int]]:
    """(word, centibel bucket) from wordfreq's cBpack (gzip of msgpack, one list per centibel)."""
    import msgpack

    with gzip.open(source, "rb") as fh:
        pack = msgpack.unpack(fh, raw=False)
    buckets: dict[str, int] = {}
    for index, words in enumerate(pack[1:]):
        for word in words:
            if _plain(word):
                buckets[word] = index  # as get_frequency_dict: a later (rarer) bucket wins
    return buckets.items()


_TABLE: list[SlicedTable | None] = []


def table() -> SlicedTable | None:
    """The table for the installed wordfreq data, built on first use; None when there is no cache."""
    if not _TABLE:
        _TABLE.append(open_table("zipf-en", _source(), FORMAT, _buckets))
    return _TABLE[0]


def fast_zipf(word: str) -> float | None:
    """The Zipf frequency of a plain lowercase word from the table, or None (ask wordfreq)."""
    plain = word.replace("\u2019", "'")  # wordfreq reads "leader’s" as "leader's"
    if not _plain(plain):
        return None
    t = table()
    if t is None:
        return None
    bucket = t.get(plain)
    if bucket is None:  # a word with an apostrophe may be two tokens to wordfreq ("s'est": "s", "est")
        return None if "'" in plain else 0.0
    return zipf_of_bucket(bucket)
