"""Each version of a package kept (existing packages start with their current version).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``package_version`` and copy every package's current state into it."""
    op.create_table(
        "package_version",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("package_id", sa.Integer, sa.ForeignKey("package.id", name="fk_package_version_package"),
                  nullable=False, index=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("group_size", sa.Integer, nullable=False),
        sa.Column("request_json", sa.Text, nullable=False),
        sa.Column("plan_json", sa.Text),
        sa.Column("price_json", sa.Text),
        sa.Column("saved_utc", sa.String(20), nullable=False),
        sa.UniqueConstraint("package_id", "version", name="uq_package_version"),
    )
    op.execute("INSERT INTO package_version (package_id, version, name, group_size, request_json, plan_json, "
               "price_json, saved_utc) SELECT id, version, name, group_size, request_json, plan_json, price_json, "
               "COALESCE(updated_utc, created_utc) FROM package")


def downgrade() -> None:
    """Drop ``package_version``."""
    op.drop_table("package_version")
