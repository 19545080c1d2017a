"""Interrupted runs: SIGKILL at seeded random points, then check what is on disk and finish with --resume.

After every kill each file is byte for byte either its old version or its new one (never partial). A
process killed by SIGKILL cannot remove the temporary file it was writing: that one is hidden
(``.NAME.XXXXXXXX.tmp``, never read as input) and the next write of NAME removes it. A re-run with
``--resume`` completes the job: the outputs (and nothing else, no temporary left) and the
diff log are then exactly those of an uninterrupted run, and ``cleaner revert`` rebuilds every original
from them. For an in-place run a plain re-run is refused while the interrupted run's state holds the only
record of edits already made (the files it rewrote), since starting afresh would lose them.

The loop is bounded: a few kills per case, delays drawn from a seeded generator.
"""
from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from benchmarks.corpus import damaged_documents

from .hardening import command, run, tree_bytes

pytestmark = pytest.mark.slow
KILLS = int(os.environ.get("CLEANER_KILLS", "3"))


@pytest.fixture(scope="module")
def originals(tmp_path_factory) -> Path:
    """About 1.2 MB of damaged news-like text in 120 files (two folders), so a run lasts a few seconds."""
    root = tmp_path_factory.mktemp("kill") / "orig"
    for n, doc in enumerate(damaged_documents(1_200_000, seed=21, mean_size=10_000)):
        path = root / f"part{n % 2}" / f"d{n:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(doc.encode("utf-8"))
    return root


def kill_at(args: list[str], cwd: Path, delay: float) -> bool:
    """Start ``cleaner ARGS``, SIGKILL it after ``delay`` seconds; True if it was still running."""
    proc = subprocess.Popen([*command(), *args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        proc.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        time.sleep(0.3)  # pool workers notice their parent died (PR_SET_PDEATHSIG) and stop
        return True


STALE = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp")


def visible(files: dict[str, bytes]) -> dict[str, bytes]:
    """The files of a tree apart from the hidden temporaries a killed writer leaves (checked: their shape)."""
    kept = {}
    for name, data in files.items():
        base = name.rsplit("/", 1)[-1]
        if base.endswith(".tmp"):
            assert STALE.fullmatch(base), f"{name}: a temporary file that is not hidden"
            continue
        kept[name] = data
    return kept


def test_sigkill_in_place_then_resume_loses_nothing(tmp_path, originals):
    clean_ref = tmp_path / "ref"
    ref = run("clean", originals, "-o", clean_ref, "--log", tmp_path / "ref.jsonl", "-q", cwd=tmp_path)
    assert ref.returncode == 0, ref.stderr
    new, old = tree_bytes(clean_ref), tree_bytes(originals)
    rng = random.Random(8)
    mid_run = 0
    for attempt in range(KILLS):
        work, log = tmp_path / f"work{attempt}", tmp_path / f"log{attempt}.jsonl"
        shutil.copytree(originals, work)
        jobs = str(1 + attempt % 2)
        args = ["clean", str(work), "--in-place", "--log", str(log), "--jobs", jobs, "-q"]
        # a point inside the run on this machine (the reference run's wall time includes start-up)
        killed = kill_at(args, tmp_path, rng.uniform(0.2, 0.8) * ref.seconds)
        now = visible(tree_bytes(work))
        assert now.keys() == old.keys()
        for name, data in now.items():
            assert data in (old[name], new[name]), f"{name} is neither the old nor the new version"
        if not killed:  # it finished first: a finished run is the uninterrupted one
            assert now == new and log.read_bytes() == (tmp_path / "ref.jsonl").read_bytes()
            continue
        if any(now[n] != old[n] for n in now):
            mid_run += 1
            plain = run(*args, cwd=tmp_path)  # starting afresh would drop the edits of the rewritten files
            assert plain.returncode == 2 and b"--resume" in plain.stderr, plain.stderr
        done = run(*args, "--resume", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert tree_bytes(work) == new
        assert log.read_bytes() == (tmp_path / "ref.jsonl").read_bytes()
        assert not (tmp_path / f".log{attempt}.jsonl.run").exists()
        back = run("revert", work, "--log", log, "-o", tmp_path / f"back{attempt}", cwd=tmp_path)
        assert back.returncode == 0, back.stderr
        assert tree_bytes(tmp_path / f"back{attempt}") == old
    assert mid_run, "no kill landed after some file was rewritten: the test proved nothing"


def test_a_second_run_over_a_cleaned_damaged_corpus_changes_nothing(tmp_path, originals):
    """Per document cleaning is idempotent (tests/test_properties.py); over a whole damaged corpus the second
    run learns from cleaner text, so the learner reads text as the character-level repairs leave it (a soft
    hyphen, a terminal escape or a mojibake fragment such as "FranÃ" would otherwise count as a word or a
    name and change what a second run does). Found by the kill test above when a run finished first."""
    work = tmp_path / "work"
    shutil.copytree(originals, work)
    first = run("clean", work, "--in-place", "--log", tmp_path / "1.jsonl", "-q", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    second = run("check", work, cwd=tmp_path)
    assert second.returncode == 0, second.stdout[-2000:]


def test_sigkill_while_writing_a_corpus_then_resume(tmp_path, originals):
    """A JSONL corpus (plain and gzip shards) written to an output folder, with --jobs 2."""
    import gzip

    src = tmp_path / "jsonl"
    src.mkdir()
    docs = sorted(originals.rglob("*.txt"))
    for k in range(6):
        lines = b"".join(json.dumps({"id": f"{k}-{p.name}", "text": p.read_text(encoding="utf-8")}).encode() + b"\n"
                         for p in docs[k::6])
        if k % 2:
            (src / f"s{k}.jsonl.gz").write_bytes(gzip.compress(lines, mtime=0))
        else:
            (src / f"s{k}.jsonl").write_bytes(lines)
    base = ["--format", "jsonl", "--id-field", "id", "-q"]
    ref = run("clean", src, "-o", tmp_path / "ref", "--log", tmp_path / "ref.jsonl", "--jobs", "2", *base, cwd=tmp_path)
    assert ref.returncode == 0, ref.stderr
    expected = tree_bytes(tmp_path / "ref")
    rng = random.Random(9)
    out, log = tmp_path / "out", tmp_path / "log.jsonl"
    for _ in range(KILLS):
        kill_at(["clean", str(src), "-o", str(out), "--log", str(log), "--jobs", "2", "--resume", *base], tmp_path,
                rng.uniform(1.5, 5.0))
        if out.exists():
            for name, data in visible(tree_bytes(out)).items():  # a shard's output is whole or absent
                assert data == expected[name], name
    done = run("clean", src, "-o", out, "--log", log, "--jobs", "2", "--resume", *base, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert tree_bytes(out) == expected
    assert log.read_bytes() == (tmp_path / "ref.jsonl").read_bytes()
