"""Pages out of web archives and browser saves: which container and record an input came from.

`inputs.container` is the container's kind ("warc", "wacz", "mhtml"), `inputs.record` where in
it the page was ("offset 1234"; in a WACZ, the WARC member too) and `inputs.captured_at` the
capture time the container gives (a WARC-Date, as written). `inputs.path` names the container
file; `inputs.data` holds that record's bytes only (the HTTP response), not the whole file.
Inputs stored before this revision are loose files: NULL in all three.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("inputs", sa.Column("container", sa.String(10), nullable=True))
    op.add_column("inputs", sa.Column("record", sa.Text(), nullable=True))
    op.add_column("inputs", sa.Column("captured_at", sa.String(40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("inputs") as batch:
        batch.drop_column("captured_at")
        batch.drop_column("record")
        batch.drop_column("container")
