"""The extraction path: which way the parser found a record's body.

`articles.extraction` says how the body was found: "text" or "html" (the learned models),
"html:json-ld" (a page that renders its text with scripts, read from its JSON-LD), or
"text:fallback" / "html:fallback" (no article found by the models: the best run of prose the
input holds). Records stored before this revision have none (NULL).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("extraction", sa.String(40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("extraction")
