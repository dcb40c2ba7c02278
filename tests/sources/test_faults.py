"""A parser fault on one input is that input's error, never the batch's."""

from __future__ import annotations

import io
import zipfile

import pytest

import watchkeeper.sources.inputs as inputs_module
import watchkeeper.sources.reader as reader_module
from watchkeeper.sources.document import SourceDocument, SourceError
from watchkeeper.sources.inputs import RawInput
from watchkeeper.sources.reader import read_bytes

TEXT = b"The harbour master said two ships left port on Monday night without clearance."


def test_a_parser_crash_becomes_the_inputs_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(*args: object, **kwargs: object) -> list[SourceDocument]:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(inputs_module, "read_bytes", crash)
    [item] = RawInput("deep.html", "file", b"<html></html>").read()
    assert isinstance(item, SourceError) and "RecursionError" in str(item) and "deep.html" in str(item)


def test_a_crash_on_one_archive_member_leaves_the_others(monkeypatch: pytest.MonkeyPatch) -> None:
    real = reader_module.read_one

    def fragile(data: bytes, locator: str, kind: str, content_type: str) -> SourceDocument:
        if locator.endswith("bad.txt"):
            raise IndexError("list index out of range")
        return real(data, locator, kind, content_type)

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("good.txt", TEXT)
        archive.writestr("bad.txt", TEXT + b" Again.")
    monkeypatch.setattr(reader_module, "read_one", fragile)
    items = read_bytes(buffer.getvalue(), "batch.zip", "file")
    assert [type(item).__name__ for item in items] == ["SourceDocument", "SourceError"]
