"""``segment``: split run-together words ("costingmore") and join words split in two ("relation ship").

``mode: split``: an alphabetic token that wordfreq has never seen, is not a corpus
word, and that symspellpy segments (with ``max_edit_distance=0``, so only spaces
are inserted) into 2-3 common words. Safe when every part is common or the parts
form a known bigram, and the damage is evident: a part is a function word ("andinjured"),
or the document has two or more such tokens (glue comes in clusters; one unknown compound
alone, "geoeconomics", may be a rare word). Capitalised tokens (names) and every token of a
technical document (module names such as "mainloop") are only suggestions.

``mode: join``: two adjacent words whose concatenation is a common word. Safe when
one half is not a word at all ("AB ility"), or, in transcripts, when the pair is
absent from symspellpy's bigram list (so "may be", "a part", "be cause" stay) but
the joined word is common; in prose, two real words are only a suggestion.

URLs, e-mail addresses, handles, hashtags, code and anything glued to digits are
shielded (:mod:`cleaner.lang.tokens`). YAML parameters: ``mode`` (split | join).
"""
from __future__ import annotations

import re
from typing import Iterator

from ..adapters import symspell_adapter as sym
from ..lang.names import knowledge
from ..lang.tokens import Shield, plain_word, words
from ..lang.tokens import shield as tokens_shield
from ..lang.vocab import zipf
from ..model import Document, Edit, Safety
from ..registry import RuleSpec
from . import register_kind
from .base import RuleKind, make_edit

CLOSED_CLASS = frozenset(
    "a an the and or but if of to in on at by for from with as is was are be been it its he she his her him "
    "they them their we us our you your i me my this that these those there here not no so up".split())
SHORT_PARTS = frozenset("a i an as at be by do go he if in is it me my no of on or so to up us we".split())
MIN_PART_ZIPF = 3.0
ARTICLES = frozenset({"the", "a", "an"})
SURE_PART_ZIPF = 3.5
MIN_JOINED_ZIPF = 2.6
WORD_PREFIXES = frozenset("un dis mis de super ultra micro macro mega mini hyper counter over under "
                          "cross re non sub pre post co".split())
PREFIXES = frozenset("post pre anti mid re co sub non ex pro self semi multi inter".split())  # "post war": a hyphen is a style choice
# Prefixes a caption or a broken line cuts off ("re ported", "un certain", "co operative"): in a damaged
# document the halves join when the whole is a common word (``PREFIXED_ZIPF``).
BOUND_PREFIXES = frozenset("re un co anti micro dis mis in im pre non sub inter over under".split())
PREFIXED_ZIPF = 3.0
ABSENT_PAIR_MARGIN = 1.0  # Zipf points a whole may be rarer than its rarer half when English never pairs the halves
COMPOUND_RATIO = 10.0  # in a document with spacing damage, a pair whose whole is this much commoner is one word
RARE_PART_ZIPF = 3.0  # in a damaged document a half rarer than this is a fragment ("hect", "volun")
# English makes compounds with these: a particle before a word ("onstart", "uplights", "input") or a
# word before a suffix-like word ("tieless", "citywide"). Split there, the word may be a real compound.
COMPOUND_PARTICLES = frozenset("up down on off in out over under back by through".split())
COMPOUND_HEADS = frozenset("less like wide ship hood proof free worthy side way ward wards ware work line "
                           "man men woman women land book room".split())


# "inRiverside", "Kenya'sDaniel": whitespace or an opening mark before, nothing word-like after
CAMEL_GLUE = re.compile(r"(?<![\w@#/.\\&+=-])([a-z]+(?:['’]s)?|[A-Z][a-z]+['’]s)([A-Z][a-z]{2,})(?![\w@/\\&+=]|\.\w)")
CAMEL_LEFT_ZIPF = 3.5


TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|St|Sr|Jr|Rev|Gen|Col|Capt|Lt|Sgt|Gov|Sen|Rep|Hon|No|Vol|Fig)\.\s*\Z")


def sentence_start(text: str, at: int) -> bool:
    """Whether ``at`` starts a sentence: the text's start, a line, or after ., ! or ? that is not a
    title's abbreviation ("Mr. Madan" is a name after a title, not a new sentence).

    >>> sentence_start("Rain fell. Then", 11), sentence_start("said Mr. Madan", 9)
    (True, False)
    """
    before = text[max(0, at - 2):at].strip()
    if at == 0 or before == "":
        return True
    return before in (".", "!", "?") and not TITLE_BEFORE.search(text, max(0, at - 8), at)


TYPO_TARGET_ZIPF = 3.5


def typo_like(token: str, parts: list[str]) -> str | None:
    """A common word one keystroke from ``token``, commoner than a part of the split: then the token is
    misspelled, not glued ("consits" is "consists", not "cons its"; "billin" is "billion"; but
    "forthe" is "for the", not "forth").

    >>> typo_like("consits", ["cons", "its"]), typo_like("forthe", ["for", "the"])
    ('consists', None)
    """
    best = max(((zipf(t), t) for t, d, _ in sym.candidates(token.lower(), 1) if d == 1), default=(0.0, None))
    weakest = min(zipf(p.lower()) for p in parts)
    return best[1] if best[0] >= TYPO_TARGET_ZIPF and best[0] > weakest else None


def compound_like(parts: list[str]) -> bool:
    """Whether the parts could be one compound word rather than two words run together.

    >>> compound_like(["tie", "less"]), compound_like(["on", "start"]), compound_like(["on", "the"])
    (True, True, False)
    """
    low = [p.lower() for p in parts]
    return low[-1] in COMPOUND_HEADS or low[0] in COMPOUND_PARTICLES and low[1] not in CLOSED_CLASS


# Closed-class words (prepositions, conjunctions, determiners, pronouns, auxiliaries, quantifiers):
# run into a neighbour, they are the plainest evidence that a document has lost its spaces.
GLUE_EVIDENCE = CLOSED_CLASS | frozenset(
    "below above after before during since until while into onto upon than then when where which who whom "
    "whose what because although though about against among between through without within across "
    "more most some any all each every many much very also just only even still yet both such other "
    "another has have had will would can could should may might must do does did were".split())


def glued_function_word(parts: list[str]) -> bool:
    """A function word run into its neighbour ("andinjured", "justfor"): the plainest evidence of glue.

    >>> glued_function_word(["and", "injured"]), glued_function_word(["dropping", "below"])
    (True, True)
    >>> glued_function_word(["mob", "log"]), glued_function_word(["up", "lights"])
    (False, False)
    """
    return len(parts) == 2 and any(p.lower() in GLUE_EVIDENCE for p in parts) and not compound_like(parts)


def split_parts(token: str) -> list[str] | None:
    """The parts of a run-together token, or None when it is not one.

    Unknown tokens (wordfreq never saw them) may split into any common words. Tokens
    wordfreq has seen but symspellpy's curated list lacks are web typos ("onthe") or
    modern compounds ("podcast", "onboard"); only a glued article splits there.

    >>> split_parts("costingmore"), split_parts("onthe"), split_parts("hereto"), split_parts("podcast")
    (['costing', 'more'], ['on', 'the'], None, None)
    """
    low = token.lower()
    if len(token) < 4 or not token.isalpha() or sym.unigram_count(token):
        return None
    seen = zipf(low)
    if seen > 0 or len(token) < 5:
        return common_glue(token)  # "ofthe", "atleast", "nextweek", "isin": web glue wordfreq has seen
    cuts = sym.segment(token)
    if not cuts or len(cuts) > 2:
        return None
    parts = [token[i:j] for i, j in zip([0, *cuts], [*cuts, len(token)])]
    if parts[0].lower() in PREFIXES or parts[0].lower() in WORD_PREFIXES:
        return None  # "noncommercially", "sublicenses": a prefixed word wordfreq lacks, not two words
    for p in parts:
        lp = p.lower()
        if len(p) <= 2 and lp not in SHORT_PARTS or zipf(lp) < MIN_PART_ZIPF:
            return None
    return parts


COMMON_GLUE_ZIPF = 3.6  # glue this frequent on the web ("ofthe" 3.3) is still glue ...
COMMON_PART_ZIPF = 4.0  # ... of two words this common whose pair English uses
SET_PHRASE_COUNT = 100_000_000  # ... and that Google Books pairs this often ("of the", "next week", "at least")


def common_glue(token: str) -> list[str] | None:
    """Two very common words run together that the web writes often enough for wordfreq to have
    seen them, but no dictionary lists: "ofthe", "atleast", "nextweek", "isin", "tobe".

    >>> common_glue("ofthe"), common_glue("nextweek"), common_glue("hereby"), common_glue("anyway")
    (['of', 'the'], ['next', 'week'], None, None)
    """
    low = token.lower()
    if zipf(low) >= COMMON_GLUE_ZIPF or not token.islower():
        return None
    cuts = sym.segment(token)
    if not cuts or len(cuts) != 1:
        return None
    parts = [token[:cuts[0]], token[cuts[0]:]]
    if not all(zipf(p) >= COMMON_PART_ZIPF and (len(p) > 2 or p in SHORT_PARTS) for p in parts):
        return None
    if sym.bigram_count(*parts) < SET_PHRASE_COUNT:
        return None  # "formatters" is no "for matters": only a pair English says all the time is glue
    return parts


def joined_case(a: str, b: str) -> str | None:
    """How two halves are written as one word, or None when their case says they are names.

    >>> joined_case("relation", "ship"), joined_case("Friend", "ship"), joined_case("AB", "ility"), joined_case("Mc", "Donald")
    ('relationship', 'Friendship', 'ability', None)
    """
    if not b.islower():
        return None
    if a.islower():
        return a + b
    if a[0].isupper() and a[1:].islower():
        return a + b
    if a.isupper() and len(a) <= 3:
        return (a + b).lower()
    return None


@register_kind
class Segment(RuleKind):
    name = "segment"


    @classmethod
    def validate(cls, rule: RuleSpec) -> list[str]:
        problems = super().validate(rule)
        if rule.params.get("mode", "split") not in ("split", "join"):
            problems.append("mode must be 'split' or 'join'")
        return problems

    def propose(self, doc: Document) -> Iterator[Edit]:
        text = doc.text
        toks = [w for w in words(text) if plain_word(text, w)]
        if not toks:
            return
        shield = tokens_shield(text)
        for rule in self.rules:  # one matcher holds every segment rule of a pack
            split = rule.params.get("mode", "split") == "split"
            yield from (self._split if split else self._join)(rule, doc, toks, shield)

    def _split(self, rule: RuleSpec, doc: Document, toks, shield: Shield) -> Iterator[Edit]:
        yield from self._camel_splits(rule, doc)
        found = list(self._splits(doc, toks, shield))
        # Glue damage comes in clusters ("costingmore ... andinjured ... theattacks") and nearly always runs a
        # function word into a neighbour. Two content words alone ("moblog", "photojournal") are as likely a
        # compound the dictionaries lack: they are split safely only in a document that also glues function
        # words. Three-way splits ("con sen us") are how an unknown word falls apart, not how glue looks.
        # In a technical document unknown lowercase tokens are module and package names ("mainloop").
        cluster = sum(sure for _, _, sure in found) >= 2 and any(
            sure and glued_function_word(parts) for _, parts, sure in found)
        technical = doc.profile.has("technical")
        names = knowledge(doc)
        for w, parts, sure in found:
            opener = sentence_start(doc.text, w.start)
            t = w.text
            # a capitalised token splits only at a sentence start, and never into a word and an article:
            # names end in -a and -an ("Ganga", "Madan", "Sudan") far more often than glue does
            low = [p.lower() for p in parts]
            cased_ok = t.islower() or opener and not names.caps[t] and low[-1] not in ARTICLES and (
                low[0] in CLOSED_CLASS or low[-1] in CLOSED_CLASS and zipf(low[0]) >= SURE_PART_ZIPF)
            # "Thecompany", "Schoolsin"; not "Hadson" ("Had son") nor "Madan" ("Mad an")
            evident = glued_function_word(parts) or cluster and not compound_like(parts)
            safe = sure and cased_ok and len(parts) == 2 and evident and not technical and not typo_like(t, parts)
            yield make_edit(rule, doc.text, w.start, w.end, " ".join(parts), safety=None if safe else Safety.SUGGESTION,
                            evidence=(f"wordfreq: {t!r} unseen; parts {', '.join(f'{p} {zipf(p.lower()):.1f}' for p in parts)}",))

    def _camel_splits(self, rule: RuleSpec, doc: Document) -> Iterator[Edit]:
        """A lowercase word glued to a capitalised one, where a tag was dropped: "inRiverside",
        "theLiberal", "chancellorDeclan", "Kenya'sDaniel". The whole is no word wordfreq knows
        ("YouTube", "iPhone", "eBay", "McDonald" are), the left part is a common word ("a" the only
        letter), the right part a capitalised word of three or more letters. Safe where the
        left part is a function word or the document glues words elsewhere; in a technical document
        ("isValid") only a suggestion."""
        text = doc.text
        technical = doc.profile.has("technical")
        found = []
        for m in CAMEL_GLUE.finditer(text):
            left, right = m.group(1), m.group(2)
            whole = left + right
            stem = left.rstrip("'’s") if left.endswith(("'s", "’s")) else left
            if zipf(whole.lower()) > 0 or sym.unigram_count(whole.lower()):
                continue
            if not (stem.lower() == "a" or len(stem) >= 2 and zipf(stem.lower()) >= CAMEL_LEFT_ZIPF):
                continue
            found.append((m, left, right, stem.lower() in GLUE_EVIDENCE))
        glued = sum(function for *_, function in found) >= 2
        for m, left, right, function in found:
            safe = (function or glued) and not technical
            yield make_edit(rule, text, m.start(), m.end(), f"{left} {right}",
                            safety=None if safe else Safety.SUGGESTION,
                            evidence=(f"{left!r} + {right!r}: a word glued to a capitalised word; "
                                      f"{m.group()!r} is no word (wordfreq)",))

    def _splits(self, doc: Document, toks, shield: Shield) -> Iterator[tuple]:
        """``(word, parts, sure)`` for every token that splits into common words."""
        names = knowledge(doc)
        for w in toks:
            t = w.text
            if len(t) < 4 or zipf(w.lower) >= COMMON_GLUE_ZIPF or shield.covers(w.start, w.end):
                continue  # (split_parts itself holds tokens wordfreq has seen to the stricter common_glue test)
            if not (t.islower() or t[0].isupper() and t[1:].islower()):
                continue
            parts = split_parts(t)
            if parts is None:
                continue
            if names.caps[t] + names.lower[w.lower] >= 2 and not (
                    glued_function_word(parts) and sym.bigram_count(*parts) >= SET_PHRASE_COUNT):
                continue  # the corpus uses this spelling more than once: a term ("moblog", "weblogger"), unless it
                # glues a function word to a common word as English pairs them ("andthe": one tag dropped everywhere)
            sure = all(zipf(p.lower()) >= SURE_PART_ZIPF or p.lower() in SHORT_PARTS for p in parts) or \
                all(sym.bigram_count(a, b) for a, b in zip(parts, parts[1:]))
            if any(names.is_name(p.capitalize(), 2) for p in parts):
                continue  # "kimjun": a misheard name (Kim Jong-un), not two words
            yield w, parts, sure

    def _join(self, rule: RuleSpec, doc: Document, toks, shield: Shield) -> Iterator[Edit]:
        text = doc.text
        asr = doc.profile.has("asr")
        names = knowledge(doc)
        damaged = None  # computed on first need: does this document lose and gain spaces elsewhere?
        last_end = -1
        for a, b in zip(toks, toks[1:]):
            gap = text[a.end:b.start]
            if a.start < last_end or not (gap == " " or asr and gap == "\n") or shield.covers(a.start, b.end):
                continue
            if "'" in a.text + b.text or "’" in a.text + b.text:
                continue
            joined = joined_case(a.text, b.text)
            if joined is None:
                continue
            low = joined.lower()
            # The corpus's prose writes the whole ("floodwater") and never the pair: the caption split it.
            # (A word of English, never glue the split rule would undo: "papersin" is in the damaged prose too.)
            in_corpus = names.lower.get(low, 0) >= 1 and zipf(low) > 0 and not {a.lower, b.lower} & CLOSED_CLASS \
                and not names.pairs.get((a.lower, b.lower)) and not names.run_pairs.get((a.lower, b.lower), 0) > 1
            if zipf(low) < MIN_JOINED_ZIPF and not in_corpus:
                continue
            za, zb = zipf(a.lower), zipf(b.lower)
            if min(len(a.text), len(b.text)) < 2:
                continue
            pair = sym.bigram_count(a.text, b.text)
            compound = False
            if not in_corpus and (pair or a.lower in PREFIXES):
                # "may be", "de facto", "a part": the pair is ordinary text; but in a document that lost and
                # gained spaces elsewhere, a whole English writes far more often than the pair was split
                # ("re ported", "sun set", "over night"; not "in to", "every day", "paper work")
                if damaged is None:
                    damaged = self._spacing_damage(doc, toks, shield)
                pair_freq = (pair or sym.BIGRAM_FLOOR) / sym.BIGRAM_TOTAL
                compound = damaged and 10 ** (zipf(low) - 9) >= COMPOUND_RATIO * pair_freq
                if not compound:
                    continue
            fragment = min(za, zb) == 0
            if a.text.isupper() and zb > 0:
                continue  # "UN to" is an initialism and a word; only "AB ility" is a broken word
            short = min(len(a.text), len(b.text)) < 3 or {a.lower, b.lower} & CLOSED_CLASS
            prefixed = a.lower in BOUND_PREFIXES and zipf(low) >= PREFIXED_ZIPF
            if not (fragment or in_corpus or prefixed) and short:
                continue  # "us her", "her self": two function words are almost always meant
            sure = fragment or asr or compound
            if not sure:
                if damaged is None:
                    damaged = self._spacing_damage(doc, toks, shield)
                # prose: two real words may be meant ("web log" in a headline over an article that writes
                # "weblog"), unless the document visibly lost and gained spaces and the whole is a word the
                # corpus writes or English uses more than the rarer half ("hect ares", "re ported")
                # ... or, where English never pairs the halves (no bigram), a whole nearly as common as the rarer
                # half ("grand son", "per mission", "cover age")
                margin = ABSENT_PAIR_MARGIN if not pair else 0.0
                sure = damaged and (in_corpus or prefixed or zipf(low) >= min(za, zb) - margin or min(za, zb) < RARE_PART_ZIPF)
            safety = None if sure else Safety.SUGGESTION
            last_end = b.end
            yield make_edit(rule, text, a.start, b.end, joined, safety=safety,
                            evidence=(f"wordfreq: {low} {zipf(low):.1f}; {a.lower} {za:.1f}, {b.lower} {zb:.1f}"
                                      + ("; the corpus writes it as one word" if in_corpus else
                                         "; the document lost and gained spaces, and English writes the whole "
                                         f"{COMPOUND_RATIO:.0f}x as often as the pair" if compound else "; bigram absent"),))

    def _spacing_damage(self, doc: Document, toks, shield: Shield) -> bool:
        """Whether the document shows spaces lost elsewhere: two or more sure run-together tokens, one
        of them a glued function word ("andinjured"), as the split rule's cluster test asks."""
        found = list(self._splits(doc, toks, shield))
        return sum(sure for _, _, sure in found) >= 2 and any(
            sure and glued_function_word(parts) for _, parts, sure in found)
