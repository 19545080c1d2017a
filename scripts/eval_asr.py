"""Measure the ASR, SPC and TYP packs on the hand-written cases, and the cost of the corpus pass.

For every ``tests/cases/asr_*/`` and ``tests/cases/glued_*/`` the gold repairs are the
word-level differences between ``input.txt`` and ``expected.txt``; the system's are the
differences between ``input.txt`` and the cleaned output. Recall is the share of gold
repairs made exactly; precision the share of the system's repairs that are gold. Clean
controls (seed 003 inside the seed corpus, tests/cases/negative.jsonl, the licence texts in
/usr/share/common-licenses) must not change at all. Only ASR, SPC and TYP rules run.

Usage: python3 scripts/eval_asr.py [--verbose] [--timing]
  --timing  time the corpus pass (every learner) over the seeds repeated to about 2 MB
"""
from __future__ import annotations

import difflib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner.config import CleanerConfig  # noqa: E402
from cleaner.corpus import learn  # noqa: E402
from cleaner.engine import Engine  # noqa: E402

CASES = ROOT / "tests" / "cases"
SEEDS = Path("/work/shared/seeds") if Path("/work/shared/seeds").is_dir() else ROOT / "samples"
LICENCES = Path("/usr/share/common-licenses")
FAMILIES = ("ASR", "SPC", "TYP")


def edits(a: str, b: str) -> set[tuple[int, int, tuple[str, ...]]]:
    """Word-level replacements turning ``a`` into ``b``, as (from, to, new words) over ``a``'s words."""
    x, y = a.split(), b.split()
    ops = difflib.SequenceMatcher(None, x, y, autojunk=False).get_opcodes()
    out = set()
    for tag, i1, i2, j1, j2 in ops:
        if tag == "delete":  # a repeated phrase may be deleted at either copy: use the rightmost
            while i2 < len(x) and x[i1] == x[i2]:
                i1, i2 = i1 + 1, i2 + 1
        if tag != "equal":
            out.add((i1, i2, tuple(y[j1:j2])))
    return out


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    engine = Engine(CleanerConfig(select=FAMILIES))
    tp = gold_n = sys_n = 0
    for case in sorted([*CASES.glob("asr_*"), *CASES.glob("glued_*")]):
        src = (case / "input.txt").read_text(encoding="utf-8")
        gold = edits(src, (case / "expected.txt").read_text(encoding="utf-8"))
        out = engine.clean_one(src, case.name).text
        got = edits(src, out)
        hit = gold & got
        tp, gold_n, sys_n = tp + len(hit), gold_n + len(gold), sys_n + len(got)
        print(f"{case.name:28} recall {len(hit)}/{len(gold)}  precision {len(hit)}/{len(got)}")
        if verbose:
            words = src.split()
            for i1, i2, new in sorted(gold - got):
                print(f"    missed  {' '.join(words[i1:i2])!r} -> {' '.join(new)!r}")
            for i1, i2, new in sorted(got - gold):
                print(f"    wrong   {' '.join(words[i1:i2])!r} -> {' '.join(new)!r}")
    print(f"TOTAL recall {tp}/{gold_n} = {tp / max(gold_n, 1):.1%}, precision {tp}/{sys_n} = {tp / max(sys_n, 1):.1%}")

    controls = {}
    seeds = {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    corpus = learn(seeds.items())
    control = next((n for n in seeds if n.startswith("003")), None)
    if control:
        controls[f"seed/{control}"] = (seeds[control], corpus)
    for n, line in enumerate((CASES / "negative.jsonl").read_text(encoding="utf-8").splitlines()):
        if line.strip():
            controls[f"negative/{n}"] = (json.loads(line)["text"], None)
    if LICENCES.is_dir():
        for p in sorted(LICENCES.iterdir()):
            if p.is_file() and p.stat().st_size > 2000:
                controls[f"licence/{p.name}"] = (p.read_text(encoding="utf-8", errors="replace"), None)
    touched = 0
    for name, (text, knowledge) in controls.items():
        result = engine.clean_one(text, name, knowledge)
        if result.text != text:
            touched += 1
            print(f"CONTROL CHANGED {name}: {[(c.rule, c.before, c.after) for c in result.applied][:5]}")
    print(f"controls untouched: {len(controls) - touched}/{len(controls)}")

    if "--timing" in argv:
        blob = list(seeds.items())
        size = sum(len(t.encode("utf-8")) for _, t in blob)
        reps = max(1, int(2e6 // size))
        docs = [(f"{n}#{i}", t) for i in range(reps) for n, t in blob]
        start = time.perf_counter()
        learn(docs)
        secs = time.perf_counter() - start
        mb = size * reps / 1e6
        print(f"corpus pass: {secs:.2f} s over {mb:.1f} MB = {secs / mb:.2f} s/MB")
    return 0 if touched == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
