r"""``unicode``: encoding and character-level damage, one small named fixer per rule.

As in ftfy, each fixer is a small function; the YAML rule picks one with
``fixer: NAME`` and supplies message, safety and examples. Every fixer yields
``(start, end, after)`` spans, so each repair is its own logged edit.

>>> sorted(FIXERS)[:3]
['control_char', 'escaped_entity', 'fullwidth_in_latin']
"""
from __future__ import annotations

import html
import itertools
import re
from typing import Callable, Iterator

import regex


from ..adapters.ftfy_adapter import mojibake_repairs
from ..lang.chars import C0_CONTROLS, TERMINAL_ESCAPE
from ..model import Document, Edit
from ..registry import RuleSpec
from . import register_kind
from .base import RuleKind, make_edit

Span = tuple[int, int, str]
FIXERS: dict[str, Callable[[str], Iterator[Span]]] = {}


def fixer(func: Callable[[str], Iterator[Span]]) -> Callable[[str], Iterator[Span]]:
    FIXERS[func.__name__.removeprefix("fix_")] = func
    return func


@fixer
def fix_mojibake(text: str) -> Iterator[Span]:
    """UTF-8 decoded as Latin-1/cp1252 and friends, repaired by ftfy (see the adapter)."""
    yield from mojibake_repairs(text)


ENTITY = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
HTML_TAG = regex.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
SPACE_SEPARATOR = regex.compile(r"\p{Zs}")


def is_markup(text: str) -> bool:
    """Three or more HTML tags: the text is markup, where entities belong."""
    return sum(1 for _ in itertools.islice(HTML_TAG.finditer(text), 3)) >= 3  # stops at the third  # "&nbsp;", "&thinsp;": not printable to Python, yet text


@fixer
def fix_html_entity(text: str) -> Iterator[Span]:
    """``&amp;``, ``&#8217;`` left in plain text. Skipped when the text is markup, where entities belong.

    >>> list(fix_html_entity("Tom &amp; Jerry&#8217;s 5&nbsp;mn"))
    [(4, 9, '&'), (15, 22, '’'), (25, 31, '\xa0')]
    >>> list(fix_html_entity("<p>Tom &amp; Jerry</p> <b>x</b> <i>y</i>"))
    []

    An escaped entity ("&amp;amp;", "&amp;#233;") is decoded by no one: it is either text about
    entities or escaped twice, and decoding it once per pass would strip every level (see
    :func:`fix_escaped_entity`, which suggests one level).

    >>> list(fix_html_entity("write &amp;amp; for &amp;"))
    [(20, 25, '&')]

    Code shows what is typed: an entity in a Markdown code span or fenced block stays.

    >>> list(fix_html_entity("Type `&lt;div&gt;` to show a tag; AT&amp;T"))
    [(36, 41, '&')]
    """
    if "&" not in text or is_markup(text):
        return
    code = code_spans(text) if "`" in text or "~~~" in text else []
    for m in ENTITY.finditer(text):
        if ESCAPED_ENTITY.match(text, m.start()) or any(a <= m.start() < b for a, b in code):
            continue
        value = html.unescape(m.group(0))
        if value != m.group(0) and (value.isprintable() or value in ("\n", "\t") or SPACE_SEPARATOR.fullmatch(value)):
            yield m.start(), m.end(), value


CODE_SPAN = regex.compile(r"(?ms)^(```|~~~)[^\n]*\n.*?(?:^\1[ \t]*$|\Z)|(`+)(?!`).+?(?<!`)\2(?!`)")


def code_spans(text: str) -> list[tuple[int, int]]:
    """Markdown fenced code blocks and inline code spans, as (start, end).

    >>> code_spans("a `x &amp; y` b")
    [(2, 13)]
    """
    return [m.span() for m in CODE_SPAN.finditer(text)]


ESCAPED_ENTITY = regex.compile("&amp;" + ENTITY.pattern[1:])  # an entity whose "&" is written "&amp;"


@fixer
def fix_escaped_entity(text: str) -> Iterator[Span]:
    """An entity whose ``&`` is itself escaped: one level decoded, offered for review only.

    >>> list(fix_escaped_entity("Tom &amp;amp; Jerry"))
    [(4, 13, '&amp;')]
    """
    if "&amp;" not in text or is_markup(text):
        return
    for m in ESCAPED_ENTITY.finditer(text):
        yield m.start(), m.end(), "&" + m.group()[5:]


# The stdlib engine: a plain character class scans several times faster than the regex module.
CONTROL = re.compile(rf"{TERMINAL_ESCAPE}|[{C0_CONTROLS}\x80-\x84\x86-\x9f]")  # C1 too, but NEL (\x85)


@fixer
def fix_control_char(text: str) -> Iterator[Span]:
    """C0/C1 control characters and terminal colour codes. Tab, newline, CR and form feed stay.

    >>> list(fix_control_char("a\\x00b\\x1b[31mred\\x1b[0m\\x0cc"))
    [(1, 2, ''), (3, 8, ''), (11, 15, '')]
    """
    for m in CONTROL.finditer(text):
        yield m.start(), m.end(), ""


# Scripts where zero-width characters do real work (word separation, joining, emoji sequences).
ZW_LEGIT = r"\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Tibetan}\p{Han}\p{Hiragana}\p{Katakana}\p{Arabic}\p{Devanagari}\p{Bengali}\p{Sinhala}\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F"
ZERO_WIDTH = regex.compile(rf"(?<![{ZW_LEGIT}])[\u200b\u2060\ufeff]+(?![{ZW_LEGIT}])"
                           r"|(?<=[\p{Latin}\p{Greek}\p{Cyrillic}])[\u200c\u200d]+(?=[\p{Latin}\p{Greek}\p{Cyrillic}])")


@fixer
def fix_zero_width(text: str) -> Iterator[Span]:
    """Invisible zero-width characters that break words for search and tokenisers.

    A BOM at the very start is left alone (it describes the file, not the text).

    >>> list(fix_zero_width("Put\\u200bin said\\u2060 so"))
    [(3, 4, ''), (11, 12, '')]
    >>> list(fix_zero_width("\\ufeffstart")), list(fix_zero_width("กิน\\u200bข้าว"))
    ([], [])
    """
    if text.isascii():
        return
    for m in ZERO_WIDTH.finditer(text):
        if m.start() == 0 and text[0] == "\ufeff":
            if m.end() > 1:
                yield 1, m.end(), ""
            continue
        yield m.start(), m.end(), ""


# Not after U+00C2..U+00F4: there the soft hyphen may be byte 0xAD of a UTF-8 sequence read as Latin-1
# ("antÃ\xadgeno" is "antígeno"), and deleting it would destroy what MOJ001 can decode.
SOFT_HYPHEN = regex.compile(r"(?<=\p{L})(?<![\u00c2-\u00f4])\u00ad+(?=\p{L}|\p{P}|\s|$)")


@fixer
def fix_soft_hyphen(text: str) -> Iterator[Span]:
    """Soft hyphens left inside words by copy-paste from typeset pages.

    >>> list(fix_soft_hyphen("inter\\u00adnational")), list(fix_soft_hyphen("antÃ\\u00adgeno"))
    ([(5, 6, '')], [])
    """
    if "\u00ad" not in text:
        return
    for m in SOFT_HYPHEN.finditer(text):
        yield m.start(), m.end(), ""


ODD_SPACE = regex.compile(r"(?<=[\p{Latin}\p{Greek}\p{Cyrillic}\d\p{P}])[\u1680\u2000-\u200a\u205f]"
                          r"(?=[\p{Latin}\p{Greek}\p{Cyrillic}\d\p{P}])")


# Used inside a word; a ligature standing alone is being mentioned ("the ligature ﬁ"), except the
# Afrikaans "ŉ", which is a word of its own and which Unicode deprecated.
# ftfy's table (``ftfy.chardata.LIGATURES``, Apache-2.0), copied so that a check of plain text need not
# import ftfy; ``tests/test_unicode.py`` keeps the copy equal to ftfy's own.
LIGATURES = {ord(k): v for k, v in {
    "Ĳ": "IJ", "ĳ": "ij", "ŉ": "ʼn", "Ǳ": "DZ", "ǲ": "Dz", "ǳ": "dz", "Ǆ": "DŽ", "ǅ": "Dž", "ǆ": "dž", "Ǉ": "LJ",
    "ǈ": "Lj", "ǉ": "lj", "Ǌ": "NJ", "ǋ": "Nj", "ǌ": "nj", "ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl",
    "ﬅ": "ſt", "ﬆ": "st"}.items()}
_LIGATURES = "".join(chr(c) for c in LIGATURES)
LIGATURE = regex.compile(rf"(?<=\p{{L}})[{_LIGATURES}]|[{_LIGATURES}](?=\p{{L}})|\u0149")


@fixer
def fix_latin_ligature(text: str) -> Iterator[Span]:
    """Compatibility ligatures and digraphs ("ﬁ", "ﬂ", "ǌ", "ŉ") as the letters they stand for (ftfy's table).

    PDF extraction and legacy encodings leave them; Unicode keeps them only for round-tripping, and
    they hide words from search and tokenisers ("signiﬁcant" is not "significant").

    >>> list(fix_latin_ligature("signiﬁcant ﬂows, dovoǉno, the ligature ﬁ"))
    [(5, 6, 'fi'), (11, 12, 'fl'), (21, 22, 'lj')]
    """
    if text.isascii():
        return
    for m in LIGATURE.finditer(text):
        yield m.start(), m.end(), m.group().translate(LIGATURES)


# Fullwidth ASCII (U+FF01..U+FF5E) is correct in Chinese and Japanese text; next to Latin letters
# or digits, with no CJK character beside it, it is a stray from an IME or a CJK code page.
CJK = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\u3000-\u303f\uff01-\uff60"
HALF_LATIN = r"A-Za-z0-9\u00c0-\u024f"  # not \p{Latin}, which counts the fullwidth letters too
FULLWIDTH_RUN = regex.compile(rf"(?<=[{HALF_LATIN}])[\uff01-\uff5e]+(?![{CJK}])"
                              rf"|(?<![{CJK}])[\uff01-\uff5e]+(?=[{HALF_LATIN}])")


@fixer
def fix_fullwidth_in_latin(text: str) -> Iterator[Span]:
    """Fullwidth forms touching Latin text ("Ningbo，China") as ASCII; in CJK text they stay.

    >>> list(fix_fullwidth_in_latin("Ningbo，China")), list(fix_fullwidth_in_latin("北京，中国 and ｗｅｂ"))
    ([(6, 7, ',')], [])
    """
    if text.isascii():
        return
    for m in FULLWIDTH_RUN.finditer(text):
        yield m.start(), m.end(), "".join(chr(ord(c) - 0xFEE0) for c in m.group())


@fixer
def fix_odd_space(text: str) -> Iterator[Span]:
    """Typesetting spaces (en/em/thin/hair...) between words of alphabetic text: a plain space.

    The no-break spaces (U+00A0, U+202F) are kept: they carry meaning ("5 km", French punctuation).

    >>> list(fix_odd_space("two\\u2003words and 5\\u00a0km"))
    [(3, 4, ' ')]
    """
    if text.isascii():
        return
    for m in ODD_SPACE.finditer(text):
        yield m.start(), m.end(), " "


@fixer
def fix_line_separator(text: str) -> Iterator[Span]:
    """U+2028/U+2029 separators from word processors, which most tools do not treat as line breaks.

    >>> list(fix_line_separator("one\\u2028two"))
    [(3, 4, '\\n')]
    """
    for sep in ("\u2028", "\u2029"):
        start = text.find(sep)
        while start != -1:
            yield start, start + 1, "\n"
            start = text.find(sep, start + 1)


@fixer
def fix_replacement_char(text: str) -> Iterator[Span]:
    """U+FFFD: a character lost in decoding. Its bytes are gone, so this is only ever a suggestion.

    >>> list(fix_replacement_char("caf\\ufffd"))
    [(3, 4, '')]
    """
    start = text.find("\ufffd")
    while start != -1:
        yield start, start + 1, ""
        start = text.find("\ufffd", start + 1)


REPEATED_SPACES = regex.compile(r"(?<=[\p{L}\p{N},;])[ ]{2,}(?=[\p{L}\p{N}])")


@fixer
def fix_repeated_spaces(text: str) -> Iterator[Span]:
    """Runs of spaces between two words inside a line, left by extraction.

    Not after sentence punctuation (two spaces after a full stop is a style),
    and unsafe by default because aligned columns use runs of spaces too.

    >>> list(fix_repeated_spaces("the   cat sat.  Then"))
    [(3, 6, ' ')]
    """
    if "  " not in text:
        return
    for m in REPEATED_SPACES.finditer(text):
        yield m.start(), m.end(), " "


MARKUP_SUFFIXES = (".md", ".markdown", ".mdx", ".rst", ".html", ".htm", ".xhtml", ".xml")  # files whose entities are markup


@register_kind
class UnicodeFix(RuleKind):
    name = "unicode"
    required_params = ("fixer",)

    @classmethod
    def validate(cls, rule: RuleSpec) -> list[str]:
        problems = super().validate(rule)
        if "fixer" in rule.params and rule.params["fixer"] not in FIXERS:
            problems.append(f"unknown fixer {rule.params['fixer']!r} (known: {', '.join(sorted(FIXERS))})")
        return problems

    def propose(self, doc: Document) -> Iterator[Edit]:
        markup_file = doc.doc_id.lower().endswith(MARKUP_SUFFIXES)
        for rule in self.rules:
            if markup_file and rule.params.get("skip_in_markup_files"):
                continue  # "&amp;" in a Markdown or HTML file is how "&" is written there
            for start, end, after in FIXERS[rule.params["fixer"]](doc.text):
                yield make_edit(rule, doc.text, start, end, after)
