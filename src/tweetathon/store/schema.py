"""SQLAlchemy Core tables: the one store every command reads. Migrations in `store/migrations/` create them.

Times are stored in UTC (`UTCDateTime` returns aware datetimes on SQLite and PostgreSQL alike). Ids are text.
Hashtags and mentions are also kept on the post row as ' a b ' strings (lower-case, space-delimited, padded)
so a single row shows them; `post_hashtags` is the indexed form that event queries join on.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.sql.expression import true
from sqlalchemy.types import TypeDecorator

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always returned timezone-aware (SQLite keeps no zone of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: tweetathon stores aware UTC times only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)  # type: ignore[no-any-return]
        return value.astimezone(UTC)  # type: ignore[no-any-return]


ID = String(512)  # Bluesky at:// uris are ~70 characters, a repost id longer: 64 was too short on PostgreSQL
PLATFORM = String(16)

posts = Table(
    "posts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("platform", PLATFORM, nullable=False),
    Column("post_id", ID, nullable=False),
    Column("url", Text),
    Column("created_at", UTCDateTime, nullable=False),
    Column("author_id", ID, nullable=False),
    Column("author_handle", String(256)),
    Column("text", Text, nullable=False, default=""),
    Column("kind", String(12), nullable=False),
    Column("lang", String(16)),
    Column("lang_detected", String(16)),
    Column("in_reply_to_post_id", ID),
    Column("in_reply_to_author_id", ID),
    Column("conversation_id", ID),
    Column("repost_of_id", ID),
    Column("quote_of_id", ID),
    Column("edit_of_id", ID),
    Column("hashtags", Text, nullable=False, default=" "),
    Column("mentions", Text, nullable=False, default=" "),
    Column("urls", Text, nullable=False, default=""),
    Column("media_count", Integer, nullable=False, default=0),
    Column("likes", BigInteger),
    Column("reposts", BigInteger),
    Column("replies", BigInteger),
    Column("quotes", BigInteger),
    Column("impressions", BigInteger),
    Column("bookmarks", BigInteger),
    Column("author_followers", BigInteger),
    Column("place_country", String(2)),
    Column("observed_at", UTCDateTime),
    Column("collected", Boolean, nullable=False, default=True),
    Column("withheld", Boolean, nullable=False, default=False),
    Column("deleted", Boolean, nullable=False, default=False),
    Column("source_format", String(32), nullable=False),
    Column("source_file", Text),
    Column("source_line", Integer),
    Column("retrieved_at", UTCDateTime),
    Column("obs_hash", String(32), nullable=False),
    Column("raw", LargeBinary),
    Column("purged_at", UTCDateTime),  # when the text and raw payload were removed (`tweetathon purge`, retention)
    UniqueConstraint("platform", "post_id"),
    Index(None, "created_at"),
    Index(None, "platform", "author_id"),
    Index(None, "platform", "in_reply_to_post_id"),
    Index(None, "platform", "conversation_id"),
)

post_hashtags = Table(
    "post_hashtags",
    metadata,
    Column("platform", PLATFORM, primary_key=True),
    Column("post_id", ID, primary_key=True),
    Column("tag", String(140), primary_key=True),
    Index(None, "tag"),
)

accounts = Table(
    "accounts",
    metadata,
    Column("platform", PLATFORM, primary_key=True),
    Column("account_id", ID, primary_key=True),
    Column("handle", String(256)),
    Column("name", Text),
    Column("description", Text),
    Column("location", Text),
    Column("followers", BigInteger),
    Column("following", BigInteger),
    Column("posts", BigInteger),
    Column("created_at", UTCDateTime),
    Column("verified", Boolean),
    Column("url", Text),
    Column("observed_at", UTCDateTime, nullable=False),
    Column("deleted", Boolean, nullable=False, default=False),
    Index(None, "platform", "handle"),
)

account_snapshots = Table(
    "account_snapshots",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("platform", PLATFORM, nullable=False),
    Column("account_id", ID, nullable=False),
    Column("handle", String(256)),
    Column("name", Text),
    Column("description", Text),
    Column("location", Text),
    Column("followers", BigInteger),
    Column("following", BigInteger),
    Column("posts", BigInteger),
    Column("observed_at", UTCDateTime, nullable=False),
    Column("source_format", String(32), nullable=False),
    Column("raw", LargeBinary),
    UniqueConstraint("platform", "account_id", "observed_at"),
)

deletions = Table(
    "deletions",
    metadata,
    Column("platform", PLATFORM, primary_key=True),
    Column("target", String(8), primary_key=True),
    Column("target_id", ID, primary_key=True),
    Column("reason", String(64), nullable=False),
    Column("observed_at", UTCDateTime),
    Column("source_format", String(32), nullable=False),
)

import_runs = Table(
    "import_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("path", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("format", String(32), nullable=False),
    Column("event", String(64)),
    Column("tool_version", String(32)),
    Column("status", String(16), nullable=False),
    Column("started_at", UTCDateTime, nullable=False),
    Column("ended_at", UTCDateTime),
    Column("records", Integer, nullable=False, default=0),
    Column("posts_new", Integer, nullable=False, default=0),
    Column("posts_updated", Integer, nullable=False, default=0),
    Column("posts_unchanged", Integer, nullable=False, default=0),
    Column("referenced_new", Integer, nullable=False, default=0),
    Column("snapshots_new", Integer, nullable=False, default=0),
    Column("deletions", Integer, nullable=False, default=0),
    Column("rejects", Integer, nullable=False, default=0),
    Column("adjusted", Integer, nullable=False, default=0, server_default="0"),
)

rejects = Table(
    "rejects",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("import_runs.id"), nullable=False),
    Column("file", Text, nullable=False),
    Column("line", Integer),
    Column("reason", String(128), nullable=False),
    Column("detail", Text, nullable=False, default=""),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("slug", String(64), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("hashtags", Text, nullable=False),
    Column("kind", String(16), nullable=False, default="tweetathon"),
    Column("zone", String(64), nullable=False, default="UTC"),
    Column("start", UTCDateTime),
    Column("end", UTCDateTime),
    Column("local_start", String(5)),
    Column("local_date", String(10)),
    Column("duration_minutes", Integer),
    Column("rrule", Text),
    Column("time", String(5)),
    Column("description", Text, nullable=False, default="", server_default=""),
    Column("created_at", UTCDateTime, nullable=False),
    # privacy (privacy/pseudonyms.py): the public pseudonymised unless the organiser names them; the secret
    # behind the event's pseudonyms (random, made at creation); how long the public's data is kept ('12m')
    Column("pseudonymise_public", Boolean, nullable=False, default=True, server_default=true()),
    Column("pseudonym_secret", String(64)),
    Column("retention", String(16)),
)

event_posts = Table(
    "event_posts",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("platform", PLATFORM, primary_key=True),
    Column("post_id", ID, primary_key=True),
)

participants = Table(
    "participants",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("platform", PLATFORM, nullable=False),
    Column("handle", String(256), nullable=False),
    Column("account_id", ID),
    Column("agency", Text, nullable=False, default=""),
    Column("role", String(16), nullable=False, default="agency"),
    Column("address", Text, nullable=False, default=""),
    Column("city", Text, nullable=False, default=""),
    Column("country", String(2), nullable=False, default=""),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("zone", String(64)),
    Column("geocode_note", Text, nullable=False, default=""),
    Column("status", String(16), nullable=False, default="pending"),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("event_id", "platform", "handle"),
)

chat_sessions = Table(
    "chat_sessions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("session_date", String(10), nullable=False),
    Column("starts_at", UTCDateTime, nullable=False),
    Column("ends_at", UTCDateTime, nullable=False),
    Column("theme", Text, nullable=False, default=""),
    Column("host", String(256)),
    Column("questions", Text, nullable=False, default="[]"),
    UniqueConstraint("event_id", "session_date"),
)

objectives = Table(
    "objectives",
    metadata,
    # an event's SMART objectives, set when planning (organise/objectives.py): a figure of docs/figures.md (or an
    # outcome/impact measured elsewhere, with its value recorded), a comparison and target, a deadline
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("metric", String(256), nullable=False),
    Column("comparison", String(2), nullable=False),  # >= | <=
    Column("target", Float, nullable=False),
    Column("deadline", UTCDateTime),
    Column("audiences", Text, nullable=False, default=""),
    Column("statement", Text, nullable=False, default=""),
    Column("recorded_value", Float),  # for a metric measured outside tweetathon (outcome:..., impact:...)
    Column("created_at", UTCDateTime, nullable=False),
)

event_evaluation = Table(
    "event_evaluation",
    metadata,
    # what the organiser writes for the evaluation: the inputs (staff hours, cost: free text) and the learning
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("inputs", Text, nullable=False, default=""),
    Column("learning", Text, nullable=False, default=""),
    Column("baseline_start", UTCDateTime),  # an ordinary period before the event, to compare with
    Column("baseline_end", UTCDateTime),
    Column("updated_at", UTCDateTime, nullable=False),
)

purge_log = Table(
    "purge_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", UTCDateTime, nullable=False),
    Column("kind", String(16), nullable=False),  # deleted (deleted and withheld posts) | retention
    Column("event", String(64)),
    Column("posts", Integer, nullable=False, default=0),
    Column("snapshots", Integer, nullable=False, default=0),
    Column("accounts", Integer, nullable=False, default=0),
    Column("detail", Text, nullable=False, default=""),
)

capture_cursors = Table(
    "capture_cursors",
    metadata,
    Column("event", String(64), primary_key=True),
    Column("platform", PLATFORM, primary_key=True),
    Column("source", String(512), primary_key=True),
    Column("cursor", Text, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

capture_health = Table(
    "capture_health",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event", String(64), nullable=False),
    Column("platform", PLATFORM, nullable=False),
    Column("source", String(512), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("start", UTCDateTime, nullable=False),
    Column("end", UTCDateTime),
    Column("detail", Text, nullable=False, default=""),
    Index(None, "event", "platform"),
)

# -- the web console: accounts, tokens, audit, registrations, import jobs, publishing (migration 0003) ---------

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),
    Column("role", String(16), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("password_changed_at", UTCDateTime, nullable=False),
)

login_failures = Table(
    "login_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(64), nullable=False),  # sha256 of "account:NAME" or "client:ADDRESS", never the value
    Column("at", UTCDateTime, nullable=False),
    Index(None, "key", "at"),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("prefix", String(16), nullable=False, unique=True),
    Column("token_hash", String(64), nullable=False),
    Column("role", String(16), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_used_at", UTCDateTime),
    Column("revoked_at", UTCDateTime),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", UTCDateTime, nullable=False),
    Column("actor", String(64), nullable=False),
    Column("action", String(64), nullable=False),
    Column("event", String(64)),
    Column("target", Text, nullable=False, default=""),
    Column("before", Text),
    Column("after", Text),
    Index(None, "at"),
    Index(None, "event"),
)

registrations = Table(
    "registrations",
    metadata,
    Column("participant_id", Integer, ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True),
    Column("email", Text, nullable=False),
    Column("consent_at", UTCDateTime, nullable=False),
    Column("submitted_at", UTCDateTime, nullable=False),
    Column("confirmed_at", UTCDateTime),
)

registration_counters = Table(
    "registration_counters",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("reason", String(32), primary_key=True),
    Column("count", Integer, nullable=False, default=0),
)

import_jobs = Table(
    "import_jobs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event", String(64)),
    Column("actor", String(64), nullable=False),
    Column("owner", String(128), nullable=False),  # host:pid of the process running it
    Column("status", String(16), nullable=False),
    Column("files", Text, nullable=False, default="[]"),
    Column("files_total", Integer, nullable=False, default=0),
    Column("files_done", Integer, nullable=False, default=0),
    Column("bytes_total", BigInteger, nullable=False, default=0),
    Column("bytes_done", BigInteger, nullable=False, default=0),
    Column("records", Integer, nullable=False, default=0),
    Column("summary", Text),
    Column("error", Text),
    Column("created_at", UTCDateTime, nullable=False),
    Column("started_at", UTCDateTime),
    Column("ended_at", UTCDateTime),
)

publications = Table(
    "publications",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("item", String(16), primary_key=True),  # report | transcripts
    Column("published", Boolean, nullable=False, default=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("updated_by", String(64), nullable=False),
)

# -- the live-feed composer (feed/) ---------------------------------------------------------------------------

feed_settings = Table(
    "feed_settings",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("template", Text, nullable=False),
    Column("last_number", Integer, nullable=False, default=0),
)

feed_drafts = Table(
    "feed_drafts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("prefix", Text, nullable=False, default=""),
    Column("body", Text, nullable=False),
    Column("status", String(16), nullable=False, default="draft"),
    Column("author", String(256), nullable=False),
    Column("appeal", Boolean, nullable=False, default=False),
    Column("thread", Boolean, nullable=False, default=False),
    Column("findings", Text, nullable=False, default="[]"),
    Column("overrides", Text, nullable=False, default="[]"),
    Column("approved_by", String(256)),
    Column("approved_at", UTCDateTime),
    Column("targets", Text, nullable=False, default=""),
    Column("media", Text, nullable=False, default="[]"),
    Column("publish_at", UTCDateTime),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    UniqueConstraint("event_id", "number"),
)

feed_outbox = Table(
    "feed_outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("draft_id", Integer, ForeignKey("feed_drafts.id", ondelete="CASCADE"), nullable=False),
    Column("account", String(128), nullable=False),
    Column("platform", PLATFORM, nullable=False),
    Column("part", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("state", String(16), nullable=False, default="pending"),
    Column("attempts", Integer, nullable=False, default=0),
    Column("platform_id", Text),
    Column("url", Text),
    Column("response", Text),
    Column("created_at", UTCDateTime, nullable=False),
    Column("published_at", UTCDateTime),
    UniqueConstraint("draft_id", "account", "part"),
    Index(None, "state"),
)

feed_audit = Table(
    "feed_audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("draft_id", Integer, ForeignKey("feed_drafts.id", ondelete="CASCADE"), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("actor", String(256), nullable=False),
    Column("action", String(32), nullable=False),
    Column("detail", Text, nullable=False, default="{}"),
    Index(None, "draft_id"),
)

# What was said (enrich/themes, enrich/sentiment, enrich/translate): one row per post (per target language for
# translations), written by `tweetathon themes apply`, `feedback` and `translate`.
post_themes = Table(
    "post_themes",
    metadata,
    Column("platform", PLATFORM, primary_key=True),
    Column("post_id", ID, primary_key=True),
    Column("purpose", String(16)),
    Column("purpose_why", Text, nullable=False, default=""),
    Column("themes", Text, nullable=False, default="[]"),
    Column("model", String(256), nullable=False),
    Column("classified_at", UTCDateTime, nullable=False),
)

post_sentiment = Table(
    "post_sentiment",
    metadata,
    Column("platform", PLATFORM, primary_key=True),
    Column("post_id", ID, primary_key=True),
    Column("label", String(16), nullable=False),
    Column("score", Float),
    Column("method", String(64), nullable=False),
    Column("abusive", Boolean, nullable=False, default=False),
    Column("abusive_why", Text, nullable=False, default=""),
    Column("scored_at", UTCDateTime, nullable=False),
)

post_translations = Table(
    "post_translations",
    metadata,
    Column("platform", PLATFORM, primary_key=True),
    Column("post_id", ID, primary_key=True),
    Column("target", String(16), primary_key=True),
    Column("source_lang", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("backend", String(128), nullable=False),
    Column("translated_at", UTCDateTime, nullable=False),
)
