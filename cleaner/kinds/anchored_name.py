"""``anchored_name``: a name one half of which the caption heard right, the other half by its sound.

A captioner that meets an Irish, Welsh, Dutch or Ghanaian name writes its sound in English words:
"neve gallagher" for Niamh Gallagher, "key va doherty" for Caoimhe Doherty, "sander de bruin" for
Sander de Bruijn. The surname (or the given name) comes out right and anchors the guess: the
companion article writes the whole name, and the caption words next to the anchor are the other
half when they *sound* like it. English sound keys (Double Metaphone) read "Niamh" as an English
spelling and miss; :func:`cleaner.lang.phonetic.fold` folds letter groups that sound alike in the
languages names come from ("mh" is v, "ij" is y), so "neve" and "Niamh" meet.

Guards, because the anchor makes the guess, not the sound alone:

* the anchor is every word of the name's other half, exactly, next to the window, and no common
  word (``anchor_zipf``: "Smith" and "Young" anchor nothing; particles "de", "van" do not count);
* the window is one to four lowercase caption words in a row, none a title ("sister key va
  doherty": "sister" is the description), not all function words, whose fold has three letters
  or more ("my" for Mai sounds like too many words);
* the window is no half of any name the corpus writes ("liam gallagher" when it writes Liam
  Gallagher too), and one name wins by ``margin``;
* safe at ``safe_similarity`` of the folds, a suggestion from ``min_similarity``; without a
  corpus, or outside a transcript's unpunctuated runs, the rule is silent.
"""
from __future__ import annotations

from typing import Iterator, NamedTuple

import jellyfish

from ..lang.entities import HONORIFICS, PARTICLES, entity_knowledge, letters_of
from ..lang.names import knowledge as knowledge_of_names
from ..lang.phonetic import fold, heard_alike
from ..lang.regions import run_words
from ..lang.vocab import zipf
from ..model import Document, Edit, Safety
from . import register_kind
from .base import RuleKind, make_edit
from .segment import CLOSED_CLASS

MAX_NAME_WORDS = 4
MAX_WINDOW = 4
MIN_FOLD = 3  # a fold this short ("ma" of "my", "Mai") sounds like too many words


class _Half(NamedTuple):
    form: str  # the whole name, as the corpus writes it (its anchor half is the index key)
    missing: str  # the other half, as written
    before: bool  # the missing half comes before the anchor


class _Guess(NamedTuple):
    start: int  # token index of the first word replaced
    end: int  # token index after the last word replaced
    form: str
    similarity: float
    window: str


@register_kind
class AnchoredName(RuleKind):
    name = "anchored_name"

    def __init__(self, rules, regex_timeout: float = 5.0):
        super().__init__(rules, regex_timeout)
        self.rule = self.rules[0]
        p = self.rule.params
        self.min_similarity = float(p.get("min_similarity", 0.88))
        self.safe_similarity = float(p.get("safe_similarity", 0.9))
        self.anchor_zipf = float(p.get("anchor_zipf", 4.0))
        self.margin = float(p.get("margin", 0.05))

    def propose(self, doc: Document) -> Iterator[Edit]:
        knowledge = entity_knowledge(doc)
        halves, parts = self._lookups(knowledge, knowledge_of_names(doc))
        if not halves:
            return
        text = doc.text
        toks = run_words(text)
        low = [t.text.lower() for t in toks]
        guesses: list[_Guess] = []
        for i in range(len(toks)):
            for size in range(1, MAX_NAME_WORDS):
                anchor = tuple(low[i:i + size])
                if len(anchor) < size or anchor not in halves or not self._joined(text, toks, i, i + size):
                    continue
                found = self._guess(text, toks, low, i, i + size, halves[anchor], parts)
                if found is not None:
                    guesses.append(found)
        taken = -1
        for g in sorted(guesses, key=lambda g: (toks[g.start].start, -g.similarity)):
            if g.start <= taken:
                continue  # the same name found from each of its halves, or two guesses crossing: the first
            taken = g.end - 1
            start, end = toks[g.start].start, toks[g.end - 1].end
            if text[start:end] == g.form:
                continue
            sure = g.similarity >= self.safe_similarity
            yield make_edit(self.rule, text, start, end, g.form,
                            safety=self.rule.safety if sure else Safety.SUGGESTION, confidence=g.similarity,
                            evidence=(f"corpus name {g.form!r} ({knowledge.forms[g.form]} uses in prose)",
                                      f"'{g.window}' sounds like its other half, similarity {g.similarity:.2f}"))

    def _lookups(self, knowledge, names) -> tuple[dict, frozenset[str]]:
        """(:meth:`_halves`, every word of every name in lowercase), built once per corpus and kept
        on its knowledge as the entity index is, not again for every document."""
        key = f"_anchored_halves_{self.anchor_zipf}"
        found = knowledge.__dict__.get(key)
        if found is None:
            parts = frozenset(w.lower() for f in knowledge.forms for w in f.split())
            found = knowledge.__dict__[key] = (self._halves(knowledge.forms, names), parts)
        return found

    def _halves(self, forms, names) -> dict[tuple[str, ...], list[_Half]]:
        """Every split of every name of two to four words into an anchor half and a missing half.
        An anchor word is a name's own: rare, no title, capitalised in mid-sentence and never in
        lowercase ("Prosecutor Siobhan Gallagher KC", opening a sentence, is not anchored by
        "prosecutor")."""
        out: dict[tuple[str, ...], list[_Half]] = {}
        for form in forms:
            words = form.split()
            if not 2 <= len(words) <= MAX_NAME_WORDS:
                continue
            for cut in range(1, len(words)):
                for anchor, missing, before in ((words[cut:], words[:cut], True), (words[:cut], words[cut:], False)):
                    core = [w for w in anchor if w.lower() not in PARTICLES]
                    if not core or any(zipf(w.lower()) >= self.anchor_zipf or w.lower() in HONORIFICS
                                       or names.lower.get(w.lower()) or not names.caps.get(w) for w in core):
                        continue  # "Smith" anchors nothing: the caption says it of anyone
                    if len(fold("".join(missing))) < MIN_FOLD:
                        continue
                    out.setdefault(tuple(w.lower() for w in anchor), []).append(_Half(form, " ".join(missing), before))
        return out

    def _guess(self, text, toks, low, a, b, halves, parts) -> _Guess | None:
        """The best name for the caption words before or after the anchor ``toks[a:b]``."""
        scored = []
        for half in halves:
            for size in range(1, MAX_WINDOW + 1):
                lo, hi = (a - size, a) if half.before else (b, b + size)
                if lo < 0 or hi > len(toks) or not self._joined(text, toks, min(lo, a), max(hi, b)):
                    continue  # window and anchor in one run of caption words
                heard = low[lo:hi]
                if not all(toks[k].text.isalpha() and toks[k].text.islower() for k in range(lo, hi)):
                    break  # a capitalised or non-word caption token: someone wrote it knowingly
                if any(w in HONORIFICS for w in heard):
                    break  # "sister key va doherty": a title stops the window
                if all(w in CLOSED_CLASS for w in heard):
                    continue  # "up" alone is no name; "rod ree up" may be
                if size == 1 and heard[0] in parts or heard == half.missing.lower().split():
                    break  # the caption says a name the corpus writes: it was heard right
                if len(fold("".join(heard))) < MIN_FOLD:
                    continue
                similarity = heard_alike(" ".join(heard), half.missing)
                if similarity >= self.min_similarity:
                    spelling = jellyfish.jaro_winkler_similarity("".join(heard), letters_of(half.missing))
                    scored.append((similarity, spelling, half, lo, hi, " ".join(heard)))
        if not scored:
            return None
        # the closest sound first; among equal sounds the closer spelling ("dark oh", not "dark", for Darko)
        scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
        best = scored[0]
        rival = next((s for s in scored[1:] if s[2].form != best[2].form), None)
        if rival is not None and best[0] - rival[0] < self.margin:
            return None
        similarity, _, half, lo, hi, window = best
        return _Guess(min(lo, a), max(hi, b), half.form, similarity, window)

    @staticmethod
    def _joined(text, toks, lo, hi) -> bool:
        """Whether caption tokens ``lo`` to ``hi`` follow one another with only spaces between."""
        return all(not text[toks[k].end:toks[k + 1].start].strip() for k in range(lo, hi - 1))
