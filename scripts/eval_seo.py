"""Measure the SEO pack on the hand-written cases: recall of furniture, false removal of prose.

For every ``tests/cases/seo_*/`` the furniture is what ``input.txt`` has and
``expected.txt`` lacks (compared as multisets of non-blank lines). Recall is the
share of those lines gone from the output; the false-removal rate is the share of
expected lines missing from it. Clean control texts (seed 003, the licences in
/usr/share/common-licenses, tests/cases/negative.jsonl) must lose no line at all.
Runs the SEO rules only, so other families' repairs do not blur the line comparison.

Usage: python3 scripts/eval_seo.py [--corpus] [--verbose]
  --corpus  learn corpus knowledge over all cases and controls together (exercises SEO011)
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner.config import CleanerConfig  # noqa: E402
from cleaner.corpus import learn  # noqa: E402
from cleaner.engine import Engine  # noqa: E402

CASES = ROOT / "tests" / "cases"
CONTROL_FILES = [Path("/work/shared/seeds/003_85d9fa60047eef0a.txt"), ROOT / "samples" / "003_85d9fa60047eef0a.txt"]
LICENCES = Path("/usr/share/common-licenses")


def lines(text: str) -> Counter:
    return Counter(line.strip() for line in text.splitlines() if line.strip())


def controls() -> dict[str, str]:
    docs = {}
    for p in CONTROL_FILES:
        if p.is_file():
            docs[f"control/{p.name}"] = p.read_text(encoding="utf-8")
            break
    if LICENCES.is_dir():
        for p in sorted(LICENCES.iterdir()):
            if p.is_file() and p.stat().st_size > 2000:
                docs[f"licence/{p.name}"] = p.read_text(encoding="utf-8", errors="replace")
    negative = CASES / "negative.jsonl"
    if negative.is_file():
        for n, line in enumerate(negative.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                docs[f"negative/{n}"] = json.loads(line)["text"]
    return docs


def main(argv: list[str]) -> int:
    verbose, corpus_mode = "--verbose" in argv, "--corpus" in argv
    engine = Engine(CleanerConfig(select=("SEO",)))
    cases = {d.name: ((d / "input.txt").read_text(encoding="utf-8"), (d / "expected.txt").read_text(encoding="utf-8"))
             for d in sorted(CASES.glob("seo_*")) if (d / "input.txt").is_file()}
    ctrl = controls()
    corpus = learn([(k, v[0]) for k, v in cases.items()] + list(ctrl.items())) if corpus_mode else None
    furniture = removed = prose = lost = exact = 0
    report = []
    for name, (inp, exp) in cases.items():
        out = engine.clean_one(inp, name, corpus).text
        want_gone = lines(inp) - lines(exp)
        got = lines(out)
        missed = {l: n for l, n in want_gone.items() if got[l] > lines(exp)[l]}
        dropped = lines(exp) - got
        furniture += sum(want_gone.values())
        removed += sum(want_gone.values()) - sum(missed.values())
        prose += sum(lines(exp).values())
        lost += sum(dropped.values())
        exact += out == exp
        if verbose and (missed or dropped or out != exp):
            report.append((name, sorted(missed), sorted(dropped), out == exp))
    ctrl_lines = ctrl_lost = 0
    ctrl_failures = []
    for name, text in ctrl.items():
        out = engine.clean_one(text, name, corpus).text
        ctrl_lines += sum(lines(text).values())
        gone = lines(text) - lines(out)
        ctrl_lost += sum(gone.values())
        if out != text:
            ctrl_failures.append((name, sorted(gone)[:5]))
    summary = {
        "cases": len(cases), "exact_cases": exact,
        "furniture_lines": furniture, "recall": round(removed / max(furniture, 1), 4),
        "prose_lines": prose, "false_removals": lost, "false_removal_rate": round(lost / max(prose, 1), 4),
        "control_docs": len(ctrl), "control_lines": ctrl_lines, "control_lines_lost": ctrl_lost,
        "control_docs_changed": [n for n, _ in ctrl_failures], "corpus_mode": corpus_mode,
    }
    print(json.dumps(summary, indent=1))
    for name, missed, dropped, _ in report:
        print(f"\n{name}:\n  furniture kept: {missed}\n  prose lost: {dropped}")
    for name, gone in ctrl_failures if verbose else ():
        print(f"\ncontrol {name} changed; lost: {gone}")
    return 0 if lost == 0 and ctrl_lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
