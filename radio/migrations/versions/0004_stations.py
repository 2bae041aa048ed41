"""stations: heartbeats.free_disk_bytes as a 64-bit integer (free disk space exceeds 2 GiB)

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

import radio.models.base  # noqa: F401

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("heartbeats") as batch:
        batch.alter_column("free_disk_bytes", existing_type=sa.Integer(),
                           type_=sa.BigInteger(), existing_nullable=True)


def downgrade() -> None:
    with op.batch_alter_table("heartbeats") as batch:
        batch.alter_column("free_disk_bytes", existing_type=sa.BigInteger(),
                           type_=sa.Integer(), existing_nullable=True)
