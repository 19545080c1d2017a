"""A word table on disk, read a slice at a time: what a one-file pre-commit check needs of a big list.

Building a Python dictionary of a few hundred thousand words costs 0.1-0.3 s, which is most of
checking one small file. A sliced table is derived once from the installed data (wordfreq's or
symspellpy's lists; nothing is downloaded) into cleaner's cache folder: one JSON index line, then
``key value`` pairs grouped by the keys' first ``PREFIX`` characters. A lookup reads and parses
only its group. The file is plain text, parsed, never executed; its name carries a hash of its
source (path, size, modification time) and of the format, so a changed source gets a new table.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Callable, Iterable

from ..cache import cache_dir
from ..fileio import atomic_write

PREFIX = 2  # characters of a key that choose its group
RECENT_KEYS = 100_000  # answers kept before the memo starts again (about 10 MB)
_MISSING = object()


class SlicedTable:
    """Keys (no whitespace) to ints; the index is read once, a group when first asked."""

    def __init__(self, path: Path, version: int):
        with open(path, "rb") as fh:
            header = json.loads(fh.readline())
            self.base = fh.tell()
        if header.get("version") != version or not isinstance(header.get("index"), dict):
            raise ValueError(f"{path}: not a table of version {version}")
        self.index: dict[str, list[int]] = header["index"]
        self.groups: dict[str, str] = {}
        self.recent: dict[str, int | None] = {}  # answers already looked up (a slice is searched, ~25 us)
        self.fd = os.open(path, os.O_RDONLY)

    def get(self, key: str) -> int | None:
        """The value of ``key``: its slice is kept as the text it is on disk ("\nkey value\n..."), and
        searched, not turned into a dictionary, so a worker that ends up reading every slice holds a
        few megabytes, not the 50 MB two dictionaries of a few hundred thousand words take."""
        found = self.recent.get(key, _MISSING)
        if found is not _MISSING:
            return found
        if len(self.recent) >= RECENT_KEYS:
            self.recent.clear()  # bounded: a long run keeps asking about the same few thousand words
        found = self.recent[key] = self._look_up(key)
        return found

    def _look_up(self, key: str) -> int | None:
        prefix = key[:PREFIX]
        group = self.groups.get(prefix)
        if group is None:
            where = self.index.get(prefix)
            group = "\n" + os.pread(self.fd, where[1], self.base + where[0]).decode("utf-8") if where else ""
            self.groups[prefix] = group
        at = group.find(f"\n{key} ")
        if at < 0:
            return None
        start = at + len(key) + 2
        return int(group[start:group.index("\n", start)])


def write_table(target: Path, items: Iterable[tuple[str, int]], version: int) -> None:
    groups: dict[str, list[str]] = {}
    for key, value in sorted(items):
        groups.setdefault(key[:PREFIX], []).append(f"{key} {value}\n")
    body, index, offset = [], {}, 0
    for prefix, lines in groups.items():
        block = "".join(lines).encode("utf-8")
        index[prefix] = [offset, len(block)]
        body.append(block)
        offset += len(block)
    header = json.dumps({"version": version, "index": index}).encode("utf-8") + b"\n"
    atomic_write(target, header + b"".join(body))


def open_table(name: str, source: Path | None, version: int,
               items: Callable[[Path], Iterable[tuple[str, int]]]) -> SlicedTable | None:
    """The table ``name`` derived from ``source`` by ``items``, built on first use; None when there is
    no source or no cache folder, or the cache cannot be written or read (ask the library then)."""
    folder = cache_dir()
    if source is None or folder is None:
        return None
    try:
        st = source.stat()
        key = hashlib.sha256(f"{version}:{source}:{st.st_size}:{st.st_mtime_ns}".encode()).hexdigest()[:16]
        target = folder / f"{name}-{key}.tbl"
        if target.is_file():
            try:
                return SlicedTable(target, version)
            except (ValueError, UnicodeDecodeError):
                pass  # damaged or of another format: written again below
        folder.mkdir(parents=True, exist_ok=True)
        write_table(target, items(source), version)
        return SlicedTable(target, version)
    except (OSError, ValueError, UnicodeDecodeError):
        return None
