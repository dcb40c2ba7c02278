"""The analyst's path through the workbench in Chromium: search, read, review, audit, report; screenshots.

Set WATCHKEEPER_SCREENSHOTS to a directory to keep a full-page screenshot of every page for review.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.web.conftest import PASSWORD
from tests.web.test_browser import browser  # noqa: F401  (the module-scoped Chromium fixture)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SCREENSHOT_PAGES = {
    "login": "/login", "dashboard": "/", "search": "/search?q=missile", "document": "/documents/doc-missile",
    "stories": "/stories", "story": "/stories/story-missile", "entities": "/entities",
    "entity": "/entities/country:north-korea", "incidents": "/incidents", "incident": "/incidents/ai-missile",
    "timeline": "/timeline", "maritime": "/maritime", "screen": "/screen", "cases": "/cases",
    "reports": "/reports", "audit": "/audit", "designations": "/designations", "regime": "/regime",
}  # fmt: skip


@pytest.fixture
def context(browser):  # type: ignore[no-untyped-def]  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    yield context
    context.close()


def sign_in(page, base: str, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    assert page.locator("h1").inner_text() == "Dashboard"


def test_search_read_confirm_audit_report(context, sample_server: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = context.new_page()
    sign_in(page, sample_server, "analyst")
    page.click("nav >> text=Search")
    page.fill("input[name=q]", "ballistic missile")
    page.click("form.filters button[type=submit]")
    assert page.locator(".hit").count() == 2
    assert page.locator(".snippet mark").first.inner_text().lower() in {"ballistic", "missile"}
    page.click("a.hit-title >> text=North Korea fires ballistic missile")
    assert page.locator("h1").inner_text() == "North Korea fires ballistic missile"
    quote = page.locator("#x-q-1")
    assert quote.is_visible() and "hl-quote" in (quote.get_attribute("class") or "")
    assert page.locator(".doc-text .hl-incident").count() >= 1
    assert page.locator(".side >> text=Yoon Suk Yeol").count() >= 1

    page.goto(f"{sample_server}/incidents/ai-oil")
    page.fill("form:has(input[value=confirm]) input[name=reason]", "imagery matches")
    page.click("form:has(input[value=confirm]) button[type=submit]")
    assert page.locator("p.muted .tag.confirmed").inner_text() == "confirmed"

    page.goto(f"{sample_server}/reports")
    page.fill("input[name=start]", "2024-01-01")
    page.fill("input[name=end]", "2024-12-31")
    page.select_option("select[name=format]", "html")
    page.click("text=Generate report")
    with page.expect_download() as download_info:
        page.click("p.card a")
    download = download_info.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.suffix == ".html" and "ballistic missile" in saved.read_text(encoding="utf-8")

    admin = context.browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(admin, sample_server, "admin")
    admin.click("nav >> text=Audit log")
    row = admin.locator("table.audit tbody tr", has_text="incident.confirm").first
    assert "analyst" in row.inner_text() and "ai-oil" in row.inner_text()
    assert admin.locator("table.audit tbody tr", has_text="report.generate").count() == 1
    admin.context.close()


def test_screenshots_of_every_page(context, sample_server: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = Path(os.environ.get("WATCHKEEPER_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    page = context.new_page()
    page.goto(f"{sample_server}/login")
    page.screenshot(path=str(folder / "login.png"), full_page=True)
    sign_in(page, sample_server, "admin")
    for name, path in SCREENSHOT_PAGES.items():
        if name == "login":
            continue
        response = page.goto(f"{sample_server}{path}")
        assert response is not None and response.status == 200, path
        assert page.locator("h1").count() == 1, path
        page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
    assert len(list(folder.glob("*.png"))) >= len(SCREENSHOT_PAGES)
