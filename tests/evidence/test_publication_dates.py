"""Publication dates: placeholders are absent; an undated text stays undated or takes the date it gives."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from tests.conftest import shared_file
from watchkeeper.evidence.dates import date_in_url, plausible, publication_date
from watchkeeper.sources.text import read_text

FETCHED = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "hint",
    [
        "0001-01-01T00:00:00Z",  # the placeholder some CMSs write for "no date"
        "9999-12-31T23:59:59-05:00",  # the other end, which overflows when converted to UTC
        "D:00000101000000",  # a PDF creation date of zeros
        "1899-12-31",  # before any publication we would ingest
        "2026-03-01T08:00:00Z",  # weeks after the page was fetched
        "not a date at all",
        "",
    ],
)
def test_placeholder_and_out_of_range_dates_are_absent(hint: str) -> None:
    found = publication_date([hint], "A short report with no date of its own.", FETCHED)
    assert not found.known


def test_a_good_hint_after_a_placeholder_still_counts() -> None:
    found = publication_date(["0001-01-01T00:00:00Z", "2025-11-02T09:15:00Z"], "Body.", FETCHED)
    assert found.known and found.at == datetime(2025, 11, 2, 9, 15, tzinfo=UTC)


def test_a_fresh_report_from_a_later_time_zone_is_plausible() -> None:
    assert plausible(datetime(2026, 1, 11, 3, 0, tzinfo=UTC), FETCHED)
    assert not plausible(datetime(2026, 1, 12, 3, 0, tzinfo=UTC), FETCHED)


def test_no_date_anywhere_is_unknown_not_the_fetch_time() -> None:
    assert not publication_date([], "The ministry said ships were seen in port.", FETCHED).known


def test_a_date_line_below_the_navigation_of_a_page_dump() -> None:
    text = "World\n\nNavy drills resume\n\nBy A. Writer\n\nMarch 3rd, 2021\n\nThe navy resumed its drills."
    found = publication_date([], text, FETCHED)
    assert (found.at, found.precision, found.source) == (datetime(2021, 3, 3, tzinfo=UTC), "day", "text")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017年03月18日 10:00 | 来源:某报\n\n正文。", datetime(2017, 3, 18, 10, 0, tzinfo=UTC)),
        ("16 мая 2023, 12:00 В мире\n\nТекст новости.", datetime(2023, 5, 16, 12, 0, tzinfo=UTC)),
    ],
)
def test_date_lines_in_other_scripts(text: str, expected: datetime) -> None:
    assert publication_date([], text, FETCHED).at == expected


def test_a_live_page_dateline_without_a_year_takes_the_latest_such_day() -> None:
    text = "SEOUL, Dec. 30 (Yonhap) -- The North fired two missiles into the sea, officials said."
    found = publication_date([], text, FETCHED, live=True)
    assert (found.at, found.precision) == (datetime(2025, 12, 30, tzinfo=UTC), "day")


def test_a_stored_file_dateline_without_a_year_or_weekday_stays_unknown() -> None:
    text = "SEOUL, Dec. 30 (Yonhap) -- The North fired two missiles into the sea, officials said."
    assert not publication_date([], text, FETCHED).known


def test_a_weekday_with_its_date_pins_the_year_the_text_speaks_of() -> None:
    text = "The council met on Thursday (March 28) to discuss the 2024 report of its panel."
    found = publication_date([], text, FETCHED)
    assert (found.at, found.precision) == (datetime(2024, 3, 28, tzinfo=UTC), "day")


def test_a_weekday_that_fits_no_year_the_text_speaks_of_leaves_the_date_unknown() -> None:
    text = "The council met on Monday (March 28) to discuss the 2024 report of its panel."
    assert not publication_date([], text, FETCHED).known


@pytest.mark.parametrize(
    ("url", "expected", "precision"),
    [
        ("https://news.example/world/2019/05/04/launch-story", datetime(2019, 5, 4, tzinfo=UTC), "day"),
        ("https://wire.example/20220326/abc123/c.html", datetime(2022, 3, 26, tzinfo=UTC), "day"),
        ("https://desk.example/2022/03/ships-seen/", datetime(2022, 3, 1, tzinfo=UTC), "month"),
    ],
)
def test_dates_in_article_paths(url: str, expected: datetime, precision: str) -> None:
    assert date_in_url(url) == (expected, precision)


def test_article_numbers_are_not_dates() -> None:
    assert date_in_url("https://site.example/article/1158889096509734959?c=388") is None
    assert date_in_url("https://site.example/news/72745/story") is None


def test_metadata_outranks_the_path_and_the_path_outranks_the_text() -> None:
    url = "https://news.example/2019/05/04/launch"
    assert publication_date(["2019-05-05T01:00:00Z"], "", FETCHED, url=url).source == "metadata"
    found = publication_date([], "Posted 1 June 2019\n\nText.", FETCHED, url=url)
    assert (found.at, found.source) == (datetime(2019, 5, 4, tzinfo=UTC), "url")


def test_a_date_line_glued_to_the_start_of_the_lead_counts() -> None:
    lead = "By Jo Writer | June 4, 2018 | 7:10am EDT " + "The port reopened after a week of repairs. " * 8
    found = publication_date([], f"Port reopens\n\n{lead}", FETCHED)
    assert (found.at.date().isoformat(), found.source) == ("2018-06-04", "text")


def test_an_event_date_opening_the_lead_is_not_the_page_date() -> None:
    lead = "On 2 June 2018, the port reopened after a week of repairs. " + "Ships queued outside. " * 12
    assert not publication_date([], f"Port reopens\n\n{lead}", FETCHED).known


def test_an_archive_photo_caption_does_not_date_the_page() -> None:
    text = "Port reopens\n\nFile photo of the harbour, 3 April 2015.\n\nThe port reopened after repairs."
    assert not publication_date([], text, FETCHED).known


def test_a_render_date_of_another_month_than_the_path_gives_way_to_the_path() -> None:
    url = "https://desk.example/2022/03/port-reopens/"
    found = publication_date([], "February 25, 2024\n\nPort reopens\n\nThe port reopened.", FETCHED, url=url)
    assert (found.at, found.precision, found.source) == (datetime(2022, 3, 1, tzinfo=UTC), "month", "url")


def test_an_article_number_starting_with_a_date_is_the_last_resort() -> None:
    url = "https://desk.example/article/2022011806315643892"
    assert publication_date([], "No date in the text.", FETCHED, url=url).at == datetime(
        2022, 1, 18, tzinfo=UTC
    )
    dated = publication_date([], "Posted 3 February 2022\n\nText.", FETCHED, url=url)
    assert dated.at == datetime(2022, 2, 3, tzinfo=UTC)


def test_a_korean_posting_line() -> None:
    found = publication_date([], "제목\n\n입력 | 2022-06-30 16:18:00\n\n본문.", FETCHED)
    assert found.at == datetime(2022, 6, 30, 16, 18, tzinfo=UTC)


def test_a_day_month_year_path() -> None:
    assert date_in_url("https://paper.example/05-May-2019/fleet-returns") == (
        datetime(2019, 5, 5, tzinfo=UTC),
        "day",
    )


def test_real_page_dumps_are_dated_right_or_left_unknown() -> None:
    """The real page excerpts of eval-dev, read as stored files with their URL: floors, and no wrong day."""
    right = wrong = 0
    for name in ("realnews/docs.jsonl", "multilingual/docs.jsonl"):
        for row in shared_file(f"eval-dev/{name}").read_text(encoding="utf-8").splitlines():
            page = json.loads(row)
            gold = page["publication_date"]
            if len(gold) != 10:
                continue
            text = read_text(page["text"].encode(), page["id"], "file").text
            found = publication_date([], text, datetime(2026, 12, 1, tzinfo=UTC), url=page["url"])
            if found.known:
                right += found.at.date().isoformat() == gold
                wrong += found.at.date().isoformat() != gold
    assert right >= 68 and wrong == 0
