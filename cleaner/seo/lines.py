"""One line's verdict: which furniture it is, and how sure that is, from the line alone.

Four shapes, tried in order (the lexicon says which words play which role):

1. *covered*: every word belongs to a furniture phrase ("Share this: Facebook X",
   "Leave a Reply", "Name *"); strong if one phrase is a ``line`` phrase, weak otherwise;
2. *label + headline*: a link label, then a headline ("See also  Zelensky makes one
   last trip ..."); a label followed by lower case ("See also the report ...") is prose;
3. *call to action*: a ``lead`` opening plus a ``topic`` ("Sign up ... newsletter",
   "We use cookies ... consent");
4. *marker*: a short line holding an unmistakable phrase ("All rights reserved");
5. *breadcrumb* ("Home > News > Technology") and *copyright notice* ("© 2024 Example Ltd").

Context (neighbours, position) is judged in :mod:`.classify`, not here.
"""
from __future__ import annotations

import re

from dataclasses import dataclass, field, replace

import regex

from .lexicon import Lexicon, tokens, words
from .shapes import ends_sentence, is_headline, is_prose, opens_with_quote, starts_lower, strip_bullet, word_list

CLASS_NAMES = {
    "link": "related-link line", "nav": "navigation label or menu", "ad": "advertisement label",
    "comment": "comment-form residue", "share": "share/like widget", "newsletter": "newsletter, app or reader prompt",
    "cookie": "cookie banner", "footer": "copyright footer", "profile": "fake author profile",
    "title": "duplicate title", "corpus": "corpus-repeated line",
}
SEPARATORS = ":|–—-»›>→•·/"
MAX_WORDS = 60
BREADCRUMB_SPLIT = regex.compile(r"\s+[>›»/]\s+")
NAV_ROLES = {("nav", "weak"), ("nav", "line"), ("link", "weak"), ("link", "line")}
COPYRIGHT = regex.compile(r"^(?:©|\(c\)|copyright\b)", regex.I)
COPYRIGHT_FIELD = regex.compile(r"^copyright\s*:", regex.I)
YEAR = regex.compile(r"\b(?:19|20)\d\d\b")
CODE_CHARS = regex.compile(r"[{}\[\];=`\\]|</?[a-z]")
CODE_START = regex.compile(r"^(?:#|//|/\*|\.\.|<!--|\$ |>>>|\|)")
COUNTER = regex.compile(r"^\s*\d{1,3}\s*(?:of|/)\s*\d{1,3}\s*$")
SEP_RE = regex.compile(r"[\s" + regex.escape(SEPARATORS) + r".…]*")
QUOTES = "\"“”«»„"


@dataclass(frozen=True)
class LineVerdict:
    """``strength``: strong (furniture on its own), weak (only beside strong furniture) or unsure (suggest)."""

    cls: str
    strength: str
    what: str
    evidence: tuple[str, ...] = ()
    classes: frozenset[str] = field(default_factory=frozenset)  # weak lines: the classes they could join
    label_alone: bool = False  # a bare list header ("Related", "Most Read"): link items may follow
    unmistakable: bool = False  # whole line is multi-word furniture: no wrapped prose reads like it


def _strong(cls: str, what: str, *evidence: str, label_alone: bool = False) -> LineVerdict:
    return LineVerdict(cls, "strong", what, tuple(evidence), frozenset({cls}), label_alone)


def classify_line(line: str, lex: Lexicon) -> LineVerdict | None:
    """The verdict for one line, or None when it is not furniture by its own shape.

    >>> from cleaner.seo.lexicon import DEFAULT_PATH, load
    >>> lex = load(DEFAULT_PATH)
    >>> classify_line("See also  Zelensky makes one last trip to DC", lex).what
    "label 'see also' + headline"
    >>> classify_line("See also the agency's warning map, which is updated hourly.", lex) is None
    True
    >>> classify_line("Email *", lex).strength
    'weak'
    """
    text = strip_bullet(line)
    n = len(word_list(text))
    if n == 0 or n > MAX_WORDS or starts_lower(text) or not looks_like_text(text):
        return None  # lower case continues a sentence; code, markup and data are never page furniture
    toks = words(text)
    return (_covered(toks, lex) or _labelled(text, lex) or _call_to_action(text, toks, n, lex)
            or _marked(text, toks, n, lex) or _breadcrumb(text, lex) or _copyright(text, n) or _counter(text))


def _covered(toks: tuple[str, ...], lex: Lexicon) -> LineVerdict | None:
    hits = lex.cover(toks)
    if not hits:
        return None
    phrases = ", ".join(repr(h.phrase) for h in hits)
    strong = [h for h in hits if lex.phrase_roles(tuple(h.phrase.split()), {"line"})]
    if strong:
        cls = sorted(c for c, _ in lex.phrase_roles(tuple(strong[0].phrase.split()), {"line"}))[0]
        header = cls in ("link", "nav", "ad") and len(toks) >= 2 and any(
            lex.phrase_roles((t,), {"navnoun"}) for t in toks)  # "Sponsored Links", "Promoted Stories"
        verdict = _strong(cls, f"made only of furniture phrases ({phrases})", f"phrases: {phrases}", label_alone=header)
        return replace(verdict, unmistakable=max(h.end - h.start for h in strong) >= 2)
    classes = frozenset(c for h in hits for c, _ in lex.phrase_roles(tuple(h.phrase.split()), {"weak"}))
    return LineVerdict(sorted(classes)[0], "weak", f"made only of widget words ({phrases})",
                       (f"weak phrases: {phrases}",), classes)


def _labelled(text: str, lex: Lexicon) -> LineVerdict | None:
    toks = tokens(text)
    hit = lex.at(tuple(t for t, _, _ in toks), 0, {"label", "navlabel", "colonlabel"})
    if hit is None:
        return None
    if toks[0][1] != 0:
        return None  # the label must open the line: '"Tags": []' and '.. _READ:' are code
    rest = text[toks[hit.end - 1][2]:]
    sep = SEP_RE.match(rest).group()
    body = rest[len(sep):]
    if not body.strip() and hit.role != "colonlabel":
        return _strong(hit.cls, f"bare label {hit.phrase!r}", f"label: {hit.phrase}", label_alone=True)
    if not word_list(body):
        return None  # "See also |@:|." is a cross-reference in a manual, not a link line
    explicit = any(c in sep for c in SEPARATORS) or len(sep) >= 2  # "See also  X": a double space
    if hit.role == "colonlabel":  # "More", "Read": everyday words, labels only before a separator
        if not any(c in sep for c in SEPARATORS) or starts_lower(body) or not is_headline(body, 25):
            return None
        return _strong(hit.cls, f"label {hit.phrase!r} + headline", f"label: {hit.phrase}",
                       f"separator {sep.strip()!r}")
    if hit.role == "label":
        if starts_lower(body) and not explicit:
            return None  # "See also the report ...": prose that happens to start with a label
        if is_headline(body, 30 if explicit else 25) and not (is_prose(body) and not explicit):
            how = "separator " + repr(sep.strip() or "double space") if explicit else "headline"
            return _strong(hit.cls, f"label {hit.phrase!r} + headline", f"label: {hit.phrase}", how,
                           label_alone=not explicit and len(word_list(body)) <= 3)  # "More from Technology"
        return LineVerdict(hit.cls, "unsure", f"label {hit.phrase!r} + text that may be prose",
                           (f"label: {hit.phrase}",))
    nouns = lex.cover(words(body), roles=("navnoun",))
    section = _is_section(body)
    if nouns or section or (explicit and is_headline(body, 20)) or _is_term_list(body):
        return _strong(hit.cls, f"navigation label {hit.phrase!r}", f"label: {hit.phrase}",
                       label_alone=bool(nouns or section))
    if is_headline(body, 8) and not is_prose(body):
        return LineVerdict(hit.cls, "unsure", f"navigation label {hit.phrase!r} or a heading",
                           (f"label: {hit.phrase}",))
    return None


def looks_like_text(text: str) -> bool:
    """False for code, markup and data lines, which page furniture never is.

    >>> looks_like_text('"Tags": [],'), looks_like_text("### See also"), looks_like_text("© 2024 Ledger")
    (False, False, True)
    """
    return not (CODE_CHARS.search(text) or CODE_START.match(text))


def _is_section(body: str) -> bool:
    """"in Health", "from Sport": a navigation label's section name.

    >>> _is_section("in Health"), _is_section("in the region were the moorings")
    (True, False)
    """
    words = word_list(body)
    return (1 < len(words) <= 4 and words[0].lower() in ("in", "from", "on")
            and all(w[0].isupper() or w[0].isdigit() for w in words[1:]))


def _breadcrumb(text: str, lex: Lexicon) -> LineVerdict | None:
    """"Home > News > Technology": short segments between arrows or slashes, from a site's home.

    >>> from cleaner.seo.lexicon import DEFAULT_PATH, load
    >>> _breadcrumb("Home > News > Technology", load(DEFAULT_PATH)).what
    'breadcrumb trail'
    >>> _breadcrumb("Prices rose > 5% / year", load(DEFAULT_PATH)) is None
    True
    """
    parts = [p.strip() for p in BREADCRUMB_SPLIT.split(text)]
    if len(parts) < 2 or not all(p and len(word_list(p)) <= 4 and not ends_sentence(p) for p in parts):
        return None
    head = words(parts[0])
    hits = lex.cover(head, roles=("weak", "line")) if head else None
    if not hits or not all(lex.phrase_roles(tuple(h.phrase.split()), {"weak", "line"}) & NAV_ROLES for h in hits):
        return None
    return _strong("nav", "breadcrumb trail", f"segments: {len(parts)}")


def _copyright(text: str, n: int) -> LineVerdict | None:
    """"© 2024 The Daily Ledger": a short copyright notice with a year (position is checked later).

    >>> _copyright("© 2024 The Daily Ledger", 4).cls, _copyright("© Markus Keller/AFP", 3)
    ('footer', None)
    """
    if n > 15 or not COPYRIGHT.match(text) or not YEAR.search(text) or COPYRIGHT_FIELD.match(text):
        return None  # "Copyright: 2012-2022, Armin Rigo" is a metadata field, not a page footer
    return _strong("footer", "copyright notice", "copyright sign and year")


def _counter(text: str) -> LineVerdict | None:
    """"1 of 12", "3/12": a gallery or slide counter, weak (it joins a gallery's furniture).

    >>> _counter("1 of 12").strength, _counter("Step 1 of 5")
    ('weak', None)
    """
    if not COUNTER.match(text):
        return None
    return LineVerdict("share", "weak", "gallery counter", ("counter",), frozenset({"share"}))


def _is_term_list(body: str) -> bool:
    """A comma list of short capitalised terms ("Local News, Business").

    >>> _is_term_list("Local News, Business"), _is_term_list("Destinations for 2024")
    (True, False)
    """
    items = [i.strip() for i in body.replace(" and ", ", ").split(",") if i.strip()]
    return len(items) >= 2 and all(len(word_list(i)) <= 4 and not starts_lower(i) and not i.endswith(".")
                                   for i in items)


def _call_to_action(text: str, toks: tuple[str, ...], n: int, lex: Lexicon) -> LineVerdict | None:
    if n > 50 or opens_with_quote(text):
        return None
    lead = lex.at(toks, 0, {"lead"})
    if lead is None:
        return None
    if lead.end == 1 and (n > 10 or ends_sentence(text)):
        return None  # "Follow the money on Facebook's ad library." is a sentence; "Follow X on WhatsApp" a prompt
    classes = {c for c, _ in lex.phrase_roles(tuple(lead.phrase.split()), {"lead"})}
    topics = lex.find(toks[lead.end:], {"topic"}, classes)
    if not topics:
        return None
    return _strong(topics[0].cls, f"call to action {lead.phrase!r} ... {topics[0].phrase!r}",
                   f"lead: {lead.phrase}", f"topic: {topics[0].phrase}")


REPORTED = re.compile(r"\b(?:said|says|told|according to)\b", re.I)


def _marked(text: str, toks: tuple[str, ...], n: int, lex: Lexicon) -> LineVerdict | None:
    if n > 35 or any(q in text for q in QUOTES) or REPORTED.search(text):
        return None  # a quoted or attributed sentence that mentions a newsletter is reporting, not a prompt
    markers = lex.find(toks, {"marker"})
    if not markers:
        return None
    return _strong(markers[0].cls, f"holds {markers[0].phrase!r}", f"marker: {markers[0].phrase}")
