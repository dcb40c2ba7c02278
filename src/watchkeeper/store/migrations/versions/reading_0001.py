"""reading: entities, document readings, mentions, quotes, claims, incidents and their actors

Revision ID: reading_0001
Revises: evidence_0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "reading_0001"
down_revision = "evidence_0001"
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)


def _span_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("document_id", sa.String(40), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("sent_start", sa.Integer(), nullable=False),
        sa.Column("sent_end", sa.Integer(), nullable=False),
    ]


def _document_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["document_id"], ["document.id"], name=op.f(f"fk_{table}_document_id_document"), ondelete="CASCADE"
    )


def _entity_fk(table: str, column: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], ["entity.id"], name=op.f(f"fk_{table}_{column}_entity"))


def upgrade() -> None:
    op.create_table(
        "entity",
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("designation_id", sa.String(100), nullable=True),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entity")),
    )
    op.create_index(op.f("ix_entity_type"), "entity", ["type"])
    op.create_index(op.f("ix_entity_designation_id"), "entity", ["designation_id"])

    op.create_table(
        "document_reading",
        sa.Column("document_id", sa.String(40), nullable=False),
        sa.Column("pipeline_version", sa.String(40), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("read_at", _TS, nullable=False),
        _document_fk("document_reading"),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_document_reading")),
    )

    op.create_table(
        "mention",
        *_span_columns(),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("label", sa.String(20), nullable=False),
        sa.Column("entity_id", sa.String(200), nullable=True),
        _document_fk("mention"),
        _entity_fk("mention", "entity_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mention")),
    )
    op.create_index(op.f("ix_mention_document_id"), "mention", ["document_id"])
    op.create_index(op.f("ix_mention_entity_id"), "mention", ["entity_id"])

    op.create_table(
        "quote",
        *_span_columns(),
        sa.Column("words", sa.Text(), nullable=False),
        sa.Column("cue", sa.String(100), nullable=False),
        sa.Column("speaker_text", sa.Text(), nullable=True),
        sa.Column("speaker_mention_id", sa.String(40), nullable=True),
        sa.Column("speaker_id", sa.String(200), nullable=True),
        _document_fk("quote"),
        sa.ForeignKeyConstraint(
            ["speaker_mention_id"],
            ["mention.id"],
            name=op.f("fk_quote_speaker_mention_id_mention"),
            ondelete="SET NULL",
        ),
        _entity_fk("quote", "speaker_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quote")),
    )
    op.create_index(op.f("ix_quote_document_id"), "quote", ["document_id"])
    op.create_index(op.f("ix_quote_speaker_id"), "quote", ["speaker_id"])

    op.create_table(
        "claim",
        *_span_columns(),
        sa.Column("cue", sa.String(100), nullable=False),
        sa.Column("polarity", sa.String(10), nullable=False),
        sa.Column("act", sa.Text(), nullable=False),
        sa.Column("claimant_text", sa.Text(), nullable=True),
        sa.Column("claimant_id", sa.String(200), nullable=True),
        sa.Column("accused_text", sa.Text(), nullable=True),
        sa.Column("accused_id", sa.String(200), nullable=True),
        _document_fk("claim"),
        _entity_fk("claim", "claimant_id"),
        _entity_fk("claim", "accused_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim")),
    )
    for column in ("document_id", "claimant_id", "accused_id"):
        op.create_index(op.f(f"ix_claim_{column}"), "claim", [column])

    op.create_table(
        "incident",
        *_span_columns(),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("trigger", sa.Text(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("precision", sa.String(20), nullable=False),
        sa.Column("date_text", sa.Text(), nullable=True),
        sa.Column("place_text", sa.Text(), nullable=True),
        sa.Column("place_id", sa.String(200), nullable=True),
        sa.Column("quantities", sa.JSON(), nullable=False),
        sa.Column("tally", sa.JSON(), nullable=True),
        sa.Column("mentions", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        _document_fk("incident"),
        _entity_fk("incident", "place_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident")),
    )
    for column in ("document_id", "kind", "date"):
        op.create_index(op.f(f"ix_incident_{column}"), "incident", [column])

    op.create_table(
        "incident_actor",
        sa.Column("incident_id", sa.String(40), nullable=False),
        sa.Column("role", sa.String(30), nullable=False),
        sa.Column("entity_id", sa.String(200), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("implied", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incident.id"],
            name=op.f("fk_incident_actor_incident_id_incident"),
            ondelete="CASCADE",
        ),
        _entity_fk("incident_actor", "entity_id"),
        sa.PrimaryKeyConstraint("incident_id", "role", "entity_id", name=op.f("pk_incident_actor")),
    )


def downgrade() -> None:
    op.drop_table("incident_actor")
    for column in ("date", "kind", "document_id"):
        op.drop_index(op.f(f"ix_incident_{column}"), table_name="incident")
    op.drop_table("incident")
    for column in ("accused_id", "claimant_id", "document_id"):
        op.drop_index(op.f(f"ix_claim_{column}"), table_name="claim")
    op.drop_table("claim")
    op.drop_index(op.f("ix_quote_speaker_id"), table_name="quote")
    op.drop_index(op.f("ix_quote_document_id"), table_name="quote")
    op.drop_table("quote")
    op.drop_index(op.f("ix_mention_entity_id"), table_name="mention")
    op.drop_index(op.f("ix_mention_document_id"), table_name="mention")
    op.drop_table("mention")
    op.drop_table("document_reading")
    op.drop_index(op.f("ix_entity_designation_id"), table_name="entity")
    op.drop_index(op.f("ix_entity_type"), table_name="entity")
    op.drop_table("entity")
