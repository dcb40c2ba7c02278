"""Connectors on small fixtures and on the corpus: sniffing, encodings, header blocks, HTML, PDF, archives."""

from __future__ import annotations

import contextlib
import gzip
import io
import zipfile
from pathlib import Path

import pytest
from lxml import html as lxml_html

from watchkeeper.errors import UnsafeInputError, WatchkeeperError
from watchkeeper.sources import sniff
from watchkeeper.sources.document import SourceError
from watchkeeper.sources.feeds import parse_feed
from watchkeeper.sources.reader import read_bytes
from watchkeeper.sources.text import decode_text, split_header

ARTICLES = Path(__file__).resolve().parents[2] / "src/watchkeeper/data/corpus/articles"
HTML_FILES = sorted(ARTICLES.glob("*.html"))

PLAIN = "Title: Test\nOutlet: Pacific Signal\nDate: 30.04.2024\n\nFirst paragraph\nwrapped.\n\nSecond one."


def test_sniff_by_bytes_not_extension() -> None:
    assert sniff.sniff(b"%PDF-1.7\n...") == sniff.PDF
    assert sniff.sniff(b"\xef\xbb\xbf  <!DOCTYPE html><html>") == sniff.HTML
    assert sniff.sniff(b'<?xml version="1.0"?>\n<rss version="2.0"><channel>') == sniff.FEED
    assert sniff.sniff(b'<feed xmlns="http://www.w3.org/2005/Atom">') == sniff.FEED
    assert sniff.sniff(gzip.compress(b"x")) == sniff.GZIP
    assert sniff.sniff("plain words, café".encode("cp1252")) == sniff.TEXT
    assert sniff.sniff(bytes(range(256)) * 4) == sniff.BINARY


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Pyongyang’s café résumé".encode(), "Pyongyang’s café résumé"),
        ("Tokyo said the café was closed, mostly ASCII text.".encode("latin-1"), "café"),
        ("The “panel” – ended, mostly ASCII text here.".encode("cp1252"), "“panel” –"),
        ("\ufeffUTF-16 text with a BOM: 북한".encode("utf-16"), "북한"),
    ],
)
def test_decode_text_in_many_encodings(data: bytes, expected: str) -> None:
    assert expected in decode_text(data)


def test_header_block_parsed_and_paragraphs_kept() -> None:
    header, _body = split_header(PLAIN)
    assert header == {"title": "Test", "outlet": "Pacific Signal", "date": "30.04.2024"}
    [document] = read_bytes(PLAIN.encode(), "x.txt", "file")
    assert document.text == "First paragraph wrapped.\n\nSecond one."
    assert document.outlet_hint == "Pacific Signal" and document.date_hints == ["30.04.2024"]


def test_text_without_header_is_all_body() -> None:
    [document] = read_bytes(b"Just a note: nothing else.\n\nMore.", "n.txt", "file")
    assert document.title is None and document.text.startswith("Just a note")


def _chrome(path: Path) -> list[str]:
    root = lxml_html.fromstring(path.read_bytes())
    nodes = root.xpath(
        "//*[contains(@class,'comment')]//p | //aside//li | //nav//a | //*[contains(@class,'share')]"
        " | //*[contains(@class,'cookie')] | //footer"
    )
    return [" ".join(n.text_content().split()) for n in nodes if len(n.text_content().split()) >= 4]


@pytest.mark.parametrize("path", HTML_FILES, ids=lambda p: p.stem)
def test_corpus_html_has_no_boilerplate(path: Path) -> None:
    [document] = read_bytes(path.read_bytes(), str(path), "file")
    chrome = _chrome(path)
    assert chrome, "the fixture page has comments, teasers or share prompts to exclude"
    leaked = [c for c in chrome if c in " ".join(document.text.split())]
    assert not leaked, f"page chrome in document text: {leaked}"
    assert len(document.text) > 500


@pytest.mark.parametrize("path", HTML_FILES[:3], ids=lambda p: p.stem)
def test_corpus_html_metadata(path: Path) -> None:
    [document] = read_bytes(path.read_bytes(), str(path), "file")
    assert document.title and document.date_hints
    assert document.text.split("\n\n")[0] != document.title


def test_pdf_pages_are_offsets_into_text() -> None:
    path = next(ARTICLES.glob("*.pdf"))
    [document] = read_bytes(path.read_bytes(), str(path), "file")
    assert document.content_type == "application/pdf" and document.pages
    assert document.pages[0][0] == 0 and document.pages[-1][1] == len(document.text)
    for (_, end), (start, _) in zip(document.pages, document.pages[1:], strict=False):
        assert start >= end
    assert "Page 1 of" not in document.text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (bytes(range(256)) * 8, "binary content"),
        (b"%PDF-1.4 this is not really a pdf", "PDF"),
        (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article text"),
    ],
)
def test_bad_bytes_give_clear_errors(data: bytes, message: str) -> None:
    with pytest.raises(WatchkeeperError, match=message):
        read_bytes(data, "bad.bin", "file")


def test_gzip_input_and_gzip_bomb() -> None:
    [document] = read_bytes(gzip.compress(PLAIN.encode()), "a.txt.gz", "file")
    assert document.title == "Test"
    with pytest.raises(UnsafeInputError, match="bomb"):
        read_bytes(gzip.compress(b"a" * 3_000_000), "bomb.gz", "file", max_bytes=1_000_000)


def test_zip_members_each_read_and_bomb_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("one.txt", PLAIN)
        archive.writestr("junk.bin", bytes(range(256)) * 8)
    items = read_bytes(buffer.getvalue(), "batch.zip", "file")
    assert [type(i).__name__ for i in items] == ["SourceDocument", "SourceError"]
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.txt", "0" * 3_000_000)
    with pytest.raises(UnsafeInputError, match="bomb"):
        read_bytes(bomb.getvalue(), "bomb.zip", "file", max_bytes=1_000_000)


def test_oversize_input_refused() -> None:
    with pytest.raises(UnsafeInputError, match="exceeds the limit"):
        read_bytes(b"x" * 2000, "big.txt", "file", max_bytes=1000)


def test_feed_is_not_a_document_and_malformed_feed_errors() -> None:
    with pytest.raises(SourceError, match="feeds add"):
        read_bytes(b'<rss version="2.0"><channel></channel></rss>', "f.xml", "file")
    with pytest.raises(SourceError, match="not an RSS or Atom feed"):
        parse_feed(b"<html><body>nope</body></html>", "f.xml")


def test_atom_and_rss_entries() -> None:
    atom = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
    <entry><id>urn:1</id><title>One</title><link href="http://x.example/1"/><updated>2024-03-28T10:00:00Z</updated>
    <summary>Short</summary></entry></feed>"""
    parsed = parse_feed(atom, "a.xml")
    assert parsed.title == "T" and [i.link for i in parsed.items] == ["http://x.example/1"]
    assert parsed.items[0].key == parse_feed(atom, "a.xml").items[0].key


def test_damaged_pdfs_give_user_errors_only() -> None:
    import random

    data = next(ARTICLES.glob("*.pdf")).read_bytes()
    rng = random.Random(1)
    for attempt in range(40):
        damaged = bytearray(data)
        if attempt % 2:
            damaged = damaged[: rng.randrange(10, len(damaged))]
        else:
            for _ in range(20):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        with contextlib.suppress(WatchkeeperError):
            read_bytes(bytes(damaged), "damaged.pdf", "file")
