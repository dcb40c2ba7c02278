"""regime: resolutions and measures

Revision ID: regime_0001
Revises: web_0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "regime_0001"
down_revision = "web_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "resolution",
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("adopted", sa.Date(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("vote", sa.JSON(), nullable=True),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("removed", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_resolution")),
    )
    op.create_table(
        "measure",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("resolution", sa.Integer(), nullable=False),
        sa.Column("paragraph", sa.String(60), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("direction", sa.String(20), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("commodities", sa.JSON(), nullable=False),
        sa.Column("limits", sa.JSON(), nullable=False),
        sa.Column("reporting", sa.JSON(), nullable=False),
        sa.Column("alerts", sa.JSON(), nullable=True),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("effective_to", sa.Date(), nullable=True),
        sa.Column("amends", sa.JSON(), nullable=False),
        sa.Column("supersedes", sa.JSON(), nullable=False),
        sa.Column("confidence", sa.String(1), nullable=False),
        sa.Column("verified", sa.Text(), nullable=False),
        sa.Column("removed", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["resolution"], ["resolution.number"], name=op.f("fk_measure_resolution_resolution")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measure")),
    )
    op.create_index(op.f("ix_measure_resolution"), "measure", ["resolution"])
    op.create_index(op.f("ix_measure_kind"), "measure", ["kind"])


def downgrade() -> None:
    op.drop_index(op.f("ix_measure_kind"), table_name="measure")
    op.drop_index(op.f("ix_measure_resolution"), table_name="measure")
    op.drop_table("measure")
    op.drop_table("resolution")
