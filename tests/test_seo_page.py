"""SEO012 and the page detector: a scraped page's furniture goes, its article and clean text stay.

The pages here are written for the project in the shape a naive scraper leaves (one visible block
per line, no blank lines): a site menu, the article, a fact table, teasers, a footer, comments.
The measured figures on real pages come from ``benchmarks/pages`` (not run here: the pages belong
to their publishers and are not shipped).
"""
from __future__ import annotations

import pytest

from cleaner.config import CleanerConfig
from cleaner.corpus import learn
from cleaner.detectors.asr import AsrDetector
from cleaner.detectors.page import PageDetector
from cleaner.edits import replay, revert
from cleaner.engine import Engine
from cleaner.model import Document, Status
from cleaner.seo.page import classify_page
from cleaner.seo.page_features import features, opening, page_shape

from .conftest import SAMPLES

MENU = ["Home", "News", "Sport", "Business", "Weather", "Travel", "Culture", "Opinion", "Video", "Podcasts",
        "News", "Sport", "Business", "Weather"]
ARTICLE = [
    "Harbour berth reopens after storm repairs",
    "The ferry berth at Port Ellis reopened on Monday after six weeks of repairs to the storm-damaged quay, the harbour board said.",
    "Engineers replaced the timber fenders and rebuilt a section of the sea wall that was breached when the January storm drove waves over the pier.",
    "The first sailing left on time with about forty passengers and a dozen cars on board, and the crossing took the usual forty minutes.",
    "Traders said the closure had cut their takings by a third, because day visitors from the mainland had stayed away since the storm.",
    "Sailings this week:",
    "Mon 6 May -- 07:00, 11:00, 16:00",
    "Tue 7 May -- 07:00, 11:00, 16:00",
    "Wed 8 May -- 07:00, 12:30, 18:00",
    "Thu 9 May -- 07:00, 11:00, 16:00",
    "The harbour master said the board would now look at raising the height of the outer wall, which has been overtopped three times in ten years.",
    "A public meeting on the plans will be held in the town hall next month, and the board has promised to publish the engineers' report before then.",
]
TEASERS = ["More from the coast",
           "Lifeboat crew honoured for winter rescue",
           "The volunteers pulled four fishermen from the water off the point in January, the institution said.",
           "3 hours ago",
           "Council votes to keep the seafront lido open",
           "The pool will open for the summer after a campaign by swimmers raised the money for new pumps.",
           "5 hours ago",
           "New bus route links the villages to the station",
           "The service will run every two hours on weekdays from June, the county council has said.",
           "1 day ago"]
FOOTER = ["About us", "Contact", "Advertise", "Careers", "© 2024 Harbour Gazette Ltd. All rights reserved.",
          "Comments",
          "Sandra M. 2 days ago",
          "This is exactly what the town needed after a miserable winter, and well done to everyone who worked on it.",
          "Pete 1 day ago",
          "About time too, the board has been dragging its feet on that wall for years and everybody knows it."]
PAGE = "\n".join(MENU + ARTICLE + TEASERS + FOOTER) + "\n"


def verdicts(lines):
    return {v.line: v for v in classify_page(lines)}


@pytest.fixture(scope="module")
def page_result():
    return Engine(CleanerConfig(select=("SEO012",))).clean_one(PAGE, "page")


def test_the_page_has_a_page_shape_and_an_edited_article_has_none():
    assert PageDetector().detect(Document(PAGE)).detected
    article = "\n\n".join(ARTICLE) + "\n"
    assert PageDetector().detect(Document(article)) is None  # too few lines to ask
    one_per_line = "\n".join(ARTICLE * 3) + "\n"  # 36 lines, but prose and a short table, no menus
    finding = PageDetector().detect(Document(one_per_line))
    assert finding is None or not finding.detected


def test_menus_teasers_footer_and_comments_go_the_article_stays(page_result):
    out = page_result.text
    for line in ARTICLE[1:]:  # the headline sits in the article's margin: only suggested
        assert line in out, line
    for line in MENU + TEASERS[3:] + FOOTER:
        assert line not in out.split("\n"), line
    for line in TEASERS[:3]:  # the first teaser sits in the article's margin: suggested, not removed
        assert line in out, line
    assert replay(PAGE, page_result.applied) == out and revert(out, page_result.applied) == PAGE


def test_every_edit_is_one_run_of_lines_with_the_features_that_decided_it(page_result):
    assert page_result.applied
    for change in page_result.applied:
        assert change.rule == "SEO012" and change.after == ""
        where, features_line = change.evidence
        assert where in ("before the article block", "after the article block")
        assert "line(s):" in features_line
    menu = page_result.applied[0]
    assert "repeated on the page" in menu.evidence[1] and PAGE[menu.start:menu.end].startswith("Home\n")


def test_the_article_margin_is_suggested_not_removed(page_result):
    suggested = [c for c in page_result.changes if c.status == Status.SUGGESTED]
    assert any(PAGE[c.start:c.end].startswith(ARTICLE[0]) for c in suggested)
    assert ARTICLE[0] in page_result.text


def test_a_table_that_continues_the_article_belongs_to_it():
    lines = PAGE.rstrip("\n").split("\n")
    v = verdicts(lines)
    for row in ARTICLE[5:10]:
        assert lines.index(row) not in v, row


def test_legal_prose_goes_but_one_mention_of_privacy_in_the_article_stays():
    lines = MENU + ARTICLE[:3] + [
        "Privacy campaigners said the new cameras on the quay would record every passenger, and the board agreed to review them.",
    ] + ARTICLE[3:] + ["We use cookies to improve your experience. By continuing you accept our privacy policy."] + FOOTER
    v = verdicts(lines)
    assert lines.index(lines[len(MENU) + 3]) not in v  # the article's own sentence about privacy
    cookie = v[len(MENU) + len(ARTICLE) + 1]
    assert cookie.sure and "legal or sign-up wording" in cookie.why


def test_a_thin_article_gets_suggestions_only():
    lines = MENU * 2 + ARTICLE[:2] + FOOTER[:5] * 2
    assert page_shape("\n".join(lines)).is_page
    assert all(not v.sure for v in classify_page(lines))


def test_site_template_lines_from_the_corpus_are_marked():
    lines = PAGE.rstrip("\n").split("\n")
    feats = features(lines, templates=frozenset({len(MENU) + len(ARTICLE) + 1}))
    assert feats[len(MENU) + len(ARTICLE) + 1].marked and not feats[len(MENU) + 1].marked
    towns = "Alston Bude Calne Diss Eye Filey Goole Hythe Ilkley Jarrow Keswick Leek Looe Malton Nairn Oban " \
            "Penrith Ripon Selby Tring Ulverston Ventnor Wells Yarm".split()
    pages = ["\n".join(MENU + [f"{line} In {town}." for line in ARTICLE] + TEASERS + FOOTER) for town in towns]
    corpus = learn([(f"p{n}", t) for n, t in enumerate(pages)])
    result = Engine(CleanerConfig(select=("SEO012",))).clean_one(PAGE, "page", corpus)
    assert any("in other documents of the corpus" in c.evidence[1] for c in result.applied)


def test_rows_of_one_table_share_an_opening():
    assert opening("Aug. 2 -- DTE Energy Music Theatre") == opening("June 17 -- Bridgestone Arena") == "A 0 -- A"
    assert opening("Why Breakfast Really Does Matter") == ""  # plain headlines share no template


def test_a_menu_is_never_taken_for_a_transcript():
    menu = [f"{w} {v}" for w in ("home", "news", "sport", "travel", "food", "money", "cars", "jobs")
            for v in ("latest", "local", "world", "video", "photos")]
    page = "\n".join(menu * 2 + ARTICLE + FOOTER) + "\n"
    finding = AsrDetector().detect(Document(page))
    assert finding is None or not finding.detected


def test_clean_articles_lose_nothing():
    engine = Engine(CleanerConfig(select=("SEO012",)))
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert not PageDetector().detect(Document(text)) or not PageDetector().detect(Document(text)).detected
        assert engine.clean_one(text, path.name).changes == [], path.name


PARAS = [f"The {what} said on {day} that the {thing} would stay open for the rest of the season, and that "
         f"the {town} crossing would run to its usual timetable."
         for what, day, thing, town in zip(("harbour board", "council", "ferry company", "coastguard", "museum",
                                            "pier trust"), ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                                            "Saturday"), ("quay", "slipway", "car park", "lookout",
                                                                         "gallery", "kiosk"),
                                           ("Ellis", "Brack", "Corran", "Dunmore", "Eastby", "Fenwick"))]


def test_a_comment_widget_ends_the_article_block():
    comments = ["View Comments"] + [x for n in range(4) for x in (
        f"Reader{n} 2019-03-0{n + 1}", f"I have been crossing at Port Ellis for {n + 10} years and the new quay is "
        f"a real improvement, though the parking is still a problem for everyone.")]
    lines = MENU + ARTICLE[:5] + ARTICLE[10:] + comments + FOOTER[:5]
    v = verdicts(lines)
    start = len(MENU) + 7
    assert features(lines)[start].barrier  # the lexicon's comment widget
    assert all(i in v for i in range(start, start + len(comments)))  # the comments go (the first, in the
    assert all(v[i].sure for i in range(start + 3, start + len(comments)))  # article's margin, suggested) ...
    assert all(i not in v for i in range(len(MENU) + 1, start))  # ... the article stays


def test_an_article_cut_by_a_stats_table_keeps_its_later_paragraphs():
    table = [x for n in range(5) for x in ("Pos", "Player", "Plays", f"{60 + n}%")]
    lines = MENU + ["Share this on Twitter"] + PARAS[:2] + table + PARAS[2:4] + table + PARAS[4:] + FOOTER[:5]
    v = verdicts(lines)
    for para in PARAS:
        i = lines.index(para)
        assert i not in v, para  # joined to the block: not even suggested


def test_a_teaser_list_closing_the_block_goes_but_short_closing_paragraphs_stay():
    towns = ("Alston", "Bude", "Calne", "Diss", "Filey", "Goole", "Hythe")
    teasers = [x for n, t in enumerate(towns) for x in (  # label, headline, source, a summary heavy enough to join the block
        f"{t.upper()} CUP", f"How {t} Won The County Cup After A Long Season Away", f"{n + 1} shares gazette.example sport",
        f"The {t} side won the final by {n + 2} goals on Saturday after a season in which the club had to play all "
        f"of its home games at a ground twenty miles away from the town.")]
    lines = MENU + ARTICLE[1:5] + ARTICLE[10:] + teasers + FOOTER[:5]
    v = verdicts(lines)
    assert all(v[lines.index(x)].sure for x in teasers[3::4])
    assert all(lines.index(x) not in v for x in ARTICLE[2:5])
    promos = [x for n in range(3) for x in (f"PICTURE {n}: THE QUAY AT DAWN", PARAS[n][:90] + ".")]
    lines = MENU + ARTICLE[1:5] + promos + FOOTER[:5]  # three short paragraphs between pictures: the article's
    v = verdicts(lines)
    assert all(lines.index(x) not in v or not v[lines.index(x)].sure for x in promos[1::2])


def test_a_credit_next_to_the_block_repeating_one_inside_it_is_only_suggested():
    lines = MENU + [x for para in PARAS for x in (para, "[Harbour Gazette]")] + FOOTER[:5]
    v = verdicts(lines)
    assert all(v[i].sure for i in range(len(MENU)))  # the page is judged: its menu goes
    credits = [i for i, x in enumerate(lines) if x == "[Harbour Gazette]"]
    assert all(i not in v or not v[i].sure for i in credits)


LIST_ITEMS = [x for n, (name, town) in enumerate(zip(("Ellis Belle", "Brack Star", "Corran Maid", "Dunmore Lass", "Eastby Rose"),
                                                     ("Ellis", "Brack", "Corran", "Dunmore", "Eastby")), 1) for x in (
    f"{n}. {name}",
    f"The {name} sails from {town} twice a day in summer, and the crossing takes about forty minutes in calm weather.",
    "Her cafe serves hot food all day, and there is room on the car deck for about a dozen cars and a few vans.",
    f"Tickets for the {name} can be bought at the quay or online, and children under five travel free of charge "
    "on every sailing, the company says.",
    "Pros:", "Fast crossing", "Good cafe", "Cons:", "No cabins")]


def test_a_list_article_keeps_its_items_after_the_first():
    """The items' paragraphs lie inside one long candidate run after its best prefix (their short
    "Pros:" lists cost the run more than the paragraphs bring): runs of prose within the article's
    reach join it anyway, and the short lines between them come too; a line the block repeats
    ("Pros:") is the article's, though the page shows it once more outside the block. (The last
    item's lists, after its last paragraph, lie outside the block and go: a known loss.)"""
    lines = MENU + ARTICLE[1:5] + PARAS[:3] + LIST_ITEMS + FOOTER[:5]
    v = verdicts(lines)
    assert all(v[i].sure for i in range(len(MENU)))  # the menu goes
    last_paragraph = len(MENU) + 7 + len(LIST_ITEMS) - 6
    for i in range(len(MENU), last_paragraph + 1):
        assert i not in v, lines[i]


def test_the_list_test_counts_only_the_lines_a_list_article_could_run_over():
    """Headlines past the copyright footer are not a list article's items: the page is judged
    (its menu goes), not left to suggestions as a list."""
    headlines = [f"Council plans {n} new homes on the old {t} site by the river" for n in range(10, 60)
                 for t in ("mill",)]
    lines = MENU + ARTICLE[1:5] + FOOTER[:5] + headlines
    v = verdicts(lines)
    assert all(v[i].sure for i in range(len(MENU)))
    assert not any("may be a list" in " ".join(x.why) for x in v.values())


def test_prose_sharing_the_articles_words_is_only_suggested():
    """Teaser-shaped prose (one sentence between short lines) far from the block is removed when it
    is about something else, only suggested when most of its words are the article's."""
    off = ["Lifeboat crew honoured", "The volunteers pulled four fishermen from the water off the point in January.",
           "School wins county prize", "Pupils built a weather station that sends readings to the national network.",
           "Bus route to the station", "The service will run every two hours on weekdays from June, officials said."]
    on = ["Quay repairs", "The engineers rebuilt the sea wall and replaced the timber fenders at the storm-damaged quay.",
          "Ferry timetable", "The first ferry sailing left on time with forty passengers and a dozen cars on board.",
          "Harbour board", "The harbour board will publish the engineers' report on the breached sea wall."]
    lines = MENU + ARTICLE[1:5] + ARTICLE[10:] + ["Share", "Tweet", "Email", "Print"] + off + on + FOOTER[:5]
    v = verdicts(lines)
    assert all(v[lines.index(x)].sure for x in off[1::2])
    assert all(not v[lines.index(x)].sure for x in on[1::2])
    assert "sharing most of its words" in " ".join(v[lines.index(on[1])].why)


def test_a_sentence_stop_before_an_invisible_separator_still_ends_a_sentence():
    assert features(["Stir fry briefly to mix well and serve hot.\u2063"])[0].sentence


def test_a_subscription_named_in_a_short_line_is_not_legal_wording():
    f = features(["Lower monthly subscription", "Subscribe to our newsletter"])
    assert not f[0].legal and f[1].legal


def test_reader_comment_headers_end_the_article_block():
    """Comment headers ("NAME says:", "by HANDLE ( 1234 ) writes:") on a page with several are
    barriers: the comments, heavier than the article, are not taken for it."""
    comments = [x for n, who in enumerate(("Sandra Mills says:", "by jdoe ( 110704 ) writes:", "Pete on May 3, 2019 at 4:15 pm said:",
                                           "Ann Lee says:", "by harbourfan ( 5512 ) writes:"))
                for x in (who, *[f"I have been crossing at Port Ellis for {n + 10} years and the quay has never looked "
                                 f"better, though the parking on the front is still a problem for everyone {k}."
                                 for k in range(3)], "Reply")]
    lines = MENU + ARTICLE[1:5] + ["Comments"] + comments + FOOTER[:5]
    f = features(lines)
    assert f[lines.index("Sandra Mills says:")].comment_head and f[lines.index("Sandra Mills says:")].barrier
    v = verdicts(lines)
    assert all(lines.index(x) not in v for x in ARTICLE[1:5])
    assert all(v[i].sure for i, x in enumerate(lines) if x.startswith("I have been crossing") and i > lines.index(comments[6]))
    one = features(["In a statement, Jane Smith said:", "The quay will reopen on Monday."])
    assert not one[0].comment_head  # one such line is an article's quote, not a comment section


def test_a_section_title_inside_the_block_stays_though_a_menu_repeats_it():
    """'Weather' is a menu entry and, inside the article, the title over a paragraph: there it stays.
    'Podcasts' inside the article with no paragraph under it is the menu's entry shown twice: it goes."""
    body = [ARTICLE[1], ARTICLE[2], "Weather", ARTICLE[3], ARTICLE[4], "Podcasts", "Photo: Harbour Board", ARTICLE[10],
            ARTICLE[11]]
    lines = MENU + body + FOOTER[:5]
    v = verdicts(lines)
    at = len(MENU)
    assert at + 2 not in v  # "Weather" over a paragraph
    assert v[at + 5].sure and "also in the page's furniture" in v[at + 5].why  # "Podcasts"


def test_the_articles_headings_a_table_of_contents_lists_stay():
    """A contents list before the article repeats its headings ("Engineers", "Sailings", "Costs"):
    the copies inside the block are the article's own headings (no paragraph directly under them
    here), not menu entries shown twice."""
    heads = ["Engineers at work", "Sailings resume", "Costs and plans"]
    body = [ARTICLE[1], ARTICLE[2], heads[0], "Photo: Harbour Board", ARTICLE[3], ARTICLE[4], heads[1],
            "Photo: Ferry Company", ARTICLE[10], ARTICLE[11], heads[2], "Photo: Town Council", PARAS[0], PARAS[1]]
    lines = MENU + ["Contents"] + heads + ["Share", "Tweet", "Email", "Print", "By Mark Wyatt"] + body + FOOTER[:5]
    v = verdicts(lines)
    inside = [i for i, x in enumerate(lines) if x in heads and i > len(MENU) + 3]
    assert len(inside) == 3 and all(i not in v for i in inside)
