"""Context guards for spinner-lexicon rows: when may an ambiguous swap be reversed?

A guard is text from a lexicon column. Alternatives are separated by `` || ``; inside
one alternative, clauses separated by ``;`` must all hold. Clauses look at the words or
the raw text around the match (see the header of ``rules/lexicons/spun_synonyms.tsv``).
Why a tiny language instead of Python per entry: contributors add entries as data, and
each guard is visible next to its example.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Callable

TOKEN = re.compile(r"[\w’'.&-]*\w|\w")
PREV_WORD = re.compile(r"([\w’'&-]*\w)\s*$")
NEXT_WORD = re.compile(r"^\s*(\w[\w’'&-]*)")
WINDOW_CHARS = 160  # text after the match a before: regex may read
AFTER_CHARS = 80  # text before the match an after: regex may read (a few words; search cost grows with it)
# ";" separates clauses only where a clause starts, so regexes may use ";" inside classes
CLAUSE_SPLIT = re.compile(r";(?=\s*!?(?:(?:prev|next|near\d*|after|before):|@))")


def norm(word: str) -> str:
    """Lowercase and straighten apostrophes, so guard word lists match either form.

    >>> norm("Kim’s")
    "kim's"
    """
    return word.lower().replace("’", "'")


def prev_word(text: str, start: int) -> str | None:
    """The word right before ``start`` with only spaces in between, else None.

    >>> prev_word("the army ties", 4), prev_word("said, army", 6)
    ('the', None)
    """
    m = PREV_WORD.search(text[max(0, start - 60):start])
    return norm(m.group(1)) if m else None


def next_word(text: str, end: int) -> str | None:
    """The word right after ``end`` with only spaces in between, else None.

    >>> next_word("army ties with", 4), next_word("army, ties", 4)
    ('ties', None)
    """
    m = NEXT_WORD.match(text[end:end + 60])
    return norm(m.group(1)) if m else None


def window_words(text: str, start: int, end: int, n: int) -> str:
    """Up to ``n`` words either side of the match, lowercased and joined by single spaces."""
    left = TOKEN.findall(text[max(0, start - 12 * n):start])[-n:]
    right = TOKEN.findall(text[end:end + 12 * n])[:n]
    return " " + " ".join(norm(w) for w in left + ["\x00"] + right) + " "


def _regex(pattern: str) -> re.Pattern:
    # case-insensitive, except an explicit capital class stays a capital
    return re.compile(pattern.replace("[A-Z]", "(?-i:[A-Z])"), re.IGNORECASE)


def _word_set(spec: str) -> tuple[frozenset[str], tuple[str, ...], tuple[re.Pattern, ...]]:
    exact, prefixes, phrases = set(), [], []
    for item in spec.split("|"):
        item = norm(item.strip())
        if not item:
            continue
        if "\\s" in item or " " in item:
            phrases.append(re.compile(r"(?<![\w'])" + item.replace(" ", r"\s+") + r"(?![\w'])"))
        elif item.endswith("*"):
            prefixes.append(item[:-1])
        else:
            exact.add(item)
    return frozenset(exact), tuple(prefixes), tuple(phrases)


def _in_set(word: str | None, spec) -> bool:
    exact, prefixes, _ = spec
    return word is not None and (word in exact or any(word.startswith(p) for p in prefixes))


@dataclass(frozen=True)
class Context:
    text: str
    start: int
    end: int


Check = Callable[[Context], bool]


def _clause(raw: str, predicates: dict[str, Check]) -> Check:
    negate = raw.startswith("!")
    body = raw[1:] if negate else raw
    if body.startswith("@"):
        if body[1:] not in predicates:
            raise ValueError(f"unknown predicate {body!r}")
        check = predicates[body[1:]]
    else:
        key, sep, arg = body.partition(":")
        if not sep:
            raise ValueError(f"clause {raw!r} has no ':'")
        check = _make(key, arg)
    return (lambda c: not check(c)) if negate else check


def _make(key: str, arg: str) -> Check:
    if key == "prev":
        spec = _word_set(arg)
        return lambda c: _in_set(prev_word(c.text, c.start), spec)
    if key == "next":
        spec = _word_set(arg)
        return lambda c: _in_set(next_word(c.text, c.end), spec)
    m = re.fullmatch(r"near(\d*)", key)
    if m:
        n, spec = int(m.group(1) or 5), _word_set(arg)

        def near(c: Context) -> bool:
            win = window_words(c.text, c.start, c.end, n)
            words = set(win.split())
            words |= {w[:-2] for w in words if w.endswith("'s")}
            return bool(words & spec[0]) or any(w.startswith(p) for w in words for p in spec[1]) \
                or any(p.search(win) for p in spec[2])
        return near
    if key == "after":
        rx = _regex(arg)
        return lambda c: rx.search(c.text[max(0, c.start - AFTER_CHARS):c.start]) is not None
    if key == "before":
        rx = _regex(arg)
        return lambda c: rx.match(c.text[c.end:c.end + WINDOW_CHARS]) is not None
    raise ValueError(f"unknown clause {key!r}")


def vetoes(spec: str) -> str:
    """The negative clauses of a guard that has no alternatives ("!near:goal;!after:police"): what the row
    says must never be around its spun form, whatever else holds. Empty when there are alternatives.

    >>> vetoes("@noun;!near:goal|scored;next:for"), vetoes("prev:the || next:of")
    ('!near:goal|scored', '')
    """
    if " || " in spec:
        return ""
    return ";".join(p.strip() for p in CLAUSE_SPLIT.split(spec) if p.strip().startswith("!"))


@functools.lru_cache(maxsize=4096)
def compile_guard(spec: str, predicates_key: str = "default") -> Check:
    """Compile a guard string into ``Context -> bool``; an empty guard always holds.

    >>> g = compile_guard("next:ties|technology;@lower || prev:and")
    >>> g(Context("deepen army ties", 7, 11)), g(Context("the Army ties", 4, 8)), g(Context("trade and army", 10, 14))
    (True, False, True)
    """
    from .predicates import PREDICATES

    spec = spec.strip()
    if not spec:
        return lambda c: True
    alternatives = []
    for alt in spec.split(" || "):
        clauses = [_clause(part.strip(), PREDICATES) for part in CLAUSE_SPLIT.split(alt) if part.strip()]
        alternatives.append(clauses)
    return lambda c: any(all(cl(c) for cl in clauses) for clauses in alternatives)
