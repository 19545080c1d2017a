"""``seo_page``: remove a scraped page's furniture around its article block (SEO012).

The page classifier (cleaner/seo/page.py) finds the article's block of lines and judges every
line around it from its features. Consecutive lines with one verdict on one side of the block
become one edit whose evidence counts the features that decided it; lines the SEO lexicon rules
remove for sure (SEO001-SEO010) become edits with exactly those rules' spans, so the two coincide
instead of overlapping. Uncertain lines (prose
outside the block, rows of a table, lines next to the block, every line of a page whose article
block is thin or that reads as a list) are suggestions.

The page is judged once, in the first pass: judged again after its furniture is gone, the margins
around the block would move and each pass would eat further into the article.

In a corpus of ``template_min_docs`` (20) or more documents, a line that ``template_min_count`` (3)
of them carry verbatim is a site template and counts as marked furniture.

The rule requires the ``page`` detector: an edited article has no page shape and is never judged.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterator

from ..model import Document, Edit, Safety
from ..seo.classify import classify, lexicon_for
from ..seo import repeats
from ..seo.groups import Group
from ..seo.lexicon import DEFAULT_PATH, load
from ..seo.page import PageVerdict, classify_page
from ..seo.page_features import page_shape
from ..seo.spans import removal_spans
from . import register_kind
from .base import RuleKind, make_edit

MAX_REASONS = 8  # the evidence of a group lists this many of its most common features


@register_kind
class SeoPage(RuleKind):
    name = "seo_page"
    respects_protected = False  # a menu entry may well name a protected term

    def __init__(self, rules, regex_timeout: float = 5.0):
        super().__init__(rules, regex_timeout)
        self.rule = self.rules[0]
        self.lexicon_path = lexicon_for(self.rule.base_dir, self.rule.params.get("lexicon"))
        # with the default lexicon, the detector's own cache entry: the page is measured once
        default = self.lexicon_path.resolve() == DEFAULT_PATH.resolve()
        self.shape_lexicon = None if default else load(self.lexicon_path)
        self.min_docs = int(self.rule.params.get("template_min_docs", 20))
        self.min_count = int(self.rule.params.get("template_min_count", 3))

    def propose(self, doc: Document) -> Iterator[Edit]:
        if doc.pass_no > 1:
            return  # the page was judged whole in the first pass; what is left is its article and the doubtful lines
        shape = page_shape(doc.text, self.shape_lexicon)
        if shape is None or not shape.is_page:
            return  # the detector said so already; the rule alone (its examples, --select) asks again
        found = classify(doc.text, self.lexicon_path)
        verdicts = classify_page(list(found.texts), load(self.lexicon_path), self._templates(doc, found.texts))
        groups = list(_groups(verdicts, found.strong(), found.texts))
        for group, start, end in removal_spans(doc.text, found.lines, found.texts, groups):
            first = found.texts[group.first].strip()
            yield make_edit(self.rule, doc.text, start, end, "",
                            safety=self.rule.safety if group.removable else Safety.SUGGESTION,
                            confidence=0.85 if group.removable else 0.5, evidence=group.evidence,
                            what=group.what, line=first[:70] + ("…" if len(first) > 70 else ""),
                            lines=sum(1 for i in range(group.first, group.last + 1) if found.texts[i].strip()))

    def _templates(self, doc: Document, texts) -> frozenset[int]:
        """Lines of this page that other pages of the corpus share (the corpus pass's repeated-line
        counts, as SEO011 uses them): a site's template, marked as furniture in the features."""
        corpus = doc.corpus
        if corpus is None or corpus.distinct_documents < self.min_docs:
            return frozenset()
        counts = corpus.get(repeats.NAME) or {}
        return frozenset(i for i, t in enumerate(texts)
                         if repeats.is_candidate(t) and counts.get(repeats.key(t), 0) >= self.min_count)


def _groups(verdicts: list[PageVerdict], seo_groups, texts) -> Iterator[Group]:
    """Runs of consecutive verdicts (blank lines between them allowed) with one certainty and one side.

    Lines an SEO lexicon rule removes for sure form a group with exactly that rule's boundaries, so
    that with both rules on the two edits coincide and the engine keeps one (the lexicon rule's, the
    more specific message), and with the lexicon rule off this rule still removes them.
    """
    sure_lines = {v.line for v in verdicts if v.sure}
    owner = {i: g for g in seo_groups for i in range(g.first, g.last + 1)}
    run: list[PageVerdict] = []

    def flush() -> Iterator[Group]:
        if run:
            yield _group(run)
        run.clear()

    last_line, mirrored = -2, set()
    for v in verdicts:
        g = owner.get(v.line)
        if g is not None:
            yield from flush()
            whole = all(i in sure_lines for i in range(g.first, g.last + 1) if texts[i].strip())
            if whole and g.first not in mirrored:
                mirrored.add(g.first)
                yield _group([x for x in verdicts if g.first <= x.line <= g.last], first=g.first, last=g.last)
            last_line = -2
            continue
        gap_blank = all(not texts[i].strip() for i in range(last_line + 1, v.line))
        if run and (not gap_blank or v.sure != run[-1].sure or v.why[0] != run[-1].why[0]):
            yield from flush()
        run.append(v)
        last_line = v.line
    yield from flush()


def _group(run: list[PageVerdict], first: int | None = None, last: int | None = None) -> Group:
    where = run[0].why[0]
    counts = Counter(reason for v in run for reason in v.why[1:] if not reason[0].isdigit())
    common = ", ".join(f"{reason} ({n})" if len(run) > 1 else reason for reason, n in counts.most_common(MAX_REASONS))
    what = f"{len(run)} line(s) {where}" if len(run) > 1 else where
    first = run[0].line if first is None else first
    last = run[-1].line if last is None else last
    return Group("page", first, last, "strong" if all(v.sure for v in run) else "unsure", what,
                 (where, f"{len(run)} line(s): {common}"))
