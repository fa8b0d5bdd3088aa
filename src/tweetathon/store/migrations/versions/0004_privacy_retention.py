"""privacy: events pseudonymise the public (with a per-event secret) and may have a retention period; posts
record when they were purged; a log of purges

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 08:00:00
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

from tweetathon.store.schema import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch_op:
        batch_op.add_column(sa.Column("pseudonymise_public", sa.Boolean(), nullable=False,
                                      server_default=sa.true()))
        batch_op.add_column(sa.Column("pseudonym_secret", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("retention", sa.String(length=16), nullable=True))
    with op.batch_alter_table("posts") as batch_op:
        batch_op.add_column(sa.Column("purged_at", UTCDateTime(timezone=True), nullable=True))
    op.create_table(
        "purge_log",
        sa.Column("id", sa.Integer(), nullable=False, autoincrement=True),
        sa.Column("at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("event", sa.String(length=64), nullable=True),
        sa.Column("posts", sa.Integer(), nullable=False),
        sa.Column("snapshots", sa.Integer(), nullable=False),
        sa.Column("accounts", sa.Integer(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purge_log")),
    )
    events = sa.table("events", sa.column("id", sa.Integer()), sa.column("pseudonym_secret", sa.String()))
    conn = op.get_bind()
    for (event_id,) in conn.execute(sa.select(events.c.id)).all():
        conn.execute(sa.update(events).where(events.c.id == event_id)
                     .values(pseudonym_secret=secrets.token_hex(32)))


def downgrade() -> None:
    op.drop_table("purge_log")
    with op.batch_alter_table("posts") as batch_op:
        batch_op.drop_column("purged_at")
    with op.batch_alter_table("events") as batch_op:
        batch_op.drop_column("retention")
        batch_op.drop_column("pseudonym_secret")
        batch_op.drop_column("pseudonymise_public")
