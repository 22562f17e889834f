"""Operators, packages owned, priced and versioned, soft delete, share links.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the operator and share link tables and the new package columns (existing rows kept)."""
    op.create_table(
        "operator",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("email", sa.String(254), nullable=False, unique=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("password_hash", sa.String(255)),
        sa.Column("token_hash", sa.String(64), unique=True),
        sa.Column("token_prefix", sa.String(16)),
        sa.Column("signin_hash", sa.String(64), unique=True),
        sa.Column("signin_expires_utc", sa.String(20)),
        sa.Column("price_list_json", sa.Text, nullable=False),
        sa.Column("created_utc", sa.String(20), nullable=False),
    )
    with op.batch_alter_table("package") as batch:
        batch.add_column(sa.Column("operator_id", sa.Integer,
                                   sa.ForeignKey("operator.id", name="fk_package_operator")))
        batch.add_column(sa.Column("group_size", sa.Integer, nullable=False, server_default="1"))
        batch.add_column(sa.Column("plan_json", sa.Text))
        batch.add_column(sa.Column("price_json", sa.Text))
        batch.add_column(sa.Column("version", sa.Integer, nullable=False, server_default="1"))
        batch.add_column(sa.Column("updated_utc", sa.String(20)))
        batch.add_column(sa.Column("deleted_utc", sa.String(20)))
        batch.create_index("ix_package_operator_id", ["operator_id"])
    op.create_table(
        "share_link",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("package_id", sa.Integer, sa.ForeignKey("package.id", name="fk_share_link_package"),
                  nullable=False, index=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_utc", sa.String(20), nullable=False),
        sa.Column("revoked_utc", sa.String(20)),
    )


def downgrade() -> None:
    """Drop what :func:`upgrade` added."""
    op.drop_table("share_link")
    with op.batch_alter_table("package") as batch:
        batch.drop_index("ix_package_operator_id")
        for column in ("deleted_utc", "updated_utc", "version", "price_json", "plan_json", "group_size"):
            batch.drop_column(column)
        batch.drop_constraint("fk_package_operator", type_="foreignkey")
        batch.drop_column("operator_id")
    op.drop_table("operator")
