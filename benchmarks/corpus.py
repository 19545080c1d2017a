"""Synthetic corpora for benchmarks and scale tests, built from text already in the repository.

* ``clean_documents``: news-like documents made by recombining sentences from ``samples/003``
  (a clean news article) and the licence texts in ``/usr/share/common-licenses`` (plain,
  carefully edited English), with a title line and paragraphs, some typographic quotes and a
  few accented names, as real news has.
* ``damage``: the same documents with the damage the rule families repair injected at random:
  mojibake, HTML entities, control and invisible characters, soft hyphens, typesetting spaces,
  line separators, boilerplate lines (share/subscribe/read-more), run-together and split words,
  letter-swap typos, repeated spaces, and ASR-style paragraphs (lower case, no punctuation).

Everything is seeded: the same arguments give the same corpus.
"""
from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
LICENCES = Path("/usr/share/common-licenses")
NAMES = ["José Manuel Barroso", "Zürich", "São Paulo", "François Hollande", "Angela Merkel", "Reykjavík",
         "Kraków", "Łódź", "Dvořák", "Müller", "Gdańsk", "Brontë", "Ángel Gurría", "Citroën"]
BOILERPLATE = ["Share this article", "Click here to subscribe to our newsletter", "Advertisement",
               "Read more: {title}", "Follow us on Twitter and Facebook", "Sign up for our daily briefing",
               "Related: {title}", "© 2024 All rights reserved."]
ENTITIES = {"&": "&amp;", "’": "&rsquo;", "“": "&ldquo;", "”": "&rdquo;", "—": "&mdash;", "é": "&eacute;"}
_SENT = re.compile(r"(?<=[.!?”])\s+(?=[A-Z“])")


def sentences() -> list[str]:
    """Sentences of samples/003 and the licence texts, whitespace normalised, 30-300 characters."""
    texts = [(ROOT / "samples" / "003_85d9fa60047eef0a.txt").read_text(encoding="utf-8")]
    if LICENCES.is_dir():
        for path in sorted(LICENCES.iterdir()):
            if path.is_file():
                texts.append(path.read_text(encoding="utf-8", errors="replace"))
    out: list[str] = []
    seen: set[str] = set()
    for text in texts:
        for para in re.split(r"\n\s*\n", text):
            for sent in _SENT.split(" ".join(para.split())):
                if 30 <= len(sent) <= 300 and sent[0].isupper() and sent[-1] in ".!?”" and sent not in seen \
                        and "\ufffd" not in sent and not re.search(r"\s{2,}|[<>{}|_=]", sent) \
                        and sum(c.isupper() for c in sent) < len(sent) / 4:
                    seen.add(sent)
                    out.append(sent)
    return out


def clean_document(rng: random.Random, pool: list[str], size: int) -> str:
    """One news-like document of about ``size`` characters."""
    title = rng.choice(pool).rstrip(".!?”")[:90].rstrip(" ,;:")
    paras: list[str] = [title]
    length = len(title)
    while length < size:
        sents = [rng.choice(pool) for _ in range(rng.randint(2, 5))]
        if rng.random() < 0.3:
            sents[0] = f"“{sents[0].rstrip('.')},” said {rng.choice(NAMES)}."
        if rng.random() < 0.2:
            sents.append(f"The talks in {rng.choice(NAMES)} continue on Tuesday’s agenda.")
        para = " ".join(sents)
        paras.append(para)
        length += len(para) + 1
    return "\n".join(paras) + "\n"


def clean_documents(total_chars: int, seed: int = 1, mean_size: int = 5000) -> Iterator[str]:
    """Clean documents until ``total_chars`` characters have been produced."""
    rng = random.Random(seed)
    pool = sentences()
    made = 0
    while made < total_chars:
        doc = clean_document(rng, pool, int(rng.uniform(0.4, 1.6) * mean_size))
        made += len(doc)
        yield doc


def _mojibake(s: str) -> str:
    try:
        return s.encode("utf-8").decode("cp1252")
    except UnicodeDecodeError:
        return s.encode("utf-8").decode("latin-1")


def _words(rng: random.Random, para: str, fn, rate: float) -> str:
    words = para.split(" ")
    return " ".join(fn(w) if len(w) > 4 and w.isalpha() and rng.random() < rate else w for w in words)


def damage(doc: str, rng: random.Random, intensity: int = 3) -> str:
    """``doc`` with ``intensity`` kinds of damage (of the twelve) injected in some of its paragraphs."""
    lines = doc.split("\n")
    title = lines[0]
    kinds = rng.sample(range(12), k=min(intensity, 12))
    body = lines[1:]
    for kind in kinds:
        idx = [i for i, p in enumerate(body) if p]
        if not idx:
            break
        targets = rng.sample(idx, k=max(1, len(idx) // 3))
        for i in targets:
            p = body[i]
            if kind == 0:  # mojibake of a paragraph with non-ASCII (add a name if it has none)
                if p.isascii():
                    p = p + f" {rng.choice(NAMES)} said so."
                p = _mojibake(p)
            elif kind == 1:
                p = "".join(ENTITIES.get(c, c) if rng.random() < 0.7 else c for c in p)
            elif kind == 2:
                p = _words(rng, p, lambda w: w[:2] + "\u200b" + w[2:], 0.05)
            elif kind == 3:
                p = _words(rng, p, lambda w: w[:3] + "\u00ad" + w[3:], 0.05)
            elif kind == 4:
                p = p.replace(" ", "\u2003", 2)
            elif kind == 5:
                p = p.replace(". ", ".\u2028", 1)
            elif kind == 6:
                p = p.replace(" ", " \x07", 1) + "\x1b[0m"  # (no NUL: a NUL makes a file binary)
            elif kind == 7:
                p = _words(rng, p, lambda w: w[:1] + w[2] + w[1] + w[3:], 0.04)  # letter swap typo
            elif kind == 8:
                words = p.split(" ")
                for _ in range(2):
                    j = rng.randrange(max(len(words) - 1, 1))
                    if j + 1 < len(words):
                        words[j:j + 2] = [words[j] + words[j + 1]]  # run-together words
                p = " ".join(words)
            elif kind == 9:
                p = _words(rng, p, lambda w: w[:len(w) // 2] + " " + w[len(w) // 2:], 0.03)  # split words
            elif kind == 10:
                p = p.replace(" ", "   ", 2)
            elif kind == 11:  # ASR-style: lower case, no punctuation
                p = re.sub(r"[^\w\s’']", "", p).lower()
            body[i] = p
        if kind == 11:
            pass
    if rng.random() < 0.5:  # boilerplate lines around the article
        at = rng.randrange(len(body) + 1)
        body.insert(at, rng.choice(BOILERPLATE).format(title=title))
        body.append(rng.choice(BOILERPLATE).format(title=title))
    return "\n".join([title, *body])


def damaged_documents(total_chars: int, seed: int = 2, mean_size: int = 5000) -> Iterator[str]:
    rng = random.Random(seed + 1000)
    for doc in clean_documents(total_chars, seed, mean_size):
        yield damage(doc, rng, rng.randint(2, 5))


def write_corpus(folder: Path, docs: Iterator[str], per_file: int = 1) -> list[Path]:
    """Write documents as text files (``per_file=1``) under ``folder``; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, doc in enumerate(docs):
        path = folder / f"doc{n:06d}.txt"
        path.write_text(doc, encoding="utf-8", newline="")
        paths.append(path)
    return paths
