"""Hostile or broken XML is refused with a clear error before anything is expanded or stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.lists.conftest import BUNDLED_XML
from watchkeeper.errors import InputFileError, UnsafeInputError
from watchkeeper.lists.un_xml import parse_un_xml

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&lol9;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS>
</CONSOLIDATED_LIST>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE list [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&secret;</FIRST_NAME>
<REFERENCE_NUMBER>KPi.999</REFERENCE_NUMBER></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>
"""

EXTERNAL_DTD = """<?xml version="1.0"?>
<!DOCTYPE CONSOLIDATED_LIST SYSTEM "http://127.0.0.1:9/evil.dtd">
<CONSOLIDATED_LIST/>
"""


@pytest.mark.parametrize(
    "text", [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_DTD], ids=["billion-laughs", "xxe", "external-dtd"]
)
def test_hostile_xml_is_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "hostile.xml"
    path.write_text(text)
    with pytest.raises(UnsafeInputError, match="refused") as info:
        parse_un_xml(path)
    assert str(path) in str(info.value)


def test_truncated_xml_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "truncated.xml"
    data = BUNDLED_XML.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(InputFileError) as info:
        parse_un_xml(path)
    assert not isinstance(info.value, UnsafeInputError)
    expected_line = data[: len(data) // 3].count(b"\n") + 1
    assert info.value.line is not None and abs(info.value.line - expected_line) <= 1
    assert f"line {info.value.line}" in str(info.value)


def test_malformed_xml(tmp_path: Path) -> None:
    path = tmp_path / "bad.xml"
    path.write_text("<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n</ENTITIES>\n")
    with pytest.raises(InputFileError, match="line 3"):
        parse_un_xml(path)


def test_other_xml_is_not_a_list(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text("<rss><channel/></rss>")
    with pytest.raises(InputFileError, match="not a UN Consolidated List"):
        parse_un_xml(path)


def test_bad_listing_date_names_reference_and_field(tmp_path: Path) -> None:
    path = tmp_path / "date.xml"
    path.write_text(
        "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>X</FIRST_NAME><UN_LIST_TYPE>DPRK"
        "</UN_LIST_TYPE><REFERENCE_NUMBER>KPi.900</REFERENCE_NUMBER><LISTED_ON>30 Feb 2017</LISTED_ON>"
        "</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"
    )
    with pytest.raises(InputFileError, match=r"LISTED_ON.*KPi\.900"):
        parse_un_xml(path)


def test_cli_refuses_a_bomb_in_one_line_and_stores_nothing(sqlite_cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "bomb.xml"
    path.write_text(BILLION_LAUGHS)
    result = sqlite_cli("lists", "import-un", str(path))
    assert result.exit_code == 1
    assert "refused" in result.stderr and "Traceback" not in result.stderr
    assert sqlite_cli.ok("lists", "list", "--json").stdout == ""
