"""Only http(s) addresses become links, on the reader page and in the offline report; the report carries its
own Content-Security-Policy."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from tests.report.test_report import END, START
from tests.web.conftest import Workbench
from tests.web.sample import fill_sample
from watchkeeper.regime import load_regime
from watchkeeper.report import build_report, render_html, render_markdown
from watchkeeper.report.model import ReportData
from watchkeeper.report.render import link_url
from watchkeeper.store import Store
from watchkeeper.store.models.evidence import Document

HOSTILE = "javascript:alert(document.cookie)"


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://news.example.org/a?b=1", True),
        ("http://news.example.org/", True),
        ("HTTPS://NEWS.EXAMPLE.ORG/", True),
        (HOSTILE, False),
        (" javascript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox(1)", False),
        ("//news.example.org/a", False),
        ("https:", False),
        ("", False),
        (None, False),
    ],
)
def test_only_absolute_http_addresses_are_links(url: str | None, linked: bool) -> None:
    assert bool(link_url(url)) is linked


@pytest.fixture
def data(gold_store: Store) -> ReportData:
    with gold_store.session() as session:
        data = build_report(session, load_regime(), START, END)
    documents = [s for s in data.sources if s.kind == "document"]
    documents[0].url, documents[1].url = HOSTILE, "https://news.example.org/story"
    data.charts = {"timeline": "<svg></svg>", "ledger": "<svg></svg>"}
    return data


def test_the_offline_report_links_only_web_addresses_and_has_its_own_csp(data: ReportData) -> None:
    tree = lxml_html.fromstring(render_html(data))
    hrefs = tree.xpath("//a/@href")
    assert "https://news.example.org/story" in hrefs
    assert not [h for h in hrefs if not h.startswith(("#", "http://", "https://"))]
    # The hostile address is still shown, as text.
    assert HOSTILE in tree.text_content()
    csp = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert csp and "default-src 'none'" in csp[0] and "script-src" not in csp[0]


def test_the_markdown_report_makes_no_autolink_of_another_scheme(data: ReportData) -> None:
    text = render_markdown(data, {"timeline": "t.svg", "ledger": "l.svg"})
    assert "<https://news.example.org/story>" in text
    assert f"<{HOSTILE}>" not in text and HOSTILE in text


def test_the_reader_page_shows_a_non_web_source_address_as_text(workbench: Workbench) -> None:
    sample = fill_sample(workbench.backend.store)
    with workbench.backend.store.session() as session:
        document = session.get(Document, sample.missile_doc)
        assert document is not None
        document.url = HOSTILE
    client, _ = workbench.signed_in("viewer")
    page = client.get(f"/documents/{sample.missile_doc}")
    assert page.status_code == 200
    tree = lxml_html.fromstring(page.text)
    assert not [h for h in tree.xpath("//a/@href") if h.lower().startswith("javascript")]
    assert HOSTILE in tree.text_content()
