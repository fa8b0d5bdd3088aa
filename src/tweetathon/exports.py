"""Getting data back out: JSONL of raw payloads, CSV with twarc-csv's default columns. Streams; any size."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import datetime
from typing import IO, Any

import orjson
from sqlalchemy import RowMapping

from tweetathon.store import queries
from tweetathon.store.store import Store
from tweetathon.store.writer import decompress

# twarc-csv 0.7.2's DEFAULT_TWEET_COLUMNS (dataframe_converter.py), in its order: a twarc-csv user's scripts
# read our CSV unchanged. Columns the canonical model cannot fill stay empty (never guessed).
TWARC_CSV_COLUMNS: tuple[str, ...] = (
    "id", "conversation_id", "referenced_tweets.replied_to.id", "referenced_tweets.retweeted.id",
    "referenced_tweets.quoted.id", "author_id", "in_reply_to_user_id", "in_reply_to_username",
    "retweeted_user_id", "retweeted_username", "quoted_user_id", "quoted_username", "created_at", "text",
    "lang", "source", "public_metrics.impression_count", "public_metrics.reply_count",
    "public_metrics.retweet_count", "public_metrics.quote_count", "public_metrics.like_count",
    "public_metrics.bookmark_count", "reply_settings", "edit_history_tweet_ids",
    "edit_controls.edits_remaining", "edit_controls.editable_until", "edit_controls.is_edit_eligible",
    "possibly_sensitive", "withheld.scope", "withheld.copyright", "withheld.country_codes",
    "entities.annotations", "entities.cashtags", "entities.hashtags", "entities.mentions", "entities.urls",
    "context_annotations", "attachments.media", "attachments.media_keys", "attachments.poll.duration_minutes",
    "attachments.poll.end_datetime", "attachments.poll.id", "attachments.poll.options",
    "attachments.poll.voting_status", "attachments.poll_ids", "author.id", "author.created_at",
    "author.username", "author.name", "author.description", "author.entities.description.cashtags",
    "author.entities.description.hashtags", "author.entities.description.mentions",
    "author.entities.description.urls", "author.entities.url.urls", "author.url", "author.location",
    "author.pinned_tweet_id", "author.profile_image_url", "author.protected",
    "author.public_metrics.followers_count", "author.public_metrics.following_count",
    "author.public_metrics.listed_count", "author.public_metrics.tweet_count",
    "author.verified", "author.verified_type", "author.withheld.scope", "author.withheld.copyright",
    "author.withheld.country_codes", "geo.coordinates.coordinates", "geo.coordinates.type",
    "geo.country", "geo.country_code", "geo.full_name", "geo.geo.bbox", "geo.geo.type", "geo.id",
    "geo.name", "geo.place_id", "geo.place_type", "matching_rules", "__twarc.retrieved_at", "__twarc.url",
    "__twarc.version",
)
# tweetathon's own columns, after twarc-csv's: posts from every platform share one file.
EXTRA_CSV_COLUMNS: tuple[str, ...] = ("platform", "kind", "url")


def _json_list(items: str, prefix: str = "") -> str | None:
    """A space-delimited stored list as twarc-csv writes lists: JSON, hashtags with '#', mentions with '@'."""
    values = [prefix + item for item in items.split()]
    return orjson.dumps(values).decode() if values else None


def _twitter_time(value: datetime) -> str:
    """twarc-csv's created_at (`2020-04-19T19:22:23.000Z`); microseconds kept when a platform has them."""
    if value.microsecond % 1000:
        return value.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def _csv_values(row: RowMapping) -> dict[str, Any]:
    """Our columns for one post; what the canonical model cannot give stays empty (not guessed)."""
    kind = row["kind"]
    return {
        "id": row["post_id"], "conversation_id": row["conversation_id"],
        "referenced_tweets.replied_to.id": row["in_reply_to_post_id"],
        "referenced_tweets.retweeted.id": row["repost_of_id"],
        "referenced_tweets.quoted.id": row["quote_of_id"], "author_id": row["author_id"],
        "in_reply_to_user_id": row["in_reply_to_author_id"],
        "created_at": _twitter_time(row["created_at"]),
        "text": row["text"], "lang": row["lang"], "public_metrics.impression_count": row["impressions"],
        "public_metrics.reply_count": row["replies"], "public_metrics.retweet_count": row["reposts"],
        "public_metrics.quote_count": row["quotes"], "public_metrics.like_count": row["likes"],
        "public_metrics.bookmark_count": row["bookmarks"],
        "entities.hashtags": _json_list(row["hashtags"] or "", "#"),
        "entities.mentions": _json_list(row["mentions"] or "", "@"),
        "entities.urls": _json_list(row["urls"] or ""),
        "author.id": row["author_id"], "author.username": row["author_handle"], "author.name": row["author_name"],
        "author.description": row["author_description"], "author.location": row["author_location"],
        "author.public_metrics.followers_count": row["author_followers"] if row["author_followers"] is not None
        else row["author_followers_now"],
        "author.public_metrics.following_count": row["author_following"],
        "author.public_metrics.tweet_count": row["author_posts"],
        "withheld.scope": "tweet" if row["withheld"] else None,
        "geo.country_code": row["place_country"],
        "__twarc.retrieved_at": row["retrieved_at"].isoformat() if row["retrieved_at"] else None,
        "kind": kind, "platform": row["platform"], "url": row["url"],
    }


def write_csv(store: Store, event: str | None, out: IO[bytes]) -> int:
    """CSV, UTF-8, every field quoted where needed (multi-line text stays in one field), ids as text."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.DictWriter(text, fieldnames=[*TWARC_CSV_COLUMNS, *EXTRA_CSV_COLUMNS], extrasaction="ignore")
    writer.writeheader()
    count = 0
    ev = store.get_event(event) if event else None
    with store.engine.connect() as conn:
        for row in queries.iter_post_rows(conn, ev, store.event_id(event) if event else None):
            writer.writerow(_csv_values(row))
            count += 1
    text.flush()
    text.detach()
    return count


def write_jsonl(store: Store, event: str | None, out: IO[bytes]) -> int:
    """One raw payload per line, exactly as it was received (key order kept)."""
    count = 0
    ev = store.get_event(event) if event else None
    with store.engine.connect() as conn:
        for row in queries.iter_post_rows(conn, ev, store.event_id(event) if event else None):
            payload = decompress(row["raw"])
            if payload is not None:
                out.write(orjson.dumps(payload) + b"\n")
                count += 1
    out.flush()
    return count


WRITERS: dict[str, Callable[[Store, str | None, IO[bytes]], int]] = {"csv": write_csv, "jsonl": write_jsonl}
