"""Score boilerplate removal on trafilatura's evaluation pages (built by ``build_snippets.py``).

Each page comes with a few sentences of its article ("with") and a few lines of its furniture
("without"). A system keeps a snippet when its output still holds it (case and punctuation aside).
Reported: the share of "without" snippets removed, the share of "with" snippets kept, and the
pages on which either detector (page, transcript) fires. trafilatura itself, on the HTML, is the
reference (these pages are its own test set, so it has seen them).

Split: pages with an even number are development, odd ones held out.

Usage: python3 benchmarks/pages/evaluate_snippets.py [--split dev|heldout|all] [--trafilatura CHECKOUT] [--show N]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent))

from build import norm  # noqa: E402
from evaluate import c4_keep  # noqa: E402

from cleaner.config import CleanerConfig  # noqa: E402
from cleaner.detectors.asr import AsrDetector  # noqa: E402
from cleaner.detectors.page import PageDetector  # noqa: E402
from cleaner.engine import Engine  # noqa: E402
from cleaner.model import Document  # noqa: E402


def holds(text: str, snippet: str) -> bool:
    return f" {norm(snippet)} " in f" {norm(text)} "


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=HERE / "data" / "snippets")
    ap.add_argument("--trafilatura", type=Path, help="a trafilatura checkout: also score trafilatura on the HTML")
    ap.add_argument("--show", type=int, default=0, help="print the first N article snippets cleaner lost")
    ap.add_argument("--split", choices=("dev", "heldout", "all"), default="dev",
                    help="dev: pages with an even number; heldout: odd (never looked at while tuning)")
    args = ap.parse_args(argv)
    engine = Engine(CleanerConfig(select=("SEO",)))
    page_det, asr_det = PageDetector(), AsrDetector()
    scores = {name: [0, 0, 0, 0] for name in ("raw", "c4", "cleaner", "trafilatura")}  # with kept/all, without removed/all
    pages = paged = asr = shown = 0
    for path in sorted(args.data.glob("*.txt")):
        if args.split != "all" and int(path.stem) % 2 != (args.split == "heldout"):
            continue
        text = path.read_text(encoding="utf-8").rstrip("\n")
        snippets = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        pages += 1
        doc = Document(text)
        finding = page_det.detect(doc)
        paged += bool(finding and finding.detected)
        finding = asr_det.detect(doc)
        asr += bool(finding and finding.detected)
        outputs = {"raw": text, "c4": "\n".join(x for x in text.split("\n") if c4_keep(x)),
                   "cleaner": engine.clean_one(text, path.stem).text}
        if args.trafilatura is not None:
            import trafilatura
            data = json.loads((args.trafilatura / "tests" / "evaldata.json").read_text(encoding="utf-8"))
            item = data[snippets["url"]]
            html = next(p for p in (args.trafilatura / "tests" / d / item["file"] for d in ("eval", "cache")) if p.is_file())
            outputs["trafilatura"] = trafilatura.extract(html.read_bytes().decode("utf-8", errors="replace")) or ""
        for name, out in outputs.items():
            s = scores[name]
            for snip in snippets["with"]:
                s[0] += holds(out, snip)
                s[1] += 1
                if name == "cleaner" and not holds(out, snip) and shown < args.show:
                    shown += 1
                    print(f"  {path.stem} LOST: {snip[:100]!r}")
            for snip in snippets["without"]:
                s[2] += not holds(out, snip)
                s[3] += 1
    print(f"snippets {args.split}: {pages} English pages; page detector fires on {paged}, transcript detector on {asr}")
    print("| system | furniture snippets removed | article snippets kept |")
    print("|---|---|---|")
    for name, (wk, w, wr, wo) in scores.items():
        if w or wo:
            print(f"| {name} | {100 * wr / max(wo, 1):.1f}% ({wr}/{wo}) | {100 * wk / max(w, 1):.1f}% ({wk}/{w}) |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
