"""Run the engine over files, folders and JSONL corpora; the CLI only parses arguments.

A folder is read twice, streaming: once to learn corpus knowledge, once to
clean (stdin is read once and kept). With ``on_error="stop"`` the learning pass
also finds unreadable inputs before any output is written. Each output is
written atomically, and so is the diff log (to a temporary file renamed at the
end), so an interrupted run loses nothing. JSONL records that do not change, and
lines that are not records, are written back byte for byte.
"""
from __future__ import annotations

import io
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .corpus import CorpusKnowledge, learn
from .difflog import write_records
from .engine import Engine
from .fileio import (BadLine, InputError, new_file_mode, decode, encode, iter_jsonl_lines,
                     looks_binary, read_text_file, rewrite_record, temporary_beside, write_error)
from .model import CleanResult
from .readers import ShardReader, iter_inputs


@dataclass
class Source:
    """One unit of input: a text file, one record of a JSONL file, or stdin (path ``-``).

    A JSONL line that is not a record (blank, or malformed under ``on_error="skip"``) is a
    source with ``passthrough=True``: it is not cleaned, and is copied to the output unchanged.
    """

    doc_id: str
    path: Path
    text: str
    record: dict | None = None
    text_field: str = "text"
    raw: bytes = b""  # JSONL: the record's line as read (unchanged records are written back byte for byte)
    label: str = ""  # how `check` names it (the path, or path#record for JSONL)
    passthrough: bool = False


STDIN = Path("-")


@dataclass
class RunStats:
    documents: int = 0
    changed: int = 0
    characters: int = 0
    applied: int = 0
    suggested: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    by_category: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def add(self, result: CleanResult) -> None:
        self.documents += 1
        self.characters += len(result.original)
        self.changed += result.changed
        self.applied += len(result.applied)
        self.suggested += len(result.suggested)
        self.warnings.extend(result.warnings)
        for c in result.applied:
            self.by_category[c.category] += 1

    def summary(self) -> str:
        mb = self.characters / 1e6
        rate = f", {mb / self.seconds:.2f} MB/s" if self.seconds > 0 else ""
        cats = ", ".join(f"{k} {v}" for k, v in self.by_category.most_common()) or "none"
        return (f"cleaner: {self.documents} documents ({self.characters:,} chars), {self.changed} changed; "
                f"{self.applied} edits applied, {self.suggested} suggested; by family: {cats}; "
                f"{self.skipped} skipped, {len(self.errors)} errors; {self.seconds:.2f}s{rate}")


class Runner:
    """Clean inputs with one engine; ``on_error`` is 'stop' (raise) or 'skip' (report and go on).

    ``exclude``: paths (files or folders) never read as inputs, e.g. an output folder or the
    diff log inside the input folder.
    """

    def __init__(self, engine: Engine, *, fmt: str = "text", text_field: str = "text", id_field: str | None = None,
                 encoding_errors: str = "strict", on_error: str = "stop", warn: Callable[[str], None] | None = None,
                 exclude: Iterable[Path] = ()):
        self.engine = engine
        self.fmt = fmt
        self.text_field = text_field
        self.id_field = id_field
        self.errors = encoding_errors
        self.on_error = on_error
        self.warn = warn or (lambda msg: print(msg, file=sys.stderr))
        self.exclude = tuple(Path(os.path.abspath(p)) for p in exclude)
        self.stats = RunStats()
        self._stdin: bytes | None = None

    # -- reading ------------------------------------------------------------------------------
    def stdin_bytes(self) -> bytes:
        if self._stdin is None:  # read once: the learning pass and the cleaning pass both need it
            self._stdin = sys.stdin.buffer.read()
        return self._stdin

    def excluded(self, path: Path) -> bool:
        if not self.exclude:
            return False
        here = Path(os.path.abspath(path))
        return any(here == e or e in here.parents for e in self.exclude)

    def sources(self, root: Path) -> Iterator[Source]:
        if root == STDIN:
            yield from self._stdin_sources()
            return
        base = root if root.is_dir() else root.parent
        for path in iter_inputs(root, self.fmt):
            if root.is_dir() and self.excluded(path):
                continue
            rel = path.relative_to(base).as_posix() if root.is_dir() else path.name
            if self.fmt != "text":  # JSONL (plain, .gz, .zst) and Parquet, streaming: cleaner/readers.py
                yield from ShardReader(self, path, rel)
                continue
            try:
                text = read_text_file(path, self.errors)
            except InputError as exc:
                self._error(str(exc))
                continue
            if text is None:
                self._skip_binary(path)
                continue
            yield Source(rel, path, text, label=str(path))

    def _skip_binary(self, path: Path) -> None:
        self.stats.skipped += 1
        self.warn(f"warning: {path}: binary file skipped")

    def _stdin_sources(self) -> Iterator[Source]:
        data = self.stdin_bytes()
        if self.fmt == "jsonl":
            yield from self._records(STDIN, "-", data.splitlines(keepends=True), "<stdin>")
            return
        try:
            yield Source("-", STDIN, decode(data, "<stdin>", self.errors), label="-")
        except InputError as exc:
            self._error(str(exc))

    def _jsonl_sources(self, path: Path, rel: str) -> Iterator[Source]:
        try:
            with open(path, "rb") as fh:
                if looks_binary(fh.read(8192)):
                    self._skip_binary(path)
                    return
                fh.seek(0)
                yield from self._records(path, rel, fh, str(path))
        except OSError as exc:
            self._error(f"{path}: cannot read: {exc.strerror}")
        except InputError as exc:
            self._error(str(exc))

    def _records(self, path: Path, rel: str, lines: Iterable[bytes], name: str) -> Iterator[Source]:
        empty = True
        for item in iter_jsonl_lines(lines, name, self.text_field, self.id_field, self.errors, self.on_error):
            empty = False
            if isinstance(item, BadLine):
                if item.skipped:
                    self.stats.skipped += 1
                    self.warn(f"warning: {item.message}")
                elif item.message:
                    self._error(item.message, what="line")
                yield Source(f"{rel}#{item.line}", path, "", raw=item.raw, passthrough=True)
                continue
            doc_id = item.doc_id or f"{rel}#{item.line}"
            yield Source(doc_id, path, item.text, item.fields, self.text_field, raw=item.raw,
                         label=f"{name}#{item.doc_id or item.line}")
        if empty:  # an empty corpus file still gets its (empty) output
            yield Source(f"{rel}#0", path, "", passthrough=True)

    def _error(self, message: str, what: str = "file") -> None:
        if self.on_error == "stop":
            raise InputError(message)
        self.stats.errors.append(message)
        self.warn(f"error: {message}; {what} skipped" + (", copied unchanged" if what == "line" else ""))

    def knowledge(self, roots: list[Path]) -> CorpusKnowledge | None:
        """Learn corpus knowledge in a first streaming pass.

        With ``on_error="stop"`` an unreadable input stops the run here, before any output is written.
        """
        if not self.engine.config.corpus_knowledge:
            return None
        quiet = Runner(self.engine, fmt=self.fmt, text_field=self.text_field, id_field=self.id_field,
                       encoding_errors=self.errors, on_error=self.on_error, warn=lambda msg: None,
                       exclude=self.exclude)
        if STDIN in roots:
            quiet._stdin = self.stdin_bytes()
        return learn((s.doc_id, s.text) for root in roots for s in quiet.sources(root) if not s.passthrough)

    # -- cleaning -----------------------------------------------------------------------------
    def clean(self, roots: list[Path], corpus: CorpusKnowledge | None = None
              ) -> Iterator[tuple[Source, CleanResult | None]]:
        """(source, result) pairs in input order; result is None for JSONL lines copied through."""
        start = time.perf_counter()
        if corpus is None:
            corpus = self.knowledge(roots)
        for root in roots:
            for source in self.sources(root):
                if source.passthrough:
                    yield source, None
                    continue
                result = self.engine.clean_one(source.text, source.doc_id, corpus)
                self.stats.add(result)
                yield source, result
        self.stats.seconds = time.perf_counter() - start


class LogWriter:
    """Collects diff-log lines in a temporary file next to the target; ``commit`` renames it into place."""

    def __init__(self, path: Path | None):
        self.path = Path(path) if path else None
        self.fh: io.TextIOBase | None = None
        if self.path:
            try:
                if self.path.is_dir():
                    raise IsADirectoryError(21, "is a folder")
                self.path.parent.mkdir(parents=True, exist_ok=True)
                fd, self.tmp = temporary_beside(self.path)
            except OSError as exc:
                raise write_error(self.path, exc, "cannot write diff log") from None
            self.fh = os.fdopen(fd, "w", encoding="utf-8", newline="\n")

    def write(self, result: CleanResult) -> None:
        if self.fh:
            write_records(self.fh, result)

    def commit(self) -> None:
        if self.fh and self.path:
            try:
                self.fh.flush()
                os.fsync(self.fh.fileno())
                self.fh.close()
                self.fh = None
                mode = self.path.stat().st_mode & 0o7777 if self.path.exists() else new_file_mode()
                os.chmod(self.tmp, mode)
                os.replace(self.tmp, self.path)
            except OSError as exc:
                self.abort()
                raise write_error(self.path, exc, "cannot write diff log") from None

    def abort(self) -> None:
        if self.fh:
            self.fh.close()
            self.fh = None
        if self.path and os.path.exists(self.tmp):
            os.unlink(self.tmp)


Writer = Callable[[Source, bytes], None]


def write_jsonl_outputs(pairs: Iterable[tuple[Source, CleanResult | None]], write: Writer, log: LogWriter,
                        errors: str = "strict", only_changed: bool = False) -> None:
    """Group records by their input file and write each output JSONL in one piece (atomically).

    Unchanged records and copied-through lines keep their bytes exactly; a changed record is
    re-serialised with every other field kept, in the same order, with the line's own ending.
    With ``only_changed`` a file none of whose records changed is not written at all.
    """
    current: Source | None = None
    chunks: list[bytes] = []
    changed = False

    def flush() -> None:
        if current is not None and (changed or not only_changed):
            write(current, b"".join(chunks))

    for source, result in pairs:
        if current is None or source.path != current.path:
            flush()
            current, chunks, changed = source, [], False
        if result is None or not result.changed:
            chunks.append(source.raw)
        else:
            chunks.append(rewrite_record(source.raw, source.record or {}, source.text_field, result.text, errors))
            changed = True
        if result is not None:
            log.write(result)
    flush()


def write_text_outputs(pairs: Iterable[tuple[Source, CleanResult | None]], write: Writer, log: LogWriter,
                       errors: str = "strict", only_changed: bool = False) -> None:
    """Write each cleaned text (with ``only_changed``, only texts that changed)."""
    for source, result in pairs:
        if result is None:
            continue
        if not (only_changed and not result.changed):
            write(source, encode(result.text, errors))
        log.write(result)
