"""Run the engine over files, folders and JSONL corpora; the CLI only parses arguments.

A folder is read twice, streaming: once to learn corpus knowledge, once to
clean. Each output is written atomically, and so is the diff log (to a
temporary file renamed at the end), so an interrupted run loses nothing.
"""
from __future__ import annotations

import io
import json
import os
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .corpus import CorpusKnowledge, learn
from .difflog import write_records
from .engine import Engine
from .fileio import InputError, atomic_write, encode, iter_files, iter_jsonl, read_text_file
from .model import CleanResult


@dataclass
class Source:
    """One unit of input: a text file, or one record of a JSONL file."""

    doc_id: str
    path: Path
    text: str
    record: dict | None = None
    text_field: str = "text"


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
    """Clean inputs with one engine; ``on_error`` is 'stop' (raise) or 'skip' (report and go on)."""

    def __init__(self, engine: Engine, *, fmt: str = "text", text_field: str = "text", id_field: str | None = None,
                 encoding_errors: str = "strict", on_error: str = "stop", warn: Callable[[str], None] | None = None):
        self.engine = engine
        self.fmt = fmt
        self.text_field = text_field
        self.id_field = id_field
        self.errors = encoding_errors
        self.on_error = on_error
        self.warn = warn or (lambda msg: print(msg, file=sys.stderr))
        self.stats = RunStats()

    # -- reading ------------------------------------------------------------------------------
    def sources(self, root: Path) -> Iterator[Source]:
        base = root if root.is_dir() else root.parent
        for path in iter_files(root):
            rel = path.relative_to(base).as_posix() if root.is_dir() else path.name
            if self.fmt == "jsonl":
                try:
                    for rec in iter_jsonl(path, self.text_field, self.id_field, self.errors, self.on_error, self.warn):
                        yield Source(f"{rel}#{rec.doc_id}" if not self.id_field else rec.doc_id, path,
                                     rec.text, rec.fields, self.text_field)
                except InputError as exc:
                    self._error(str(exc))
                continue
            try:
                text = read_text_file(path, self.errors)
            except InputError as exc:
                self._error(str(exc))
                continue
            if text is None:
                self.stats.skipped += 1
                self.warn(f"warning: {path}: binary file skipped")
                continue
            yield Source(rel, path, text)

    def _error(self, message: str) -> None:
        if self.on_error == "stop":
            raise InputError(message)
        self.stats.errors.append(message)
        self.warn(f"error: {message}; skipped")

    def knowledge(self, roots: list[Path]) -> CorpusKnowledge | None:
        if not self.engine.config.corpus_knowledge:
            return None
        quiet = Runner(self.engine, fmt=self.fmt, text_field=self.text_field, id_field=self.id_field,
                       encoding_errors=self.errors, on_error="skip", warn=lambda msg: None)
        return learn((s.doc_id, s.text) for root in roots for s in quiet.sources(root))

    # -- cleaning -----------------------------------------------------------------------------
    def clean(self, roots: list[Path], corpus: CorpusKnowledge | None = None) -> Iterator[tuple[Source, CleanResult]]:
        start = time.perf_counter()
        if corpus is None:
            corpus = self.knowledge(roots)
        for root in roots:
            for source in self.sources(root):
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
                self.path.parent.mkdir(parents=True, exist_ok=True)
                fd, self.tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
            except OSError as exc:
                raise InputError(f"{self.path}: cannot write diff log: {exc.strerror}") from None
            self.fh = os.fdopen(fd, "w", encoding="utf-8", newline="\n")

    def write(self, result: CleanResult) -> None:
        if self.fh:
            write_records(self.fh, result)

    def commit(self) -> None:
        if self.fh and self.path:
            self.fh.flush()
            os.fsync(self.fh.fileno())
            self.fh.close()
            os.replace(self.tmp, self.path)
            self.fh = None

    def abort(self) -> None:
        if self.fh:
            self.fh.close()
            os.unlink(self.tmp)
            self.fh = None


def write_jsonl_outputs(pairs: Iterator[tuple[Source, CleanResult]], out_for: Callable[[Path], Path],
                        log: LogWriter) -> None:
    """Group records by their input file and write each output JSONL atomically."""
    current: Path | None = None
    lines: list[str] = []

    def flush() -> None:
        if current is not None:
            atomic_write(out_for(current), "".join(lines).encode("utf-8"))

    for source, result in pairs:
        if source.path != current:
            flush()
            current, lines = source.path, []
        record = dict(source.record or {})
        record[source.text_field] = result.text
        lines.append(json.dumps(record, ensure_ascii=False) + "\n")
        log.write(result)
    flush()


def write_text_outputs(pairs: Iterator[tuple[Source, CleanResult]], out_for: Callable[[Path], Path],
                       log: LogWriter, errors: str, only_changed: bool = False) -> None:
    for source, result in pairs:
        if not (only_changed and not result.changed):
            atomic_write(out_for(source.path), encode(result.text, errors))
        log.write(result)
