"""reading: whether an incident is the one its document is about (``incident.is_main``)

Revision ID: reading_0004
Revises: reading_0003
Create Date: 2026-12-05

A report of a launch usually recalls earlier ones ("North Korea last fired an ICBM in December"): those are
background incidents of the document, its main event is the one it reports. Rows read before this revision are
taken as main until their documents are read again.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "reading_0004"
down_revision = "reading_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("incident") as batch:
        batch.add_column(sa.Column("is_main", sa.Boolean(), nullable=False, server_default=sa.true()))


def downgrade() -> None:
    with op.batch_alter_table("incident") as batch:
        batch.drop_column("is_main")
