"""Coloured unified diffs for ``cleaner check --diff`` on a terminal.

On a terminal each diff is printed with rich: file headers bold, hunk headers
cyan, removed lines red and added lines green, and inside a changed line the
characters that changed are highlighted, with invisible ones (zero-width
spaces, soft hyphens, odd spaces, control characters) shown by name so a
change you cannot see is still visible. Anywhere else (a pipe, a file,
NO_COLOR) the plain unified diff is written unchanged.
"""
from __future__ import annotations

import difflib
import unicodedata

NAMES = {"\u00a0": "NBSP", "\u00ad": "SHY", "\u200b": "ZWSP", "\u200c": "ZWNJ", "\u200d": "ZWJ", "\u2009": "THSP",
         "\u202f": "NNBSP", "\u2028": "LSEP", "\u2029": "PSEP", "\u2060": "WJ", "\ufeff": "BOM", "\t": "TAB",
         "\r": "CR"}


def show_invisible(text: str) -> str:
    """Name the characters a reader cannot see.

    >>> show_invisible("a\\u200bb c\\u00a0d")
    'a⟨ZWSP⟩b c⟨NBSP⟩d'
    """
    out = []
    for ch in text:
        if ch in NAMES:
            out.append(f"⟨{NAMES[ch]}⟩")
        elif ch != " " and ch != "\n" and (unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp", "Cs")):
            out.append(f"⟨U+{ord(ch):04X}⟩")
        else:
            out.append(ch)
    return "".join(out)


def _safe(text: str) -> str:
    """Lone surrogates (bytes kept by surrogateescape) cannot be printed: show them as escapes."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _pairs(lines: list[str]):
    """Group a diff's lines: in a hunk, a run of '-' lines and the run of '+' lines after it are paired
    for intraline highlighting; the file header (before the first '@@') is passed through.

    >>> [k for k, _, _ in _pairs(["--- a/x", "+++ b/x", "@@ -1 +1 @@", "-a", "+b", " c"])]
    ['header', 'header', 'line', 'pair', 'line']
    """
    i, in_hunk = 0, False
    while i < len(lines):
        line = lines[i]
        if line.startswith("@@"):
            in_hunk = True
        if not in_hunk:
            yield "header", line, None
            i += 1
        elif line.startswith("-"):
            j = i
            while j < len(lines) and lines[j].startswith("-"):
                j += 1
            k = j
            while k < len(lines) and lines[k].startswith("+"):
                k += 1
            yield "pair", lines[i:j], lines[j:k]
            i = k
        else:
            yield "line", line, None
            i += 1


def _styled_pair(old: str, new: str, Text):
    """Two ``Text`` lines with the differing characters highlighted (invisible ones named)."""
    a, b = Text(style="red"), Text(style="green")
    a.append("-")
    b.append("+")
    sm = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            a.append(_safe(old[i1:i2]))
            b.append(_safe(new[j1:j2]))
            continue
        if i2 > i1:
            a.append(_safe(show_invisible(old[i1:i2])), style="bold white on red")
        if j2 > j1:
            b.append(_safe(show_invisible(new[j1:j2])), style="bold black on green")
    return a, b


def print_diff(diff: str, console) -> None:
    """Print a unified diff (as :func:`cleaner.cli.unified_diff` makes it) in colour on ``console``."""
    from rich.text import Text

    lines = diff.splitlines()
    for kind, first, second in _pairs(lines):
        if kind == "pair":
            olds, news = first, second
            if len(olds) == len(news):
                for o, n in zip(olds, news):
                    a, b = _styled_pair(o[1:], n[1:], Text)
                    console.print(a)
                    console.print(b)
            else:
                for o in olds:
                    console.print(Text(_safe(o), style="red"))
                for n in news:
                    console.print(Text(_safe(n), style="green"))
            continue
        line = first
        if kind == "header":
            style = "bold"
        elif line.startswith("@@"):
            style = "cyan"
        elif line.startswith("+"):
            style = "green"
        elif line.startswith("\\"):
            style = "dim"
        else:
            style = ""
        console.print(Text(_safe(line), style=style))


def terminal_console(stream=None):
    """A rich console for ``stream`` (stdout), or None when it is not a colour terminal."""
    import os
    import sys

    from rich.console import Console

    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR"):
        return None
    console = Console(file=stream, highlight=False, soft_wrap=True, emoji=False, markup=False)
    return console if console.is_terminal else None
