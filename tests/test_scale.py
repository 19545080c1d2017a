"""Corpus scale: sharded runs are byte-identical for any --jobs, resumable, streaming over every format."""
from __future__ import annotations

import gzip
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.corpus import damage, damaged_documents
from cleaner import parallel
from cleaner.config import CleanerConfig
from cleaner.engine import Engine
from cleaner.parallel import Options, clean_corpus

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cleaner", *args], cwd=cwd, capture_output=True, timeout=300)


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def docs() -> list[str]:
    """Damaged news-like documents (mojibake, entities, invisible characters, boilerplate, ...) plus clean ones."""
    damaged = list(damaged_documents(60_000, seed=7, mean_size=2000))
    rng = random.Random(5)
    return damaged + [damage(d, rng, 0) for d in damaged[:5]]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, docs) -> Path:
    """A folder with text files in subfolders, a binary file, and an empty file."""
    root = tmp_path_factory.mktemp("corpus") / "in"
    for n, doc in enumerate(docs):
        path = root / f"part{n % 3}" / f"doc{n:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(doc, encoding="utf-8", newline="")
    (root / "empty.txt").write_bytes(b"")
    (root / "part1" / "image.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    return root


def jsonl_lines(docs: list[str], first: int = 0) -> list[bytes]:
    """Records with ids unique across the corpus (``first``: the number of the first one)."""
    lines = []
    for n, doc in enumerate(docs):
        lines.append(json.dumps({"id": f"d{first + n}", "text": doc, "meta": {"n": n}},
                                ensure_ascii=n % 2 == 0).encode() + b"\n")
        if n == 3:
            lines.append(b"\n")  # a blank line is copied through
    return lines


@pytest.fixture(scope="module")
def jsonl_corpus(tmp_path_factory, docs) -> Path:
    """JSONL shards: plain, gzip and zstd."""
    root = tmp_path_factory.mktemp("jsonl") / "in"
    root.mkdir()
    third = len(docs) // 3
    (root / "a.jsonl").write_bytes(b"".join(jsonl_lines(docs[:third])))
    with gzip.open(root / "b.jsonl.gz", "wb") as fh:
        fh.write(b"".join(jsonl_lines(docs[third:2 * third], third)))
    zstandard = pytest.importorskip("zstandard")
    (root / "c.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(b"".join(jsonl_lines(docs[2 * third:], 2 * third))))
    return root


# -- same bytes for any number of workers -------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["text", "jsonl"])
def test_output_and_log_identical_for_any_jobs(tmp_path, corpus, jsonl_corpus, fmt):
    source = corpus if fmt == "text" else jsonl_corpus
    runs = {}
    for jobs in (1, 2, 3):
        out, log = tmp_path / f"out{jobs}", tmp_path / f"log{jobs}.jsonl"
        report = clean_corpus([source], out, log=log, jobs=jobs, fmt=fmt, id_field="id" if fmt == "jsonl" else None)
        assert report.jobs == jobs
        assert report.stats.changed > 0 and not report.stats.errors
        runs[jobs] = (tree_bytes(out), log.read_bytes())
    assert runs[1] == runs[2] == runs[3]
    outputs, log = runs[1]
    assert not any(name.startswith(".") or "/." in name for name in outputs)  # no temporary files, no state
    assert not (tmp_path / ".log1.jsonl.run").exists()


def test_cli_jobs_identical_to_single_process_stream(tmp_path, jsonl_corpus):
    """`--jobs 2` on files gives the bytes of the one-record-at-a-time stdin->stdout path."""
    data = (jsonl_corpus / "a.jsonl").read_bytes()
    piped = subprocess.run([sys.executable, "-m", "cleaner", "clean", "-", "--format", "jsonl", "-q",
                            "--log", str(tmp_path / "pipe.jsonl")], input=data, capture_output=True, timeout=300)
    assert piped.returncode == 0, piped.stderr
    ran = run_cli("clean", str(jsonl_corpus / "a.jsonl"), "-o", str(tmp_path / "a.out.jsonl"), "--format", "jsonl",
                  "--log", str(tmp_path / "file.jsonl"), "--jobs", "2", "-q", cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    assert (tmp_path / "a.out.jsonl").read_bytes() == piped.stdout
    rename = lambda b: b.replace(b'"doc": "-#', b'"doc": "a.jsonl#')  # noqa: E731  stdin's ids are "-#line"
    assert (tmp_path / "file.jsonl").read_bytes() == rename((tmp_path / "pipe.jsonl").read_bytes())


def test_text_folder_matches_per_file_cleaning(tmp_path, corpus):
    out = tmp_path / "out"
    clean_corpus([corpus], out, log=tmp_path / "log.jsonl", jobs=2, config=CleanerConfig(corpus_knowledge=False))
    engine = Engine(CleanerConfig(corpus_knowledge=False))
    for path in sorted(corpus.rglob("doc*.txt"))[:8]:
        expected = engine.clean_one(path.read_text(encoding="utf-8"), path.relative_to(corpus).as_posix()).text
        assert (out / path.relative_to(corpus)).read_text(encoding="utf-8") == expected
    assert not (out / "part1" / "image.bin").exists()  # binary files are skipped, as before
    assert (out / "empty.txt").read_bytes() == b""


# -- formats -------------------------------------------------------------------------------------------------

def test_compressed_outputs_match_plain(tmp_path, jsonl_corpus):
    zstandard = pytest.importorskip("zstandard")
    out = tmp_path / "out"
    clean_corpus([jsonl_corpus], out, log=tmp_path / "log.jsonl", fmt="jsonl", id_field="id", jobs=2)
    assert sorted(p.name for p in out.iterdir()) == ["a.jsonl", "b.jsonl.gz", "c.jsonl.zst"]
    # the same records, uncompressed, through the plain path
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "b.jsonl").write_bytes(gzip.decompress((jsonl_corpus / "b.jsonl.gz").read_bytes()))
    (plain / "c.jsonl").write_bytes(zstandard.ZstdDecompressor().stream_reader(
        (jsonl_corpus / "c.jsonl.zst").read_bytes()).read())
    clean_corpus([plain], tmp_path / "plain_out", fmt="jsonl", id_field="id", jobs=1,
                 config=CleanerConfig(corpus_knowledge=False))
    clean_corpus([jsonl_corpus], tmp_path / "nk", fmt="jsonl", id_field="id", jobs=1,
                 config=CleanerConfig(corpus_knowledge=False))
    assert gzip.decompress((tmp_path / "nk/b.jsonl.gz").read_bytes()) == (tmp_path / "plain_out/b.jsonl").read_bytes()
    zst = zstandard.ZstdDecompressor().stream_reader((tmp_path / "nk/c.jsonl.zst").read_bytes()).read()
    assert zst == (tmp_path / "plain_out/c.jsonl").read_bytes()
    # unchanged records keep their bytes; the blank line is kept
    src = (jsonl_corpus / "a.jsonl").read_bytes().splitlines(keepends=True)
    got = (out / "a.jsonl").read_bytes().splitlines(keepends=True)
    assert len(src) == len(got) and b"\n" in got
    changed = [i for i, (a, b) in enumerate(zip(src, got)) if a != b]
    assert changed and len(changed) < len(src)
    for i in changed:
        before, after = json.loads(src[i]), json.loads(got[i])
        assert before.keys() == after.keys() and before["meta"] == after["meta"] and before["text"] != after["text"]


def test_gzip_output_is_deterministic(tmp_path, jsonl_corpus):
    a = clean_corpus([jsonl_corpus / "b.jsonl.gz"], tmp_path / "x", fmt="jsonl", jobs=1)
    b = clean_corpus([jsonl_corpus / "b.jsonl.gz"], tmp_path / "y", fmt="jsonl", jobs=1)
    assert a.stats.documents == b.stats.documents > 0
    assert (tmp_path / "x/b.jsonl.gz").read_bytes() == (tmp_path / "y/b.jsonl.gz").read_bytes()


def test_check_reads_compressed_jsonl(tmp_path, jsonl_corpus):
    ran = run_cli("check", str(jsonl_corpus / "b.jsonl.gz"), "--format", "jsonl", "--id-field", "id", cwd=tmp_path)
    assert ran.returncode == 1, ran.stderr  # edits would be made
    assert b"b.jsonl.gz#d" in ran.stdout


def test_parquet_round_trip_matches_jsonl(tmp_path, docs):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    rows = [{"id": f"d{n}", "text": doc, "n": n} for n, doc in enumerate(docs)]
    rows[2]["text"] = None  # a null text is copied through
    folder = tmp_path / "pq"
    folder.mkdir()
    pq.write_table(pa.Table.from_pylist(rows), folder / "corpus.parquet", row_group_size=7)
    (folder / "notes.txt").write_text("not parquet: ignored\n")
    with open(tmp_path / "corpus.jsonl", "w", encoding="utf-8") as fh:
        for row in rows:
            if row["text"] is not None:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    ran = run_cli("clean", "pq", "-o", "pq_out", "--format", "parquet", "--id-field", "id", "--log", "pq.log",
                  "--no-corpus", "-q", cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    assert sorted(p.name for p in (tmp_path / "pq_out").iterdir()) == ["corpus.parquet"]
    ran = run_cli("clean", "corpus.jsonl", "-o", "corpus.out.jsonl", "--format", "jsonl", "--id-field", "id",
                  "--log", "jsonl.log", "--no-corpus", "-q", cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    table = pq.read_table(tmp_path / "pq_out" / "corpus.parquet")
    assert table.schema == pq.read_table(folder / "corpus.parquet").schema
    got = table.to_pylist()
    assert [r["id"] for r in got] == [r["id"] for r in rows] and [r["n"] for r in got] == [r["n"] for r in rows]
    assert got[2]["text"] is None
    expected = [json.loads(line) for line in (tmp_path / "corpus.out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r for r in got if r["text"] is not None] == expected
    assert (tmp_path / "pq.log").read_bytes() == (tmp_path / "jsonl.log").read_bytes()


def test_parquet_errors_are_clear(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"body": ["x"]}), tmp_path / "a.parquet")
    ran = run_cli("clean", "a.parquet", "-o", "out.parquet", "--format", "parquet", cwd=tmp_path)
    assert ran.returncode == 2 and b"no column 'text'" in ran.stderr and b"Traceback" not in ran.stderr
    ran = run_cli("clean", "a.parquet", "-o", "-", "--format", "parquet", cwd=tmp_path)
    assert ran.returncode == 2


# -- resume --------------------------------------------------------------------------------------------------

def test_resume_skips_finished_shards_and_gives_the_same_bytes(tmp_path, corpus, monkeypatch):
    fresh = clean_corpus([corpus], tmp_path / "fresh", log=tmp_path / "fresh.jsonl", jobs=1)
    real, seen = parallel.clean_shard, []

    def dies_on_sixth(engine, corpus_, options, task, report=None):
        if len(seen) == 5:
            raise KeyboardInterrupt
        seen.append(task.shard.index)
        return real(engine, corpus_, options, task, report)

    monkeypatch.setattr(parallel, "clean_shard", dies_on_sixth)
    with pytest.raises(KeyboardInterrupt):
        clean_corpus([corpus], tmp_path / "out", log=tmp_path / "log.jsonl", jobs=1)
    monkeypatch.setattr(parallel, "clean_shard", real)
    assert not (tmp_path / "log.jsonl").exists()  # the log only appears when the run completes
    state = tmp_path / ".log.jsonl.run"
    assert len(list((state / "done").iterdir())) == 5
    report = clean_corpus([corpus], tmp_path / "out", log=tmp_path / "log.jsonl", jobs=2, resume=True)
    assert report.resumed == 5 and report.shards == fresh.shards
    assert report.stats.documents == fresh.stats.documents and report.stats.applied == fresh.stats.applied
    assert tree_bytes(tmp_path / "out") == tree_bytes(tmp_path / "fresh")
    assert (tmp_path / "log.jsonl").read_bytes() == (tmp_path / "fresh.jsonl").read_bytes()
    assert not state.exists()


def test_resume_redoes_shards_whose_input_changed(tmp_path, corpus):
    src = tmp_path / "in"
    src.mkdir()
    for p in sorted(corpus.rglob("doc00*.txt"))[:4]:
        (src / p.name).write_bytes(p.read_bytes())
    opts = dict(log=tmp_path / "log.jsonl", jobs=1, config=CleanerConfig(corpus_knowledge=False))
    state = tmp_path / ".log.jsonl.run"
    # leave finished state behind, as an interrupted run would
    engine = Engine(CleanerConfig(corpus_knowledge=False))
    shards = parallel.plan_shards([src], "text", lambda p: tmp_path / "out" / p.name)
    parallel.RunState(state, parallel.fingerprint(engine, Options(), shards), resume=False)
    tasks = [parallel.RunState(state, parallel.fingerprint(engine, Options(), shards), True).task(s, True)
             for s in shards]
    for t in tasks:
        parallel.clean_shard(engine, None, Options(), t)
    first = src / shards[0].path.name
    first.write_text("Le cafÃ© &amp; co.\n", encoding="utf-8")
    report = clean_corpus([src], tmp_path / "out", resume=True, **opts)
    assert report.resumed == 3
    assert (tmp_path / "out" / first.name).read_text(encoding="utf-8") == "Le café & co.\n"
    assert '"before": "cafÃ©"'.encode() in (tmp_path / "log.jsonl").read_bytes()  # the changed shard's own edits


def test_cli_resume_and_summary(tmp_path, corpus):
    ran = run_cli("clean", str(corpus), "-o", "out", "--log", "log.jsonl", "--jobs", "2", cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    summary = ran.stderr.decode()
    assert "documents" in summary and "by family:" in summary and "shards, 2 jobs (local)" in summary
    assert "\x1b[" not in summary  # no progress bars when stderr is not a terminal
    # a completed run leaves no state: --resume then simply runs everything
    ran = run_cli("clean", str(corpus), "-o", "out2", "--log", "log2.jsonl", "--resume", "-q", cwd=tmp_path)
    assert ran.returncode == 0 and ran.stderr.decode().splitlines() == [
        f"warning: {corpus / 'part1' / 'image.bin'}: binary file skipped"]
    assert tree_bytes(tmp_path / "out2") == tree_bytes(tmp_path / "out")


# -- streaming: memory does not grow with the corpus ---------------------------------------------------------

def test_reader_streams_large_jsonl(tmp_path):
    """Documents are read one at a time: a generator over a JSONL file, never the whole file."""
    from cleaner.readers import ShardReader
    from cleaner.runner import Runner

    path = tmp_path / "big.jsonl"
    with open(path, "wb") as fh:
        for n in range(2000):
            fh.write(json.dumps({"text": f"document {n} caf\u00c3\u00a9 " * 20}).encode() + b"\n")
    reader = ShardReader(Runner(Engine(), fmt="jsonl"), path, "big.jsonl")
    it = iter(reader)
    first = next(it)
    assert first.doc_id == "big.jsonl#1" and reader.position < path.stat().st_size / 10
    assert sum(1 for _ in it) == 1999


def test_errors_in_workers_stop_or_skip_cleanly(tmp_path, docs):
    src = tmp_path / "in"
    src.mkdir()
    for n, doc in enumerate(docs[:6]):
        (src / f"d{n}.jsonl").write_text(json.dumps({"text": doc}) + "\n", encoding="utf-8")
    (src / "d3.jsonl").write_bytes(b'{"text": "fine"}\n{"text": \n')  # malformed second line
    stop = run_cli("clean", "in", "-o", "out", "--log", "log.jsonl", "--format", "jsonl", "--jobs", "2",
                   "--no-corpus", "--on-error", "stop", cwd=tmp_path)  # strict: stops before writing
    assert stop.returncode == 2 and b"d3.jsonl:2: malformed JSON" in stop.stderr
    assert b"Traceback" not in stop.stderr and not (tmp_path / "log.jsonl").exists()
    skip = run_cli("clean", "in", "-o", "out", "--log", "log.jsonl", "--format", "jsonl", "--jobs", "2",
                   "--no-corpus", "--on-error", "skip", cwd=tmp_path)
    assert skip.returncode == 2 and b"d3.jsonl:2: malformed JSON" in skip.stderr
    assert (tmp_path / "out/d3.jsonl").read_bytes() == (src / "d3.jsonl").read_bytes()  # copied through
    assert len(list((tmp_path / "out").iterdir())) == 6 and (tmp_path / "log.jsonl").exists()
