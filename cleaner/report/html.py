"""``cleaner report``: one self-contained HTML file to review every edit of a diff log.

The file has no external resource (inline CSS and JS, no fonts, no network; a
Content-Security-Policy forbids loading anything), so it opens from disk on an
air-gapped machine. The log and the original texts are embedded as one JSON
block (``<script type="application/json">``, with ``<``, ``>``, ``&``, U+2028
and U+2029 escaped, so no document text can close the block or be parsed as
markup); the page script builds the view from it with ``textContent`` only and
renders one page of documents at a time, folding long unchanged stretches.

Only documents with at least one edit are embedded (their whole original text,
so folded stretches can be opened): the file is about the size of the changed
documents plus their edits.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from importlib import resources
from pathlib import Path

from ..fileio import InputError, atomic_write
from .data import TextLookup, build

_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_UNSAFE = re.compile("[<>&\u2028\u2029\ud800-\udfff]")


def script_json(obj) -> str:
    """JSON that is safe inside ``<script type="application/json">`` and valid UTF-8.

    ``<``, ``>`` and ``&`` (so ``</script>`` and ``<!--`` cannot occur), U+2028/9 and
    lone surrogates (bytes kept by surrogateescape) become ``\\uXXXX`` escapes; these
    characters only ever occur inside JSON strings, so the value is unchanged.

    >>> print(script_json({"t": "</script><img src=x onerror=alert(1)>&\u2028"}))
    {"t":"\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e\\u0026\\u2028"}
    >>> json.loads(script_json({"t": "</script>"}))["t"]
    '</script>'
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return _UNSAFE.sub(lambda m: _ESCAPES.get(m.group()) or f"\\u{ord(m.group()):04x}", text)


def _asset(name: str) -> str:
    return resources.files("cleaner.report").joinpath("assets", name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src {script_hash}; style-src {style_hash}; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="cleaner report">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<header class="top">
  <span class="brand">cleaner review</span>
  <div class="titlebox"><h1 id="title">{title}</h1><div class="meta" id="meta"></div></div>
  <div id="tally"></div>
  <div class="actions">
    <button type="button" id="export" title="Download your decisions as decisions.json, for cleaner apply --decisions">Export decisions</button>
    <label class="btn" title="Load a decisions.json exported earlier">Import&#8230;<input type="file" id="import" accept=".json,application/json" hidden></label>
    <button type="button" id="reset" title="Forget every decision made in this report">Reset</button>
  </div>
</header>
<noscript><p class="note">This report needs JavaScript (it runs only inside this file; nothing is loaded from the network).</p></noscript>
<div class="layout">
  <aside>
    <h3>Filter</h3>
    <div id="filters"></div>
    <h3>Rules</h3>
    <table id="rules"><thead><tr><th>rule</th><th class="num" title="applied edits">appl.</th><th class="num" title="suggested or rolled back">sugg.</th><th>all of them</th></tr></thead><tbody id="rules-body"></tbody></table>
    <p class="keys">Click an edit for details. <kbd>j</kbd>/<kbd>k</kbd> next/previous edit, <kbd>a</kbd> accept, <kbd>r</kbd> reject, <kbd>d</kbd> undo, <kbd>/</kbd> search, <kbd>Esc</kbd> close.
    Struck red text is removed and green text inserted; a grey struck insertion is rejected. Amber boxes are suggestions (not applied unless you accept them).</p>
  </aside>
  <main>
    <section id="summary"></section>
    <nav class="pager" id="pager-top"></nav>
    <section id="docs"></section>
    <nav class="pager" id="pager"></nav>
  </main>
</div>
<div id="pop" role="dialog" aria-label="edit details" hidden></div>
<div id="flash" role="status" hidden></div>
<script type="application/json" id="cleaner-data">{data}</script>
<script>{js}</script>
</body>
</html>
"""


def render(data: dict) -> str:
    """The report page for data from :func:`cleaner.report.data.build`."""
    css, js = _asset("report.css"), _asset("report.js")
    if "</" in js or "</" in css:  # would end the element early; the assets are ours, keep them clean
        raise ValueError("report assets must not contain '</'")
    return PAGE.format(title=html.escape(data.get("title", "cleaner review")), css=css, js=js,
                       data=script_json(data), script_hash=_csp_hash(js), style_hash=_csp_hash(css))


def write_report(log_path: Path, output: Path, source: Path | None = None, clean: Path | None = None, *,
                 fmt: str = "auto", text_field: str = "text", id_field: str | None = None,
                 encoding_errors: str = "strict", title: str | None = None, max_docs: int | None = None) -> dict:
    """Build and write the report; returns the embedded data (for a summary line)."""
    lookup = lambda p: TextLookup(p, fmt, text_field, id_field, encoding_errors) if p else None  # noqa: E731
    data = build(Path(log_path), lookup(source), lookup(clean), title, max_docs)
    given = source if source is not None else clean
    if given is not None and data["shown"] and data["unresolved"] == data["shown"]:
        example = next((d["id"] for d in data["docs"]), "?")
        raise InputError(f"{given}: none of the {data['shown']:,} documents of {log_path} with edits is there "
                         f"(the log names, for example, {example!r}); give the file or folder that was cleaned "
                         f"(--source) or its cleaned output (--clean), or neither to review from the log alone")
    page = render(data)
    atomic_write(Path(output), page.encode("utf-8"))
    data["bytes"] = len(page.encode("utf-8"))
    return data
