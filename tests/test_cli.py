"""The command line: every command, every exit code, bad input, atomic outputs.

Most tests call the click command in-process (CliRunner); a few run the real console
script in a subprocess, since that is how pre-commit, CI and the acceptance check call it.
Texts are constructed here with damage the unicode pack (MOJ) repairs: mojibake, HTML
entities, zero-width characters.
"""
from __future__ import annotations

import errno
import inspect
import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.fileio import atomic_write
from cleaner.registry import load_registry

from .conftest import ROOT, SAMPLES

# Three kinds of damage, one per line: mojibake (MOJ001), an HTML entity (MOJ002), a zero-width space (MOJ004).
DAMAGED = "The caf\u00c3\u00a9 opened on Monday.\nJohnson &amp; Johnson shares fell.\nVladimir Put\u200bin arrived.\n"
FIXED = "The café opened on Monday.\nJohnson & Johnson shares fell.\nVladimir Putin arrived.\n"
CLEAN = "Nothing is wrong with this sentence.\nNor with this one, which says café and wasn’t.\n"
# (rule, line, col) of the three edits of DAMAGED, and their spans in the original
DAMAGED_EDITS = [("MOJ001", 1, 5, "cafÃ©", "café"), ("MOJ002", 2, 9, "&amp;", "&"), ("MOJ004", 3, 13, "\u200b", "")]
CHECK_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+) (?P<code>[A-Z]{3}\d{3}) (?P<message>.+)$")

# Constructed documents for byte-exact round trips: line endings, BOM, no final newline, mixed damage.
ROUND_TRIP = {
    "lf.txt": DAMAGED.encode(),
    "crlf.txt": DAMAGED.replace("\n", "\r\n").encode(),
    "no_final_newline.txt": DAMAGED.rstrip("\n").encode(),
    "bom.txt": "\ufeff".encode() + DAMAGED.encode(),
    "bom_crlf_no_newline.txt": ("\ufeffLe caf\u00c3\u00a9 said &amp; the Krem\u200blin\r\nsecond line\r\nno newline"
                                ).encode(),
    "cr_only.txt": b"old mac\rline caf\xc3\x83\xc2\xa9\r",
    "soft_hyphen_nul_ws.txt": "Soft\u00adware x\x07y  two  spaces\u2028sep\n\n\n".encode(),
    "clean.txt": CLEAN.encode(),
    "empty.txt": b"",
}


def make_runner() -> CliRunner:
    # click < 8.2 mixes stderr into stdout unless asked not to; 8.2+ always keeps both
    if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters:
        return CliRunner(mix_stderr=False)
    return CliRunner()


def cli(*args, input: bytes | str | None = None, env: dict | None = None):
    """Run ``cleaner ARGS`` in-process; returns click's Result (exit_code, stdout, stderr, stdout_bytes)."""
    return make_runner().invoke(main, [str(a) for a in args], input=input, env=env, catch_exceptions=False)


def cleaner_subprocess(*args, input: bytes | None = None, env: dict | None = None, cwd=None):
    """Run the real installed command (console script if on PATH, else ``python -m cleaner``)."""
    exe = shutil.which("cleaner")
    cmd = [exe] if exe else [sys.executable, "-m", "cleaner"]
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([*cmd, *map(str, args)], input=input, capture_output=True, env=full_env, cwd=cwd,
                          timeout=120)


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def read_log(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def headers(log: list[dict]) -> dict[str, dict]:
    return {r["doc"]: r for r in log if r["type"] == "document"}


def edits(log: list[dict], doc: str | None = None) -> list[dict]:
    return [r for r in log if r["type"] == "edit" and (doc is None or r["doc"] == doc)]


def tmp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


def no_traceback(result) -> None:
    text = (result.stderr if hasattr(result, "exit_code") else result.stderr.decode())
    assert "Traceback" not in text, text


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    """Every test runs in its own folder (relative paths, no config discovered from the project)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CLEANER_RULES_DIR", raising=False)
    return tmp_path


@pytest.fixture
def tree(tmp_path) -> Path:
    """A small corpus: damaged and clean files, nested folders, CRLF, no final newline."""
    root = tmp_path / "in"
    write(root / "a.txt", DAMAGED)
    write(root / "c.txt", CLEAN)
    write(root / "sub" / "deeper" / "b.txt", DAMAGED.replace("\n", "\r\n"))
    write(root / "sub" / "n.md", DAMAGED.rstrip("\n"))
    return root


# -- clean --------------------------------------------------------------------------------------

def test_clean_folder_writes_same_relative_paths_and_a_log(tree, tmp_path):
    result = cli("clean", "in", "-o", "out", "--log", "log.jsonl")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""  # the summary goes to stderr
    assert "4 documents" in result.stderr and "3 changed" in result.stderr
    out = tmp_path / "out"
    rels = sorted(p.relative_to(tree).as_posix() for p in tree.rglob("*") if p.is_file())
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == rels
    assert (out / "a.txt").read_text(encoding="utf-8") == FIXED
    assert (out / "c.txt").read_bytes() == CLEAN.encode()
    assert (out / "sub/deeper/b.txt").read_bytes() == FIXED.replace("\n", "\r\n").encode()
    # in Markdown an entity is how "&" is written: everything else is repaired
    assert (out / "sub/n.md").read_bytes() == FIXED.rstrip("\n").replace(" & ", " &amp; ").encode()

    log = read_log(tmp_path / "log.jsonl")
    assert sorted(headers(log)) == rels  # one document header per file, keyed by its relative path
    assert headers(log)["c.txt"]["applied"] == 0 and not edits(log, "c.txt")
    assert [(e["rule"], e["line"], e["col"], e["before"], e["after"]) for e in edits(log, "a.txt")] == DAMAGED_EDITS
    required = {"schema", "doc", "id", "rule", "name", "category", "status", "safety", "start", "end", "out_start",
                "out_end", "before", "after", "line", "col", "confidence", "message", "reason"}
    for e in edits(log):
        assert required <= e.keys()
        assert e["status"] == "applied"
    # the log's spans are right: original offsets into the input, output offsets into the output
    for e in edits(log, "a.txt"):
        assert DAMAGED[e["start"]:e["end"]] == e["before"]
        assert FIXED[e["out_start"]:e["out_end"]] == e["after"]
    assert not tmp_files(tmp_path)


def test_clean_file_to_file(tmp_path):
    write(tmp_path / "doc.txt", DAMAGED)
    result = cli("clean", "doc.txt", "-o", "clean/doc.clean.txt", "--log", "logs/log.jsonl")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "clean/doc.clean.txt").read_text(encoding="utf-8") == FIXED
    assert list(headers(read_log(tmp_path / "logs/log.jsonl"))) == ["doc.txt"]


@pytest.mark.parametrize("target", ["existing", "slash/"])
def test_clean_file_into_a_folder(tmp_path, target):
    """-o naming an existing folder, or ending with '/', puts the file inside it (was a traceback / a file)."""
    write(tmp_path / "doc.txt", DAMAGED)
    (tmp_path / "existing").mkdir()
    result = cli("clean", "doc.txt", "-o", target)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / target / "doc.txt").read_text(encoding="utf-8") == FIXED


def test_clean_several_files_into_a_folder(tmp_path):
    write(tmp_path / "x/one.txt", DAMAGED)
    write(tmp_path / "y/two.txt", CLEAN)
    result = cli("clean", "x/one.txt", "y/two.txt", "-o", "out")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out/one.txt").read_text(encoding="utf-8") == FIXED
    assert (tmp_path / "out/two.txt").read_text(encoding="utf-8") == CLEAN


def test_clean_two_inputs_with_one_output_name_is_an_error(tmp_path):
    write(tmp_path / "x/same.txt", DAMAGED)
    write(tmp_path / "y/same.txt", CLEAN)
    result = cli("clean", "x/same.txt", "y/same.txt", "-o", "out")
    assert result.exit_code == 2
    assert "would both be written to" in result.stderr
    assert not (tmp_path / "out/same.txt").exists()


def test_clean_stdin_to_stdout(tmp_path):
    result = cli("clean", "-", "--log", "log.jsonl", input=DAMAGED.encode())
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == FIXED.encode()
    log = read_log(tmp_path / "log.jsonl")
    assert list(headers(log)) == ["-"] and len(edits(log)) == 3


def test_clean_stdin_to_a_file(tmp_path):
    result = cli("clean", "-", "-o", "clean.txt", input=DAMAGED.encode())
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == b""
    assert (tmp_path / "clean.txt").read_text(encoding="utf-8") == FIXED


def test_clean_stdin_subprocess_keeps_bytes_exactly():
    """The real command in a pipe: CRLF, BOM and no final newline survive stdin -> stdout."""
    data = ROUND_TRIP["bom_crlf_no_newline.txt"]
    proc = cleaner_subprocess("clean", "-", "--quiet", input=data)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "\ufeffLe café said & the Kremlin\r\nsecond line\r\nno newline".encode()
    assert proc.stderr == b""


def test_clean_jsonl_stdin_to_stdout():
    data = b'{"id": 1, "text": "caf\xc3\x83\xc2\xa9", "lang": "fr"}\n{"id": 2, "text": "fine"}\n'
    result = cli("clean", "-", "--format", "jsonl", "-q", input=data)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout_bytes.splitlines(keepends=True)
    assert json.loads(lines[0]) == {"id": 1, "text": "café", "lang": "fr"}
    assert lines[1] == b'{"id": 2, "text": "fine"}\n'


def test_in_place_rewrites_changed_files_atomically_and_leaves_others_untouched(tree, tmp_path):
    damaged, clean = tree / "a.txt", tree / "c.txt"
    os.chmod(damaged, 0o640)
    old = {p: os.stat(p) for p in (damaged, clean)}
    os.utime(clean, ns=(old[clean].st_atime_ns, old[clean].st_mtime_ns - 10**9))  # make an mtime change visible
    old[clean] = os.stat(clean)
    result = cli("clean", "in", "--in-place", "--log", "log.jsonl")
    assert result.exit_code == 0, result.stderr
    assert damaged.read_text(encoding="utf-8") == FIXED
    new = {p: os.stat(p) for p in (damaged, clean)}
    assert new[damaged].st_ino != old[damaged].st_ino  # replaced by rename, not rewritten in place
    assert stat.S_IMODE(new[damaged].st_mode) == 0o640  # mode kept
    assert (new[clean].st_ino, new[clean].st_mtime_ns) == (old[clean].st_ino, old[clean].st_mtime_ns)
    assert clean.read_bytes() == CLEAN.encode()
    assert (tree / "sub/deeper/b.txt").read_bytes() == FIXED.replace("\n", "\r\n").encode()
    assert len(headers(read_log(tmp_path / "log.jsonl"))) == 4
    assert not tmp_files(tmp_path)
    # a second run has nothing to do: no file is touched
    before = {p: os.stat(p).st_mtime_ns for p in tree.rglob("*") if p.is_file()}
    assert cli("clean", "in", "--in-place", "--quiet").exit_code == 0
    assert {p: os.stat(p).st_mtime_ns for p in tree.rglob("*") if p.is_file()} == before


def test_in_place_writes_through_symlinks(tmp_path):
    target = write(tmp_path / "real/doc.txt", DAMAGED)
    (tmp_path / "in").mkdir()
    (tmp_path / "in/link.txt").symlink_to(target)
    assert cli("clean", "in/link.txt", "--in-place", "-q").exit_code == 0
    assert (tmp_path / "in/link.txt").is_symlink()
    assert target.read_text(encoding="utf-8") == FIXED


def test_in_place_jsonl_leaves_unchanged_corpus_untouched(tmp_path):
    corpus = write(tmp_path / "c.jsonl", '{"text": "fine"}\n{"text":"also fine"}\n')
    mtime = os.stat(corpus).st_mtime_ns
    result = cli("clean", "c.jsonl", "--format", "jsonl", "--in-place")
    assert result.exit_code == 0, result.stderr
    assert os.stat(corpus).st_mtime_ns == mtime
    assert corpus.read_bytes() == b'{"text": "fine"}\n{"text":"also fine"}\n'


@pytest.mark.parametrize("args", [
    ["clean", "in"],  # neither -o nor --in-place
    ["clean", "in", "-o", "out", "--in-place"],  # both
    ["clean", "-", "--in-place"],
    ["clean", "-", "in"],
    ["clean", "in", "-o", "-"],  # a folder to stdout
    ["clean", "--format", "xml", "in", "-o", "out"],
    ["clean"],
    ["check"],
    ["nosuchcommand"],
])
def test_usage_errors_exit_2(tree, args):
    result = cli(*args)
    assert result.exit_code == 2, (args, result.stdout, result.stderr)


def test_jsonl_keeps_every_other_field(tmp_path):
    records = [
        {"id": "r1", "text": "The caf\u00c3\u00a9 opened.", "meta": {"url": "https://x.org/a?b=1&amp;c", "n": [1, 2.5]},
         "score": 0.25, "flag": True, "none": None},
        {"text": "Johnson &amp; Johnson", "id": "r2", "title": "caf\u00c3\u00a9 in the title is not the text field"},
        {"id": "r3", "text": "already clean", "ünïcode": "ключ"},
    ]
    lines = [json.dumps(records[0]), json.dumps(records[1], ensure_ascii=False),
             '{"id":"r3","text":"already clean","ünïcode":"ключ"}']  # compact, non-ASCII: kept byte for byte
    write(tmp_path / "corpus.jsonl", "\n".join(lines) + "\n")
    result = cli("clean", "corpus.jsonl", "--format", "jsonl", "--text-field", "text", "--id-field", "id",
                 "-o", "out.jsonl", "--log", "log.jsonl")
    assert result.exit_code == 0, result.stderr
    out_lines = (tmp_path / "out.jsonl").read_bytes().splitlines(keepends=True)
    assert len(out_lines) == 3
    got = [json.loads(line) for line in out_lines]
    assert got[0] == {**records[0], "text": "The café opened."}
    assert list(got[0]) == list(records[0])  # field order kept
    assert got[1] == {**records[1], "text": "Johnson & Johnson"}  # other fields never cleaned
    assert out_lines[2] == lines[2].encode() + b"\n"  # an unchanged record keeps its exact bytes
    assert sorted(headers(read_log(tmp_path / "log.jsonl"))) == ["r1", "r2", "r3"]  # --id-field names the docs


def test_jsonl_custom_text_field_and_default_ids(tmp_path):
    write(tmp_path / "c.jsonl", '{"body": "Put\u200bin"}\n\n{"body": "ok", "text": "caf\u00c3\u00a9"}\n')
    result = cli("clean", "c.jsonl", "--format", "jsonl", "--text-field", "body", "-o", "o.jsonl", "--log", "l.jsonl")
    assert result.exit_code == 0, result.stderr
    out = (tmp_path / "o.jsonl").read_bytes().split(b"\n")
    assert json.loads(out[0]) == {"body": "Putin"}
    assert out[1] == b""  # the blank line is kept
    assert json.loads(out[2]) == {"body": "ok", "text": "caf\u00c3\u00a9"}
    assert sorted(headers(read_log(tmp_path / "l.jsonl"))) == ["c.jsonl#1", "c.jsonl#3"]  # file#line


def test_jsonl_folder_keeps_relative_paths(tmp_path):
    write(tmp_path / "corp/a.jsonl", '{"text": "caf\u00c3\u00a9"}\n')
    write(tmp_path / "corp/part/b.jsonl", '{"text": "fine"}\n')
    result = cli("clean", "corp", "--format", "jsonl", "-o", "out", "--log", "log.jsonl")
    assert result.exit_code == 0, result.stderr
    assert json.loads((tmp_path / "out/a.jsonl").read_text(encoding="utf-8")) == {"text": "café"}
    assert (tmp_path / "out/part/b.jsonl").read_bytes() == b'{"text": "fine"}\n'
    assert sorted(headers(read_log(tmp_path / "log.jsonl"))) == ["a.jsonl#1", "part/b.jsonl#1"]


@pytest.mark.parametrize("selector, expected_rules", [
    (["--select", "MOJ004"], {"MOJ004"}),
    (["--select", "MOJ001,MOJ002"], {"MOJ001", "MOJ002"}),
    (["--select", "MOJ001", "--select", "MOJ004"], {"MOJ001", "MOJ004"}),
    (["--select", "MOJ"], {"MOJ001", "MOJ002", "MOJ004"}),  # a prefix
    (["--select", "MOJ00"], {"MOJ001", "MOJ002", "MOJ004"}),
    (["--select", "zero-width-in-word"], {"MOJ004"}),  # a rule name
    (["--ignore", "MOJ001"], {"MOJ002", "MOJ004"}),
    (["--ignore", "MOJ"], set()),
    (["--select", "MOJ", "--ignore", "MOJ002"], {"MOJ001", "MOJ004"}),
])
def test_select_and_ignore(tmp_path, selector, expected_rules):
    write(tmp_path / "doc.txt", DAMAGED)
    result = cli("clean", "doc.txt", "-o", "out.txt", "--log", "log.jsonl", *selector)
    assert result.exit_code == 0, result.stderr
    assert {e["rule"] for e in edits(read_log(tmp_path / "log.jsonl"))} == expected_rules
    check = cli("check", "doc.txt", *selector)
    assert check.exit_code == (1 if expected_rules else 0)
    assert {m["code"] for m in map(CHECK_LINE.match, check.stdout.splitlines())} == expected_rules


@pytest.mark.parametrize("command", ["clean", "check"])
@pytest.mark.parametrize("selector", [["--select", "NOPE"], ["--ignore", "XYZ9"], ["--select", "MOJ001,MOJ999"]])
def test_unknown_selector_exits_2(tmp_path, command, selector):
    write(tmp_path / "doc.txt", DAMAGED)
    args = ["clean", "doc.txt", "-o", "out.txt"] if command == "clean" else ["check", "doc.txt"]
    result = cli(*args, *selector)
    assert result.exit_code == 2
    assert "unknown rule selector" in result.stderr
    assert selector[1].split(",")[-1] in result.stderr
    assert not (tmp_path / "out.txt").exists()


# -- check --------------------------------------------------------------------------------------

def test_check_exit_1_and_one_line_per_edit(tmp_path):
    doc = write(tmp_path / "doc.txt", DAMAGED)
    mtime = os.stat(doc).st_mtime_ns
    result = cli("check", "doc.txt")
    assert result.exit_code == 1
    found = [CHECK_LINE.match(line) for line in result.stdout.splitlines()]
    assert all(found), result.stdout
    assert [(m["path"], m["code"], int(m["line"]), int(m["col"])) for m in found] == [
        ("doc.txt", code, line, col) for code, line, col, _, _ in DAMAGED_EDITS]
    assert "mojibake" in found[0]["message"]
    # check changes nothing
    assert doc.read_bytes() == DAMAGED.encode() and os.stat(doc).st_mtime_ns == mtime
    assert not any(p for p in tmp_path.iterdir() if p.name != "doc.txt")


def test_check_exit_0_on_clean_text(tmp_path):
    write(tmp_path / "clean.txt", CLEAN)
    write(tmp_path / "empty.txt", "")
    result = cli("check", "clean.txt", "empty.txt")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_check_several_paths_and_folders(tree, tmp_path):
    write(tmp_path / "single.txt", DAMAGED)
    result = cli("check", "in", "single.txt")
    assert result.exit_code == 1
    paths = {CHECK_LINE.match(line)["path"] for line in result.stdout.splitlines()}
    assert paths == {"in/a.txt", "in/sub/deeper/b.txt", "in/sub/n.md", "single.txt"}


def test_check_on_cleaned_output_exits_0(tree, tmp_path):
    assert cli("check", "in").exit_code == 1
    assert cli("clean", "in", "-o", "out", "-q").exit_code == 0
    result = cli("check", "out")
    assert result.exit_code == 0, result.stdout


def test_check_diff_is_a_unified_diff(tree, tmp_path):
    result = cli("check", "--diff", "in/a.txt", "in/sub/n.md")
    assert result.exit_code == 1
    out = result.stdout
    assert "--- a/in/a.txt\n+++ b/in/a.txt\n" in out
    lines = out.splitlines()
    for before, after in zip(DAMAGED.splitlines(), FIXED.splitlines()):
        assert "-" + before in lines and "+" + after in lines
    assert not CHECK_LINE.match(out.splitlines()[0])
    # a file without a final newline is marked as diff(1) does, and the next header starts its own line
    assert "+Vladimir Putin arrived.\n\\ No newline at end of file\n" in out
    assert "--- a/in/sub/n.md\n" in out


def test_check_diff_applies_with_patch(tree, tmp_path):
    """The diff is a real patch: `patch` (if installed) turns the input into the cleaned output."""
    if not shutil.which("patch"):
        pytest.skip("patch(1) not installed")
    result = cli("check", "--diff", "in/a.txt")
    proc = subprocess.run(["patch", "-p1", "--dry-run"], input=result.stdout_bytes, capture_output=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_check_suggestions_do_not_fail(tmp_path):
    write(tmp_path / "lost.txt", "A lost character \ufffd here.\n")
    result = cli("check", "lost.txt")
    assert result.exit_code == 0 and result.stdout == ""
    shown = cli("check", "--show-suggestions", "lost.txt")
    assert shown.exit_code == 0
    assert re.match(r"lost\.txt:1:18 MOJ008 .+ \[suggested\]$", shown.stdout.strip())


def test_check_stdin():
    assert cli("check", "-", input=DAMAGED.encode()).exit_code == 1
    assert cli("check", "-", input=CLEAN.encode()).exit_code == 0


def test_check_jsonl(tmp_path):
    write(tmp_path / "c.jsonl", '{"text": "fine"}\n{"text": "Put\u200bin"}\n')
    result = cli("check", "--format", "jsonl", "c.jsonl")
    assert result.exit_code == 1
    assert result.stdout.startswith("c.jsonl#2:1:4 MOJ004 ")


@pytest.mark.parametrize("name, data", [("bad.txt", b"caf\xe9\n"), ("bad.jsonl", None)])
def test_check_input_errors_exit_2(tmp_path, name, data):
    if data is None:
        write(tmp_path / name, '{"text": "ok"}\n{not json}\n')
        args = ["--format", "jsonl"]
    else:
        write(tmp_path / name, data)
        args = []
    result = cli("check", *args, name)
    assert result.exit_code == 2
    assert name in result.stderr


def test_check_samples_and_their_cleaned_output(tmp_path):
    """Seeds are damaged (exit 1) once the SEO/SPN/ASR packs exist; their cleaned output is clean (exit 0)."""
    shutil.copytree(SAMPLES, tmp_path / "samples")
    prefixes = {r.id[:3] for r in load_registry().rules.values()}
    if prefixes & {"SEO", "SPN", "ASR"}:
        assert cli("check", "samples").exit_code == 1
    assert cli("clean", "samples", "-o", "out", "-q").exit_code == 0
    result = cli("check", "out")
    assert result.exit_code == 0, result.stdout


def test_check_real_subprocess(tmp_path):
    write(tmp_path / "doc.txt", DAMAGED)
    write(tmp_path / "ok.txt", CLEAN)
    proc = cleaner_subprocess("check", "doc.txt", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.decode().splitlines()[0].startswith("doc.txt:1:5 MOJ001 ")
    assert cleaner_subprocess("check", "ok.txt", cwd=tmp_path).returncode == 0
    missing = cleaner_subprocess("check", "missing.txt", cwd=tmp_path)
    assert missing.returncode == 2 and b"missing.txt" in missing.stderr


# -- revert and apply ---------------------------------------------------------------------------

def test_revert_rebuilds_every_sample_byte_for_byte(tmp_path):
    assert cli("clean", SAMPLES, "-o", "out", "--log", "log.jsonl", "-q").exit_code == 0
    for sample in sorted(SAMPLES.glob("*.txt")):
        result = cli("revert", f"out/{sample.name}", "--log", "log.jsonl", "-o", f"rev/{sample.name}")
        assert result.exit_code == 0, result.stderr
        assert (tmp_path / "rev" / sample.name).read_bytes() == sample.read_bytes(), sample.name
    # the folder at once
    assert cli("revert", "out", "--log", "log.jsonl", "-o", "rev_all").exit_code == 0
    for sample in SAMPLES.glob("*.txt"):
        assert (tmp_path / "rev_all" / sample.name).read_bytes() == sample.read_bytes()


def test_clean_is_idempotent_on_samples(tmp_path):
    assert cli("clean", SAMPLES, "-o", "once", "-q").exit_code == 0
    assert cli("clean", "once", "-o", "twice", "--log", "log2.jsonl", "-q").exit_code == 0
    for sample in SAMPLES.glob("*.txt"):
        assert (tmp_path / "twice" / sample.name).read_bytes() == (tmp_path / "once" / sample.name).read_bytes()
    assert not edits(read_log(tmp_path / "log2.jsonl"))


@pytest.mark.parametrize("name", sorted(ROUND_TRIP))
def test_revert_rebuilds_constructed_text_byte_for_byte(tmp_path, name):
    write(tmp_path / "in" / name, ROUND_TRIP[name])
    assert cli("clean", "in", "-o", "out", "--log", "log.jsonl", "-q").exit_code == 0
    result = cli("revert", f"out/{name}", "--log", "log.jsonl", "-o", "rev.txt")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "rev.txt").read_bytes() == ROUND_TRIP[name]
    # and apply re-creates the cleaned output from the original
    result = cli("apply", f"in/{name}", "--log", "log.jsonl", "-o", "again.txt")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "again.txt").read_bytes() == (tmp_path / "out" / name).read_bytes()


def test_revert_and_apply_whole_folders(tree, tmp_path):
    assert cli("clean", "in", "-o", "out", "--log", "log.jsonl", "-q").exit_code == 0
    assert cli("revert", "out", "--log", "log.jsonl", "-o", "rev").exit_code == 0
    assert cli("apply", "in", "--log", "log.jsonl", "-o", "app").exit_code == 0
    for p in tree.rglob("*"):
        if p.is_file():
            rel = p.relative_to(tree)
            assert (tmp_path / "rev" / rel).read_bytes() == p.read_bytes()
            assert (tmp_path / "app" / rel).read_bytes() == (tmp_path / "out" / rel).read_bytes()


def test_revert_finds_the_document_of_a_nested_file(tree, tmp_path):
    """A file below a sub-folder is found in a many-document log by its relative path (was an error)."""
    assert cli("clean", "in", "-o", "out", "--log", "log.jsonl", "-q").exit_code == 0
    result = cli("revert", "out/sub/deeper/b.txt", "--log", "log.jsonl", "-o", "b.txt")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "b.txt").read_bytes() == (tree / "sub/deeper/b.txt").read_bytes()
    # a copy under another name is found by its content hash
    shutil.copy(tmp_path / "out/sub/n.md", tmp_path / "renamed.md")
    assert cli("revert", "renamed.md", "--log", "log.jsonl", "-o", "n.md").exit_code == 0
    assert (tmp_path / "n.md").read_bytes() == (tree / "sub/n.md").read_bytes()
    # --doc says which
    assert cli("revert", "renamed.md", "--log", "log.jsonl", "--doc", "sub/n.md", "-o", "n2.md").exit_code == 0
    assert (tmp_path / "n2.md").read_bytes() == (tree / "sub/n.md").read_bytes()
    unknown = cli("revert", "renamed.md", "--log", "log.jsonl", "--doc", "nope.txt", "-o", "x.md")
    assert unknown.exit_code == 2 and "nope.txt" in unknown.stderr


def test_revert_refuses_a_changed_clean_file(tmp_path):
    write(tmp_path / "doc.txt", DAMAGED)
    assert cli("clean", "doc.txt", "-o", "out.txt", "--log", "log.jsonl", "-q").exit_code == 0
    write(tmp_path / "out.txt", FIXED.replace("Monday", "Tuesday"))
    result = cli("revert", "out.txt", "--log", "log.jsonl", "--doc", "doc.txt", "-o", "rev.txt")
    assert result.exit_code == 2
    assert "does not match" in result.stderr
    assert not (tmp_path / "rev.txt").exists()


def test_apply_refuses_a_changed_original(tmp_path):
    write(tmp_path / "doc.txt", DAMAGED)
    assert cli("clean", "doc.txt", "-o", "out.txt", "--log", "log.jsonl", "-q").exit_code == 0
    write(tmp_path / "doc.txt", "X" + DAMAGED)
    result = cli("apply", "doc.txt", "--log", "log.jsonl", "-o", "again.txt")
    assert result.exit_code == 2
    assert not (tmp_path / "again.txt").exists()


def _undo(text: str, log: list[dict], keep) -> str:
    """The original with only the edits for which keep(edit) is true applied (built here, independently)."""
    out, pos = [], 0
    for e in sorted(log, key=lambda e: e["start"]):
        if keep(e):
            out += [text[pos:e["start"]], e["after"]]
            pos = e["end"]
    return "".join(out) + text[pos:]


@pytest.mark.parametrize("option, value, left_out", [
    ("--exclude-rule", "MOJ002", {"e2"}),
    ("--exclude-rule", "MOJ001,MOJ004", {"e1", "e3"}),
    ("--exclude-rule", "MOJ", {"e1", "e2", "e3"}),
    ("--exclude-edit", "e1", {"e1"}),
    ("--exclude-edit", "e1,e3", {"e1", "e3"}),
])
def test_apply_leaves_out_exactly_the_excluded_edits(tmp_path, option, value, left_out):
    write(tmp_path / "doc.txt", DAMAGED)
    assert cli("clean", "doc.txt", "-o", "out.txt", "--log", "log.jsonl", "-q").exit_code == 0
    log = edits(read_log(tmp_path / "log.jsonl"))
    assert [e["id"] for e in log] == ["e1", "e2", "e3"]
    result = cli("apply", "doc.txt", "--log", "log.jsonl", option, value, "-o", "partial.txt")
    assert result.exit_code == 0, result.stderr
    assert f"applied {3 - len(left_out)} of 3" in result.stderr
    got = (tmp_path / "partial.txt").read_text(encoding="utf-8")
    assert got == _undo(DAMAGED, log, lambda e: e["id"] not in left_out)
    for e in log:  # each excluded edit's span is as in the original, each other one as in the cleaned text
        assert (e["before"] if e["id"] in left_out else e["after"]) in got.splitlines()[e["line"] - 1]


def test_apply_repeated_exclusions_and_unknown_edit_id(tmp_path):
    write(tmp_path / "doc.txt", DAMAGED)
    assert cli("clean", "doc.txt", "-o", "out.txt", "--log", "log.jsonl", "-q").exit_code == 0
    result = cli("apply", "doc.txt", "--log", "log.jsonl", "--exclude-rule", "MOJ001", "--exclude-edit", "e3",
                 "--exclude-edit", "e99", "-o", "p.txt")
    assert result.exit_code == 2 and "e99" in result.stderr  # an error, before anything is written
    assert not (tmp_path / "p.txt").exists()
    result = cli("apply", "doc.txt", "--log", "log.jsonl", "--exclude-rule", "MOJ001", "--exclude-edit", "e3",
                 "--exclude-edit", "e3", "-o", "p.txt")
    assert result.exit_code == 0
    assert (tmp_path / "p.txt").read_text(encoding="utf-8") == DAMAGED.replace("&amp;", "&")


def test_revert_and_apply_jsonl(tmp_path):
    src = write(tmp_path / "c.jsonl", '{"id": "a", "text": "caf\u00c3\u00a9 &amp; co", "k": 1}\n'
                                      '{"id": "b", "text": "fine"}\n')
    assert cli("clean", "c.jsonl", "--format", "jsonl", "-o", "o.jsonl", "--log", "log.jsonl", "-q").exit_code == 0
    assert cli("revert", "o.jsonl", "--format", "jsonl", "--log", "log.jsonl", "-o", "r.jsonl").exit_code == 0
    assert (tmp_path / "r.jsonl").read_bytes() == src.read_bytes()
    result = cli("apply", "c.jsonl", "--format", "jsonl", "--log", "log.jsonl", "--exclude-rule", "MOJ002",
                 "-o", "p.jsonl")
    assert result.exit_code == 0, result.stderr
    recs = [json.loads(line) for line in (tmp_path / "p.jsonl").read_text(encoding="utf-8").splitlines()]
    assert recs == [{"id": "a", "text": "café &amp; co", "k": 1}, {"id": "b", "text": "fine"}]


@pytest.mark.parametrize("args", [
    ["revert", "missing.txt", "--log", "log.jsonl", "-o", "x"],
    ["apply", "missing.txt", "--log", "log.jsonl", "-o", "x"],
    ["revert", "doc.txt", "--log", "missing.jsonl", "-o", "x"],
    ["revert", "doc.txt", "-o", "x"],  # --log is required
    ["apply", "doc.txt", "--log", "log.jsonl"],  # -o is required
])
def test_revert_apply_usage_and_input_errors(tmp_path, args):
    write(tmp_path / "doc.txt", DAMAGED)
    write(tmp_path / "log.jsonl", "")
    result = cli(*args)
    assert result.exit_code == 2
    assert not (tmp_path / "x").exists()


def test_revert_folder_refuses_paths_outside_it(tmp_path):
    (tmp_path / "clean").mkdir()
    write(tmp_path / "evil.txt", "x")
    write(tmp_path / "log.jsonl", json.dumps({"type": "document", "doc": "../evil.txt"}) + "\n")
    result = cli("revert", "clean", "--log", "log.jsonl", "-o", "rev")
    assert result.exit_code == 2 and "not a relative path" in result.stderr


def test_revert_with_a_malformed_log(tmp_path):
    write(tmp_path / "doc.txt", FIXED)
    write(tmp_path / "log.jsonl", '{"type": "document", "doc": "doc.txt"}\n{"type": "edit", "doc"\n')
    result = cli("revert", "doc.txt", "--log", "log.jsonl", "-o", "x.txt")
    assert result.exit_code == 2
    assert "log.jsonl:2" in result.stderr


# -- rules --------------------------------------------------------------------------------------

def test_rules_lists_every_rule():
    registry = load_registry()
    result = cli("rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    for rule in registry.rules.values():
        line = next((ln for ln in lines if ln.split()[0] == rule.id), None)
        assert line, rule.id
        assert rule.name in line and rule.kind in line and rule.category in line and rule.safety.value in line
    as_json = json.loads(cli("rules", "--json").stdout)
    assert sorted(r["code"] for r in as_json) == sorted(registry.rules)
    assert {"code", "name", "kind", "category", "safety", "message"} <= as_json[0].keys()


def test_rules_shows_one_rule():
    result = cli("rules", "MOJ001")
    assert result.exit_code == 0
    out = result.stdout
    assert "MOJ001" in out and "mojibake" in out
    rule = load_registry().rules["MOJ001"]
    assert rule.what in out and rule.why in out and rule.fix_safety in out
    assert "cafÃ©" in out and "The café opened on Monday." in out  # its bad example and fix
    assert "Ærøskøbing" in out  # a must-not-change example
    assert cli("rules", "mojibake").stdout == out  # by name too


def test_rules_unknown_code_exits_2():
    result = cli("rules", "NOPE")
    assert result.exit_code == 2
    assert "NOPE" in result.stderr


def test_version_and_help():
    assert cli("--version").exit_code == 0
    result = cli("--help")
    assert result.exit_code == 0
    for command in ("clean", "check", "revert", "apply", "rules"):
        assert command in result.stdout


def test_python_dash_m_cleaner(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "cleaner", "rules"], capture_output=True, timeout=120)
    assert proc.returncode == 0 and b"MOJ001" in proc.stdout


# -- bad input ----------------------------------------------------------------------------------

def test_invalid_utf8_names_file_and_byte_offset(tmp_path):
    data = "first line ok\nsecond: caf".encode() + b"\xe9" + b" au lait\n"
    write(tmp_path / "in/latin1.txt", data)
    write(tmp_path / "in/ok.txt", DAMAGED)
    result = cli("clean", "in", "-o", "out", "--on-error", "stop")  # strict; the default reports and goes on
    assert result.exit_code == 2
    offset = data.index(b"\xe9")
    assert re.search(rf"in/latin1\.txt:2: invalid UTF-8 at byte {offset}\b", result.stderr), result.stderr
    assert "--encoding-errors" in result.stderr
    no_traceback(result)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.txt"))  # stops before writing


def test_surrogateescape_round_trips_invalid_bytes_exactly(tmp_path):
    data = b"Le caf\xc3\x83\xc2\xa9 said &amp; more\r\nraw \xff\xfe bytes \xe9 here\r\nline\x80 two"
    write(tmp_path / "raw.txt", data)
    result = cli("clean", "raw.txt", "-o", "out.txt", "--log", "log.jsonl", "--encoding-errors", "surrogateescape")
    assert result.exit_code == 0, result.stderr
    out = (tmp_path / "out.txt").read_bytes()
    assert out == data.replace(b"caf\xc3\x83\xc2\xa9", "café".encode()).replace(b"&amp;", b"&")
    result = cli("revert", "out.txt", "--log", "log.jsonl", "-o", "rev.txt", "--encoding-errors", "surrogateescape")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "rev.txt").read_bytes() == data
    # check and its diff print such text without crashing
    assert cli("check", "--encoding-errors", "surrogateescape", "raw.txt").exit_code == 1
    diff = cli("check", "--diff", "--encoding-errors", "surrogateescape", "raw.txt")
    assert diff.exit_code == 1 and b"\xff\xfe bytes" in diff.stdout_bytes


def test_surrogateescape_keeps_invalid_bytes_on_a_mojibake_line(tmp_path):
    data = b"Le caf\xc3\x83\xc2\xa9 \xff\xfe raw \xe9 bytes\n"
    write(tmp_path / "raw.txt", data)
    result = cli("clean", "raw.txt", "-o", "out.txt", "--log", "log.jsonl", "--encoding-errors", "surrogateescape")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out.txt").read_bytes() == data.replace(b"caf\xc3\x83\xc2\xa9", "café".encode())


def test_surrogateescape_on_unchanged_file_is_byte_identical(tmp_path):
    data = b"plain \xff bytes\n"
    write(tmp_path / "raw.txt", data)
    assert cli("clean", "raw.txt", "-o", "out.txt", "--encoding-errors", "surrogateescape").exit_code == 0
    assert (tmp_path / "out.txt").read_bytes() == data


def test_encoding_errors_replace(tmp_path):
    write(tmp_path / "latin1.txt", b"caf\xe9 au lait\n")
    result = cli("clean", "latin1.txt", "-o", "out.txt", "--encoding-errors", "replace")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "caf\ufffd au lait\n"


def test_binary_file_in_a_folder_is_skipped_with_a_warning(tmp_path):
    write(tmp_path / "in/doc.txt", DAMAGED)
    write(tmp_path / "in/image.dat", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = cli("clean", "in", "-o", "out", "--log", "log.jsonl")
    assert result.exit_code == 0, result.stderr
    assert "in/image.dat: binary file skipped" in result.stderr
    assert "1 skipped" in result.stderr
    assert not (tmp_path / "out/image.dat").exists()
    assert (tmp_path / "out/doc.txt").read_text(encoding="utf-8") == FIXED
    assert list(headers(read_log(tmp_path / "log.jsonl"))) == ["doc.txt"]
    # check ignores it too
    assert cli("check", "out").exit_code == 0


def test_empty_file(tmp_path):
    write(tmp_path / "in/empty.txt", b"")
    result = cli("clean", "in", "-o", "out", "--log", "log.jsonl")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out/empty.txt").read_bytes() == b""
    assert headers(read_log(tmp_path / "log.jsonl"))["empty.txt"]["original_length"] == 0
    assert cli("check", "in/empty.txt").exit_code == 0
    assert cli("clean", "-", input=b"").stdout_bytes == b""
    write(tmp_path / "empty.jsonl", b"")
    assert cli("clean", "empty.jsonl", "--format", "jsonl", "-o", "e.jsonl").exit_code == 0
    assert (tmp_path / "e.jsonl").read_bytes() == b""


MALFORMED_JSONL = ('{"id": 1, "text": "caf\u00c3\u00a9"}\n'
                   '{"id": 2, "text": "fine"}\n'
                   '{"id": 3, "text": "broken\n'
                   '[1, 2, 3]\n'
                   '{"id": 5, "body": "no text field"}\n'
                   '{"id": 6, "text": "Put\u200bin"}\n')


def test_malformed_jsonl_stop(tmp_path):
    write(tmp_path / "c.jsonl", MALFORMED_JSONL)
    result = cli("clean", "c.jsonl", "--format", "jsonl", "-o", "out.jsonl", "--log", "log.jsonl", "--on-error", "stop")
    assert result.exit_code == 2
    assert re.search(r"c\.jsonl:3: malformed JSON", result.stderr), result.stderr
    no_traceback(result)
    assert not (tmp_path / "out.jsonl").exists()  # stopped cleanly: nothing half-written
    assert not (tmp_path / "log.jsonl").exists()
    assert not tmp_files(tmp_path)


def test_malformed_jsonl_skip_processes_the_rest(tmp_path):
    write(tmp_path / "c.jsonl", MALFORMED_JSONL)
    result = cli("clean", "c.jsonl", "--format", "jsonl", "--id-field", "id", "-o", "out.jsonl", "--log", "log.jsonl",
                 "--on-error", "skip")
    # the rest is processed and written; the exit status still says that some lines were not cleaned
    assert result.exit_code == 2
    for n in (3, 4, 5):
        assert f"c.jsonl:{n}:" in result.stderr
    out = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    src = MALFORMED_JSONL.splitlines()
    assert json.loads(out[0]) == {"id": 1, "text": "café"}
    assert out[1:5] == src[1:5]  # unchanged and malformed lines are copied through, nothing is lost
    assert json.loads(out[5]) == {"id": 6, "text": "Putin"}
    assert sorted(headers(read_log(tmp_path / "log.jsonl"))) == ["1", "2", "6"]


def test_invalid_utf8_in_jsonl_names_line_and_byte(tmp_path):
    data = b'{"text": "ok"}\n{"text": "caf\xe9"}\n'
    write(tmp_path / "c.jsonl", data)
    result = cli("check", "--format", "jsonl", "c.jsonl")
    assert result.exit_code == 2
    offset = data.index(b"\xe9")
    assert f"c.jsonl:2: invalid UTF-8 at byte {offset}" in result.stderr


@pytest.mark.parametrize("args", [
    ["clean", "in", "-o", "blocker/out"],  # an output folder below a regular file
    ["clean", "in/doc.txt", "-o", "blocker/doc.txt"],
    ["clean", "in", "-o", "blocker"],  # a folder's output is an existing file
    ["clean", "in", "-o", "out", "--log", "blocker/log.jsonl"],
    ["clean", "in", "-o", "out", "--log", "in"],  # the log is an existing folder
])
def test_output_that_cannot_be_written(tmp_path, args):
    write(tmp_path / "in/doc.txt", DAMAGED)
    write(tmp_path / "blocker", "I am a file\n")
    result = cli(*args)
    assert result.exit_code == 2
    assert "blocker" in result.stderr or "folder" in result.stderr
    assert result.stderr.startswith("cleaner: error: ")
    no_traceback(result)
    assert (tmp_path / "blocker").read_text() == "I am a file\n"
    assert not tmp_files(tmp_path)


def test_output_that_cannot_be_written_subprocess(tmp_path):
    write(tmp_path / "in/doc.txt", DAMAGED)
    write(tmp_path / "blocker", "x")
    proc = cleaner_subprocess("clean", "in", "-o", "blocker/out", "--log", "log.jsonl", cwd=tmp_path)
    assert proc.returncode == 2
    assert b"blocker is a file, not a folder" in proc.stderr
    assert b"Traceback" not in proc.stderr


@pytest.mark.parametrize("pack, where", [
    ("pack: broken\nprefix: BRK\nrules:\n  - id: BRK001\n    name: [unclosed\n", "bad.yaml:6"),
    ("pack: broken\nprefix: BRK\nrules:\n  - id: BRK001\n    name: x\n    kind: no-such-kind\n", "bad.yaml:"),
    ("pack: broken\nprefix: BRK\nrules:\n  - id: BRK001\n\tname: tab\n", "bad.yaml:"),
])
def test_malformed_rule_pack_via_env(tmp_path, pack, where):
    rules = tmp_path / "rules"
    write(rules / "bad.yaml", pack)
    write(tmp_path / "doc.txt", DAMAGED)
    for args in (["check", "doc.txt"], ["rules"], ["clean", "doc.txt", "-o", "out.txt"]):
        proc = cleaner_subprocess(*args, env={"CLEANER_RULES_DIR": str(rules)}, cwd=tmp_path)
        assert proc.returncode == 2, (args, proc.stderr)
        err = proc.stderr.decode()
        assert where in err and re.search(r"bad\.yaml:\d+", err), err
        assert "Traceback" not in err
    assert not (tmp_path / "out.txt").exists()


def test_rules_dir_env_is_honoured(tmp_path):
    """A valid pack in CLEANER_RULES_DIR replaces the bundled rules (so the broken-pack tests test something)."""
    rules = tmp_path / "rules"
    rules.mkdir()
    shutil.copy(ROOT / "rules" / "unicode.yaml", rules / "unicode.yaml")
    proc = cleaner_subprocess("rules", env={"CLEANER_RULES_DIR": str(rules)}, cwd=tmp_path)
    assert proc.returncode == 0 and b"MOJ001" in proc.stdout


@pytest.mark.parametrize("args", [
    ["clean", "missing", "-o", "out"],
    ["clean", "missing.txt", "--in-place"],
    ["check", "missing.txt"],
    ["check", "in", "missing.txt"],
])
def test_nonexistent_input_exits_2(tmp_path, args):
    write(tmp_path / "in/doc.txt", DAMAGED)
    result = cli(*args)
    assert result.exit_code == 2
    assert "missing" in result.stderr and "no such file" in result.stderr
    assert not (tmp_path / "out").exists()


def test_output_folder_inside_input_folder_is_not_read_back(tmp_path):
    write(tmp_path / "in/doc.txt", DAMAGED)
    for _ in range(2):
        result = cli("clean", "in", "-o", "in/clean", "--log", "in/log.jsonl")
        assert result.exit_code == 0, result.stderr
        assert "1 documents" in result.stderr
    assert not (tmp_path / "in/clean/clean").exists()
    assert (tmp_path / "in/clean/doc.txt").read_text(encoding="utf-8") == FIXED


# -- atomic outputs -----------------------------------------------------------------------------

def test_new_outputs_get_normal_permissions(tmp_path):
    """Outputs are made by mkstemp (mode 0600) and renamed; they must end with the usual umask mode."""
    write(tmp_path / "in/doc.txt", DAMAGED)
    mask = os.umask(0o022)
    try:
        assert cli("clean", "in", "-o", "out", "--log", "log.jsonl").exit_code == 0
    finally:
        os.umask(mask)
    assert stat.S_IMODE(os.stat(tmp_path / "out/doc.txt").st_mode) == 0o644
    assert stat.S_IMODE(os.stat(tmp_path / "log.jsonl").st_mode) == 0o644


def test_input_error_mid_run_leaves_previous_outputs_intact(tree, tmp_path):
    assert cli("clean", "in", "-o", "out", "--log", "log.jsonl", "-q").exit_code == 0
    before = {p: p.read_bytes() for p in tmp_path.joinpath("out").rglob("*") if p.is_file()}
    old_log = (tmp_path / "log.jsonl").read_bytes()
    write(tree / "a.txt", "changed " + DAMAGED)  # would change a.txt's output ...
    write(tree / "sub/n.md", b"bad \xff byte")  # ... but a later file cannot be read
    result = cli("clean", "in", "-o", "out", "--log", "log.jsonl", "--on-error", "stop")
    assert result.exit_code == 2
    assert {p: p.read_bytes() for p in tmp_path.joinpath("out").rglob("*") if p.is_file()} == before
    assert (tmp_path / "log.jsonl").read_bytes() == old_log
    assert not tmp_files(tmp_path)


def test_write_failure_mid_run_leaves_previous_outputs_and_log_intact(tree, tmp_path, monkeypatch):
    assert cli("clean", "in", "-o", "out", "--log", "log.jsonl", "-q").exit_code == 0
    old = {p: p.read_bytes() for p in tmp_path.joinpath("out").rglob("*") if p.is_file()}
    old_log = (tmp_path / "log.jsonl").read_bytes()
    for p in tree.rglob("*"):
        if p.is_file():
            write(p, "new " + p.read_text(encoding="utf-8"))
    real_replace, calls = os.replace, []

    def failing_replace(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    result = cli("clean", "in", "-o", "out", "--log", "log.jsonl")
    monkeypatch.setattr(os, "replace", real_replace)
    assert result.exit_code == 2
    assert "No space left on device" in result.stderr
    no_traceback(result)
    # every output is whole: either the previous version or the complete new one
    for p, data in old.items():
        now = p.read_bytes()
        assert now == data or (now.startswith(b"new ") and len(now) == len(data) + 4), p
    failed = tmp_path / calls[1]
    assert failed.read_bytes() == old[failed]  # the file whose rename failed still holds the previous output
    assert (tmp_path / "log.jsonl").read_bytes() == old_log  # the diff log is only replaced at the very end
    assert not tmp_files(tmp_path)


def test_atomic_write_keeps_old_file_when_interrupted(tmp_path, monkeypatch):
    target = write(tmp_path / "f.txt", "old content\n")

    def boom(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, b"new content that never lands\n")
    monkeypatch.undo()
    assert target.read_text() == "old content\n"
    assert not tmp_files(tmp_path)
    atomic_write(target, b"new\n")
    assert target.read_bytes() == b"new\n" and not tmp_files(tmp_path)


def test_no_temporary_files_remain(tree, tmp_path):
    write(tmp_path / "c.jsonl", '{"text": "caf\u00c3\u00a9"}\n')
    assert cli("clean", "in", "-o", "out", "--log", "logs/log.jsonl", "-q").exit_code == 0
    assert cli("clean", "c.jsonl", "--format", "jsonl", "-o", "out/c.jsonl", "-q").exit_code == 0
    assert cli("clean", "in", "--in-place", "-q").exit_code == 0
    assert cli("revert", "out", "--log", "logs/log.jsonl", "-o", "rev").exit_code == 0
    leftovers = [p for p in tmp_path.rglob("*") if p.name.startswith(".") or p.name.endswith(".tmp")]
    assert not leftovers


def test_clean_folder_contract_subprocess(tree, tmp_path):
    """The exact contract the acceptance check relies on, through the real console script."""
    proc = cleaner_subprocess("clean", tree, "-o", tmp_path / "o/clean", "--log", tmp_path / "o/log.jsonl")
    assert proc.returncode == 0, proc.stderr
    assert b"documents" in proc.stderr and proc.stdout == b""
    assert (tmp_path / "o/clean/sub/deeper/b.txt").read_bytes() == FIXED.replace("\n", "\r\n").encode()
    assert len(headers(read_log(tmp_path / "o/log.jsonl"))) == 4
