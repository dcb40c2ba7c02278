"""evidence: documents, sources, copy signatures and bands, stories, feeds

Revision ID: evidence_0001
Revises: lists_0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "evidence_0001"
down_revision = "lists_0001"
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "document",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("author", sa.String(300), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("outlet_id", sa.String(100), nullable=True),
        sa.Column("outlet_name", sa.String(300), nullable=True),
        sa.Column("wire_id", sa.String(100), nullable=True),
        sa.Column("published_at", _TS, nullable=True),
        sa.Column("published_precision", sa.String(20), nullable=False),
        sa.Column("fetched_at", _TS, nullable=False),
        sa.Column("language", sa.String(10), nullable=True),
        sa.Column("copy_group_id", sa.String(40), nullable=True),
        sa.Column("story_id", sa.String(40), nullable=True),
        sa.Column("pages", sa.JSON(), nullable=True),
        sa.Column("raw_path", sa.Text(), nullable=True),
        sa.Column("raw_sha256", sa.String(64), nullable=True),
        sa.Column("content_type", sa.String(100), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
    )
    for column in ("outlet_id", "wire_id", "published_at", "copy_group_id", "story_id"):
        op.create_index(op.f(f"ix_document_{column}"), "document", [column])

    op.create_table(
        "document_source",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("document_id", sa.String(40), nullable=False),
        sa.Column("locator", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("feed_id", sa.String(40), nullable=True),
        sa.Column("raw_sha256", sa.String(64), nullable=False),
        sa.Column("fetched_at", _TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_document_source_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_source")),
    )
    op.create_index(op.f("ix_document_source_document_id"), "document_source", ["document_id"])

    op.create_table(
        "document_signature",
        sa.Column("document_id", sa.String(40), nullable=False),
        sa.Column("minhash", sa.LargeBinary(), nullable=False),
        sa.Column("shingle_count", sa.Integer(), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=True),
        sa.Column("vector_model", sa.String(100), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_document_signature_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_document_signature")),
    )

    op.create_table(
        "copy_band",
        sa.Column("band", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(32), nullable=False),
        sa.Column("document_id", sa.String(40), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_copy_band_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("band", "key", "document_id", name=op.f("pk_copy_band")),
    )

    op.create_table(
        "story",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("centroid", sa.LargeBinary(), nullable=False),
        sa.Column("vector_model", sa.String(100), nullable=False),
        sa.Column("first_at", _TS, nullable=True),
        sa.Column("last_at", _TS, nullable=True),
        sa.Column("created_at", _TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_story")),
    )
    op.create_index(op.f("ix_story_first_at"), "story", ["first_at"])
    op.create_index(op.f("ix_story_last_at"), "story", ["last_at"])

    op.create_table(
        "feed",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("last_polled_at", _TS, nullable=True),
        sa.Column("last_status", sa.Text(), nullable=True),
        sa.Column("added_at", _TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed")),
        sa.UniqueConstraint("url", name=op.f("uq_feed_url")),
    )

    op.create_table(
        "feed_entry",
        sa.Column("feed_id", sa.String(40), nullable=False),
        sa.Column("entry_key", sa.String(64), nullable=False),
        sa.Column("link", sa.Text(), nullable=True),
        sa.Column("document_id", sa.String(40), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("seen_at", _TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["feed_id"], ["feed.id"], name=op.f("fk_feed_entry_feed_id_feed"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("feed_id", "entry_key", name=op.f("pk_feed_entry")),
    )


def downgrade() -> None:
    op.drop_table("feed_entry")
    op.drop_table("feed")
    op.drop_index(op.f("ix_story_last_at"), table_name="story")
    op.drop_index(op.f("ix_story_first_at"), table_name="story")
    op.drop_table("story")
    op.drop_table("copy_band")
    op.drop_table("document_signature")
    op.drop_index(op.f("ix_document_source_document_id"), table_name="document_source")
    op.drop_table("document_source")
    for column in ("story_id", "copy_group_id", "published_at", "wire_id", "outlet_id"):
        op.drop_index(op.f(f"ix_document_{column}"), table_name="document")
    op.drop_table("document")
