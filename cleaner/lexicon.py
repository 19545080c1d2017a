"""Read lexicon files from ``rules/lexicons``: comment header, then tab-separated rows.

Every lexicon documents its own columns in ``#`` lines at the top (as
LanguageTool's ``replace.txt`` does). A malformed row fails with
``file:line: what``, never silently.
"""
from __future__ import annotations

import functools
from pathlib import Path

from .registry import RulePackError


def detector_lexicon(name: str) -> Path:
    """``lexicons/NAME`` of the first rules folder (``CLEANER_RULES_DIR``), or the bundled one when that
    folder has none: detectors run whatever packs are loaded, and a user's pack folder need not copy them."""
    from .registry import BUNDLED_RULES, rule_dirs

    path = rule_dirs()[0] / "lexicons" / name
    return path if path.is_file() else BUNDLED_RULES / "lexicons" / name


@functools.lru_cache(maxsize=64)
def read_rows(path: Path, min_columns: int = 1) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """Return ``(line_number, columns)`` for each non-comment, non-blank line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise RulePackError(f"{path}:1: cannot read lexicon: {exc}") from None
    rows = []
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = tuple(c.strip() for c in line.split("\t"))
        if len(cols) < min_columns or not cols[0]:
            raise RulePackError(f"{path}:{n}: expected at least {min_columns} tab-separated columns, got {len(cols)}")
        rows.append((n, cols))
    return tuple(rows)


def read_words(path: Path) -> frozenset[str]:
    """A one-column list (first column of each row)."""
    return frozenset(cols[0] for _, cols in read_rows(path))
