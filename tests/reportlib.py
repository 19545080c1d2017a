"""Helpers for the review tests: diff logs built by hand (any rule family, any status) and a browser."""
from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

from cleaner.difflog import change_record, dumps, sha256
from cleaner.edits import assign_out_offsets, line_col, replay
from cleaner.model import Change, Safety, Status

FAMILIES = {"MOJ": ("encoding", "mojibake"), "SEO": ("seo", "seo-boilerplate"), "SPN": ("spun", "spun-synonym"),
            "ASR": ("asr", "asr-mishearing")}

HOSTILE = ('Intro line.\n<script>window.__pwned = 1; document.title = "pwned"</script>\n'
           '<img src=x onerror="window.__pwned = 2; document.title = \'pwned\'">\n'
           '</textarea></script><!-- open comment\n<style>body{display:none}</style>\n'
           'The cafÃ© said so \U0001F600 and more cafÃ© here.\n'
           'Line with\u2028separator and </script><script>window.__pwned=5</script>.\n')


def edit(text: str, needle: str, after: str, rule: str = "MOJ001", *, nth: int = 0, status: str = "applied",
         safety: str = "safe", confidence: float = 1.0, message: str = "", evidence=()) -> dict:
    """An edit of the ``nth`` occurrence of ``needle`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return {"rule": rule, "start": start, "end": start + len(needle), "after": after, "status": status,
            "safety": safety, "confidence": confidence, "message": message or f"{needle!r} -> {after!r}",
            "evidence": tuple(evidence)}


def write_log(path: Path, docs: dict[str, tuple[str, list[dict]]]) -> dict[str, str]:
    """Write a diff log for ``docs`` (doc id -> (original, edits)); return doc id -> cleaned text."""
    lines, cleaned = [], {}
    for doc_id, (text, edits) in docs.items():
        changes = []
        for e in edits:
            family, name = FAMILIES.get(e["rule"][:3], ("other", "other-rule"))
            changes.append(Change(rule=e["rule"], start=e["start"], end=e["end"], before=text[e["start"]:e["end"]],
                                  after=e["after"], message=e["message"], safety=Safety(e["safety"]),
                                  status=Status(e["status"]), confidence=e["confidence"], evidence=e["evidence"],
                                  name=name, category=family, reason=name.replace("-", "_"), pass_no=1))
        changes.sort(key=lambda c: (c.start, c.end, c.status.value))
        assign_out_offsets(changes)
        for n, c in enumerate(changes, 1):
            c.id = f"e{n}"
            c.line, c.col = line_col(text, c.start)
        clean = replay(text, [c for c in changes if c.status is Status.APPLIED])
        cleaned[doc_id] = clean
        lines.append({"type": "document", "schema": 1, "doc": doc_id, "original_sha256": sha256(text),
                      "clean_sha256": sha256(clean), "original_length": len(text), "clean_length": len(clean),
                      "findings": [], "profile": [], "passes": 1, "converged": True, "rolled_back": "",
                      "warnings": [], "applied": sum(c.status is Status.APPLIED for c in changes),
                      "suggested": sum(c.status is Status.SUGGESTED for c in changes), "counters": {}})
        lines.extend(change_record(doc_id, c) for c in changes)
    Path(path).write_text("".join(dumps(r) + "\n" for r in lines), encoding="utf-8")
    return cleaned


WORDS = ("the minister said on tuesday that talks with the union would resume after the holiday while "
         "officials in the capital declined to comment on reports of a new agreement between both sides").split()


def synthetic_corpus(root: Path, n_docs: int, seed: int = 1, paragraphs: int = 6) -> dict[str, tuple[str, list]]:
    """``n_docs`` documents of plain prose, each with a few edits of four families; originals under ``root``."""
    rnd = random.Random(seed)
    docs = {}
    for i in range(n_docs):
        paras = []
        for _ in range(paragraphs):
            paras.append(" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(40, 90))).capitalize() + ".")
        paras.insert(rnd.randint(0, len(paras)), "Read more: click here to subscribe to our newsletter!")
        text = "\n\n".join(paras)
        text = text.replace(" officials ", " officiÃ¤ls ", 1).replace(" tuesday ", " tuesdey ", 1)
        edits = []
        if "officiÃ¤ls" in text:
            edits.append(edit(text, "officiÃ¤ls", "officiäls", "MOJ001"))
        edits.append(edit(text, "Read more: click here to subscribe to our newsletter!", "", "SEO001",
                          confidence=0.9, message="newsletter call to action"))
        if "tuesdey" in text:
            edits.append(edit(text, "tuesdey", "tuesday", "ASR002", status="suggested", safety="suggestion",
                              confidence=round(rnd.uniform(0.3, 0.95), 2), message="likely mis-transcription"))
        if " agreement " in text:
            edits.append(edit(text, "agreement", "accord", "SPN001", status="suggested", safety="unsafe",
                              confidence=0.6, message="spinner synonym", evidence=("corpus: accord x12",)))
        doc_id = f"batch{i // 1000:02d}/doc{i:05d}.txt"
        docs[doc_id] = (text, edits)
        p = root / doc_id
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return docs


# -- browser ---------------------------------------------------------------------------------------

def chromium_paths() -> tuple[str, str] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


def start_browser(download_dir: Path, width: int = 1400, height: int = 1000):
    """Headless Chromium (Debian's) driven by Selenium with Debian's chromedriver; downloads go to ``download_dir``."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser, driver = chromium_paths()
    opts = webdriver.ChromeOptions()
    opts.binary_location = browser
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                f"--window-size={width},{height}", "--no-first-run", "--disable-extensions",
                "--force-device-scale-factor=1"):
        opts.add_argument(arg)
    opts.add_experimental_option("prefs", {"download.default_directory": str(download_dir),
                                           "download.prompt_for_download": False,
                                           "safebrowsing.enabled": False})
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service(driver, env=dict(os.environ)), options=opts)
    drv.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(download_dir)})
    return drv
