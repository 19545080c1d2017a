"""Huge documents are cleaned in windows (cleaner.windows): same edits, same reversibility, bounded memory."""
from __future__ import annotations

from cleaner.config import CleanerConfig
from cleaner.difflog import read_log, write_records
from cleaner.edits import replay, revert
from cleaner.engine import Engine
from cleaner.windows import window_ends

from .conftest import SAMPLES

PARAGRAPH = ("The minister said the talks in M\u00c3\u00bcller\u2019s office went well &amp; would go on. "
             "Officials met in Seoul on Tuesday. Leave a Reply\n\n")


def engines(window: int) -> tuple[Engine, Engine]:
    return Engine(CleanerConfig(corpus_knowledge=False)), Engine(CleanerConfig(corpus_knowledge=False,
                                                                              window_chars=window))


def test_window_ends_prefer_blank_lines_then_lines_then_sentences_then_spaces():
    assert window_ends("aaaa\n\nbbbb\ncc", 10) == [6, 13]
    assert window_ends("aaaaaa\nbb cc", 10) == [7, 12]
    assert window_ends("aaaaa. bb cc", 10) == [7, 12]
    assert window_ends("aaaaa bbbbbb", 10) == [6, 12]
    assert window_ends("aaaa\nbbbbbbbb", 10) == [10, 13]  # boundaries count only in a window's second half
    assert window_ends("x" * 25, 10) == [10, 20, 25]
    assert window_ends("xe\u0301" * 6, 8) == [7, 15, 18]  # never before a combining mark
    assert window_ends("short", 10) == [5]


def test_windowed_cleaning_gives_the_edits_of_whole_cleaning():
    text = PARAGRAPH * 40
    whole, windowed = engines(500)
    a, b = whole.clean_one(text, "d"), windowed.clean_one(text, "d")
    assert len(window_ends(text, 500)) > 5
    assert b.text == a.text != text
    assert [(c.rule, c.start, c.end, c.after, c.status) for c in b.changes] == \
           [(c.rule, c.start, c.end, c.after, c.status) for c in a.changes]
    assert b.profile.kinds == a.profile.kinds
    assert {r: n.applied for r, n in b.counters.items()} == {r: n.applied for r, n in a.counters.items()}
    assert [c.id for c in b.changes] == [f"e{n}" for n in range(1, len(b.changes) + 1)]


def test_windowed_log_reverts_and_replays_exactly(tmp_path):
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        result = engines(700)[1].clean_one(text, path.name)
        log = tmp_path / f"{path.name}.jsonl"
        with open(log, "w", encoding="utf-8") as fh:
            write_records(fh, result)
        entry = read_log(log)[path.name]
        assert revert(result.text, entry.applied) == text, path.name
        assert replay(text, entry.applied) == result.text, path.name
        assert engines(700)[1].clean_one(result.text, path.name).text == result.text  # idempotent too
