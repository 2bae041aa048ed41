"""signin throttle: failed sign-ins and bad tokens per account and per address

Revision ID: 0007_signin_throttle
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

import radio.models.base

revision = "0007_signin_throttle"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "signin_throttle",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=128), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", radio.models.base.UTCDateTime(), nullable=False),
        sa.Column("locked_until", radio.models.base.UTCDateTime(), nullable=True),
        sa.Column("refused", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signin_throttle")),
        sa.UniqueConstraint("scope", "key", name="uq_signin_throttle_scope_key"),
    )
    op.create_index(op.f("ix_signin_throttle_last_failure_at"), "signin_throttle",
                    ["last_failure_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_signin_throttle_last_failure_at"), table_name="signin_throttle")
    op.drop_table("signin_throttle")
