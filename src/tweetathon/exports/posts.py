"""Getting data back out: CSV with twarc-csv's default columns, JSONL of raw payloads. Streams; any size.

What is exported (`ExportScope`): the whole database, or one event's posts as its figures count them (collected,
not deleted, carrying an event hashtag, inside the window that applies to the author), optionally with the
event's other posts (linked to it at import but without its hashtags, or outside a participant's own window),
labelled in the `event_post` column. Deleted and withheld posts are never exported (figures still count a
withheld post: the summary says how many were left out).

Privacy (`privacy/pseudonyms.py`): an event export pseudonymises the public unless the event names them; then
JSONL gives, instead of raw payloads (which hold names, handles and ids of everyone they mention), one JSON object
per post with the CSV's columns, pseudonymised the same way. Spreadsheet safety (`spreadsheet.py`): CSV cells that
start like a formula get a leading `'` unless `raw_cells`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Any

import orjson
from sqlalchemy import Connection, RowMapping

from tweetathon import spreadsheet
from tweetathon.privacy.pseudonyms import Pseudonymiser, named
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
# tweetathon's own columns, after twarc-csv's: posts from every platform share one file. `event_post` says why a
# post of an event export is there: "counted" (in the event's figures), "context" (linked to the event at import,
# without its hashtags) or "outside window" (tagged, but outside the window that applies to its author).
EXTRA_CSV_COLUMNS: tuple[str, ...] = ("platform", "kind", "url", "event_post")
COUNTED, CONTEXT, OUTSIDE = "counted", "context", "outside window"


@dataclass(frozen=True, slots=True)
class ExportScope:
    """What to export and how: `counted` holds the (platform, post id) of the event's counted posts (None: every
    collected post of the database); `names` pseudonymises; `participant_posts` are ids a reference may keep."""

    event: str | None = None
    counted: frozenset[tuple[str, str]] | None = None
    include_context: bool = False
    raw_cells: bool = False
    names: Pseudonymiser = field(default_factory=named)
    participant_posts: frozenset[tuple[str, str]] = frozenset()


@dataclass(slots=True)
class ExportSummary:
    """How many posts were written, of which counted by the figures and context; withheld posts left out."""

    written: int = 0
    counted: int = 0
    context: int = 0
    outside_window: int = 0
    withheld_left_out: int = 0
    without_payload: int = 0
    notes: list[str] = field(default_factory=list)  # what a format other than posts wrote, said in words


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


class _Hider:
    """Replaces the public's names, handles and ids in one row's values (when the event pseudonymises)."""

    def __init__(self, scope: ExportScope) -> None:
        self.names = scope.names
        self.keep = scope.participant_posts

    def reference(self, platform: str, post_id: str | None, author_hidden: bool | None = None) -> str | None:
        if not post_id or (platform, post_id) in self.keep or author_hidden is False:
            return post_id
        return self.names.pseudo_id(platform, post_id)

    def mentions(self, platform: str, stored: str) -> str | None:
        shown = [self.names.mention(platform, m) or "@" + m for m in stored.split()]
        return orjson.dumps(shown).decode() if shown else None

    def __call__(self, row: RowMapping, values: dict[str, Any]) -> dict[str, Any]:
        if not self.names.enabled:
            return values
        n, platform = self.names, row["platform"]
        hidden = n.hides(platform, row["author_id"], row["author_handle"])
        replied_hidden = (n.hides(platform, row["in_reply_to_author_id"], None)
                          if row["in_reply_to_author_id"] else None)
        author_id = n.account_id(platform, row["author_id"], row["author_handle"])
        values.update({
            "id": self.reference(platform, row["post_id"], hidden), "text": n.text(platform, row["text"] or ""),
            "conversation_id": self.reference(platform, row["conversation_id"]),
            "referenced_tweets.replied_to.id": self.reference(platform, row["in_reply_to_post_id"], replied_hidden),
            "referenced_tweets.retweeted.id": self.reference(platform, row["repost_of_id"]),
            "referenced_tweets.quoted.id": self.reference(platform, row["quote_of_id"]),
            "author_id": author_id, "author.id": author_id,
            "in_reply_to_user_id": n.account_id(platform, row["in_reply_to_author_id"]),
            "author.username": n.label(platform, row["author_id"], row["author_handle"]),
            "entities.mentions": self.mentions(platform, row["mentions"] or ""),
        })
        if hidden:
            values.update({"author.name": values["author.username"], "author.description": None,
                           "author.location": None, "url": None})
        return values


def _event_post(row: RowMapping, scope: ExportScope, tags: tuple[str, ...]) -> str:
    if scope.counted is None:
        return ""
    if (row["platform"], row["post_id"]) in scope.counted:
        return COUNTED
    return OUTSIDE if any(f" {t} " in (row["hashtags"] or " ") for t in tags) else CONTEXT


def exported_rows(store: Store, conn: Connection, scope: ExportScope,
          summary: ExportSummary) -> Iterator[tuple[RowMapping, dict[str, Any]]]:
    """The exported posts in time order, each with its (pseudonymised) CSV values; counts into `summary`."""
    ev = store.get_event(scope.event) if scope.event else None
    tags = tuple(t.lstrip("#").lower() for t in ev.hashtags) if ev else ()
    hide = _Hider(scope)
    for row in queries.iter_post_rows(conn, ev, store.event_id(scope.event) if scope.event else None):
        role = _event_post(row, scope, tags)
        if role and role != COUNTED and not scope.include_context:
            continue
        if row["withheld"]:
            summary.withheld_left_out += role in ("", COUNTED)
            continue
        summary.written += 1
        summary.counted += role == COUNTED
        summary.context += role == CONTEXT
        summary.outside_window += role == OUTSIDE
        yield row, {**hide(row, _csv_values(row)), "event_post": role}


def write_csv(store: Store, scope: ExportScope, out: IO[bytes]) -> ExportSummary:
    """CSV, UTF-8, ids as text, multi-line text in one field; formula-like cells neutralised unless raw."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.DictWriter(text, fieldnames=[*TWARC_CSV_COLUMNS, *EXTRA_CSV_COLUMNS], extrasaction="ignore",
                            quoting=spreadsheet.quoting(scope.raw_cells))
    writer.writeheader()
    summary = ExportSummary()
    with store.engine.connect() as conn:
        for _row, values in exported_rows(store, conn, scope, summary):
            writer.writerow(spreadsheet.cells(values, scope.raw_cells))
    text.flush()
    text.detach()
    return summary


def write_jsonl(store: Store, scope: ExportScope, out: IO[bytes]) -> ExportSummary:
    """One raw payload per line, exactly as received (key order kept); when the event pseudonymises the public,
    one object per post with the CSV's columns instead (raw payloads name everyone they mention)."""
    summary = ExportSummary()
    with store.engine.connect() as conn:
        for row, values in exported_rows(store, conn, scope, summary):
            if scope.names.enabled:
                out.write(orjson.dumps({k: v for k, v in values.items() if v not in (None, "")}) + b"\n")
                continue
            payload = decompress(row["raw"])
            if payload is None:  # purged, or never kept: nothing to give back
                summary.without_payload += 1
                continue
            out.write(orjson.dumps(payload) + b"\n")
    out.flush()
    return summary


def event_export(store: Store, slug: str, include_context: bool = False, raw_cells: bool = False) -> ExportScope:
    """The scope of an export of event `slug`: its counted posts (as `analysis.event_scope` selects them), its
    privacy setting and participants, and the ids of participants' posts (references to them are kept)."""
    from tweetathon import analysis
    from tweetathon.privacy.scope import scope_pseudonymiser
    from tweetathon.store.privacy import event_privacy, participant_post_ids

    scope = analysis.event_scope(store, slug)
    counted = frozenset(row.key for row in scope.event_posts)
    names = scope_pseudonymiser(event_privacy(store, slug), scope)
    kept = participant_post_ids(store, names) if names.enabled else frozenset()
    return ExportScope(slug, counted, include_context, raw_cells, names, kept)


WRITERS: dict[str, Callable[[Store, ExportScope, IO[bytes]], ExportSummary]] = {
    "csv": write_csv, "jsonl": write_jsonl}
