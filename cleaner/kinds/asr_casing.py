"""``asr_casing``: random capitals and lowercase names inside transcript runs.

Captioners capitalise common words at random ("friend and Ally", "it was Defensive
in nature") and write names in lowercase ("russian-made aurus car"). Corpus
knowledge decides: the prose of the corpus writes "ally" in lowercase and "Aurus"
capitalised. Only words inside unpunctuated runs are touched, so an edited summary
appended to a transcript keeps its capitals.

``direction: lower``: a capitalised word between lowercase words, not after a
title ("president Putin"), not part of a capitalised run, not a gazetteer name,
that the corpus prose writes in lowercase (safe); a common word with no
corpus evidence either way is left alone (it may be a name). ``direction: upper``: a lowercase word the
corpus prose only ever capitalises (twice or more), or a gazetteer name that is no
ordinary word ("russian" -> "Russian"). YAML parameters: ``direction``, ``gazetteer``.
"""
from __future__ import annotations

import functools
from typing import Iterator

from ..adapters import symspell_adapter as sym

from ..lang import gazetteer as gz
from ..lang.names import knowledge
from ..lang.regions import inside, runs
from ..lang.tokens import words
from ..lang.vocab import ALWAYS_CAPITALISED, TITLES
from ..model import Document, Edit
from ..registry import RuleSpec
from . import register_kind
from .base import RuleKind, make_edit


# days and the months that are no ordinary word ("may", "march" and "august" are)
CALENDAR = frozenset("monday tuesday wednesday thursday friday saturday sunday january february april june july "
                     "september october november december".split())


def _per_gazetteer(build):
    """Cache ``build(gaz)`` per loaded gazetteer (gz.load keeps each one alive; they are not hashable)."""
    cache: dict[int, tuple] = {}

    @functools.wraps(build)
    def get(gaz: gz.Gazetteer):
        hit = cache.get(id(gaz))
        if hit is None or hit[0] is not gaz:
            hit = cache[id(gaz)] = (gaz, build(gaz))
        return hit[1]
    return get


@_per_gazetteer
def _phrase_index(gaz: gz.Gazetteer) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First lowercase word -> (lowercase words, canonical name) of every multi-word name that is no ordinary
    phrase, longest first."""
    index: dict[str, list] = {}
    for low, canon in gaz.names.items():
        parts = tuple(low.split())
        if len(parts) > 1 and canon not in gaz.common and all(p.isalpha() for p in parts):
            index.setdefault(parts[0], []).append((parts, canon))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


@_per_gazetteer
def _surnames(gaz: gz.Gazetteer) -> dict[str, str]:
    """Lowercase surname -> full name, for people whose surname is one word and belongs to nobody else listed."""
    found: dict[str, list[str]] = {}
    for canon, kind in gaz.types.items():
        parts = canon.split()
        if kind == "person" and len(parts) > 1 and parts[-1].isalpha() and canon not in gaz.common:
            found.setdefault(parts[-1].lower(), []).append(canon)
    return {s: names[0] for s, names in found.items() if len(names) == 1 and len(s) > 2}


def _stem(word: str) -> tuple[str, str]:
    """Split a possessive or contraction: ("jong", "’s")."""
    for q in ("’", "'"):
        if q in word:
            i = word.index(q)
            return word[:i], word[i:]
    return word, ""


@register_kind
class AsrCasing(RuleKind):
    name = "asr_casing"
    required_params = ("direction", "gazetteer")

    @classmethod
    def validate(cls, rule: RuleSpec) -> list[str]:
        problems = super().validate(rule)
        if rule.params.get("direction") not in ("lower", "upper"):
            problems.append("direction must be 'lower' or 'upper'")
        return problems

    def propose(self, doc: Document) -> Iterator[Edit]:
        text = doc.text
        spans = runs(text, 40)
        if not spans:
            return
        toks = [w for w in words(text) if inside(spans, w.start, w.end)]
        names = knowledge(doc)
        for rule in self.rules:
            gaz = gz.load(rule.base_dir / rule.params["gazetteer"])
            lower = rule.params["direction"] == "lower"
            done: set[int] = set()
            if not lower:  # whole names first: "vladimir putin", "xi jinping", "new york"
                for edit in self._phrases(rule, text, toks, gaz):
                    done.add(edit.start)
                    yield edit
            for i, w in enumerate(toks):
                if w.start in done:
                    continue
                stem, tail = _stem(w.text)
                if len(stem) < 2 or not stem.isalpha() or text[w.start - 1:w.start] in ("-", "‑"):
                    continue  # "Jong-un": the part after a hyphen is cased by its name
                prev = toks[i - 1] if i else None
                nxt = toks[i + 1] if i + 1 < len(toks) else None
                if lower:
                    edit = self._lower(rule, text, w, stem, tail, prev, nxt, names, gaz)
                else:
                    edit = self._upper(rule, text, w, stem, tail, names, gaz)
                if edit is not None:
                    yield edit

    @staticmethod
    def _phrases(rule, text, toks, gaz) -> Iterator[Edit]:
        """Lowercase words of a multi-word gazetteer name written out in full ("vladimir putin"), and a person's
        surname alone where the document names the person in full or the surname is no dictionary word."""
        index = _phrase_index(gaz)
        low_text = text.lower()
        i = 0
        while i < len(toks):
            matched = 0
            for parts, canon in index.get(toks[i].lower, ()):
                seq = toks[i:i + len(parts)]
                if len(seq) == len(parts) and all(w.lower == p for w, p in zip(seq, parts)) and \
                        all(text[a.end:b.start] == " " for a, b in zip(seq, seq[1:])):
                    for w, c in zip(seq, canon.split()):
                        if w.text != c and w.text.islower():
                            yield make_edit(rule, text, w.start, w.end, c, evidence=(f"gazetteer: {canon}",))
                    matched = len(parts)
                    break
            if matched:
                i += matched
                continue
            w = toks[i]
            full = _surnames(gaz).get(w.text)
            if full and (f"{full.lower()}" in low_text or not sym.unigram_count(w.text)):
                yield make_edit(rule, text, w.start, w.end, full.split()[-1],
                                evidence=(f"gazetteer: surname of {full}",))
            i += 1

    @staticmethod
    def _lower(rule, text, w, stem, tail, prev, nxt, names, gaz) -> Edit | None:
        if not (stem[0].isupper() and stem[1:].islower()) or prev is None:
            return None
        if not prev.text[0].islower() or text[prev.end:w.start] != " " or prev.lower in TITLES:
            return None
        if nxt is not None and nxt.text[0].isupper() and text[w.end:nxt.start] == " ":
            return None  # part of a capitalised run: a name or a title
        low = stem.lower()
        if low in ALWAYS_CAPITALISED or {low, low[:-1]} & (gaz.names.keys() | gaz.aliases.keys()):
            return None
        caps, lowers = names.caps[stem], names.lower[low]
        if not lowers or lowers < 3 * caps:
            return None  # no corpus evidence: "David", "Laura", "Axis" may all be names
        safety, why = None, f"corpus prose: '{low}' x{lowers}, '{stem}' mid-sentence x{caps}"
        return make_edit(rule, text, w.start, w.start + len(stem), low, safety=safety, evidence=(why,))

    @staticmethod
    def _upper(rule, text, w, stem, tail, names, gaz) -> Edit | None:
        if not stem.islower():
            return None
        forms = [f for f in names.forms(stem) if names.is_name(f) and f[1:].islower()]
        if stem in CALENDAR:
            forms, why = [stem.capitalize()], "a day or month name"
        elif forms:
            why = f"corpus prose: '{forms[0]}' x{names.caps[forms[0]]}, never lowercase"
        elif stem in gaz.names and gaz.names[stem] not in gaz.common and " " not in gaz.names[stem] \
                and not names.lower[stem]:
            forms, why = [gaz.names[stem]], f"gazetteer: {gaz.names[stem]} ({gaz.types[gaz.names[stem]]})"
        else:
            return None
        return make_edit(rule, text, w.start, w.start + len(stem), forms[0], evidence=(why,))
