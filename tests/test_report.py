"""Review without a browser: the report file, decisions, apply --decisions, stats, coloured diffs."""
from __future__ import annotations

import io
import json
import re

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.difflog import read_log
from cleaner.edits import replay
from cleaner.model import Status
from cleaner.report.data import utf16_offsets
from cleaner.report.decisions import Decisions, file_sha256

from .conftest import SAMPLES
from .reportlib import HOSTILE, edit, synthetic_corpus, write_log


def cli(*args, code=0):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


def page_data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="cleaner-data">(.*?)</script>', html, re.S)
    return json.loads(m.group(1))


@pytest.fixture
def corpus(tmp_path):
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    text = "Le cafÃ© said &amp; so.\nThe  end \U0001F600 cafÃ© now.\n"
    docs = {
        "sub/a.txt": (text, [
            edit(text, "cafÃ©", "café", "MOJ001"),
            edit(text, "&amp;", "&", "MOJ002"),
            edit(text, "  ", " ", "MOJ009", status="suggested", safety="unsafe", confidence=0.8),
            edit(text, "cafÃ©", "café", "MOJ001", nth=1),
            edit(text, "now", "today", "SPN001", status="suggested", safety="suggestion", confidence=0.5),
            edit(text, "now", "then", "SPN002", status="suggested", safety="suggestion", confidence=0.4),
        ]),
        "hostile.txt": (HOSTILE, [edit(HOSTILE, "cafÃ©", "<script>alert(1)</script>", "MOJ001",
                                       message="</script><img src=x onerror=alert(2)>")]),
        "plain.txt": ("Nothing to do.\n", []),
    }
    for doc_id, (t, _) in docs.items():
        (src / doc_id).write_text(t, encoding="utf-8")
    log = tmp_path / "log.jsonl"
    cleaned = write_log(log, docs)
    return {"src": src, "log": log, "docs": docs, "cleaned": cleaned, "tmp": tmp_path}


# -- the report file ---------------------------------------------------------------------------

def test_report_is_self_contained_and_escaped(corpus, tmp_path):
    out = tmp_path / "r.html"
    result = cli("report", corpus["log"], "--source", corpus["src"], "-o", out)
    assert "2 of 3 documents have edits" in result.output
    html = out.read_text(encoding="utf-8")
    # nothing from the network: no external URL anywhere, a CSP that forbids loading anything
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)
    assert "<link" not in html and "@import" not in html and "url(" not in html
    assert "default-src 'none'" in html
    # document text cannot close the data block or add markup: exactly our two scripts, no img
    assert html.count("<script") == 2 and html.count("</script>") == 2
    assert "<img" not in html and "onerror" not in html.split('id="cleaner-data">')[0]
    assert "\u2028" not in html and "\u2029" not in html
    data = page_data(html)
    hostile = next(d for d in data["docs"] if d["id"] == "hostile.txt")
    assert hostile["t"] == HOSTILE and hostile["ed"][0]["a"] == "<script>alert(1)</script>"
    assert {d["id"] for d in data["docs"]} == {"sub/a.txt", "hostile.txt"}  # unchanged docs are only counted
    assert data["documents"] == 3 and data["status"] == {"applied": 4, "suggested": 3}
    assert data["log_sha256"] == file_sha256(corpus["log"])


def test_report_offsets_are_utf16(corpus, tmp_path):
    out = tmp_path / "r.html"
    cli("report", corpus["log"], "--source", corpus["src"], "-o", out)
    doc = next(d for d in page_data(out.read_text(encoding="utf-8"))["docs"] if d["id"] == "sub/a.txt")
    as_js = doc["t"].encode("utf-16-le")
    for e in doc["ed"]:  # what JavaScript's text.slice(s, e) returns
        assert as_js[2 * e["s"]:2 * e["e"]].decode("utf-16-le") == e["b"]
    f = utf16_offsets("\U0001F600x")
    assert (f(0), f(1), f(2)) == (0, 2, 3)


def test_report_without_source_and_from_clean_output(corpus, tmp_path):
    out = tmp_path / "r.html"
    result = cli("report", corpus["log"], "-o", out)
    assert "2 shown from the log alone" in result.output
    data = page_data(out.read_text(encoding="utf-8"))
    assert all(d["t"] is None and d["o"] == "log" and "no --source" in d["note"] for d in data["docs"])
    # from the cleaned files: originals rebuilt with the log
    clean = tmp_path / "clean"
    for doc_id, text in corpus["cleaned"].items():
        (clean / doc_id).parent.mkdir(parents=True, exist_ok=True)
        (clean / doc_id).write_text(text, encoding="utf-8")
    cli("report", corpus["log"], "--clean", clean, "-o", out)
    data = page_data(out.read_text(encoding="utf-8"))
    assert {d["o"] for d in data["docs"]} == {"clean"}
    assert next(d for d in data["docs"] if d["id"] == "hostile.txt")["t"] == HOSTILE
    # a changed source file: the doc falls back to the log alone, with a note saying why
    (corpus["src"] / "hostile.txt").write_text("something else\n", encoding="utf-8")
    cli("report", corpus["log"], "--source", corpus["src"], "-o", out)
    hostile = next(d for d in page_data(out.read_text(encoding="utf-8"))["docs"] if d["id"] == "hostile.txt")
    assert hostile["t"] is None and "not the original" in hostile["note"]


def test_report_from_jsonl_source(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": 1, "text": "Le caf\\u00c3\\u00a9 ok"}\n{"id": 2, "text": "fine"}\n', encoding="utf-8")
    log = tmp_path / "log.jsonl"
    cli("clean", corpus, "--format", "jsonl", "-o", tmp_path / "out.jsonl", "--log", log, "-q")
    out = tmp_path / "r.html"
    cli("report", log, "--source", corpus, "-o", out)
    data = page_data(out.read_text(encoding="utf-8"))
    assert [d["o"] for d in data["docs"]] == ["source"] and data["docs"][0]["t"] == "Le cafÃ© ok"


def test_report_of_the_samples(tmp_path):
    log = tmp_path / "log.jsonl"
    cli("clean", SAMPLES, "-o", tmp_path / "clean", "--log", log, "-q")
    out = tmp_path / "r.html"
    cli("report", log, "--source", SAMPLES, "-o", out)
    data = page_data(out.read_text(encoding="utf-8"))
    assert data["documents"] == len(list(SAMPLES.glob("*.txt"))) and data["unresolved"] == 0


def test_report_size_grows_with_changed_documents_only(tmp_path):
    docs = synthetic_corpus(tmp_path / "src", 200)
    write_log(tmp_path / "log.jsonl", docs)
    out = tmp_path / "r.html"
    cli("report", tmp_path / "log.jsonl", "--source", tmp_path / "src", "-o", out)
    size = out.stat().st_size
    text_bytes = sum(len(t.encode()) for t, _ in docs.values())
    assert text_bytes < size < text_bytes * 1.6 + 120_000


# -- decisions ---------------------------------------------------------------------------------

def test_decisions_precedence():
    d = Decisions.from_json({"rules": {"MOJ": "reject", "MOJ002": "accept"},
                             "decisions": {"x": {"e1": "accept"}}})
    from cleaner.model import Change, Safety

    mk = lambda rule, id_, status=Status.APPLIED: Change(rule, 0, 1, "a", "b", "", Safety.SAFE, status, id=id_)  # noqa: E731
    assert d.verdict("x", mk("MOJ001", "e1")) == ("accept", "edit")
    assert d.verdict("x", mk("MOJ001", "e2")) == ("reject", "rule MOJ")
    assert d.verdict("x", mk("MOJ002", "e3")) == ("accept", "rule MOJ002")
    assert d.verdict("x", mk("SPN001", "e4", Status.SUGGESTED)) == ("reject", "default")
    assert d.verdict("x", mk("SPN001", "e5", Status.APPLIED)) == ("accept", "default")


@pytest.mark.parametrize("bad, message", [
    ([], "JSON object"), ({"schema": 9}, "schema 9"), ({"rules": {"MOJ": "yes"}}, "rules.MOJ"),
    ({"decisions": {"a": ["e1"]}}, "must map edit ids"), ({"decisions": {"a": {"e1": 1}}}, "decisions['a'].e1"),
])
def test_bad_decisions_are_clear_errors(tmp_path, corpus, bad, message):
    path = tmp_path / "d.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    result = cli("apply", corpus["src"], "--log", corpus["log"], "--decisions", path, "-o", tmp_path / "o", code=2)
    assert message in result.output and str(path) in result.output


def _expected(corpus, keep) -> dict[str, str]:
    out = {}
    for doc_id, entry in read_log(corpus["log"]).items():
        original = (corpus["src"] / doc_id).read_text(encoding="utf-8")
        out[doc_id] = replay(original, [c for c in entry.changes if keep(doc_id, c)])
    return out


def test_apply_decisions_folder_and_new_log(corpus, tmp_path):
    dec = tmp_path / "d.json"
    dec.write_text(json.dumps({"schema": 1, "log_sha256": file_sha256(corpus["log"]), "rules": {"MOJ002": "reject"},
                               "decisions": {"sub/a.txt": {"e1": "reject", "e6": "accept"}}}), encoding="utf-8")
    out, new_log = tmp_path / "out", tmp_path / "new.jsonl"
    result = cli("apply", corpus["src"], "--log", corpus["log"], "--decisions", dec, "-o", out, "--log-out", new_log)
    assert "1 accepted suggestion" in result.output and "2 rejected" in result.output
    ids = {c.id: c for c in read_log(corpus["log"])["sub/a.txt"].changes}
    assert ids["e1"].before == "cafÃ©" and ids["e6"].after in ("today", "then")
    want = _expected(corpus, lambda d, c: (c.status is Status.APPLIED and c.rule != "MOJ002"
                                           and not (d == "sub/a.txt" and c.id == "e1"))
                     or (d == "sub/a.txt" and c.id == "e6"))
    for doc_id, text in want.items():
        assert (out / doc_id).read_text(encoding="utf-8") == text
    # the new log: revert rebuilds the originals; applying it with no decisions gives the same output
    cli("revert", out, "--log", new_log, "-o", tmp_path / "back")
    for doc_id in want:
        assert (tmp_path / "back" / doc_id).read_bytes() == (corpus["src"] / doc_id).read_bytes()
    cli("apply", corpus["src"], "--log", new_log, "--log-out", tmp_path / "again.jsonl", "-o", tmp_path / "again")
    for doc_id, text in want.items():
        assert (tmp_path / "again" / doc_id).read_text(encoding="utf-8") == text
    recs = [json.loads(line) for line in new_log.read_text(encoding="utf-8").splitlines()]
    reviews = {(r["doc"], r["id"]): (r["status"], r["review"], r["review_by"]) for r in recs if r["type"] == "edit"}
    assert reviews[("sub/a.txt", "e1")] == ("suggested", "rejected", "edit")
    assert reviews[("sub/a.txt", "e2")] == ("suggested", "rejected", "rule MOJ002")
    assert reviews[("sub/a.txt", "e6")] == ("applied", "accepted", "edit")
    assert reviews[("sub/a.txt", "e4")] == ("applied", "accepted", "default")


def test_apply_no_decisions_is_clean_output_and_single_file(corpus, tmp_path):
    dec = tmp_path / "d.json"
    dec.write_text("{}", encoding="utf-8")
    cli("apply", corpus["src"], "--log", corpus["log"], "--decisions", dec, "-o", tmp_path / "out")
    for doc_id, text in corpus["cleaned"].items():
        assert (tmp_path / "out" / doc_id).read_text(encoding="utf-8") == text
    dec.write_text(json.dumps({"rules": {"MOJ001": "reject"}}), encoding="utf-8")
    cli("apply", corpus["src"] / "hostile.txt", "--log", corpus["log"], "--decisions", dec, "-o", tmp_path / "h.txt")
    assert (tmp_path / "h.txt").read_text(encoding="utf-8") == HOSTILE


def test_apply_refuses_overlaps_other_logs_and_unknown_edits(corpus, tmp_path):
    dec = tmp_path / "d.json"
    dec.write_text(json.dumps({"decisions": {"sub/a.txt": {"e5": "accept", "e6": "accept"}}}), encoding="utf-8")
    result = cli("apply", corpus["src"], "--log", corpus["log"], "--decisions", dec, "-o", tmp_path / "o", code=2)
    assert "overlap" in result.output and "e5" in result.output and "e6" in result.output
    assert not (tmp_path / "o").exists()  # nothing written
    dec.write_text(json.dumps({"log_sha256": "0" * 64}), encoding="utf-8")
    result = cli("apply", corpus["src"], "--log", corpus["log"], "--decisions", dec, "-o", tmp_path / "o", code=2)
    assert "another diff log" in result.output
    dec.write_text(json.dumps({"decisions": {"sub/a.txt": {"e99": "reject"}}}), encoding="utf-8")
    result = cli("apply", corpus["src"], "--log", corpus["log"], "--decisions", dec, "-o", tmp_path / "o", code=2)
    assert "no edit e99" in result.output
    dec.write_text(json.dumps({"decisions": {"nope.txt": {"e1": "reject"}}}), encoding="utf-8")
    result = cli("apply", corpus["src"], "--log", corpus["log"], "--decisions", dec, "-o", tmp_path / "o", code=2)
    assert "'nope.txt' is not in the diff log" in result.output


def test_exclude_options_still_work_with_decisions(corpus, tmp_path):
    dec = tmp_path / "d.json"
    dec.write_text(json.dumps({"rules": {"MOJ001": "accept"}}), encoding="utf-8")
    cli("apply", corpus["src"], "--log", corpus["log"], "--decisions", dec, "--exclude-rule", "MOJ001",
        "-o", tmp_path / "o")
    assert (tmp_path / "o" / "hostile.txt").read_text(encoding="utf-8") == HOSTILE


# -- stats and the terminal diff -----------------------------------------------------------------

def test_stats_formats(corpus):
    table = cli("stats", corpus["log"]).output
    assert "Edits by rule" in table and "MOJ001" in table and "SPN002" in table
    data = json.loads(cli("stats", corpus["log"], "--format", "json").output)
    assert data["by_status"] == {"applied": 4, "suggested": 3}  # summarize()'s keys are kept
    assert data["rules"]["MOJ001"]["applied"] == 3 and data["families"]["spun"]["suggested"] == 2
    md = cli("stats", corpus["log"], "--format", "markdown").output
    assert md.startswith("## Text cleaning") and "| `MOJ009` | mojibake | encoding | 0 | 1 | 1 |" in md


def test_check_diff_is_plain_when_piped_and_coloured_on_a_terminal(tmp_path):
    from rich.console import Console

    from cleaner.cli import unified_diff
    from cleaner.report.terminal import print_diff

    f = tmp_path / "a.txt"
    f.write_text("Le cafÃ© Krem\u200blin\n-- not a header\nsame\n", encoding="utf-8")
    plain = cli("check", "--diff", f, code=1).output
    assert "\x1b[" not in plain and plain.startswith("--- a/")
    buf = io.StringIO()
    print_diff(unified_diff(f.read_text(encoding="utf-8"), "Le café Kremlin\n-- not a header\nsame\n", "a.txt"),
               Console(file=buf, force_terminal=True, color_system="standard", width=120))
    out = buf.getvalue()
    assert "\x1b[" in out and "⟨ZWSP⟩" in out
    assert re.sub(r"\x1b\[[0-9;]*m", "", out).splitlines()[3] == "-Le cafÃ© Krem⟨ZWSP⟩lin"


def test_max_docs_embeds_a_subset_but_counts_everything(tmp_path):
    docs = synthetic_corpus(tmp_path / "src", 30)
    write_log(tmp_path / "log.jsonl", docs)
    out = tmp_path / "r.html"
    result = cli("report", tmp_path / "log.jsonl", "--source", tmp_path / "src", "-o", out, "--max-docs", "5")
    assert "30 of 30 documents have edits, 5 shown" in result.output
    data = page_data(out.read_text(encoding="utf-8"))
    assert len(data["docs"]) == 5 and data["with_edits"] == 30
    assert sum(r["applied"] + r["suggested"] for r in data["rules"].values()) == sum(len(e) for _, e in docs.values())
