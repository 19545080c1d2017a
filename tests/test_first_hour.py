"""A newcomer's first hour (issue 17): set-up, formats, messages, and the rough edges they hit.

Each test is one thing a new user tried and what they should see: a clear message naming the file
and what to do instead, never a silent no-op or a silently ignored option. The review report's
rough edges are checked in a real browser in ``test_report_browser.py``.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.config import CleanerConfig, ConfigError
from cleaner.engine import Engine

from .conftest import ROOT, SAMPLES

DAMAGED = "The caf\u00c3\u00a9 opened on Monday, and the the mayor spoke.\n"


def cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- set-up -------------------------------------------------------------------------------------

def test_make_run_creates_and_uses_a_local_virtualenv():
    make = shutil.which("make")
    if make is None:
        pytest.skip("make not installed")
    plan = subprocess.run([make, "-n", "-B", "run"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "-m venv .venv" in plan  # a system Python that refuses pip installs still works
    assert ".venv/bin/python -m pip install" in plan and ".venv/bin/python -m cleaner clean samples" in plan
    plan = subprocess.run([make, "-n", "-B", "test", "VENV="], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout
    assert "-m venv" not in plan and '-m pytest -m "not slow"' in plan  # VENV= : the Python you manage
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and ".venv" in readme and "First ten minutes" in readme


@pytest.mark.slow
def test_make_install_into_a_fresh_virtualenv(tmp_path):
    """The README's first command on a bare virtualenv: it installs cleaner there and runs it."""
    make = shutil.which("make")
    if make is None:
        pytest.skip("make not installed")
    venv = tmp_path / "venv"
    ran = subprocess.run([make, "install", f"VENV={venv}", f"PYTHON={sys.executable}"], cwd=ROOT,
                         capture_output=True, text=True, timeout=900)
    assert ran.returncode == 0, ran.stderr
    out = subprocess.run([venv / "bin" / "cleaner", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and "version" in out.stdout


def test_ci_runs_the_readme_test_command_and_the_slow_tests():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test " in ci and "make test-slow" in ci


# -- formats --------------------------------------------------------------------------------------

def test_a_jsonl_file_is_read_as_jsonl_without_format(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    record = {"id": "a", "body": DAMAGED, "title": "the the title"}
    write(tmp_path / "c.jsonl", json.dumps(record) + "\n")
    ran = cli("clean", "c.jsonl", "-o", "o.jsonl", "--text-field", "body", "--log", "log.jsonl")
    assert ran.exit_code == 0, ran.stderr
    out = json.loads((tmp_path / "o.jsonl").read_text(encoding="utf-8"))
    assert out["body"] == "The café opened on Monday, and the mayor spoke.\n"
    assert out["title"] == "the the title"  # only the text field is cleaned, not the JSON around it


def test_a_field_option_on_text_input_is_an_error_not_ignored(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "notes.txt", DAMAGED)
    ran = cli("clean", "notes.txt", "-o", "out.txt", "--text-field", "body")
    assert ran.exit_code == 2 and "notes.txt is read as text" in ran.stderr and "--format jsonl" in ran.stderr
    assert not (tmp_path / "out.txt").exists()


def test_a_folder_mixing_text_and_jsonl_asks_which_is_meant(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "in" / "a.txt", DAMAGED)
    write(tmp_path / "in" / "b.jsonl", json.dumps({"text": DAMAGED}) + "\n")
    ran = cli("clean", "in", "-o", "out")
    assert ran.exit_code == 2 and "mix formats" in ran.stderr and "--format" in ran.stderr
    assert cli("clean", "in", "-o", "out", "--format", "text", "-q").exit_code == 0


def test_a_null_text_is_skipped_with_a_warning_even_when_strict(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    lines = json.dumps({"id": "a", "text": DAMAGED}) + "\n" + '{"id": "b", "text": null, "k": 1}\n'
    write(tmp_path / "c.jsonl", lines)
    for on_error in ("skip", "stop"):
        ran = cli("clean", "c.jsonl", "-o", f"{on_error}.jsonl", "--on-error", on_error)
        assert ran.exit_code == 0, ran.stderr
        assert "c.jsonl:2: 'text' is null; record copied unchanged" in ran.stderr and "1 skipped" in ran.stderr
        assert (tmp_path / f"{on_error}.jsonl").read_text(encoding="utf-8").split("\n")[1] == \
            '{"id": "b", "text": null, "k": 1}'


def test_the_output_folder_may_not_be_the_input_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "d" / "a.txt", DAMAGED)
    ran = cli("clean", "d", "-o", "d")
    assert ran.exit_code == 2 and "the output folder is the input folder" in ran.stderr
    assert (tmp_path / "d" / "a.txt").read_text(encoding="utf-8") == DAMAGED


# -- re-applying a subset ------------------------------------------------------------------------

def test_a_bare_edit_id_over_several_documents_is_ambiguous(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("a.txt", "b.txt"):
        write(tmp_path / "in" / name, DAMAGED)
    assert cli("clean", "in", "-o", "out", "--log", "log.jsonl", "-q").exit_code == 0
    ran = cli("apply", "in", "--log", "log.jsonl", "-o", "again", "--exclude-edit", "e1")
    assert ran.exit_code == 2 and "2 documents have an e1" in ran.stderr and "a.txt:e1" in ran.stderr
    assert not (tmp_path / "again").exists()
    ran = cli("apply", "in", "--log", "log.jsonl", "-o", "again", "--exclude-edit", "a.txt:e1")
    assert ran.exit_code == 0, ran.stderr
    assert (tmp_path / "again" / "a.txt").read_text(encoding="utf-8").startswith("The cafÃ©")  # e1 left out ...
    assert (tmp_path / "again" / "b.txt").read_text(encoding="utf-8").startswith("The café")  # ... there only
    ran = cli("apply", "in/a.txt", "--log", "log.jsonl", "-o", "one.txt", "--exclude-edit", "e1")
    assert ran.exit_code == 0, ran.stderr  # one file given: its own e1


# -- messages --------------------------------------------------------------------------------------

def test_rules_lists_a_family_by_its_prefix_and_never_cuts_a_word():
    ran = cli("rules", "SPC")
    assert ran.exit_code == 0
    codes = [line.split()[0] for line in ran.stdout.splitlines()]
    assert codes and all(c.startswith("SPC") for c in codes)
    full = {r["code"]: r["message"] for r in json.loads(cli("rules", "--json").stdout)}
    for line in cli("rules").stdout.splitlines():
        code = line.split()[0]
        shown = line.split(" preview  " if " preview  " in line else " stable   ")[-1].split(" (requires")[0].strip()
        if shown.endswith("…"):  # cut: at a word boundary of the full message
            kept = shown[:-1]
            assert full[code].startswith(kept) and full[code][len(kept)] == " ", (code, shown)
        else:
            assert shown == full[code], code
    assert "before a word beginning with the same…" in cli("rules", "ASR").stdout
    assert cli("rules", "NOPE").exit_code == 2


def test_rules_into_a_closed_pipe_is_quiet():
    ran = subprocess.run(f"{sys.executable} -m cleaner rules | head -1", shell=True, capture_output=True, text=True)
    assert ran.stdout.startswith("ASR001") and "Broken pipe" not in ran.stderr


def test_config_errors_name_options_as_they_are_written(tmp_path):
    config = write(tmp_path / ".cleaner.toml", "max-pases = 3\n")
    with pytest.raises(ConfigError) as err:
        CleanerConfig.from_file(config, table=None)
    assert "did you mean 'max-passes'?" in str(err.value) and "window-chars" in str(err.value)
    assert "max_passes" not in str(err.value)


def test_an_unwritable_log_names_the_log(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.txt", DAMAGED)
    write(tmp_path / "afile", "x")
    ran = cli("clean", "a.txt", "-o", "out.txt", "--log", "afile/log.jsonl")
    assert ran.exit_code == 2
    assert "afile/log.jsonl: cannot write the diff log here: afile is a file" in ran.stderr and ".run" not in ran.stderr
    assert not (tmp_path / "out.txt").exists()


def test_in_place_without_a_log_warns_that_nothing_can_be_reverted(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.txt", DAMAGED)
    ran = cli("clean", "a.txt", "--in-place")
    assert ran.exit_code == 0 and "--in-place without --log keeps no diff log" in ran.stderr
    write(tmp_path / "a.txt", DAMAGED)
    assert "warning" not in cli("clean", "a.txt", "--in-place", "--quiet").stderr  # the pre-commit hook's way


# -- pre-commit scope ------------------------------------------------------------------------------

def test_the_hooks_run_on_prose_files_only():
    identify = pytest.importorskip("identify.identify")
    for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")):
        wanted = set(hook["types_or"])
        def runs_on(name):
            return bool(wanted & identify.tags_from_filename(name))
        assert runs_on("notes.txt") and runs_on("README.md") and runs_on("guide.rst"), hook["id"]
        assert not any(runs_on(n) for n in ("app.py", "page.html", "config.yaml", "data.json")), hook["id"]


def test_entities_in_markup_files_and_in_code_are_kept():
    text = "# Escaping\n\nWrite `&lt;b&gt;` to show a tag.\n\n```html\n<p>Tom &amp; Jerry</p>\n```\n\nTom &amp; Jerry.\n"
    engine = Engine(CleanerConfig(select=("MOJ",)))
    assert engine.clean_one(text, "notes.txt").text == text.replace("Tom &amp; Jerry.", "Tom & Jerry.")  # code kept
    for name in ("guide.md", "page.html", "docs/intro.rst"):
        assert engine.clean_one(text, name).text == text, name  # entities are how Markdown writes "&" and "<"
    assert engine.clean_one("Caf\u00c3\u00a9 &amp; co\n", "a.md").text == "Café &amp; co\n"  # mojibake still goes


# -- the review report -------------------------------------------------------------------------------

def test_a_report_source_that_matches_nothing_is_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(SAMPLES, tmp_path / "in")
    assert cli("clean", "in", "-o", "out", "--log", "log.jsonl", "-q").exit_code == 0
    write(tmp_path / "elsewhere" / "other.txt", "x\n")
    ran = cli("report", "log.jsonl", "--source", "elsewhere", "-o", "r.html")
    assert ran.exit_code == 2 and "none of the 4 documents" in ran.stderr and "000_" in ran.stderr
    assert not (tmp_path / "r.html").exists()
    assert cli("report", "log.jsonl", "--source", "in", "-o", "r.html").exit_code == 0
