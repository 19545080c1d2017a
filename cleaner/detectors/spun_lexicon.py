"""Spin evidence from the spinner lexicon (one of the two inputs of the `spun` detector's score).

Counts, per 1,000 words, the rows of ``rules/lexicons/spun_synonyms.tsv`` that match with their
guards holding: marker phrases weigh 1, context phrases 0.4, guarded ambiguous words 0.2 (an
honest text can hold a few of the latter, a spun one holds dozens). The verdict and its
thresholds live in ``cleaner/detectors/spun.py``: one score gates every SPN pack.
"""
from __future__ import annotations

import re

from ..lexicon import detector_lexicon
from ..spinner.lexicon import load

WORD = re.compile(r"\w+")
WEIGHTS = {"marker": 1.0, "phrase": 0.4, "word": 0.2}


def spin_evidence(text: str) -> tuple[float, dict[str, dict[str, int]]]:
    """(weighted hits per 1,000 words, {kind: {spun form: count}}).

    >>> score, found = spin_evidence("Talks with international locations stalled final 12 months.")
    >>> sorted(found["marker"]), score > 100
    (['final 12 months', 'international locations'], True)
    """
    path = detector_lexicon("spun_synonyms.tsv")
    found: dict[str, dict[str, int]] = {kind: {} for kind in WEIGHTS}
    weighted = 0.0
    for m in load(path).find(text):  # one pass over all rows: each position is judged once
        forms = found[m.entry.kind]
        key = m.entry.spun.lower()
        forms[key] = forms.get(key, 0) + 1
        weighted += WEIGHTS[m.entry.kind]
    words = max(len(WORD.findall(text)), 1)
    return 1000 * weighted / words, found
