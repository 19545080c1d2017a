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
import re
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

ENCODING_ERRORS = ("strict", "replace", "surrogateescape")
TEXT_SUFFIXES_SKIPPED = {".png", ".jpg", ".jpeg", ".gif", ".pdf", ".zip", ".gz", ".zst", ".parquet", ".pyc"}


class InputError(ValueError):
    """An input cannot be read as asked; the message names the file (and line or byte)."""


@dataclass(frozen=True)
class Record:
    """One document of a JSONL corpus: its text plus every other field, kept as is."""

    doc_id: str  # the id field's value, or "" when there is none
    text: str
    fields: dict
    line: int
    raw: bytes = b""


@dataclass(frozen=True)
class BadLine:
    """A JSONL line that is not a usable record (``message`` says why; empty for a blank line).
    ``skipped``: a well-formed record with no text to clean (its text field is null), copied through
    with a warning, never an error."""

    line: int
    raw: bytes
    message: str
    skipped: bool = False


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


UTF_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"), (b"\xff\xfe", "UTF-16"),
            (b"\xfe\xff", "UTF-16"))


def wide_unicode(data: bytes, path: Path | str) -> InputError | None:
    """An error naming UTF-16/UTF-32 text (by its byte-order mark), which would otherwise pass for binary.

    cleaner reads and writes UTF-8; converting a file's encoding behind the user's back (in place!)
    is not a repair, so such a file is reported, not skipped as binary nor rewritten.

    >>> str(wide_unicode("hi".encode("utf-16"), "a.txt")).split(";")[0]
    'a.txt:1: UTF-16 text (byte-order mark FF FE)'
    >>> wide_unicode(b"plain", "a.txt") is None
    True
    """
    for bom, name in UTF_BOMS:
        if data.startswith(bom):
            try:
                data.decode(name.lower().replace("-", ""))
            except UnicodeDecodeError:
                return None
            return InputError(f"{path}:1: {name} text (byte-order mark {bom.hex(' ').upper()}); cleaner reads UTF-8: "
                              f"convert it first (iconv -f {name} -t UTF-8)")
    return None


def read_text_file(path: Path, errors: str = "strict") -> str | None:
    """The text of ``path``, or None if it is binary; UTF-16/UTF-32 text is an :class:`InputError`."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    wide = wide_unicode(data, path)
    if wide is not None:
        raise wide
    if looks_binary(data):
        return None
    return decode(data, str(path), errors)


def encode(text: str, errors: str = "strict") -> bytes:
    return text.encode("utf-8", errors="surrogateescape" if errors == "surrogateescape" else "strict")


def new_file_mode() -> int:
    """The mode ``open()`` would give a new file: 0o666 less the process umask."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _blocker(path: Path) -> str | None:
    """Why ``path`` cannot be written, if a parent is a regular file or the path is a folder."""
    if path.is_dir():
        return f"{path} is a folder"
    for parent in path.parents:
        if parent.exists():
            return None if parent.is_dir() else f"{parent} is a file, not a folder"
    return None


def write_error(path: Path, exc: OSError, what: str = "cannot write") -> InputError:
    """A clear message for a failed write: names the file and, when it can, the real cause."""
    reason = _blocker(Path(path)) or exc.strerror or str(exc)

    return InputError(f"{path}: {what}: {reason}")


_STALE_TEMPORARY = re.compile(r"[a-z0-9_]{8}\.tmp")


def temporary_beside(target: Path) -> tuple[int, str]:
    """``mkstemp`` next to ``target``, as ``.NAME.XXXXXXXX.tmp``, after removing stale ones of that shape.

    A process killed with SIGKILL (or a power cut) cannot remove the temporary file it was writing;
    the next write of the same target, by the run that finishes the job, does. Only names of exactly
    this shape, for this target, are touched; they are hidden, so no run ever reads them as input.
    """
    prefix = f".{target.name}."
    try:
        for entry in os.scandir(target.parent):
            if entry.name.startswith(prefix) and _STALE_TEMPORARY.fullmatch(entry.name[len(prefix):]) \
                    and entry.is_file(follow_symlinks=False):
                try:
                    os.unlink(entry.path)
                except FileNotFoundError:
                    pass
    except FileNotFoundError:
        pass
    return tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=target.parent)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (temp file in the same folder, fsync, rename).

    A new file gets the usual ``0o666 & ~umask`` mode; an existing one keeps its mode. A symlink
    is written through (its target is replaced), so links in a tree cleaned in place stay links.
    """
    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    try:
        if path.is_dir():
            raise IsADirectoryError(21, "is a folder")
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = temporary_beside(path)
    except OSError as exc:
        raise write_error(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        mode = path.stat().st_mode & 0o7777 if path.exists() else new_file_mode()
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise write_error(path, exc) from None
        raise


def iter_files(root: Path) -> Iterator[Path]:
    """Files under ``root`` in a stable order, skipping hidden folders and not following symlink loops.

    In a folder, only regular files (and links to them) are taken: FIFOs, sockets, devices and dangling
    links are left out. A file named as ``root`` is always taken.
    """
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
                if regular_file(Path(folder) / name):
                    yield Path(folder) / name


def regular_file(path: Path) -> bool:
    """A regular file, or a link to one: never a FIFO, socket or device (a read would block or never end)
    nor a dangling link, when a folder is walked."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def iter_jsonl(path: Path, text_field: str, id_field: str | None, errors: str = "strict",
               on_error: str = "stop") -> Iterator[Record | BadLine]:
    """Records of the JSONL corpus at ``path``; see :func:`iter_jsonl_lines`."""
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    with fh:
        yield from iter_jsonl_lines(fh, str(path), text_field, id_field, errors, on_error)


def iter_jsonl_lines(lines: Iterable[bytes], name: str, text_field: str, id_field: str | None,
                     errors: str = "strict", on_error: str = "stop") -> Iterator[Record | BadLine]:
    """Records of a JSONL corpus, each with its raw line so unchanged records are written back byte for byte.

    A record whose ``text_field`` is null is yielded as a skipped :class:`BadLine` (nothing to clean).
    A malformed line (not JSON, not an object, no string ``text_field``) raises :class:`InputError`
    naming the file and line with ``on_error="stop"``; with ``"skip"`` it is yielded as a
    :class:`BadLine` (the caller reports it and copies it through unchanged). Blank lines are
    yielded as a BadLine with an empty message (kept, not reported).

    >>> [type(r).__name__ for r in iter_jsonl_lines([b'{"text": "a"}\\n', b'\\n', b'[1]\\n'], "x", "text", None,
    ...                                              on_error="skip")]
    ['Record', 'BadLine', 'BadLine']

    An id already used in the file (``1`` and ``"1"`` are one id once written in the log) is qualified by
    its line, the same way on every read, so ``revert`` and ``apply`` find each record's own edits:

    >>> [r.doc_id for r in iter_jsonl_lines([b'{"id": 1, "text": "a"}\\n', b'{"id": "1", "text": "b"}\\n'],
    ...                                     "x", "text", "id")]
    ['1', '1#2']
    """
    offset = 0
    used: set[str] = set()
    for n, raw in enumerate(lines, 1):
        offset, at = offset + len(raw), offset
        if not raw.strip():
            yield BadLine(n, raw, "")
            continue
        try:
            try:
                line = raw.decode("utf-8", errors)
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}:{n}: invalid UTF-8 at byte {at + exc.start} "
                                 f"({raw[exc.start:exc.start + 4]!r}); use --encoding-errors replace or "
                                 f"surrogateescape to read it anyway") from None
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise InputError(f"{name}:{n}: record is a JSON {type(obj).__name__}, not an object")
            if text_field in obj and obj[text_field] is None:
                yield BadLine(n, raw, f"{name}:{n}: {text_field!r} is null; record copied unchanged", skipped=True)
                continue
            if not isinstance(obj.get(text_field), str):
                raise InputError(f"{name}:{n}: record has no string field {text_field!r}")
        except (ValueError, RecursionError) as exc:
            msg = str(exc) if isinstance(exc, InputError) else f"{name}:{n}: malformed JSON: {exc}"
            if on_error == "stop":
                raise InputError(msg) from None
            yield BadLine(n, raw, msg)
            continue
        doc_id = str(obj[id_field]) if id_field and id_field in obj else ""
        if doc_id and doc_id in used:
            doc_id = f"{doc_id}#{n}"
        used.add(doc_id)
        yield Record(doc_id, obj[text_field], obj, n, raw)


def ending(raw: bytes) -> bytes:
    """The line ending of a raw line (b"\r\n", b"\n" or b"" for a last line without one)."""
    return b"\r\n" if raw.endswith(b"\r\n") else b"\n" if raw.endswith(b"\n") else b""


_JSON_WS = re.compile(r"[ \t\n\r]*")


def _field_span(line: str, field: str) -> tuple[int, int] | None:
    """Where the value of the top-level ``field`` of the JSON object ``line`` is (the last one, as json.loads
    keeps the last of duplicate keys), or None when the line is not a plain object."""
    ws = _JSON_WS.match
    i = ws(line, 0).end()
    if line[i:i + 1] != "{":
        return None
    i = ws(line, i + 1).end()
    span = None
    decoder = json.JSONDecoder()
    while line[i:i + 1] == '"':
        key, i = json.decoder.scanstring(line, i + 1)
        i = ws(line, i).end()
        if line[i:i + 1] != ":":
            return None
        i = ws(line, i + 1).end()
        _, end = decoder.raw_decode(line, i)
        if key == field:
            span = (i, end)
        i = ws(line, end).end()
        if line[i:i + 1] == "}":
            return span
        if line[i:i + 1] != ",":
            return None
        i = ws(line, i + 1).end()
    return None


# what json.dumps writes differently with and without ensure_ascii: DEL (U+007F) and everything above it
_NON_ASCII_ESCAPE = re.compile(
    r"\\u(?:007[fF]|(?:00[89a-fA-F]|0[1-9a-fA-F][0-9a-fA-F]|[1-9a-fA-F][0-9a-fA-F]{2})[0-9a-fA-F])")
_STYLED = re.compile("[\x7f-\U0010ffff]")


def _escapes_non_ascii(line: str, span: tuple[int, int], old: str, value: str) -> bool:
    """Whether the producer of ``line`` wrote non-ASCII text as ``\\u00e9`` (json.dumps' default) or as is:
    told by the old value, else by the rest of the line; when nothing tells (nothing from DEL up), as is."""
    if _STYLED.search(value):
        return old != json.dumps(value, ensure_ascii=False) and _NON_ASCII_ESCAPE.search(old) is not None
    rest = line[:span[0]] + line[span[1]:]
    return not _STYLED.search(rest) and _NON_ASCII_ESCAPE.search(rest) is not None


def rewrite_record(raw: bytes, record: dict, field: str, text: str, errors: str = "strict") -> bytes:
    r"""``raw`` (one JSONL line, as read) with its ``field`` set to ``text``: only that string's bytes change.

    Every other byte of the line stays as it was (other fields, their number formats, key order,
    whitespace, duplicate keys, the line ending), and the string is escaped as the original was
    (``ensure_ascii`` or not), so reverting a record gives back its bytes. Lines this cannot take
    apart are re-serialised whole (:func:`dump_record`).

    >>> rewrite_record(b'{"n": 1.50, "text": "caf\\u00c3\\u00a9"}\r\n', {}, "text", "caf\u00e9")
    b'{"n": 1.50, "text": "caf\\u00e9"}\r\n'
    """
    if errors != "replace":  # replaced bytes have no way back: offsets into ``raw`` would be wrong
        try:
            line = raw.decode("utf-8", errors)
            span = _field_span(line, field)
            if span is not None:
                old = line[span[0]:span[1]]
                value = json.loads(old)
                if isinstance(value, str):
                    escaped = _escapes_non_ascii(line, span, old, value)
                    new = json.dumps(text, ensure_ascii=escaped)
                    start = len(line[:span[0]].encode("utf-8", "surrogateescape"))
                    end = start + len(old.encode("utf-8", "surrogateescape"))
                    try:
                        data = new.encode("utf-8")
                    except UnicodeEncodeError:  # lone surrogates: bytes kept by surrogateescape, or \ud800 escapes
                        data = new.encode("utf-8", "surrogateescape") if errors == "surrogateescape" else \
                            json.dumps(text, ensure_ascii=True).encode("ascii")
                    return raw[:start] + data + raw[end:]
        except (ValueError, RecursionError, UnicodeError):
            pass
    return dump_record({**record, field: text}, errors) + ending(raw)


def dump_record(record: dict, errors: str = "strict") -> bytes:
    """One JSON object as UTF-8; lone surrogates (undecodable bytes kept by surrogateescape) as \\u escapes."""
    line = json.dumps(record, ensure_ascii=False)
    for how in ("strict", "surrogateescape") if errors == "surrogateescape" else ("strict",):
        try:
            return line.encode("utf-8", how)
        except UnicodeEncodeError:
            pass
    return json.dumps(record, ensure_ascii=True).encode("ascii")
