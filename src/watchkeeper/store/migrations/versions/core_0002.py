"""core: the audit log becomes a hash chain (``audit_entry.prev_hash``, ``audit_entry.entry_hash``)

Revision ID: core_0002
Revises: reading_0004
Create Date: 2026-12-06

Each entry stores the SHA-256 of the previous entry and its own, computed over its content and that previous
hash (``watchkeeper.audit.entry_digest``), so an edited, inserted or deleted row breaks the chain and
``watchkeeper audit verify`` names it. Entries written before this revision are chained here, in id order.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from watchkeeper.audit import entry_digest

revision = "core_0002"
down_revision = "reading_0004"
branch_labels = None
depends_on = None

ENTRY = sa.table(
    "audit_entry",
    sa.column("id", sa.Integer()),
    sa.column("at", sa.DateTime(timezone=True)),
    sa.column("actor", sa.String()),
    sa.column("action", sa.String()),
    sa.column("record_type", sa.String()),
    sa.column("record_id", sa.String()),
    sa.column("before", sa.JSON()),
    sa.column("after", sa.JSON()),
    sa.column("reason", sa.Text()),
    sa.column("prev_hash", sa.String()),
    sa.column("entry_hash", sa.String()),
)


def upgrade() -> None:
    with op.batch_alter_table("audit_entry") as batch:
        batch.add_column(sa.Column("prev_hash", sa.String(64), nullable=True))
        batch.add_column(sa.Column("entry_hash", sa.String(64), nullable=True))
    bind = op.get_bind()
    previous: str | None = None
    rows = bind.execute(sa.select(ENTRY).order_by(ENTRY.c.id)).mappings().all()
    for row in rows:
        digest = entry_digest(previous, dict(row))
        bind.execute(
            ENTRY.update().where(ENTRY.c.id == row["id"]).values(prev_hash=previous, entry_hash=digest)
        )
        previous = digest


def downgrade() -> None:
    with op.batch_alter_table("audit_entry") as batch:
        batch.drop_column("entry_hash")
        batch.drop_column("prev_hash")
