"""Regenerate the golden snapshots of the sample corpus (``make snapshots``).

Writes tests/golden/samples/<file> (cleaned text) and tests/golden/samples.difflog.jsonl,
exactly what ``cleaner clean samples -o ... --log ...`` produces with the default
configuration, so a change in behaviour shows up as a reviewable git diff.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"


def main() -> int:
    out = GOLDEN / "samples"
    for old in out.glob("*"):
        old.unlink()
    cmd = [sys.executable, "-m", "cleaner", "clean", str(ROOT / "samples"), "-o", str(out),
           "--log", str(GOLDEN / "samples.difflog.jsonl"), "--quiet"]
    return subprocess.call(cmd, cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main())
