"""What a review report shows: the diff log joined with the original texts.

Where the original text comes from, per document (first that works):

* ``--source PATH``: the original documents, as given to ``cleaner clean`` (a folder whose
  relative paths are the log's doc ids, one file, or a JSONL corpus);
* ``--clean PATH``: the cleaned output; the original is rebuilt from it with the log
  (``cleaner revert``), e.g. after ``clean --in-place``;
* neither, or the file is missing or differs from what the log says: the document is shown
  from the log alone, each edit with its before/after and line:col but without the text
  around it (the report says so on that document).

A text is used only when it matches the log: its sha256 equals the log's
``original_sha256``, or at least every edit's ``before`` is found at its span
(then the report warns that the file changed since it was cleaned).
"""
from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..difflog import DocLog, read_log, sha256
from ..edits import LogMismatch, revert
from ..fileio import BadLine, InputError, iter_files, iter_jsonl, read_text_file
from ..model import Change, Status
from .decisions import file_sha256

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
_JSONL_ID = re.compile(r"^(.*\.jsonl?)#(\d+)$", re.IGNORECASE)


def utf16_offsets(text: str):
    """A function mapping code-point offsets of ``text`` to UTF-16 offsets (what JavaScript slices by).

    >>> f = utf16_offsets("a\\U0001F600b")
    >>> [f(i) for i in range(4)]
    [0, 1, 3, 4]
    """
    astral = [m.start() for m in _ASTRAL.finditer(text)]
    if not astral:
        return lambda i: i
    return lambda i: i + bisect.bisect_left(astral, i)


@dataclass
class TextLookup:
    """Finds the text of logged documents under a path given on the command line."""

    root: Path
    fmt: str = "auto"  # auto | text | jsonl
    text_field: str = "text"
    id_field: str | None = None
    encoding_errors: str = "strict"
    _jsonl: dict[str, str] | None = field(default=None, repr=False)
    errors: list[str] = field(default_factory=list)

    def _is_jsonl(self, ids) -> bool:
        if self.fmt != "auto":
            return self.fmt == "jsonl"
        if self.root.is_file() and self.root.suffix.lower() in (".jsonl", ".ndjson"):
            return True
        return bool(ids) and all(_JSONL_ID.match(d) for d in ids)

    def load(self, ids: list[str]) -> dict[str, str]:
        """Texts found for ``ids`` (others are left out; ``errors`` says why when a file could not be read)."""
        if not self.root.exists():
            raise InputError(f"{self.root}: no such file or folder")
        if self._is_jsonl(ids):
            return self._load_jsonl(set(ids))
        found: dict[str, str] = {}
        if self.root.is_file():
            targets = {d: self.root for d in ids if d in (self.root.name, self.root.as_posix())}
            if not targets and len(ids) == 1:
                targets = {ids[0]: self.root}
        else:
            # a log's ids name files inside the folder: never one outside it (``../x``, ``/etc/x``)
            targets = {d: self.root / d for d in ids
                       if not Path(d).is_absolute() and ".." not in Path(d).parts}
        for doc_id, path in targets.items():
            if not path.is_file():
                continue
            try:
                text = read_text_file(path, self.encoding_errors)
            except InputError as exc:
                self.errors.append(str(exc))
                continue
            if text is not None:
                found[doc_id] = text
        return found

    def _load_jsonl(self, ids: set[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        files = [self.root] if self.root.is_file() else list(iter_files(self.root))
        base = self.root.parent if self.root.is_file() else self.root
        for path in files:
            if path.suffix.lower() not in (".jsonl", ".ndjson", ".json"):
                continue
            rel = path.relative_to(base).as_posix() if self.root.is_dir() else path.name
            try:
                for item in iter_jsonl(path, self.text_field, self.id_field, self.encoding_errors, on_error="skip"):
                    if isinstance(item, BadLine):
                        continue
                    doc_id = item.doc_id or f"{rel}#{item.line}"
                    if doc_id in ids:
                        found[doc_id] = item.text
            except InputError as exc:
                self.errors.append(str(exc))
        return found


@dataclass
class ReportDoc:
    doc_id: str
    entry: DocLog
    text: str | None = None
    origin: str = "log"  # source | clean | log
    note: str = ""


def _fits(text: str, changes: list[Change]) -> bool:
    return all(text[c.start:c.end] == c.before for c in changes)


def resolve_texts(entries: list[DocLog], source: TextLookup | None, clean: TextLookup | None) -> list[ReportDoc]:
    """One :class:`ReportDoc` per entry, with its original text when one can be trusted."""
    docs = [ReportDoc(e.doc_id, e) for e in entries]
    ids = [d.doc_id for d in docs]
    from_source = source.load(ids) if source else {}
    from_clean = clean.load([i for i in ids if i not in from_source]) if clean else {}
    for doc in docs:
        want = doc.entry.header.get("original_sha256")
        notes = []
        if doc.doc_id in from_source:
            text = from_source[doc.doc_id]
            if (sha256(text) == want) if want else _fits(text, doc.entry.changes):
                doc.text, doc.origin = text, "source"
                continue
            if _fits(text, doc.entry.changes):
                doc.text, doc.origin = text, "source"
                doc.note = ("the source file differs from the original that was cleaned (sha256); "
                            "the edits still fit, but `cleaner apply` will refuse it")
                continue
            notes.append("the source file is not the original that was cleaned")
        elif source:
            notes.append(f"no source file for it under {source.root}")
        if doc.doc_id in from_clean:
            try:
                text = revert(from_clean[doc.doc_id], doc.entry.changes)
            except LogMismatch:
                text = None
            if text is not None and (sha256(text) == want if want else _fits(text, doc.entry.changes)):
                doc.text, doc.origin = text, "clean"
                continue
            notes.append("the cleaned file does not match the log")
        elif clean:
            notes.append(f"no cleaned file for it under {clean.root}")
        if not (source or clean):
            notes.append("no --source given")
        doc.note = "; ".join(notes) + ": shown from the log alone, without context"
    return docs


def _round(x: float) -> float:
    return round(float(x), 4)


def edit_json(c: Change, to16) -> dict:
    d = {"id": c.id, "r": c.rule, "s": to16(c.start), "e": to16(c.end), "b": c.before, "a": c.after,
         "st": c.status.value, "sf": c.safety.value, "c": _round(c.confidence), "m": c.message,
         "l": c.line, "co": c.col}
    if c.evidence:
        d["ev"] = list(c.evidence)
    if c.composed_of:
        d["cp"] = list(c.composed_of)
    return d


def build(log_path: Path, source: TextLookup | None = None, clean: TextLookup | None = None,
          title: str | None = None, max_docs: int | None = None) -> dict:
    """The data embedded in the report (see ``report.js`` for how each key is used).

    Counts (summary, rules, families) cover the whole log; with ``max_docs`` only the first
    ``max_docs`` documents with edits (in log order) are embedded for review.
    """
    logs = read_log(log_path)
    with_edits = [e for e in logs.values() if e.changes]
    rules: dict[str, dict] = {}
    by_family: dict[str, Counter] = defaultdict(Counter)
    status_total: Counter = Counter()
    for entry in with_edits:
        for c in entry.changes:
            info = rules.setdefault(c.rule, {"name": c.name, "family": c.category or "other",
                                             "applied": 0, "suggested": 0, "rolled_back": 0})
            info[c.status.value] = info.get(c.status.value, 0) + 1
            by_family[info["family"]][c.status.value] += 1
            status_total[c.status.value] += 1
    shown = with_edits if max_docs is None else with_edits[:max(0, max_docs)]
    out_docs = []
    for doc in resolve_texts(shown, source, clean):
        to16 = utf16_offsets(doc.text) if doc.text is not None else (lambda i: i)
        h = doc.entry.header
        d = {"id": doc.doc_id, "t": doc.text, "o": doc.origin, "n": len(doc.entry.changes),
             "ed": [edit_json(c, to16) for c in doc.entry.changes]}
        if doc.note:
            d["note"] = doc.note
        findings = [f for f in h.get("findings", []) if f.get("detected")]
        if findings:
            d["f"] = [{"k": f.get("kind", ""), "s": f.get("score", 0), "ev": f.get("evidence", [])[:5]}
                      for f in findings]
        if h.get("rolled_back"):
            d["rb"] = h["rolled_back"]
        out_docs.append(d)
    return {
        "schema": 1,
        "title": title or f"Review of {log_path.name}",
        "log": log_path.name,
        "log_sha256": file_sha256(log_path),
        "source": str(source.root) if source else (f"{clean.root} (cleaned, reverted)" if clean else ""),
        "documents": len(logs),
        "with_edits": len(with_edits),
        "shown": len(out_docs),
        "changed": sum(any(c.status is Status.APPLIED for c in e.changes) for e in with_edits),
        "unresolved": sum(d["o"] == "log" for d in out_docs),
        "status": dict(status_total),
        "families": {f: dict(c) for f, c in sorted(by_family.items())},
        "rules": dict(sorted(rules.items())),
        "docs": out_docs,
        "lookup_errors": (source.errors if source else []) + (clean.errors if clean else []),
    }
