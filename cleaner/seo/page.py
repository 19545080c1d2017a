"""Page-scale boilerplate in plain text: find the article's block of lines, judge every line around it.

A naive scraper writes every visible block of a page on a line of its own: menus, teasers, share
bars, footers, then the article, then more of the same. jusText and trafilatura find the article in
the HTML; here only the lines are left, so the same ideas work on what lines show:

1. **line features** (:mod:`.page_features`): words, function-word share, sentence end, title case,
   repetition on the page, legal and sign-up wording, the SEO lexicon's own verdict, and the line's
   punctuation skeleton (list items of one table share it);
2. **the main block** (:mod:`.page_block`, trafilatura's densest region): the run of lines that
   holds the most prose, where a non-prose line costs more the more non-prose lines precede it, so
   a caption between paragraphs is cheap and a teaser list soon costs more than its summaries
   bring; a copyright footer, a "2H ago" stamp or a reader comment's header ends any block; of the
   candidate runs, the earliest that weighs half the heaviest (the article comes before its
   comments), joined to the runs of prose no furniture separates from it;
3. **list context**: a run of lines sharing one punctuation skeleton (tour dates, a results table)
   that continues the block, maybe under a short heading, belongs to it;
4. **verdicts** outside the block: a line marked as furniture by more than its length (repeated on
   the page or the site, legal wording, the lexicon's, a barrier) is removed; so is any other
   non-prose line, except in the article's margin (the lines up to the nearest marked line, where
   its headings and credits sit) or in a table, where it is suggested. Prose is removed when it is
   legal text, a teaser summary between headlines, or past a footer after the article (comments);
   other prose is suggested, and so is prose sharing most of its words with the block. A page whose
   block holds little prose, or that reads as a list, gets suggestions only. Inside the block a
   line stays unless it is a menu entry the page also shows outside it (once in the block, and not
   one of its headings a table of contents lists). Every verdict carries the features that decided it.

Pure functions of the lines; the rule kind ``seo_page`` (SEO012) turns verdicts into logged edits.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .page_block import (MAX_TEASER_WORDS, MIN_BLOCK_WORDS, TEASER_SPAN, candidate_blocks, extend_block,
                         join_runs, main_block, prose_runs, reach, templated_runs, weight)
from .page_features import LineFeatures, features, norm_key, topic_words

MIN_LISTY = 10  # more list-like lines than this outside the block, and ...
LIST_RATIO = 10  # ... this many times its prose lines: the article may be a list; every verdict is a suggestion
TAIL = 3  # lines this close to the block that are not marked furniture are only suggested
MARGIN = 25  # lines, at most, of an article's margin (see _margins)
MIN_TEASERS = 3  # isolated prose lines (see _teasers) within ``TEASER_SPAN`` lines of one another are a teaser list
LIST_ITEM_WORDS = 3  # a repeated line this long near the block may be the article's list shown twice
CUT_FURNITURE = 3  # furniture lines (one a footer or stamp) after the block past which prose is furniture
MIN_CONTENTS = 3  # lines in a row outside the block repeating lines inside it: a table of contents
TOPIC_SHARE = 0.5  # prose outside the block with this share of its content words in the block's is only suggested


@dataclass(frozen=True)
class PageVerdict:
    line: int  # index in the page's line list
    sure: bool  # removed (True) or only suggested (False)
    why: tuple[str, ...]


def classify_page(lines: list[str], lexicon=None, templates: frozenset[int] = frozenset()) -> list[PageVerdict]:
    """A verdict for every line judged boilerplate (removed) or likely boilerplate (suggested);
    ``templates``: indices of the lines other documents of the corpus share (site templates)."""
    blank = [not x.strip() for x in lines]
    feats = features(lines, lexicon, templates)
    blocks = candidate_blocks(feats, blank)  # found once: the block is chosen among them, then joined to others
    block = main_block(feats, blank, blocks)
    if block is None:
        return []
    table = templated_runs(feats, blank)
    first, last = extend_block(feats, blank, block, table, lines)
    # the list test weighs the block as found: runs joined to it may be the list article's own items
    block_prose = sum(f.prose and not f.legal for f in feats[first:last + 1])
    lo, hi = reach(feats, first, last, barriers_only=True)  # a list article's items run on from its block; headlines elsewhere do not count
    listy = sum(weight(f) == 0 and not f.prose for i, f in enumerate(feats[lo:hi], lo)
                if not blank[i] and not first <= i <= last)
    list_page = listy > MIN_LISTY and listy >= LIST_RATIO * max(block_prose, 1)
    first, last = join_runs(feats, blank, (first, last), blocks + prose_runs(feats, blank))
    block_words = sum(f.words for f in feats[first:last + 1] if f.prose and not f.legal)
    confident = block_words >= MIN_BLOCK_WORDS and not list_page
    # a line inside the block is furniture when it recurs away from the block; its twin right next
    # to the block is more likely the article's own (a source credit after its last paragraph), and
    # so is a line the block itself repeats (a list article's "Pros:" over every item)
    keys = [norm_key(x) for x in lines]
    outside = {k for i, k in enumerate(keys) if i < first - TAIL or i > last + TAIL}
    inside = Counter(keys[first:last + 1])
    contents = _contents(keys, blank, first, last, inside)
    echoes = frozenset(i for i, k in enumerate(keys)
                       if (first - TAIL <= i < first or last < i <= last + TAIL) and k in inside)
    cut_after = _cut_after(feats, last)
    lead, tail = _margins(feats, blank, first, last)
    teasers = _teasers(feats, blank, first, last)
    vocabulary = frozenset().union(*(topic_words(lines[i]) for i in range(first, last + 1) if feats[i].prose))
    on_topic = frozenset(i for i, f in enumerate(feats) if f.prose and not first <= i <= last
                         and _share(topic_words(lines[i]), vocabulary) >= TOPIC_SHARE)
    context = _Context(first, last, confident, table, teasers, lead, tail, cut_after, echoes, on_topic)
    verdicts = []
    for i, (line, f) in enumerate(zip(lines, feats)):
        if blank[i]:
            continue
        why = f.describe()
        if first <= i <= last:
            key = keys[i]
            if f.repeated and f.menu_like and key in outside and inside[key] == 1 and key not in contents \
                    and not _titles_a_paragraph(feats, blank, i):
                verdicts.append(PageVerdict(i, True, ("inside the article block", *why, "also in the page's furniture")))
            continue
        sure, reason = context.judge(i, f)
        if list_page:
            reason = f"{listy} list-like lines outside a block of {block_prose} prose lines: the article may be a list"
        elif not confident:
            reason = f"only {block_words} words of prose in the article block"
        where = "before the article block" if i < first else "after the article block"
        verdicts.append(PageVerdict(i, sure, (where, *why, *((reason,) if reason else ()))))
    return verdicts


@dataclass(frozen=True)
class _Context:
    """Where the article block lies and what surrounds it: what judging one line outside it needs."""

    first: int
    last: int
    confident: bool
    table: set[int]
    teasers: set[int]
    lead: int
    tail: int
    cut_after: int
    echoes: frozenset[int] = frozenset()  # lines next to the block repeating one inside it
    on_topic: frozenset[int] = frozenset()  # prose lines sharing ``TOPIC_SHARE`` of their words with the block

    def distance(self, i: int) -> int:
        return self.first - i if i < self.first else i - self.last

    def near(self, i: int) -> bool:
        """Within ``TAIL`` lines of the block, or in its margin (no marked furniture in between)."""
        return (self.first - i if i < self.first else i - self.last) <= TAIL or self.lead <= i < self.first \
            or self.last < i < self.tail

    def judge(self, i: int, f: LineFeatures) -> tuple[bool, str]:
        """(removed for sure, the reason beyond the line's own features) for a line outside the block."""
        near = self.near(i)
        teaser = i in self.teasers and self.distance(i) > TAIL and not (f.prose and f.words > MAX_TEASER_WORDS)
        if teaser and i in self.on_topic and not (f.marked or f.legal or f.furniture):
            return False, "a teaser's shape, but sharing most of its words with the article block: may be more of it"
        if teaser and not (f.marked or f.legal or f.furniture):
            return self.confident, "in a list of teasers (headline, one-sentence summary) outside the article"
        if not f.prose:
            only_repeated = f.repeated and not (f.template or f.legal or f.furniture or f.barrier)
            if only_repeated and f.words >= LIST_ITEM_WORDS and f.title_case < 0.6 and self.distance(i) <= MARGIN:
                return False, "repeated on the page but close to the article: may be its own list shown twice"
            if i in self.echoes:
                return False, "next to the article block and repeating a line inside it"
            if f.marked:
                return self.confident, ""
            if near:
                return False, "in the article's margin: may be its heading, credit or fact box"
            if i in self.table and not f.menu_like:
                return False, "a row of a table outside the article block"
            return self.confident, ""
        if f.legal or f.furniture:
            return self.confident, ""
        if near:
            return False, "prose next to the article block"
        if i in self.on_topic:
            return False, "prose sharing most of its words with the article block: may be more of it"
        if i > self.last and i >= self.cut_after:
            return self.confident, "prose past a footer or time stamp and more furniture after the article"
        return False, "prose outside the article block"


def _contents(keys: list[str], blank: list[bool], first: int, last: int, inside: Counter) -> frozenset[str]:
    """The block's headings a table of contents outside it lists: ``MIN_CONTENTS`` or more lines in a
    row outside the block, each repeating a line inside it (``keys``: the lines' :func:`norm_key`).
    Their copies in the block are the article's own headings, not furniture the page also shows."""
    out: set[str] = set()
    run: list[str] = []
    for i, key in enumerate(keys + [""]):
        if i < len(keys) and blank[i]:
            continue
        if i < len(keys) and not first <= i <= last and key and key in inside:
            run.append(key)
            continue
        if len(run) >= MIN_CONTENTS:
            out.update(run)
        run = []
    return frozenset(out)


def _titles_a_paragraph(feats: list[LineFeatures], blank: list[bool], i: int) -> bool:
    """Whether the next non-blank line after ``i`` is prose: line ``i`` is a section's title."""
    nxt = next((k for k in range(i + 1, len(blank)) if not blank[k]), None)
    return nxt is not None and feats[nxt].prose


def _share(words: frozenset[str], vocabulary: frozenset[str]) -> float:
    return len(words & vocabulary) / len(words) if words else 0.0


def _cut_after(feats: list[LineFeatures], last: int) -> int:
    """The first line after the block past which prose is page furniture too (comments, teasers with
    summaries, author boxes): past a barrier or legal line, with ``CUT_FURNITURE`` furniture lines
    between it and the block. ``len(feats)`` when there is no such line."""
    seen_barrier, furniture = False, 0
    for i in range(last + 1, len(feats)):
        f = feats[i]
        seen_barrier |= f.barrier or f.legal
        furniture += f.words > 0 and (f.menu_like or bool(f.furniture) or f.legal or f.barrier)
        if seen_barrier and furniture >= CUT_FURNITURE:
            return i + 1
    return len(feats)


def _margins(feats: list[LineFeatures], blank: list[bool], first: int, last: int) -> tuple[int, int]:
    """The lines between the block and the nearest line marked as furniture by more than its length
    (repeated, legal, the lexicon's, a barrier) on each side, at most ``MARGIN`` lines: an
    article's own headings, credits and fact boxes sit there, so its lines are only suggested."""
    lead = first
    while lead > 0 and first - lead < MARGIN and (blank[lead - 1] or not feats[lead - 1].marked):
        lead -= 1
    tail = last + 1
    while tail < len(feats) and tail - last <= MARGIN and (blank[tail] or not feats[tail].marked):
        tail += 1
    return lead, tail


def _teasers(feats: list[LineFeatures], blank: list[bool], first: int, last: int) -> set[int]:
    """The lines of teaser lists outside the block: prose lines with a non-prose line on either side
    (summaries), where at least ``MIN_TEASERS`` of them fall within ``TEASER_SPAN`` lines, with
    the headlines and stamps between them ("Headline / one-sentence summary / 2H ago"), which an
    article's paragraphs never look like."""
    content = [i for i in range(len(feats)) if not blank[i]]
    alone = []
    for k, i in enumerate(content):
        if first <= i <= last or not feats[i].prose:
            continue
        before = k == 0 or not feats[content[k - 1]].prose
        after = k == len(content) - 1 or not feats[content[k + 1]].prose
        if before and after:
            alone.append(i)
    summaries = [i for i in alone
                 if len([j for j in alone if abs(j - i) <= TEASER_SPAN and (j < first) == (i < first)]) >= MIN_TEASERS]
    out: set[int] = set()
    for i in summaries:  # the list runs from the headline above its first summary to its last summary
        nxt = next((j for j in summaries if i < j <= i + TEASER_SPAN), None)
        start = max((j for j in range(i - 1, -1, -1) if not blank[j]), default=i)
        out.update(range(start, (nxt if nxt is not None else i) + 1))
    return {i for i in out if not blank[i] and not first <= i <= last}
