"""Features of one line of a scraped page, as :mod:`.page` weighs them.

jusText judges a block by its length, stop-word density and link density; in plain text there are
no links, so length, function words, sentence punctuation, case, repetition on the page, legal
wording, the SEO lexicon's verdict and the punctuation skeleton stand in.
"""
from __future__ import annotations

import dataclasses
import functools
from collections import Counter
from dataclasses import dataclass

import regex

from .lexicon import DEFAULT_PATH, Lexicon, load
from .lines import CLASS_NAMES, classify_line
from .shapes import FUNCTION_WORDS, ends_sentence, word_list

STOP_WORDS = FUNCTION_WORDS | frozenset("""i you his her its our their them him me my your not no but or if so
    than then there when where what how all any can could may might must should do does did also more most
    about after before into over under up out just only very one two new while because""".split())
LONG_WORDS = 20  # a line without a sentence end reads as prose only with this many words ...
GOOD_STOP_SHARE = 0.25  # ... this share of them function words (a headline has fewer words)
SHORT_WORDS = 4  # up to this many words and no sentence end: a menu entry, a button, a tag
LEGAL = regex.compile(
    r"©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved|\bprivacy\b|\bcookies?\b|terms of (?:use|service)|"
    r"\bsubscribe\b|\bnewsletter\b|\bsign(?:ing)? up\b|\bregistered trademarks?\b|\btrademarks? of\b|"
    r"\bconsent\b|\byour inbox\b|\badvertis(?:e|ements?)\b|\baffiliate (?:links?|commission)|\bnot intended to (?:diagnose|"
    r"replace|be a substitute)|\bconsult (?:your|a) (?:physician|doctor|healthcare)|\bfor informational purposes\b|"
    r"\binformation (?:provided|contained) on this (?:web)?site\b|\bthis (?:web)?site uses\b", regex.I)
STAMP = regex.compile(r"^\W*(?:updated\s+)?\d+\s*(?:[smhd]|mins?|minutes?|hrs?|hours?|days?)\s+ago\b", regex.I)
BARRIER = regex.compile(r"^\W*(?:©|\(c\)|copyright\b).*\b(?:19|20)\d\d\b|all rights reserved|" + STAMP.pattern, regex.I)
MAX_BARRIER_WORDS = 30
_NAME = r"(?:[\p{Lu}@][\p{L}\p{N}_.'’-]*|[\p{L}\p{N}_.-]*\d[\p{L}\p{N}_.-]*)"  # a capitalised word or a handle
COMMENT_HEAD = regex.compile(  # "Jane Doe says:", "by jdoe ( 110704 ) writes:", "Jane on May 3, 2019 at 4:15 pm said:"
    r"^(?:by\s+)?(?:" + _NAME + r"(?:\s+" + _NAME + r"){0,3}|[\p{L}\p{N}_. -]{1,40}?\s*\(\s*\d+\s*\))\s+"
    r"(?:says|said|writes|wrote|replied|commented)\s*:(?:\s*.{0,80})?$"
    r"|^[^:\n]{1,40}?\s+on\s+[^:\n]{4,40}?\s+at\s+\d{1,2}:\d\d\s*(?:[ap]\.?m\.?)?\s+(?:said|says|wrote)\s*:?\s*$",
    regex.I | regex.V1)
MIN_COMMENT_HEADS = 2  # a page with this many comment headers has a comment section: each header is a barrier
CLOSING = frozenset({"comment"})  # lexicon classes after which the article is over (its comment section)
SKELETON = regex.compile(r"[^\p{L}\p{N}\s]+")
OPENING_TOKENS = 4  # how many of the line's first tokens :func:`opening` keeps
TOKEN = regex.compile(r"[\p{L}\p{N}]+|[^\p{L}\p{N}\s.]+")


def opening(line: str) -> str:
    """The shape of the line's first tokens: a word is ``A`` or ``a`` by its first letter, a number
    ``0``, marks stay, full stops go ("Aug. 2 -- DTE" and "June 17 -- Bridgestone" are both
    "A 0 -- A"). Empty unless it holds a digit or a mark: plain title-case headlines share one shape."""
    shape = []
    for tok in TOKEN.findall(line)[:OPENING_TOKENS]:
        ch = tok[0]
        shape.append("0" if ch.isdigit() else ("A" if ch.isupper() else "a") if ch.isalpha() else tok)
    return " ".join(shape) if any(t not in ("A", "a") for t in shape) else ""


@dataclass(frozen=True)
class LineFeatures:
    words: int
    stop_share: float
    sentence: bool
    repeated: bool  # the same text on another line of the page
    title_case: float  # share of words starting with a capital
    legal_hits: int = 0  # distinct copyright, privacy, cookie, terms, sign-up or disclaimer phrases
    barrier: bool = False  # a copyright footer, a "2H ago" time stamp or a comment widget: no article runs across it
    stamp: bool = False  # a "2H ago" time stamp: it closes a teaser (headline, summary, stamp)
    furniture: str = ""  # the SEO lexicon's class for the line on its own ("share", "nav" ...), if strong
    skeleton: str = ""  # the line's punctuation, in order ("--,,"): rows of one table share it
    template: bool = False  # the line recurs in other documents of the corpus (a site template)
    opening: str = ""  # the shape of the line's start ("Aa 0 -- Aa"): rows of one table share it too
    comment_head: bool = False  # a reader comment's header ("NAME says:"), on a page with several

    @property
    def prose(self) -> bool:
        if self.sentence:
            return self.words >= 6 and self.stop_share >= 0.15
        return self.words >= LONG_WORDS and self.stop_share >= GOOD_STOP_SHARE  # a paragraph cut short

    @property
    def legal(self) -> bool:
        """Legal or sign-up text: one such phrase on a short line, two in prose ("We use cookies ...
        see our privacy policy"): an article may well mention privacy or a subscription once."""
        return self.legal_hits >= (2 if self.prose else 1)

    @property
    def marked(self) -> bool:
        """Furniture by more than its length: repeated on the page or the site, legal, the lexicon's, a barrier."""
        return self.repeated or self.template or self.legal or bool(self.furniture) or self.barrier

    @property
    def menu_like(self) -> bool:
        return self.words <= SHORT_WORDS and not self.sentence

    def describe(self) -> tuple[str, ...]:
        out = [f"{self.words} words", "ends a sentence" if self.sentence else "no sentence end",
               f"{round(100 * self.stop_share)}% function words"]
        if self.repeated:
            out.append("repeated on the page")
        if self.words and self.title_case >= 0.8:
            out.append("title case")
        if self.legal:
            out.append("legal or sign-up wording")
        if self.template:
            out.append("in other documents of the corpus (a site template)")
        if self.furniture:
            out.append(f"SEO lexicon: {CLASS_NAMES.get(self.furniture, self.furniture)}")
        if self.comment_head:
            out.append("a reader comment's header (the page has several)")
        return tuple(out)


@functools.lru_cache(maxsize=1 << 14)
def _furniture(line: str, lex: Lexicon) -> str:
    """The SEO lexicon's class for the line on its own when it is sure (cached: the page shape, the
    page classifier and every page of a site ask about the same lines)."""
    verdict = classify_line(line, lex)
    return verdict.cls if verdict is not None and verdict.strength == "strong" else ""


def topic_words(line: str) -> frozenset[str]:
    """The line's content words (lower case, three letters or more, no function words, no numbers):
    what a paragraph of the article shares with its other paragraphs, and a teaser for another
    story seldom does."""
    return frozenset(w for w in (x.lower() for x in word_list(line))
                     if len(w) > 2 and w not in STOP_WORDS and not w.isdigit())


def norm_key(line: str) -> str:
    return " ".join(w.lower() for w in word_list(line))


def features(lines: list[str], lexicon: Lexicon | None = None,
             templates: frozenset[int] = frozenset()) -> list[LineFeatures]:
    """Every line's features; ``templates``: indices of lines other pages of the corpus share."""
    lex = lexicon if lexicon is not None else load(DEFAULT_PATH)
    counts = Counter(norm_key(x) for x in lines if x.strip())
    out = []
    for i, line in enumerate(lines):
        words = word_list(line)
        n = len(words)
        key = norm_key(line)
        furniture = _furniture(line, lex) if n else ""
        skeleton = "".join(SKELETON.findall(line)) if 2 <= n else ""
        out.append(LineFeatures(
            words=n, stop_share=sum(w.lower() in STOP_WORDS for w in words) / n if n else 0.0,
            sentence=ends_sentence(line.strip()), repeated=bool(key) and counts[key] > 1,
            title_case=sum(w[:1].isupper() for w in words) / n if n else 0.0, legal_hits=len({m.lower() for m in LEGAL.findall(line)}),
            barrier=(bool(BARRIER.search(line)) or furniture in CLOSING) and n <= MAX_BARRIER_WORDS,
            stamp=bool(STAMP.search(line)) and n <= MAX_BARRIER_WORDS, furniture=furniture,
            skeleton=skeleton, opening=opening(line) if 2 <= n else "", template=i in templates))
    heads = [i for i, line in enumerate(lines) if out[i].words and COMMENT_HEAD.search(line.strip())]
    if len(heads) >= MIN_COMMENT_HEADS:  # one "X said:" line may be an article's; several are a comment section
        for i in heads:
            out[i] = dataclasses.replace(out[i], comment_head=True, barrier=True)
    return out


MIN_PAGE_LINES = 30  # a page has at least this many non-blank lines (edited news: 5 in the median)
MIN_MENU_SHARE = 0.3  # this share of them menu-like (a page's median: 0.7; edited news: 0)
MIN_MENU_RUN = 5  # a run of menu entries is this many menu-like lines in a row ...
MIN_MENU_RUNS = 2  # ... and a page shows this many such runs, or one of ``LONG_MENU_RUN`` lines
LONG_MENU_RUN = 12
MIN_REPEATED = 4  # and this many lines repeated on the page ...
MIN_FURNITURE = 2  # ... or this many lines of legal, sign-up or widget wording


@dataclass(frozen=True)
class PageShape:
    lines: int
    menu_share: float
    menu_runs: int
    longest_run: int
    repeated: int
    furniture: int

    @property
    def is_page(self) -> bool:
        return (self.lines >= MIN_PAGE_LINES and self.menu_share >= MIN_MENU_SHARE
                and (self.menu_runs >= MIN_MENU_RUNS or self.longest_run >= LONG_MENU_RUN)
                and (self.repeated >= MIN_REPEATED or self.furniture >= MIN_FURNITURE))

    def evidence(self) -> tuple[str, ...]:
        return (f"{self.lines} non-blank lines, {self.menu_share:.0%} of them menu-like (short, no sentence end)",
                f"{self.menu_runs} run(s) of {MIN_MENU_RUN}+ menu-like lines, the longest {self.longest_run}",
                f"{self.repeated} line(s) repeated on the page, {self.furniture} of legal, sign-up or widget wording")


@functools.lru_cache(maxsize=32)
def page_shape(text: str, lexicon: Lexicon | None = None) -> PageShape | None:
    """The page statistics of ``text``, or None when it has too few lines, or too few short ones, to be
    a page (cheap: most documents stop at the line count, the rest at a word count per line)."""
    if text.count("\n") + 1 < MIN_PAGE_LINES:
        return None
    lines = [x for x in text.split("\n") if x.strip()]
    if len(lines) < MIN_PAGE_LINES:
        return None
    menu = [len(word_list(x)) <= SHORT_WORDS and not ends_sentence(x.strip()) for x in lines]
    if sum(menu) < MIN_MENU_SHARE * len(lines):  # cheap test first: a book or an article has few short lines
        return None
    feats = features(lines, lexicon)
    runs, run, longest = 0, 0, 0
    for f in feats + [None]:
        if f is not None and f.menu_like:
            run += 1
            longest = max(longest, run)
            continue
        runs += run >= MIN_MENU_RUN
        run = 0
    return PageShape(len(feats), sum(f.menu_like for f in feats) / len(feats), runs, longest,
                     sum(f.repeated for f in feats), sum(f.legal or bool(f.furniture) for f in feats))
