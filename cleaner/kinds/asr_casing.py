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

from typing import Iterator

from ..adapters import symspell_adapter as sym
from ..lang import gazetteer as gz
from ..lang.names import knowledge
from ..lang.regions import run_words
from ..lang.vocab import ALWAYS_CAPITALISED, TITLES
from ..model import Document, Edit
from ..registry import RuleSpec
from . import register_kind
from .base import RuleKind, bad_choice, make_edit


# days and the months that are no ordinary word ("may", "march" and "august" are)
CALENDAR = ALWAYS_CAPITALISED - {"i", "may", "march", "august"}


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
        return super().validate(rule) + bad_choice(rule, "direction", ("lower", "upper"))

    def propose(self, doc: Document) -> Iterator[Edit]:
        text = doc.text
        toks = run_words(text)
        if not toks:
            return
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
        index, surnames = gaz.phrases, gaz.surnames
        low_text = None
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
            full = surnames.get(w.text)
            if full and low_text is None:
                low_text = text.lower()  # once, and only for a document that has a listed surname
            if full and (not sym.unigram_count(w.text) or full.lower() in low_text):
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
