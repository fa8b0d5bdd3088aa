"""the live-feed composer: settings (template, last number), drafts, outbox, audit log

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 08:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import tweetathon.store.schema

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

UTC = tweetathon.store.schema.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "feed_settings",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("template", sa.Text(), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_feed_settings_event_id_events"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_feed_settings")),
    )
    op.create_table(
        "feed_drafts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("prefix", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("author", sa.String(length=256), nullable=False),
        sa.Column("appeal", sa.Boolean(), nullable=False),
        sa.Column("thread", sa.Boolean(), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("overrides", sa.Text(), nullable=False),
        sa.Column("approved_by", sa.String(length=256), nullable=True),
        sa.Column("approved_at", UTC, nullable=True),
        sa.Column("targets", sa.Text(), nullable=False),
        sa.Column("media", sa.Text(), nullable=False),
        sa.Column("publish_at", UTC, nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_feed_drafts_event_id_events"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed_drafts")),
        sa.UniqueConstraint("event_id", "number", name=op.f("uq_feed_drafts_event_id_number")),
    )
    op.create_table(
        "feed_outbox",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=128), nullable=False),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("part", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("platform_id", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("response", sa.Text(), nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("published_at", UTC, nullable=True),
        sa.ForeignKeyConstraint(["draft_id"], ["feed_drafts.id"], name=op.f("fk_feed_outbox_draft_id_feed_drafts"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed_outbox")),
        sa.UniqueConstraint("draft_id", "account", "part", name=op.f("uq_feed_outbox_draft_id_account_part")),
    )
    with op.batch_alter_table("feed_outbox") as batch_op:
        batch_op.create_index(batch_op.f("ix_feed_outbox_state"), ["state"], unique=False)
    op.create_table(
        "feed_audit",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("at", UTC, nullable=False),
        sa.Column("actor", sa.String(length=256), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["draft_id"], ["feed_drafts.id"], name=op.f("fk_feed_audit_draft_id_feed_drafts"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed_audit")),
    )
    with op.batch_alter_table("feed_audit") as batch_op:
        batch_op.create_index(batch_op.f("ix_feed_audit_draft_id"), ["draft_id"], unique=False)


def downgrade() -> None:
    op.drop_table("feed_audit")
    op.drop_table("feed_outbox")
    op.drop_table("feed_drafts")
    op.drop_table("feed_settings")
