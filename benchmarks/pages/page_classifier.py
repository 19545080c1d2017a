"""Page-scale boilerplate in plain text: find the article's block of lines, judge every line around it.

A naive scraper writes every visible block of a page on a line of its own: menus, teasers, share
bars, footers, then the article, then more of the same. jusText and trafilatura find the article in
the HTML; here only the lines are left, so the same ideas work on what lines show:

1. **line classes** (jusText): a ``good`` line reads as prose (enough words, sentence punctuation,
   function words); a ``bad`` line is short and unpunctuated (a menu entry, a button), repeated on
   the page (the mobile and the desktop menu), or furniture the SEO lexicon knows; the rest are
   ``short`` (headings, datelines, captions) and take their class from their neighbours;
2. **the main block** (trafilatura's densest region): the run of lines, allowing gaps of a few
   non-prose lines, that holds the most prose; the article lies there;
3. **verdicts**: outside the main block a line that is not prose is boilerplate (removed); a prose
   line there (a teaser with a summary, a comment) is only *likely* boilerplate (a suggestion).
   Inside the block a line stays unless it is bad by itself (repeated, furniture, a run of menu
   entries). Every verdict carries the features that decided it.

Pure functions of the lines. A prototype kept beside the benchmark until it is safe to ship: no rule uses it.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import regex

from cleaner.seo.shapes import FUNCTION_WORDS, ends_sentence, word_list

STOP_WORDS = FUNCTION_WORDS | frozenset("""i you his her its our their them him me my your not no but or if so
    than then there when where what how all any can could may might must should do does did also more most
    about after before into over under up out just only very one two new after while because""".split())
LONG_WORDS = 20  # a line without a sentence end reads as prose only with this many words ...
GOOD_STOP_SHARE = 0.25  # ... this share of them function words (a headline has fewer words)
LEGAL = regex.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved|\bprivacy\b|\bcookies?\b|terms of (?:use|service)|"
                      r"\bsubscri(?:be|ption)\b|\bnewsletter\b|\bsign(?:ing)? up\b|\bregistered trademarks?\b|"
                      r"\bconsent\b|\byour inbox\b|\badvertis", regex.I)
BARRIER = regex.compile(r"^\W*(?:©|\(c\)\s*\d{4}|copyright\b)|all rights reserved|"
                        r"^\W*(?:updated\s+)?\d+\s*(?:[smhd]|mins?|minutes?|hrs?|hours?|days?)\s+ago\b", regex.I)
SHORT_WORDS = 4  # up to this many words and no sentence end: a menu entry, a button, a tag
MENU_COST, REPEAT_COST, OTHER_COST = 3.0, 5.0, 1.0  # block weight of a non-prose line, by kind
LIST_COST = 0.5  # a list-like line (several lowercase words, no sentence end) costs this
WINDOW = 6  # a non-prose line's cost grows with the non-prose lines among this many before it
MIN_BLOCK_GOOD = 2  # a block needs this many prose lines to be the article
MIN_BLOCK_WORDS = 120  # below this much prose in it, the block is a guess: every verdict is a suggestion
MIN_LISTY = 10  # more list-like lines than this outside the block, and ...
LIST_RATIO = 10  # ... this many times its prose lines: the article may be a list; every verdict is a suggestion
TAIL = 3  # lines this close to the block that are neither menu entries, repeats nor legal text: suggested


@dataclass(frozen=True)
class LineFeatures:
    words: int
    stop_share: float
    sentence: bool
    repeated: bool  # the same text on another line of the page
    title_case: float  # share of words starting with a capital
    legal: bool = False  # copyright, privacy, cookies, terms, sign-up wording
    barrier: bool = False  # a copyright footer or a "2H ago" time stamp: no article runs across it

    @property
    def prose(self) -> bool:
        if self.sentence:
            return self.words >= 6 and self.stop_share >= 0.15
        return self.words >= LONG_WORDS and self.stop_share >= GOOD_STOP_SHARE  # a paragraph cut short

    @property
    def menu_like(self) -> bool:
        return self.words <= SHORT_WORDS and not self.sentence


@dataclass(frozen=True)
class PageVerdict:
    line: int  # index in the page's line list
    sure: bool  # removed (True) or only suggested (False)
    why: tuple[str, ...]


def _key(line: str) -> str:
    return " ".join(w.lower() for w in word_list(line))


def features(lines: list[str]) -> list[LineFeatures]:
    counts = Counter(_key(x) for x in lines if x.strip())
    out = []
    for line in lines:
        words = word_list(line)
        n = len(words)
        stops = sum(w.lower() in STOP_WORDS for w in words)
        caps = sum(w[:1].isupper() for w in words)
        key = _key(line)
        out.append(LineFeatures(n, stops / n if n else 0.0, ends_sentence(line.strip()),
                                bool(key) and counts[key] > 1, caps / n if n else 0.0, bool(LEGAL.search(line)),
                                bool(BARRIER.search(line)) and n <= 30))
    return out


def weight(f: LineFeatures) -> float:
    """What a line adds to a candidate article block: its words if prose (unless it is legal or
    sign-up prose), a cost if it looks like furniture, nothing if it is a longer non-sentence line
    (a list item, a caption, an ingredient)."""
    if f.prose and not f.legal:
        return float(f.words)
    if f.legal:
        return -REPEAT_COST
    if f.menu_like and (f.title_case >= 0.6 or f.words <= 2):
        return -REPEAT_COST if f.repeated else -MENU_COST
    return 0.0 if f.words >= 3 and f.title_case < 0.6 else -OTHER_COST


def main_block(feats: list[LineFeatures], blank: list[bool]) -> tuple[int, int] | None:
    """(first, last) line of the segment with the greatest weight (maximum subarray), or None.

    Prose adds its words; a non-prose line costs its own weight times one plus the number of
    non-prose lines among the ``WINDOW`` before it, so a heading or a caption between paragraphs is
    cheap while a list of teasers ("headline / summary / 2H ago") soon costs more than its summaries
    bring. A copyright footer or a time stamp ends any block.
    """
    best, best_sum = None, 0.0
    start, run = None, 0.0
    recent: list[bool] = []
    for i, f in enumerate(feats):
        if blank[i]:
            continue
        w = weight(f)
        if f.barrier:
            start, run = None, 0.0
            recent.append(True)
            continue
        if w <= 0:
            w = (w if w < 0 else -LIST_COST) * (1 + sum(recent[-WINDOW:]))
        recent.append(w <= 0)
        if start is None or run <= 0:
            start, run = i, 0.0
        run += w
        if run > best_sum:
            best, best_sum = (start, i), run
    if best is None or sum(f.prose for f in feats[best[0]:best[1] + 1]) < MIN_BLOCK_GOOD:
        return None
    return best


def classify_page(lines: list[str]) -> list[PageVerdict]:
    """A verdict for every line judged boilerplate (removed) or likely boilerplate (suggested)."""
    blank = [not x.strip() for x in lines]
    feats = features(lines)
    block = main_block(feats, blank)
    if block is None:
        return []
    first, last = block
    block_words = sum(f.words for f in feats[first:last + 1] if f.prose and not f.legal)
    block_prose = sum(f.prose and not f.legal for f in feats[first:last + 1])
    listy = sum(weight(f) == 0 and not f.prose for i, f in enumerate(feats)
                if not blank[i] and not first <= i <= last)
    list_page = listy > MIN_LISTY and listy >= LIST_RATIO * max(block_prose, 1)
    confident = block_words >= MIN_BLOCK_WORDS and not list_page
    outside = {_key(x) for i, x in enumerate(lines) if not first <= i <= last}
    verdicts = []
    for i, (line, f) in enumerate(zip(lines, feats)):
        if blank[i]:
            continue
        inside = first <= i <= last
        why = _describe(f)
        if inside:
            if f.repeated and f.menu_like and _key(line) in outside:
                verdicts.append(PageVerdict(i, True, ("inside the article block", *why, "also in the page's furniture")))
            continue
        where = "before the article block" if i < first else "after the article block"
        near = (first - i if i < first else i - last) <= TAIL
        furniture = f.menu_like or f.repeated or f.legal
        sure = confident and not f.prose and (furniture or not near)
        if list_page:
            why = (*why, f"{listy} list-like lines outside a block of {block_prose} prose lines: the article may be a list")
        elif not confident:
            why = (*why, f"only {block_words} words of prose in the article block")
        verdicts.append(PageVerdict(i, sure, (where, *why)))
    return verdicts


def _describe(f: LineFeatures) -> tuple[str, ...]:
    out = [f"{f.words} words", "ends a sentence" if f.sentence else "no sentence end",
           f"{round(100 * f.stop_share)}% function words"]
    if f.repeated:
        out.append("repeated on the page")
    if f.words and f.title_case >= 0.8:
        out.append("title case")
    return tuple(out)
