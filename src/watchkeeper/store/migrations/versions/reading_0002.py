"""reading: a quote's fragments (a split quote's pieces) and its source (the words naming the speaker)

Revision ID: reading_0002
Revises: maritime_0002
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "reading_0002"
down_revision = "maritime_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("quote") as batch:
        batch.add_column(sa.Column("fragments", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("source", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("quote") as batch:
        batch.drop_column("source")
        batch.drop_column("fragments")
