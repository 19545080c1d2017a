"""ftfy with a conservative configuration, turned into per-span edits.

ftfy fixes whole strings; we run it only on lines that ``ftfy.badness.is_bad``
flags (ftfy's own guard), then align the fixed line with the original to get
one edit per damaged word. Offsets from ftfy are never trusted: see
:func:`cleaner.edits.align_offsets`.
"""
from __future__ import annotations

import functools
from typing import Iterator

import regex

from ..edits import align_offsets

# ftfy is imported on first use: a text of ASCII only never needs it (a pre-commit check of a plain
# Markdown file saves its 30 ms import)

# What ftfy may repair without its badness measure flagging it: C1 controls (cp1252 bytes decoded as
# Latin-1) and U+FFFD (a lossy decoding). Everything else is left to ``is_bad``, which knows every
# encoding ftfy can undo (Latin-1, cp1252, MacRoman, cp1250, cp1251, cp437, ...).
LOSSY_HINT = regex.compile("[\u0080-\u009f\ufffd]")


def _fix_text(text: str, config) -> str:
    import ftfy

    return ftfy.fix_text(text, config=config)


SURROGATE_RUN = regex.compile(r"[\ud800-\udfff]+")  # bytes kept by surrogateescape: never rewritten


@functools.lru_cache(maxsize=1)
def conservative_config() -> "ftfy.TextFixerConfig":  # noqa: F821
    """Repair encoding damage only; everything that is style stays as written."""
    import ftfy

    return ftfy.TextFixerConfig(
        unescape_html=False,  # entities are a rule of their own (MOJ002), with its own guard
        remove_terminal_escapes=False,  # control characters are MOJ003's job
        fix_encoding=True,  # the point: undo UTF-8 decoded as Latin-1/cp1252
        restore_byte_a0=True,  # "Ã\xa0" that lost its byte to a space is still mojibake
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=True,  # C1 controls in text are cp1252 bytes decoded wrongly
        fix_latin_ligatures=False,  # style, not damage
        fix_character_width=False,  # style, not damage
        uncurl_quotes=False,  # typographic quotes are correct text
        fix_line_breaks=False,  # CRLF is the author's choice
        fix_surrogates=False,  # lone surrogates are bytes kept by --encoding-errors surrogateescape
        remove_control_chars=False,
        normalization=None,  # NFC/NFKC would change text that is not damaged
        explain=False,
    )


def looks_like_mojibake(text: str) -> bool:
    """Cheap guard chain: ASCII never is; then ftfy's own badness measure, or a lossy/C1 character.

    >>> looks_like_mojibake("plain ascii"), looks_like_mojibake("CafÃ© au lait"), looks_like_mojibake("Café")
    (False, True, False)
    >>> looks_like_mojibake("un r√©gime"), looks_like_mojibake("lвЂ™ouest"), looks_like_mojibake("weiß")
    (True, True, False)
    """
    if text.isascii():
        return False
    from ftfy.badness import is_bad

    return is_bad(text) or LOSSY_HINT.search(text) is not None


CHUNK_CHARS = 4096  # lines longer than this are repaired piece by piece
# A safe place to cut: an ASCII space between two ASCII characters (mojibake is runs of non-ASCII
# characters, and "Ã " that lost its no-break space keeps the space next to the non-ASCII lead).
CUT = regex.compile(r"(?<=[\x00-\x7f]) (?=[\x00-\x7f])")


def chunks(line: str, size: int = CHUNK_CHARS) -> Iterator[str]:
    """``line`` in pieces of at least ``size`` characters, cut at safe spaces; with none within
    ``4 * size`` characters (a hostile line), cut there anyway: a repair may then be missed, never mangled.

    >>> list(chunks("ab cd ef gh", 3))
    ['ab cd ', 'ef gh']
    >>> list(chunks("Ã  " * 4, 2)), list(chunks("short", 3))
    (['Ã  Ã  Ã ', ' Ã  '], ['short'])
    """
    start = 0
    while len(line) - start > size:
        m = CUT.search(line, start + size, start + 4 * size + 1)
        end = m.end() if m else start + 4 * size
        if end >= len(line):
            break
        yield line[start:end]
        start = end
    yield line[start:]


ALIGN_LIMIT = 512  # difflib is quadratic or worse: a longer run without spaces is one edit, not aligned inside


def align(a: str, b: str) -> list[tuple[int, int, int, int]]:
    """:func:`cleaner.edits.align_offsets`, or one edit over the whole of a long space-free piece.

    >>> align("Ã©" * 1000, "é" * 1000)
    [(0, 2000, 0, 1000)]
    >>> len(align("cafÃ© " * 200, "café " * 200))
    200
    """
    if max(len(a), len(b)) <= ALIGN_LIMIT:
        return align_offsets(a, b)
    pa, pb = a.split(" "), b.split(" ")  # any space, when ftfy kept every one: word by word again
    if len(pa) > 1 and len(pa) == len(pb):
        out, ia, ib = [], 0, 0
        for x, y in zip(pa, pb):
            if x != y:
                out.extend((ia + a0, ia + a1, ib + b0, ib + b1) for a0, a1, b0, b1 in align(x, y))
            ia, ib = ia + len(x) + 1, ib + len(y) + 1
        return out
    return [] if a == b else [(0, len(a), 0, len(b))]


def align_by_words(a: str, b: str) -> list[tuple[int, int, int, int]]:
    """:func:`cleaner.edits.align_offsets`, word by word where ftfy kept every safe space (it nearly always
    does): difflib over a whole line of dense damage is quadratic, over one word it is nothing.

    >>> align_by_words("the cafÃ© isnâ€™t open", "the café isn’t open")
    [(4, 9, 4, 8), (10, 17, 9, 14)]
    """
    pa, pb = CUT.split(a), CUT.split(b)
    if len(pa) != len(pb):
        return align(a, b)
    out = []
    ia = ib = 0
    for x, y in zip(pa, pb):
        if x != y:
            out.extend((ia + a0, ia + a1, ib + b0, ib + b1) for a0, a1, b0, b1 in align(x, y))
        ia, ib = ia + len(x) + 1, ib + len(y) + 1
    return out


def mojibake_repairs(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, fixed) for each damaged word of each bad line of ``text``.

    >>> list(mojibake_repairs("ok\\nthe cafÃ© isnâ€™t open\\n"))
    [(7, 12, 'café'), (13, 20, 'isn’t')]
    """
    if text.isascii():
        return
    pos = 0
    for line in text.splitlines(keepends=True):
        # Bytes kept by surrogateescape appear as lone surrogates: repair around them, never through them.
        offset = 0
        for piece in SURROGATE_RUN.split(line):
            at = 0
            for chunk in chunks(piece):  # a long line in pieces: aligning a whole one is quadratic
                if looks_like_mojibake(chunk):
                    fixed = _fix_text(chunk, config=conservative_config())
                    if fixed != chunk:
                        for a0, a1, b0, b1 in align_by_words(chunk, fixed):
                            yield pos + offset + at + a0, pos + offset + at + a1, fixed[b0:b1]
                at += len(chunk)
            offset += len(piece)
            m = SURROGATE_RUN.match(line, offset)
            offset = m.end() if m else offset
        pos += len(line)
