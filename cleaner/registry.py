"""Load rule packs (``rules/*.yaml``) into validated :class:`RuleSpec` objects.

Why YAML: it is what Vale and Semgrep use for rules people edit by hand; it
allows comments and multi-line strings for docs and examples, and PyYAML
gives line numbers, so a malformed pack fails with ``file:line: what``.

A pack is one family (one code prefix). Each rule names a *kind* (code in
``cleaner/kinds``) and carries its docs (``what``/``why``/``fix_safety``)
and examples. Selection by code or prefix, statuses and redirects live here.
"""
from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

from .model import Safety

_PACKAGED_RULES = Path(__file__).resolve().parent / "_rules"  # a wheel install (see setup.py)
BUNDLED_RULES = _PACKAGED_RULES if _PACKAGED_RULES.is_dir() else Path(__file__).resolve().parent.parent / "rules"
CODE_RE = re.compile(r"^[A-Z]{2,4}\d{3}$")
NAME_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
STATUSES = ("preview", "stable", "deprecated")
MARK_RE = re.compile(r"\[\[(.*?)\]\]", re.S)
LANG_RE = re.compile(r"^([a-z]{2,3}|\*)$")
DEFAULT_LANGUAGES = ("en",)  # a pack that says nothing knows English only (cleaner/lang/langid.py)


class RulePackError(ValueError):
    """A rule pack is malformed; the message starts with ``file:line:``."""


@dataclass(frozen=True)
class Example:
    """One embedded example. ``bad`` examples mark the expected span with ``[[...]]``."""

    text: str  # without the marks
    fix: str | None = None  # expected full text after the rule (None for good examples)
    span: tuple[int, int] | None = None  # marked span in ``text``
    corpus: tuple[str, ...] = ()  # other documents of the corpus, for rules that need corpus knowledge

    @property
    def is_bad(self) -> bool:
        return self.fix is not None


@dataclass(frozen=True)
class RuleSpec:
    id: str
    name: str
    pack: str
    category: str
    kind: str
    safety: Safety
    status: str
    message: str
    reason: str
    requires: tuple[str, ...]
    what: str
    why: str
    fix_safety: str
    references: tuple[str, ...] = ()
    examples: tuple[Example, ...] = ()
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    priority: int = 0
    source: str = ""  # file:line, for error messages
    base_dir: Path = BUNDLED_RULES
    languages: tuple[str, ...] = DEFAULT_LANGUAGES  # ISO 639-1 codes the rule knows, or "*" for any

    def knows_language(self, lang: str) -> bool:
        return "*" in self.languages or lang in self.languages

    def format_message(self, before: str, after: str, **extra: Any) -> str:
        """The rule's message with ``{before}``, ``{after}`` and extra fields filled in."""
        try:
            return self.message.format(before=before, after=after, **extra)
        except (KeyError, IndexError, ValueError):
            return self.message


@dataclass
class Pack:
    name: str
    prefix: str
    category: str
    description: str
    requires: tuple[str, ...]
    rules: list[RuleSpec]
    path: Path
    redirects: dict[str, str] = field(default_factory=dict)


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when present: 10x faster
    """A SafeLoader that records each mapping's line as ``__line__``."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def parse_example(raw: Any, where: str) -> Example:
    if not isinstance(raw, dict):
        raise RulePackError(f"{where}: an example must be a mapping with 'bad'+'fix' or 'good'")
    corpus = tuple(raw.get("corpus", ()) or ())
    if "good" in raw:
        if not isinstance(raw["good"], str):
            raise RulePackError(f"{where}: 'good' must be a string")
        return Example(text=raw["good"], corpus=corpus)
    bad, fix = raw.get("bad"), raw.get("fix")
    if not isinstance(bad, str) or not isinstance(fix, str):
        raise RulePackError(f"{where}: a bad example needs string fields 'bad' (span marked [[...]]) and 'fix'")
    marks = list(MARK_RE.finditer(bad))
    if len(marks) != 1:
        raise RulePackError(f"{where}: 'bad' must mark exactly one span with [[...]], found {len(marks)}")
    m = marks[0]
    text = bad[:m.start()] + m.group(1) + bad[m.end():]
    return Example(text=text, fix=fix, span=(m.start(), m.start() + len(m.group(1))), corpus=corpus)


REQUIRED_RULE_FIELDS = ("id", "name", "kind", "message", "what", "why", "fix_safety", "examples")


def _parse_rule(raw: Any, pack: dict[str, Any], path: Path) -> RuleSpec:
    line = raw.get("__line__", "?") if isinstance(raw, dict) else "?"
    where = f"{path}:{line}"
    if not isinstance(raw, dict):
        raise RulePackError(f"{where}: each rule must be a mapping")
    missing = [k for k in REQUIRED_RULE_FIELDS if not raw.get(k)]
    if missing:
        raise RulePackError(f"{where}: rule {raw.get('id', '?')} lacks {', '.join(missing)}")
    code, name = str(raw["id"]), str(raw["name"])
    if not CODE_RE.match(code) or not code.startswith(pack["prefix"]):
        raise RulePackError(f"{where}: rule id {code!r} must be {pack['prefix']} followed by three digits")
    if not NAME_RE.match(name):
        raise RulePackError(f"{where}: rule name {name!r} must be kebab-case, naming the damage")
    try:
        safety = Safety(raw.get("safety", "safe"))
    except ValueError:
        raise RulePackError(f"{where}: safety must be one of safe, unsafe, suggestion") from None
    status = raw.get("status", "preview")
    if status not in STATUSES:
        raise RulePackError(f"{where}: status must be one of {', '.join(STATUSES)}")
    examples = tuple(parse_example(e, f"{path}:{e.get('__line__', line) if isinstance(e, dict) else line}")
                     for e in raw["examples"])
    if not any(e.is_bad for e in examples) or all(e.is_bad for e in examples):
        raise RulePackError(f"{where}: rule {code} needs at least one bad and one good example")
    known = set(REQUIRED_RULE_FIELDS) | {"safety", "status", "reason", "requires", "references",
                                         "category", "priority", "languages", "__line__"}
    params = {k: v for k, v in raw.items() if k not in known}
    for key in ("requires", "references"):
        if not isinstance(raw.get(key) or [], list):
            raise RulePackError(f"{where}: rule {code}: {key!r} must be a list")
    requires = tuple(pack.get("requires", ())) + tuple(raw.get("requires", ()) or ())
    languages = parse_languages(raw.get("languages", pack.get("languages")), where)
    return RuleSpec(
        id=code, name=name, pack=pack["pack"], category=str(raw.get("category", pack["category"])),
        kind=str(raw["kind"]), safety=safety, status=status, message=str(raw["message"]),
        reason=str(raw.get("reason", name.replace("-", "_"))), requires=requires,
        what=str(raw["what"]).strip(), why=str(raw["why"]).strip(), fix_safety=str(raw["fix_safety"]).strip(),
        references=tuple(raw.get("references", ()) or ()), examples=examples, params=params,
        priority=int(raw.get("priority", 0)), source=where, base_dir=path.parent, languages=languages,
    )


def parse_languages(raw: Any, where: str) -> tuple[str, ...]:
    """A pack's or rule's ``languages``: a list of ISO 639-1 codes, or ``["*"]`` for any language."""
    if raw is None:
        return DEFAULT_LANGUAGES
    if not isinstance(raw, list) or not raw or not all(isinstance(x, str) and LANG_RE.match(x) for x in raw):
        raise RulePackError(f"{where}: 'languages' must be a list of language codes such as [en, fr], or [\"*\"]")
    return tuple(raw)


MAX_EXPANDED_NODES = 2_000_000  # a pack is a few thousand nodes; aliases must not multiply it beyond this


def _load_yaml(path: Path) -> Any:
    """The YAML document, refused before it is built if its aliases would expand it beyond reason
    ("billion laughs": ten aliases of ten aliases of ... take minutes and all memory to construct)."""
    loader = _LineLoader(path.read_text(encoding="utf-8"))
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        sizes: dict[int, int] = {}

        def size(n: yaml.Node) -> int:
            if id(n) in sizes:
                return sizes[id(n)]
            sizes[id(n)] = 1  # a recursive alias counts once, and cannot loop here
            total = 1
            if isinstance(n, yaml.SequenceNode):
                total += sum(size(c) for c in n.value)
            elif isinstance(n, yaml.MappingNode):
                total += sum(size(k) + size(v) for k, v in n.value)
            sizes[id(n)] = min(total, MAX_EXPANDED_NODES + 1)
            return sizes[id(n)]

        if size(node) > MAX_EXPANDED_NODES:
            raise RulePackError(f"{path}:{node.start_mark.line + 1}: the pack's YAML aliases expand it to more than "
                                f"{MAX_EXPANDED_NODES:,} values (an alias bomb?); write the values out")
        return loader.construct_document(node)
    finally:
        loader.dispose()


def load_pack(path: Path) -> Pack:
    """Parse and validate one pack file (kinds validate their own parameters later)."""
    try:
        data = _load_yaml(path)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else "?"
        where = ""
        if exc.context and exc.context_mark and exc.context_mark is not mark:
            where = f" ({exc.context} that starts at line {exc.context_mark.line + 1})"
        raise RulePackError(f"{path}:{line}: invalid YAML: {exc.problem or exc}{where}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RulePackError(f"{path}:1: cannot read: {exc}") from None
    except yaml.YAMLError as exc:  # e.g. a control character the YAML reader refuses
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise RulePackError(f"{path}:{'?' if line is None else line + 1}: invalid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise RulePackError(f"{path}:1: a pack must be a mapping with pack, prefix, category and rules")
    for key in ("pack", "prefix", "category", "rules"):
        if key not in data:
            raise RulePackError(f"{path}:1: pack lacks {key!r}")
    if not isinstance(data["rules"], list):
        raise RulePackError(f"{path}:{data['__line__']}: 'rules' must be a list")
    for key in ("requires", "languages"):
        if not isinstance(data.get(key) or [], list):
            raise RulePackError(f"{path}:{data['__line__']}: {key!r} must be a list")
    if not isinstance(data.get("redirects") or {}, dict):
        raise RulePackError(f"{path}:{data['__line__']}: 'redirects' must be a mapping of old code to new code")
    rules = []
    for raw in data["rules"]:
        try:
            rules.append(_parse_rule(raw, data, path))
        except RulePackError:
            raise
        except (TypeError, ValueError, AttributeError, KeyError) as exc:  # a field of the wrong type
            line = raw.get("__line__", "?") if isinstance(raw, dict) else "?"
            raise RulePackError(f"{path}:{line}: rule {raw.get('id', '?') if isinstance(raw, dict) else '?'}: "
                                f"a field has the wrong type or value: {exc}") from None
    return Pack(name=str(data["pack"]), prefix=str(data["prefix"]), category=str(data["category"]),
                description=str(data.get("description", "")).strip(),
                requires=tuple(data.get("requires", ()) or ()), rules=rules, path=path,
                redirects={str(k): str(v) for k, v in (data.get("redirects") or {}).items() if k != "__line__"})


class Registry:
    """Every pack and rule, with selection by code or prefix."""

    def __init__(self, packs: list[Pack], dirs: tuple[Path, ...] = ()):
        self.packs = packs
        self.dirs = dirs
        self.rules: dict[str, RuleSpec] = {}
        self.redirects: dict[str, str] = {}
        for pack in packs:
            self.redirects.update(pack.redirects)
            for rule in pack.rules:
                if rule.id in self.rules:
                    raise RulePackError(f"{rule.source}: duplicate rule id {rule.id} "
                                        f"(also at {self.rules[rule.id].source})")
                self.rules[rule.id] = rule
        names = {}
        for rule in self.rules.values():
            if rule.name in names:
                raise RulePackError(f"{rule.source}: duplicate rule name {rule.name} (also {names[rule.name]})")
            names[rule.name] = rule.id

    def resolve(self, code: str) -> str:
        """Follow redirects of renamed codes (``SPN001`` -> ``SPN101``)."""
        seen = set()
        while code in self.redirects and code not in seen:
            seen.add(code)
            code = self.redirects[code]
        return code

    def matches(self, rule: RuleSpec, selectors: Iterable[str]) -> bool:
        """A rule matches a selector that is its code, its name, or a prefix of its code (``SPN``, ``SPN0``)."""
        for sel in selectors:
            sel = self.resolve(sel.strip())
            if sel == "ALL" or rule.id.startswith(sel) or rule.name == sel:
                return True
        return False

    def unknown_selectors(self, selectors: Iterable[str]) -> list[str]:
        return [s for s in selectors if s != "ALL" and not any(self.matches(r, [s]) for r in self.rules.values())]

    def select(self, select: Iterable[str] = (), ignore: Iterable[str] = (), preview: bool = True) -> list[RuleSpec]:
        select, ignore = list(select), list(ignore)
        chosen = []
        for rule in self.rules.values():
            if select and not self.matches(rule, select):
                continue
            if ignore and self.matches(rule, ignore):
                continue
            if rule.status == "deprecated" and rule.id not in select:
                continue
            if rule.status == "preview" and not preview and rule.id not in select:
                continue
            chosen.append(rule)
        return chosen


def rule_dirs(extra: Iterable[str] = ()) -> tuple[Path, ...]:
    env = os.environ.get("CLEANER_RULES_DIR")
    base = Path(env) if env else BUNDLED_RULES
    return (base, *(Path(p) for p in extra))


@functools.lru_cache(maxsize=8)
def load_registry(dirs: tuple[Path, ...] | None = None) -> Registry:
    """Load every ``*.yaml`` pack of the given folders (default: the bundled ``rules/``)."""
    dirs = dirs or rule_dirs()
    packs = []
    for folder in dirs:
        if not folder.is_dir():
            raise RulePackError(f"{folder}:1: rules folder does not exist")
        for path in sorted(folder.glob("*.yaml")):
            packs.append(load_pack(path))
    registry = Registry(packs, dirs)
    from .kinds import validate_rule  # late import: kinds import this module
    from .cache import known_valid, packs_key, remember_valid

    key = packs_key(dirs)
    if known_valid(key):  # these very packs, with this very code, validated before
        return registry
    for rule in registry.rules.values():
        validate_rule(rule)
    remember_valid(key)
    return registry
