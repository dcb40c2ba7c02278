"""Korean names in the PDF: drawn when a Hangul font is installed (CI installs fonts-nanum), else named."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import IN_CI
from watchkeeper.report.render import covered_characters, drawable, write_pdf

HANGUL = "김정은"


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_hangul_is_drawn_in_the_pdf(tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    if not all(ord(c) in covered_characters() for c in HANGUL):
        if IN_CI:
            pytest.fail("CI installs fonts-nanum, yet no installed font covers Hangul")
        pytest.skip("no installed font covers Hangul (apt-get install fonts-nanum)")
    out = tmp_path / "korean.pdf"
    write_pdf(f"<html><body><p>Kim Jong Un ({HANGUL}) inspected the launch.</p></body></html>", out)
    assert HANGUL in _pdf_text(out)


def test_text_no_font_covers_is_named_not_drawn() -> None:
    undrawable = "".join(chr(c) for c in range(0x10FFF0, 0x10FFF4))  # private-use plane 16: no font has these
    assert drawable(f"<p>a {undrawable} b</p>") == "<p>a [Unknown text] b</p>"
