"""Engine behaviour: fixed point, cap, rollback, safety levels, gating, protected terms."""
from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.config import CleanerConfig
from cleaner.edits import replay, revert
from cleaner.engine import Engine
from cleaner.model import Status
from cleaner.registry import load_registry


def rule(code, name, kind, params, safety="safe", requires=None, bad="[[x]]", fix="", good="y"):
    lines = [f"  - id: {code}", f"    name: {name}", f"    kind: {kind}", f"    safety: {safety}",
             "    message: \"'{before}' -> '{after}'\"", "    what: w", "    why: y", "    fix_safety: f"]
    if requires:
        lines.append(f"    requires: {requires}")
    lines += [f"    {k}: {v}" for k, v in params.items()]
    lines += ["    examples:", f"      - bad: {bad!r}", f"        fix: {fix!r}", f"      - good: {good!r}"]
    return "\n".join(lines) + "\n"


def engine_with(tmp_path: Path, *rules: str, protected: str = "", **config) -> Engine:
    folder = tmp_path / "rules"
    (folder / "lexicons").mkdir(parents=True, exist_ok=True)
    (folder / "test.yaml").write_text("pack: test\nprefix: TST\ncategory: test\nlanguages: [\"*\"]\nrules:\n"
                                     + "".join(rules))
    (folder / "lexicons" / "protected.txt").write_text(protected)
    return Engine(CleanerConfig(**config), registry=load_registry((folder,)))


def check_log(result):
    assert replay(result.original, result.applied) == result.text
    assert revert(result.text, result.changes) == result.original


def test_repeats_to_a_fixed_point_and_composes_the_log(tmp_path):
    eng = engine_with(tmp_path, rule("TST001", "double-a", "regex", {"pattern": "aa", "replace": "a"}))
    res = eng.clean_one("baaaab")
    assert res.text == "bab" and res.converged and res.passes == 3
    assert [(c.before, c.after) for c in res.applied] == [("aaaa", "a")]
    check_log(res)


def test_a_rule_loop_hits_the_cap_and_is_reported(tmp_path):
    eng = engine_with(tmp_path, rule("TST001", "ping-pong", "substitute", {"swap": "{ping: pong, pong: ping}"},
                                     bad="[[ping]]", fix="pong", good="pang"), max_passes=3)
    res = eng.clean_one("ping")
    assert not res.converged and res.passes == 3
    assert any("did not converge" in w for w in res.warnings)
    check_log(res)


def test_rollback_when_too_much_changes(tmp_path):
    eng = engine_with(tmp_path, rule("TST001", "vowel", "regex", {"pattern": "'[aeiou]'", "replace": "'_'"}),
                      min_length_for_ratio=10, max_change_ratio=0.2)
    text = "aeiou aeiou aeiou xyz"
    res = eng.clean_one(text)
    assert res.text == text and res.rolled_back
    assert {c.status for c in res.changes} == {Status.ROLLED_BACK}


@pytest.mark.parametrize("safety,unsafe_fixes,applied", [
    ("safe", False, True), ("unsafe", False, False), ("unsafe", True, True),
    ("suggestion", False, False), ("suggestion", True, False)])
def test_safety_levels(tmp_path, safety, unsafe_fixes, applied):
    eng = engine_with(tmp_path, rule("TST001", "foo", "regex", {"pattern": "foo", "replace": "bar"}, safety=safety),
                      unsafe_fixes=unsafe_fixes)
    res = eng.clean_one("a foo b")
    assert (res.text == "a bar b") is applied
    assert res.changes[0].status is (Status.APPLIED if applied else Status.SUGGESTED)
    check_log(res)


def test_extend_safe_and_unsafe_fixes_move_rules_between_levels(tmp_path):
    unsafe = rule("TST001", "foo", "regex", {"pattern": "foo", "replace": "bar"}, safety="unsafe")
    assert engine_with(tmp_path, unsafe, extend_safe_fixes=("TST",)).clean_one("foo").text == "bar"
    safe = rule("TST001", "foo", "regex", {"pattern": "foo", "replace": "bar"})
    assert engine_with(tmp_path, safe, extend_unsafe_fixes=("TST001",)).clean_one("foo").text == "foo"


def test_gated_rules_only_run_when_the_detector_fires(tmp_path):
    eng = engine_with(tmp_path, rule("TST001", "gated", "regex", {"pattern": "foo", "replace": "bar"},
                                     requires="[mojibake]"))
    assert eng.clean_one("foo is plain").text == "foo is plain"
    damaged = eng.clean_one("foo and the caf\u00c3\u00a9 is here")
    assert damaged.profile.has("mojibake") and damaged.text.startswith("bar")


def test_protected_terms_block_word_rules(tmp_path):
    eng = engine_with(tmp_path, rule("TST001", "safety", "substitute", {"swap": "{Safety: Security}"},
                                     bad="[[Safety]]", fix="Security", good="x"), protected="Safety Board\n")
    res = eng.clean_one("Safety Board and Safety Council")
    assert res.text == "Safety Board and Security Council"
    assert res.counters["TST001"].skipped_protected >= 1


def test_select_and_ignore(tmp_path):
    rules = (rule("TST001", "foo", "regex", {"pattern": "foo", "replace": "bar"}),
             rule("TST002", "baz", "regex", {"pattern": "baz", "replace": "qux"}, bad="[[x]]", fix=""))
    assert engine_with(tmp_path, *rules, select=("TST002",)).clean_one("foo baz").text == "foo qux"
    assert engine_with(tmp_path, *rules, ignore=("TST",)).clean_one("foo baz").text == "foo baz"


def test_regex_timeout_skips_the_pack_instead_of_hanging(tmp_path):
    eng = engine_with(tmp_path, rule("TST001", "evil", "regex", {"pattern": "'^(a|aa)+$'", "replace": "x"},
                                     bad="[[aaa]]", fix="x", good="b"), regex_timeout=0.2)
    res = eng.clean_one("a" * 40 + "!")
    assert res.text == "a" * 40 + "!" and any("timeout" in w for w in res.warnings)


def test_idempotent_and_reversible_on_samples(engine, sample_texts):
    from cleaner.corpus import learn

    corpus = learn(sample_texts.items())
    for name, text in sample_texts.items():
        res = engine.clean_one(text, name, corpus)
        check_log(res)
        again = engine.clean_one(res.text, name, corpus)
        assert again.text == res.text, f"{name}: cleaning the output changed it again"
