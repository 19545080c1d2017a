"""``thesaurus_context``: undo a spinner's thesaurus swap when English clearly prefers the word it replaced.

For each word or short phrase of a spun document that a thesaurus can produce ("outcome",
"menace", "make use of"), every word it can stand for (``cleaner.spinner.thesaurus``) is scored
in the same slot by the word-pair model (``cleaner.spinner.ngrams``: shipped counts plus the rest
of the corpus). The best candidate replaces the written form only when

* it reads at least ``suggest_gain`` log10 units (10x) more likely than the written form,
* and the swap mends the context: on one side the written form makes a pair English (or the rest
  of the corpus) never writes while the candidate's pair is attested, and on no side does the
  candidate lose an attested pair. A frequent word is never put in for a rare one on frequency alone.

A lexicon row's negative guard clauses ("!near:goal|scored" for assist -> support) still hold:
what a row says never to touch near its spun form, this rule does not touch either.

Confidence decides safety. A candidate the hand-written spinner lexicon lists for this form (a
spinner habit seen before, whose row guard did not hold here) is applied at a gain of ``safe_gain``
with words on both sides, neither of which English pairs with the written form (one odd side is
too little: "listened intently to"), and suggested from ``suggest_gain``. A candidate only the thesaurus offers is never applied: on the
development articles 15% of such choices were right (the shipped pair counts are too sparse to
tell "households" from "families"). With ``thesaurus_gain`` set it is suggested for review at that
gain where the written form pairs with neither neighbour; the bundled pack leaves it unset, since a
reviewer shown six wrong suggestions for one right one stops reading them. Capitalised
words inside a sentence are names, and very frequent words are the spinner's output too rarely
to be worth the risk; neither is touched.

YAML parameters: ``thesaurus`` (TSV), ``lexicon`` (spinner lexicon TSV, its originals first),
``safe_gain`` (default 3.0), ``suggest_gain`` (1.0), ``thesaurus_gain`` (unset), ``max_form_zipf`` (6.0).
"""
from __future__ import annotations

import re
from typing import Iterator

from wordfreq import zipf_frequency

from ..model import Document, Edit, Safety
from ..spinner.guards import Context, compile_guard
from ..spinner.lexicon import transfer_case, with_article
from ..spinner.lexicon import Entry as LexEntry
from ..spinner.ngrams import NAME as PAIRS, PairModel
from ..spinner.thesaurus import for_rule
from . import register_kind
from .base import RuleKind, make_edit, missing_files

WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
CLAUSE_BREAK = re.compile(r"[.!?;:()\[\]\"“”—–]|\n")
REPORTING = frozenset("said says told stated added announced warned confirmed reported claimed insisted".split())
SENTENCE_END = re.compile(r"(?:^|[.!?:\n]|[.!?][\"”’'])\s*[\"“‘']?\s*$")


@register_kind
class ThesaurusContext(RuleKind):
    name = "thesaurus_context"
    required_params = ("thesaurus",)

    def __init__(self, rules, regex_timeout: float = 5.0):
        super().__init__(rules, regex_timeout)
        self._loaded = None

    @classmethod
    def validate(cls, rule) -> list[str]:
        return super().validate(rule) + missing_files(rule, ("thesaurus", "lexicon"))

    def _thesaurus(self):
        """Loaded on the first spun document: the table is big and most corpora never need it."""
        if self._loaded is None:
            self._loaded = for_rule(self.rules[0])
        return self._loaded

    def propose(self, doc: Document) -> Iterator[Edit]:
        rule = self.rules[0]
        safe_gain = float(rule.params.get("safe_gain", 3.0))
        suggest_gain = float(rule.params.get("suggest_gain", 1.0))
        max_zipf = float(rule.params.get("max_form_zipf", 6.0))
        thesaurus_gain = rule.params.get("thesaurus_gain")  # None: thesaurus-only candidates are never proposed
        thesaurus_gain = float(thesaurus_gain) if thesaurus_gain is not None else None
        text = doc.text
        model = PairModel(doc.corpus.get(PAIRS) if doc.corpus is not None else None, text)
        for start, end, form in self._thesaurus().find(text):
            written = text[start:end]
            if not _plain(text, start, written) or zipf_frequency(form.spun, "en") >= max_zipf:
                continue
            left, right = neighbours(text, start, end)
            if right in REPORTING:
                continue  # "The army said": whoever speaks is named as the writer named it
            words = form.spun.split()
            base = model.fit(left, words, right)
            best, gain = None, 0.0
            vetoed = {orig for orig, veto in form.vetoes if not compile_guard(veto)(Context(text, start, end))}
            for cand in form.candidates:
                if cand == form.spun or cand in vetoed:
                    continue
                score = model.fit(left, cand.split(), right) - base
                if score > gain and in_context(model, left, cand.split(), right, words):
                    best, gain = cand, score
            if best is None:
                continue
            habit = best in form.habits
            if habit and gain >= safe_gain and left is not None and right is not None and \
                    odd_both(model, left, words, right):
                safety = Safety.SAFE
            elif habit and gain >= suggest_gain or \
                    thesaurus_gain is not None and gain >= thesaurus_gain and odd_both(model, left, words, right):
                safety = Safety.SUGGESTION
            else:
                continue
            match = with_article(text, start, end, transfer_case(written, best), _ARTICLE_ENTRY)
            yield make_edit(rule, text, match.start, match.end, match.after, safety=safety,
                            confidence=round(min(gain / (2 * safe_gain), 1.0), 3),
                            evidence=(f"context: {left or '^'} _ {right or '$'}", f"gain {gain:.2f} log10",
                                      "source: spinner lexicon" if habit else "source: thesaurus"))


_ARTICLE_ENTRY = LexEntry("", "", "thesaurus", "word", "", "", 0)


def _plain(text: str, start: int, written: str) -> bool:
    """Lowercase, or capitalised only as the first word of a sentence (otherwise a name)."""
    if written == written.lower():
        return True
    if written[1:] != written[1:].lower():
        return False
    return bool(SENTENCE_END.search(text[max(0, start - 4):start]))


def neighbours(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    """The words just before and after the span, or None across punctuation that ends a clause."""
    before = text[max(0, start - 40):start]
    after = text[end:end + 40]
    left = right = None
    m = list(WORD.finditer(before))
    if m and not CLAUSE_BREAK.search(before[m[-1].end():]):
        left = m[-1].group().lower().replace("’", "'")
    n = WORD.search(after)
    if n and not CLAUSE_BREAK.search(after[:n.start()]):
        right = n.group().lower().replace("’", "'")
    return left, right


def in_context(model: PairModel, left: str | None, cand: list[str], right: str | None, written: list[str]) -> bool:
    """The swap mends an odd pair and breaks none.

    On some side the written form makes a pair English does not attest (shipped counts or the rest of
    the corpus) while the candidate's pair is attested; and on no side does the candidate lose an
    attested pair the written form had. Gains that come from word frequency alone never qualify.
    """
    mends = False
    for a, b, c, d in ((left, cand[0], left, written[0]), (cand[-1], right, written[-1], right)):
        if a is None or b is None:
            continue
        has_cand, has_written = model.attested(a, b) > 0, model.attested(c, d) > 0
        if has_written and not has_cand:
            return False
        mends = mends or (has_cand and not has_written)
    return mends


def odd_both(model: PairModel, left: str | None, written: list[str], right: str | None) -> bool:
    """Neither neighbour makes an attested pair with the written form: it does not belong in its slot."""
    pairs = [(left, written[0]), (written[-1], right)]
    return all(model.attested(a, b) == 0 for a, b in pairs if a is not None and b is not None)
