"""``seo_corpus_repeat``: remove lines that recur verbatim across many documents of the corpus.

Evidence comes from the ``seo_repeats`` learner (cleaner/seo/repeats.py), which counts in
how many documents each candidate line occurs. The rule stays off below ``min_docs``
documents: a small collection is usually about one story, and there a shared line is a
shared quote far more often than a site template (the five seeds share several).

YAML parameters: ``min_docs`` (default 20), ``min_count`` (documents a line must occur in,
default 3), ``min_share`` (and at least this share of the corpus's distinct documents, default 0),
``max_doc_share`` (if more than this share of a document's prose lines
recur in other documents, the document is a copy, not a page with a template: suggest only;
default 0.3). Only lines before the first or after the last prose paragraph are removed; a
repeated line between paragraphs (a shared heading) is only suggested.
"""
from __future__ import annotations

import math
from typing import Iterator

from ..model import Document, Edit, Safety
from ..seo import repeats
from ..seo.classify import classify, lexicon_for
from ..seo.groups import Group
from ..seo.shapes import paragraph_prose
from ..seo.spans import removal_spans
from . import register_kind
from .base import RuleKind, make_edit


@register_kind
class SeoCorpusRepeat(RuleKind):
    name = "seo_corpus_repeat"
    respects_protected = False

    def __init__(self, rules, regex_timeout: float = 5.0):
        super().__init__(rules, regex_timeout)
        self.rule = self.rules[0]
        p = self.rule.params
        self.min_docs = int(p.get("min_docs", 20))
        self.min_count = int(p.get("min_count", 3))
        self.min_share = float(p.get("min_share", 0.0))
        self.max_share = float(p.get("max_doc_share", 0.3))
        self.lexicon = lexicon_for(self.rule.base_dir, p.get("lexicon"))

    def propose(self, doc: Document) -> Iterator[Edit]:
        corpus = doc.corpus
        if corpus is None or corpus.distinct_documents < self.min_docs:
            return
        counts = corpus.get(repeats.NAME) or {}
        found = classify(doc.text, self.lexicon)
        furniture = {i for g in found.strong() for i in range(g.first, g.last + 1)}
        texts = found.texts
        first = next((i for i, t in enumerate(texts) if t.strip()), -1)
        candidates = [i for i, t in enumerate(texts) if i != first and repeats.is_candidate(t)]
        shared = {i: counts.get(repeats.key(texts[i]), 0) for i in candidates}
        # In a big corpus a few documents share lines because they report one event (a team sheet, a
        # statement); a template is on a share of the site's pages, so the bar grows with the corpus.
        need = max(self.min_count, math.ceil(self.min_share * corpus.distinct_documents))
        hits = {i: n for i, n in shared.items() if n >= need and i not in furniture}
        if not hits:
            return
        prose_lines = paragraph_prose(texts, furniture)
        prose = [i for i in candidates if i in prose_lines]
        # Template lines surround unique prose; a document whose PROSE recurs is a copy of another one.
        duplicate = sum(shared[i] >= 2 for i in prose) > self.max_share * max(len(prose), 1)
        body = [i for i in prose_lines if i != first]
        head_end, tail_start = (min(body), max(body)) if body else (len(texts), -1)
        groups: list[Group] = []
        for i, n in sorted(hits.items()):
            in_prose = i in prose_lines
            middle = head_end < i < tail_start
            sure = not (duplicate or in_prose or middle)
            why = (" (most of this document's prose recurs elsewhere: a copy, not a template)" if duplicate
                   else " (reads as prose: may be shared wire copy)" if in_prose
                   else " (between paragraphs of the text: may be a shared heading)" if middle else "")
            group = Group("corpus", i, i, "strong" if sure else "unsure",
                          f"repeats in {n} of {corpus.distinct_documents} documents{why}",
                          (f"documents sharing the line: {n} of {corpus.distinct_documents}",
                           f"thresholds: corpus >= {self.min_docs} documents, line in >= {self.min_count}"))
            prev = groups[-1] if groups else None
            if prev and sure and prev.removable and not any(texts[j].strip() for j in range(prev.last + 1, i)):
                counts_seen = tuple(dict.fromkeys(prev.evidence + group.evidence[:1]))
                group = Group("corpus", prev.first, i, "strong", f"{i - prev.first + 1} template lines; "
                              + prev.what.split("; ")[-1], counts_seen)
                groups[-1] = group
            else:
                groups.append(group)
        for group, start, end in removal_spans(doc.text, found.lines, texts, groups):
            line = texts[group.first].strip()
            yield make_edit(self.rule, doc.text, start, end, "",
                            safety=self.rule.safety if group.removable else Safety.SUGGESTION,
                            confidence=0.8 if group.removable else 0.4, evidence=group.evidence,
                            what=group.what, line=line[:70] + ("…" if len(line) > 70 else ""),
                            count=hits[group.first], documents=corpus.distinct_documents)

