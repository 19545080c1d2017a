"""detect -> choose packs -> propose -> resolve overlaps -> apply -> repeat -> check invariants.

The engine is deliberately small: detectors and kinds do the judging, and
:mod:`cleaner.edits` does every text change. Each pass sees the output of the
last; its edits are composed into the log in ORIGINAL offsets. It stops at a
fixed point or at ``max_passes`` (reported as not converged), and rolls a
document back whole if too much of it changed (an invariant, not a rule).
"""
from __future__ import annotations

import bisect
import functools
import re
from pathlib import Path
from typing import Iterable

import ahocorasick

from .config import CleanerConfig
from .corpus import CorpusKnowledge, learn
from .detectors import all_detectors, profile_document
from .edits import apply_edits, assign_out_offsets, compose, line_col, line_start_offsets, original_mapper, \
    resolve_overlaps
from .kinds import compile_rules
from .kinds.regex_edit import RuleTimeout
from .lang.langid import foreign_lines
from .lexicon import read_rows
from .model import Change, CleanResult, Document, Edit, RuleCounters, Safety, Status
from .registry import Registry, RuleSpec, load_registry, rule_dirs
from .windows import clean_in_windows


@functools.lru_cache(maxsize=4)
def protected_automaton(dirs: tuple[Path, ...]) -> ahocorasick.Automaton | None:
    """Terms no rule may change (``lexicons/protected.txt`` of each rules folder), case-sensitive."""
    auto = ahocorasick.Automaton()
    for path in (d / "lexicons" / "protected.txt" for d in dirs):
        if path.is_file():
            for _, cols in read_rows(path):
                auto.add_word(cols[0], len(cols[0]))
    if len(auto) == 0:
        return None
    auto.make_automaton()
    return auto


class Engine:
    """Holds the compiled rules for one configuration; clean as many documents as you like with it."""

    def __init__(self, config: CleanerConfig | None = None, registry: Registry | None = None):
        self.config = config or CleanerConfig()
        self.registry = registry or load_registry(rule_dirs(self.config.rules_dirs))
        self.rules: list[RuleSpec] = self.registry.select(self.config.select, self.config.ignore,
                                                          self.config.preview)
        self.matchers = compile_rules(self.rules, self.config.regex_timeout)
        self.detectors = all_detectors()
        self.protected = protected_automaton(tuple(self.registry.dirs))

    # -- safety -----------------------------------------------------------------------------
    def effective_safety(self, edit: Edit) -> Safety:
        """A rule's per-occurrence safety, moved by ``extend-safe-fixes``/``extend-unsafe-fixes``."""
        rule = self.registry.rules[edit.rule_id]
        if edit.safety is Safety.SUGGESTION:
            return edit.safety
        if self.config.extend_unsafe_fixes and self.registry.matches(rule, self.config.extend_unsafe_fixes):
            return Safety.UNSAFE
        if self.config.extend_safe_fixes and self.registry.matches(rule, self.config.extend_safe_fixes):
            return Safety.SAFE
        return edit.safety

    def applies(self, safety: Safety) -> bool:
        return safety is Safety.SAFE or (safety is Safety.UNSAFE and self.config.unsafe_fixes)

    # -- one pass ---------------------------------------------------------------------------
    def _protected_spans(self, text: str) -> list[tuple[int, int]]:
        if self.protected is None:
            return []
        return [(end - length + 1, end + 1) for end, length in self.protected.iter(text)]

    def _protected_test(self, text: str):
        """``touches(start, end)``: whether ``[start, end)`` shares a character with a protected occurrence."""
        spans = sorted(self._protected_spans(text))
        starts = [s for s, _ in spans]
        reach, furthest = [], -1  # reach[i]: the furthest end among spans[:i + 1]
        for _, e in spans:
            furthest = max(furthest, e)
            reach.append(furthest)

        def touches(start: int, end: int) -> bool:
            i = bisect.bisect_left(starts, end) - 1  # spans[:i + 1] start before ``end``
            return i >= 0 and reach[i] > start

        return touches

    def propose(self, doc: Document, counters: dict[str, RuleCounters], warnings: list[str],
                undecodable: bool = False) -> list[Edit]:
        """Every gated matcher's edits; ``undecodable``: the text holds surrogate-escaped bytes."""
        protected = self._protected_test(doc.text)
        language = doc.profile.language
        foreign_at = _foreign_line_test(doc.text) if doc.profile.foreign_lines else None
        edits: list[Edit] = []
        for matcher in self.matchers:
            if not doc.profile.satisfies(matcher.rules[0].requires):
                continue
            if not any(rule.knows_language(language) for rule in matcher.rules):
                continue  # an English pack on a French document: not even asked
            try:
                proposed = list(matcher.propose(doc))
            except RuleTimeout as exc:
                warnings.append(f"{doc.doc_id}: {exc}; those rules were skipped for this document")
                continue
            for edit in proposed:
                count = counters.setdefault(edit.rule_id, RuleCounters())
                count.proposed += 1
                if matcher.respects_protected and protected(edit.start, edit.end):
                    count.skipped_protected += 1
                    continue
                rule = self.registry.rules[edit.rule_id]
                if not rule.knows_language(language) or (
                        foreign_at is not None and not rule.knows_language(foreign_at(edit.start) or language)):
                    count.skipped_language += 1
                    continue
                if undecodable and joins_undecodable_bytes(doc.text, edit):
                    count.skipped_protected += 1
                    continue
                safety = self.effective_safety(edit)
                edits.append(edit if safety is edit.safety else _with_safety(edit, safety))
        return edits

    # -- whole document ---------------------------------------------------------------------
    def clean_one(self, text: str, doc_id: str = "-", corpus: CorpusKnowledge | None = None) -> CleanResult:
        if corpus is None and self.config.corpus_knowledge:
            corpus = learn([(doc_id, text)])
        if len(text) > self.config.window_chars:  # memory follows the window (see cleaner.windows)
            result = clean_in_windows(lambda part: self._clean_whole(part, doc_id, corpus), text, doc_id,
                                      self.config.window_chars)
        else:
            result = self._clean_whole(text, doc_id, corpus)
        finalize(result)
        return result

    def _clean_whole(self, text: str, doc_id: str, corpus: CorpusKnowledge | None) -> CleanResult:
        profile = profile_document(Document(text, doc_id, corpus=corpus), self.detectors)
        counters: dict[str, RuleCounters] = {}
        warnings: list[str] = []
        changes: list[Change] = []
        suggestions: dict[tuple, Change] = {}
        current, converged, passes = text, False, 0
        for passes in range(1, self.config.max_passes + 1):
            doc = Document(current, doc_id, profile, corpus, passes)
            undecodable = _UNDECODABLE.search(current) is not None
            proposed = self.propose(doc, counters, warnings, undecodable)
            to_apply = [e for e in proposed if self.applies(e.safety)]
            to_original = original_mapper(changes)
            for e in proposed:
                if not self.applies(e.safety):
                    self._remember_suggestion(text, to_original, e, passes, suggestions, counters)
            winners, losers = resolve_overlaps(to_apply)
            if winners and undecodable:
                winners, deferred = defer_adjacent_edits(current, winners)
                losers += deferred
            for e in losers:
                counters[e.rule_id].skipped_overlap += 1
            if not winners:
                converged = True
                break
            for e in winners:
                counters[e.rule_id].applied += 1
            changes = compose(text, current, changes, winners,
                              functools.partial(self._make_change, passes=passes))
            current = apply_edits(current, winners)
            if any(e.rule_id.startswith(ENCODING_FAMILY) for e in winners):
                # detectors judge the text as it reads once its encoding is repaired ("Ë¦" is not "˦"):
                # so cleaning the clean text again sees the same document, and changes nothing
                profile = profile_document(Document(current, doc_id, corpus=corpus), self.detectors)
        else:
            leftover = self.propose(Document(current, doc_id, profile, corpus, passes + 1), {}, [])
            converged = not any(self.applies(e.safety) for e in leftover)
        if not converged:
            warnings.append(f"{doc_id}: did not converge after {self.config.max_passes} passes")
        result = CleanResult(doc_id, text, current, profile, changes, counters, passes, converged, warnings=warnings)
        self._check_invariants(result)
        applied = sorted(result.applied, key=lambda a: (a.start, a.end))  # disjoint: their ends are sorted too
        starts = [a.start for a in applied]

        def overlaps_applied(c: Change) -> bool:
            j = bisect.bisect_left(starts, c.end) - 1
            while j >= 0 and applied[j].end > c.start:
                if c.start < applied[j].end and applied[j].start < c.end:
                    return True
                j -= 1
            return False

        live = [c for c in suggestions.values() if not overlaps_applied(c)]
        result.changes = sorted(result.changes + live, key=lambda c: (c.start, c.end, c.status.value))
        return result

    def clean_many(self, docs: Iterable[tuple[str, str]], corpus: CorpusKnowledge | None = None):
        for doc_id, text in docs:
            yield self.clean_one(text, doc_id, corpus)

    # -- helpers ----------------------------------------------------------------------------
    def _make_change(self, edit: Edit, start: int, end: int, before: str, after: str, absorbed, *,
                     passes: int, status: Status = Status.APPLIED) -> Change:
        rule = self.registry.rules[edit.rule_id]
        composed = tuple(getattr(a, "rule", None) or getattr(a, "rule_id") for a in absorbed)
        return Change(rule=rule.id, start=start, end=end, before=before, after=after, message=edit.message,
                      safety=edit.safety, status=status, confidence=edit.confidence, evidence=edit.evidence,
                      name=rule.name, category=rule.category, reason=rule.reason, pass_no=passes,
                      composed_of=composed)

    def _remember_suggestion(self, original: str, to_original, edit: Edit, passes: int,
                             suggestions: dict, counters: dict[str, RuleCounters]) -> None:
        span = to_original(edit.start, edit.end)
        if span is None:
            return
        key = (edit.rule_id, span, edit.after)
        if key not in suggestions:
            counters[edit.rule_id].suggested += 1
            suggestions[key] = self._make_change(edit, span[0], span[1], original[span[0]:span[1]], edit.after,
                                                 (), passes=passes, status=Status.SUGGESTED)

    def _check_invariants(self, result: CleanResult) -> None:
        """Roll the whole document back when its edits rewrote too much of it to be trusted."""
        n = len(result.original)
        if n < self.config.min_length_for_ratio or not result.changes:
            return
        # Rules that only delete whole lines of recognised furniture (YAML ``exempt_from_change_ratio: true``)
        # do not count: a short article under a long spam footer legitimately loses most of its text.
        changed = sum(max(len(c.before), len(c.after)) for c in result.changes
                      if not self.registry.rules[c.rule].params.get("exempt_from_change_ratio"))
        if changed / n > self.config.max_change_ratio:
            result.rolled_back = (f"edits would change {changed / n:.0%} of the document "
                                  f"(limit {self.config.max_change_ratio:.0%})")
            result.warnings.append(f"{result.doc_id}: rolled back: {result.rolled_back}")
            for c in result.changes:
                c.status = Status.ROLLED_BACK
            result.text = result.original


def _foreign_line_test(text: str):
    """``at(offset)``: the language of the foreign line holding ``offset`` (cleaner/lang/langid.py), or None."""
    lines = foreign_lines(text)
    starts = [start for start, _, _ in lines]

    def at(offset: int) -> str | None:
        i = bisect.bisect_right(starts, offset) - 1
        return lines[i][2] if i >= 0 and offset < lines[i][1] else None

    return at


ENCODING_FAMILY = "MOJ"  # after a pass that repaired the encoding, the document is profiled again
_UNDECODABLE = re.compile("[\udc80-\udcff]")
UTF8_REACH = 3  # bytes of a UTF-8 sequence on either side of the one an edit touches


def joins_undecodable_bytes(text: str, edit: Edit) -> bool:
    r"""Whether ``edit`` makes undecodable bytes (kept as lone surrogates under ``surrogateescape``) meet.

    Deleting the ``\x01`` between the bytes ``C2`` and ``80`` leaves ``C2 80``, which is valid UTF-8 and
    would be read back as U+0080: the written file would no longer be the text the log describes. Such
    an edit is skipped, like an edit on a protected term.

    >>> joins_undecodable_bytes("\udce1\x01\udc80\udc80", Edit("X", 1, 2, "", "", Safety.SAFE))
    True
    >>> joins_undecodable_bytes("\udce1\x01 \udc80", Edit("X", 1, 2, "", "", Safety.SAFE))
    False
    """
    left = text[max(edit.start - UTF8_REACH, 0):edit.start]  # a UTF-8 sequence is up to 4 bytes long
    joined = left + edit.after + text[edit.end:edit.end + UTF8_REACH]
    return _UNDECODABLE.search(joined) is not None and not _survives_writing(joined)


def _survives_writing(text: str) -> bool:
    """Whether ``text`` reads back unchanged once written as UTF-8 with its undecodable bytes."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "surrogateescape") == text


def defer_adjacent_edits(text: str, winners: list[Edit]) -> tuple[list[Edit], list[Edit]]:
    """Keep only edits with an untouched character on each side when the pass would join undecodable bytes.

    :func:`joins_undecodable_bytes` judges each edit against its neighbours in the current text; two
    touching edits can still join bytes between them. The touching ones wait for the next pass, where
    they are judged against the text as it then is.
    """
    if _survives_writing(apply_edits(text, winners)):
        return winners, []
    ordered = sorted(winners, key=lambda e: (e.start, e.end))
    touching = {i for i in range(len(ordered) - 1) if ordered[i].end + UTF8_REACH >= ordered[i + 1].start}
    touching |= {i + 1 for i in touching}
    kept = [e for i, e in enumerate(ordered) if i not in touching]
    deferred = [e for i, e in enumerate(ordered) if i in touching]
    if not _survives_writing(apply_edits(text, kept)):
        near = [e for e in kept if _UNDECODABLE.search(text, max(e.start - UTF8_REACH, 0), e.end + UTF8_REACH)]
        kept = [e for e in kept if e not in near]
        deferred = sorted(deferred + near, key=lambda e: (e.start, e.end))
    return kept, deferred


def _with_safety(edit: Edit, safety: Safety) -> Edit:
    from dataclasses import replace

    return replace(edit, safety=safety)


def finalize(result: CleanResult) -> None:
    """Number the changes and give them output offsets and human line/column positions."""
    if not result.changes:
        return
    assign_out_offsets(result.changes)
    starts = line_start_offsets(result.original)
    for n, c in enumerate(result.changes, 1):
        c.id = f"e{n}"
        c.line, c.col = line_col(result.original, c.start, starts)
