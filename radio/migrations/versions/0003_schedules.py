"""schedules: schema changes of the schedules work (occurrence render cache key)

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

import radio.models.base  # noqa: F401

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("occurrences") as batch:
        batch.add_column(sa.Column("render_key", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("occurrences") as batch:
        batch.drop_column("render_key")
