"""A datatrove pipeline step (``pip install datatrove``): clean each document's text, keep its diff log.

::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleaner.datatrove import CleanerStep

    LocalPipelineExecutor(pipeline=[
        JsonlReader("corpus/", id_key="id"),
        CleanerStep(log_folder="difflogs/"),      # each task writes difflogs/NNNNN.jsonl (its rank)
        JsonlWriter("clean/"),
    ], tasks=4).run()

The engine is built once per task, inside the task. Log records name documents by datatrove's
``Document.id``. datatrove streams documents, so there is no corpus-wide learning pass: pass
``corpus=`` (a :class:`cleaner.corpus.CorpusKnowledge` learned beforehand with
:func:`cleaner.corpus.learn`) to share one, or set ``corpus_knowledge=False`` in the config;
otherwise each document learns from itself, as :meth:`cleaner.engine.Engine.clean_one` does.
``log_metadata_key`` also (or instead) stores each document's log lines in its metadata.
"""
from __future__ import annotations

from .config import CleanerConfig
from .corpus import CorpusKnowledge
from .difflog import dumps, records

try:
    from datatrove.pipeline.base import PipelineStep
except ImportError:  # datatrove is optional: this module still imports (doctests, docs), the step does not run
    class PipelineStep:  # type: ignore[no-redef]
        def __init__(self):
            raise ImportError("cleaner.datatrove.CleanerStep needs datatrove: pip install datatrove")

        def track_time(self):  # pragma: no cover
            raise NotImplementedError


class CleanerStep(PipelineStep):
    """Clean ``doc.text`` in place; log every change (see the module docs)."""

    name = "🧹 cleaner"
    type = "✂️ - FORMAT"

    def __init__(self, config: CleanerConfig | None = None, log_folder=None, corpus: CorpusKnowledge | None = None,
                 log_metadata_key: str | None = None):
        super().__init__()
        from datatrove.io import get_datafolder

        self.config = config or CleanerConfig()
        self.log_folder = get_datafolder(log_folder) if log_folder is not None else None
        self.corpus = corpus
        self.log_metadata_key = log_metadata_key

    def run(self, data, rank: int = 0, world_size: int = 1):
        from .engine import Engine

        engine = Engine(self.config)
        log = self.log_folder.open(f"{rank:05d}.jsonl", "wt", encoding="utf-8", newline="\n") \
            if self.log_folder is not None else None
        try:
            for doc in data:
                with self.track_time():
                    result = engine.clean_one(doc.text, str(doc.id), self.corpus)
                self.stat_update("documents")
                if result.changed:
                    self.stat_update("changed")
                    doc.text = result.text
                for change in result.applied:
                    self.stat_update(f"edits_{change.category}")
                if log is not None or self.log_metadata_key:
                    lines = "".join(dumps(rec) + "\n" for rec in records(result))
                    if log is not None:
                        log.write(lines)
                    if self.log_metadata_key:
                        doc.metadata[self.log_metadata_key] = lines
                yield doc
        finally:
            if log is not None:
                log.close()
