"""The rule registry: ids, names, docs, selection, redirects and file:line errors for bad packs."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner.registry import CODE_RE, RulePackError, load_pack, load_registry

VALID_RULE = """
  - id: TST001
    name: test-damage
    kind: regex
    pattern: "foo"
    replace: "bar"
    message: "m"
    what: w
    why: y
    fix_safety: safe
    examples:
      - bad: "a [[foo]]"
        fix: "a bar"
      - good: "a bar"
"""


def write_pack(tmp_path: Path, body: str, name: str = "test.yaml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_codes_match_pack_prefix_and_are_unique(registry):
    for pack in registry.packs:
        for rule in pack.rules:
            assert CODE_RE.match(rule.id) and rule.id.startswith(pack.prefix)
    assert len(registry.rules) == sum(len(p.rules) for p in registry.packs)


def test_every_rule_documents_itself(registry):
    for rule in registry.rules.values():
        for field in ("what", "why", "fix_safety", "message"):
            assert getattr(rule, field).strip(), f"{rule.id} lacks {field}"


def test_selection_by_code_prefix_and_name(registry):
    assert {r.id for r in registry.select(["MOJ001"])} == {"MOJ001"}
    assert {r.id for r in registry.select(["MOJ"])} == {r.id for r in registry.rules.values() if r.id.startswith("MOJ")}
    assert {r.id for r in registry.select(["mojibake"])} == {"MOJ001"}
    assert "MOJ002" not in {r.id for r in registry.select(["MOJ"], ["MOJ002"])}
    assert registry.unknown_selectors(["MOJ", "NOPE9"]) == ["NOPE9"]


def test_valid_pack_loads(tmp_path):
    pack = load_pack(write_pack(tmp_path, "pack: t\nprefix: TST\ncategory: test\nrules:" + VALID_RULE))
    assert pack.rules[0].id == "TST001" and pack.rules[0].examples[0].span == (2, 5)


@pytest.mark.parametrize("body,needle", [
    ("pack: t\nprefix: TST\ncategory: test\nrules:\n  - id: TST001\n    name: [unclosed\n", "starts at line 6"),
    ("pack: t\nprefix: TST\ncategory: test\nrules:" + VALID_RULE.replace("    what: w\n", ""), ":5: rule TST001 lacks what"),
    ("pack: t\nprefix: TST\ncategory: test\nrules:" + VALID_RULE.replace("TST001", "XYZ001"), "must be TST"),
    ("pack: t\nprefix: TST\ncategory: test\nrules:" + VALID_RULE.replace("test-damage", "Test_Damage"), "kebab-case"),
    ("pack: t\nprefix: TST\ncategory: test\nrules:" + VALID_RULE.replace('"a [[foo]]"', '"a foo"'), "exactly one span"),
    ("pack: t\nprefix: TST\ncategory: test\nrules:" + VALID_RULE.replace("    fix_safety: safe\n", "    fix_safety: safe\n    safety: maybe\n"), "safety must be"),
    ("pack: t\nrules: []\n", "lacks 'prefix'"),
])
def test_malformed_pack_names_file_and_line(tmp_path, body, needle):
    path = write_pack(tmp_path, body)
    with pytest.raises(RulePackError) as err:
        load_pack(path)
    assert str(path) in str(err.value) and needle in str(err.value)


@pytest.mark.parametrize("change,needle", [
    (('kind: regex', 'kind: nonsense'), "unknown kind 'nonsense'"),
    (('pattern: "foo"', 'pattern: "fo("'), "pattern does not compile"),
    (('kind: regex', 'kind: prose_casing\n    direction: sideways'), "direction must be one of lower, upper"),
])
def test_kind_parameters_are_validated_with_line(tmp_path, change, needle):
    write_pack(tmp_path, "pack: t\nprefix: TST\ncategory: test\nrules:" + VALID_RULE.replace(*change))
    with pytest.raises(RulePackError) as err:
        load_registry((tmp_path,))
    assert "test.yaml:5" in str(err.value) and needle in str(err.value)


def test_duplicate_ids_are_rejected(tmp_path):
    write_pack(tmp_path, "pack: t\nprefix: TST\ncategory: test\nrules:" + VALID_RULE, "a.yaml")
    write_pack(tmp_path, "pack: u\nprefix: TST\ncategory: test\nrules:" + VALID_RULE.replace("test-damage", "other"), "b.yaml")
    with pytest.raises(RulePackError, match="duplicate rule id TST001"):
        load_registry((tmp_path,))


def test_redirects_and_deprecated(tmp_path):
    body = ("pack: t\nprefix: TST\ncategory: test\nredirects: {TST009: TST001}\nrules:" + VALID_RULE +
            VALID_RULE.replace("TST001", "TST002").replace("test-damage", "old-damage").replace(
                "kind: regex", "kind: regex\n    status: deprecated"))
    write_pack(tmp_path, body)
    reg = load_registry((tmp_path,))
    assert [r.id for r in reg.select(["TST009"])] == ["TST001"]
    assert [r.id for r in reg.select()] == ["TST001"]
    assert [r.id for r in reg.select(["TST002"])] == ["TST002"]


def test_every_pack_validates_against_the_json_schema():
    import json

    import jsonschema
    import yaml

    from cleaner.registry import BUNDLED_RULES

    schema = json.loads((BUNDLED_RULES / "schema.json").read_text(encoding="utf-8"))
    for path in sorted(BUNDLED_RULES.glob("*.yaml")):
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)


def test_validation_is_remembered_by_content_never_trusted_blindly(tmp_path, monkeypatch):
    """A pack that validated is not validated again (cleaner/cache.py); changed by one byte it is."""
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path / "cache"))
    rules = tmp_path / "rules"
    rules.mkdir()
    write_pack(rules, "pack: t\nprefix: TST\ncategory: test\nrules:" + VALID_RULE)
    load_registry.cache_clear()
    load_registry((rules,))
    record = json.loads((tmp_path / "cache" / "validated.json").read_text(encoding="utf-8"))
    assert isinstance(record, list) and len(record) == 1  # plain data: hex keys
    write_pack(rules, "pack: t\nprefix: TST\ncategory: test\nrules:" + VALID_RULE.replace('pattern: "foo"', 'pattern: "fo("'))
    load_registry.cache_clear()
    with pytest.raises(RulePackError, match="pattern does not compile"):
        load_registry((rules,))
    monkeypatch.setenv("CLEANER_CACHE_DIR", "")  # no cache: validated every time, nothing written
    load_registry.cache_clear()
    with pytest.raises(RulePackError):
        load_registry((rules,))


def test_the_kind_and_learner_maps_name_every_module_that_registers_one():
    """Kinds and learners are imported by name (cleaner/kinds/__init__.py, cleaner/corpus.py); the maps
    must match what importing every module finds."""
    import importlib
    import pkgutil

    import cleaner
    from cleaner import kinds
    from cleaner.corpus import LEARNER_MODULES, LEARNERS

    kinds._discover()
    assert {name: cls.__module__.rsplit(".", 1)[1] for name, cls in kinds.KINDS.items()} == kinds.KIND_MODULES
    for info in pkgutil.walk_packages(cleaner.__path__, "cleaner."):
        if not info.name.endswith(("__main__", ".ray", ".datatrove")):
            importlib.import_module(info.name)
    assert {cls.__module__ for cls in LEARNERS.values()} == set(LEARNER_MODULES)
