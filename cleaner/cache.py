"""cleaner's cache folder, and the record of rule packs known to validate.

The folder also holds the sliced word tables (:mod:`cleaner.lang.sliced`); everything in it is
plain data. Validating every rule (its kind's parameters, its regexes compiled, its lexicons read) costs about
0.3 s, most of a pre-commit check of one small file. The result only changes when a pack, a file
beside it (lexicons) or the code that validates changes, so it is keyed by a SHA-256 of all of them
and the first successful validation records the key. The record is a JSON list of hex keys in the
user's cache folder (``$XDG_CACHE_HOME/cleaner``, else ``~/.cache/cleaner``; ``CLEANER_CACHE_DIR``
overrides; ``CLEANER_CACHE_DIR=`` empty turns the cache off): nothing is unpickled or executed from
it, so a tampered file can at worst make a run skip validation of packs it then loads anyway, and
a broken pack still fails when its rules are compiled.
"""
from __future__ import annotations

import hashlib
import json
import os
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Iterable

from .fileio import atomic_write

MAX_KEYS = 32  # keys kept (several checkouts or rule sets on one machine), newest last
CODE_PARTS = ("kinds", "registry.py", "seo", "spinner", "lang", "lexicon.py")  # what validation runs


def cache_dir() -> Path | None:
    """cleaner's cache folder, or None when ``CLEANER_CACHE_DIR`` is set empty (no cache)."""
    env = os.environ.get("CLEANER_CACHE_DIR")
    if env is not None:
        return Path(env) if env else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cleaner"


def cache_file() -> Path | None:
    folder = cache_dir()
    return folder / "validated.json" if folder is not None else None


def packs_key(dirs: Iterable[Path]) -> str:
    """SHA-256 over cleaner's version, the code that validates, and every file of the rules folders."""
    h = hashlib.sha256()
    try:
        h.update(version("cleaner").encode())
    except PackageNotFoundError:  # pragma: no cover - a source checkout not installed
        pass
    here = Path(__file__).resolve().parent
    code = sorted(p for part in CODE_PARTS for p in ([here / part] if part.endswith(".py")
                                                     else (here / part).rglob("*.py")))
    for folder in (*code, *dirs):
        files = [folder] if folder.is_file() else sorted(p for p in folder.rglob("*") if p.is_file())
        for path in files:
            h.update(str(path.relative_to(folder.parent) if folder.is_dir() else path.name).encode() + b"\0")
            h.update(path.read_bytes())
    return h.hexdigest()


def _read(path: Path) -> list[str]:
    try:
        keys = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [k for k in keys if isinstance(k, str)] if isinstance(keys, list) else []


def known_valid(key: str) -> bool:
    path = cache_file()
    return path is not None and key in _read(path)


def remember_valid(key: str) -> None:
    """Record ``key``; a cache folder that cannot be written only means validating again next time."""
    path = cache_file()
    if path is None:
        return
    keys = [k for k in _read(path) if k != key][-(MAX_KEYS - 1):] + [key]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps(keys).encode("utf-8"))
    except OSError:
        pass
