"""Every parser, fed any bytes, either returns or raises the project's own one-line error: never a traceback.

A short deterministic hypothesis sample of bench/fuzz.py's targets; `bench/fuzz.py` runs the long version.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from watchkeeper.errors import WatchkeeperError

# bench/ is not a package; its harness holds the targets and samples.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import fuzz

# Parsers the harness found a traceback in, with the reason; the property is kept as a strict xfail.
KNOWN: dict[str, str] = {
    "feed": "feedparser raises UnicodeDecodeError or ValueError on a bad encoding= pseudo-attribute",
}


def _zip_version(version: int) -> bytes:
    """The sample zip with its central directory asking for a newer extract version than Python reads."""
    data = bytearray(fuzz.ZIP)
    central = data.find(b"PK\x01\x02")
    data[central + 6] = version
    return bytes(data)


# Concrete inputs found by bench/fuzz.py that still end in a traceback: (parser, input, what escapes).
KNOWN_INPUTS = [
    ("feed", b'<?encoding="\x80"?>', "a non-ASCII encoding name: UnicodeDecodeError from feedparser"),
    ("feed", b'<?encoding="\x00"?>', "a NUL encoding name: ValueError from feedparser"),
]
_SETTINGS = settings(
    max_examples=120,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
_OP = st.tuples(
    st.sampled_from(fuzz.OPS),
    st.integers(0, 1 << 16),
    st.one_of(st.sampled_from(fuzz.NASTY), st.binary(min_size=1, max_size=16)),
)


def _inputs(target: fuzz.Target) -> st.SearchStrategy[bytes]:
    mutated = st.builds(fuzz.mutate, st.sampled_from(target.samples), st.lists(_OP, min_size=1, max_size=5))
    return st.one_of(st.binary(max_size=600), mutated)


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="wk-fuzz-") as tmp:
        yield Path(tmp)


def _params() -> list[object]:
    return [
        pytest.param(t, id=t.name, marks=[pytest.mark.xfail(strict=True, reason=KNOWN[t.name])])
        if t.name in KNOWN
        else pytest.param(t, id=t.name)
        for t in fuzz.TARGETS
    ]


@pytest.mark.parametrize("target", fuzz.TARGETS, ids=[t.name for t in fuzz.TARGETS])
def test_valid_sample_parses(target: fuzz.Target, scratch: Path) -> None:
    for sample in target.samples:
        target.parse(sample, scratch)


@pytest.mark.parametrize("target", _params())
def test_any_bytes_parse_or_raise_one_line_user_error(target: fuzz.Target, scratch: Path) -> None:
    @_SETTINGS
    @given(data=_inputs(target))
    def check(data: bytes) -> None:
        try:
            target.parse(data, scratch)
        except Exception as exc:
            if fuzz.is_traceback(exc):
                kind = "multi-line " if isinstance(exc, WatchkeeperError) else ""
                raise AssertionError(f"{target.name}: {kind}{type(exc).__name__} on {data[:80]!r}") from exc

    check()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        pytest.param(n, d, id=f"{n}-{i}", marks=pytest.mark.xfail(strict=True, reason=r))
        for i, (n, d, r) in enumerate(KNOWN_INPUTS)
    ],
)
def test_known_hostile_input_is_one_line_user_error(name: str, data: bytes, scratch: Path) -> None:
    [target] = [t for t in fuzz.TARGETS if t.name == name]
    try:
        target.parse(data, scratch)
    except Exception as exc:
        assert not fuzz.is_traceback(exc), f"{type(exc).__name__}: {str(exc)[:200]}"


# Inputs the harness found escaping as tracebacks, fixed since: they must stay one-line user errors.
FIXED_INPUTS = [
    ("ftm_jsonl", fuzz.FTM_JSONL.replace(b'"SAMPLE"', b"1" * 5000)),  # past Python's integer digit limit
    ("un_xml", fuzz.UN_XML.replace(b"UTF-8", b"TTF-8", 1)),  # an encoding Python does not know
    ("regime_yaml", fuzz.REGIME_YAML + b"\x00"),  # a reader error whose message spanned lines
    ("reader_zip_gz", _zip_version(135)),  # a zip format newer than zipfile reads
]


@pytest.mark.parametrize(("name", "data"), FIXED_INPUTS, ids=[n for n, _ in FIXED_INPUTS])
def test_fixed_hostile_input_stays_a_one_line_user_error(name: str, data: bytes, scratch: Path) -> None:
    [target] = [t for t in fuzz.TARGETS if t.name == name]
    with pytest.raises(Exception) as caught:
        target.parse(data, scratch)
    assert not fuzz.is_traceback(caught.value), f"{type(caught.value).__name__}: {str(caught.value)[:200]}"
