"""Properties of the whole engine on arbitrary text (hypothesis).

For any text x: revert(clean(x)) == x, apply(x, log) == clean(x), clean(clean(x)) == clean(x),
and the same after the log goes through its JSONL form.
"""
from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings, strategies as st

from cleaner.difflog import read_log, write_records
from cleaner.edits import replay, revert

# Fragments that trigger rules, mixed with arbitrary text, so the properties meet real edits.
DAMAGE = ["cafÃ©", "â€™", "&amp;", "&#8217;", "\u200b", "\u00ad", "\x00", "\x1b[1m", "\u2003", "\u2028", "\ufffd",
          "the the ", "uh ", "um, ", "See also ", "\r\n", "\n\n", "  ", "Leave a Reply\n", "mentioned ",
          "international locations ", "costingmore ", "Soul ", "\ufeff", "e\u0301", "😀", "👩\u200d💻"]
texts = st.lists(st.one_of(st.text(max_size=12), st.sampled_from(DAMAGE)), max_size=14).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(x=texts)
def test_clean_is_reversible_replayable_and_idempotent(engine, x):
    result = engine.clean_one(x)
    assert revert(result.text, result.changes) == x
    assert replay(x, result.applied) == result.text
    assert engine.clean_one(result.text).text == result.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(x=texts)
def test_log_roundtrips_through_jsonl(engine, tmp_path_factory, x):
    result = engine.clean_one(x, "doc")
    buf = io.StringIO()
    write_records(buf, result)
    path = tmp_path_factory.mktemp("log") / "log.jsonl"
    path.write_text(buf.getvalue(), encoding="utf-8")
    entry = read_log(path)["doc"]
    assert revert(result.text, entry.changes) == x
    assert replay(x, entry.applied) == result.text
