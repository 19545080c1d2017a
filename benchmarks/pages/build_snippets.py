"""A second, independent page set: trafilatura's evaluation pages with their "with" and "without" snippets.

Source: trafilatura's repository (https://github.com/adbar/trafilatura, Apache-2.0), ``tests/evaldata.json``
and the pages under ``tests/eval`` and ``tests/cache``: about 990 pages, each with a few sentences
the article holds ("with") and a few lines of furniture ("without"), chosen by trafilatura's
authors. The pages are turned into the naive scraper's text exactly as ``build.py`` does and the
English ones kept; a snippet counts only where the scraped text holds it. The pages belong to
their publishers, so the built data is not committed.

This set was never looked at while the page classifier was built: it is a held-out check of how
the rule generalises beyond the first benchmark.

Usage: python3 benchmarks/pages/build_snippets.py TRAFILATURA_CHECKOUT [OUT_DIR]   (OUT_DIR: data/snippets)
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent))

from build import norm, scrape  # noqa: E402

from cleaner.lang.langid import identify  # noqa: E402


def main(argv: list[str]) -> int:
    src = Path(argv[0]) / "tests"
    out = Path(argv[1]) if len(argv) > 1 else HERE / "data" / "snippets"
    out.mkdir(parents=True, exist_ok=True)
    truth = json.loads((src / "evaldata.json").read_text(encoding="utf-8"))
    kept = 0
    for n, (url, item) in enumerate(sorted(truth.items())):
        page = next((p for p in (src / "eval" / item["file"], src / "cache" / item["file"]) if p.is_file()), None)
        if page is None:
            continue
        lines = scrape(page.read_bytes().decode("utf-8", errors="replace"))
        text = "\n".join(lines)
        if not lines or identify(text).lang != "en":
            continue
        flat = f" {norm(text)} "
        present = {k: [s for s in item.get(k, []) if norm(s) and f" {norm(s)} " in flat] for k in ("with", "without")}
        if not present["with"] and not present["without"]:
            continue
        (out / f"{n:04d}.txt").write_text(text + "\n", encoding="utf-8")
        (out / f"{n:04d}.json").write_text(json.dumps({"url": url, **present}, ensure_ascii=False), encoding="utf-8")
        kept += 1
    print(f"{kept} English pages -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
