"""Page-scale boilerplate in plain text: find the article's block of lines, judge every line around it.

A naive scraper writes every visible block of a page on a line of its own: menus, teasers, share
bars, footers, then the article, then more of the same. jusText and trafilatura find the article in
the HTML; here only the lines are left, so the same ideas work on what lines show:

1. **line features** (:mod:`.page_features`): words, function-word share, sentence end, title case,
   repetition on the page, legal and sign-up wording, the SEO lexicon's own verdict, and the line's
   punctuation skeleton (list items of one table share it);
2. **the main block** (trafilatura's densest region): the run of lines that holds the most prose,
   where a non-prose line costs more the more non-prose lines precede it, so a caption between
   paragraphs is cheap and a teaser list soon costs more than its summaries bring; a copyright
   footer or a "2H ago" stamp ends any block; of the candidate runs, the earliest that weighs half
   the heaviest (the article comes before its comments);
3. **list context**: a run of lines sharing one punctuation skeleton (tour dates, a results table)
   that continues the block, maybe under a short heading, belongs to it;
4. **verdicts** outside the block: a line marked as furniture by more than its length (repeated on
   the page or the site, legal wording, the lexicon's, a barrier) is removed; so is any other
   non-prose line, except in the article's margin (the lines up to the nearest marked line, where
   its headings and credits sit) or in a table, where it is suggested. Prose is removed when it is
   legal text, a teaser summary between headlines, or past a footer after the article (comments);
   other prose is suggested. A page whose block holds little prose, or that reads as a list, gets
   suggestions only. Inside the block a line stays unless it is a menu entry the page also shows
   outside it. Every verdict carries the features that decided it.

Pure functions of the lines; the rule kind ``seo_page`` (SEO012) turns verdicts into logged edits.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .page_features import LineFeatures, features, norm_key, topic_words

MENU_COST, REPEAT_COST, OTHER_COST = 3.0, 5.0, 1.0  # block weight of a non-prose line, by kind
LIST_COST = 0.5  # a list-like line (several lowercase words, no sentence end) costs this
WINDOW = 6  # a non-prose line's cost grows with the non-prose lines among this many before it
MIN_BLOCK_GOOD = 2  # a block needs this many prose lines to be the article
MIN_BLOCK_WORDS = 60  # below this much prose in it, the block is a guess: every verdict is a suggestion
MIN_LISTY = 10  # more list-like lines than this outside the block, and ...
LIST_RATIO = 10  # ... this many times its prose lines: the article may be a list; every verdict is a suggestion
TAIL = 3  # lines this close to the block that are not marked furniture are only suggested
MIN_TEMPLATE_RUN = 3  # this many consecutive lines with one punctuation skeleton are list items of one table
HEADING_WORDS = 6  # a heading over a templated run that continues the block has at most this many words (twice, with a colon)
MARGIN = 25  # lines, at most, of an article's margin (see _margins)
MIN_TEASERS = 3  # isolated prose lines (see _teasers) within ...
TEASER_SPAN = 12  # ... this many lines of one another are a teaser list
MAX_TEASER_WORDS = 40  # a teaser's summary is one sentence: longer prose is never taken for one
MIN_CLOSING_TEASERS = 6  # a teaser list inside the block needs this many summaries (an article's last
#   short paragraphs between its pictures and promos are fewer)
LONG_PENALTY = 4.0  # in a teaser list closing the block, one longer summary outweighs this many short ones
LIST_ITEM_WORDS = 3  # a repeated line this long near the block may be the article's list shown twice
CUT_FURNITURE = 3  # furniture lines (one a footer or stamp) after the block past which prose is furniture
PAGE_FURNITURE = frozenset({"share", "comment", "newsletter", "cookie", "footer", "profile", "ad"})  # see _reach
MIN_CONTENTS = 3  # lines in a row outside the block repeating lines inside it: a table of contents
TOPIC_SHARE = 0.5  # prose outside the block with this share of its content words in the block's is only suggested
EARLY_SHARE = 0.5  # the article is the earliest block weighing this share of the heaviest (comments come after it)


@dataclass(frozen=True)
class PageVerdict:
    line: int  # index in the page's line list
    sure: bool  # removed (True) or only suggested (False)
    why: tuple[str, ...]


def weight(f: LineFeatures) -> float:
    """What a line adds to a candidate article block: its words if prose (unless it is legal or
    sign-up prose, or furniture the lexicon knows), a cost if it looks like furniture, nothing if
    it is a longer non-sentence line (a list item, a caption, an ingredient)."""
    if f.legal or f.furniture or f.template:
        return -REPEAT_COST
    if f.prose:
        return float(f.words)
    if f.menu_like and (f.title_case >= 0.6 or f.words <= 2):
        return -REPEAT_COST if f.repeated else -MENU_COST
    return 0.0 if f.words >= 3 and f.title_case < 0.6 else -OTHER_COST


def candidate_blocks(feats: list[LineFeatures], blank: list[bool]) -> list[tuple[int, int, float]]:
    """Every locally best run of lines: (first, last, weight), in page order.

    Prose adds its words; a non-prose line costs its own weight times one plus the number of
    non-prose lines among the ``WINDOW`` before it. A run ends where its weight falls to zero or
    at a barrier (a copyright footer, a "2H ago" stamp); its best prefix is a candidate.
    """
    found: list[tuple[int, int, float]] = []
    best: tuple[int, int, float] | None = None
    start, run = None, 0.0
    recent: list[bool] = []

    def close() -> None:
        nonlocal best
        if best is not None:
            found.append(best)
        best = None

    for i, f in enumerate(feats):
        if blank[i]:
            continue
        w = weight(f)
        if f.barrier:
            close()
            start, run = None, 0.0
            recent.append(True)
            continue
        if w <= 0:
            w = (w if w < 0 else -LIST_COST) * (1 + sum(recent[-WINDOW:]))
        recent.append(w <= 0)
        if start is None or run <= 0:
            close()
            start, run = i, 0.0
        run += w
        if run > 0 and (best is None or run > best[2]):
            best = (start, i, run)
    close()
    return [b for b in found if sum(f.prose for f in feats[b[0]:b[1] + 1]) >= MIN_BLOCK_GOOD]


def main_block(feats: list[LineFeatures], blank: list[bool],
               blocks: list[tuple[int, int, float]]) -> tuple[int, int] | None:
    """(first, last) of the article block: the earliest candidate within ``EARLY_SHARE`` of the
    heaviest (the article comes before its comments and the teasers under it), or None."""
    if not blocks:
        return None
    top = max(b[2] for b in blocks)
    chosen = next(b for b in blocks if b[2] >= EARLY_SHARE * top)
    first, last = _drop_closing_teaser(feats, blank, chosen[0], chosen[1])
    return _drop_trailing_teasers(feats, blank, first, last)


def prose_runs(feats: list[LineFeatures], blank: list[bool]) -> list[tuple[int, int, float]]:
    """Every run of ``MIN_BLOCK_GOOD`` or more prose lines in a row (blank lines aside), as candidate
    runs are given: the paragraphs of a list article's items lie inside one long candidate run,
    after its best prefix, so :func:`candidate_blocks` does not name them."""
    found: list[tuple[int, int, float]] = []
    run: list[int] = []
    for i, f in enumerate(feats + [None]):
        if f is not None and blank[i]:
            continue
        if f is not None and f.prose and not f.legal:
            run.append(i)
            continue
        if len(run) >= MIN_BLOCK_GOOD:
            found.append((run[0], run[-1], float(sum(feats[k].words for k in run))))
        run = []
    return found


def join_runs(feats: list[LineFeatures], blank: list[bool], block: tuple[int, int],
              blocks: list[tuple[int, int, float]]) -> tuple[int, int]:
    """The block with every other candidate run no furniture line separates from it (see
    :func:`_reach`): an article cut by tables or lists (a stats table between its paragraphs)."""
    first, last = block
    lo, hi = _reach(feats, first, last)
    for other in blocks:
        if lo <= other[0] and other[1] < hi and not (other[0] <= first and last <= other[1]):
            b_first, b_last = _drop_closing_teaser(feats, blank, other[0], other[1])
            first, last = min(first, b_first), max(last, b_last)
    return first, last


def _drop_closing_teaser(feats: list[LineFeatures], blank: list[bool], first: int, last: int) -> tuple[int, int]:
    """A block that runs up to a "2H ago" stamp ends with a teaser (its headline and summary): the
    article ends before that headline, if enough prose is left."""
    nxt = next((i for i in range(last + 1, len(feats)) if not blank[i]), None)
    if nxt is None or not feats[nxt].stamp:
        return first, last
    end = last
    while end > first and (blank[end] or feats[end].prose):
        end -= 1  # back over the summary ...
    if end <= first or feats[end].prose:
        return first, last
    end -= 1  # ... and its headline, and any line between the article's last paragraph and it
    while end > first and not feats[end].prose:
        end -= 1
    if sum(f.prose for f in feats[first:end + 1]) < MIN_BLOCK_GOOD:
        return first, last
    return first, end


def _drop_trailing_teasers(feats: list[LineFeatures], blank: list[bool], first: int, last: int) -> tuple[int, int]:
    """A block that ends in a teaser list ("LABEL / Headline / source / one-sentence summary"): its
    last prose lines each alone between non-prose lines, most of them short (``MAX_TEASER_WORDS``).
    Of those suffixes, the one where short summaries most outnumber long ones (each long one counting
    ``LONG_PENALTY``), worth ``MIN_CLOSING_TEASERS`` or more, is the list; the article ends at the prose line
    before it, if enough prose is left."""
    content = [i for i in range(first, last + 1) if not blank[i]]
    trailing: list[int] = []  # alone prose lines from the block's end backwards, up to two prose lines in a row
    for k in range(len(content) - 1, -1, -1):
        i = content[k]
        if not feats[i].prose:
            continue
        if k > 0 and feats[content[k - 1]].prose or k < len(content) - 1 and feats[content[k + 1]].prose:
            break
        if trailing and trailing[-1] - i > TEASER_SPAN:
            break
        trailing.append(i)
    cut, score, best = None, 0.0, MIN_CLOSING_TEASERS - 1  # the suffix scoring best: +1 a short summary, -LONG_PENALTY a long one
    for i in trailing:
        score += 1.0 if feats[i].words <= MAX_TEASER_WORDS else -LONG_PENALTY
        if score > best:
            cut, best = i, score
    if cut is None:
        return first, last
    end = cut - 1
    while end > first and not feats[end].prose:
        end -= 1
    kept = [f for f in feats[first:end + 1] if f.prose]
    if len(kept) < MIN_BLOCK_GOOD or sum(f.words for f in kept) < MIN_BLOCK_WORDS:
        return first, last
    return first, end


def templated_runs(feats: list[LineFeatures], blank: list[bool]) -> set[int]:
    """Lines in a run of ``MIN_TEMPLATE_RUN`` or more consecutive lines with one non-empty punctuation
    skeleton ("June 14 -- Arena, City, ST"; "Spain (Group F): 11th appearance"): rows of one table."""
    out: set[int] = set()
    run: list[int] = []
    for i, f in enumerate(feats + [None]):
        if f is not None and blank[i]:
            continue
        if f is not None and run and _same_row(f, feats[run[-1]]) and _attachable(f):
            run.append(i)
            continue
        if len(run) >= MIN_TEMPLATE_RUN:
            out.update(run)
        run = [i] if f is not None and (f.skeleton or f.opening) and _attachable(f) else []
    return out


def _same_row(a: LineFeatures, b: LineFeatures) -> bool:
    return bool(a.skeleton and a.skeleton == b.skeleton or a.opening and a.opening == b.opening)


def _attachable(f: LineFeatures) -> bool:
    return not (f.legal or f.furniture or f.barrier or f.repeated)


def extend_block(feats: list[LineFeatures], blank: list[bool], block: tuple[int, int],
                 table: set[int], lines: list[str]) -> tuple[int, int]:
    """Grow the block over templated runs (and one short heading above one) that continue it."""
    first, last = block
    lines_end_colon = [x.rstrip().endswith(":") for x in lines]

    def step(i: int, direction: int) -> int | None:
        """The last line of a run attached at ``i`` going ``direction``, or None."""
        j = i
        while 0 <= j < len(feats) and blank[j]:
            j += direction
        if not 0 <= j < len(feats):
            return None
        f = feats[j]
        if j in table:
            end = j
            while 0 <= end + direction < len(feats) and (end + direction in table or blank[end + direction]):
                end += direction
            while blank[end]:
                end -= direction
            return end
        heading = (f.words <= HEADING_WORDS or f.words <= 2 * HEADING_WORDS and lines_end_colon[j]) \
            and not f.sentence and _attachable(f)
        if heading and direction > 0:
            nxt = step(j + 1, direction)
            return nxt if nxt is not None and j + 1 <= nxt and _first_nonblank(blank, j + 1) in table else None
        return None

    for direction in (1, -1):
        while True:
            edge = last if direction > 0 else first
            end = step(edge + direction, direction)
            if end is None:
                break
            if direction > 0:
                last = end
            else:
                first = end
    return first, last


def _first_nonblank(blank: list[bool], i: int) -> int:
    while i < len(blank) and blank[i]:
        i += 1
    return i


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
    lo, hi = _reach(feats, first, last, barriers_only=True)  # a list article's items run on from its block; headlines elsewhere do not count
    listy = sum(weight(f) == 0 and not f.prose for i, f in enumerate(feats[lo:hi], lo)
                if not blank[i] and not first <= i <= last)
    list_page = listy > MIN_LISTY and listy >= LIST_RATIO * max(block_prose, 1)
    first, last = join_runs(feats, blank, (first, last), blocks + prose_runs(feats, blank))
    block_words = sum(f.words for f in feats[first:last + 1] if f.prose and not f.legal)
    confident = block_words >= MIN_BLOCK_WORDS and not list_page
    # a line inside the block is furniture when it recurs away from the block; its twin right next
    # to the block is more likely the article's own (a source credit after its last paragraph), and
    # so is a line the block itself repeats (a list article's "Pros:" over every item)
    outside = {norm_key(x) for i, x in enumerate(lines) if i < first - TAIL or i > last + TAIL}
    inside_counts = Counter(norm_key(x) for x in lines[first:last + 1])
    inside = set(inside_counts)
    contents = _contents(lines, blank, first, last, inside)
    echoes = frozenset(i for i, x in enumerate(lines)
                       if (first - TAIL <= i < first or last < i <= last + TAIL) and norm_key(x) in inside)
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
            key = norm_key(line)
            if f.repeated and f.menu_like and key in outside and inside_counts[key] == 1 and key not in contents:
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


def _contents(lines: list[str], blank: list[bool], first: int, last: int, inside: set[str]) -> frozenset[str]:
    """The block's headings a table of contents outside it lists: ``MIN_CONTENTS`` or more lines in a
    row outside the block, each repeating a line inside it. Their copies in the block are the
    article's own headings, not furniture the page also shows."""
    out: set[str] = set()
    run: list[str] = []
    for i, x in enumerate(lines + [""]):
        if i < len(lines) and blank[i]:
            continue
        key = norm_key(x)
        if i < len(lines) and not first <= i <= last and key and key in inside:
            run.append(key)
            continue
        if len(run) >= MIN_CONTENTS:
            out.update(run)
        run = []
    return frozenset(out)


def _share(words: frozenset[str], vocabulary: frozenset[str]) -> float:
    return len(words & vocabulary) / len(words) if words else 0.0


def _reach(feats: list[LineFeatures], first: int, last: int, barriers_only: bool = False) -> tuple[int, int]:
    """The lines the article may run over past its block, on each side up to the nearest barrier,
    legal line or widget the lexicon knows (``PAGE_FURNITURE``; a menu label or a "See also" line may
    sit inside an article): runs of prose in there are the article's too (:func:`join_runs`).
    ``barriers_only``: up to the nearest barrier (a footer, a stamp, a comment widget) alone, the
    farthest a list article's items may run (an "Advertisement" line may sit between them)."""
    def stop(f: LineFeatures) -> bool:
        return f.barrier or not barriers_only and (f.legal and f.legal_hits >= 2 or f.furniture in PAGE_FURNITURE)
    lo = first
    while lo > 0 and not stop(feats[lo - 1]):
        lo -= 1
    hi = last + 1
    while hi < len(feats) and not stop(feats[hi]):
        hi += 1
    return lo, hi


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
