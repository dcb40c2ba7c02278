"""lists: list snapshots, designations, their names and history of changes

Revision ID: lists_0001
Revises: regime_0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "lists_0001"
down_revision = "regime_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "list_snapshot",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("source", sa.String(50), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("file_hash", sa.String(64), nullable=False),
        sa.Column("generated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("entry_count", sa.Integer(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_list_snapshot")),
        sa.UniqueConstraint("source", "file_hash", name=op.f("uq_list_snapshot_source")),
    )
    op.create_index(op.f("ix_list_snapshot_source"), "list_snapshot", ["source"])
    op.create_table(
        "designation",
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("list_id", sa.String(50), nullable=False),
        sa.Column("reference", sa.String(100), nullable=False),
        sa.Column("source", sa.String(50), nullable=False),
        sa.Column("schema", sa.String(20), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("listed_on", sa.Date(), nullable=True),
        sa.Column("legal_basis", sa.Text(), nullable=True),
        sa.Column("basis_resolution", sa.String(20), nullable=True),
        sa.Column("basis_paragraph", sa.String(50), nullable=True),
        sa.Column("imo", sa.String(10), nullable=True),
        sa.Column("mmsi", sa.String(9), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("first_seen_snapshot_id", sa.String(64), nullable=False),
        sa.Column("last_seen_snapshot_id", sa.String(64), nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["first_seen_snapshot_id"],
            ["list_snapshot.id"],
            name=op.f("fk_designation_first_seen_snapshot_id_list_snapshot"),
        ),
        sa.ForeignKeyConstraint(
            ["last_seen_snapshot_id"],
            ["list_snapshot.id"],
            name=op.f("fk_designation_last_seen_snapshot_id_list_snapshot"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_designation")),
    )
    for column in ("list_id", "reference", "source", "schema", "imo", "mmsi"):
        op.create_index(op.f(f"ix_designation_{column}"), "designation", [column])
    op.create_table(
        "designation_name",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("designation_id", sa.String(200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("quality", sa.String(10), nullable=False),
        sa.Column("script", sa.String(10), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["designation_id"],
            ["designation.id"],
            name=op.f("fk_designation_name_designation_id_designation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_designation_name")),
    )
    op.create_index(op.f("ix_designation_name_designation_id"), "designation_name", ["designation_id"])
    op.create_table(
        "designation_change",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("snapshot_id", sa.String(64), nullable=False),
        sa.Column("designation_id", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["snapshot_id"],
            ["list_snapshot.id"],
            name=op.f("fk_designation_change_snapshot_id_list_snapshot"),
        ),
        sa.ForeignKeyConstraint(
            ["designation_id"],
            ["designation.id"],
            name=op.f("fk_designation_change_designation_id_designation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_designation_change")),
        sa.UniqueConstraint("snapshot_id", "designation_id", name=op.f("uq_designation_change_snapshot_id")),
    )
    op.create_index(op.f("ix_designation_change_snapshot_id"), "designation_change", ["snapshot_id"])
    op.create_index(op.f("ix_designation_change_designation_id"), "designation_change", ["designation_id"])


def downgrade() -> None:
    op.drop_table("designation_change")
    op.drop_table("designation_name")
    op.drop_table("designation")
    op.drop_table("list_snapshot")
