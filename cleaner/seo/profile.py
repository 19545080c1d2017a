"""Fake author-profile footers, found by the shape of the block rather than its words.

Content farms append a generated profile to scraped articles: a run of short
``Label: value`` lines (Name, Birthday, Address, Phone, Job, Hobby, Views, Rating ...)
in any order and with any values, usually ending in a generated self-introduction
("My name is X, I am a bright, smart, calm, zealous ... person who loves writing").
A real fact box (a restaurant's address and phone, an obituary's dates) has the
first shape but not the mixture: personal data, page metrics and an introduction.
"""
from __future__ import annotations

import regex

from .groups import Group
from .lexicon import PROFILE_ROLES, Lexicon, words
from .shapes import ends_sentence, label_value, starts_lower, strip_bullet, word_list

INTRO_OPENING = regex.compile(  # "My name is", in English and in the languages of translated generators
    r"\b(?:my name is|i am|i'm|i’m|mi nombre es|me llamo|soy|je m'appelle|je m’appelle|je suis|mon nom est|"
    r"ich heiße|ich heisse|mein name ist|ich bin|mi chiamo|il mio nome è|sono|meu nome é|o meu nome é|"
    r"chamo-me|me chamo|eu sou|mijn naam is|ik heet|ik ben)\b", regex.I)
ADJECTIVE_LIST = regex.compile(r"(?:\b\p{Ll}+,\s+){3,}(?:(?:and|y|e|et|und|en)\s+)?\p{Ll}+\b")
ROLE_ORDER = ("self", "contact", "meta", "block")


def is_generated_intro(text: str) -> bool:
    """A self-introduction built from a list of adjectives.

    >>> is_generated_intro("Introduction: My name is Rev. Leonie Wyman, I am a colorful, tasty, splendid, fair person")
    True
    >>> is_generated_intro("My name is Deborah and I run the corner shop.")
    False
    >>> is_generated_intro("Introducción: Mi nombre es Tomás Ruiz, soy una persona alegre, valiente, amable, sincera y creativa")
    True
    """
    return bool(INTRO_OPENING.search(text) and ADJECTIVE_LIST.search(text))


def _item(text: str, lex: Lexicon) -> tuple[str, str, str] | None:
    """(kind, role, label) of one line inside a possible profile block, None when it breaks the block."""
    body = strip_bullet(text)
    lv = label_value(body)
    if not lv and len(word_list(body)) > 4:  # neither "Label: value" nor a short label line
        return ("intro", "self", "introduction") if is_generated_intro(body) else None
    label = lv[0] if lv else body.rstrip(" :")
    roles = {role for _, role in lex.phrase_roles(words(label), PROFILE_ROLES)}
    role = next((r for r in ROLE_ORDER if r in roles), "")
    if is_generated_intro(body):
        return "intro", role or "self", label.lower() if lv else "introduction"
    if role and (lv or len(word_list(body)) <= 4):
        return "known", role, label.lower()
    if lv and len(word_list(lv[0])) <= 3 and len(word_list(lv[1])) <= 20:
        return "filler", "", label.lower()
    if not lv and len(word_list(body)) <= 4 and not ends_sentence(body) and not starts_lower(body):
        return "filler", "", label.lower()  # an unknown sub-header ("Author Profile") inside the block
    return None


def _judge(run: list[tuple[int, tuple[str, str, str]]]) -> Group | None:
    while run and run[0][1][0] == "filler":
        run = run[1:]
    while run and run[-1][1][0] == "filler":
        run = run[:-1]
    if not run:
        return None
    labels: dict[str, set[str]] = {r: set() for r in ROLE_ORDER}
    for _, (kind, role, label) in run:
        if role:
            labels[role].add(label)
    fillers = sum(kind == "filler" for _, (kind, _, _) in run)
    intro = any(kind == "intro" for _, (kind, _, _) in run)
    self_, contact, meta = len(labels["self"]), len(labels["contact"]), len(labels["meta"]) + len(labels["block"])
    known = self_ + contact + meta
    evidence = (f"profile labels: {known} ({', '.join(sorted(set().union(*labels.values())))})",
                f"self {self_}, contact {contact}, page metrics {meta}, other labels {fillers}",
                f"generated self-introduction: {'yes' if intro else 'no'}")
    what = f"{len(run)} label lines, {known} of them profile labels"
    what += ", ending in a generated introduction" if intro else ""
    if known >= 5 and fillers <= known and (intro or (self_ >= 2 and contact >= 1 and meta >= 1)):
        return Group("profile", run[0][0], run[-1][0], "strong", what, evidence)
    if known >= 4:
        return Group("profile", run[0][0], run[-1][0], "unsure", what + " (could be a real fact box)", evidence)
    return None


def find_profile_blocks(texts: list[str], lex: Lexicon) -> list[Group]:
    """Profile blocks among the lines ``texts`` (blank lines may separate their items)."""
    groups, run = [], []
    for i, text in enumerate(texts + [None]):  # None flushes the last run
        if text is not None and not text.strip():
            continue
        item = _item(text, lex) if text is not None else None
        if item is None:
            group = _judge(run)
            if group:
                groups.append(group)
            run = []
        else:
            run.append((i, item))
    return groups
