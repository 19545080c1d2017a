"""Hostile rules: user rule packs (CLEANER_RULES_DIR, or ``rules_dirs`` in the config) are code-like input.

* a pattern (or antipattern, or line pattern) with catastrophic backtracking does not hang the run: the
  ``regex`` module's timeout (``regex_timeout``, 5 s by default) stops it, the pack is skipped for that
  document with a warning, and the run goes on;
* a malformed pack fails with ``file:line: reason`` and exit code 2, never a traceback;
* a rule loop (A -> B, B -> A) stops at the fixed-point cap, is reported, and stays reversible.
"""
from __future__ import annotations

import json
import textwrap
import time
from pathlib import Path

import pytest

from .hardening import run, tree_bytes

HEAD = "pack: evil\nprefix: EVL\ncategory: evil\nrules:\n"
ANY_LANGUAGE_HEAD = "pack: evil\nprefix: EVL\ncategory: evil\nlanguages: [\"*\"]\nrules:\n"  # "aaaa!" is no language


def rule(code: str, name: str, kind: str, params: str, bad: str = "[[zz]]", fix: str = "", good: str = "b") -> str:
    return (f"  - id: {code}\n    name: {name}\n    kind: {kind}\n    message: \"'{{before}}' is evil\"\n"
            f"    what: w\n    why: y\n    fix_safety: f\n" + textwrap.indent(params, "    ")
            + f"    examples:\n      - bad: {json.dumps(bad)}\n        fix: {json.dumps(fix)}\n"
            f"      - good: {json.dumps(good)}\n")


def pack_dir(tmp_path: Path, body: str, name: str = "evil.yaml", head: str = HEAD) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(head + body, encoding="utf-8")
    return folder


EVIL = {  # (kind, params) whose matching backtracks exponentially on "aaaa...!"
    "pattern": ("regex", "pattern: '(a|aa)+$'\nreplace: x\n"),
    "antipattern": ("regex", "pattern: 'a'\nreplace: b\nantipatterns: ['(a|aa)+$']\n"),
    "line": ("remove_line", "patterns: ['(a|aa)+']\n"),
}


@pytest.mark.parametrize("where", sorted(EVIL))
def test_catastrophic_backtracking_does_not_hang_the_cli(tmp_path, where):
    kind, params = EVIL[where]
    bad = {"pattern": ("[[aaa]]", "x"), "antipattern": ("[[a]]!", "b!"), "line": ("x\n[[aa\n]]", "x\n")}[where]
    rules = pack_dir(tmp_path, rule("EVL001", "evil-pattern", kind, params, bad=bad[0], fix=bad[1], good="bbb"),
                     head=ANY_LANGUAGE_HEAD)
    (tmp_path / ".cleaner.toml").write_text("regex-timeout = 0.3\n")
    src = tmp_path / "in"
    src.mkdir()
    hostile = "a" * 45 + "!\n"
    for n in range(3):
        (src / f"d{n}.txt").write_text(hostile)
    (src / "ok.txt").write_text("bbb\n")
    started = time.perf_counter()
    ran = run("clean", src, "-o", tmp_path / "out", "--log", tmp_path / "log.jsonl", "--jobs", "2",
              cwd=tmp_path, env={"CLEANER_RULES_DIR": str(rules)}, timeout=120)
    took = time.perf_counter() - started
    assert ran.returncode == 0, ran.stderr
    assert took < 60, took  # 3 documents x a few 0.3 s timeouts, not 2**45 steps
    assert ran.stderr.count(b"exceeded the regex timeout") == 3, ran.stderr
    assert tree_bytes(tmp_path / "out")["d0.txt"] == hostile.encode()
    headers = [json.loads(line) for line in (tmp_path / "log.jsonl").read_text().splitlines()]
    assert [h["doc"] for h in headers if h["type"] == "document" and h["warnings"]] == ["d0.txt", "d1.txt", "d2.txt"]


def test_a_pack_whose_own_example_backtracks_is_refused_at_load(tmp_path):
    rules = pack_dir(tmp_path, rule("EVL001", "evil-pattern", "regex", "pattern: '(a|aa)+$'\nreplace: x\n",
                                    bad="[[aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!]]", fix="x", good="b"))
    (tmp_path / "a.txt").write_text("fine\n")
    ran = run("check", "a.txt", cwd=tmp_path, env={"CLEANER_RULES_DIR": str(rules)}, timeout=120)
    assert ran.returncode == 2 and b"evil.yaml:" in ran.stderr and b"catastrophic backtracking" in ran.stderr


GOOD_RULE = rule("EVL001", "evil-thing", "regex", "pattern: zz\n")
MALFORMED = {  # name: (pack text, expected line, words of the reason)
    "not a mapping": ("- 1\n", 1, "must be a mapping"),
    "bad yaml": (HEAD + GOOD_RULE.replace("    kind: regex", "    kind: [regex"), 8, "invalid YAML"),
    "tab": (HEAD + GOOD_RULE.replace("    why: y", "\twhy: y"), 10, "invalid YAML"),
    "NUL byte": ("pack: x\x00\n", None, "invalid YAML"),
    "python tag": (HEAD + GOOD_RULE.replace("pattern: zz", "pattern: !!python/object/apply:os.system [id]"), 12,
                   "constructor"),
    "recursive alias": (HEAD + GOOD_RULE.replace("pattern: zz", "pattern: zz\n    loop: &s [*s]"), 13, "recursive"),
    "rules not a list": (HEAD.replace("rules:\n", "rules: 3\n"), 1, "'rules' must be a list"),
    "rule not a mapping": (HEAD + "  - 3\n", None, "each rule must be a mapping"),
    "missing fields": (HEAD + "  - id: EVL001\n    name: x\n", 5, "lacks kind"),
    "wrong prefix": (HEAD + GOOD_RULE.replace("EVL001", "ABC001"), 5, "must be EVL followed by three digits"),
    "examples not a list": (HEAD + GOOD_RULE.split("    examples:")[0] + "    examples: 5\n", 5, "wrong type"),
    "priority not a number": (HEAD + GOOD_RULE.replace("pattern: zz", "pattern: zz\n    priority: high"), 5,
                              "wrong type"),
    "requires a string": (HEAD + GOOD_RULE.replace("pattern: zz", "pattern: zz\n    requires: spun"), 5,
                          "'requires' must be a list"),
    "redirects a list": (HEAD.replace("rules:\n", "redirects: [a]\nrules:\n") + GOOD_RULE, 1,
                         "'redirects' must be a mapping"),
    "pattern not a string": (HEAD + GOOD_RULE.replace("pattern: zz", "pattern: [zz]"), 5,
                             "pattern and replace must be strings"),
    "pattern does not compile": (HEAD + GOOD_RULE.replace("pattern: zz", "pattern: '(zz'"), 5, "does not compile"),
    "replace names a missing group": (HEAD + GOOD_RULE.replace("pattern: zz", "pattern: zz\n    replace: '\\9'"), 5,
                                      "does not have"),
    "unknown kind": (HEAD + GOOD_RULE.replace("kind: regex", "kind: nope"), 5, "unknown kind 'nope'"),
    "duplicate id": (HEAD + GOOD_RULE + GOOD_RULE.replace("evil-thing", "evil-other"), 17, "duplicate rule id"),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_pack_fails_with_file_line_and_reason(tmp_path, name):
    text, line, reason = MALFORMED[name]
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "evil.yaml").write_bytes(text.encode("utf-8"))
    (tmp_path / "a.txt").write_text("fine\n")
    for args in (["check", "a.txt"], ["clean", "a.txt", "-o", "out.txt"]):
        ran = run(*args, cwd=tmp_path, env={"CLEANER_RULES_DIR": str(folder)}, timeout=120)
        err = ran.stderr.decode()
        assert ran.returncode == 2, err
        assert "Traceback" not in err, err
        assert f"{folder / 'evil.yaml'}:{line if line is not None else ''}" in err, err
        assert reason in err, err
    assert not (tmp_path / "out.txt").exists()


def test_extra_rules_dir_from_config_is_validated_too(tmp_path):
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "x.yaml").write_text(HEAD + GOOD_RULE.replace("pattern: zz", "pattern: '(zz'"))
    (tmp_path / ".cleaner.toml").write_text(f"rules-dirs = [{json.dumps(str(folder))}]\n")
    (tmp_path / "a.txt").write_text("fine\n")
    ran = run("check", "a.txt", cwd=tmp_path, timeout=120)
    assert ran.returncode == 2 and f"{folder / 'x.yaml'}:5:".encode() in ran.stderr and b"Traceback" not in ran.stderr


def test_a_rule_loop_is_capped_reported_and_reversible_through_the_cli(tmp_path):
    """A -> B and B -> A (a swap, and two regex rules chasing each other), and a rule that grows its own
    output: each stops at max-passes, is reported (stderr and the log's header), and reverts exactly."""
    body = (rule("EVL001", "ping-to-pong", "regex", "pattern: ping\nreplace: pong\n", bad="[[ping]]", fix="pong")
            + rule("EVL002", "pong-to-ping", "regex", "pattern: pong\nreplace: ping\n", bad="[[pong]]", fix="ping")
            + rule("EVL003", "grow", "regex", "pattern: 'x+'\nreplace: 'xx\\g<0>'\n", bad="[[x]]", fix="xxx",
                   good="y"))
    rules = pack_dir(tmp_path, body)
    (tmp_path / ".cleaner.toml").write_text("max-passes = 3\n")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(b"say ping then x\r\n")
    ran = run("clean", "in", "-o", "out", "--log", "log.jsonl", cwd=tmp_path, env={"CLEANER_RULES_DIR": str(rules)})
    assert ran.returncode == 0, ran.stderr
    assert b"did not converge after 3 passes" in ran.stderr
    header = json.loads((tmp_path / "log.jsonl").read_text().splitlines()[0])
    assert header["converged"] is False and header["passes"] == 3
    back = run("revert", "out", "--log", "log.jsonl", "-o", "back", cwd=tmp_path)
    assert back.returncode == 0 and (tmp_path / "back" / "a.txt").read_bytes() == b"say ping then x\r\n"
    ran = run("check", "in", cwd=tmp_path, env={"CLEANER_RULES_DIR": str(rules)})
    assert ran.returncode == 1  # still reports the edits it would make
