"""maritime: vessel identity history, AIS imports with checkpoints, maritime events

Revision ID: maritime_0001
Revises: reading_0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "maritime_0001"
down_revision = "reading_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "vessel_identity",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("mmsi", sa.String(9), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("imo", sa.String(10), nullable=True),
        sa.Column("call_sign", sa.String(20), nullable=True),
        sa.Column("ship_type", sa.Integer(), nullable=True),
        sa.Column("flag", sa.String(3), nullable=True),
        sa.Column("draught", sa.Float(), nullable=True),
        sa.Column("destination", sa.Text(), nullable=True),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vessel_identity")),
    )
    op.create_index(op.f("ix_vessel_identity_mmsi"), "vessel_identity", ["mmsi"])
    op.create_index(op.f("ix_vessel_identity_imo"), "vessel_identity", ["imo"])
    op.create_table(
        "maritime_import",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("format", sa.String(10), nullable=False),
        sa.Column("batches_done", sa.Integer(), nullable=False),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_maritime_import")),
    )
    op.create_table(
        "maritime_event",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("incident_kind", sa.String(50), nullable=True),
        sa.Column("mmsis", sa.JSON(), nullable=False),
        sa.Column("vessels", sa.JSON(), nullable=False),
        sa.Column("start_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("end_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("port", sa.String(100), nullable=True),
        sa.Column("port_country", sa.String(3), nullable=True),
        sa.Column("designation_ids", sa.JSON(), nullable=False),
        sa.Column("matches", sa.JSON(), nullable=False),
        sa.Column("measure_hints", sa.JSON(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("track", sa.JSON(), nullable=False),
        sa.Column("detected_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_maritime_event")),
    )
    op.create_index(op.f("ix_maritime_event_kind"), "maritime_event", ["kind"])
    op.create_index(op.f("ix_maritime_event_start_at"), "maritime_event", ["start_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_maritime_event_start_at"), table_name="maritime_event")
    op.drop_index(op.f("ix_maritime_event_kind"), table_name="maritime_event")
    op.drop_table("maritime_event")
    op.drop_table("maritime_import")
    op.drop_index(op.f("ix_vessel_identity_imo"), table_name="vessel_identity")
    op.drop_index(op.f("ix_vessel_identity_mmsi"), table_name="vessel_identity")
    op.drop_table("vessel_identity")
