"""The data that flows through cleaner: documents, findings, edits and results.

Rules never mutate text. A rule *proposes* :class:`Edit` objects in the
offsets of the text it was shown; the engine decides which ones to apply and
turns them into :class:`Change` records in the offsets of the ORIGINAL text,
which is what the diff log stores. Offsets are Python string indices, i.e.
Unicode code points.
"""
from __future__ import annotations

import enum
import functools
from dataclasses import dataclass, field
from typing import Any, Mapping

SCHEMA_VERSION = 1


class Safety(str, enum.Enum):
    """How sure a rule is about one occurrence (ruff's Applicability).

    SAFE edits are applied by ``clean``; UNSAFE ones only with
    ``--unsafe-fixes``; SUGGESTION ones are logged and reported, never applied.
    """

    SAFE = "safe"
    UNSAFE = "unsafe"
    SUGGESTION = "suggestion"

    @property
    def rank(self) -> int:
        return {"safe": 0, "unsafe": 1, "suggestion": 2}[self.value]


class Status(str, enum.Enum):
    """What happened to a logged change."""

    APPLIED = "applied"
    SUGGESTED = "suggested"  # not applied: a suggestion, or unsafe without --unsafe-fixes
    ROLLED_BACK = "rolled_back"  # proposed and applied, then undone by an invariant check


@dataclass(frozen=True)
class Finding:
    """A document-level verdict of a detector. Detectors never edit text.

    ``detected`` says whether the score passed the detector's threshold; the
    packs that ``require`` this kind only run when it is True.
    """

    kind: str
    score: float
    detected: bool
    evidence: tuple[str, ...] = ()
    reason: str = ""
    value: str = ""  # what was found, where it is a label rather than a score (the language: "fr")

    def to_json(self) -> dict[str, Any]:
        out = {
            "kind": self.kind,
            "score": round(self.score, 4),
            "detected": self.detected,
            "evidence": list(self.evidence),
            "reason": self.reason,
        }
        if self.value:
            out["value"] = self.value
        return out


@dataclass(frozen=True)
class Profile:
    """Findings of every detector for one document, keyed by kind."""

    findings: Mapping[str, Finding] = field(default_factory=dict)

    def has(self, kind: str) -> bool:
        finding = self.findings.get(kind)
        return bool(finding and finding.detected)

    def satisfies(self, requires: tuple[str, ...]) -> bool:
        return all(self.has(kind) for kind in requires)

    @property
    def language(self) -> str:
        """The document's language (``en`` when no language detector ran, as in rule examples)."""
        finding = self.findings.get("language")
        return finding.value if finding and finding.value else "en"

    @property
    def foreign_lines(self) -> bool:
        """Whether some lines of the document are in another language than the document."""
        finding = self.findings.get("language")  # detected on an English document: some lines are not
        return bool(finding and finding.detected and finding.value == "en")

    @property
    def kinds(self) -> list[str]:
        return sorted(k for k, f in self.findings.items() if f.detected)

    @classmethod
    def forcing(cls, kinds: tuple[str, ...] | list[str]) -> "Profile":
        """A profile in which the given kinds count as detected (used by rule examples)."""
        return cls({k: Finding(k, 1.0, True, ("forced",), "forced") for k in kinds})


@dataclass(frozen=True)
class Document:
    """What a rule sees: the current text plus document- and corpus-level knowledge."""

    text: str
    doc_id: str = "-"
    profile: Profile = field(default_factory=Profile)
    corpus: Any = None  # cleaner.corpus.CorpusKnowledge or None
    pass_no: int = 0

    @functools.cached_property
    def words(self) -> list[str]:
        """The text's word tokens (``cleaner.lang.tokens.WORD_RE``), found once for every detector."""
        from .lang.tokens import WORD_RE

        return WORD_RE.findall(self.text)


@dataclass(frozen=True)
class Edit:
    """A proposal from a rule: replace ``text[start:end]`` of the text the rule saw by ``after``."""

    rule_id: str
    start: int
    end: int
    after: str
    message: str
    safety: Safety
    confidence: float = 1.0
    evidence: tuple[str, ...] = ()
    priority: int = 0  # higher wins an overlap among equally safe edits

    def overlaps(self, other: "Edit") -> bool:
        """Overlap for resolution: shared characters, or two edits touching at a zero-width point.

        >>> e = lambda s, t: Edit("X", s, t, "", "", Safety.SAFE)
        >>> e(0, 3).overlaps(e(2, 5)), e(0, 3).overlaps(e(3, 5)), e(3, 3).overlaps(e(3, 5))
        (True, False, True)
        """
        if self.start == self.end or other.start == other.end:
            return self.start <= other.end and other.start <= self.end
        return self.start < other.end and other.start < self.end


@dataclass
class Change:
    """One record of the diff log, in ORIGINAL offsets (``start``/``end``).

    ``out_start``/``out_end`` locate ``after`` in the cleaned text (only for
    applied changes). ``composed_of`` lists earlier changes from previous
    passes that this one absorbed, so the log stays non-overlapping.
    """

    rule: str
    start: int
    end: int
    before: str
    after: str
    message: str
    safety: Safety
    status: Status
    confidence: float = 1.0
    evidence: tuple[str, ...] = ()
    name: str = ""
    category: str = ""
    reason: str = ""
    pass_no: int = 0
    composed_of: tuple[str, ...] = ()
    out_start: int | None = None
    out_end: int | None = None
    id: str = ""
    line: int = 0
    col: int = 0


@dataclass
class RuleCounters:
    proposed: int = 0
    applied: int = 0
    suggested: int = 0
    skipped_overlap: int = 0
    skipped_protected: int = 0
    skipped_language: int = 0  # proposed on a line in a language the rule does not know


@dataclass
class CleanResult:
    """Everything the engine learned about one document."""

    doc_id: str
    original: str
    text: str
    profile: Profile
    changes: list[Change]
    counters: dict[str, RuleCounters]
    passes: int
    converged: bool
    rolled_back: str = ""  # why the invariant check undid every edit, if it did
    warnings: list[str] = field(default_factory=list)  # e.g. a pack that hit the regex timeout

    @property
    def applied(self) -> list[Change]:
        return [c for c in self.changes if c.status is Status.APPLIED]

    @property
    def suggested(self) -> list[Change]:
        return [c for c in self.changes if c.status is not Status.APPLIED]

    @property
    def changed(self) -> bool:
        return self.text != self.original
