"""post and account ids up to 512 characters (a Bluesky at:// uri is about 70: PostgreSQL refused them at 64)

SQLite does not enforce VARCHAR lengths, so only PostgreSQL columns change (no table is rebuilt).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 08:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

COLUMNS: dict[str, tuple[str, ...]] = {
    "posts": ("post_id", "author_id", "in_reply_to_post_id", "in_reply_to_author_id", "conversation_id",
              "repost_of_id", "quote_of_id", "edit_of_id"),
    "post_hashtags": ("post_id",),
    "event_posts": ("post_id",),
    "accounts": ("account_id",),
    "account_snapshots": ("account_id",),
    "deletions": ("target_id",),
    "participants": ("account_id",),
}


def _retype(old: int, new: int) -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, columns in COLUMNS.items():
        for column in columns:
            op.alter_column(table, column, type_=sa.String(length=new), existing_type=sa.String(length=old))


def upgrade() -> None:
    _retype(64, 512)


def downgrade() -> None:
    _retype(512, 64)
