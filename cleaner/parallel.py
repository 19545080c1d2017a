"""Sharded corpus runs: streaming, parallel (``--jobs``), resumable (``--resume``), same bytes for any N.

A *shard* is one input file (a text file, a JSONL file, plain or compressed, or a Parquet file).
The run goes:

1. **plan**: list the shards in input order and map each to its output file;
2. **learn**: corpus knowledge is learned in the parent, streaming over every shard once, and
   handed to the workers once (inherited at fork, or pickled once per worker elsewhere);
3. **clean**: each worker reads its own shard, streaming, and writes its own output and its own
   diff-log *part* (both to temporary files renamed into place), then a small *done marker*;
   only counters travel back to the parent, never texts;
4. **merge**: the parts are concatenated in shard order into the diff log (atomically) and the
   run's state folder is removed.

Because each shard is cleaned by the same code whoever runs it, and the log is merged in shard
order, the outputs and the log are byte-identical for any number of workers, and identical to a
single-process run. A shard is *finished* when its output, its log part and its marker exist;
``resume=True`` skips finished shards whose input, options and rules have not changed since.
The state folder is ``.<log name>.run/`` beside the diff log (or ``.cleaner-run/`` in the output
folder when there is no log).
"""
from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import multiprocessing as mp
import os
import shutil
import signal
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from . import __version__
from .corpus import CorpusKnowledge, learn
from .difflog import read_log, write_records
from .edits import LogMismatch, revert
from .engine import Engine
from .fileio import InputError, write_error
from .progress import RunProgress
from .readers import FORMATS, ShardReader, ShardWriter, _AtomicFile, file_sha256, iter_inputs
from .runner import RunStats, Runner

TICK_SECONDS = 0.25  # how often a worker reports progress
MIN_BYTES_PER_WORKER = 1 << 20  # default --jobs: one worker per MiB of input at most


@dataclass(frozen=True)
class Options:
    """How inputs are read and outputs written (picklable; sent to every worker)."""

    fmt: str = "text"
    text_field: str = "text"
    id_field: str | None = None
    encoding_errors: str = "strict"
    on_error: str = "stop"
    only_changed: bool = False  # --in-place: write only shards in which something changed

    def __post_init__(self):
        if self.fmt not in FORMATS:
            raise ValueError(f"unknown format {self.fmt!r} (known: {', '.join(FORMATS)})")


@dataclass(frozen=True)
class Shard:
    index: int
    path: Path
    rel: str  # the document id (text) or id prefix (JSONL/Parquet): path relative to its input folder
    target: Path | None  # output file; None: clean and log only
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class ShardTask:
    shard: Shard
    part: Path | None  # this shard's diff-log part
    marker: Path | None  # this shard's done marker
    fingerprint: str


@dataclass
class ShardStats:
    """What a worker sends back: counters only."""

    index: int
    documents: int = 0
    changed: int = 0
    characters: int = 0
    applied: int = 0
    suggested: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    by_category: dict[str, int] = field(default_factory=dict)
    wrote: bool = False
    seconds: float = 0.0
    resumed: bool = False
    notices: list[str] = field(default_factory=list)  # warnings met with no live reporter (Ray actors)

    @classmethod
    def from_run(cls, index: int, stats: RunStats, wrote: bool, seconds: float) -> "ShardStats":
        return cls(index, stats.documents, stats.changed, stats.characters, stats.applied, stats.suggested,
                   stats.skipped, list(stats.errors), list(stats.warnings), dict(stats.by_category), wrote, seconds)


@dataclass
class RunReport:
    """The outcome of :func:`run_shards`: merged counters plus run facts."""

    stats: RunStats
    shards: int
    resumed: int
    jobs: int
    engine: str = "local"
    per_shard: list[ShardStats] = field(default_factory=list)

    def summary(self) -> str:
        resumed = f", {self.resumed} resumed" if self.resumed else ""
        return f"{self.stats.summary()}; {self.shards} shards{resumed}, {self.jobs} jobs ({self.engine})"


# -- planning --------------------------------------------------------------------------------------

def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # pragma: no cover - not Linux
        return max(os.cpu_count() or 1, 1)


def plan_shards(roots: Sequence[Path], fmt: str, out_for: Callable[[Path], Path | None] | None,
                exclude: Iterable[Path] = ()) -> list[Shard]:
    """The input files in input order, each with its document-id prefix and output file."""
    excluded = tuple(Path(os.path.abspath(p)) for p in exclude)
    shards: list[Shard] = []
    seen: dict[Path, Path] = {}
    ids: dict[str, Path] = {}
    for root in roots:
        base = root if root.is_dir() else root.parent
        for path in iter_inputs(root, fmt):
            here = Path(os.path.abspath(path))
            if root.is_dir() and any(here == e or e in here.parents for e in excluded):
                continue
            rel = path.relative_to(base).as_posix() if root.is_dir() else path.name
            target = out_for(path) if out_for else None
            if target is not None:
                key = Path(os.path.abspath(target))
                if seen.setdefault(key, path) != path:
                    raise InputError(f"{seen[key]} and {path} would both be written to {target}")
            try:
                st = path.stat()
            except OSError as exc:
                raise InputError(f"{path}: cannot read: {exc.strerror}") from None
            if rel in ids:  # two roots with a file of one name: their log records could not be told apart
                raise InputError(f"{ids[rel]} and {path} would both be logged as document {rel!r}, and the log "
                                 f"could not revert them; clean them in separate runs, or from one folder "
                                 f"that holds both")
            ids[rel] = path
            shards.append(Shard(len(shards), path, rel, target, st.st_size, st.st_mtime_ns))
    return shards


def fingerprint(engine: Engine, options: Options, shards: Sequence[Shard]) -> str:
    """What a finished shard's output depends on besides its own input: options, config, rules, version,
    and (when corpus knowledge is learned) every other input too."""
    rule_files = []
    for folder in engine.registry.dirs:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                st = path.stat()
                rule_files.append((str(path), st.st_size, st.st_mtime_ns))
    data = {
        "version": __version__, "options": dataclasses.asdict(options),
        "config": dataclasses.asdict(engine.config), "rules": rule_files,
        "corpus": [(str(s.path), s.size, s.mtime_ns) for s in shards] if engine.config.corpus_knowledge else None,
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def state_dir_for(log_path: Path | None, output_dir: Path | None, output_file: Path | None) -> Path | None:
    """Where a run keeps its log parts and done markers (hidden, so never read as input)."""
    if log_path is not None:
        return Path(log_path).parent / f".{Path(log_path).name}.run"
    if output_dir is not None:
        return Path(output_dir) / ".cleaner-run"
    if output_file is not None:
        return Path(output_file).parent / f".{Path(output_file).name}.run"
    return None


class RunState:
    """The state folder: ``parts/NNNNNN.jsonl`` (log parts) and ``done/NNNNNN.json`` (markers)."""

    def __init__(self, folder: Path | None, fingerprint: str, resume: bool):
        self.folder = folder
        self.fingerprint = fingerprint
        if folder is None:
            return
        if not resume and folder.exists():
            shutil.rmtree(folder)
        try:
            (folder / "parts").mkdir(parents=True, exist_ok=True)
            (folder / "done").mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise write_error(folder, exc, "cannot create run state folder") from None

    def task(self, shard: Shard, with_log: bool) -> ShardTask:
        if self.folder is None:
            return ShardTask(shard, None, None, self.fingerprint)
        part = self.folder / "parts" / f"{shard.index:06d}.jsonl" if with_log else None
        return ShardTask(shard, part, self.folder / "done" / f"{shard.index:06d}.json", self.fingerprint)

    def finished(self, task: ShardTask) -> ShardStats | None:
        """The stats of a shard finished by an earlier run with the same inputs and settings, else None."""
        if task.marker is None or not task.marker.is_file():
            return None
        try:
            marker = json.loads(task.marker.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        s = task.shard
        if marker.get("shard") != _shard_key(s) or marker.get("fingerprint") != self.fingerprint:
            return None
        if task.part is not None and not task.part.is_file():
            return None
        stats = ShardStats(**marker["stats"])
        if stats.wrote and (s.target is None or not s.target.is_file()):
            return None
        if marker.get("output_sha256") and file_sha256(s.target) != marker["output_sha256"]:
            return None  # in place, killed before the rename: the file is still the old one
        stats.resumed = True
        return stats

    def remove(self) -> None:
        if self.folder is not None and self.folder.exists():
            shutil.rmtree(self.folder, ignore_errors=True)


def _in_place(s: Shard) -> bool:
    return s.target is not None and os.path.abspath(s.target) == os.path.abspath(s.path)


def _write_marker(task: ShardTask, stats: ShardStats, output_sha256: str | None) -> None:
    marker = _AtomicFile(task.marker)
    marker.fh.write(json.dumps({"shard": _shard_key(task.shard), "fingerprint": task.fingerprint,
                                "output_sha256": output_sha256, "stats": dataclasses.asdict(stats)}).encode())
    marker.commit()


def _read_marker(path: Path) -> dict | None:
    try:
        marker = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return marker if isinstance(marker, dict) else None


def as_planned(shards: Sequence[Shard], folder: Path | None) -> list[Shard]:
    """In-place shards as the interrupted run planned them: a file that an earlier run of the same job
    rewrote (its bytes have the sha256 its marker recorded) counts with the size and mtime it had then,
    so the run's fingerprint, and that shard's marker and log part, still hold."""
    out = []
    for s in shards:
        marker = (_read_marker(folder / "done" / f"{s.index:06d}.json") if folder is not None else None) or {}
        old = marker.get("shard") or {}
        if (_in_place(s) and marker.get("output_sha256") and old.get("path") == os.path.abspath(s.path)
                and old.get("index") == s.index and file_sha256(s.path) == marker["output_sha256"]):
            s = dataclasses.replace(s, size=old["size"], mtime_ns=old["mtime_ns"])
        out.append(s)
    return out


def unfinished_in_place(folder: Path | None) -> bool:
    """Whether ``folder`` holds the state of an interrupted in-place run that already rewrote some input:
    its log parts are then the only record of those edits."""
    if folder is None or not (folder / "done").is_dir():
        return False
    return any((_read_marker(path) or {}).get("output_sha256") for path in (folder / "done").glob("*.json"))


def other_settings(folder: Path, fingerprint: str) -> bool:
    """Whether a shard an interrupted in-place run rewrote was marked under another fingerprint than this run's."""
    for path in (folder / "done").glob("*.json"):
        marker = _read_marker(path) or {}
        if marker.get("output_sha256") and marker.get("fingerprint") != fingerprint:
            return True
    return False


def _shard_key(s: Shard) -> dict:
    return {"path": os.path.abspath(s.path), "size": s.size, "mtime_ns": s.mtime_ns,
            "target": os.path.abspath(s.target) if s.target else None, "index": s.index}


# -- one shard ------------------------------------------------------------------------------------

Report = Callable[[tuple], None]


def clean_shard(engine: Engine, corpus: CorpusKnowledge | None, options: Options, task: ShardTask,
                report: Report | None = None) -> ShardStats:
    """Clean one shard: stream its documents, write its output and log part, then its done marker."""
    started = time.perf_counter()
    shard = task.shard
    notices: list[str] = []
    send = report or (lambda msg: notices.append(msg[1]) if msg[0] == "warn" else None)
    runner = Runner(engine, fmt=options.fmt, text_field=options.text_field, id_field=options.id_field,
                    encoding_errors=options.encoding_errors, on_error=options.on_error,
                    warn=lambda m: send(("warn", m)))
    reader = ShardReader(runner, shard.path, shard.rel)
    writer = ShardWriter(options.fmt, shard.target, input_path=shard.path, text_field=options.text_field,
                         errors=options.encoding_errors, only_changed=options.only_changed)
    part = _AtomicFile(task.part) if task.part is not None else None
    log = io.TextIOWrapper(part.fh, encoding="utf-8", newline="\n", write_through=False) if part else None
    docs = chars = reported_pos = 0
    last = time.perf_counter()
    try:
        for source in reader:
            if source.passthrough:
                writer.add(source, None)
                continue
            result = engine.clean_one(source.text, source.doc_id, corpus)
            runner.stats.add(result)
            writer.add(source, result)
            if log is not None:
                try:
                    write_records(log, result)
                except OSError as exc:  # a full disk: say which file could not be written
                    raise write_error(task.part, exc, "cannot write the diff log part") from None
            docs += 1
            chars += len(source.text)
            now = time.perf_counter()
            if report is not None and now - last >= TICK_SECONDS:
                send(("tick", docs, chars, reader.position - reported_pos, 0))
                docs = chars = 0
                reported_pos, last = reader.position, now
        if part is not None:  # the log part first: a shard is finished only once its marker exists
            log.flush()
            log.detach()
            part.commit()
        # In place, the input is the output: once it is renamed over, only this shard's log part can rebuild
        # it. So its marker, with the new file's sha256, goes down BEFORE the rename; a later --resume
        # tells the new file from the old by that hash (see RunState.finished).
        digest = writer.digest() if task.marker is not None and _in_place(shard) else None
        if digest is not None:
            _write_marker(task, ShardStats.from_run(shard.index, runner.stats, True, 0.0), digest)
        wrote = writer.commit()
    except BaseException:
        writer.abort()
        if part is not None:
            part.abort()
        raise
    stats = ShardStats.from_run(shard.index, runner.stats, wrote, time.perf_counter() - started)
    stats.notices = notices
    if task.marker is not None:
        _write_marker(task, stats, digest)
    send(("tick", docs, chars, max(shard.size - reported_pos, 0), 1))
    return stats


# -- workers --------------------------------------------------------------------------------------

_WORKER: dict = {}


def _die_with_parent(parent: int) -> None:
    """Linux: SIGTERM this worker when the parent dies (even by SIGKILL), so no orphan goes on writing
    files behind a re-run's back."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        return
    if os.getppid() != parent:  # the parent died before the call
        sys.exit(1)


def _init_worker(payload, corpus, options, queue, parent: int | None = None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles ^C and ends the pool
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # so temporary files are removed on the way out
    if parent is not None:
        _die_with_parent(parent)
    engine = payload if isinstance(payload, Engine) else Engine(payload)
    _WORKER.update(engine=engine, corpus=corpus, options=options, queue=queue)


def _worker_task(task: ShardTask) -> ShardStats:
    queue = _WORKER["queue"]
    return clean_shard(_WORKER["engine"], _WORKER["corpus"], _WORKER["options"], task,
                       queue.put if queue is not None else None)


def _pool_context():
    """fork where there is one (the engine and corpus knowledge are inherited, nothing is pickled)."""
    methods = mp.get_all_start_methods()
    return mp.get_context("fork" if "fork" in methods else "spawn")


def _run_pool(engine: Engine, corpus, options: Options, tasks: list[ShardTask], jobs: int,
              progress: RunProgress) -> list[ShardStats]:
    ctx = _pool_context()
    queue = ctx.SimpleQueue()
    payload = engine if ctx.get_start_method() == "fork" else engine.config
    pool = ctx.Pool(jobs, initializer=_init_worker, initargs=(payload, corpus, options, queue, os.getpid()))

    def drain() -> None:
        while True:
            msg = queue.get()
            if msg is None:
                return
            _handle(msg, progress)

    drainer = threading.Thread(target=drain, name="cleaner-progress", daemon=True)
    drainer.start()
    results: list[ShardStats] = []
    ok = False
    try:
        # biggest shards first, so the last one to finish is a small one
        order = sorted(tasks, key=lambda t: (-t.shard.size, t.shard.index))
        for stats in pool.imap_unordered(_worker_task, order, chunksize=1):
            results.append(stats)
        ok = True
    finally:
        if ok:
            pool.close()
        else:
            pool.terminate()
        pool.join()
        queue.put(None)
        drainer.join(timeout=5)
    return results


def _handle(msg: tuple, progress: RunProgress) -> None:
    if msg[0] == "tick":
        progress.advance(docs=msg[1], chars=msg[2], disk_bytes=msg[3], shards=msg[4])
    elif msg[0] == "warn":
        progress.echo(msg[1])


# -- the whole run --------------------------------------------------------------------------------

def learn_corpus(engine: Engine, options: Options, shards: Sequence[Shard],
                 progress: RunProgress | None = None, rewritten: dict[int, Path] | None = None,
                 ids: "UniqueIds | None" = None) -> CorpusKnowledge | None:
    """Corpus knowledge, learned streaming over every shard (errors stop the run here if on_error='stop').

    ``rewritten``: shards an interrupted in-place run already rewrote, with their log parts; their
    originals are rebuilt from those, so a resumed run learns what the uninterrupted one would have.
    """
    if not engine.config.corpus_knowledge:
        return None
    quiet = Runner(engine, fmt=options.fmt, text_field=options.text_field, id_field=options.id_field,
                   encoding_errors=options.encoding_errors, on_error=options.on_error, warn=lambda m: None)
    progress = progress or RunProgress(False)
    progress.phase("learn", sum(s.size for s in shards), len(shards))

    ids = ids if ids is not None else UniqueIds(options.on_error)

    def docs():
        for shard in shards:
            reader = ShardReader(quiet, shard.path, shard.rel)
            logs = read_log(rewritten[shard.index]) if rewritten and shard.index in rewritten else {}
            pos = 0
            for s in reader:
                if not s.passthrough:
                    if options.id_field:  # other ids hold their file's name: unique by construction
                        ids.add(s.doc_id, shard)
                    progress.advance(docs=1, chars=len(s.text), disk_bytes=reader.position - pos)
                    pos = reader.position
                    text = s.text
                    if s.doc_id in logs:
                        try:
                            text = revert(text, logs[s.doc_id].changes)
                        except LogMismatch:
                            pass
                    yield s.doc_id, text
            progress.advance(disk_bytes=max(shard.size - pos, 0), shards=1)

    knowledge = learn(docs())
    progress.finish()
    return knowledge


class UniqueIds:
    """Document ids seen so far: two records of one id in different files would share log records.

    A file that reuses an id of an earlier file is an error of that file: strict (``on_error='stop'``)
    stops the run; otherwise the file is reported and left out, as an unreadable one is.
    """

    def __init__(self, on_error: str = "stop"):
        self.on_error = on_error
        self.where: dict[str, Path] = {}
        self.clashes: dict[int, str] = {}  # shard index -> the error that leaves it out

    def add(self, doc_id: str, shard: Shard) -> None:
        first = self.where.setdefault(doc_id, shard.path)
        if first != shard.path and shard.index not in self.clashes:
            message = (f"{shard.path}: document id {doc_id!r} is also used in {first}; the log could not tell "
                       f"their edits apart (give ids unique across files, or clean the files separately)")
            if self.on_error == "stop":
                raise InputError(message)
            self.clashes[shard.index] = message + "; file skipped"


def validate_inputs(engine: Engine, options: Options, shards: Sequence[Shard], ids: "UniqueIds") -> None:
    """Read (decode and parse) every input once, before anything is written, when no corpus pass does
    (``--no-corpus``): in strict mode a bad file stops the run here, and ids must be unique across files."""
    reader_runner = Runner(engine, fmt=options.fmt, text_field=options.text_field, id_field=options.id_field,
                           encoding_errors=options.encoding_errors, on_error=options.on_error, warn=lambda m: None)
    for shard in shards:
        for source in ShardReader(reader_runner, shard.path, shard.rel):
            if not source.passthrough and options.id_field:
                ids.add(source.doc_id, shard)


def merge_parts(parts: Sequence[Path], log_path: Path) -> None:
    """Concatenate the log parts, in shard order, into the diff log (atomically)."""
    out = _AtomicFile(Path(log_path))
    try:
        for part in parts:
            with open(part, "rb") as fh:
                shutil.copyfileobj(fh, out.fh, 1 << 20)
    except OSError as exc:
        out.abort()
        raise write_error(Path(log_path), exc, "cannot write diff log") from None
    out.commit()


def combine(per_shard: Sequence[ShardStats], seconds: float) -> RunStats:
    stats = RunStats()
    for s in sorted(per_shard, key=lambda s: s.index):
        stats.documents += s.documents
        stats.changed += s.changed
        stats.characters += s.characters
        stats.applied += s.applied
        stats.suggested += s.suggested
        stats.skipped += s.skipped
        stats.errors.extend(s.errors)
        stats.warnings.extend(s.warnings)
        stats.by_category.update(Counter(s.by_category))
    stats.seconds = seconds
    return stats


def run_shards(engine: Engine, shards: Sequence[Shard], *, options: Options = Options(),
               log_path: Path | None = None, state_dir: Path | None = None, jobs: int | None = None,
               resume: bool = False, progress: RunProgress | None = None, executor: str = "local",
               ray_address: str | None = None) -> RunReport:
    """Clean every shard (``executor``: 'local' process pool, or 'ray'); merge the log; return the counters.

    On an exception the state folder is kept, so a later run with ``resume=True`` goes on where
    this one stopped; on success it is removed.
    """
    start = time.perf_counter()
    if jobs is None:  # all cores, but no more workers than MiB of input: forking costs more than tiny inputs take
        jobs = min(default_jobs(), max(1, sum(s.size for s in shards) // MIN_BYTES_PER_WORKER))
    jobs = max(1, jobs)
    progress = progress or RunProgress(False)
    if resume and state_dir is None:
        raise InputError("--resume needs a place for its run state: give --log or an output folder")
    rewritten: dict[int, Path] = {}
    if resume:
        planned = as_planned(shards, state_dir)
        rewritten = {s.index: state_dir / "parts" / f"{s.index:06d}.jsonl"
                     for s, p in zip(shards, planned) if s != p}
        rewritten = {i: part for i, part in rewritten.items() if part.is_file()}
        shards = planned
    elif unfinished_in_place(state_dir):
        raise InputError(f"{state_dir}: an interrupted in-place run already rewrote some files, and their "
                         f"edits are only recorded here: finish it with --resume (or delete this folder)")
    fp = fingerprint(engine, options, shards)
    if resume and state_dir is not None and other_settings(state_dir, fp):
        raise InputError(f"{state_dir}: the interrupted in-place run used other options, rules or inputs; its "
                         f"rewritten files are only recorded here, so resume it with exactly the same command "
                         f"(this run was refused and changed nothing)")
    state = RunState(state_dir, fp, resume)
    tasks = [state.task(s, log_path is not None) for s in shards]
    done = {t.shard.index: st for t in tasks if resume and (st := state.finished(t)) is not None}
    todo = [t for t in tasks if t.shard.index not in done]
    ids = UniqueIds(options.on_error)
    corpus = learn_corpus(engine, options, shards, progress, rewritten, ids)
    if corpus is None and (options.on_error == "stop" or options.id_field and len(shards) > 1):
        validate_inputs(engine, options, shards, ids)
    left_out = [ShardStats(i, errors=[msg]) for i, msg in sorted(ids.clashes.items())]
    for stats in left_out:
        progress.echo(f"error: {stats.errors[0]}")
    todo = [t for t in todo if t.shard.index not in ids.clashes]
    progress.phase("clean", sum(t.shard.size for t in todo), len(todo))
    if executor == "ray":
        from .ray import run_tasks

        results = run_tasks(engine, corpus, options, todo, jobs, address=ray_address, progress=progress)
        used = jobs
    elif jobs == 1 or len(todo) <= 1:
        results = [clean_shard(engine, corpus, options, t, lambda msg: _handle(msg, progress)) for t in todo]
        used = 1
    else:
        used = min(jobs, len(todo))
        results = _run_pool(engine, corpus, options, todo, used, progress)
    progress.finish()
    per_shard = sorted([*done.values(), *results, *left_out], key=lambda s: s.index)
    if log_path is not None:
        merge_parts([t.part for t in tasks if t.shard.index not in ids.clashes], Path(log_path))
    state.remove()
    return RunReport(combine(per_shard, time.perf_counter() - start), len(shards), len(done), used, executor,
                     per_shard)


def clean_corpus(inputs: Sequence[Path | str], output: Path | str | None = None, *, log: Path | str | None = None,
                 config=None, engine: Engine | None = None, jobs: int | None = None, fmt: str = "text",
                 text_field: str = "text", id_field: str | None = None, encoding_errors: str = "strict",
                 on_error: str = "stop", in_place: bool = False, resume: bool = False, progress: bool = False,
                 executor: str = "local") -> RunReport:
    """Python API of ``cleaner clean DIR... -o OUTDIR --log LOG --jobs N``.

    ``output`` is a folder (each input folder's files keep their relative paths under it; a file
    given by name goes to ``output/name``), or None with ``in_place=True``.
    """
    roots = [Path(p) for p in inputs]
    for root in roots:
        if not root.exists():
            raise InputError(f"{root}: no such file or folder")
    engine = engine or Engine(config)
    out = Path(output) if output is not None else None
    if out is None and not in_place:
        raise ValueError("give an output folder or in_place=True")

    def out_for(path: Path) -> Path:
        if in_place:
            return path
        for root in roots:
            if root.is_dir() and path.is_relative_to(root):
                return out / path.relative_to(root)
        return out / path.name

    log_path = Path(log) if log is not None else None
    exclude = [p for p in (out, log_path) if p is not None]
    options = Options(fmt, text_field, id_field, encoding_errors, on_error, only_changed=in_place)
    shards = plan_shards(roots, fmt, out_for, exclude)
    from .progress import wanted

    with RunProgress(wanted(not progress)) as bars:
        return run_shards(engine, shards, options=options, log_path=log_path,
                          state_dir=state_dir_for(log_path, out, None), jobs=jobs, resume=resume, progress=bars,
                          executor=executor)


def clean_files(engine: Engine, roots: Sequence[Path], out_for: Callable[[Path], Path] | None, *,
                options: Options, exclude: Iterable[Path] = (), log_path: Path | None = None,
                output_dir: Path | None = None, output_file: Path | None = None, jobs: int | None = None,
                resume: bool = False, executor: str = "local", ray_address: str | None = None, quiet: bool = False,
                echo: Callable[[str], None] | None = None) -> RunReport:
    """What ``cleaner clean`` runs when its outputs are files: plan, then :func:`run_shards` with progress bars."""
    from .progress import wanted

    shards = plan_shards(roots, options.fmt, out_for, exclude)
    with RunProgress(wanted(quiet), echo) as bars:
        return run_shards(engine, shards, options=options, log_path=log_path,
                          state_dir=state_dir_for(log_path, output_dir, output_file), jobs=jobs, resume=resume,
                          progress=bars, executor=executor, ray_address=ray_address)
