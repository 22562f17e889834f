"""Saved packages as the first SQLite store made them (kept when the table is already there).

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the ``package`` table unless a file of the earlier store already has it."""
    if sa.inspect(op.get_bind()).has_table("package"):
        return
    op.create_table(
        "package",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("request_json", sa.Text, nullable=False),
        sa.Column("created_utc", sa.Text, nullable=False),
    )


def downgrade() -> None:
    """Drop the ``package`` table."""
    op.drop_table("package")
