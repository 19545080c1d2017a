"""``folded_word``: a rare word the corpus writes, heard as two to four caption words of its sound.

A captioner that meets a word it does not know writes words it does: "all go rhythm" for algorithm,
"a sigh lum" for asylum, "pro vision all" for provisional. The companion article writes the word,
and writes it next to the same neighbour the caption has ("their own algorithm" / "their own all
go rhythm so"). The caption words, run together and folded (:func:`cleaner.lang.phonetic.fold`),
spell the article's word exactly.

Guards: the written word is a plain lowercase word of ``min_letters`` or more, rarer than
``max_zipf`` (common words are heard right), and the corpus's prose writes it beside the caption's
neighbour on that side, which it never writes beside the caption's own first or last word; the
folds are equal and ``min_fold`` long; the caption words are not all pairs English uses ("all
go" and "go rhythm" are not both) and are lowercase words; the neighbour is no function word;
one written word only. ASR012 takes the case where both neighbours agree and
the sound is one step away; this rule needs the exact fold. Without a corpus it is silent.
"""
from __future__ import annotations

from typing import Iterator

from ..adapters import symspell_adapter as sym
from ..lang.names import knowledge
from ..lang.phonetic import fold
from ..lang.regions import run_words
from ..lang.vocab import zipf
from ..model import Document, Edit
from . import register_kind
from .base import RuleKind, make_edit
from .stutter import FUNCTION_WORDS


@register_kind
class FoldedWord(RuleKind):
    name = "folded_word"

    def __init__(self, rules, regex_timeout: float = 5.0):
        super().__init__(rules, regex_timeout)
        self.rule = self.rules[0]
        p = self.rule.params
        self.min_letters = int(p.get("min_letters", 7))
        self.min_fold = int(p.get("min_fold", 6))
        self.max_zipf = float(p.get("max_zipf", 4.5))
        self.max_window = int(p.get("max_window", 4))

    def propose(self, doc: Document) -> Iterator[Edit]:
        names = knowledge(doc)
        if not names.pairs:
            return
        by_fold = self._folds(names)
        if not by_fold:
            return
        text = doc.text
        toks = run_words(text)
        i = 0
        while i < len(toks):
            found = self._at(text, toks, i, names, by_fold)
            if found is None:
                i += 1
                continue
            size, word, side, neighbour = found
            heard = " ".join(t.lower for t in toks[i:i + size])
            shown = f"{neighbour} {word}" if side == "before" else f"{word} {neighbour}"
            yield make_edit(self.rule, text, toks[i].start, toks[i + size - 1].end, word,
                            evidence=(f"corpus: '{shown}' x{names.pairs[(neighbour, word) if side == 'before' else (word, neighbour)]}",
                                      f"'{heard}' folds to its sound ({fold(word)!r})"))
            i += size

    def _folds(self, names) -> dict[str, set[str]]:
        """The prose's plain words this rule may write, by their fold: built once per corpus and kept
        on its knowledge (as its word-pair index is), not again for every document."""
        key = f"_folded_words_{self.min_letters}_{self.max_zipf}"
        found = names.__dict__.get(key)
        if found is None:
            found = names.__dict__[key] = {}
            for word in names.lower:
                if len(word) >= self.min_letters and word.isalpha() and zipf(word) < self.max_zipf:
                    found.setdefault(fold(word), set()).add(word)
        return found

    def _at(self, text, toks, i, names, by_fold):
        """(window size, written word, side of the neighbour, neighbour) for caption words from ``i``."""
        for size in range(2, self.max_window + 1):
            if i + size > len(toks):
                return None
            window = toks[i:i + size]
            if any(text[a.end:b.start] not in (" ", "\n") for a, b in zip(window, window[1:])):
                return None
            heard = [t.text for t in window]
            if not all(h.isalpha() and h.islower() for h in heard):
                return None
            if any(len(fold(h)) < 2 for h in heard):
                continue  # "eye witness a": a word of one vowel adds no sound the fold can check
            folded = fold("".join(heard))
            if len(folded) < self.min_fold or folded not in by_fold:
                continue
            if all(sym.bigram_count(a, b) for a, b in zip(heard, heard[1:])):
                continue  # words English pairs are what was said
            found = []
            for word in by_fold[folded]:
                if word == "".join(heard):
                    continue  # a split word is SPC's, not a mishearing
                for side, k, edge in (("before", i - 1, heard[0]), ("after", i + size, heard[-1])):
                    if not 0 <= k < len(toks):
                        continue
                    n = toks[k].lower
                    pair, own = ((n, word), (n, edge)) if side == "before" else ((word, n), (edge, n))
                    if names.pairs[pair] and not names.pairs[own] and n not in FUNCTION_WORDS:
                        found.append((word, side, n))
                        break
            if len({w for w, _, _ in found}) == 1:
                word, side, n = found[0]
                return size, word, side, n
        return None
