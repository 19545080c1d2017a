"""Reading inputs and writing outputs without ever losing data.

* Text is decoded strictly by default; invalid UTF-8 is reported with the file and byte offset.
  ``surrogateescape`` keeps undecodable bytes round-trippable instead.
* Binary files (NUL bytes or mostly non-text bytes near the start) are skipped, never mangled.
* Newlines are kept exactly (``newline=""``): CRLF in, CRLF out.
* Every output is written to a temporary file in the same folder, fsynced, then renamed over the
  target, so an interrupted run leaves either the old file or the new one, never half of one.
"""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

ENCODING_ERRORS = ("strict", "replace", "surrogateescape")
TEXT_SUFFIXES_SKIPPED = {".png", ".jpg", ".jpeg", ".gif", ".pdf", ".zip", ".gz", ".zst", ".parquet", ".pyc"}


class InputError(ValueError):
    """An input cannot be read as asked; the message names the file (and line or byte)."""


@dataclass(frozen=True)
class Record:
    """One document of a JSONL corpus: its text plus every other field, kept as is."""

    doc_id: str
    text: str
    fields: dict
    line: int


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control bytes, in the first 8 KiB.

    >>> looks_binary(b"plain text\\n"), looks_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")
    (False, True)
    """
    head = data[:8192]
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(head) > 0.1


def decode(data: bytes, name: str, errors: str = "strict") -> str:
    """Decode UTF-8 (a BOM is kept as U+FEFF so it round-trips); errors name the byte offset."""
    try:
        return data.decode("utf-8", errors=errors)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"{name}:{line}: invalid UTF-8 at byte {exc.start} "
                         f"({data[exc.start:exc.start + 4]!r}); use --encoding-errors replace or "
                         f"surrogateescape to read it anyway") from None


def read_text_file(path: Path, errors: str = "strict") -> str | None:
    """The text of ``path``, or None if it is binary."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    if looks_binary(data):
        return None
    return decode(data, str(path), errors)


def encode(text: str, errors: str = "strict") -> bytes:
    return text.encode("utf-8", errors="surrogateescape" if errors == "surrogateescape" else "strict")


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (temp file in the same folder, fsync, rename)."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def iter_files(root: Path) -> Iterator[Path]:
    """Files under ``root`` in a stable order, skipping hidden folders and not following symlink loops."""
    if root.is_file():
        yield root
        return
    seen: set[tuple[int, int]] = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        st = os.stat(folder)
        key = (st.st_dev, st.st_ino)
        if key in seen:
            dirs[:] = []
            continue
        seen.add(key)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() not in TEXT_SUFFIXES_SKIPPED:
                yield Path(folder) / name


def iter_jsonl(path: Path, text_field: str, id_field: str | None, errors: str = "strict",
               on_error: str = "stop", warn=print) -> Iterator[Record]:
    """Records of a JSONL corpus. A malformed line stops the run, or is reported and skipped."""
    with open(path, "rb") as fh:
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(decode(raw, f"{path}:{n}", errors))
                if not isinstance(obj, dict) or not isinstance(obj.get(text_field), str):
                    raise InputError(f"{path}:{n}: record has no string field {text_field!r}")
            except (ValueError, RecursionError) as exc:
                msg = str(exc) if isinstance(exc, InputError) else f"{path}:{n}: malformed JSON: {exc}"
                if on_error == "stop":
                    raise InputError(msg) from None
                warn(f"warning: {msg}; skipped")
                continue
            doc_id = str(obj.get(id_field)) if id_field and id_field in obj else f"{path.name}:{n}"
            yield Record(doc_id, obj[text_field], obj, n)
