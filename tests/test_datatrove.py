"""The datatrove step gives the texts and diff log of a local run (skipped when datatrove is not installed)."""
from __future__ import annotations

import json

import pytest

pytest.importorskip("datatrove")
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from benchmarks.corpus import damaged_documents  # noqa: E402
from cleaner.config import CleanerConfig  # noqa: E402
from cleaner.datatrove import CleanerStep  # noqa: E402
from cleaner.parallel import clean_corpus  # noqa: E402


def test_datatrove_step_matches_a_local_run(tmp_path):
    rows = [{"id": f"r{n}", "text": doc} for n, doc in enumerate(damaged_documents(30_000, seed=21, mean_size=1500))]
    src = tmp_path / "in"
    src.mkdir()
    (src / "corpus.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    config = CleanerConfig(corpus_knowledge=False)
    local = clean_corpus([src], tmp_path / "local", log=tmp_path / "local.jsonl", fmt="jsonl", id_field="id",
                         config=config, jobs=1)
    assert local.stats.changed > 0
    LocalPipelineExecutor(pipeline=[
        JsonlReader(str(src), id_key="id", compression=None),
        CleanerStep(config, log_folder=str(tmp_path / "logs")),
        JsonlWriter(str(tmp_path / "dt"), compression=None),
    ], tasks=1, logging_dir=str(tmp_path / "dtlogs")).run()
    expected = [json.loads(line) for line in (tmp_path / "local/corpus.jsonl").read_text("utf-8").split("\n")[:-1]]
    got = [json.loads(line) for p in sorted((tmp_path / "dt").glob("*.jsonl"))
           for line in p.read_text("utf-8").split("\n")[:-1]]
    assert [(g["id"], g["text"]) for g in got] == [(e["id"], e["text"]) for e in expected]
    assert (tmp_path / "logs/00000.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
