"""Render rule documentation in ruff's fixed template (What it does / Why / Example / Fix safety)."""
from __future__ import annotations

from pathlib import Path

from .registry import Registry, RuleSpec


def render_rule(rule: RuleSpec) -> str:
    lines = [f"# {rule.id} {rule.name}", "",
             f"Pack: {rule.pack} · kind: {rule.kind} · category: {rule.category} · safety: {rule.safety.value} · "
             f"status: {rule.status} · languages: {', '.join(rule.languages)}"
             + (f" · requires: {', '.join(rule.requires)}" if rule.requires else ""),
             "", "## What it does", rule.what, "", "## Why is this bad?", rule.why, "", "## Example", ""]
    for ex in rule.examples:
        if ex.is_bad:
            s, e = ex.span
            lines += [f"- bad: `{ex.text[:s]}[[{ex.text[s:e]}]]{ex.text[e:]}`", f"  fix: `{ex.fix}`"]
        else:
            lines.append(f"- unchanged: `{ex.text}`")
    lines += ["", "## Fix safety", rule.fix_safety, ""]
    if rule.references:
        lines += ["## References", *[f"- {r}" for r in rule.references], ""]
    return "\n".join(lines)


def render_all(registry: Registry, out_dir: Path) -> list[Path]:
    """One Markdown file per pack under ``out_dir`` (``make docs``)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for pack in registry.packs:
        body = [f"# {pack.prefix}: {pack.name}", "", pack.description, ""]
        body += [render_rule(r) for r in pack.rules]
        path = out_dir / f"{pack.name}.md"
        path.write_text("\n".join(body), encoding="utf-8")
        written.append(path)
    return written
