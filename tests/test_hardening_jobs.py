"""Concurrency on hostile input: ``--jobs N`` writes the same bytes, the same log and the same messages as
``--jobs 1``, whatever the inputs are (odd characters and names, undecodable bytes, binary and empty files,
links, malformed JSONL lines, compressed shards), and in place as well as into an output folder."""
from __future__ import annotations

import gzip
import os
import shutil

import pytest

from .hardening import run, tree_bytes
from .test_hardening_loss import ODD

MOJIBAKE = "caf\u00c3\u00a9"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("jobs") / "in"
    text = root / "text"
    for name, (data, _) in ODD.items():
        (text / "odd").mkdir(parents=True, exist_ok=True)
        (text / "odd" / name).write_bytes(data)
    (text / "bytes.txt").write_bytes(b"bad \xff\xfe bytes " + MOJIBAKE.encode() + b"\n")
    (text / "name with\nnewline.txt").write_bytes(f"x &amp; {MOJIBAKE}\r\n".encode())
    with open(os.fsencode(text) + b"/raw\xff.txt", "wb") as fh:
        fh.write(f"raw {MOJIBAKE}".encode())
    (text / "bin.txt").write_bytes(b"\x00\x01\x02 binary")
    os.symlink("odd", text / "loop")
    os.symlink("/dev/zero", text / "zero.txt")
    for n in range(12):  # enough shards for every worker
        (text / f"many{n:02d}.txt").write_bytes(f"doc {n} {MOJIBAKE} &amp; Put\u200bin\n".encode() * (n + 1))
    jsonl = root / "jsonl"
    jsonl.mkdir()
    lines = [b'{"id": "a", "text": "x &amp; y"}\n', b"\n", b'{"id": "b", "text": ', b'\n',
             b'{"id": "../../etc/x", "text": "caf\\u00c3\\u00a9"}\r\n', b'[1, 2]\n', b'{"id": "c", "text": 5}\n',
             b'{"id": "d", "text": "bad \xff byte &amp;"}\n', b'{"id": "e", "text": "last, no newline &amp;"}']
    (jsonl / "mixed.jsonl").write_bytes(b"".join(lines))
    (jsonl / "z.jsonl.gz").write_bytes(gzip.compress(b"".join(lines[:2] + lines[4:6]), mtime=0))
    (jsonl / "empty.jsonl").write_bytes(b"")
    for n in range(6):
        (jsonl / f"s{n}.jsonl").write_bytes(b"".join(lines[:1] + lines[4:5]) * (n + 1))
    return root


def outcome(tmp_path, src, jobs, *args):
    out, log = tmp_path / f"out{jobs}", tmp_path / f"log{jobs}.jsonl"
    ran = run("clean", src, "-o", out, "--log", log, "--jobs", jobs, "--on-error", "skip",
              "--encoding-errors", "surrogateescape", *args, cwd=tmp_path)
    assert b"Traceback" not in ran.stderr, ran.stderr
    messages = sorted(line for line in ran.stderr.splitlines() if not line.startswith(b"cleaner: "))
    return ran.returncode, tree_bytes(out), log.read_bytes(), messages


@pytest.mark.parametrize("kind, args", [("text", []), ("jsonl", ["--format", "jsonl", "--id-field", "id"])])
def test_jobs_give_the_bytes_of_one_job_on_hostile_input(tmp_path, hostile, kind, args):
    results = {jobs: outcome(tmp_path, hostile / kind, jobs, *args) for jobs in ("1", "2", "4")}
    assert results["1"][1], "nothing was written"
    assert results["1"] == results["2"] == results["4"]


def test_in_place_jobs_give_the_bytes_of_one_job(tmp_path, hostile):
    trees = {}
    for jobs in ("1", "3"):
        work = tmp_path / f"w{jobs}"
        shutil.copytree(hostile / "text", work, symlinks=True)
        ran = run("clean", work, "--in-place", "--log", tmp_path / f"ip{jobs}.jsonl", "--jobs", jobs, "-q",
                  "--encoding-errors", "surrogateescape", cwd=tmp_path)
        assert ran.returncode == 0, ran.stderr
        trees[jobs] = (tree_bytes(work), (tmp_path / f"ip{jobs}.jsonl").read_bytes().replace(b"/w3", b"/w1"))
    assert trees["1"] == trees["3"]
