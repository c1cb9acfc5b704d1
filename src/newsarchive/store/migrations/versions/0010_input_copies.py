"""Other containers an input's very bytes were read from.

A page's bytes are stored once, as the input of the first container (or file) they came in.
The same record in another web archive (two crawls that both hold an unchanged page, or a
.warc and its .warc.gz) left no trace: `list --container` of the second came out empty and
`info` counted one container less. `input_copies` keeps each other container and record that
held the bytes, with its capture time. Archives made before this revision have none: their
later containers' records were not noted.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "input_copies",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "input_id",
            sa.Integer(),
            sa.ForeignKey("inputs.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("container", sa.String(10), nullable=False),
        sa.Column("record", sa.Text(), nullable=True),
        sa.Column("captured_at", sa.String(40), nullable=True),
        sa.Column("ingested_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_input_copies_input_id", "input_copies", ["input_id"])


def downgrade() -> None:
    op.drop_index("ix_input_copies_input_id", table_name="input_copies")
    op.drop_table("input_copies")
