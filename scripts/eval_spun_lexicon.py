"""Measure the spinner-lexicon pack (SPN2xx): detection evidence, lexicon size, recall and precision.

Prints JSON with:
  * detection: the `spun` and `spun_lexicon` detectors' scores per seed, and the density of marker rows
    (per 1,000 words) on the seeds, the licence texts, the clean controls and the spun cases, which
    is the calibration evidence for using markers as spin evidence;
  * entries by domain and kind (spun_synonyms.tsv), name parts by context;
  * recall/precision on spun cases, for the SPN0xx pack alone and with SPN2xx added. Gold repairs
    are the differences between a case's input.txt and expected.txt. Two measures:
      groups  word-level replacement groups made exactly (the measure of scripts/eval_spun.py);
      tokens  expected words restored (recall) and words the system wrote that are right (precision).
    ``spun_lex_*`` cases were written for this pack (clean article first, then spun by hand in the
    spinner's habits, including swaps the lexicon does not hold); general habits their misses
    revealed were added to the lexicon. ``spun_lex_heldout_*`` were written the same way but their
    misses were never looked at. The other ``spun_*`` cases were written by the SPN0xx authors and
    were not used to tune this lexicon.
Clean controls (tests/cases/negative_spun.jsonl, licences) must not change.

Usage: python3 scripts/eval_spun_lexicon.py [--verbose]   (misses of the tuned cases; never the held-out ones)
"""
from __future__ import annotations

import difflib
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner.config import CleanerConfig  # noqa: E402
from cleaner.detectors.spun import SpunDetector  # noqa: E402
from cleaner.detectors.spun_lexicon import SpunLexiconDetector  # noqa: E402
from cleaner.engine import Engine  # noqa: E402
from cleaner.model import Document  # noqa: E402
from cleaner.spinner.lexicon import read_entries, load  # noqa: E402
from cleaner.spinner.names import read_parts  # noqa: E402

CASES = ROOT / "tests" / "cases"
LEX = ROOT / "rules" / "lexicons"
LICENCES = Path("/usr/share/common-licenses")


def groups(a: str, b: str) -> set:
    x, y = a.split(), b.split()
    return {(i1, i2, tuple(y[j1:j2])) for tag, i1, i2, j1, j2
            in difflib.SequenceMatcher(None, x, y, autojunk=False).get_opcodes() if tag != "equal"}


def changed(a: list[str], b: list[str]) -> set[int]:
    """Indices of ``b``'s words not aligned to an equal word of ``a``."""
    out = set()
    for tag, _, _, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            out.update(range(j1, j2))
    return out


def score(engine: Engine, cases: list[Path], verbose: bool) -> dict:
    g_gold = g_sys = g_hit = 0
    t_need = t_fixed = t_wrote = t_right = 0
    for case in cases:
        src = (case / "input.txt").read_text(encoding="utf-8")
        exp = (case / "expected.txt").read_text(encoding="utf-8")
        out = engine.clean_one(src, case.name).text
        gold, got = groups(src, exp), groups(src, out)
        g_gold, g_sys, g_hit = g_gold + len(gold), g_sys + len(got), g_hit + len(gold & got)
        s, o, e = src.split(), out.split(), exp.split()
        need, still = changed(s, e), changed(o, e)
        wrote, wrong = changed(s, o), changed(e, o)
        t_need, t_fixed = t_need + len(need), t_fixed + len(need - still)
        t_wrote, t_right = t_wrote + len(wrote), t_right + len(wrote - wrong)
        if verbose:
            for i1, i2, new in sorted(got - gold):
                print(f"  {case.name}: wrong  {' '.join(s[i1:i2])!r} -> {' '.join(new)!r}")
            for i1, i2, new in sorted(gold - got):
                print(f"  {case.name}: missed {' '.join(s[i1:i2])!r} -> {' '.join(new)!r}")
    r = lambda a, b: round(a / b, 3) if b else None  # noqa: E731
    return {"cases": len(cases), "groups": {"gold": g_gold, "system": g_sys, "correct": g_hit,
                                            "recall": r(g_hit, g_gold), "precision": r(g_hit, g_sys)},
            "tokens": {"to_restore": t_need, "restored": t_fixed, "written": t_wrote, "right": t_right,
                       "recall": r(t_fixed, t_need), "precision": r(t_right, t_wrote)}}


def marker_density(text: str, markers) -> float:
    words = max(len(re.findall(r"\w+", text)), 1)
    return round(1000 * sum(1 for _ in markers.find(text)) / words, 2)


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    entries = read_entries(LEX / "spun_synonyms.tsv")
    markers = load(LEX / "spun_synonyms.tsv", ("marker",))
    det, mine_det = SpunDetector(), SpunLexiconDetector()
    seeds = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))}
    detection = {}
    for k, t in seeds.items():
        f, g = det.detect(Document(t)), mine_det.detect(Document(t))
        detection[k] = {"spun": [round(f.score, 2) if f else 0.0, bool(f and f.detected)],
                        "spun_lexicon": [round(g.score, 2) if g else 0.0, bool(g and g.detected)],
                        "lexicon_markers_per_1000_words": marker_density(t, markers)}
    controls = [json.loads(line)["text"] for line in (CASES / "negative_spun.jsonl").read_text().splitlines() if line]
    controls += [json.loads(line)["text"] for line in (CASES / "negative.jsonl").read_text().splitlines() if line]
    if LICENCES.is_dir():
        controls += [p.read_text(errors="replace") for p in sorted(LICENCES.iterdir()) if p.is_file()]
    spun_cases = sorted(p for p in CASES.glob("spun_*") if p.is_dir())
    calibration = {
        "clean_controls": len(controls),
        "clean_max_markers_per_1000_words": max(marker_density(t, markers) for t in controls),
        "clean_detected": sum(bool((f := det.detect(Document(t))) and f.detected) for t in controls),
        "clean_max_spun_lexicon_score": max(((g := mine_det.detect(Document(t))) and g.score) or 0.0 for t in controls),
        "clean_detected_spun_lexicon": sum(bool((g := mine_det.detect(Document(t))) and g.detected) for t in controls),
        "spun_cases_min_spun_lexicon_score": min(mine_det.detect(Document((c / "input.txt").read_text())).score
                                                 for c in spun_cases),
        "spun_cases_detected_spun_lexicon": sum(mine_det.detect(Document((c / "input.txt").read_text())).detected
                                                for c in spun_cases),
        "spun_cases_min_markers_per_1000_words": min(marker_density((c / "input.txt").read_text(), markers)
                                                     for c in spun_cases),
        "spun_cases_detected": f"{sum(bool((f := det.detect(Document((c / 'input.txt').read_text()))) and f.detected) for c in spun_cases)}/{len(spun_cases)}",
    }
    mine = [c for c in spun_cases if c.name.startswith("spun_lex_") and "heldout" not in c.name]
    mine_heldout = [c for c in spun_cases if c.name.startswith("spun_lex_heldout_")]
    theirs = [c for c in spun_cases if not c.name.startswith("spun_lex_")]
    base, full = Engine(CleanerConfig(select=("SPN0", "SPN1"))), Engine(CleanerConfig(select=("SPN",)))
    unchanged = all(full.clean_one(t).text == t for t in controls[:60])
    report = {
        "detection": detection,
        "calibration": calibration,
        "entries_by_domain": dict(Counter(e.domain for e in entries).most_common()),
        "entries_by_kind": dict(Counter(e.kind for e in entries).most_common()),
        "entries": len(entries),
        "name_parts_by_context": dict(Counter(p.context for p in read_parts(LEX / "spun_name_parts.tsv")).most_common()),
        "clean_controls_unchanged": unchanged,
        "spun_lex_cases": {"SPN0xx": score(base, mine, False), "SPN0xx+SPN2xx": score(full, mine, verbose)},
        "spun_lex_heldout_cases": {"SPN0xx": score(base, mine_heldout, False),
                                   "SPN0xx+SPN2xx": score(full, mine_heldout, "--verbose-heldout" in argv)},
        "other_spun_cases": {"SPN0xx": score(base, theirs, False), "SPN0xx+SPN2xx": score(full, theirs, False)},
    }
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
