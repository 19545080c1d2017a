"""symspellpy behind a wrapper that keeps case, punctuation, digits and offsets.

symspellpy lowercases, drops punctuation and digits and may respell while it
segments (``word_segmentation("Costingmore, $5.8bn e-mail")`` returns
``"Costing more, $5.8bn email"``), so its output is never applied as text. We
hand it one letter-only token at a time with ``max_edit_distance=0``, check
that its segmentation is the same letters, and turn the spaces it inserted into
split offsets we compute ourselves.

Loading the 82,765-word dictionary takes about 2 s, so nothing loads at import:
the first call that needs it loads it once per process, from a pickle cached
under ``$XDG_CACHE_HOME/cleaner`` (about 1 s) when one can be written.
"""
from __future__ import annotations

import functools
import os
import tempfile
from pathlib import Path

DICT_NAME = "frequency_dictionary_en_82_765.txt"
BIGRAM_NAME = "frequency_bigramdictionary_en_243_342.txt"


def _data_dir() -> Path:
    import symspellpy

    return Path(symspellpy.__file__).resolve().parent


def _cache_path() -> Path:
    from importlib.metadata import PackageNotFoundError, version as dist_version

    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "cleaner"
    try:
        version = dist_version("symspellpy")
    except PackageNotFoundError:
        version = "x"
    return base / f"symspell-{version}-{DICT_NAME}.d2.pickle"


@functools.lru_cache(maxsize=1)
def symspell():
    """The shared SymSpell instance (max edit distance 2), loaded on first use."""
    from symspellpy import SymSpell

    sym = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
    cache = _cache_path()
    try:
        if cache.is_file() and sym.load_pickle(str(cache)):
            return sym
    except Exception:  # a stale or truncated cache is rebuilt, never trusted
        sym = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
    sym.load_dictionary(str(_data_dir() / DICT_NAME), term_index=0, count_index=1)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache.parent, suffix=".tmp")
        os.close(fd)
        sym.save_pickle(tmp)
        os.replace(tmp, cache)
    except OSError:
        pass  # a read-only home only costs the faster start
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


def unigram_count(word: str) -> int:
    return symspell().words.get(word.lower(), 0)


def bigram_count(first: str, second: str) -> int:
    return bigrams().get(f"{first.lower()} {second.lower()}", 0)


def segment(token: str) -> list[int]:
    """Offsets inside ``token`` where symspellpy would insert a space; [] when it would not split.

    Case is preserved because we only read positions back; a segmentation that is
    not the same letters (symspellpy respelled something) is rejected.

    >>> segment("costingmore"), segment("Andinjured"), segment("relationship"), segment("e-mail")
    ([7], [3], [], [])
    """
    if not token.isalpha():
        return []
    result = symspell().word_segmentation(token.lower(), max_edit_distance=0)
    parts = result.corrected_string.split(" ")
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

    found = symspell().lookup(word.lower(), Verbosity.ALL, max_edit_distance=max_distance,
                              transfer_casing=False, ignore_token=None)
    return sorted(((s.term, s.distance, s.count) for s in found if s.term != word.lower()),
                  key=lambda t: (t[1], -t[2]))
