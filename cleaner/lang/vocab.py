"""How common a word is, from wordfreq (plain lowercase words from a table read a slice at a time,
see :mod:`.zipf_table`; no symspell needed).

Zipf scale: 7 is "the", 4 is a word most readers know, 1-2 is rare, 0 means
wordfreq never saw it. The packs use it to tell a typo or a glued pair (0) from a
rare but real word (``hereto`` is 2.5, ``sublicense`` 1.4).
"""
from __future__ import annotations

import functools

from .zipf_table import fast_zipf

ALWAYS_CAPITALISED = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april june july "
    "august september october november december i may christmas easter ramadan diwali hanukkah halloween".split())
#   "in May": a month, whatever the corpus says; holidays likewise
TITLES = frozenset(
    "mr mrs ms dr sir dame lady lord king queen prince princess president prime minister secretary "
    "general senator governor mayor chancellor pope saint st professor prof judge justice ambassador "
    "commissioner chairman chairwoman chair speaker leader foreign defence defense interior".split())


@functools.lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """wordfreq's Zipf frequency of ``word`` in English (case-folded).

    >>> zipf("relationship") > 5 > zipf("hegemonic") > 2 > zipf("costingmore")
    True
    """
    fast = fast_zipf(word)  # a plain lowercase word: from the table, without importing wordfreq
    if fast is not None:
        return fast
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def known(word: str, floor: float = 1.0) -> bool:
    """A word English text uses at all (letters only; apostrophe forms are judged by their stem)."""
    return zipf(word.replace("’", "'")) >= floor
