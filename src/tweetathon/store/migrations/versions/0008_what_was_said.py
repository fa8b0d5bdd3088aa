"""what was said: purposes and themes, sentiment, and translations of posts

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 08:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from tweetathon.store.schema import UTCDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "post_themes",
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("post_id", sa.String(length=512), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=True),
        sa.Column("purpose_why", sa.Text(), nullable=False),
        sa.Column("themes", sa.Text(), nullable=False),
        sa.Column("model", sa.String(length=256), nullable=False),
        sa.Column("classified_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("platform", "post_id", name=op.f("pk_post_themes")),
    )
    op.create_table(
        "post_sentiment",
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("post_id", sa.String(length=512), nullable=False),
        sa.Column("label", sa.String(length=16), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("method", sa.String(length=64), nullable=False),
        sa.Column("abusive", sa.Boolean(), nullable=False),
        sa.Column("abusive_why", sa.Text(), nullable=False),
        sa.Column("scored_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("platform", "post_id", name=op.f("pk_post_sentiment")),
    )
    op.create_table(
        "post_translations",
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("post_id", sa.String(length=512), nullable=False),
        sa.Column("target", sa.String(length=16), nullable=False),
        sa.Column("source_lang", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("backend", sa.String(length=128), nullable=False),
        sa.Column("translated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("platform", "post_id", "target", name=op.f("pk_post_translations")),
    )


def downgrade() -> None:
    op.drop_table("post_translations")
    op.drop_table("post_sentiment")
    op.drop_table("post_themes")
