"""Hostile and odd input: bad bytes, odd files and names, links and loops, path-like ids, huge documents.

The large cases (``slow``) measure wall time and the peak RSS of the ``cleaner`` process and hold it to
a bound relative to the input. A text file is one document and the engine holds a whole document in
memory, so a single huge document costs a small multiple of its size (see the README's "Guarantees");
a JSONL corpus is read one record at a time, so its cost does not grow with the number of records.
``CLEANER_HUGE=1`` runs the 200 MB single-line file and a million-record JSONL corpus as well.
"""
from __future__ import annotations

import json
import os
import random
import time
from pathlib import Path

import pytest

from cleaner.config import CleanerConfig
from cleaner.engine import Engine

from .hardening import cli, peak_rss_mib, run, tree_bytes

HUGE = os.environ.get("CLEANER_HUGE") == "1"
MOJIBAKE = "caf\u00c3\u00a9"


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# -- bytes ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("data, where", [
    (b"ok line\nbad \xff\xfe bytes\n", ":2: invalid UTF-8 at byte 12"),
    (b"truncated \xe2\x82", ":1: invalid UTF-8 at byte 10"),
    (b"overlong \xc0\xaf slash\n", ":1: invalid UTF-8 at byte 9"),
    (b"surrogate \xed\xa0\x80 half\n", ":1: invalid UTF-8 at byte 10"),
])
def test_invalid_utf8_stops_with_file_line_and_byte_and_writes_nothing(tmp_path, data, where):
    """Strict mode (``--on-error stop``); by default the run reports the file and goes on (test_hardening_run)."""
    write(tmp_path / "in" / "a.txt", ("fine " + MOJIBAKE + "\n").encode())
    write(tmp_path / "in" / "b.txt", data)
    ran = cli("clean", tmp_path / "in", "-o", tmp_path / "out", "--log", tmp_path / "log.jsonl", "--on-error", "stop")
    assert ran.exit_code == 2 and f"b.txt{where}" in ran.stderr and "Traceback" not in ran.stderr
    assert not (tmp_path / "log.jsonl").exists() and not list((tmp_path / "out").rglob("*.txt"))
    # replace: decoded with U+FFFD, which MOJ008 only suggests deleting; surrogateescape: bytes kept
    ran = cli("clean", tmp_path / "in", "-o", tmp_path / "se", "--log", tmp_path / "se.jsonl",
              "--encoding-errors", "surrogateescape", "-q")
    assert ran.exit_code == 0
    assert (tmp_path / "se" / "b.txt").read_bytes() == data
    ran = cli("clean", tmp_path / "in", "-o", tmp_path / "rp", "--encoding-errors", "replace", "-q")
    assert ran.exit_code == 0 and "\ufffd" in (tmp_path / "rp" / "b.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",  # an image
    bytes(range(256)) * 4,  # every byte value
    b"\x7fELF\x02\x01\x01" + b"\x00" * 64,  # an executable
    b"PK\x03\x04\x14\x00\x00\x00",  # a zip under a .txt name
])
def test_binary_files_are_skipped_never_mangled(tmp_path, data):
    write(tmp_path / "in" / "blob.txt", data)
    write(tmp_path / "in" / "doc.txt", f"A {MOJIBAKE}.\n".encode())
    ran = cli("clean", tmp_path / "in", "--in-place", "--log", tmp_path / "log.jsonl")
    assert ran.exit_code == 0 and "blob.txt: binary file skipped" in ran.stderr
    assert (tmp_path / "in" / "blob.txt").read_bytes() == data
    assert (tmp_path / "in" / "doc.txt").read_bytes() == "A café.\n".encode()
    ran = cli("clean", tmp_path / "in" / "blob.txt", "--format", "jsonl", "-o", tmp_path / "x.jsonl")
    assert ran.exit_code == 0 and "binary file skipped" in ran.stderr


def test_empty_documents_everywhere(tmp_path):
    write(tmp_path / "in" / "empty.txt", b"")
    write(tmp_path / "in" / "blank.jsonl", b"")
    write(tmp_path / "in" / "records.jsonl", b'{"text": ""}\n\n{"text": "", "id": 1}\r\n{"text": ""}')
    ran = cli("clean", tmp_path / "in", "-o", tmp_path / "out", "--log", tmp_path / "log.jsonl", "-q")
    assert ran.exit_code == 2 and "mix formats" in ran.stderr  # text and JSONL: which is meant must be said
    ran = cli("clean", tmp_path / "in", "-o", tmp_path / "out", "--log", tmp_path / "log.jsonl", "-q", "--format", "text")
    assert ran.exit_code == 0, ran.stderr
    assert tree_bytes(tmp_path / "out") == tree_bytes(tmp_path / "in")
    ran = cli("clean", tmp_path / "in", "-o", tmp_path / "outj", "--format", "jsonl", "-q")
    assert ran.exit_code == 0, ran.stderr
    assert (tmp_path / "outj" / "records.jsonl").read_bytes() == (tmp_path / "in" / "records.jsonl").read_bytes()
    assert (tmp_path / "outj" / "blank.jsonl").read_bytes() == b""
    assert cli("clean", "-", input=b"").stdout_bytes == b""


@pytest.mark.parametrize("depth", [50, 5_000, 200_000])
def test_deeply_nested_json_is_a_clear_error_or_kept(tmp_path, depth):
    """Nesting Python's parser refuses is a malformed line (file:line), or copied through with --on-error skip;
    nesting it accepts is kept byte for byte in the other fields."""
    nested = "[" * depth + "]" * depth
    line = f'{{"text": "x {MOJIBAKE}", "meta": {nested}}}\n'.encode()
    corpus = write(tmp_path / "c.jsonl", line + b'{"text": "ok &amp; fine"}\n')
    ran = cli("clean", corpus, "-o", tmp_path / "o.jsonl", "--format", "jsonl", "--on-error", "skip",
              "--log", tmp_path / "log.jsonl")
    assert "Traceback" not in ran.stderr
    out = (tmp_path / "o.jsonl").read_bytes().splitlines(keepends=True)
    assert out[1] == b'{"text": "ok & fine"}\n'
    if ran.exit_code == 2:
        assert "c.jsonl:1: malformed JSON" in ran.stderr and out[0] == line
    else:
        assert json.loads(out[0])["text"] == "x café" and nested.encode() in out[0]


def test_file_names_with_spaces_newlines_and_undecodable_bytes(tmp_path):
    root = tmp_path / "in"
    names = ["with space.txt", "new\nline.txt", "tab\tname.txt", "quote\"'.txt", "ünï côdé.txt", "-dash.txt"]
    for name in names:
        write(root / name, f"A {MOJIBAKE} &amp; co\n".encode())
    raw = os.fsencode(root) + b"/raw\xff\xfe name.txt"  # not UTF-8: a surrogate-escaped str in Python
    with open(raw, "wb") as fh:
        fh.write(f"B {MOJIBAKE}\n".encode())
    for jobs in ("1", "2"):
        ran = cli("clean", root, "-o", tmp_path / f"out{jobs}", "--log", tmp_path / f"log{jobs}.jsonl", "--jobs", jobs, "-q")
        assert ran.exit_code == 0, ran.stderr
    assert tree_bytes(tmp_path / "out1") == tree_bytes(tmp_path / "out2")
    assert (tmp_path / "log1.jsonl").read_bytes() == (tmp_path / "log2.jsonl").read_bytes()
    assert len(tree_bytes(tmp_path / "out1")) == len(names) + 1
    assert os.path.exists(os.fsencode(tmp_path / "out1") + b"/raw\xff\xfe name.txt")
    ran = cli("revert", tmp_path / "out1", "--log", tmp_path / "log1.jsonl", "-o", tmp_path / "rev")
    assert ran.exit_code == 0, ran.stderr
    assert tree_bytes(tmp_path / "rev") == tree_bytes(root)
    ran = cli("check", root)  # one line per edit, names printed without crashing
    assert ran.exit_code == 1 and "new\nline.txt" in ran.stdout


def test_symlinks_loops_and_special_files_in_folders(tmp_path):
    root = tmp_path / "in"
    write(root / "a.txt", f"A {MOJIBAKE}\n".encode())
    write(tmp_path / "outside" / "o.txt", f"O {MOJIBAKE}\n".encode())
    (root / "sub").mkdir()
    os.symlink("..", root / "sub" / "loop")  # a loop back to the top
    os.symlink(root / "sub", root / "sub" / "self")  # a loop to itself
    os.symlink("../a.txt", root / "sub" / "link.txt")  # a link to a file inside
    os.symlink(tmp_path / "outside", root / "ext")  # a link to a folder outside
    os.symlink(tmp_path / "missing.txt", root / "dangling.txt")
    os.symlink("/dev/zero", root / "zero.txt")  # reading it would never end
    os.mkfifo(root / "fifo.txt")  # reading it would block for ever
    started = time.perf_counter()
    ran = run("clean", root, "-o", tmp_path / "out", "--log", tmp_path / "log.jsonl", "-q", cwd=tmp_path, timeout=120)
    assert ran.returncode == 0, ran.stderr
    assert time.perf_counter() - started < 60
    out = tree_bytes(tmp_path / "out")
    assert sorted(out) == ["a.txt", "ext/o.txt", "sub/link.txt"]
    assert out["sub/link.txt"] == "A café\n".encode()
    # in place, links are written through: the target changes, the link stays a link
    ran = run("clean", root, "--in-place", "--log", tmp_path / "ip.jsonl", "-q", cwd=tmp_path, timeout=120)
    assert ran.returncode == 0, ran.stderr
    assert (root / "sub" / "link.txt").is_symlink() and (root / "a.txt").read_bytes() == "A café\n".encode()
    assert (tmp_path / "outside" / "o.txt").read_bytes() == "O café\n".encode()
    assert ran.stderr.count(b"Traceback") == 0


def test_path_like_record_ids_never_escape_the_output(tmp_path):
    """Record ids are log keys, never paths: clean writes one output per input file, and revert, apply and
    report refuse (or ignore) ids that would reach outside the folder they are given."""
    victim = write(tmp_path / "etc" / "x", b"precious\n")
    ids = ["../../etc/x", "../etc/x", str(victim), "/etc/passwd", "a/../../x", "..", "."]
    lines = b"".join(json.dumps({"id": i, "text": f"{MOJIBAKE} {n}"}, ensure_ascii=n % 2 == 0).encode() + b"\n"
                     for n, i in enumerate(ids))
    corpus = write(tmp_path / "work" / "in" / "c.jsonl", lines)
    out = tmp_path / "work" / "out"
    ran = cli("clean", corpus.parent, "-o", out, "--format", "jsonl", "--id-field", "id",
              "--log", tmp_path / "work" / "log.jsonl", "-q")
    assert ran.exit_code == 0, ran.stderr
    assert sorted(p.name for p in out.rglob("*")) == ["c.jsonl"]
    assert victim.read_bytes() == b"precious\n"
    docs = [json.loads(line)["doc"] for line in (tmp_path / "work" / "log.jsonl").read_text().splitlines()
            if json.loads(line)["type"] == "document"]
    assert docs == ids
    # revert/apply of a folder take the ids as relative paths: refused before anything is written
    for cmd in ("revert", "apply"):
        ran = cli(cmd, out, "--log", tmp_path / "work" / "log.jsonl", "-o", tmp_path / "work" / cmd)
        assert ran.exit_code == 2 and "not a relative path inside the folder" in ran.stderr
        assert not (tmp_path / "work" / cmd).exists() and victim.read_bytes() == b"precious\n"
    # the JSONL way works, inside the file given
    ran = cli("revert", out / "c.jsonl", "--format", "jsonl", "--id-field", "id", "--log", tmp_path / "work" / "log.jsonl",
              "-o", tmp_path / "work" / "rev.jsonl")
    assert ran.exit_code == 0 and (tmp_path / "work" / "rev.jsonl").read_bytes() == lines
    # a hand-made text log whose ids point outside --source: the report does not read those files
    log = tmp_path / "work" / "evil.jsonl"
    recs = [{"type": "document", "schema": 1, "doc": d} for d in ("../../etc/x", str(victim))]
    recs += [{"type": "edit", "schema": 1, "doc": d, "id": "e1", "rule": "MOJ001", "status": "applied", "start": 0,
              "end": 8, "out_start": 0, "out_end": 1, "before": "precious", "after": "x"} for d in ("../../etc/x", str(victim))]
    log.write_text("".join(json.dumps(r) + "\n" for r in recs))
    (tmp_path / "work" / "src").mkdir()
    ran = cli("report", log, "--source", tmp_path / "work" / "src", "-o", tmp_path / "work" / "r.html")
    assert ran.exit_code == 2 and "none of the 2 documents" in ran.stderr, ran.stderr  # found none of them there
    assert not (tmp_path / "work" / "r.html").exists()
    ran = cli("report", log, "-o", tmp_path / "work" / "r.html")  # from the log alone
    assert ran.exit_code == 0, ran.stderr
    assert "precious\\n" not in (tmp_path / "work" / "r.html").read_text(encoding="utf-8")


# -- the engine stays linear in the number of edits ----------------------------------------------------------

def test_engine_time_is_linear_in_the_number_of_edits():
    """Overlap resolution, suggestion mapping and the protected-term check were quadratic: 4x the edits
    took 23x the time (8,000 lines: 277 s). Now 4x the text must take well under 8x the time."""
    engine = Engine(CleanerConfig(corpus_knowledge=False, select=("MOJ",)))
    unit = "Tom &amp; Jerry\ufffd at the Red Cross  and the Kre\u200bmlin. "
    engine.clean_one(unit)
    times = []
    for n in (1500, 6000):
        start = time.perf_counter()
        result = engine.clean_one(unit * n)
        times.append(time.perf_counter() - start)
        assert len(result.applied) == 2 * n and len(result.suggested) == 2 * n  # MOJ008 and MOJ009
    assert times[1] < 8 * times[0] + 0.5, times


def test_a_long_line_of_mojibake_is_repaired_in_linear_time():
    """ftfy's output was aligned to the line with difflib, quadratic in the line: 100 KB took 300 s."""
    engine = Engine(CleanerConfig(corpus_knowledge=False, select=("MOJ001",)))
    rng = random.Random(3)
    words = ["the", "of", "news", MOJIBAKE, "report", "\u00e2\u20ac\u2122s", "market", "Kremlin"]
    line = " ".join(rng.choice(words) for _ in range(40_000))  # ~200 KB, no newline
    engine.clean_one(line[:1000])
    start = time.perf_counter()
    result = engine.clean_one(line)
    assert time.perf_counter() - start < 30
    assert "café" in result.text and MOJIBAKE not in result.text


# -- size --------------------------------------------------------------------------------------------------------

def words_file(path: Path, size: int, damage_every: int = 200) -> None:
    """``size`` bytes of words on ONE line, with mojibake and an entity now and then."""
    rng = random.Random(size)
    vocab = ("the of and a to in is was said news report market year people government minister city "
             "council police court school water energy price").split()
    with open(path, "w", encoding="utf-8", newline="") as fh:
        written = 0
        while written < size:
            chunk = " ".join(rng.choice(vocab) if k % damage_every else rng.choice([MOJIBAKE, "&amp;"])
                             for k in range(1, 20_000))
            chunk = chunk[: size - written - 1] + " "
            fh.write(chunk)
            written += len(chunk.encode())


@pytest.mark.slow
@pytest.mark.parametrize("mb", [20] + ([200] if HUGE else []))
def test_one_huge_line_memory_and_time(tmp_path, mb):
    """A single document with no newline: time and peak RSS of the whole command, bounded by its size."""
    src = tmp_path / "big.txt"
    words_file(src, mb * 1_000_000)
    try:
        rc, rss, seconds, err = peak_rss_mib(["cleaner", "clean", str(src), "-o", str(tmp_path / "out.txt"),
                                             "--log", str(tmp_path / "log.jsonl"), "-q", "--no-corpus"],
                                            cwd=tmp_path, timeout=3600)
        assert rc == 0, err
        print(f"\n{mb} MB, one line: {seconds:.1f} s, peak RSS {rss:.0f} MiB ({rss / mb:.1f} x size)")
        # the engine holds the document, each pass's copy, the edits and the log in memory: bound 40x + 400 MiB
        assert rss < 400 + 40 * mb, rss
        out = (tmp_path / "out.txt").read_bytes()
        assert MOJIBAKE.encode() not in out and b"&amp;" not in out and b"\n" not in out
        back = run("revert", tmp_path / "out.txt", "--log", tmp_path / "log.jsonl", "-o", tmp_path / "rev.txt",
                   cwd=tmp_path, timeout=1800)
        assert back.returncode == 0 and (tmp_path / "rev.txt").read_bytes() == src.read_bytes()
    finally:
        for p in tmp_path.glob("*"):
            if p.is_file():
                p.unlink()


@pytest.mark.slow
def test_a_50_mb_jsonl_line(tmp_path):
    """One JSONL record of 50 MB (a huge text field) among small ones."""
    text = (f"A line of text with {MOJIBAKE} in it. " * 1_300_000)[:50_000_000]
    corpus = tmp_path / "c.jsonl"
    with open(corpus, "wb") as fh:
        fh.write(b'{"id": "small", "text": "x &amp; y"}\n')
        fh.write(json.dumps({"id": "big", "text": text, "n": 1}).encode() + b"\n")
        fh.write(b'{"id": "last", "text": "fine"}\n')
    try:
        rc, rss, seconds, err = peak_rss_mib(["cleaner", "clean", str(corpus), "-o", str(tmp_path / "o.jsonl"),
                                             "--format", "jsonl", "--id-field", "id", "--no-corpus", "-q",
                                             "--select", "MOJ", "--log", str(tmp_path / "log.jsonl")],
                                            cwd=tmp_path, timeout=1800)
        assert rc == 0, err
        print(f"\n50 MB JSONL line: {seconds:.1f} s, peak RSS {rss:.0f} MiB")
        assert rss < 400 + 40 * 50, rss
        lines = (tmp_path / "o.jsonl").read_bytes().splitlines()
        assert len(lines) == 3 and json.loads(lines[0])["text"] == "x & y" and lines[2] == b'{"id": "last", "text": "fine"}'
        big = json.loads(lines[1])
        assert big["n"] == 1 and "café" in big["text"] and MOJIBAKE not in big["text"]
    finally:
        for p in tmp_path.glob("*"):
            p.unlink()


@pytest.mark.slow
@pytest.mark.parametrize("records", [200_000] + ([1_000_000] if HUGE else []))
def test_many_tiny_documents(tmp_path, records):
    """Many tiny records in one JSONL shard: memory stays flat (streamed), the log has one header each."""
    corpus = tmp_path / "tiny.jsonl"
    with open(corpus, "wb") as fh:
        for n in range(records):
            fh.write(b'{"text": "x &amp; y"}\n' if n % 50 == 0 else b'{"text": "ok"}\n')
    try:
        rc, rss, seconds, err = peak_rss_mib(["cleaner", "clean", str(corpus), "-o", str(tmp_path / "o.jsonl"),
                                             "--format", "jsonl", "-q", "--log", str(tmp_path / "log.jsonl")],
                                            cwd=tmp_path, timeout=3600)
        assert rc == 0, err
        print(f"\n{records:,} tiny records: {seconds:.1f} s ({records / seconds:,.0f}/s), peak RSS {rss:.0f} MiB")
        assert rss < 600, rss  # not proportional to the number of records
        with open(tmp_path / "log.jsonl", "rb") as fh:
            headers = sum(1 for line in fh if line.startswith(b'{"type": "document"'))
        assert headers == records
        with open(tmp_path / "o.jsonl", "rb") as fh:
            assert sum(1 for line in fh if line == b'{"text": "x & y"}\n') == len(range(0, records, 50))
    finally:
        for p in tmp_path.glob("*"):
            p.unlink()
