"""The local X API server (servers/x_server.py) is our own writing: its filtered-stream lines are checked here
against real recorded stream lines (twarc2/streaming_output_with_error.jsonl in the shared fixtures), so the
server cannot drift from what X sends. Compared: the envelope of a line (the same top-level keys; `data` one
object; `includes` a map of lists of objects; `matching_rules` a list of objects with the same keys) and every
key path the server emits inside them, which must exist in real X data with the same JSON type. Real tweet and
user objects are the same in stream lines and in search pages, so the key paths are collected from every real
twarc2 response of the fixtures (the stream recording is from 2021, before `edit_history_tweet_ids` existed).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import orjson

from tests.capture.servers.x_server import XWorld, make_tweets, serve_x, start_time
from tests.conftest import require_fixtures

TOKEN = "realism-token-2c4f"
TWARC_PROVENANCE = "__twarc"   # added by twarc when it saves a line, not sent by X
# Where the recording alone cannot settle a type: the 2021 recording carries a rule's id as a JSON number, today's
# API documentation (and the rules endpoint) as a string; its rule had no tag (null), ours have one (a string).
# Our capture reads neither field.
ACCEPTED = {"matching_rules[].id": {"int", "str"}, "matching_rules[].tag": {"null", "str"}}


def json_type(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def key_paths(value: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(path, JSON type) of every value inside `value`: `data.entities.hashtags[].tag` -> str."""
    yield prefix, json_type(value)
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from key_paths(inner, f"{prefix}.{key}" if prefix else key)
    elif isinstance(value, list):
        for inner in value:
            yield from key_paths(inner, f"{prefix}[]")


def real_lines(path: Path) -> list[dict[str, Any]]:
    lines = []
    for raw in path.read_bytes().splitlines():
        try:
            line = orjson.loads(raw)
        except orjson.JSONDecodeError:
            continue   # the recording's last line is cut off on purpose
        line.pop(TWARC_PROVENANCE, None)
        lines.append(line)
    return lines


def real_types(folder: Path) -> dict[str, set[str]]:
    """Types seen at every path of real tweets and users, as a stream line holds them (`data` one tweet)."""
    seen: dict[str, set[str]] = defaultdict(set)
    for path in sorted(folder.glob("*.jsonl")):
        for line in real_lines(path):
            tweets = line.get("data")
            for tweet in tweets if isinstance(tweets, list) else [tweets] if isinstance(tweets, dict) else []:
                for key, kind in key_paths(tweet, "data"):
                    seen[key].add(kind)
            for key, kind in key_paths(line.get("includes") or {}, "includes"):
                seen[key].add(kind)
            for key, kind in key_paths(line.get("matching_rules") or [], "matching_rules"):
                seen[key].add(kind)
    return seen


def our_stream_lines(count: int) -> list[dict[str, Any]]:
    """`count` lines of our server's filtered stream, for an event with replies (referenced tweets)."""
    tweets, users = make_tweets(count, "gmp24", start_time(), reply_to={3: 1, 5: 2})
    for i in (3, 5):   # replies that carry the hashtag too, so the stream sends them
        tweets[i]["entities"] = {"hashtags": [{"start": 0, "end": 6, "tag": "gmp24"}]}
    world = XWorld(TOKEN, tweets, users)
    lines: list[dict[str, Any]] = []
    with serve_x(world) as url, httpx.Client(headers={"Authorization": f"Bearer {TOKEN}"}) as client:
        client.post(f"{url}/2/tweets/search/stream/rules",
                    json={"add": [{"value": "#gmp24", "tag": "tweetathon:live"}]}).raise_for_status()
        world.rate = 50.0
        with client.stream("GET", f"{url}/2/tweets/search/stream", timeout=10) as response:
            for raw in response.iter_lines():
                if raw.strip():
                    lines.append(orjson.loads(raw))
                if len(lines) == count:
                    break
    return lines


def test_our_stream_lines_have_the_envelope_of_real_ones() -> None:
    real = real_lines(require_fixtures("twarc2") / "streaming_output_with_error.jsonl")
    ours = our_stream_lines(8)
    assert len(real) == 7 and len(ours) == 8
    for line in real + ours:
        assert set(line) == {"data", "includes", "matching_rules"}
        assert isinstance(line["data"], dict) and isinstance(line["data"]["id"], str)
        assert all(isinstance(v, list) and all(isinstance(o, dict) for o in v) for v in line["includes"].values())
        assert isinstance(line["matching_rules"], list) and line["matching_rules"]
    real_include_keys = set().union(*(set(line["includes"]) for line in real))
    assert set().union(*(set(line["includes"]) for line in ours)) <= real_include_keys
    assert {frozenset(r) for line in ours for r in line["matching_rules"]} == \
        {frozenset(r) for line in real for r in line["matching_rules"]} == {frozenset({"id", "tag"})}


def test_every_key_our_stream_sends_exists_in_real_x_data_with_the_same_type() -> None:
    real = real_types(require_fixtures("twarc2"))
    ours: dict[str, set[str]] = defaultdict(set)
    for line in our_stream_lines(8):
        for key, kind in key_paths(line):
            if key:
                ours[key].add(kind)
    unknown = sorted(k for k in ours if k not in real)
    assert unknown == [], f"keys real X data never has: {unknown}"
    wrong = {k: (ours[k], real[k]) for k in ours if not ours[k] <= ACCEPTED.get(k, real[k])}
    assert wrong == {}, f"types that differ from real X data (ours, real): {wrong}"
    # and the server sends the fields capture relies on, as real lines do
    for key in ("data.id", "data.author_id", "data.created_at", "data.text", "data.conversation_id",
                "data.entities.hashtags[].tag", "data.public_metrics.like_count", "includes.users[].id",
                "includes.users[].username", "includes.users[].public_metrics.followers_count",
                "data.referenced_tweets[].type", "data.referenced_tweets[].id"):
        assert key in ours and key in real, key
