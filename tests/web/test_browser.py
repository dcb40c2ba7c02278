"""The workbench in a real browser: Debian's Chromium driven by Playwright against a live server."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import IN_CI
from tests.web.conftest import PASSWORD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        if IN_CI:
            pytest.fail("CI=true but Debian's chromium is not installed")
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, tmp_path: Path):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    if IN_CI is False:
        page.screenshot(path=str(tmp_path / "last.png"), full_page=True)
    context.close()


def sign_in(page, base: str, username: str, password: str = PASSWORD) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/")
    assert "/login" in page.url
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_sign_in_audit_and_sign_out(page, live_server: str) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, live_server, "admin", "not the password")
    assert page.locator(".error").inner_text() == "Wrong username or password."
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    assert page.locator("h1").inner_text() == "Dashboard"
    assert "admin · admin" in page.locator(".who").inner_text()
    page.click("text=Audit log")
    assert page.locator("h1").inner_text() == "Audit log"
    assert page.locator("table.audit tbody tr").count() >= 3
    page.click("text=Sign out")
    assert "/login" in page.url
    page.goto(f"{live_server}/audit")
    assert "/login" in page.url


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_viewer_has_no_admin_pages(page, live_server: str) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, live_server, "viewer")
    assert page.locator("h1").inner_text() == "Dashboard"
    assert page.locator("text=Audit log").count() == 0
    response = page.goto(f"{live_server}/audit")
    assert response is not None and response.status == 403
