"""``cleaner stats``: edits per rule and family, as a terminal table, JSON, or Markdown for a dataset card."""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable

from ..difflog import DocLog, summarize
from ..model import Status

STATUSES = ("applied", "suggested", "rolled_back")


def collect(logs: Iterable[DocLog]) -> dict:
    """``summarize`` (kept as is for scripts that read it) plus per-rule and per-family detail.

    >>> from cleaner.model import Change, Safety
    >>> d = DocLog("a.txt"); d.changes = [Change("MOJ001", 0, 2, "Ã©", "é", "", Safety.SAFE, Status.APPLIED,
    ...                                         name="mojibake", category="encoding")]
    >>> s = collect([d]); s["rules"]["MOJ001"]["applied"], s["families"]["encoding"]["applied"]
    (1, 1)
    """
    logs = list(logs)
    base = summarize(logs)
    rules: dict[str, dict] = {}
    families: dict[str, Counter] = defaultdict(Counter)
    per_doc: Counter = Counter()
    chars: Counter = Counter()
    for doc in logs:
        for c in doc.changes:
            family = c.category or "other"
            r = rules.setdefault(c.rule, {"name": c.name, "family": family, **{s: 0 for s in STATUSES},
                                          "documents": 0})
            r[c.status.value] += 1
            families[family][c.status.value] += 1
            if c.status is Status.APPLIED:
                per_doc[doc.doc_id] += 1
                chars[doc.doc_id] += max(len(c.before), len(c.after))
        for code in {c.rule for c in doc.changes}:
            rules[code]["documents"] += 1
    base["rules"] = dict(sorted(rules.items()))
    base["families"] = {f: {s: c[s] for s in STATUSES} for f, c in sorted(families.items())}
    base["most_affected"] = [{"doc": d, "applied": n, "chars": chars[d]} for d, n in per_doc.most_common(10)]
    base["characters"] = sum(h.header.get("original_length", 0) for h in logs)
    return base


def to_json(stats: dict) -> str:
    return json.dumps(stats, indent=1, ensure_ascii=False)


def _md_escape(text: str) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def to_markdown(stats: dict, log_name: str = "") -> str:
    """A section for a dataset card: what was cleaned, by family and by rule."""
    st = stats.get("by_status", {})
    out = ["## Text cleaning", ""]
    src = f" (diff log `{_md_escape(log_name)}`)" if log_name else ""
    out.append(f"Cleaned with [cleaner]{src}: {stats['documents']:,} documents, "
               f"{stats['documents_changed']:,} changed; {st.get('applied', 0):,} edits applied, "
               f"{st.get('suggested', 0):,} suggested but not applied"
               + (f", {st['rolled_back']:,} rolled back" if st.get("rolled_back") else "") + ".")
    out.append("Every edit is in the diff log, from which the original text can be rebuilt exactly "
               "(`cleaner revert`).")
    out += ["", "### By family", "", "| family | applied | suggested | rolled back |", "|---|---:|---:|---:|"]
    for fam, c in stats["families"].items():
        out.append(f"| {_md_escape(fam)} | {c['applied']:,} | {c['suggested']:,} | {c['rolled_back']:,} |")
    if not stats["families"]:
        out.append("| (none) | 0 | 0 | 0 |")
    out += ["", "### By rule", "", "| rule | name | family | applied | suggested | documents |",
            "|---|---|---|---:|---:|---:|"]
    for code, r in stats["rules"].items():
        out.append(f"| `{_md_escape(code)}` | {_md_escape(r['name'])} | {_md_escape(r['family'])} | "
                   f"{r['applied']:,} | {r['suggested']:,} | {r['documents']:,} |")
    if not stats["rules"]:
        out.append("| (none) | | | 0 | 0 | 0 |")
    return "\n".join(out) + "\n"


def print_table(stats: dict, console=None, log_name: str = "") -> None:
    """Rich tables: totals, edits per family, edits per rule (colours only on a terminal)."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text as T  # cells as plain text: a '[' in a doc id is not markup

    console = console or Console(highlight=False)
    st = stats.get("by_status", {})
    console.print(f"[bold]{escape(log_name or 'diff log')}[/]: {stats['documents']:,} documents, "
                  f"{stats['documents_changed']:,} changed; [green]{st.get('applied', 0):,} applied[/], "
                  f"[yellow]{st.get('suggested', 0):,} suggested[/]"
                  + (f", [dim]{st['rolled_back']:,} rolled back[/]" if st.get("rolled_back") else ""),
                  markup=True)
    fam = Table(title="Edits by family", title_justify="left", show_edge=False)
    fam.add_column("family")
    for s in STATUSES:
        fam.add_column(s.replace("_", " "), justify="right")
    for name, c in stats["families"].items():
        fam.add_row(T(name), f"{c['applied']:,}", f"{c['suggested']:,}", f"{c['rolled_back']:,}")
    console.print(fam)
    rules = Table(title="Edits by rule", title_justify="left", show_edge=False)
    for col, just in (("rule", "left"), ("name", "left"), ("family", "left"), ("applied", "right"),
                      ("suggested", "right"), ("rolled back", "right"), ("docs", "right")):
        rules.add_column(col, justify=just)
    for code, r in stats["rules"].items():
        rules.add_row(T(code), T(r["name"]), T(r["family"]), f"{r['applied']:,}", f"{r['suggested']:,}",
                      f"{r['rolled_back']:,}", f"{r['documents']:,}")
    console.print(rules)
    if stats.get("most_affected"):
        top = Table(title="Most affected documents", title_justify="left", show_edge=False)
        top.add_column("document")
        top.add_column("applied", justify="right")
        top.add_column("chars touched", justify="right")
        for row in stats["most_affected"]:
            top.add_row(T(row["doc"]), f"{row['applied']:,}", f"{row['chars']:,}")
        console.print(top)


def render(log_path: Path, logs: dict[str, DocLog], fmt: str) -> str | None:
    """Text for ``--format json|markdown``; None for ``table`` (printed by :func:`print_table`)."""
    stats = collect(logs.values())
    if fmt == "json":
        return to_json(stats)
    if fmt == "markdown":
        return to_markdown(stats, Path(log_path).name)
    print_table(stats, log_name=Path(log_path).name)
    return None
