"""web: full-text search over documents, incident reviews and notes, cases with items and notes

Revision ID: web_0002
Revises: assess_0001
Create Date: 2026-11-22

Full-text search is built per backend: on SQLite an external-content FTS5 table over ``document`` (title and
text) kept in sync by triggers; on PostgreSQL a GIN index over the same ``to_tsvector`` expression the search
query used then (web_0003 replaced it by a stored column).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "web_0002"
down_revision = "assess_0001"
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)

_FTS_DELETE = (
    "INSERT INTO document_fts(document_fts, rowid, title, text) "
    "VALUES ('delete', old.rowid, old.title, old.text); "
)
SQLITE_FTS = [
    "CREATE VIRTUAL TABLE document_fts USING fts5(title, text, content='document', content_rowid='rowid', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER document_fts_insert AFTER INSERT ON document BEGIN "
    "INSERT INTO document_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
    "CREATE TRIGGER document_fts_delete AFTER DELETE ON document BEGIN " + _FTS_DELETE + "END",
    "CREATE TRIGGER document_fts_update AFTER UPDATE OF title, text ON document BEGIN "
    + _FTS_DELETE
    + "INSERT INTO document_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
    "INSERT INTO document_fts(document_fts) VALUES ('rebuild')",
]
SQLITE_FTS_DROP = [
    "DROP TRIGGER IF EXISTS document_fts_update",
    "DROP TRIGGER IF EXISTS document_fts_delete",
    "DROP TRIGGER IF EXISTS document_fts_insert",
    "DROP TABLE IF EXISTS document_fts",
]
PG_FTS = (
    "CREATE INDEX IF NOT EXISTS document_fts ON document USING gin "
    "(to_tsvector('english', coalesce(title, '') || ' ' || text))"
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_FTS:
            op.execute(statement)
    else:
        op.execute(PG_FTS)
    op.create_table(
        "incident_review",
        sa.Column("incident_id", sa.String(40), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("merged_into", sa.String(40), nullable=True),
        sa.Column("split_groups", sa.JSON(), nullable=False),
        sa.Column("edits", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("reviewed_by", sa.String(100), nullable=False),
        sa.Column("reviewed_at", _TS, nullable=False),
        sa.PrimaryKeyConstraint("incident_id", name=op.f("pk_incident_review")),
    )
    op.create_index(op.f("ix_incident_review_status"), "incident_review", ["status"])
    op.create_table(
        "incident_note",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("incident_id", sa.String(40), nullable=False),
        sa.Column("author", sa.String(100), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("at", _TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_note")),
    )
    op.create_index(op.f("ix_incident_note_incident_id"), "incident_note", ["incident_id"])
    op.create_table(
        "case",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case")),
    )
    children: tuple[tuple[str, list[sa.schema.SchemaItem]], ...] = (
        (
            "case_item",
            [
                sa.Column("item_type", sa.String(20), nullable=False),
                sa.Column("item_id", sa.String(200), nullable=False),
                sa.Column("added_by", sa.String(100), nullable=False),
                sa.Column("added_at", _TS, nullable=False),
            ],
        ),
        (
            "case_note",
            [
                sa.Column("author", sa.String(100), nullable=False),
                sa.Column("text", sa.Text(), nullable=False),
                sa.Column("at", _TS, nullable=False),
            ],
        ),
    )
    for table, columns in children:
        extra = [sa.UniqueConstraint("case_id", "item_type", "item_id", name=op.f("uq_case_item_case_id"))]
        op.create_table(
            table,
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("case_id", sa.Integer(), nullable=False),
            *columns,
            sa.ForeignKeyConstraint(
                ["case_id"], ["case.id"], name=op.f(f"fk_{table}_case_id_case"), ondelete="CASCADE"
            ),
            sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
            *(extra if table == "case_item" else []),
        )
        op.create_index(op.f(f"ix_{table}_case_id"), table, ["case_id"])


def downgrade() -> None:
    for table in ("case_note", "case_item"):
        op.drop_index(op.f(f"ix_{table}_case_id"), table_name=table)
        op.drop_table(table)
    op.drop_table("case")
    op.drop_index(op.f("ix_incident_note_incident_id"), table_name="incident_note")
    op.drop_table("incident_note")
    op.drop_index(op.f("ix_incident_review_status"), table_name="incident_review")
    op.drop_table("incident_review")
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_FTS_DROP:
            op.execute(statement)
    else:
        op.execute("DROP INDEX IF EXISTS document_fts")
