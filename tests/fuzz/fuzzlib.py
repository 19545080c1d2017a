"""The two fuzz targets, shared by the hypothesis tests (test_fuzz.py) and the atheris harness (atheris_fuzz.py).

* :func:`check_engine`: any text -> the engine never raises, and its log rebuilds the original and
  re-applies to the cleaned text, also after a trip through the JSONL diff log.
* :func:`check_pack`: any pack text -> loading it either works or raises :class:`RulePackError` (with
  ``file:line:``); a pack that loads compiles, cleans a few texts without raising, and stays reversible.

A crash found by either is saved under ``corpus/`` and replayed by ``test_fuzz.py`` as a regression test.
"""
from __future__ import annotations

import functools
import io
import tempfile
from pathlib import Path

from cleaner.config import CleanerConfig
from cleaner.difflog import read_log, write_records
from cleaner.edits import replay, revert
from cleaner.engine import Engine
from cleaner.registry import RulePackError, load_registry

CORPUS = Path(__file__).resolve().parent / "corpus"
PROBES = ["", "a", "the the cat sat", "Le caf\u00c3\u00a9 &amp; Put\u200bin\r\n", "ping pong x\n\nLeave a Reply\n",
          "aaaaaaaaaaaaaaaaaaaaaaaaaaaa!", "\U0001F600 e\u0301 \x00\x07 \u2028 end"]


@functools.lru_cache(maxsize=2)
def engine(corpus_knowledge: bool = False) -> Engine:
    return Engine(CleanerConfig(corpus_knowledge=corpus_knowledge))


def check_result(result, text: str) -> None:
    assert revert(result.text, result.changes) == text
    assert replay(text, result.applied) == result.text
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "log.jsonl"
        buf = io.StringIO()
        write_records(buf, result)
        path.write_text(buf.getvalue(), encoding="utf-8", newline="\n")
        entry = read_log(path)[result.doc_id]
    assert revert(result.text, entry.changes) == text
    assert replay(text, entry.applied) == result.text


def check_engine(text: str, corpus_knowledge: bool = False) -> None:
    check_result(engine(corpus_knowledge).clean_one(text, "doc"), text)


def check_pack(pack: bytes, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.yaml"):
        old.unlink()
    (folder / "fuzz.yaml").write_bytes(pack)
    load_registry.cache_clear()
    try:
        registry = load_registry((folder,))
    except RulePackError as exc:
        assert str(exc).startswith(str(folder)), exc  # names the file (and line)
        return
    eng = Engine(CleanerConfig(corpus_knowledge=False, regex_timeout=0.2, max_passes=3), registry=registry)
    for text in PROBES:
        check_result(eng.clean_one(text, "doc"), text)
