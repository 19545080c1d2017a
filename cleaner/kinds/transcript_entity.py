"""``transcript_entity``: a caption's words that are a name the corpus writes, by words, letters or sound.

The captioner writes what it heard, in lowercase: "natural resources wales", "welsh pool" for
Welshpool, "may vod" for Meifod, "vendor berg" for Van der Berg. The companion article in the
corpus spells the names (:mod:`cleaner.lang.entities`). Windows of one to four caption words,
longest first, are looked up three ways:

* **words**: the same words in lowercase ("natural resources wales"): the name's casing, safe;
* **letters**: the same letters without the spaces ("welsh pool", "north umberland"): safe;
* **sound**: the same Double Metaphone key of the letters run together, with a spelling
  similarity margin (Jaro-Winkler of the letters) and one candidate only ("may vod" -> Meifod).
  Safe at a high margin when the window is no phrase English uses; otherwise a suggestion.

Guards: a single common word ("price", "hughes" is not common but "price" is) is re-cased only
inside a longer name; a window of function words, a window English uses as a phrase (its word
pair in symspellpy's bigram counts) and a name of fewer than ``min_letters`` letters never match
by sound; only names another document of the corpus writes count, so a caption never vouches
for itself. YAML parameters: ``min_similarity`` (default 0.8), ``safe_similarity`` (0.88).
"""
from __future__ import annotations

from typing import Iterator

import jellyfish

from ..adapters import symspell_adapter as sym
from ..lang.entities import PARTICLES, entity_knowledge, letters_of
from ..lang.names import knowledge as knowledge_of_names
from ..lang.phonetic import fold, keys
from ..lang.regions import inside, runs
from ..lang.tokens import plain_word, words
from ..lang.tokens import shield as tokens_shield
from ..lang.vocab import zipf
from ..model import Document, Edit, Safety
from . import register_kind
from .base import RuleKind, make_edit
from .segment import CLOSED_CLASS, common_glue, split_parts

MAX_WINDOW = 4
COMMON_ZIPF = 4.0  # a word this common is re-cased alone only when it is no ordinary word elsewhere
MIN_SOUND_LETTERS = 5  # names shorter than this sound like too many words
PLAIN_ZIPF = 3.5  # a window of words this common matches a name by sound only with the exact key ...
PLAIN_MARGIN = 0.08  # ... and this much more similarity than the safe threshold
MIN_COMMON_USES = 2  # a name of common words only ("Met Office") is re-cased when the corpus writes it this often
TRAILING_ZIPF = 5.0  # a word this common ("who", "on") after a name by sound is dropped when the name is closer without it
MIN_FOLD = 5  # a name matched by its fold (:func:`fold`) folds to this many letters at least
SINGLE_ZIPF = 3.0  # a lone word commoner than this is never re-cased or replaced by itself


@register_kind
class TranscriptEntity(RuleKind):
    name = "transcript_entity"

    def __init__(self, rules, regex_timeout: float = 5.0):
        super().__init__(rules, regex_timeout)
        self.rule = self.rules[0]
        self.min_similarity = float(self.rule.params.get("min_similarity", 0.8))
        self.safe_similarity = float(self.rule.params.get("safe_similarity", 0.88))

    def propose(self, doc: Document) -> Iterator[Edit]:
        knowledge = entity_knowledge(doc)
        if not knowledge.forms:
            return
        index = knowledge.index
        names = knowledge_of_names(doc)
        text = doc.text
        shield = tokens_shield(text)
        spans = runs(text)
        toks = [w for w in words(text) if plain_word(text, w) and not shield.covers(w.start, w.end)
                and inside(spans, w.start, w.end)]  # the caption's unpunctuated runs only: prose keeps its names
        i = 0
        while i < len(toks):
            found, found_rank = None, ()
            matches = {}
            for size in range(min(MAX_WINDOW, len(toks) - i), 0, -1):
                window = toks[i:i + size]
                if any(text[a.end:b.start].strip() for a, b in zip(window, window[1:])):
                    continue  # the words must follow one another (a caption line break is fine)
                matches[size] = self._match(window, index, names)
            for size, match in matches.items():
                if not match:
                    continue
                shorter = matches.get(size - 1)
                if shorter and shorter[0] == match[0] and zipf(toks[i + size - 1].text.lower()) >= TRAILING_ZIPF and \
                        _distance(toks[i:i + size - 1], match[0]) <= _distance(toks[i:i + size], match[0]):
                    continue  # "desh mook who": the same name is closer without the function word after it
                rank = _rank(match, "".join(w.text.lower() for w in toks[i:i + size]))
                if found is None or rank > found_rank:
                    found, found_rank = match, rank
            if not found:
                i += 1
                continue
            form, how, similarity, size = found
            start, end = toks[i].start, toks[i + size - 1].end
            if any(names.lower.get(t.lower(), 0) >= 3 * max(names.caps.get(t, 0), 1)
                   for t in form.split() if t not in PARTICLES):
                i += size
                continue  # a word the corpus writes in lowercase three times as often: ASR006 would undo it
            if text[start:end] != form:
                sure = how != "sound" or similarity >= self.safe_similarity
                yield make_edit(self.rule, text, start, end, form,
                                safety=self.rule.safety if sure else Safety.SUGGESTION,
                                confidence=similarity, how=_HOW[how],
                                evidence=(f"corpus name {form!r} ({knowledge.forms[form]} uses in prose)",
                                          f"matched by {how}" + (f", similarity {similarity:.2f}" if how == "sound" else "")))
            i += size

    def _match(self, window, index, names):
        if any(not w.text.islower() for w in window):
            return None  # a caption is lowercase: a capitalised word was written by someone who knew
        low = tuple(w.text.lower() for w in window)
        size = len(window)
        form = index.by_words.get(low)
        if form is not None:
            name_like = any(_rare(t) or not names.lower.get(t) for t in low if t not in CLOSED_CLASS)
            if size == 1 and not (zipf(low[0]) < SINGLE_ZIPF or _rare(low[0]) and index.in_longer_name(form)):
                return None  # "price", "ammunition": one common word, unless a longer name has it ("Angharad Powell")
            if size > 1 and not name_like and index.uses(form) < MIN_COMMON_USES:
                return None  # "the program": common words the corpus also writes in lowercase
            return form, "words", 1.0, size
        if all(t in CLOSED_CLASS for t in low):
            return None
        letters = "".join(low)
        if size > 1:
            form = index.by_letters.get(letters)
            if form is not None and not (" " not in form and is_glue(form)):
                return form, "letters", 1.0, size  # not "Youmay": glue the corpus carries is no name
        if any(w.text[:1].isupper() for w in window):
            return None  # the caption already capitalised it: a name of its own
        if low[0] in CLOSED_CLASS:
            return None  # "the met office", "in the netherlands": the name starts after the function word
        if size > 1 and all(sym.bigram_count(a, b) for a, b in zip(low, low[1:])):
            return None  # a phrase English uses ("and goes", "the river") is what was said
        if size == 1 and (zipf(low[0]) >= SINGLE_ZIPF or sym.unigram_count(low[0])):
            return None  # one dictionary word ("busts") is what was said; only a non-word is heard by sound
        if any("'" in t or "’" in t for t in low):
            return None  # "jong’s": a possessive is a word the captioner knew
        plain = all(zipf(t) >= PLAIN_ZIPF for t in low)  # "more rain": words English says, heard right
        folded = fold(letters)
        by_fold = sorted(index.by_fold.get(folded, ())) if len(folded) >= MIN_FOLD else []
        heard = sorted({c for key in keys(letters)
                        for c in (index.by_sound.get(key, ()) if plain else index.sounding(key))})
        # a name of the very same fold first ("river vern we": River Vyrnwy, not River Severn, whose key is near)
        found, contested = self._by_sound(by_fold, low, letters, size, plain, by_fold)
        if found or contested:
            return found
        return self._by_sound(heard, low, letters, size, plain, by_fold)[0]

    def _by_sound(self, candidates, low, letters, size, plain, by_fold):
        """(the one name among ``candidates`` the window sounds like or None, whether two did)."""
        best, best_score, rivals = None, 0.0, 0
        for candidate in candidates:
            if " " not in candidate and (not _rare(candidate.lower()) or is_glue(candidate)):
                continue  # "Storage", "Copyrightand": a capitalised common word or glue is no name to hear
            target = letters_of(candidate)
            if len(target) < MIN_SOUND_LETTERS or not 0.6 <= len(letters) / len(target) <= 1.6:
                continue
            score = jellyfish.jaro_winkler_similarity(letters, target)
            if candidate in by_fold:  # "skee dam", "bike her": the same sound however the name's language spells it
                score = max(score, self.safe_similarity)
            if score < self.min_similarity:
                continue
            if candidate.lower().split() == list(low):
                continue
            if len(candidate.split()) > 1 and letters_of(candidate.split()[0]) != low[0] and \
                    letters_of(candidate.split()[-1]) == low[-1] and size == 1:
                continue
            if score > best_score:
                rivals += best is not None and best != candidate
                best, best_score = candidate, score
            elif candidate != best:
                rivals += 1
        if best is None or rivals or plain and best_score < self.safe_similarity + PLAIN_MARGIN:
            return None, bool(rivals)
        return (best, "sound", best_score, size), False


def _distance(window, form: str) -> int:
    return jellyfish.levenshtein_distance("".join(w.text.lower() for w in window), letters_of(form))


def _rank(match, window_letters: str = "") -> tuple:
    """Exact words and letters before sound; then the closer spelling by edit distance (which, unlike
    the Jaro-Winkler margin, counts the letters a too-short window leaves out); then the longer window."""
    form, how, similarity, size = match
    target = letters_of(form)
    closeness = 1 - jellyfish.levenshtein_distance(window_letters, target) / max(len(target), len(window_letters), 1)
    return (how != "sound", round(closeness, 3), size)


_HOW = {"words": "written in lowercase", "letters": "split into words", "sound": "heard as other words"}


def is_glue(form: str) -> bool:
    """A capitalised token the spacing rules would split ("Youmay", "Russianleader"): damage, not a name."""
    parts = split_parts(form) or common_glue(form.lower())
    return bool(parts) and all(zipf(p.lower()) >= PLAIN_ZIPF or p.lower() in CLOSED_CLASS for p in parts)


def _rare(word: str) -> bool:
    return zipf(word) < COMMON_ZIPF
