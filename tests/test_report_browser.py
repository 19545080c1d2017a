"""The review loop in a real browser: report -> click reject/accept -> export -> cleaner apply --decisions.

Uses Debian's Chromium and chromedriver through Selenium (.ci/run installs them). Screenshots are
saved under tests/artifacts/ (git-ignored): report.png (the sample-like corpus with decisions made and
an edit's details open) and report-hostile.png.
"""
from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.difflog import read_log
from cleaner.edits import replay
from cleaner.model import Status

from .conftest import SAMPLES
from .reportlib import HOSTILE, chromium_paths, edit, start_browser, write_log

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

if os.environ.get("CI"):  # CI must really run these: .ci/run installs chromium, chromium-driver and selenium
    assert chromium_paths() is not None, "CI needs Debian's chromium and chromium-driver for the browser tests"
elif chromium_paths() is None:
    pytest.skip("chromium/chromedriver not installed (apt-get install chromium chromium-driver)",
                allow_module_level=True)
else:
    pytest.importorskip("selenium")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


def cli(*args):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    downloads = tmp_path_factory.mktemp("downloads")
    drv = start_browser(downloads)
    drv.downloads = downloads
    yield drv
    drv.quit()


def open_report(drv, path: Path):
    drv.get(path.as_uri())
    WebDriverWait(drv, 30).until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")


def js_errors(drv) -> list[str]:
    return [e["message"] for e in drv.get_log("browser") if e["level"] == "SEVERE"]


def click_edit(drv, doc_id: str, edit_id: str):
    sel = f'#docs article[data-id="{doc_id}"] .ed[data-id="{edit_id}"]'
    el = drv.find_element(By.CSS_SELECTOR, sel)
    drv.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
    el.click()
    WebDriverWait(drv, 5).until(lambda d: d.find_element(By.ID, "pop").is_displayed())
    return el


def export(drv) -> dict:
    for old in drv.downloads.glob("*"):
        old.unlink()
    drv.find_element(By.ID, "export").click()
    target = drv.downloads / "decisions.json"
    deadline = time.time() + 20
    while time.time() < deadline:
        if target.exists() and not list(drv.downloads.glob("*.crdownload")):
            try:
                return json.loads(target.read_text(encoding="utf-8"))
            except ValueError:
                pass  # still being written
        time.sleep(0.1)
    raise AssertionError(f"no decisions.json downloaded; have {list(drv.downloads.iterdir())}")


@pytest.fixture(scope="module")
def review(tmp_path_factory):
    """A corpus with the samples, a hostile document and a news article with edits of several families."""
    root = tmp_path_factory.mktemp("review")
    src = root / "src"
    shutil.copytree(SAMPLES, src)
    for p in src.rglob("*"):
        p.chmod(0o644)
    news = ("Le cafÃ© said &amp; the Krem\u200blin spokesman on Tuesdey.\n\n"
            + "An unchanged paragraph about the talks. " * 25 + "\n\n"
            + "Click here to subscribe to our newsletter!\n\nThe soft\u00adware was updated \U0001F600 and "
            "the accord was signed.\n" + "".join(f"Plain line {i}.\n" for i in range(30)) + "Last cafÃ© line.\n")
    docs = {
        "news/a.txt": (news, [
            edit(news, "cafÃ©", "café", "MOJ001", message="'cafÃ©' is mojibake; it reads 'café'"),
            edit(news, "&amp;", "&", "MOJ002", message="HTML entity '&amp;' in plain text"),
            edit(news, "\u200b", "", "MOJ004", message="invisible '\\u200b' removed"),
            edit(news, "Tuesdey", "Tuesday", "ASR002", status="suggested", safety="suggestion", confidence=0.55,
                 message="'Tuesdey' sounds like 'Tuesday'", evidence=("asr profile 0.91",)),
            edit(news, "Click here to subscribe to our newsletter!\n\n", "", "SEO001", confidence=0.9,
                 message="newsletter call to action"),
            edit(news, "\u00ad", "", "MOJ005", message="soft hyphen inside a word removed"),
            edit(news, "accord", "agreement", "SPN001", status="suggested", safety="unsafe", confidence=0.7,
                 message="'accord' is a spinner's synonym; the original reads 'agreement'"),
            edit(news, "cafÃ©", "café", "MOJ001", nth=1, message="'cafÃ©' is mojibake; it reads 'café'"),
        ]),
        "hostile.txt": (HOSTILE, [
            edit(HOSTILE, "cafÃ©", "café", "MOJ001"),
            edit(HOSTILE, "cafÃ©", "<img src=x onerror=\"window.__pwned=7\">", "MOJ001", nth=1,
                 message="<script>window.__pwned=8</script> message"),
            edit(HOSTILE, "\u2028", "\n", "MOJ007"),
            edit(HOSTILE, "</textarea>", "</script><b>x</b>", "SEO002", status="suggested", safety="suggestion",
                 confidence=0.4, message="</textarea><img src=x onerror=window.__pwned=9>",
                 evidence=("<svg onload=window.__pwned=10>",)),
        ]),
    }
    for doc_id, (text, _) in docs.items():
        (src / doc_id).parent.mkdir(parents=True, exist_ok=True)
        (src / doc_id).write_text(text, encoding="utf-8")
    log = root / "log.jsonl"
    cleaned = write_log(log, docs)
    # the samples are in the log too, as cleaner writes them (no edits today; other families may add some)
    sample_log = root / "samples.jsonl"
    cli("clean", SAMPLES, "-o", root / "sample-clean", "--log", sample_log, "-q")
    with open(log, "a", encoding="utf-8") as fh:
        fh.write(sample_log.read_text(encoding="utf-8"))
    report = root / "report.html"
    cli("report", log, "--source", src, "-o", report)
    return {"root": root, "src": src, "log": log, "report": report, "docs": docs, "cleaned": cleaned}


def test_hostile_text_is_shown_and_runs_nothing(browser, review):
    open_report(browser, review["report"])
    assert browser.title == "Review of log.jsonl"
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    art = browser.find_element(By.CSS_SELECTOR, '#docs article[data-id="hostile.txt"]')
    text = art.find_element(By.CSS_SELECTOR, ".text").get_attribute("textContent")
    assert '<script>window.__pwned = 1; document.title = "pwned"</script>' in text
    assert "<img src=x onerror=\"window.__pwned = 2; document.title = 'pwned'\">" in text
    assert "</script><!-- open comment" in text
    e1 = art.find_element(By.CSS_SELECTOR, '.ed[data-id="e1"]')
    assert e1.find_element(By.TAG_NAME, "del").get_attribute("textContent") == "</textarea>"
    assert e1.find_element(By.TAG_NAME, "ins").get_attribute("textContent") == "</script><b>x</b>"
    assert "<style>body{display:none}</style>" in text
    # the edit whose replacement is markup shows it as text, and so does its popover
    assert art.find_elements(By.TAG_NAME, "img") == [] and art.find_elements(By.TAG_NAME, "script") == []
    assert browser.execute_script("return document.querySelectorAll('img, svg, iframe, style').length") == 1  # ours
    click_edit(browser, "hostile.txt", "e1")
    pop = browser.find_element(By.ID, "pop").get_attribute("textContent")
    assert "</textarea><img src=x onerror=window.__pwned=9>" in pop and "<svg onload=window.__pwned=10>" in pop
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    assert browser.title == "Review of log.jsonl"
    ARTIFACTS.mkdir(exist_ok=True)
    browser.execute_script("arguments[0].scrollIntoView({block: 'start'})", art)
    click_edit(browser, "hostile.txt", "e1")
    browser.save_screenshot(str(ARTIFACTS / "report-hostile.png"))
    assert js_errors(browser) == []


def test_reject_accept_export_apply(browser, review, tmp_path):
    open_report(browser, review["report"])
    browser.execute_script("localStorage.clear()")
    open_report(browser, review["report"])
    # the summary counts every document of the log, the samples included
    cards = browser.find_element(By.CSS_SELECTOR, "#summary .cards").text
    assert f"{2 + len(list(SAMPLES.glob('*.txt')))}\ndocuments in the log" in cards
    # edits render in context with the right characters, even after an astral character (UTF-16 offsets)
    mark = browser.find_element(By.CSS_SELECTOR, '#docs article[data-id="hostile.txt"] .ed[data-id="e3"]')
    assert mark.find_element(By.TAG_NAME, "del").get_attribute("textContent") == "cafÃ©"
    assert mark.find_element(By.TAG_NAME, "ins").get_attribute("textContent") == '<img src=x onerror="window.__pwned=7">'
    # 1. reject one applied edit
    click_edit(browser, "news/a.txt", "e2")
    browser.find_element(By.CSS_SELECTOR, "#pop button.reject").click()
    # 2. reject a whole rule (both soft hyphen / zero-width rules are distinct: reject MOJ004)
    btn = browser.find_element(By.CSS_SELECTOR, '#rules-body button.rule-reject[data-rule="MOJ004"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", btn)
    btn.click()
    # 3. accept one suggestion
    click_edit(browser, "news/a.txt", "e7")  # SPN001 accord -> agreement (suggested)
    browser.find_element(By.CSS_SELECTOR, "#pop button.accept").click()
    now = browser.find_element(By.CSS_SELECTOR, "#pop .now").text
    assert now.startswith("Now accepted")
    el = browser.find_element(By.CSS_SELECTOR, '#docs article[data-id="news/a.txt"] .ed[data-id="e7"]')
    assert "v-accept" in el.get_attribute("class") and "st-suggested" in el.get_attribute("class")
    tally = browser.find_element(By.ID, "tally").text
    assert "3 edits decided by you" in tally
    # screenshot: the news document with decisions made and a popover open
    ARTIFACTS.mkdir(exist_ok=True)
    art = browser.find_element(By.CSS_SELECTOR, '#docs article[data-id="news/a.txt"]')
    browser.execute_script("window.scrollTo(0, 0)")
    click_edit(browser, "news/a.txt", "e4")
    browser.execute_script("window.scrollTo(0, 0)")
    browser.execute_script("document.getElementById('pop').hidden = true")
    browser.save_screenshot(str(ARTIFACTS / "report-top.png"))
    browser.execute_script("arguments[0].scrollIntoView({block: 'start'})", art)
    click_edit(browser, "news/a.txt", "e4")
    browser.save_screenshot(str(ARTIFACTS / "report.png"))

    decisions = export(browser)
    assert decisions["rules"] == {"MOJ004": "reject"}
    assert decisions["decisions"] == {"news/a.txt": {"e2": "reject", "e7": "accept"}}
    assert decisions["log_sha256"] and decisions["schema"] == 1
    dec_path = tmp_path / "decisions.json"
    dec_path.write_text(json.dumps(decisions), encoding="utf-8")

    out, new_log = tmp_path / "out", tmp_path / "applied.jsonl"
    cli("apply", review["src"], "--log", review["log"], "--decisions", dec_path, "-o", out, "--log-out", new_log)
    logs = read_log(review["log"])
    for doc_id, entry in logs.items():
        original = (review["src"] / doc_id).read_text(encoding="utf-8")
        want = [c for c in entry.changes
                if (c.status is Status.APPLIED and not (doc_id == "news/a.txt" and c.id == "e2") and c.rule != "MOJ004")
                or (doc_id == "news/a.txt" and c.id == "e7")]
        assert (out / doc_id).read_text(encoding="utf-8") == replay(original, want), doc_id
    news = (out / "news/a.txt").read_text(encoding="utf-8")
    assert "said &amp; the" in news and "Krem\u200blin" in news  # exactly those undone
    assert "the agreement was signed" in news and "Le café" in news and "Tuesdey" in news
    assert (out / "hostile.txt").read_text(encoding="utf-8") == review["cleaned"]["hostile.txt"]
    # the new log describes the output: revert rebuilds the originals
    cli("revert", out, "--log", new_log, "-o", tmp_path / "back")
    for doc_id in logs:
        assert (tmp_path / "back" / doc_id).read_bytes() == (review["src"] / doc_id).read_bytes()
    assert js_errors(browser) == []


def test_filters_search_and_fold(browser, review):
    open_report(browser, review["report"])
    browser.execute_script("localStorage.clear()")
    open_report(browser, review["report"])
    # folded unchanged stretch opens on click
    art = browser.find_element(By.CSS_SELECTOR, '#docs article[data-id="news/a.txt"]')
    folds = art.find_elements(By.CSS_SELECTOR, "button.fold")
    assert folds, "long unchanged stretches are folded"
    before = len(art.find_element(By.CSS_SELECTOR, ".text").get_attribute("textContent"))
    browser.execute_script("arguments[0].click()", folds[0])
    after = len(art.find_element(By.CSS_SELECTOR, ".text").get_attribute("textContent"))
    assert after > before
    # search narrows to the matching edits' documents
    box = browser.find_element(By.ID, "f-q")
    box.send_keys("accord")
    WebDriverWait(browser, 5).until(lambda d: "1 edit in 1 document" in d.find_element(By.ID, "matchcount").text)
    marks = browser.find_elements(By.CSS_SELECTOR, "#docs .ed.hit")
    assert [m.get_attribute("data-rule") for m in marks] == ["SPN001"]
    browser.find_element(By.ID, "clear-filters").click()
    # status filter: suggestions only
    browser.find_element(By.CSS_SELECTOR, 'input[data-f="status"][value="applied"]').click()
    # everything not applied: the fixture's suggestions plus whatever the real rule packs suggest on the samples
    recs = [json.loads(line) for line in review["log"].read_text(encoding="utf-8").split("\n") if line.strip()]
    rest = [r for r in recs if r["type"] == "edit" and r["status"] != "applied"]
    n, d = len(rest), len({r["doc"] for r in rest})
    want = f"{n} edit{'s' if n != 1 else ''} in {d} document{'s' if d != 1 else ''}"
    WebDriverWait(browser, 5).until(lambda b: want in b.find_element(By.ID, "matchcount").text)
    assert js_errors(browser) == []


def test_keyboard_review(browser, review):
    open_report(browser, review["report"])
    browser.execute_script("localStorage.clear()")
    open_report(browser, review["report"])
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys("j")
    first = browser.find_element(By.CSS_SELECTOR, "#docs .ed.sel")
    assert first.get_attribute("data-id") == "e1" and browser.find_element(By.ID, "pop").is_displayed()
    body.send_keys("j")
    body.send_keys("r")
    second = browser.find_element(By.CSS_SELECTOR, "#docs .ed.sel")
    assert "v-reject" in second.get_attribute("class") and "mine" in second.get_attribute("class")
    body.send_keys("d")
    assert "mine" not in browser.find_element(By.CSS_SELECTOR, "#docs .ed.sel").get_attribute("class")
    body.send_keys(Keys.ESCAPE)
    assert not browser.find_element(By.ID, "pop").is_displayed()


def test_log_only_report(browser, review, tmp_path):
    out = tmp_path / "logonly.html"
    cli("report", review["log"], "-o", out)
    open_report(browser, out)
    rows = browser.find_elements(By.CSS_SELECTOR, '#docs article[data-id="hostile.txt"] ol.logonly li')
    assert len(rows) == 4 and rows[0].find_element(By.CSS_SELECTOR, ".pos").text == "4:1"
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    assert js_errors(browser) == []


def test_thousands_of_documents(browser, tmp_path):
    """3,000 documents and 12,000 edits: the page is ready fast, pages, filters and bulk decisions work."""
    from .reportlib import synthetic_corpus

    docs = synthetic_corpus(tmp_path / "src", 3000)
    write_log(tmp_path / "log.jsonl", docs)
    out = tmp_path / "big.html"
    cli("report", tmp_path / "log.jsonl", "--source", tmp_path / "src", "-o", out)
    start = time.time()
    open_report(browser, out)
    assert time.time() - start < 30
    assert browser.find_element(By.ID, "matchcount").text == "12,000 edits in 3,000 documents match"
    assert len(browser.find_elements(By.CSS_SELECTOR, "#docs article")) == 20  # one page rendered, not 3,000
    browser.find_element(By.CSS_SELECTOR, "#pager .next").click()
    assert "Page 2 of 150" in browser.find_element(By.ID, "pager").text
    btn = browser.find_element(By.CSS_SELECTOR, '#rules-body button.rule-reject[data-rule="SEO001"]')
    browser.execute_script("arguments[0].click()", btn)
    assert "undone 3,000" in browser.find_element(By.ID, "tally").text
    assert export(browser)["rules"] == {"SEO001": "reject"}
    assert js_errors(browser) == []


def test_document_ids_that_are_javascript_names(browser, tmp_path):
    """Issue 12: decisions are kept in prototype-free maps, so "__proto__" is a document like any other."""
    src = tmp_path / "src"
    src.mkdir()
    text = "Le cafÃ© opened on Monday.\n"
    names = ("__proto__", "constructor", "toString", "hasOwnProperty")
    docs = {name: (text, [edit(text, "cafÃ©", "café", "MOJ001")]) for name in names}
    for name in names:
        (src / name).write_text(text, encoding="utf-8")
    log, report = tmp_path / "log.jsonl", tmp_path / "report.html"
    write_log(log, docs)
    cli("report", log, "--source", src, "-o", report)
    open_report(browser, report)
    browser.execute_script("localStorage.clear()")
    open_report(browser, report)
    for name in names:
        click_edit(browser, name, "e1")
        browser.find_element(By.CSS_SELECTOR, "#pop button.reject").click()
        browser.execute_script("document.getElementById('pop').hidden = true")  # it would cover the next one
    decisions = export(browser)
    assert decisions["decisions"] == {name: {"e1": "reject"} for name in names}
    open_report(browser, report)  # restored from localStorage as they were
    assert export(browser)["decisions"] == decisions["decisions"]
    dec = tmp_path / "decisions.json"
    dec.write_text(json.dumps(decisions), encoding="utf-8")
    cli("apply", src, "--log", log, "--decisions", dec, "-o", tmp_path / "out")
    assert all((tmp_path / "out" / name).read_text(encoding="utf-8") == text for name in names)
    assert js_errors(browser) == []


def test_first_hour_rough_edges(browser, review):
    """Issue 17: what a new reviewer saw wrong, at the 1400 px width of a laptop."""
    browser.set_window_size(1400, 1000)
    try:
        open_report(browser, review["report"])
        browser.execute_script("localStorage.clear()")
        open_report(browser, review["report"])
        # struck and inserted words never touch ("commercetrade")
        gaps = browser.execute_script("""return Array.from(document.querySelectorAll('#docs .ed')).filter(function (e) {
            return e.querySelector('del') && e.querySelector('ins'); }).map(function (e) {
            const d = e.querySelector('del').getClientRects(), i = e.querySelector('ins').getClientRects()[0];
            const last = d[d.length - 1];
            return Math.abs(last.top - i.top) < 2 ? i.left - last.right : null;  // on one line
            }).filter(function (g) { return g !== null; });""")
        assert gaps and min(gaps) >= 3, gaps
        # a suggestion nobody decided on reads "undecided", not "rejected"
        art = browser.find_element(By.CSS_SELECTOR, '#docs article[data-id="news/a.txt"]')
        tally = art.find_element(By.CSS_SELECTOR, ".dtally").text
        assert tally == "6 accepted · 0 rejected · 2 undecided (not applied)", tally
        spun = art.find_element(By.CSS_SELECTOR, '.ed[data-rule="SPN001"]').get_attribute("data-id")
        click_edit(browser, "news/a.txt", spun)
        now = browser.find_element(By.CSS_SELECTOR, "#pop .now").text
        assert now.startswith("Now undecided") and "not applied unless you accept it" in now, now
        browser.find_element(By.CSS_SELECTOR, "#pop .reject").click()
        assert "1 rejected · 1 undecided" in art.find_element(By.CSS_SELECTOR, ".dtally").text
        browser.execute_script("localStorage.clear()")
        open_report(browser, review["report"])
        # "most affected" says what the document header says
        for li in browser.find_elements(By.CSS_SELECTOR, "ol.most li"):
            doc_id = li.find_element(By.TAG_NAME, "a").text
            chips = browser.find_elements(By.CSS_SELECTOR, f'#docs article[data-id="{doc_id}"] .chip[class*="st-"]')
            if chips:  # on the page shown
                assert li.text.split(" ", 1)[1] == ", ".join(c.text for c in chips), (li.text, [c.text for c in chips])
        # no filter control is cut: every one fits the sidebar, and its text fits the control
        cut = browser.execute_script("""
            const side = document.querySelector('aside').getBoundingClientRect();
            const probe = document.createElement('span'); probe.style.cssText = 'position:absolute;visibility:hidden;white-space:pre';
            document.body.appendChild(probe);
            const out = [];
            document.querySelectorAll('aside input[type=search], aside select').forEach(function (el) {
              const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
              probe.style.font = cs.font;
              probe.textContent = el.tagName === 'SELECT' ? el.options[el.selectedIndex].text : el.placeholder;
              const room = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - (el.tagName === 'SELECT' ? 16 : 0);
              if (r.right > side.right + 0.5 || probe.offsetWidth > room) out.push(el.id + ' ' + probe.offsetWidth + '>' + room);
            });
            probe.remove();
            return out;""")
        assert cut == [], cut
        assert js_errors(browser) == []
    finally:
        browser.set_window_size(1400, 1000)
