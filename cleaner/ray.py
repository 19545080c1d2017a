"""Distributed cleaning on Ray Data (``pip install 'cleaner[ray]'``): for corpora beyond one machine.

Two ways in:

* **Files** (``cleaner clean DIR -o OUT --log LOG --engine ray``, or :func:`run_tasks` through
  :func:`cleaner.parallel.run_shards`): each input file is one Ray Data row; an actor pool of
  cleaners (the engine built once per actor, corpus knowledge ``ray.put`` once) runs the same
  shard code as a local run, so the outputs and the diff log are byte-identical to
  ``cleaner clean --jobs N``. Every node must see the input and output paths (a shared file
  system) and have cleaner installed.
* **A Ray dataset** (:func:`clean_dataset`): any ``ray.data.Dataset`` with a string text column,
  read from JSONL, Parquet or anything else Ray reads. Rows come back with the text cleaned and
  a ``cleaner_log`` column holding that document's diff-log lines (JSONL); :func:`iter_log_records`
  and :func:`write_log` turn them into the log a local run writes::

      import ray, cleaner.ray
      ds = ray.data.read_parquet("s3://bucket/corpus/")
      out = cleaner.ray.clean_dataset(ds, text_field="text", id_field="id")
      out.drop_columns(["cleaner_log"]).write_parquet("s3://bucket/clean/")
      cleaner.ray.write_log(out, "difflog.jsonl")

  With ``id_field`` the document ids, the cleaned texts and the log records are those of a local
  ``cleaner clean corpus.jsonl --format jsonl --id-field id`` run on the same records (ids are
  what tie log records to documents; without ``id_field`` a document is named by a hash of its
  text). Corpus knowledge is learned first by streaming the dataset through the driver
  (``learn=False`` to skip, or pass ``corpus=`` learned elsewhere), then shared with every actor.

Ray on one machine gains nothing over ``--jobs`` (it costs seconds to start and about 1 GiB):
use it for more machines, not more cores.
"""
from __future__ import annotations

import hashlib
import json
import logging
import pickle
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Sequence

from .config import CleanerConfig
from .corpus import CorpusKnowledge, learn as learn_corpus
from .difflog import dumps, records

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Engine
    from .parallel import Options, ShardStats, ShardTask
    from .progress import RunProgress

LOG_FIELD = "cleaner_log"


def _ray():
    try:
        import ray
        import ray.data
    except ImportError:
        from .fileio import InputError

        raise InputError("the ray engine needs Ray: pip install 'cleaner[ray]'") from None
    return ray


def ensure_ray(address: str | None = None, num_cpus: int | None = None, quiet: bool = True):
    """Connect to ``address`` (a running cluster, or 'auto'), else start a local Ray with ``num_cpus``."""
    ray = _ray()
    if not ray.is_initialized():
        kwargs: dict[str, Any] = {"include_dashboard": False, "ignore_reinit_error": True}
        if quiet:
            kwargs.update(logging_level=logging.ERROR, log_to_driver=False)
            logging.getLogger("ray.data").setLevel(logging.ERROR)
        if address:
            ray.init(address=address, **kwargs)
        else:
            ray.init(num_cpus=num_cpus, **kwargs)
    return ray


def _actors(size: int | tuple[int, int]):
    """An autoscaling actor pool of up to ``size`` actors (or ``(min, max)``)."""
    ray = _ray()
    low, high = size if isinstance(size, tuple) else (1, size)
    return ray.data.ActorPoolStrategy(min_size=low, max_size=high)


def _quiet_data(ds, quiet: bool = True) -> None:
    ctx = ds.context
    ctx.execution_options.preserve_order = True  # rows (and log records) come back in input order
    if quiet:
        ctx.enable_progress_bars = False
        if hasattr(ctx, "enable_operator_progress_bars"):
            ctx.enable_operator_progress_bars = False


# -- files: the shard tasks of a local run, on a Ray actor pool -------------------------------------

class _ShardCleaner:
    """A Ray Data actor: one engine, the corpus knowledge fetched once; cleans whole shards."""

    def __init__(self, config: CleanerConfig, corpus_ref: list, options: "Options"):
        import ray

        from .engine import Engine

        self.engine = Engine(config)
        self.corpus = ray.get(corpus_ref[0]) if corpus_ref else None
        self.options = options

    def __call__(self, batch: dict) -> dict:
        from dataclasses import asdict

        from .parallel import clean_shard

        out = []
        from .fileio import InputError

        for blob in batch["task"]:
            task = pickle.loads(blob)
            try:
                stats = clean_shard(self.engine, self.corpus, self.options, task)
            except InputError as exc:  # sent back, not raised: Ray would bury the message in its own traceback
                out.append(json.dumps({"input_error": str(exc)}))
                continue
            out.append(json.dumps(asdict(stats)))
        return {"stats": out, "size": [0] * len(out)}


def run_tasks(engine: "Engine", corpus: CorpusKnowledge | None, options: "Options", tasks: Sequence["ShardTask"],
              jobs: int, address: str | None = None, progress: "RunProgress | None" = None) -> list["ShardStats"]:
    """Clean shard tasks on Ray (``address`` None: a local Ray with ``jobs`` CPUs); returns their stats."""
    from .fileio import InputError
    from .parallel import ShardStats

    if not tasks:
        return []
    ray = ensure_ray(address, None if address else jobs)
    corpus_ref = [ray.put(corpus)] if corpus is not None else []
    order = sorted(tasks, key=lambda t: (-t.shard.size, t.shard.index))
    ds = ray.data.from_items([{"task": pickle.dumps(t)} for t in order], override_num_blocks=len(order))
    _quiet_data(ds)
    out = ds.map_batches(_ShardCleaner, batch_size=1, compute=_actors(max(1, min(jobs, len(order)))), num_cpus=1,
                         fn_constructor_kwargs={"config": engine.config, "corpus_ref": corpus_ref, "options": options})
    _quiet_data(out)
    results = []
    sizes = {t.shard.index: t.shard.size for t in tasks}
    for row in out.iter_rows():
        payload = json.loads(row["stats"])
        if "input_error" in payload:  # raised as a local run raises it: a clear message, exit code 2
            raise InputError(payload["input_error"])
        stats = ShardStats(**payload)
        results.append(stats)
        if progress is not None:
            progress.advance(docs=stats.documents, chars=stats.characters, disk_bytes=sizes.get(stats.index, 0),
                             shards=1)
            for message in stats.notices:  # the warnings and errors a local run prints as it meets them
                progress.echo(message)
    return results


# -- a Ray dataset --------------------------------------------------------------------------------

def _doc_id(row_id: Any, text: str) -> str:
    if row_id is not None:
        return str(row_id)
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


class _RowCleaner:
    """A Ray Data actor for :func:`clean_dataset`: cleans the text column of pyarrow batches."""

    def __init__(self, config: CleanerConfig, corpus_ref: list, text_field: str, id_field: str | None,
                 log_field: str):
        import ray

        from .engine import Engine

        self.engine = Engine(config)
        self.corpus = ray.get(corpus_ref[0]) if corpus_ref else None
        self.text_field, self.id_field, self.log_field = text_field, id_field, log_field

    def __call__(self, table):
        import pyarrow as pa

        texts = table.column(self.text_field).to_pylist()
        ids = table.column(self.id_field).to_pylist() if self.id_field else [None] * len(texts)
        cleaned, logs = [], []
        for text, row_id in zip(texts, ids):
            if text is None:
                cleaned.append(None)
                logs.append("")
                continue
            result = self.engine.clean_one(text, _doc_id(row_id, text), self.corpus)
            cleaned.append(result.text if result.changed else text)
            logs.append("".join(dumps(rec) + "\n" for rec in records(result)))
        index = table.schema.get_field_index(self.text_field)
        table = table.set_column(index, table.schema.field(index), pa.array(cleaned, type=table.schema.field(index).type))
        if self.log_field in table.schema.names:
            table = table.drop_columns([self.log_field])
        return table.append_column(self.log_field, pa.array(logs, type=pa.string()))


def learn_dataset(ds, text_field: str = "text", id_field: str | None = None) -> CorpusKnowledge:
    """Corpus knowledge learned by streaming the dataset's rows through the driver once."""
    cols = [text_field] + ([id_field] if id_field else [])

    def docs() -> Iterator[tuple[str, str]]:
        for batch in ds.select_columns(cols).iter_batches(batch_format="pyarrow", batch_size=4096):
            texts = batch.column(text_field).to_pylist()
            ids = batch.column(id_field).to_pylist() if id_field else [None] * len(texts)
            for text, row_id in zip(texts, ids):
                if text is not None:
                    yield _doc_id(row_id, text), text

    return learn_corpus(docs())


def clean_dataset(ds, config: CleanerConfig | None = None, *, text_field: str = "text", id_field: str | None = None,
                  corpus: CorpusKnowledge | None = None, learn: bool = True, log_field: str = LOG_FIELD,
                  concurrency: int | tuple[int, int] | None = None, batch_size: int = 256, quiet: bool = True):
    """Clean the ``text_field`` column of a Ray dataset; returns the cleaned dataset (lazily).

    Every other column is kept; ``log_field`` is added with each document's diff-log lines (JSONL,
    a document record then its edit records; empty for a null text). Rows keep their input order.
    ``concurrency``: actors in the pool (default: as many as Ray has CPUs).
    """
    ray = ensure_ray()
    config = config or CleanerConfig()
    if corpus is None and learn and config.corpus_knowledge:
        corpus = learn_dataset(ds, text_field, id_field)
    corpus_ref = [ray.put(corpus)] if corpus is not None else []
    if concurrency is None:
        concurrency = max(1, int(ray.cluster_resources().get("CPU", 1)))
    _quiet_data(ds, quiet)
    out = ds.map_batches(_RowCleaner, batch_format="pyarrow", batch_size=batch_size, compute=_actors(concurrency),
                         num_cpus=1, fn_constructor_kwargs={"config": config, "corpus_ref": corpus_ref,
                                                            "text_field": text_field, "id_field": id_field,
                                                            "log_field": log_field})
    _quiet_data(out, quiet)
    return out


def iter_log_records(ds, log_field: str = LOG_FIELD) -> Iterator[dict]:
    """The diff-log records of a cleaned dataset, in row order (as a local run writes them)."""
    for line in iter_log_lines(ds, log_field):
        yield json.loads(line)


def iter_log_lines(ds, log_field: str = LOG_FIELD) -> Iterator[str]:
    for batch in ds.select_columns([log_field]).iter_batches(batch_format="pyarrow", batch_size=4096):
        for chunk in batch.column(log_field).to_pylist():
            if chunk:  # split at "\n" only: a record may hold U+2028 and friends, which splitlines() splits at
                yield from (line + "\n" for line in chunk[:-1].split("\n"))


def write_log(ds, path: Path | str, log_field: str = LOG_FIELD) -> int:
    """Write the dataset's diff log to ``path`` (atomically); returns the number of lines."""
    from .readers import _AtomicFile

    out = _AtomicFile(Path(path))
    n = 0
    try:
        for line in iter_log_lines(ds, log_field):
            out.fh.write(line.encode("utf-8", "surrogateescape"))
            n += 1
    except BaseException:
        out.abort()
        raise
    out.commit()
    return n
