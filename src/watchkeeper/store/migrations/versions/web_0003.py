"""web: on PostgreSQL, full-text search over a stored tsvector column instead of an expression index

Revision ID: web_0003
Revises: evidence_0002
Create Date: 2026-11-22

With only an index over ``to_tsvector(title || text)``, PostgreSQL re-parsed every matching document to
rank it (``ts_rank``) and to recheck the match: a common word over 3,000 documents took 0.7-1.1 s. The vector
is now a generated column computed once per write, ``document.document_fts_vector``, with the GIN index over
it. SQLite keeps its FTS5 table (web_0002). The column is not in the models (its name starts with
``document_fts``, which ``store.base.is_modelled`` leaves to the migrations).
"""

from __future__ import annotations

from alembic import op

revision = "web_0003"
down_revision = "evidence_0002"
branch_labels = None
depends_on = None

VECTOR = "to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || text)"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS document_fts")
    op.execute(
        f"ALTER TABLE document ADD COLUMN document_fts_vector tsvector GENERATED ALWAYS AS ({VECTOR}) STORED"
    )
    op.execute("CREATE INDEX document_fts ON document USING gin (document_fts_vector)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS document_fts")
    op.execute("ALTER TABLE document DROP COLUMN document_fts_vector")
    op.execute(
        "CREATE INDEX document_fts ON document USING gin "
        "(to_tsvector('english', coalesce(title, '') || ' ' || text))"
    )
