"""A third page set, unseen while SEO012 was built: the article pages of a 2026 extraction benchmark.

Source: https://github.com/tiptopjaw/web-content-extraction-benchmark (Apache-2.0): 1,000 pages
collected in 2026 with an article body written by a language model and checked by hand
(``benchmark/ground-truth/NNNN.json``, ``main_content``) and the page's HTML
(``release/html/NNNN.html.gz``). Only pages typed ``article`` are used (450; forums, product and
service pages are not what SEO012 is for), turned into lines and labelled as ``build.py`` does
(the same naive scraper and the same labels), English only. Even page numbers development, odd
held out. The built data is not committed (the pages belong to their publishers).

Usage: python3 benchmarks/pages/build_wcxb.py CHECKOUT [OUT_DIR]   (OUT_DIR: benchmarks/pages/data/wcxb)
Score:  python3 benchmarks/pages/evaluate.py --data benchmarks/pages/data/wcxb --split dev
"""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
sys.path.insert(0, str(HERE))

from build import label, scrape  # noqa: E402
from cleaner.lang.langid import identify  # noqa: E402


def main(argv: list[str]) -> int:
    src = Path(argv[0])
    out = Path(argv[1]) if len(argv) > 1 else HERE / "data" / "wcxb"
    kept = 0
    for truth_path in sorted((src / "benchmark" / "ground-truth").glob("*.json")):
        item = json.loads(truth_path.read_text(encoding="utf-8"))
        page_type = item.get("_internal", {}).get("page_type", {}).get("primary")
        body = (item.get("ground_truth") or {}).get("main_content") or ""
        page = src / "release" / "html" / f"{truth_path.stem}.html.gz"
        if page_type != "article" or not body.strip() or not page.is_file():
            continue
        lines = scrape(gzip.decompress(page.read_bytes()).decode("utf-8", errors="replace"))
        text = "\n".join(lines)
        if len(lines) < 2 or identify(text).lang != "en":
            continue
        split = "dev" if int(truth_path.stem) % 2 == 0 else "heldout"
        (out / split).mkdir(parents=True, exist_ok=True)
        (out / split / f"{truth_path.stem}.txt").write_text(text + "\n", encoding="utf-8")
        (out / split / f"{truth_path.stem}.labels").write_text("".join(label(lines, body)) + "\n", encoding="utf-8")
        (out / split / f"{truth_path.stem}.body").write_text(body, encoding="utf-8")
        kept += 1
    print(f"{kept} English article pages -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
