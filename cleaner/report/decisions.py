"""Review decisions: which logged edits a reviewer accepted, and applying exactly those.

The HTML report (``cleaner report``) exports a decisions file; ``cleaner apply
ORIGINAL --log LOG --decisions FILE`` applies the accepted edits, and no
others, to the originals. The file is JSON::

    {
      "schema": 1,
      "log": "difflog.jsonl",            # informational: the log the review was made on
      "log_sha256": "9f2c...",            # optional: sha256 of that log's bytes; apply refuses another log
      "rules": {"MOJ009": "reject",      # per rule code ...
                "SPN": "accept"},        # ... or per code prefix (a family's prefix)
      "decisions": {"news/a.txt": {"e3": "accept", "e7": "reject"}}   # per edit: doc id -> edit id -> verdict
    }

Every value is ``"accept"`` or ``"reject"``. The verdict on one edit is, first match wins:

1. its own entry under ``decisions`` (per edit);
2. the ``rules`` entry for its exact rule code;
3. the longest ``rules`` key that is a prefix of its rule code;
4. the default: edits the log marks ``applied`` are accepted; ``suggested`` and
   ``rolled_back`` ones are rejected.

So an empty decisions file reproduces the cleaned text exactly. A rule entry
matches the edit's own ``rule`` (the lead rule of a composed edit; its
``composed_of`` rules are not consulted), as ``--exclude-rule`` does.
Accepted edits must not overlap (two suggestions for the same words are
alternatives: accept at most one).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..difflog import DocLog, dumps, sha256
from ..edits import LogMismatch, assign_out_offsets, replay
from ..fileio import InputError
from ..model import Change, Status

SCHEMA = 1
VERDICTS = ("accept", "reject")


class DecisionsError(InputError):
    """The decisions file is malformed or was made on another diff log."""


def default_verdict(change: Change) -> str:
    """Applied edits are accepted by default; suggestions and rolled-back edits are rejected."""
    return "accept" if change.status is Status.APPLIED else "reject"


def file_sha256(path: Path | str) -> str:
    import hashlib

    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@dataclass
class Decisions:
    """Parsed decisions; :meth:`verdict` applies the precedence described in the module docs."""

    rules: dict[str, str] = field(default_factory=dict)
    edits: dict[str, dict[str, str]] = field(default_factory=dict)
    log: str = ""
    log_sha256: str = ""
    source: str = "(no decisions)"
    exclude_rules: tuple[str, ...] = ()  # --exclude-rule / --exclude-edit: rejected whatever the file says
    exclude_edits: frozenset[tuple[str, str]] = frozenset()  # (document id, edit id)

    @classmethod
    def from_json(cls, obj, source: str = "decisions") -> "Decisions":
        """Validate a parsed decisions object.

        >>> d = Decisions.from_json({"schema": 1, "rules": {"MOJ": "reject"}, "decisions": {"a": {"e1": "accept"}}})
        >>> d.rules, d.edits
        ({'MOJ': 'reject'}, {'a': {'e1': 'accept'}})
        >>> Decisions.from_json({"schema": 1, "rules": {"MOJ": "maybe"}})
        Traceback (most recent call last):
        ...
        cleaner.report.decisions.DecisionsError: decisions: rules.MOJ: 'maybe' is not "accept" or "reject"
        """
        if not isinstance(obj, dict):
            raise DecisionsError(f"{source}: a decisions file is a JSON object, not {type(obj).__name__}")
        schema = obj.get("schema", SCHEMA)
        if not isinstance(schema, int) or schema > SCHEMA:
            raise DecisionsError(f"{source}: schema {schema!r} is not one this cleaner understands (1)")
        rules = obj.get("rules") or {}
        edits = obj.get("decisions") or {}
        if not isinstance(rules, dict):
            raise DecisionsError(f"{source}: 'rules' must map rule codes to \"accept\" or \"reject\"")
        if not isinstance(edits, dict):
            raise DecisionsError(f"{source}: 'decisions' must map document ids to {{edit id: verdict}}")
        for code, verdict in rules.items():
            _check_verdict(verdict, f"{source}: rules.{code}")
        for doc, per_doc in edits.items():
            if not isinstance(per_doc, dict):
                raise DecisionsError(f"{source}: decisions[{doc!r}] must map edit ids to \"accept\" or \"reject\"")
            for edit_id, verdict in per_doc.items():
                _check_verdict(verdict, f"{source}: decisions[{doc!r}].{edit_id}")
        log_hash = obj.get("log_sha256") or ""
        if not isinstance(log_hash, str):
            raise DecisionsError(f"{source}: 'log_sha256' must be a string")
        return cls(dict(rules), {d: dict(e) for d, e in edits.items()}, str(obj.get("log") or ""), log_hash, source)

    @classmethod
    def load(cls, path: Path | str) -> "Decisions":
        try:
            with open(path, encoding="utf-8") as fh:
                obj = json.load(fh)
        except OSError as exc:
            raise DecisionsError(f"{path}: cannot read decisions: {exc.strerror}") from None
        except ValueError as exc:  # UnicodeDecodeError too
            raise DecisionsError(f"{path}: not valid JSON: {exc}") from None
        except RecursionError:
            raise DecisionsError(f"{path}: not valid JSON: nested too deeply") from None
        return cls.from_json(obj, str(path))

    def to_json(self) -> dict:
        return {"schema": SCHEMA, "log": self.log, "log_sha256": self.log_sha256, "rules": dict(self.rules),
                "decisions": {d: dict(e) for d, e in self.edits.items()}}

    def verdict(self, doc_id: str, change: Change) -> tuple[str, str]:
        """(``accept``/``reject``, why): why is ``edit``, ``rule CODE`` or ``default``.

        >>> from cleaner.model import Safety
        >>> c = Change("MOJ009", 0, 2, "  ", " ", "", Safety.UNSAFE, Status.APPLIED, id="e1")
        >>> Decisions(rules={"MOJ": "reject"}).verdict("d", c)
        ('reject', 'rule MOJ')
        >>> Decisions(rules={"MOJ": "reject", "MOJ009": "accept"}).verdict("d", c)
        ('accept', 'rule MOJ009')
        >>> Decisions(rules={"MOJ009": "reject"}, edits={"d": {"e1": "accept"}}).verdict("d", c)
        ('accept', 'edit')
        >>> Decisions().verdict("d", c)
        ('accept', 'default')
        """
        if (doc_id, change.id) in self.exclude_edits:
            return "reject", "--exclude-edit"
        if any(change.rule.startswith(r) for r in self.exclude_rules):
            return "reject", "--exclude-rule"
        own = self.edits.get(doc_id, {}).get(change.id)
        if own:
            return own, "edit"
        if change.rule in self.rules:
            return self.rules[change.rule], f"rule {change.rule}"
        prefixes = [p for p in self.rules if change.rule.startswith(p)]
        if prefixes:
            p = max(prefixes, key=len)
            return self.rules[p], f"rule {p}"
        return default_verdict(change), "default"

    def check_log(self, logs: dict[str, DocLog], log_path: Path | str | None = None) -> None:
        """Refuse decisions made on another log: a different log hash, or documents and edits it lacks."""
        if self.log_sha256 and log_path is not None:
            actual = file_sha256(log_path)
            if actual != self.log_sha256:
                raise DecisionsError(
                    f"{self.source}: these decisions were made on another diff log "
                    f"({self.log or 'log'} sha256 {self.log_sha256[:12]}...; {log_path} is {actual[:12]}...); "
                    f"edit ids are only meaningful in the log they came from")
        for doc_id, per_doc in self.edits.items():
            if doc_id not in logs:
                raise DecisionsError(f"{self.source}: document {doc_id!r} is not in the diff log")
            ids = {c.id for c in logs[doc_id].changes}
            unknown = sorted(set(per_doc) - ids, key=_id_key)
            if unknown:
                raise DecisionsError(f"{self.source}: document {doc_id!r} has no edit {', '.join(unknown[:5])} "
                                     f"in the diff log")


def _check_verdict(verdict, where: str) -> None:
    if verdict not in VERDICTS:
        raise DecisionsError(f"{where}: {verdict!r} is not \"accept\" or \"reject\"")


def _id_key(edit_id: str):
    return (len(edit_id), edit_id)


@dataclass
class DocOutcome:
    """What applying the decisions did to one document."""

    text: str
    records: list[dict]
    accepted: list[Change]
    rejected: list[Change]

    @property
    def accepted_suggestions(self) -> int:
        return sum(c.status is not Status.APPLIED for c in self.accepted)

    @property
    def rejected_applied(self) -> int:
        return sum(c.status is Status.APPLIED for c in self.rejected)


def choose(entry: DocLog, decisions: Decisions) -> tuple[list[tuple[Change, str, str]], list[Change]]:
    """Each change with its verdict and reason, and the accepted ones (checked not to overlap)."""
    judged = [(c, *decisions.verdict(entry.doc_id, c)) for c in entry.changes]
    accepted = sorted((c for c, v, _ in judged if v == "accept"), key=lambda c: (c.start, c.end))
    reach: Change | None = None  # the accepted change reaching furthest right so far
    for b in accepted:
        a = reach
        if a is not None and _overlap(a, b):
            raise DecisionsError(
                f"{decisions.source}: {entry.doc_id}: accepted edits {a.id} ({a.rule} {a.before!r} -> {a.after!r}) "
                f"and {b.id} ({b.rule} {b.before!r} -> {b.after!r}) overlap; reject one of them")
        if reach is None or b.end >= reach.end:
            reach = b
    return judged, accepted


def _overlap(a: Change, b: Change) -> bool:
    """Whether two edits cannot both be applied: shared characters, an insertion strictly inside the
    other's span, or two insertions at the same point (their order would be a guess).

    >>> from cleaner.model import Safety
    >>> c = lambda s, e: Change("R", s, e, "", "", "", Safety.SAFE, Status.APPLIED)
    >>> _overlap(c(0, 3), c(2, 5)), _overlap(c(0, 3), c(3, 5)), _overlap(c(3, 3), c(3, 5)), _overlap(c(1, 1), c(0, 3))
    (True, False, False, True)
    >>> _overlap(c(3, 3), c(3, 3))
    True
    """
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    if a.start == a.end:
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def apply_document(text: str, entry: DocLog, decisions: Decisions, what: str = "") -> DocOutcome:
    """Apply the accepted edits of one document to its original ``text``; build its new log records.

    The new log keeps every edit with its id and original offsets: accepted ones
    with status ``applied`` (and fresh output offsets), rejected ones as
    ``suggested`` (or ``rolled_back``), each with ``review`` (accepted/rejected)
    and ``review_by`` (edit, rule CODE, default). Reviewing the new log again
    with no decisions therefore reproduces the same output, and
    ``cleaner revert`` rebuilds the original from it.
    """
    what = what or entry.doc_id
    want = entry.header.get("original_sha256")
    if want and want != sha256(text):
        raise LogMismatch(f"the original of {what} does not match the log's original_sha256; "
                          f"the file or log was changed")
    judged, accepted = choose(entry, decisions)
    new_text = replay(text, accepted)
    new_changes: list[Change] = []
    reviews: list[tuple[str, str]] = []
    for c, verdict, why in judged:
        if verdict == "accept":
            status = Status.APPLIED
        else:
            status = Status.ROLLED_BACK if c.status is Status.ROLLED_BACK else Status.SUGGESTED
        new_changes.append(replace(c, status=status, out_start=None, out_end=None))
        reviews.append(("accepted" if verdict == "accept" else "rejected", why))
    assign_out_offsets(new_changes)
    from ..difflog import change_record  # local: keeps the import list short

    header = dict(entry.header) if entry.header else {"type": "document", "schema": 1, "doc": entry.doc_id,
                                                      "original_sha256": sha256(text),
                                                      "original_length": len(text)}
    header.update({
        "clean_sha256": sha256(new_text), "clean_length": len(new_text),
        "applied": sum(c.status is Status.APPLIED for c in new_changes),
        "suggested": sum(c.status is Status.SUGGESTED for c in new_changes),
        "review": {"decisions": decisions.source, "accepted": len(accepted),
                   "rejected": len(new_changes) - len(accepted)},
    })
    records = [header]
    for c, (review, why) in zip(new_changes, reviews):
        rec = change_record(entry.doc_id, c)
        rec["review"] = review
        rec["review_by"] = why
        records.append(rec)
    return DocOutcome(new_text, records, accepted, [c for c, v, _ in judged if v != "accept"])


def write_log(path: Path | str, outcomes: list[DocOutcome]) -> None:
    from ..fileio import atomic_write

    lines = [dumps(rec) + "\n" for o in outcomes for rec in o.records]
    atomic_write(Path(path), "".join(lines).encode("utf-8"))


def apply_with_decisions(original: Path, log_path: Path, output: Path, decisions_path: Path | None,
                         log_out: Path | None, exclude_rules: tuple[str, ...], exclude_edits: frozenset[tuple[str, str]],
                         run) -> list[DocOutcome]:
    """``cleaner apply --decisions/--log-out``: ``run(fn)`` maps every original through ``fn(text, entry, what)``
    (the CLI's file/folder/JSONL walker) and writes the outputs; then the new log is written."""
    import click

    from ..difflog import read_log

    decisions = Decisions.load(decisions_path) if decisions_path else Decisions(source="(no decisions file)")
    decisions.exclude_rules = tuple(exclude_rules)
    decisions.exclude_edits = frozenset(exclude_edits)
    decisions.check_log(read_log(log_path), log_path)
    outcomes: list[DocOutcome] = []

    def fn(text: str, entry: DocLog, what: str) -> str:
        outcome = apply_document(text, entry, decisions, what)
        outcomes.append(outcome)
        return outcome.text

    run(fn)
    if log_out:
        write_log(log_out, outcomes)
    accepted = sum(len(o.accepted) for o in outcomes)
    suggestions = sum(o.accepted_suggestions for o in outcomes)
    undone = sum(o.rejected_applied for o in outcomes)
    logged = sum(sum(c.status is Status.APPLIED for c in o.accepted + o.rejected) for o in outcomes)
    click.echo(f"cleaner: applied {accepted} edits to {len(outcomes)} document(s): {accepted - suggestions} of "
               f"{logged} logged as applied, {suggestions} accepted suggestion(s); {undone} rejected"
               + (f"; new log {log_out}" if log_out else ""), err=True)
    return outcomes
