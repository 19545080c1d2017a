"""Classify a whole document: every line's verdict, judged with its neighbours (jusText-style).

Order matters and is fixed:

1. fake-profile blocks (:mod:`.profile`) claim their lines first;
2. every other line gets its own verdict (:mod:`.lines`), unless it sits inside a
   hard-wrapped paragraph;
3. a bare list header ("Related", "Most Read") takes the headline list under it;
4. weak lines ("Email *", "Subscribe") count only beside a strong line of their class, or
   three in a row (a menu), or with a count ("Comments (0)"), otherwise they become suggestions; a short non-sentence line
   squeezed between two furniture lines, and a short title directly above a furniture box,
   go with them (jusText's context rule);
5. a copyright footer counts only where no prose follows it;
6. a repeat of the title counts when nothing but furniture follows it.

Consecutive lines of one class become one :class:`Group`, one logged edit.
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, replace
from pathlib import Path

import regex

from ..kinds.remove_line import iter_lines
from .groups import Group
from .lexicon import DEFAULT_PATH, Lexicon, load
from .lines import CLASS_NAMES, LineVerdict, classify_line
from .profile import find_profile_blocks
from .shapes import (ends_sentence, has_bullet, is_headline, is_prose, is_wrapped_continuation, paragraph_prose,
                     starts_lower, strip_bullet, word_list)

MAX_LIST_ITEMS = 10
COPYRIGHT_WORD = regex.compile(r"©|\(c\)|copyright|rights reserved|licen[cs]|permission", regex.I)
UNDERLINE = regex.compile(r"^\s*([=\-~^*#+])\1{2,}\s*$")
# the article's last line at news agencies: "Reporting by Josh Smith; Editing by Gerry Doyle"
STAFF_CREDIT = regex.compile(r"\s*\(?(?:additional\s+)?(?:reporting|writing|editing|compiled|translated|research)\s+by\b",
                             regex.I)
CREDIT = regex.compile(r"\b(?:photo|picture|image|caption|credit|getty|reuters|afp|ap|pa)\b", regex.I)


@dataclass(frozen=True)
class Classification:
    """Line spans ``(start, content_end, next_start)`` of the text and the furniture groups found in it."""

    lines: tuple[tuple[int, int, int], ...]
    texts: tuple[str, ...]
    groups: tuple[Group, ...]

    def strong(self) -> list[Group]:
        return [g for g in self.groups if g.removable]


@functools.lru_cache(maxsize=32)
def classify(text: str, lexicon_path: Path = DEFAULT_PATH) -> Classification:
    """All furniture groups of ``text``, cached because the detector and each pass ask again."""
    lex = load(lexicon_path)
    lines = tuple(iter_lines(text))
    texts = [text[s:e] for s, e, _ in lines]
    profiles = find_profile_blocks(texts, lex)
    claimed = {i for g in profiles for i in range(g.first, g.last + 1)}
    raw = {i: classify_line(line, lex) for i, line in enumerate(texts) if i not in claimed and line.strip()}
    verdicts: dict[int, LineVerdict] = {}
    for i, line in enumerate(texts):
        verdict = raw.get(i)
        if verdict is None:
            continue
        # a neighbour that is furniture itself ("..., opens new tab") is no paragraph this line continues
        prev = texts[i - 1] if i > 0 and texts[i - 1].strip() and not _strong(raw.get(i - 1)) else None
        nxt = texts[i + 1] if i + 1 < len(texts) and texts[i + 1].strip() else None
        if nxt is not None and UNDERLINE.match(nxt):
            continue  # "See Also" over "========" is a document's own section heading
        if not verdict.unmistakable and not has_bullet(line) and is_wrapped_continuation(prev, line, nxt):
            continue
        verdicts[i] = verdict
    _take_link_lists(texts, verdicts, claimed)
    _settle_weak(texts, verdicts, claimed)
    _take_sandwiched(texts, verdicts, claimed)
    _take_box_headings(texts, verdicts, claimed)
    _footer_only_at_end(texts, verdicts, claimed)
    groups = _group(texts, verdicts) + profiles
    title = _duplicate_title(texts, verdicts, claimed, groups)
    if title:
        groups.append(title)
    return Classification(lines, tuple(texts), tuple(sorted(groups, key=lambda g: g.first)))


def _strong(verdict: LineVerdict | None) -> bool:
    return verdict is not None and verdict.strength == "strong"


def _take_link_lists(texts: list[str], verdicts: dict[int, LineVerdict], claimed: set[int]) -> None:
    """Headlines listed under a bare "Related"/"Most Read" header are links too."""
    for i, v in sorted(verdicts.items()):
        if not (v.label_alone and v.strength == "strong" and v.cls in ("link", "nav", "ad")):
            continue
        j, gap, items = i + 1, False, []
        if j < len(texts) and not texts[j].strip():
            j, gap = j + 1, True
        while j < len(texts) and texts[j].strip() and j not in claimed and len(items) < MAX_LIST_ITEMS \
                and (j not in verdicts or verdicts[j].strength == "weak"):
            item = strip_bullet(texts[j])
            if is_prose(item) or not (has_bullet(texts[j]) or is_headline(item, 20)):
                break
            items.append(j)
            j += 1
        if gap and len(items) < 2:
            continue  # one line after a blank line may be a heading of the article
        for j in items:
            verdicts[j] = LineVerdict(v.cls, "strong", f"link listed under {texts[i].strip()!r}",
                                      ("list under a link label",), frozenset({v.cls}))


def _runs(texts: list[str], verdicts: dict[int, LineVerdict]) -> list[list[int]]:
    """Lines with a strong or weak verdict, split where any other non-blank line intervenes."""
    runs, run = [], []
    for i, line in enumerate(texts):
        if not line.strip():
            continue
        v = verdicts.get(i)
        if v and v.strength in ("strong", "weak"):
            run.append(i)
        elif run:
            runs.append(run)
            run = []
    return runs + ([run] if run else [])


# widget words with a count: "Comments (0)", "12 Comments", "Shares: 1.2k" (the words are already known widget words)
COUNTER = regex.compile(r"\(?\d[\d,.]*[km]?\)?\s*\p{L}[\p{L} ]{2,24}|\p{L}[\p{L} ]{2,24}?\s*[:(\[]?\s*\d[\d,.]*[km]?\s*[)\]]?",
                        regex.I)


def _settle_weak(texts: list[str], verdicts: dict[int, LineVerdict], claimed: set[int]) -> None:
    """A weak line joins the nearest strong line of one of its classes in its run, else is only suggested.

    Three or more weak lines of one class in a row are a menu or a button bar by themselves
    ("Home / News / World", "Facebook / Twitter / Email").
    """
    for run in _runs(texts, verdicts):
        strong = [i for i in run if verdicts[i].strength == "strong"]
        weak = [i for i in run if verdicts[i].strength == "weak"]
        shared = frozenset.intersection(*(verdicts[i].classes for i in weak)) if len(weak) >= 3 else frozenset()
        if shared and len(weak) == len(run):
            cls = sorted(shared)[0]
            for i in weak:
                verdicts[i] = replace(verdicts[i], cls=cls, strength="strong", what=f"one of {len(weak)} "
                                      f"{CLASS_NAMES[cls]} lines in a row", evidence=verdicts[i].evidence + (
                                          f"run of {len(weak)} widget-word lines",))
            continue
        for i in run:
            v = verdicts[i]
            if v.strength != "weak":
                continue
            if COUNTER.fullmatch(texts[i].strip()):
                verdicts[i] = replace(v, strength="strong", evidence=v.evidence + ("widget words with a count",))
                continue
            near = sorted((abs(j - i), j) for j in strong if verdicts[j].cls in v.classes)
            if near:
                cls = verdicts[near[0][1]].cls
                verdicts[i] = replace(v, cls=cls, strength="strong", evidence=v.evidence + (
                    f"beside {CLASS_NAMES[cls]} {texts[near[0][1]].strip()[:40]!r}",))
            else:
                verdicts[i] = replace(v, strength="unsure", what=v.what + ", with no strong furniture beside it")


def _take_sandwiched(texts: list[str], verdicts: dict[int, LineVerdict], claimed: set[int]) -> None:
    """jusText's context rule: a short line that is not a sentence, directly between two furniture
    lines (no blank line on either side), is furniture too ("Video duration 02:14")."""
    for i in range(1, len(texts) - 1):
        line = texts[i]
        if i in verdicts or i in claimed or not line.strip() or not texts[i - 1].strip() or not texts[i + 1].strip():
            continue
        above, below = verdicts.get(i - 1), verdicts.get(i + 1)
        if not (above and below and above.strength == below.strength == "strong"):
            continue
        if len(word_list(line)) > 6 or ends_sentence(line) or CREDIT.search(line):
            continue
        verdicts[i] = LineVerdict(above.cls, "strong", f"short line between {CLASS_NAMES[above.cls]} lines",
                                  ("between two furniture lines",), frozenset({above.cls}))


def _take_box_headings(texts: list[str], verdicts: dict[int, LineVerdict], claimed: set[int]) -> None:
    """A short title line directly above two or more lines of one furniture box is the box's title
    ("Morning Briefing" over a newsletter sign-up)."""
    for i, line in enumerate(texts):
        if i in verdicts or i in claimed or not line.strip() or (i > 0 and texts[i - 1].strip()):
            continue
        if len(word_list(line)) > 4 or ends_sentence(line) or starts_lower(line.strip()):
            continue
        below = []
        j = i + 1
        while j < len(texts) and texts[j].strip() and j in verdicts and verdicts[j].strength == "strong":
            below.append(j)
            j += 1
        if len(below) >= 2 and len({verdicts[b].cls for b in below}) == 1:
            cls = verdicts[below[0]].cls
            verdicts[i] = LineVerdict(cls, "strong", f"title of a {CLASS_NAMES[cls]} box",
                                      (f"directly above {len(below)} {CLASS_NAMES[cls]} lines",), frozenset({cls}))


def _footer_only_at_end(texts: list[str], verdicts: dict[int, LineVerdict], claimed: set[int]) -> None:
    """"All rights reserved." heads licences too; as page furniture it comes after the last prose
    paragraph and has no other copyright or licence line near it (a list of holders, "Licensed
    under ...")."""
    footers = [i for i, v in verdicts.items() if v.cls == "footer"]
    if not footers:
        return
    prose = paragraph_prose(texts, set(verdicts) | claimed)
    last_prose = max(prose, default=-1)
    near = [j for j in range(len(texts)) if texts[j].strip() and j not in verdicts]
    for i in footers:
        k = bisect.bisect(near, i)
        neighbours = [texts[j] for j in near[max(k - 3, 0):k + 3]]  # three lines either side
        adjacent = [texts[j] for j in (i - 1, i + 1) if 0 <= j < len(texts) and j not in verdicts
                    and len(word_list(texts[j])) >= 5 and not STAFF_CREDIT.match(texts[j])]
        if i < last_prose or adjacent or any(COPYRIGHT_WORD.search(n) for n in neighbours):
            del verdicts[i]  # inside a block of text, or among licence lines: a notice, not a footer


def _group(texts: list[str], verdicts: dict[int, LineVerdict]) -> list[Group]:
    """Consecutive strong lines of one class become one group; each unsure line is its own group."""
    groups: list[Group] = []
    cur: list[int] = []

    def flush() -> None:
        if cur:
            vs = [verdicts[i] for i in cur]
            what = vs[0].what if len(cur) == 1 else f"{len(cur)} lines: " + "; ".join(
                repr(texts[i].strip()[:40]) for i in cur[:4]) + ("; ..." if len(cur) > 4 else "")
            evidence = tuple(dict.fromkeys(e for v in vs for e in v.evidence))[:6]
            groups.append(Group(vs[0].cls, cur[0], cur[-1], "strong", what, evidence))
            cur.clear()

    for i, line in enumerate(texts):
        if not line.strip():
            continue
        v = verdicts.get(i)
        if v and v.strength == "strong" and (not cur or verdicts[cur[-1]].cls == v.cls):
            cur.append(i)
            continue
        flush()
        if v and v.strength == "strong":
            cur.append(i)
        elif v:
            groups.append(Group(v.cls, i, i, "unsure", v.what, v.evidence))
    flush()
    return groups


YEAR_SUFFIX = regex.compile(r"\s*\(\d{4}\)$")
SITE_SUFFIX = regex.compile(r"^\s*[|–—:-]\s*\S.{0,60}$")


def _norm(line: str) -> str:
    return YEAR_SUFFIX.sub("", " ".join(line.split()).casefold())


def same_title(a: str, b: str) -> bool:
    """Equal titles, allowing a "(2024)" or a " | Site name" suffix on one of them.

    >>> same_title("Putin in Pyongyang (2024)", "Putin in Pyongyang | World News")
    True
    >>> same_title("Festival opens", "Festival opens with a premiere")
    False
    """
    a, b = _norm(a), _norm(b)
    if a == b:
        return bool(a)
    short, long_ = sorted((a, b), key=len)
    return bool(short) and long_.startswith(short) and bool(SITE_SUFFIX.match(long_[len(short):]))


def _duplicate_title(texts: list[str], verdicts: dict[int, LineVerdict], claimed: set[int],
                     groups: list[Group]) -> Group | None:
    """The first line repeated later with nothing after it but furniture (or nothing at all)."""
    non_blank = [i for i, t in enumerate(texts) if t.strip()]
    if len(non_blank) < 3:
        return None
    first = non_blank[0]
    title = texts[first]
    if first in verdicts or not title.strip() or len(title.split()) > 40:
        return None
    furniture = {i for g in groups if g.removable for i in range(g.first, g.last + 1)}
    for i in reversed(non_blank[2:]):
        if same_title(texts[i], title) and all(j in furniture for j in non_blank if j > i):
            other = any(g.removable for g in groups)
            return Group("title", i, i, "strong" if other else "unsure",
                         f"same as line {first + 1}, followed only by furniture"
                         + ("" if other else "; no other furniture here, so only suggested"),
                         (f"same as line {first + 1}",))
        if i not in furniture:
            return None
    return None


def lexicon_for(base_dir: Path, name: str | None) -> Path:
    """The lexicon a rule names (relative to its pack's folder), or the bundled one."""
    return (base_dir / name).resolve() if name else DEFAULT_PATH


__all__ = ["Classification", "Lexicon", "classify", "lexicon_for"]
