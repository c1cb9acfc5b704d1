"""Records read back from an export: their inputs are described as they were, without the bytes.

`newsarchive import` stores records, not originals: an imported article's input keeps the
description its original had (path, format, encoding, hash, and the container it came out of)
while `inputs.data` holds the record's own JSON line. `inputs.imported` says so, so that `check`
does not compare those bytes with the original's hash. NULL (false) for every other input.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("inputs", sa.Column("imported", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("inputs") as batch:
        batch.drop_column("imported")
