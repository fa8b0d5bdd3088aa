"""Bounded reading: lines and array items of any size come out one at a time, each within the record limit."""

from __future__ import annotations

import bz2
import gzip
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tweetathon.model import Reject
from tweetathon.sources import reading
from tweetathon.sources.base import RawRecord, iter_json_values
from tweetathon.sources.reading import LimitExceeded, Limits, open_bytes

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-2**63, 2**64 - 1) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.sampled_from('ab"\\]}[{,: \n\té\u2028'), max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4),
    max_leaves=12)


def values(path: Path, limits: Limits = reading.DEFAULT_LIMITS) -> list[Any]:
    out: list[Any] = []
    for item in iter_json_values(path, "test", limits):
        out.append(item.payload if isinstance(item, RawRecord) else item)
    return out


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=st.lists(JSON, max_size=6), indent=st.booleans())
def test_array_items_come_out_whole_whatever_the_chunk_boundaries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  items: list[Any], indent: bool) -> None:
    """Every item of an array (strings holding brackets, quotes and escapes included) is split exactly where
    the JSON says, even when read 3 bytes at a time (a chunk boundary inside every string and escape)."""
    monkeypatch.setattr(reading, "CHUNK", 3)
    path = tmp_path / "a.json"
    path.write_bytes(orjson.dumps(items, option=orjson.OPT_INDENT_2 if indent else 0))
    assert values(path) == items


def test_an_item_over_the_limit_is_one_reject_and_the_next_items_still_come(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "CHUNK", 64)
    path = tmp_path / "a.json"
    big = {"big": "x" * 5000, "more": ["]" * 300]}
    path.write_bytes(orjson.dumps([{"a": 1}, big, "s" * 3000, {"b": 2}]))
    out = values(path, Limits(max_record_bytes=1000))
    assert out[0] == {"a": 1} and out[3] == {"b": 2}
    assert [(r.line, r.reason) for r in out[1:3]] == [(2, "record too long"), (3, "record too long")]
    assert f"{len(orjson.dumps(big)):,}+ bytes" in out[1].detail and "--max-record-bytes" in out[1].detail


def test_lines_over_the_limit_bom_crlf_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"n": 1}\r\n\r\n{"n": "' + b"x" * 3000 + b'"}\r\n{"n": 3}')
    out = values(path, Limits(max_record_bytes=1000))
    assert out[0] == {"n": 1} and out[2] == {"n": 3}
    assert isinstance(out[1], Reject) and (out[1].line, out[1].reason) == (3, "record too long")


def test_arrays_one_per_line_and_a_cut_off_array(tmp_path: Path) -> None:
    lines = tmp_path / "pages.jsonl"
    lines.write_bytes(b'[{"n": 1}, {"n": 2}]\n[{"n": 3}]\n')
    assert values(lines) == [[{"n": 1}, {"n": 2}], [{"n": 3}]]
    cut = tmp_path / "cut.json"
    cut.write_bytes(b'[{"n": 1}, {"n": 2}, {"n": ')
    out = values(cut)
    assert out[:2] == [{"n": 1}, {"n": 2}]
    assert isinstance(out[2], Reject) and "not closed" in out[2].detail


@pytest.mark.parametrize("compress", [gzip.compress, bz2.compress])
def test_decompressed_size_and_ratio_limits(tmp_path: Path, compress: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "z.jsonl.gz"
    path.write_bytes(compress(b'{"n": 1}\n' * 200_000))  # 1.8 MB decompressed, highly compressible
    with pytest.raises(LimitExceeded, match="decompresses to more than 1,000,000 bytes"):
        values(path, Limits(max_decompressed_bytes=1_000_000))
    assert len(values(path)) == 200_000  # the defaults: judged only past 64 MiB
    monkeypatch.setattr(reading, "RATIO_FLOOR", 0)
    monkeypatch.setattr(reading, "CHECK_EVERY", 1000)
    with pytest.raises(LimitExceeded, match="compression bomb"):
        values(path, Limits(max_ratio=5))


def test_limits_come_from_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TWEETATHON_MAX_RECORD_BYTES", "12345")
    monkeypatch.setenv("TWEETATHON_MAX_COMPRESSION_RATIO", "250")
    assert Limits.from_env() == Limits(max_record_bytes=12345, max_ratio=250.0)
    assert Limits.from_env(999).max_record_bytes == 999


def test_plain_files_have_no_ratio(tmp_path: Path) -> None:
    path = tmp_path / "plain.jsonl"
    path.write_bytes(b'{"n": 1}\n' * 10)
    with open_bytes(path) as fh:
        assert fh.raw is None
        fh.check()  # nothing to judge: never raises
