"""``corpus_name``: a name misspelled or misheard, repaired toward the spelling the corpus uses.

``mode: prose`` (TYP003): a capitalised word in mid-sentence that the corpus uses
at most once ("Auras", "Nortk", "Kumshusan") is one edit away from a name the
corpus uses far more often in other documents ("Aurus" in 3, "North" 68 times) or
from a gazetteer name. Safe only with company: the two share a neighbouring word
somewhere in the corpus ("car", "Korea", "Guest"); otherwise unsafe.

``mode: asr`` (ASR005): in transcripts, a word that sounds like a place or person
name (same Double Metaphone key, small edit distance) is that name: an unknown
lowercase word ("pongyang", "keev"), a gazetteer alias, or a capitalised common
word after a locative preposition ("from Soul", "in Soul" -> Seoul). Safe when the
corpus (or the gazetteer alias list) backs the name.

Romanisation variants (Sergei/Sergey) are never swapped. YAML parameters: ``mode``
(prose | asr), ``gazetteer`` (TSV path).
"""
from __future__ import annotations

from typing import Iterator

from ..lang import gazetteer as gz
from ..lang.names import NameKnowledge, knowledge
from ..lang.phonetic import distance, sounds_alike, transliteration_variant
from ..lang.regions import inside, runs
from ..lang.tokens import plain_word, words
from ..lang.tokens import shield as tokens_shield
from ..lang.vocab import zipf
from ..model import Document, Edit, Safety
from ..registry import RuleSpec
from . import register_kind
from .base import RuleKind, make_edit
from .stutter import FUNCTION_WORDS

LOCATIVE = frozenset("in from to at into near across outside inside toward towards visit visited visiting "
                     "left leaving reach reached via".split())
MIN_CORPUS = 3  # a name the corpus uses at least this often ...
DOMINANCE = 3  # ... and this many times more than the variant
ATTESTED_ZIPF = 1.2  # a variant English text uses more often than this (wordfreq) is a name of its own ...
CORPUS_SPECIFIC_ZIPF = 1.5  # ... repaired only toward a name English barely knows but the corpus uses ("Aurus")
GENERIC_COMPANY_ZIPF = 5.5  # "said", "one", "after" are next to every name: no evidence of the same one
_POSSESSIVE = ("'s", "’s", "'", "’")


def inflection_variant(x: str, y: str) -> bool:
    """Whether ``x`` and ``y`` are one name in another number or case: a plural or a possessive.

    "Dixons" is not a misspelling of "Dixon", nor "Lord Holme's" of "Holmes": they are other words.

    >>> inflection_variant("Dixons", "Dixon"), inflection_variant("Holme's", "Holmes")
    (True, True)
    >>> inflection_variant("Hutus", "Hutu"), inflection_variant("Sheffied", "Sheffield")
    (True, False)
    """
    a, b = _stem(x), _stem(y)
    return a == b or any(a == b + end or b == a + end for end in ("s", "es"))


def _stem(word: str) -> str:
    for end in _POSSESSIVE:
        if word.endswith(end):
            return word[:-len(end)]
    return word


def candidates(names: NameKnowledge, gaz: gz.Gazetteer, x: str, max_dist: int) -> list[tuple[str, str]]:
    """``(name, source)`` pairs close to ``x``: corpus names first, then gazetteer names."""
    low = x.lower()
    found: dict[str, str] = {}
    for form in _by_initial(names).get(low[0], ()):
        if abs(len(form) - len(x)) <= max_dist:
            if form.lower() != low and distance(form, x) <= max_dist:
                found.setdefault(form, "corpus")
    for name in gaz.names.values():
        if " " not in name and name not in gaz.common and name[0].lower() == low[0] and name.lower() != low \
                and abs(len(name) - len(x)) <= max_dist and distance(name, x) <= max_dist:
            found.setdefault(name, "gazetteer")
    return [(y, s) for y, s in found.items() if not transliteration_variant(x, y)]


def _by_initial(names: NameKnowledge) -> dict[str, list[str]]:
    """Corpus names used twice or more, by lowercase initial (built once per corpus, so big corpora stay fast)."""
    index = getattr(names, "_by_initial", None)
    if index is None:
        index = {}
        for form, n in names.caps.items():
            if n >= 2 and form.isalpha():
                index.setdefault(form[0].lower(), []).append(form)
        names._by_initial = index
    return index


@register_kind
class CorpusName(RuleKind):
    name = "corpus_name"
    required_params = ("gazetteer",)

    @classmethod
    def validate(cls, rule: RuleSpec) -> list[str]:
        problems = super().validate(rule)
        if rule.params.get("mode", "prose") not in ("prose", "asr"):
            problems.append("mode must be 'prose' or 'asr'")
        return problems

    def propose(self, doc: Document) -> Iterator[Edit]:
        for rule in self.rules:
            gaz = gz.load(rule.base_dir / rule.params["gazetteer"])
            if rule.params.get("mode", "prose") == "asr":
                yield from self._asr(rule, doc, gaz)
            else:
                yield from self._prose(rule, doc, gaz)

    def _prose(self, rule: RuleSpec, doc: Document, gaz: gz.Gazetteer) -> Iterator[Edit]:
        text, names = doc.text, knowledge(doc)
        toks = words(text)
        shield = tokens_shield(text)
        for i, w in enumerate(toks):
            x = w.text
            if i == 0 or len(x) < 4 or not (x[0].isupper() and x[1:].islower()) or not plain_word(text, w):
                continue
            gap = text[toks[i - 1].end:w.start]
            if any(c in ".!?:“\"\n" for c in gap) or shield.covers(w.start, w.end):
                continue
            if names.caps[x] > 1 or names.lower[x.lower()] or zipf(x.lower()) >= 3.0 or x.lower() in gaz.names:
                continue
            found = [(y, s) for y, s in candidates(names, gaz, x, 1)
                     if s == "gazetteer" or names.caps[y] >= MIN_CORPUS and names.docs[y] >= 2
                     and names.caps[y] >= DOMINANCE * max(names.caps[x], 1)
                     and names.caps[y] >= DOMINANCE * names.lower[y.lower()]]
            corpus_found = [c for c in found if c[1] == "corpus"]
            found = corpus_found or found
            if len(found) != 1:
                continue
            y, source = found[0]
            if inflection_variant(x, y):
                continue
            near = {t.lower for t in toks[max(0, i - 2):i + 3] if t is not w} - FUNCTION_WORDS
            shared = sorted(c for c in near & names.company(y) if zipf(c) < GENERIC_COMPANY_ZIPF)
            # A variant English uses ("Cherney", "Sundar", "Auras") is a name or word of its own, unless the
            # corpus's name is its own (rare in English, common here: "Aurus") and they share company.
            general = zipf(_stem(x).lower())
            attested = general >= rule.params.get("attested_zipf", ATTESTED_ZIPF) \
                and not (shared and zipf(y.lower()) < CORPUS_SPECIFIC_ZIPF)
            sure = shared and len(x) >= 5 and (source == "corpus" or names.caps[y] >= 1) and not attested
            safety = None if sure else Safety.SUGGESTION if attested else Safety.UNSAFE
            yield make_edit(rule, text, w.start, w.end, y, safety=safety, confidence=0.9 if sure else 0.5,
                            evidence=(f"{source}: {y} x{names.caps[y]} in {names.docs[y]} document(s); "
                                      f"{x} x{names.caps[x]}", f"shared company: {', '.join(shared) or 'none'}",
                                      f"'{x}' in general English: Zipf {general:.1f}"
                                      + (" (a name of its own)" if attested else "")))

    def _asr(self, rule: RuleSpec, doc: Document, gaz: gz.Gazetteer) -> Iterator[Edit]:
        text, names = doc.text, knowledge(doc)
        spans = runs(text, 40)
        toks = words(text)
        for i, w in enumerate(toks):
            x, low = w.text, w.lower
            if len(x) < 4 or not x.isalpha() or not plain_word(text, w):
                continue
            if not inside(spans, w.start, w.end):
                continue
            prev = toks[i - 1].lower if i else ""
            if low in gaz.aliases:
                y, why = gaz.aliases[low], "gazetteer alias"
            elif x.islower() and zipf(low) == 0 and names.caps[x.capitalize()] == 0:
                found = [(y, s) for y, s in candidates(names, gaz, x, 2 if len(x) < 8 else 3)
                         if sounds_alike(x, y) and (s == "gazetteer" or names.is_name(y))]
                if len(found) != 1:
                    continue
                y, why = found[0][0], f"{found[0][1]}, sounds alike"
            elif x[0].isupper() and x[1:].islower() and prev in LOCATIVE and names.caps[x] == 0:
                found = [(y, s) for y, s in candidates(names, gaz, x, 2)
                         if sounds_alike(x, y) and (gaz.is_place(y) or names.pairs[(prev, y.lower())])]
                if len(found) != 1:
                    continue
                y, why = found[0][0], f"{found[0][1]} place after '{prev}', sounds alike"
            else:
                continue
            backed = names.caps[y] >= 2 or why == "gazetteer alias"
            yield make_edit(rule, text, w.start, w.end, y, safety=None if backed else Safety.UNSAFE,
                            confidence=0.9 if backed else 0.5,
                            evidence=(f"{why}; corpus: {y} x{names.caps[y]} in {names.docs[y]} document(s)",))
