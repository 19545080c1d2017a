"""Count what cleaner applies to professionally edited text, where nearly every edit is a wrong one.

Runs ``cleaner clean`` (every default rule, corpus knowledge on) over a folder of ``.txt`` files or
a CSV with a ``text`` column, then lists each applied edit with its context, per rule, and the rate
per 100,000 words. Edited news is the control of the precision target (issue 11: at most one wrong
applied edit per 100k words); a person reads the list and records each wrong edit in
tests/cases/negative_real.jsonl, in sentences written for the project.

The corpora are not committed (licences): the BBC News dataset (Greene & Cunningham 2006, 2,225
articles) and a 2025 scrape of Indian and US news sites were used, kept outside the repository.

Usage: python3 scripts/eval_news.py PATH [--show] [--rule TYP003]
"""
from __future__ import annotations

import csv
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus_folder(path: Path, work: Path) -> Path:
    """``path`` itself, or a folder of one file per CSV row."""
    if path.is_dir():
        return path
    csv.field_size_limit(1 << 30)
    folder = work / "docs"
    folder.mkdir()
    with path.open(encoding="utf-8", newline="") as f:
        for n, row in enumerate(csv.DictReader(f)):
            if row.get("text", "").strip():
                (folder / f"{n:05d}.txt").write_text(row["text"], encoding="utf-8")
    return folder


def main(argv: list[str]) -> int:
    source = Path(argv[0])
    show = "--show" in argv
    only = argv[argv.index("--rule") + 1] if "--rule" in argv else None
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder = corpus_folder(source, work)
        log = work / "log.jsonl"
        subprocess.run([sys.executable, "-m", "cleaner", "clean", str(folder), "-o", str(work / "out"),
                        "--log", str(log)], check=True, cwd=ROOT)
        texts = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.txt")}
        words = sum(len(t.split()) for t in texts.values())
        per_rule: Counter[str] = Counter()
        for line in log.open(encoding="utf-8"):
            record = json.loads(line)
            if record.get("type") != "edit" or record["status"] != "applied":
                continue
            per_rule[record["rule"]] += 1
            if show and (only is None or record["rule"] == only):
                text = texts[record["doc"]]
                left = text[max(record["start"] - 50, 0):record["start"]].replace("\n", " ")
                right = text[record["end"]:record["end"] + 50].replace("\n", " ")
                print(f"{record['rule']} {record['doc']}: ...{left}[{record['before']} -> {record['after']}]{right}...")
    total = sum(per_rule.values())
    print(f"{len(texts)} documents, {words:,} words: {total} applied edits, "
          f"{100_000 * total / max(words, 1):.2f} per 100k words")
    for rule, n in per_rule.most_common():
        print(f"  {rule} {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
