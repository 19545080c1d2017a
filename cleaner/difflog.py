"""The JSONL diff log: write it, read it, and check it against texts.

Per document, one ``document`` header (ids, hashes, findings, counters) and one
``edit`` record per change. The log alone, with the cleaned text, rebuilds the
original (:func:`cleaner.edits.revert`); with the original it re-applies any
subset of the edits (:func:`cleaner.edits.replay`).
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import IO, Iterable, Iterator

from .model import SCHEMA_VERSION, Change, CleanResult, Safety, Status


class LogError(ValueError):
    """The diff log is malformed; the message names the file and line."""


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def document_record(result: CleanResult) -> dict:
    counters = {rule: {k: v for k, v in asdict(c).items() if v} for rule, c in sorted(result.counters.items())}
    return {
        "type": "document", "schema": SCHEMA_VERSION, "doc": result.doc_id,
        "original_sha256": sha256(result.original), "clean_sha256": sha256(result.text),
        "original_length": len(result.original), "clean_length": len(result.text),
        "findings": [f.to_json() for _, f in sorted(result.profile.findings.items())],
        "profile": result.profile.kinds, "passes": result.passes, "converged": result.converged,
        "rolled_back": result.rolled_back, "warnings": result.warnings,
        "applied": len(result.applied), "suggested": len(result.suggested), "counters": counters,
    }


def change_record(doc_id: str, c: Change) -> dict:
    return {
        "type": "edit", "schema": SCHEMA_VERSION, "doc": doc_id, "id": c.id, "rule": c.rule, "name": c.name,
        "category": c.category, "status": c.status.value, "safety": c.safety.value,
        "start": c.start, "end": c.end, "out_start": c.out_start, "out_end": c.out_end,
        "before": c.before, "after": c.after, "line": c.line, "col": c.col,
        "confidence": c.confidence, "message": c.message, "reason": c.reason,
        "evidence": list(c.evidence), "pass": c.pass_no, "composed_of": list(c.composed_of),
    }


def records(result: CleanResult) -> Iterator[dict]:
    yield document_record(result)
    for c in result.changes:
        yield change_record(result.doc_id, c)


def dumps(rec: dict) -> str:
    """One JSON line; lone surrogates (bytes kept by surrogateescape) are written as \\u escapes."""
    line = json.dumps(rec, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(rec, ensure_ascii=True)
    return line


def write_records(fh: IO[str], result: CleanResult) -> None:
    for rec in records(result):
        fh.write(dumps(rec) + "\n")


def change_from_record(rec: dict) -> Change:
    """A log record as a :class:`Change`; wrong types and impossible spans raise ValueError (with the field)."""
    for key in ("rule", "before", "after", "status"):
        if not isinstance(rec.get(key), str):
            raise ValueError(f"field {key!r} must be a string")
    for key in ("start", "end"):
        if not _is_int(rec.get(key)) or rec[key] < 0:
            raise ValueError(f"field {key!r} must be a non-negative integer")
    if rec["start"] > rec["end"]:
        raise ValueError(f"span {rec['start']}-{rec['end']} is reversed")
    if rec["end"] - rec["start"] != len(rec["before"]):
        raise ValueError(f"span {rec['start']}-{rec['end']} does not hold 'before' ({len(rec['before'])} characters)")
    out = (rec.get("out_start"), rec.get("out_end"))
    if out != (None, None):
        if not all(_is_int(v) and v >= 0 for v in out) or out[0] > out[1] or out[1] - out[0] != len(rec["after"]):
            raise ValueError(f"output span {out[0]}-{out[1]} is not a span of 'after'")
    for key in ("evidence", "composed_of"):
        if not isinstance(rec.get(key, ()), (list, tuple)):
            raise ValueError(f"field {key!r} must be a list")
    return Change(
        rule=rec["rule"], start=rec["start"], end=rec["end"], before=rec["before"], after=rec["after"],
        message=rec.get("message", ""), safety=Safety(rec.get("safety", "safe")), status=Status(rec["status"]),
        confidence=rec.get("confidence", 1.0), evidence=tuple(rec.get("evidence", ())), name=rec.get("name", ""),
        category=rec.get("category", ""), reason=rec.get("reason", ""), pass_no=rec.get("pass", 0),
        composed_of=tuple(rec.get("composed_of", ())), out_start=rec.get("out_start"), out_end=rec.get("out_end"),
        id=rec.get("id", ""), line=rec.get("line", 0), col=rec.get("col", 0),
    )


def _check_lengths(change: Change, header: dict) -> None:
    """Spans must lie inside the texts whose lengths the document record gives: ``0 <= start <= end <= len``."""
    original, clean = header.get("original_length"), header.get("clean_length")
    if _is_int(original) and change.end > original:
        raise ValueError(f"span {change.start}-{change.end} is outside the original ({original} characters)")
    if _is_int(clean) and change.out_end is not None and change.out_end > clean:
        raise ValueError(f"output span {change.out_start}-{change.out_end} is outside the clean text "
                         f"({clean} characters)")


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class DocLog:
    """The log entries of one document."""

    def __init__(self, doc_id: str):
        self.doc_id = doc_id
        self.header: dict = {}
        self.changes: list[Change] = []

    @property
    def applied(self) -> list[Change]:
        return [c for c in self.changes if c.status is Status.APPLIED]


def read_log(path: Path | str) -> dict[str, DocLog]:
    """Parse a diff log into per-document entries, in file order."""
    docs: dict[str, DocLog] = {}
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise LogError(f"{path}: cannot read diff log: {exc.strerror}") from None
    with fh:
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise LogError(f"{path}:{n}: invalid UTF-8 at byte {exc.start} of the line; "
                                   f"a diff log is UTF-8 JSON Lines") from None
                rec = json.loads(line)
                if not isinstance(rec, dict):
                    raise LogError(f"{path}:{n}: malformed diff log record: a JSON {type(rec).__name__}, "
                                   f"not an object")
                if not isinstance(rec.get("doc"), str) or rec.get("type") not in ("document", "edit"):
                    raise ValueError("a record needs a string 'doc' and a 'type' of document or edit")
                doc = docs.setdefault(rec["doc"], DocLog(rec["doc"]))
                if rec.get("schema", SCHEMA_VERSION) > SCHEMA_VERSION:
                    raise LogError(f"{path}:{n}: schema {rec['schema']} is newer than this cleaner understands")
                if rec["type"] == "document":
                    doc.header = rec
                elif rec["type"] == "edit":
                    change = change_from_record(rec)
                    _check_lengths(change, doc.header)
                    doc.changes.append(change)
            except LogError:
                raise
            except RecursionError:
                raise LogError(f"{path}:{n}: malformed diff log record: nested too deeply") from None
            except (ValueError, KeyError, TypeError) as exc:
                raise LogError(f"{path}:{n}: malformed diff log record: {exc}") from None
    return docs


def summarize(logs: Iterable[DocLog]) -> dict:
    """Counts for end-of-run summaries and ``cleaner stats``."""
    by_rule: Counter[str] = Counter()
    by_category: Counter[str] = Counter()
    by_status: Counter[str] = Counter()
    documents = changed = 0
    for doc in logs:
        documents += 1
        changed += bool(doc.applied)
        for c in doc.changes:
            by_status[c.status.value] += 1
            if c.status is Status.APPLIED:
                by_rule[c.rule] += 1
                by_category[c.category] += 1
    return {"documents": documents, "documents_changed": changed, "by_status": dict(by_status),
            "by_category": dict(by_category.most_common()), "by_rule": dict(sorted(by_rule.items()))}
