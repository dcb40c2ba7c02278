"""Hostile archives and PDFs: one bad member is one error line naming archive and member; the rest is read."""

from __future__ import annotations

import io
import tracemalloc
import zipfile
import zlib

import pytest

from watchkeeper.errors import UnsafeInputError, WatchkeeperError
from watchkeeper.sources import reader
from watchkeeper.sources.document import SourceDocument, SourceError
from watchkeeper.sources.pdf import read_pdf
from watchkeeper.sources.reader import read_bytes

STORY = b"Customs officers said a trawler had landed sacks of anthracite at a northern port in May 2023. " * 4


def _zip() -> bytearray:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bad.txt", STORY)
        archive.writestr("good.txt", STORY.replace(b"trawler", b"tanker"))
    return bytearray(buf.getvalue())


def _spoil(data: bytearray, local: int, central: int, value: int | None = None, mask: int = 0) -> bytes:
    """Change one header byte of the first member, in its local header and in the central directory."""
    for where in (local, data.find(b"PK\x01\x02") + central):
        data[where] = value if value is not None else data[where] ^ mask
    return bytes(data)


CASES = {
    "bad CRC": lambda d: _spoil(d, 14, 16, mask=0xFF),
    "encrypted": lambda d: _spoil(d, 6, 8, value=d[6] | 1),
    "unknown method": lambda d: _spoil(d, 8, 10, value=99),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_corrupt_member_is_one_error_and_the_good_one_is_read(case: str) -> None:
    items = read_bytes(CASES[case](_zip()), "inbox/batch.zip", "file")
    errors = [i for i in items if isinstance(i, WatchkeeperError)]
    documents = [i for i in items if isinstance(i, SourceDocument)]
    assert len(errors) == 1 and "inbox/batch.zip!bad.txt" in str(errors[0])
    assert [d.locator for d in documents] == ["inbox/batch.zip!good.txt"]


def test_a_member_over_the_member_limit_is_refused_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_MEMBER_BYTES", 4096)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("huge.txt", STORY * 20, compress_type=zipfile.ZIP_STORED)
        archive.writestr("good.txt", STORY)
    items = read_bytes(buf.getvalue(), "big.zip", "file")
    assert isinstance(items[0], UnsafeInputError) and "big.zip!huge.txt" in str(items[0])
    assert isinstance(items[1], SourceDocument)


def test_a_tiny_member_declaring_a_huge_size_refuses_the_archive() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(12):  # the shape of the reported attack: 12 members of 24 MB in a small zip
            archive.writestr(f"zeros-{n:02d}.txt", b"0" * (24 * 1024 * 1024))
    tracemalloc.start()
    with pytest.raises(UnsafeInputError, match=r"zeros-00\.txt.*bomb"):
        read_bytes(buf.getvalue(), "small.zip", "file")
    assert tracemalloc.get_traced_memory()[1] < 16 * 1024 * 1024
    tracemalloc.stop()


def test_many_large_members_keep_memory_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_MEMBER_BYTES", 1024 * 1024)
    monkeypatch.setattr(reader, "MAX_ARCHIVE_TOTAL", 4 * 1024 * 1024)
    buf = io.BytesIO()
    member = (STORY * 3000)[: 1000 * 1024]  # just under the member limit, compresses to little
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(12):
            archive.writestr(f"part-{n:02d}.txt", member)
    data = buf.getvalue()
    tracemalloc.start()
    items = read_bytes(data, "many.zip", "file")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert isinstance(items[-1], UnsafeInputError) and "8 member(s) not read" in str(items[-1])
    assert sum(isinstance(i, SourceDocument) for i in items) == 4
    assert peak < 6 * reader.MAX_ARCHIVE_TOTAL  # what is read, its text and parsing; not the archive size


def _flate_bomb_pdf() -> bytes:
    """A one-page PDF whose content stream inflates to far more than pypdf's output limit."""
    stream = zlib.compress(b"0" * (120 * 1024 * 1024), 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_a_flate_bomb_pdf_is_one_error_line() -> None:
    with pytest.raises(SourceError, match=r"^bomb\.pdf: refused"):
        read_pdf(_flate_bomb_pdf(), "bomb.pdf", "file")
