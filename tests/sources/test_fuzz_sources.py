"""Property-based fuzzing (a fixed, derandomised budget): no input makes `map_record` or detection raise.

Payloads are built from each format's own valid records with fields replaced by odd values (huge numbers, far
times, wrong types, NUL bytes, deep nesting), so the mappers go deep instead of stopping at the first check.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hardening_data import (
    TAGS_HEADER,
    TWARC_CSV_HEADER,
    archive_item,
    bluesky_record,
    mastodon_status,
    tags_row,
    twarc2_tweet,
    twarc_csv_row,
    v1_status,
)
from tweetathon.model import AccountSnapshot, Deletion, Post, Reject
from tweetathon.sources.base import RawRecord
from tweetathon.sources.detect import UnknownFormat, detect
from tweetathon.sources.registry import by_name

ODD = (st.none() | st.booleans() | st.integers(-(10**30), 10**30) | st.floats()
       | st.text(max_size=30) | st.sampled_from(["99999999999999999999", "1" * 30, "\x00", "1999-01-01T00:00:00Z",
                                                  "2999-01-01T00:00:00Z", "Wed Mar 22 08:00:05 +0000 2999", "NA",
                                                  "-5", "at://did:plc:x/app.bsky.feed.post/1", "did:plc:x"])
       | st.just([]) | st.just({}))
VALUE = st.recursive(ODD, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                                       max_size=3), max_leaves=8)
FUZZ = settings(max_examples=60, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _mutate(value: Any, draw: Any) -> Any:
    """`value` with some of its fields (at any depth) replaced by odd values."""
    if isinstance(value, dict):
        out = {k: (draw(VALUE) if draw(st.integers(0, 3)) == 0 else _mutate(v, draw)) for k, v in value.items()}
        if draw(st.booleans()):
            out[draw(st.sampled_from(list(value) or ["x"]))] = draw(VALUE)
        return out
    if isinstance(value, list):
        return [_mutate(v, draw) for v in value]
    return value


@st.composite
def payloads(draw: Any, base: Any) -> Any:
    if draw(st.integers(0, 9)) == 0:
        return draw(VALUE)
    return _mutate(base, draw)


def _deep(levels: int) -> dict[str, Any]:
    value: dict[str, Any] = {"note": "no id"}
    for _ in range(levels):
        value = {"x": value}
    return value


BASES: dict[str, Any] = {
    "twarc2": {"data": [twarc2_tweet(1, public_metrics={"retweet_count": -3}, referenced_tweets=[
        {"type": "quoted", "id": "5"}])], "includes": {"users": [{"id": "42", "username": "gmp"}]},
        "__twarc": {"retrieved_at": "2023-03-23T00:00:00+00:00"}},
    "x-v1": [v1_status(1, retweeted_status=v1_status(2), entities={"hashtags": [{"text": "a"}]})],
    "x-archive": archive_item(1) | {"owner": {"accountId": "42", "username": "gmp"}, "placeholder": "p",
                                    "observed": "2023-03-23T00:00:00Z"},
    "mastodon": [mastodon_status(1, reblog=mastodon_status(2), tags=[{"name": "poltwt"}])],
    "bluesky": {"feed": [{"post": {"uri": "at://did:plc:x/app.bsky.feed.post/1", "cid": "c",
                                   "author": {"did": "did:plc:x", "handle": "a.b"},
                                   "record": bluesky_record(1)["value"]}}]},
    "tags-csv": dict(zip(TAGS_HEADER, tags_row(1), strict=True)),
    "twarc-csv": dict(zip(TWARC_CSV_HEADER, twarc_csv_row(1), strict=True)),
}


@pytest.mark.parametrize("name", sorted(BASES))
def test_no_exception_escapes_map_record(name: str) -> None:
    fmt = by_name(name)

    @FUZZ
    @given(payload=payloads(BASES[name]))
    def check(payload: Any) -> None:
        records = fmt.map_record(RawRecord(payload, "fuzz.json", 7, name))
        assert isinstance(records, list)
        for record in records:
            assert isinstance(record, Post | AccountSnapshot | Deletion | Reject)
            if isinstance(record, Reject):
                assert (record.file, record.line) == ("fuzz.json", 7) and record.reason

    check()
    deep = fmt.map_record(RawRecord({"data": _deep(990)} if name == "twarc2" else [_deep(990)], "f", 1, name))
    assert all(isinstance(r, Reject) for r in deep)


@FUZZ
@given(data=st.binary(max_size=300) | st.text(max_size=300).map(lambda t: t.encode("utf-8", "replace")),
       prefix=st.sampled_from([b"", b"[", b"{", b'{"data": [', b"window.YTD.tweets.part0 = [", b"id,created_at,text\n",
                               b"\xff\xfe", b"\x1f\x8b", b"BZh"]))
def test_detection_recognises_or_says_unknown(tmp_path: Path, data: bytes, prefix: bytes) -> None:
    path = tmp_path / "f.json"
    path.write_bytes(prefix + data)
    try:
        detect(path)
    except UnknownFormat:
        pass
    except (OSError, EOFError, ValueError) as exc:  # a broken compressed stream: the importer names the file
        assert prefix in (b"\x1f\x8b", b"BZh") or data[:2] == b"\x1f\x8b" or data[:3] == b"BZh", exc
