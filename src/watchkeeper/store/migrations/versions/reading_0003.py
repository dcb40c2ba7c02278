"""reading: date mentions (every time expression a document's reading found, typed and valued TimeML-style)

Revision ID: reading_0003
Revises: reading_0002
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "reading_0003"
down_revision = "reading_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "date_mention",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("document_id", sa.String(40), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("timex_type", sa.String(10), nullable=False),
        sa.Column("value", sa.String(40), nullable=False),
        sa.Column("precision", sa.String(20), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_date_mention_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_date_mention")),
    )
    op.create_index(op.f("ix_date_mention_document_id"), "date_mention", ["document_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_date_mention_document_id"), table_name="date_mention")
    op.drop_table("date_mention")
