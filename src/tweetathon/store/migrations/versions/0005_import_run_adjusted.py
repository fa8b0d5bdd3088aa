"""import runs count the records tweetathon had to adjust to store them (text cut, NUL removed, negative counts)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 08:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("import_runs") as batch_op:
        batch_op.add_column(sa.Column("adjusted", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("import_runs") as batch_op:
        batch_op.drop_column("adjusted")
