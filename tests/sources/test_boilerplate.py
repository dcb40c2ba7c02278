"""Page chrome in text dumps of web pages: each cue on a line of its own, and body text never cut."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import shared_file
from watchkeeper.errors import InputFileError
from watchkeeper.sources.boilerplate import find_boilerplate, load_cues, parse_cues, strip_boilerplate
from watchkeeper.sources.html import read_html
from watchkeeper.sources.text import read_text

BODY = (
    "The coast guard said the freighter Lumen Star sailed from the northern port on Tuesday with a cargo "
    "of scrap metal, and that it had not reported its position since."
)
MORE_BODY = (
    "Investigators at the maritime office are comparing the ship's logbook with radar records from three "
    "coastal stations, a spokesman said on Wednesday."
)


def _dropped(lines: list[str]) -> dict[str, str]:
    return {lines[i]: cue for i, cue in find_boilerplate(lines).items()}


@pytest.mark.parametrize(
    ("line", "cue"),
    [
        ("Share this article", "share"),
        ("Facebook Twitter WhatsApp Email", "share"),
        ("Follow us on Telegram and YouTube for the latest from the desk!", "share"),
        ("Advertisement", "advertisement"),
        ("We use cookies to give you the best experience on our site. Accept to continue.", "cookies"),
        ("Sign up for our morning briefing", "newsletter"),
        ("Home > World > Asia", "navigation"),
        ("Business » Energy » Shipping", "navigation"),
        ("首页 > 国际", "navigation"),
        ("Photo: Harbour Desk", "media_chrome"),
        ("Read also: Fishing fleet returns early after storm", "teaser_label"),
        ("Read Full Article »", "read_more_link"),
    ],
)
def test_each_chrome_line_is_dropped_by_its_cue(line: str, cue: str) -> None:
    assert _dropped([BODY, line, MORE_BODY]) == {line: cue}


@pytest.mark.parametrize(
    "line",
    [
        "Shipping firms share the cost of insurance, the ministry said, and the share of coal fell.",
        "The minister declined to comment.",
        "Comment was sought from the embassy, which did not reply by Friday.",
        "Analysts said investors should not subscribe to the bond issue until the audit is published.",
        "The newsletter of the shipping registry listed the vessel as laid up.",
        "Related companies in Dalian were also named in the report.",
        "Police found cookies and tea in the cabin.",
        "Print media in the region carried the story on their front pages.",
        "Facebook and Telegram removed the accounts on Monday, the company said.",
        "More from the ministry is expected next week.",
        "Read more about the panel's findings in its annex, officials advised reporters.",
    ],
)
def test_body_sentences_with_chrome_words_are_kept(line: str) -> None:
    assert find_boilerplate([BODY, line, MORE_BODY]) == {}


def test_a_teaser_block_ends_where_body_text_resumes() -> None:
    lines = [BODY, "Related Articles", "Storm closes two ports", "Ferry fares rise again", MORE_BODY]
    assert strip_boilerplate(lines) == [BODY, MORE_BODY]


def test_reader_comments_at_the_bottom_are_cut_to_the_end() -> None:
    lines = [
        BODY,
        MORE_BODY,
        "Comments",
        "Great article, thanks for writing it, this is exactly what I thought.",
    ]
    assert strip_boilerplate(lines) == [BODY, MORE_BODY]


def test_a_comments_label_above_the_article_drops_only_itself() -> None:
    assert strip_boilerplate(["Comment", BODY, MORE_BODY]) == [BODY, MORE_BODY]


def test_a_newsletter_box_goes_with_its_taglines() -> None:
    box = [
        "Sign up for The Harbour Daily",
        "All the news in one email.",
        "By signing up you accept our privacy policy.",
    ]
    assert strip_boilerplate([BODY, *box, MORE_BODY]) == [BODY, MORE_BODY]


def test_a_repeated_headline_goes_and_the_date_line_beside_it_stays() -> None:
    headline = "Freighter missing after leaving port"
    blocks = [headline, f"May 4, 2021 - 09:10\n{headline}", BODY]
    assert strip_boilerplate(blocks) == [headline, "May 4, 2021 - 09:10", BODY]


def test_a_read_more_link_glued_to_the_last_sentence_is_cut_off() -> None:
    assert strip_boilerplate([BODY, MORE_BODY + " Read full story »"]) == [BODY, MORE_BODY]


def test_teaser_lines_in_chinese_are_dropped() -> None:
    lines = [BODY, "更多新聞: 颱風過後漁船陸續返港", "热门新闻", "港口今日恢复作业", MORE_BODY]
    assert strip_boilerplate(lines) == [BODY, MORE_BODY]


def test_a_text_file_copied_from_a_page_keeps_only_the_article() -> None:
    page = "\n".join(
        [
            "Home > World",
            "Freighter missing",
            "Share this article",
            BODY,
            MORE_BODY,
            "More Stories",
            "Ferries halted",
        ]
    )
    document = read_text(page.encode(), "dump.txt", "file")
    assert document.text == "\n\n".join(["Freighter missing", BODY, MORE_BODY])


def test_link_popups_are_not_glued_into_the_sentence() -> None:
    page = (
        "<html><head><title>Freighter missing</title></head><body><article><h1>Freighter missing</h1>"
        f"<p>{BODY} The owner told <a href='/a'>reporters<span class='link-preview'>Owner profile: a "
        "family firm since 1962</span></a> the crew was safe.</p>"
        f"<p>{MORE_BODY} <span hidden>Tap to open the map</span>No distress call was heard.</p>"
        "<p>Officials said the search would resume at first light if the weather allowed it.</p>"
        "</article></body></html>"
    )
    text = read_html(page.encode(), "page.html", "file").text
    assert "told reporters the crew was safe" in text and "heard." in text
    assert "Owner profile" not in text and "Tap to open" not in text


def test_an_element_that_opens_a_popup_keeps_its_text() -> None:
    cues = load_cues()
    assert cues.is_popup_class("link-preview") and not cues.is_popup_class("has-tooltip")


def test_the_cue_file_is_validated_and_names_the_bad_field() -> None:
    good = {
        "version": 1,
        "limits": {"teaser_words": 25, "tail_body_share": 0.5, "between_chrome": 3, "short_words": 12},
        "popup_classes": [],
        "popup_class_exclusions": [],
        "cues": [{"id": "x", "kind": "line", "why": "test", "max_words": 3, "patterns": ["ad"]}],
    }
    assert parse_cues(good).cues[0].id == "x"
    with pytest.raises(InputFileError, match=r"cues\.0\.patterns"):
        parse_cues({**good, "cues": [{**good["cues"][0], "patterns": ["(unclosed"]}]})
    with pytest.raises(InputFileError, match=r"cues\.0\.kind"):
        parse_cues({**good, "cues": [{**good["cues"][0], "kind": "sometimes"}]})
    with pytest.raises(InputFileError, match="colour"):
        parse_cues({**good, "colour": "red"})


def test_real_page_dumps_lose_chrome_and_no_reported_sentence() -> None:
    """On the real page excerpts of eval-dev: chrome lines found, every gold evidence sentence kept."""
    dropped = 0
    for name in ("realnews/docs.jsonl", "multilingual/docs.jsonl"):
        for row in shared_file(f"eval-dev/{name}").read_text(encoding="utf-8").splitlines():
            page = json.loads(row)
            lines = [line for line in re.split(r"\n", page["text"]) if line.strip()]
            dropped += len(find_boilerplate(lines))
            text = " ".join(read_text(page["text"].encode(), page["id"], "file").text.split())
            for incident in page.get("incidents", []):
                assert " ".join(incident["evidence"].split()) in text, page["id"]
    assert dropped >= 60
