"""Coverage-guided fuzzing with atheris (``pip install atheris``; not needed by the test suite).

    python tests/fuzz/atheris_fuzz.py engine -max_total_time=300 tests/fuzz/corpus/engine
    python tests/fuzz/atheris_fuzz.py packs  -max_total_time=300 tests/fuzz/corpus/packs

The first argument picks the target (see ``fuzzlib``); the rest goes to libFuzzer. A crashing input is
written by libFuzzer as ``crash-*`` in the working folder: copy it into ``corpus/engine`` or ``corpus/packs``
under a telling name, and ``test_fuzz.py`` replays it from then on. New interesting inputs libFuzzer finds
are added to the corpus folder given on the command line: keep only small ones that found a bug.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tests.fuzz.fuzzlib import check_engine, check_pack

FOLDER = Path(tempfile.mkdtemp(prefix="cleaner-fuzz-"))


def engine_target(data: bytes) -> None:
    check_engine(data.decode("utf-8", "surrogateescape"))


def packs_target(data: bytes) -> None:
    check_pack(data, FOLDER / "rules")


def main() -> None:
    target = {"engine": engine_target, "packs": packs_target}[sys.argv[1]]
    atheris.Setup([sys.argv[0], *sys.argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
