"""Streaming readers and writers for corpus shards: text files, JSONL (plain, gzip, zstd) and Parquet.

A *shard* is one input file. Readers yield one :class:`cleaner.runner.Source` at a time, so a
shard of any size is read in constant memory; writers stream their output to a temporary file
beside the target and rename it into place on :meth:`commit` (an interrupted run leaves the old
file or none, never half of one).

* ``--format text``: every file is one document (as :func:`cleaner.fileio.iter_files` lists them).
* ``--format jsonl``: one record per line; ``.gz`` and ``.zst``/``.zstd`` files are decompressed
  on the fly (zstd needs ``pip install zstandard``) and the output is compressed the same way.
  Unchanged records keep their bytes exactly.
* ``--format parquet``: ``*.parquet`` files (needs ``pyarrow``); the output keeps the schema,
  every other column and the row order, with the text column cleaned.

Compressed outputs are deterministic (gzip with no name and mtime 0, single-threaded zstd), so
the same input gives the same bytes whatever the number of workers.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import os
from pathlib import Path
from typing import IO, TYPE_CHECKING, Iterator

from .fileio import (InputError, TEXT_SUFFIXES_SKIPPED, atomic_write, encode, iter_files, looks_binary,
                     new_file_mode, read_text_file, regular_file, rewrite_record, temporary_beside, wide_unicode,
                     write_error)

if TYPE_CHECKING:  # pragma: no cover
    from .model import CleanResult
    from .runner import Runner, Source

FORMATS = ("text", "jsonl", "parquet")
COMPRESSIONS = {".gz": "gzip", ".zst": "zstd", ".zstd": "zstd"}
PARQUET_BATCH_ROWS = 1024  # rows per read batch (and per written row group): bounds memory per worker


def compression(path: Path | str) -> str | None:
    """``"gzip"``, ``"zstd"`` or None, from the file name.

    >>> compression("a/b.jsonl.gz"), compression("c.jsonl.zst"), compression("d.jsonl")
    ('gzip', 'zstd', None)
    """
    return COMPRESSIONS.get(Path(path).suffix.lower())


def _zstd():
    try:
        import zstandard
    except ImportError:  # pragma: no cover - depends on the environment
        raise InputError("reading or writing .zst files needs the zstandard package: "
                         "pip install zstandard (or pip install 'cleaner[formats]')") from None
    return zstandard


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:  # pragma: no cover - depends on the environment
        raise InputError("--format parquet needs pyarrow: pip install pyarrow "
                         "(or pip install 'cleaner[formats]')") from None
    return pyarrow


# -- listing ------------------------------------------------------------------------------------

RECORD_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}


def format_of(path: Path | str) -> str:
    """The format a file's name announces: ``jsonl`` for ``.jsonl``/``.ndjson`` (also compressed),
    ``parquet`` for ``.parquet``, else ``text``.

    >>> format_of("a/b.jsonl.gz"), format_of("c.parquet"), format_of("notes.txt"), format_of("x.json")
    ('jsonl', 'parquet', 'text', 'text')
    """
    name = Path(path)
    if compression(name):
        name = name.with_suffix("")
    return RECORD_SUFFIXES.get(name.suffix.lower(), "text")


def infer_format(roots: list[Path], exclude: list[Path] = ()) -> str:
    """The format of the inputs, from their names (``--format auto``): a file by its own name, a
    folder by the files in it. Inputs that disagree are an error naming them, since cleaning a
    JSONL file as one text would edit its JSON and ignore ``--text-field``. ``exclude``: paths that
    are not inputs (the log, an output folder inside an input folder)."""
    skip = [os.path.abspath(p) for p in exclude]
    kinds: dict[str, str] = {}
    for root in roots:
        if str(root) == "-" or root.is_file():
            kinds.setdefault("text" if str(root) == "-" else format_of(root), str(root))
            continue
        for fmt in ("jsonl", "parquet"):
            for path in iter_inputs(root, fmt):
                here = os.path.abspath(path)
                if not any(here == e or here.startswith(e.rstrip(os.sep) + os.sep) for e in skip):
                    kinds.setdefault(format_of(path), str(path))
    if len(kinds) > 1:
        found = ", ".join(f"{fmt} ({example})" for fmt, example in sorted(kinds.items()))
        raise InputError(f"the inputs mix formats: {found}; say which to read with --format text, jsonl or parquet")
    return next(iter(kinds), "text")

def iter_inputs(root: Path, fmt: str) -> Iterator[Path]:
    """The input files under ``root`` for ``fmt``, in a stable order (the order of the outputs and the log).

    Text: as :func:`cleaner.fileio.iter_files`. JSONL: the same files plus ``.gz``/``.zst`` ones.
    Parquet: ``*.parquet`` files only. A file given by name is always taken.
    """
    if root.is_file() or fmt == "text":
        yield from iter_files(root)
        return
    skipped = TEXT_SUFFIXES_SKIPPED - set(COMPRESSIONS)
    seen: set[tuple[int, int]] = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        st = os.stat(folder)
        if (st.st_dev, st.st_ino) in seen:  # a symlink loop
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            suffix = Path(name).suffix.lower()
            if name.startswith(".") or (suffix != ".parquet" if fmt == "parquet" else suffix in skipped):
                continue
            if regular_file(Path(folder) / name):  # no FIFOs, devices or dangling links
                yield Path(folder) / name


# -- reading ------------------------------------------------------------------------------------

class _Input:
    """A binary input stream, decompressed if the name says so; ``tell()`` is the position in the file on disk."""

    def __init__(self, path: Path):
        self.raw = open(path, "rb")
        kind = compression(path)
        try:
            if kind == "gzip":
                self.stream: IO[bytes] = gzip.GzipFile(fileobj=self.raw, mode="rb")
            elif kind == "zstd":
                reader = _zstd().ZstdDecompressor().stream_reader(self.raw, read_across_frames=True)
                self.stream = io.BufferedReader(reader, 1 << 20)
            else:
                self.stream = self.raw
        except BaseException:
            self.raw.close()
            raise

    def tell(self) -> int:
        try:
            return self.raw.tell()
        except (OSError, ValueError):
            return 0

    def close(self) -> None:
        try:
            if self.stream is not self.raw:
                self.stream.close()
        finally:
            self.raw.close()


def _decompress_error(path: Path, exc: Exception) -> InputError:
    return InputError(f"{path}: cannot decompress ({compression(path)}): {exc}")


class ShardReader:
    """The documents of one input file, as :class:`cleaner.runner.Source` objects, streaming.

    Errors go through the runner (``on_error`` stop: raise :class:`InputError`; skip: report
    and go on), exactly as :meth:`cleaner.runner.Runner.sources` reports them. ``position``
    is how many bytes of the file on disk have been consumed (for progress bars).
    """

    def __init__(self, runner: "Runner", path: Path, rel: str):
        self.runner, self.path, self.rel = runner, Path(path), rel
        self.position = 0

    def __iter__(self) -> Iterator["Source"]:
        fmt = self.runner.fmt
        if fmt == "parquet":
            yield from self._parquet()
        elif fmt == "jsonl":
            yield from self._jsonl()
        else:
            yield from self._text()
        try:
            self.position = self.path.stat().st_size
        except OSError:
            pass

    def _text(self) -> Iterator["Source"]:
        from .runner import Source

        try:
            text = read_text_file(self.path, self.runner.errors)
        except InputError as exc:
            self.runner._error(str(exc))
            return
        if text is None:
            self.runner._skip_binary(self.path)
            return
        yield Source(self.rel, self.path, text, label=str(self.path))

    def _jsonl(self) -> Iterator["Source"]:
        path = self.path
        try:
            head = _Input(path)
            try:
                first = head.stream.read(8192)
            finally:
                head.close()
            wide = wide_unicode(first, path)
            if wide is not None:
                raise wide
            if looks_binary(first):
                self.runner._skip_binary(path)
                return
            fh = _Input(path)
            try:
                for source in self.runner._records(path, self.rel, fh.stream, str(path)):
                    self.position = fh.tell()
                    yield source
            finally:
                fh.close()
        except OSError as exc:
            if compression(path) and not isinstance(exc, FileNotFoundError | PermissionError | IsADirectoryError):
                self.runner._error(str(_decompress_error(path, exc)))
            else:
                self.runner._error(f"{path}: cannot read: {exc.strerror}")
        except InputError as exc:
            self.runner._error(str(exc))
        except Exception as exc:  # zstandard.ZstdError, EOFError from a truncated gzip member
            if type(exc).__name__ in ("ZstdError", "EOFError", "BadGzipFile"):
                self.runner._error(str(_decompress_error(path, exc)))
            else:
                raise

    def _parquet(self) -> Iterator["Source"]:
        from .runner import Source

        runner, path = self.runner, self.path
        try:
            pf = open_parquet(path, runner.text_field)
            size = max(path.stat().st_size, 1)
            total = max(pf.metadata.num_rows, 1)
            id_field = runner.id_field if runner.id_field in pf.schema_arrow.names else None
            columns = [runner.text_field] + ([id_field] if id_field and id_field != runner.text_field else [])
            row = 0
            for batch in iter_batches(pf, path, columns):
                texts = batch.column(runner.text_field).to_pylist()
                ids = batch.column(id_field).to_pylist() if id_field else [None] * len(texts)
                for text, doc in zip(texts, ids):
                    row += 1
                    doc = "" if doc is None else str(doc)
                    if text is None:  # a null text is copied through, as a blank JSONL line is
                        yield Source(f"{self.rel}#{row}", path, "", passthrough=True)
                        continue
                    yield Source(doc or f"{self.rel}#{row}", path, text, text_field=runner.text_field,
                                 label=f"{path}#{doc or row}")
                self.position = int(size * row / total)
            if row == 0:  # an empty file still gets its (empty) output
                yield Source(f"{self.rel}#0", path, "", passthrough=True)
        except OSError as exc:
            runner._error(f"{path}: cannot read: {exc.strerror}")
        except InputError as exc:
            runner._error(str(exc))


def iter_batches(pf, path: Path, columns: list[str] | None = None):
    """Record batches of a Parquet file; a read error is raised as InputError naming the file."""
    pa = _pyarrow()
    try:
        yield from pf.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=columns)
    except pa.ArrowException as exc:
        raise InputError(f"{path}: cannot read Parquet: {exc}") from None


def open_parquet(path: Path, text_field: str):
    """A ``pyarrow.parquet.ParquetFile`` whose ``text_field`` column holds strings, or InputError."""
    pa = _pyarrow()
    try:
        pf = pa.parquet.ParquetFile(path)
    except (OSError, pa.ArrowException) as exc:
        raise InputError(f"{path}: not a readable Parquet file: {exc}") from None
    schema = pf.schema_arrow
    if text_field not in schema.names:
        raise InputError(f"{path}: no column {text_field!r} (columns: {', '.join(schema.names)})")
    kind = schema.field(text_field).type
    if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
        raise InputError(f"{path}: column {text_field!r} is {kind}, not a string column")
    return pf


# -- writing ------------------------------------------------------------------------------------

def file_sha256(path: Path | str) -> str | None:
    """The sha256 of a file's bytes (None if it cannot be read)."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()


class _AtomicFile:
    """A temporary file beside ``target``; ``commit`` fsyncs it and renames it into place.

    As :func:`cleaner.fileio.atomic_write`: a symlink is written through (its target is replaced).
    """

    def __init__(self, target: Path):
        self.target = Path(target)
        if self.target.is_symlink():
            self.target = Path(os.path.realpath(self.target))
        try:
            if self.target.is_dir():
                raise IsADirectoryError(21, "is a folder")
            self.target.parent.mkdir(parents=True, exist_ok=True)
            fd, self.tmp = temporary_beside(self.target)
        except OSError as exc:
            raise write_error(self.target, exc) from None
        self.fh = os.fdopen(fd, "wb")

    def commit(self) -> None:
        try:
            self.fh.flush()
            os.fsync(self.fh.fileno())
            self.fh.close()
            mode = self.target.stat().st_mode & 0o7777 if self.target.exists() else new_file_mode()
            os.chmod(self.tmp, mode)
            os.replace(self.tmp, self.target)
        except OSError as exc:
            self.abort()
            raise write_error(self.target, exc) from None

    def abort(self) -> None:
        try:
            self.fh.close()
        except OSError:
            pass
        try:
            os.unlink(self.tmp)
        except OSError:
            pass


class ShardWriter:
    """Writes one shard's output as its results arrive, in input order.

    ``add(source, result)``: result None for a record copied through. ``commit()`` renames the
    output into place and returns whether it wrote one (with ``only_changed``, a shard none of
    whose documents changed is not written); ``abort()`` removes the temporary file.
    """

    def __init__(self, fmt: str, target: Path | None, *, input_path: Path | None = None, text_field: str = "text",
                 errors: str = "strict", only_changed: bool = False):
        self.fmt, self.target, self.errors, self.only_changed = fmt, target, errors, only_changed
        self.input_path, self.text_field = input_path, text_field
        self.changed = False
        self._finished = False
        self.file: _AtomicFile | None = None
        self._text: bytes | None = None
        self._stream: IO[bytes] | None = None
        self._closer = None
        if target is None or fmt == "text":
            return
        self.file = _AtomicFile(target)
        if fmt == "jsonl":
            kind = compression(target)
            if kind == "gzip":
                self._stream = gzip.GzipFile(filename="", mode="wb", fileobj=self.file.fh, mtime=0)
            elif kind == "zstd":
                self._stream = _zstd().ZstdCompressor(level=3).stream_writer(self.file.fh, closefd=False)
            else:
                self._stream = self.file.fh
        elif fmt == "parquet":
            self._parquet = _ParquetOutput(input_path, text_field, self.file.fh)

    def add(self, source: "Source", result: "CleanResult | None") -> None:
        try:
            self._add(source, result)
        except OSError as exc:  # a full disk while streaming: name the output, keep the old file
            self.abort()
            raise write_error(self.target, exc) from None

    def _add(self, source: "Source", result: "CleanResult | None") -> None:
        changed = result is not None and result.changed
        self.changed |= changed
        if self.target is None:
            return
        if self.fmt == "text":
            if result is not None:
                self._text = encode(result.text, self.errors)
        elif self.fmt == "jsonl":
            if not changed:
                self._stream.write(source.raw)
            else:
                self._stream.write(rewrite_record(source.raw, source.record or {}, source.text_field, result.text,
                                                  self.errors))
        else:
            self._parquet.add(result.text if changed else None)

    def _finish(self) -> None:
        if self._finished:
            return
        self._finished = True
        try:
            if self.fmt == "jsonl" and self._stream is not self.file.fh:
                self._stream.close()  # flushes the compressor's last frame; the file itself stays open
            elif self.fmt == "parquet":
                self._parquet.close()
            self.file.fh.flush()
        except OSError as exc:
            self.abort()
            raise write_error(self.target, exc) from None

    def digest(self) -> str | None:
        """The sha256 of the bytes :meth:`commit` will put in place, or None if it will write nothing.

        Call it once every document is added, just before ``commit``: a resumable in-place run records
        it before the rename, so that a later run can tell the new file from the old one.
        """
        if self.target is None or (self.only_changed and not self.changed):
            return None
        if self.fmt == "text":
            return None if self._text is None else hashlib.sha256(self._text).hexdigest()
        self._finish()
        return file_sha256(self.file.tmp)

    def commit(self) -> bool:
        if self.target is None:
            return False
        if self.fmt == "text":
            if self._text is None or (self.only_changed and not self.changed):
                return False
            atomic_write(self.target, self._text)
            return True
        self._finish()
        if self.only_changed and not self.changed:
            self.file.abort()
            return False
        self.file.commit()
        return True

    def abort(self) -> None:
        if self.file is not None:
            self.file.abort()


class _ParquetOutput:
    """Re-reads the input Parquet file batch by batch in step with the cleaned texts, writing each batch
    with its text column replaced (None = unchanged); schema, other columns and order are kept."""

    def __init__(self, input_path: Path, text_field: str, fh: IO[bytes]):
        self.pa = _pyarrow()
        pf = open_parquet(input_path, text_field)
        self.batches = iter_batches(pf, input_path)
        self.schema = pf.schema_arrow
        self.index = self.schema.get_field_index(text_field)
        codec = "snappy"
        if pf.metadata.num_row_groups and pf.metadata.num_columns:
            codec = pf.metadata.row_group(0).column(0).compression.lower()
            codec = "none" if codec == "uncompressed" else codec
        self.writer = self.pa.parquet.ParquetWriter(fh, self.schema, compression=codec)
        self.pending: list[str | None] = []
        self.batch = None

    def add(self, text: str | None) -> None:
        if self.batch is None:
            self.batch = next(self.batches, None)
            if self.batch is None:  # the marker of a file with no rows
                return
        self.pending.append(text)
        if len(self.pending) == self.batch.num_rows:
            self._flush()

    def _flush(self) -> None:
        batch, texts = self.batch, self.pending
        if any(t is not None for t in texts):
            column = batch.column(self.index).to_pylist()
            merged = [old if new is None else new for old, new in zip(column, texts)]
            field = self.schema.field(self.index)
            batch = self.pa.RecordBatch.from_arrays(
                [self.pa.array(merged, type=field.type) if i == self.index else batch.column(i)
                 for i in range(batch.num_columns)], schema=self.schema)
        self.writer.write_batch(batch)
        self.batch, self.pending = None, []

    def close(self) -> None:
        if self.pending:
            self._flush()
        for rest in self.batches:  # rows never seen (cannot happen when every row was added)
            self.writer.write_batch(rest)
        self.writer.close()
