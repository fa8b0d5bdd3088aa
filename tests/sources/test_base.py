"""sources/base.py: the time parser, the id guard and the JSON reader every importer relies on."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tweetathon.model import Reject
from tweetathon.sources.base import RawRecord, id_str, iter_json_values, parse_time

offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
moments = st.datetimes(min_value=datetime(1975, 1, 1), max_value=datetime(2099, 12, 31), timezones=offsets)


@given(moments)
def test_iso_8601_round_trips_with_offset_and_z(moment: datetime) -> None:
    assert parse_time(moment.isoformat()) == moment
    utc = moment.astimezone(UTC)
    assert parse_time(utc.strftime("%Y-%m-%dT%H:%M:%S.%fZ")) == utc
    parsed = parse_time(utc.isoformat())
    assert parsed is not None and parsed.tzinfo is not None and parsed.utcoffset() == timedelta(0)


@given(moments.map(lambda m: m.replace(microsecond=0)))
def test_x_v1_and_rfc_2822_round_trip(moment: datetime) -> None:
    assert parse_time(moment.strftime("%a %b %d %H:%M:%S %z %Y")) == moment
    assert parse_time(format_datetime(moment)) == moment


@given(moments)
def test_epoch_seconds_and_milliseconds(moment: datetime) -> None:
    seconds = int(moment.timestamp())
    assert parse_time(seconds) == datetime.fromtimestamp(seconds, tz=UTC)
    millis = int(moment.timestamp() * 1000)
    assert parse_time(millis) == datetime.fromtimestamp(millis / 1000, tz=UTC)
    assert parse_time(str(seconds)) == datetime.fromtimestamp(seconds, tz=UTC)


def test_naive_times_are_utc_and_missing_ones_none() -> None:
    assert parse_time("2013-03-22T08:00:00") == datetime(2013, 3, 22, 8, tzinfo=UTC)
    assert parse_time("2013-03-22 08:00:00") == datetime(2013, 3, 22, 8, tzinfo=UTC)
    assert [parse_time(v) for v in (None, "", "NA")] == [None, None, None]
    with pytest.raises(ValueError):
        parse_time("yesterday at noon")


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_id_str_never_accepts_a_float(value: float) -> None:
    with pytest.raises(ValueError, match="float"):
        id_str(value)


@given(st.integers(min_value=0, max_value=2**64))
def test_id_str_keeps_every_digit(value: int) -> None:
    assert id_str(value) == str(value) == id_str(str(value))


def test_id_str_of_missing_values() -> None:
    assert [id_str(v) for v in (None, "", "NA")] == [None, None, None]
    assert id_str("1225122317849657345") == "1225122317849657345"  # > 2**53


# Non-empty objects: a cut-off "{}" would leave a line that is only "{", which reads as the start of one
# pretty-printed document (see base._looks_pretty) rather than as a broken line.
json_objects = st.dictionaries(st.text(max_size=5), st.integers(-(2**63), 2**63 - 1) | st.text(max_size=10)
                               | st.none(), min_size=1, max_size=4)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(json_objects, st.booleans()), min_size=1, max_size=20))
def test_jsonl_bad_lines_are_rejects_at_their_line_and_the_rest_is_read(
        tmp_path_factory: pytest.TempPathFactory, lines: list[tuple[dict[str, Any], bool]]) -> None:
    path = tmp_path_factory.mktemp("jsonl") / "capture.jsonl"
    text = [orjson.dumps(value)[:-1] if broken else orjson.dumps(value) for value, broken in lines]
    path.write_bytes(b"\n".join(text) + b"\n")
    got = list(iter_json_values(path, "test"))
    expected_rejects = [n for n, (_, broken) in enumerate(lines, start=1) if broken]
    assert [r.line for r in got if isinstance(r, Reject)] == expected_rejects
    assert [(r.line, r.payload) for r in got if isinstance(r, RawRecord)] == [
        (n, value) for n, (value, broken) in enumerate(lines, start=1) if not broken]


def test_array_pretty_document_blank_lines_empty_and_gzip(tmp_path: Path) -> None:
    array = tmp_path / "a.json"
    array.write_bytes(orjson.dumps([{"a": 1}, {"a": 2}], option=orjson.OPT_INDENT_2))
    assert [(r.line, r.payload) for r in iter_json_values(array, "t")] == [(1, {"a": 1}), (2, {"a": 2})]
    pretty = tmp_path / "p.json"
    pretty.write_bytes(orjson.dumps({"statuses": [{"a": 1}]}, option=orjson.OPT_INDENT_2))
    assert [r.payload for r in iter_json_values(pretty, "t")] == [{"statuses": [{"a": 1}]}]
    blank = tmp_path / "b.jsonl"
    blank.write_bytes(b'\n{"a": 1}\n\n{"a": 2}\n')
    assert [r.line for r in iter_json_values(blank, "t")] == [2, 4]
    empty = tmp_path / "e.json"
    empty.write_bytes(b"")
    assert list(iter_json_values(empty, "t")) == []
    packed = tmp_path / "g.jsonl.gz"
    packed.write_bytes(gzip.compress(b'{"a": 1}\n{"a": 2}\n'))
    assert [r.payload for r in iter_json_values(packed, "t")] == [{"a": 1}, {"a": 2}]
