"""The article's block of lines on a scraped page: where the densest run of prose lies, and how far it reaches.

Steps 2 and 3 of :mod:`.page`: every locally best run of lines, weighed as trafilatura weighs the
text density of a region (prose adds its words, furniture costs more the more furniture precedes
it); the earliest run weighing half the heaviest is the article (its comments come after it), less
a teaser list closing it; runs of prose no furniture separates from it join it (an article cut by a
stats table, a list article's items); rows of one table that continue it, maybe under a short
heading, belong to it. Pure functions of the lines' features.
"""
from __future__ import annotations

from .page_features import LineFeatures

MENU_COST, REPEAT_COST, OTHER_COST = 3.0, 5.0, 1.0  # block weight of a non-prose line, by kind
LIST_COST = 0.5  # a list-like line (several lowercase words, no sentence end) costs this
WINDOW = 6  # a non-prose line's cost grows with the non-prose lines among this many before it
MIN_BLOCK_GOOD = 2  # a block needs this many prose lines to be the article
MIN_BLOCK_WORDS = 60  # below this much prose in it, the block is a guess: every verdict is a suggestion
MIN_TEMPLATE_RUN = 3  # this many consecutive lines with one punctuation skeleton are list items of one table
HEADING_WORDS = 6  # a heading over a templated run that continues the block has at most this many words (twice, with a colon)
TEASER_SPAN = 12  # teaser summaries this many lines or fewer apart belong to one teaser list
MAX_TEASER_WORDS = 40  # a teaser's summary is one sentence: longer prose is never taken for one
MIN_CLOSING_TEASERS = 6  # a teaser list inside the block needs this many summaries (an article's last
#   short paragraphs between its pictures and promos are fewer)
LONG_PENALTY = 4.0  # in a teaser list closing the block, one longer summary outweighs this many short ones
PAGE_FURNITURE = frozenset({"share", "comment", "newsletter", "cookie", "footer", "profile", "ad"})  # see reach
EARLY_SHARE = 0.5  # the article is the earliest block weighing this share of the heaviest (comments come after it)


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
    :func:`reach`): an article cut by tables or lists (a stats table between its paragraphs)."""
    first, last = block
    lo, hi = reach(feats, first, last)
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


def reach(feats: list[LineFeatures], first: int, last: int, barriers_only: bool = False) -> tuple[int, int]:
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
