"""assess: assessed incidents, their evidence, measure links and notified petroleum deliveries

Revision ID: assess_0001
Revises: maritime_0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "assess_0001"
down_revision = "maritime_0001"
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)


def _incident_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["assessed_incident_id"],
        ["assessed_incident.id"],
        name=op.f(f"fk_{table}_assessed_incident_id_assessed_incident"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "assessed_incident",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("precision", sa.String(20), nullable=False),
        sa.Column("place_id", sa.String(200), nullable=True),
        sa.Column("place_text", sa.Text(), nullable=True),
        sa.Column("actors", sa.JSON(), nullable=False),
        sa.Column("quantities", sa.JSON(), nullable=False),
        sa.Column("commodity", sa.String(40), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("grade", sa.String(2), nullable=False),
        sa.Column("computed_grade", sa.String(2), nullable=False),
        sa.Column("grade_score", sa.Float(), nullable=False),
        sa.Column("grade_features", sa.JSON(), nullable=False),
        sa.Column("grade_override", sa.String(2), nullable=True),
        sa.Column("override_reason", sa.Text(), nullable=True),
        sa.Column("override_by", sa.String(100), nullable=True),
        sa.Column("override_at", _TS, nullable=True),
        sa.Column("source_count", sa.Integer(), nullable=False),
        sa.Column("assessed_at", _TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessed_incident")),
    )
    for column in ("kind", "date", "grade"):
        op.create_index(op.f(f"ix_assessed_incident_{column}"), "assessed_incident", [column])

    op.create_table(
        "assessed_incident_evidence",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("assessed_incident_id", sa.String(40), nullable=False),
        sa.Column("stance", sa.String(20), nullable=False),
        sa.Column("incident_id", sa.String(40), nullable=True),
        sa.Column("claim_id", sa.String(40), nullable=True),
        sa.Column("maritime_event_id", sa.String(64), nullable=True),
        sa.Column("document_id", sa.String(40), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("quoted", sa.Text(), nullable=False),
        sa.Column("source_key", sa.String(200), nullable=False),
        sa.Column("source_name", sa.Text(), nullable=False),
        sa.Column("source_class", sa.String(20), nullable=False),
        sa.Column("evidence_type", sa.String(20), nullable=False),
        sa.Column("direct_cues", sa.JSON(), nullable=False),
        sa.Column("outlet_id", sa.String(100), nullable=True),
        sa.Column("copy_group_id", sa.String(40), nullable=True),
        sa.Column("published_at", _TS, nullable=True),
        _incident_fk("assessed_incident_evidence"),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_assessed_incident_evidence_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessed_incident_evidence")),
    )
    for column in ("assessed_incident_id", "document_id"):
        op.create_index(
            op.f(f"ix_assessed_incident_evidence_{column}"), "assessed_incident_evidence", [column]
        )

    op.create_table(
        "measure_link",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("assessed_incident_id", sa.String(40), nullable=False),
        sa.Column("measure_id", sa.String(40), nullable=False),
        sa.Column("rule_id", sa.String(60), nullable=False),
        sa.Column("explanation", sa.JSON(), nullable=False),
        _incident_fk("measure_link"),
        sa.ForeignKeyConstraint(
            ["measure_id"], ["measure.id"], name=op.f("fk_measure_link_measure_id_measure")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measure_link")),
    )
    for column in ("assessed_incident_id", "measure_id"):
        op.create_index(op.f(f"ix_measure_link_{column}"), "measure_link", [column])

    op.create_table(
        "cap_notification",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=True),
        sa.Column("period", sa.String(40), nullable=False),
        sa.Column("reporting_state", sa.String(100), nullable=False),
        sa.Column("commodity", sa.String(40), nullable=False),
        sa.Column("quantity", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(20), nullable=False),
        sa.Column("barrels", sa.Float(), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("imported_from", sa.Text(), nullable=False),
        sa.Column("imported_at", _TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cap_notification")),
    )
    op.create_index(op.f("ix_cap_notification_year"), "cap_notification", ["year"])


def downgrade() -> None:
    op.drop_table("cap_notification")
    op.drop_table("measure_link")
    op.drop_table("assessed_incident_evidence")
    op.drop_table("assessed_incident")
