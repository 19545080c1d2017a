"""Named guard predicates (``@say``, ``@noun``, ``@object``, ``@lower``) for spinner-lexicon rows.

Why in code: a reporting-verb slot or a noun position is a small judgement over several
words, too long to repeat as a regex in every row that needs it.
"""
from __future__ import annotations

import re

from .guards import Context, next_word, prev_word

PRONOUNS = frozenset("he she they we i it who you one".split())
NOT_SUBJECT = frozenset("""a an the as is was were be been being are am not never ever only already previously
    above below earlier first also briefly barely rarely seldom often frequently repeatedly just recently
    widely commonly after before under over rather either neither whether later former other another
    further per for or nor her him them us me my your our their its this that these those and but if
    when where which what has have had having to of in on at by from with than then there here so""".split())
PERSON_NOUNS = frozenset("""official officials officer officers spokesman spokeswoman spokesperson spokespeople
    minister ministers president presidents premier chancellor secretary leader leaders chief chiefs head
    director chairman chairwoman chair ceo executive executives govt economist economists analyst analysts
    expert experts consultants consultant specialists professor researcher researchers scientist scientists
    doctor doctors lawyer lawyers attorney attorneys prosecutor prosecutors judge decide police authorities
    government ministry department agency company firm bank report statement study survey source sources
    people residents witnesses diplomat diplomats ambassador envoy aide aides adviser advisers advisor
    advisors observers critics supporters lawmakers legislators senator congressman congresswoman mp mps
    coach manager supervisor captain skipper player striker fans group union workers employees staff team
    military army navy kremlin administration council court regulator regulators investigators spokesmen
    commander commanders general governor mayor founder owner candidate campaigners activists organisers
    organizers sponsor partners traders investors economists strategists fellow associate editor
    correspondent journalist reporters agencies""".split())
DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
QUOTE_BEFORE = re.compile(r"[,.!?…]\s*[\"”’']\s*(?:[A-Z][\w’'.-]*\s+){0,4}$")
RIGHT_CUES = re.compile(
    rf"\s+(?:on\s+(?:{DAYS})|in\s+an?\s+(?:statement|interview|speech|email|e\s+mail|letter|post|note|report|"
    rf"briefing|televised)|this\s+(?:week|month|year|morning)|last\s+(?:week|month|year)|final\s+(?:week|month)|"
    rf"yesterday|earlier\s+this|that\b|there\s+(?:was|were|is|are|had|have)\b)|\s*[:,]\s*[\"“]|\s*[.;,]",
    re.IGNORECASE)
APPOSITION_AFTER = re.compile(r"\s+(?:[A-Z][\w’'.-]+\s+){0,3}[A-Z][\w’'.-]+,\s+(?:a|an|the|who|whose|head|chief)\b")
NOT_SAY_AFTER = re.compile(r"\s+(?:above|below|earlier|previously|in\s+passing|(?:it|this|that)\s+(?:in\s+passing|to)|"
                           r"(?:a|an)\s+(?:date|name|figure|number|plan|case|time|place|few|couple)|to\s+(?:me|him|her|them|us))\b",
                           re.IGNORECASE)
DETERMINERS = frozenset("""the a an his her its their our your my this that these those no any some such more
    extra further additional much little strong broad growing full total unconditional continued""".split())
MODALS = frozenset("to will would can could may might should must shall not n't also did does do helped help".split())
ADJ_SUFFIX = re.compile(r"(?:al|ic|ive|ous|ful|ary|ory|ble|ant|ent|ian|ean|ese|ish|ern|less)$")
OBJECT_WORDS = frozenset("""him her them us me you it reporters journalists lawmakers legislators parliament
    congress investors analysts the a an his their its our staff employees workers police officials officers
    members shareholders voters supporters delegates mps senators ministers diplomats colleagues
    students audiences viewers listeners readers""".split())
NOT_OBJECT_NEXT = re.compile(r"\s+(?:decision|decisions|choice|choices|consent|opinion|opinions|sources|citizens|"
                             r"debate|guess|guesses|view|views|judgement|judgment|public|electorate|reader|readers|"
                             r"about|of|by|that|on|through|via)\b", re.IGNORECASE)


def say(c: Context) -> bool:
    """A reporting-verb slot: the swapped word stands where a writer would put "said".

    >>> say(Context('The Russian president mentioned the deal', 22, 31))
    True
    >>> say(Context('“No,” Putin mentioned.', 12, 21)), say(Context('as mentioned above', 3, 12))
    (True, False)
    """
    left, right = c.text[max(0, c.start - 80):c.start], c.text[c.end:c.end + 80]
    if NOT_SAY_AFTER.match(right):
        return False
    if QUOTE_BEFORE.search(left):
        return True
    prev = prev_word(c.text, c.start)
    if prev is None:
        return left.rstrip().endswith(",") and bool(left.strip())
    if prev in NOT_SUBJECT:
        return False
    raw_prev = left.rstrip().split()[-1] if left.split() else ""
    if prev in PRONOUNS or prev in PERSON_NOUNS:
        return True
    if raw_prev[:1].isupper():
        return True
    return bool(RIGHT_CUES.match(right) or APPOSITION_AFTER.match(right))


def noun(c: Context) -> bool:
    """The word is used as a noun: after a determiner, a possessive or an adjective, or before for/of.

    >>> noun(Context("his assist for the war", 4, 10)), noun(Context("to assist the war", 3, 9))
    (True, False)
    """
    prev = prev_word(c.text, c.start)
    if prev in MODALS:
        return False
    if next_word(c.text, c.end) in {"for", "from", "of"}:
        return True
    if prev is None:
        return False
    if prev in DETERMINERS or prev.endswith("'s") or prev.endswith("s'"):
        return True
    raw = c.text[max(0, c.start - 40):c.start].split()
    return bool(raw and (raw[-1][:1].isupper() or ADJ_SUFFIX.search(prev)))


def object_follows(c: Context) -> bool:
    """The verb is followed by an object: a pronoun, a name, "reporters", "the ...".

    >>> object_follows(Context("informed Bloomberg the talks", 0, 8)), object_follows(Context("informed decision", 0, 8))
    (True, False)
    """
    right = c.text[c.end:c.end + 60]
    if NOT_OBJECT_NEXT.match(right):
        return False
    nxt = next_word(c.text, c.end)
    if nxt is None:
        return False
    raw = right.split()[0] if right.split() else ""
    return nxt in OBJECT_WORDS or raw[:1].isupper()


def lower(c: Context) -> bool:
    """The matched text is all lowercase (a capitalised match may be a name).

    >>> lower(Context("the army", 4, 8)), lower(Context("the Army", 4, 8))
    (True, False)
    """
    span = c.text[c.start:c.end]
    return span == span.lower()


PREDICATES = {"say": say, "noun": noun, "object": object_follows, "lower": lower}
