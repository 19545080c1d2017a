"""The modelled spinner reversal (SPN401, SPN402), the one spun score, and the spun-article figures.

The article figures are floors measured when issue 13 was worked (scripts/eval_spun_articles.py):
a change that repairs less, or damages more, of the frozen hand-spun articles fails here.
"""
from __future__ import annotations

import sys
from pathlib import Path

from cleaner.config import CleanerConfig
from cleaner.corpus import learn
from cleaner.detectors.spun import SpunDetector
from cleaner.engine import Engine
from cleaner.kinds import compile_rules
from cleaner.model import Document, Profile, Safety
from cleaner.spinner.ngrams import NAME, PairModel, PairSketch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import eval_spun_articles  # noqa: E402

from .conftest import SAMPLES  # noqa: E402


def propose(registry, code, text, corpus=None):
    doc = Document(text, "t", Profile.forcing(["spun"]), corpus)
    return [e for m in compile_rules([registry.rules[code]]) for e in m.propose(doc)]


def test_sketch_never_vouches_for_the_document_itself():
    text = "The Safety Council met. The Safety Council voted."
    sketch = PairSketch()
    sketch.add_text(text)
    assert sketch.count("safety council") == 2
    assert PairModel(sketch, own_text=text).corpus_count("safety council") == 0


def test_corpus_pairs_add_evidence_from_other_documents():
    docs = [(f"d{i}", f"The Security Council met on day {i}.") for i in range(3)]  # exact copies count once
    docs.append(("spun", "The Safety Council met on Monday."))
    knowledge = learn(docs)
    model = PairModel(knowledge.get(NAME), own_text=docs[-1][1])
    assert model.corpus_count("security council") >= 3 and model.corpus_count("safety council") == 0


def test_lexicon_habit_applied_only_with_context_on_both_sides(registry):
    [edit] = propose(registry, "SPN401", "The two countries agreed to work intently with Moscow.")
    assert (edit.after, edit.safety) == ("closely", Safety.SAFE)
    [edit] = propose(registry, "SPN401", "They agreed to work intently.")  # nothing on the right: too little context
    assert edit.safety is Safety.SUGGESTION


def test_subject_of_a_reporting_verb_is_left_alone(registry):
    assert propose(registry, "SPN401", "The army said it had repelled the attack.") == []


def test_institution_repaired_to_a_known_name_only(registry):
    [edit] = propose(registry, "SPN402", "Officials from the European Fee arrived on Monday.")
    assert edit.after == "European Commission" and edit.safety is Safety.SAFE
    assert propose(registry, "SPN402", "The Parliament Home and the Green Party stood.") == []
    assert propose(registry, "SPN402", "Officials from the European Commission arrived.") == []
    assert propose(registry, "SPN402", "The National Bank and the International Bank lent more.") == []
    assert propose(registry, "SPN402", "Shares in Federal Deposit Insurance Corp fell.") == []


def test_clean_documents_never_load_the_thesaurus():
    engine = Engine(CleanerConfig(select=("SPN401",)))
    matcher = engine.matchers[0]
    for path in sorted(SAMPLES.glob("*.txt")):
        if not path.name.startswith("004"):
            engine.clean_one(path.read_text(encoding="utf-8"), path.name)
    assert matcher._loaded is None


def test_one_score_flags_every_spun_article_and_no_clean_original():
    det = SpunDetector()
    for half in ("dev", "heldout"):
        for folder in sorted((eval_spun_articles.DATA / half).iterdir()):
            if folder.is_dir():
                original = det.detect(Document((folder / "original.txt").read_text(encoding="utf-8")))
                assert not (original and original.detected), folder.name


def test_spun_article_floors():
    engine = Engine(CleanerConfig(select=("SPN",)))
    report = {}
    for half in ("dev", "heldout"):
        folders = sorted(p for p in (eval_spun_articles.DATA / half).iterdir() if p.is_dir())
        report[half] = eval_spun_articles.evaluate(engine, folders, False, False)
    assert report["dev"]["recall"] >= 0.28 and report["dev"]["precision"] >= 0.93, report["dev"]
    assert report["heldout"]["recall"] >= 0.21 and report["heldout"]["precision"] >= 0.92, report["heldout"]


def test_lexicon_vetoes_hold_in_spn401(registry):
    """assist -> support is a lexicon habit, but its row forbids football context."""
    assert propose(registry, "SPN401", "The substitutes provided the assist for the equaliser late on.") == []


def test_one_tortured_fingerprint_flags_a_paragraph():
    from cleaner.detectors.tortured import TorturedDetector

    finding = TorturedDetector().detect(Document("We train a model with counterfeit consciousness on sensor data."))
    assert finding is not None and finding.detected


def test_spun_score_flags_most_spun_articles():
    det = SpunDetector()
    spun = [p / "spun.txt" for half in ("dev", "heldout") for p in sorted((eval_spun_articles.DATA / half).iterdir())
            if p.is_dir()]
    flagged = sum(bool((f := det.detect(Document(p.read_text(encoding="utf-8")))) and f.detected) for p in spun)
    assert flagged >= len(spun) - 2, flagged
