"""The Ray engine against a real local Ray cluster (``ray.init(num_cpus=2)``): same bytes as a local run.

Slow (Ray takes seconds to start) but run in CI, which installs the ``ray`` extra; skipped when Ray
is not importable.
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

ray = pytest.importorskip("ray")
pytest.importorskip("ray.data")
pa = pytest.importorskip("pyarrow")
import pyarrow.parquet as pq  # noqa: E402
from click.testing import CliRunner  # noqa: E402

from benchmarks.corpus import damaged_documents  # noqa: E402
from cleaner.cli import main  # noqa: E402
from cleaner.parallel import clean_corpus  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster():
    ray.init(num_cpus=2, include_dashboard=False, ignore_reinit_error=True, log_to_driver=False)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    docs = list(damaged_documents(60_000, seed=11, mean_size=2000))
    return [{"id": f"r{n}", "text": doc, "n": n} for n, doc in enumerate(docs)]


@pytest.fixture(scope="module")
def files(tmp_path_factory, rows) -> Path:
    root = tmp_path_factory.mktemp("ray") / "in"
    root.mkdir()
    half = len(rows) // 2
    (root / "a.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows[:half]),
                                  encoding="utf-8")
    with gzip.open(root / "b.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r) + "\n" for r in rows[half:])
    return root


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_cli_engine_ray_gives_the_bytes_of_a_local_run(cluster, files, tmp_path):
    local = clean_corpus([files], tmp_path / "local", log=tmp_path / "local.jsonl", fmt="jsonl", jobs=1)
    assert local.stats.changed > 0
    result = CliRunner().invoke(main, ["clean", str(files), "-o", str(tmp_path / "ray"), "--log",
                                       str(tmp_path / "ray.jsonl"), "--format", "jsonl", "--engine", "ray",
                                       "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert "(ray)" in result.output
    assert tree_bytes(tmp_path / "ray") == tree_bytes(tmp_path / "local")
    assert (tmp_path / "ray.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()


def test_clean_dataset_matches_a_local_run(cluster, rows, tmp_path):
    import cleaner.ray as cray

    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    local = clean_corpus([path], tmp_path / "out", log=tmp_path / "local.jsonl", fmt="jsonl", id_field="id", jobs=1)
    assert local.stats.changed > 0
    expected = [json.loads(line) for line in (tmp_path / "out" / "corpus.jsonl").read_text("utf-8").split("\n")[:-1]]

    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "corpus.parquet", row_group_size=5)
    ds = ray.data.read_parquet(str(tmp_path / "corpus.parquet"))
    out = cray.clean_dataset(ds, text_field="text", id_field="id", batch_size=4)
    got = out.drop_columns([cray.LOG_FIELD]).take_all()
    assert [dict(r) for r in got] == expected  # same texts, every other column kept, input order
    cray.write_log(out, tmp_path / "ray.jsonl")
    assert (tmp_path / "ray.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    records = list(cray.iter_log_records(out))
    assert sum(r["type"] == "document" for r in records) == len(rows)


def test_clean_dataset_without_ids_or_corpus_knowledge(cluster):
    import cleaner.ray as cray
    from cleaner.config import CleanerConfig

    ds = ray.data.from_items([{"text": "Le cafÃ© &amp; co."}, {"text": None}, {"text": "fine"}])
    out = cray.clean_dataset(ds, CleanerConfig(corpus_knowledge=False)).take_all()
    assert [r["text"] for r in out] == ["Le café & co.", None, "fine"]
    first = [json.loads(line) for line in out[0][cray.LOG_FIELD].split("\n")[:-1]]
    assert first[0]["doc"].startswith("sha256:") and {r["rule"] for r in first[1:]} == {"MOJ001", "MOJ002"}
    assert out[1][cray.LOG_FIELD] == ""


def test_engine_ray_reports_input_errors_like_a_local_run(cluster, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.jsonl").write_text('{"text": "ok"}\n', encoding="utf-8")
    (src / "b.jsonl").write_text('{"text": "fine"}\n{"text": \n', encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", str(src), "-o", str(tmp_path / "out"), "--format", "jsonl",
                                       "--engine", "ray", "--jobs", "2", "--no-corpus"])
    assert result.exit_code == 2
    assert "b.jsonl:2: malformed JSON" in result.output and "Traceback" not in result.output
