"""Corpus learner ``entities``: the names the corpus writes, one word or several, and how they sound.

An auto-caption writes names as it hears them: "may vod" for Meifod, "pow is county council" for
Powys County Council, "vendor berg" for Van der Berg, "north umberland" for Northumberland, all in
lowercase. The companion article in the corpus spells them. This learner reads punctuated prose
only (never a transcript's runs) and keeps every run of capitalised words (with the particles
names carry inside: "Office of Public Works", "Van der Berg") and every capitalised word in mid-
sentence. Rules then look a caption's words up three ways (:class:`EntityIndex`): the same words
in lowercase, the same letters without the spaces, or the same sound (Double Metaphone of the
letters run together).
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from ..corpus import Learner, register_learner
from .names import learnable, prune
from .phonetic import fold, keys, one_edit
from .regions import sentence_spans
from .tokens import words
from .vocab import TITLES, zipf

NAME = "entities"
MAX_TOKENS = 5  # a name of more words than this is a title or a headline, not an entity
# Inside a name (never at its ends) these stay lowercase: "Office of Public Works", "Van der Berg".
PARTICLES = frozenset("""of for the upon de der den van von la le du da di del della bin al el
    ap ab ferch ten ter het ibn bint abu dos das do y""".split())  # Welsh "Rhodri ap Gwilym", "Pobl y Glaw"
# A sentence's first word is capitalised anyway: it starts a name only when it is one of these
# (a name's own first word) or the run is long enough that it must be ("River Vyrnwy burst ...").
POSSESSIVE = re.compile(r"['’]s?$")
MAX_ENTITIES = 200_000  # memory bound at scale (see names.prune)
COMMON_OPENING_ZIPF = 4.0  # a sentence's first word this common, before a rare word and one more ...
RARE_ZIPF = 3.0  # ... ("Farmer Iolo Vaughan said"), is a description, not part of the name, unless an honorific
HONORIFICS = TITLES | frozenset("""miss mx cllr councillor rev reverend father sister brother captain colonel major
    lieutenant sergeant inspector detective constable superintendent bishop archbishop rabbi imam sheikh""".split())
#   capitalised before a name as part of it: "Professor Abena Asante", "Detective Inspector Jo Reid"


@dataclass
class EntityKnowledge:
    forms: Counter = field(default_factory=Counter)  # "Powys County Council" -> uses in prose
    docs: Counter = field(default_factory=Counter)  # ... -> documents using it

    @property
    def index(self) -> "EntityIndex":
        found = self.__dict__.get("_index")
        if found is None:
            found = self.__dict__["_index"] = EntityIndex(self)
        return found


class EntityIndex:
    """Lookups built on first use: by lowercase words, by letters without spaces, by sound."""

    def __init__(self, k: EntityKnowledge):
        self.forms = k.forms
        self.by_words: dict[tuple[str, ...], str] = {}
        self.by_letters: dict[str, str] = {}
        self.by_sound: dict[str, set[str]] = {}
        for form, _ in sorted(k.forms.items(), key=lambda kv: (-kv[1], kv[0])):  # most used first
            low = tuple(form.lower().split())
            self.by_words.setdefault(low, form)
            letters = letters_of(form)
            self.by_letters.setdefault(letters, form)
            for key in keys(letters):
                self.by_sound.setdefault(key, set()).add(form)
        # every key under itself and under each of its one-letter deletions: two keys one edit apart share
        # an entry (symspell's trick), so a lookup never scans the whole index
        self.by_deletion: dict[str, set[str]] = {}
        for key in self.by_sound:
            for variant in _deletions(key) | {key}:
                self.by_deletion.setdefault(variant, set()).add(key)
        self.parts = {p for f in k.forms if " " in f for p in f.split()}
        self.by_fold: dict[str, set[str]] = {}  # "skadam" -> {"Schiedam"}: how an English ear spells it
        for form in k.forms:
            self.by_fold.setdefault(fold(form), set()).add(form)


    def uses(self, form: str) -> int:
        return self.forms.get(form, 0)

    def in_longer_name(self, word: str) -> bool:
        """Whether some name of several words has ``word`` as one of its words ("Powell" of "Angharad Powell")."""
        return word in self.parts

    def sounding(self, key: str) -> set[str]:
        """Names whose key is ``key`` or, for keys of four or more sounds, one sound away from it."""
        found = set(self.by_sound.get(key, ()))
        if len(key) >= 4:
            for k in self.near_keys(key):
                found |= self.by_sound.get(k, set())
        return found

    def near_keys(self, key: str) -> set[str]:
        """Keys one deletion, insertion or substitution away from ``key`` that some name has."""
        found = set()
        for variant in _deletions(key) | {key}:
            found |= self.by_deletion.get(variant, set())
        return {k for k in found if k != key and one_edit(k, key)}


def _deletions(key: str) -> set[str]:
    return {key[:i] + key[i + 1:] for i in range(len(key))}


def letters_of(text: str) -> str:
    """The letters of a name or a caption window, lowercase, spaces and marks dropped.

    >>> letters_of("Van der Berg"), letters_of("north umberland")
    ('vanderberg', 'northumberland')
    """
    return "".join(c for c in text.lower() if c.isalpha())


@functools.lru_cache(maxsize=4096)
def _capitalised(word: str) -> bool:
    """A capitalised word, an acronym, or one accented capital of a name ("Tadhg Ó Riordáin")."""
    return word[:1].isupper() and not word.isupper() or len(word) > 1 and word.isupper() and len(word) <= 5 \
        or len(word) == 1 and word.isupper() and not word.isascii()


def entity_runs(text: str) -> list[tuple[str, bool]]:
    """(entity, at_sentence_start) for every run of capitalised words in the prose of ``text``.

    >>> [e for e, _ in entity_runs("The Office of Public Works said Iolo Vaughan left Meifod.")]
    ['Office of Public Works', 'Public Works', 'Iolo Vaughan', 'Meifod']
    """
    out = []
    for start, end in sentence_spans(text):
        toks = words(text[start:end])
        sentence = text[start:end]
        i = 0
        while i < len(toks):
            if not _capitalised(toks[i].text):
                i += 1
                continue
            j = i + 1
            while j < len(toks):
                gap = sentence[toks[j - 1].end:toks[j].start]
                if gap not in (" ", "-"):
                    break
                t = toks[j].text
                if _capitalised(t) or t in PARTICLES and j + 1 < len(toks) and _capitalised(toks[j + 1].text) \
                        and sentence[toks[j].end:toks[j + 1].start] == " ":
                    j += 1
                    continue
                break
            run = toks[i:j]
            first = i == 0
            if first and len(run) > 1 and run[0].text.lower() in PARTICLES | {"a", "an", "in", "at", "as", "but"}:
                run = run[1:]  # "The Environment Agency said": the article is not part of the name
                first = False
            if run and len(run) <= MAX_TOKENS:
                name = " ".join(w.text for w in run)
                out.append((POSSESSIVE.sub("", name), first))  # "Busan's" is Busan
            pieces, piece = [], []
            for w in run + [None]:  # "Angharad Powell of Natural Resources Wales": each side is a name too
                if w is None or w.text in PARTICLES:
                    if len(piece) > 1 and len(piece) < len(run):
                        pieces.append(piece)
                    piece = []
                else:
                    piece.append(w)
            for k, piece in enumerate(pieces):
                if len(piece) <= MAX_TOKENS:
                    out.append((POSSESSIVE.sub("", " ".join(w.text for w in piece)), first and piece[0] is run[0]))
            i = j
    return out


@register_learner
class EntityLearner(Learner):
    name = NAME

    def __init__(self):
        self.k = EntityKnowledge()

    def observe(self, doc_id: str, text: str) -> None:
        seen: set[str] = set()
        for entity, first in entity_runs(learnable(text)):
            if first and " " not in entity:
                continue  # one capitalised word at a sentence start is any word ("Farmers said ...")
            parts = entity.split(" ")
            found = {p for p in parts[first:] if p not in PARTICLES}  # "Powell" of "Angharad Powell"
            if not (first and _description(parts)):
                found.add(entity)
            if first:  # "Farmer Iolo Vaughan lost ...": the name may start at the second word
                found.add(" ".join(parts[1:]))
            for form in found:
                self.k.forms[form] += 1
            seen |= found
        for entity in seen:
            self.k.docs[entity] += 1
        for counter in (self.k.forms, self.k.docs):
            if len(counter) > MAX_ENTITIES:
                prune(counter, MAX_ENTITIES)

    def finish(self) -> EntityKnowledge:
        return self.k


def _description(parts: list[str]) -> bool:
    """A sentence's first word that describes the person named after it ("Farmer", "Nurse"), not an
    honorific, an acronym or a word of a name made of common words ("Natural Resources Wales")."""
    head = parts[0]
    return (len(parts) >= 3 and not head.isupper() and head.lower() not in HONORIFICS
            and zipf(head.lower()) >= COMMON_OPENING_ZIPF and zipf(parts[1].lower()) < RARE_ZIPF)


def entity_knowledge(doc) -> EntityKnowledge:
    """The ``entities`` knowledge of a document's corpus (empty when there is none)."""
    corpus = getattr(doc, "corpus", None)
    found = corpus.get(NAME) if corpus is not None else None
    return found if found is not None else EntityKnowledge()
