"""job_runs: the outcome of every scheduled job run (start, end, ok or error)

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

import radio.models.base

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "job_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.String(length=64), nullable=False),
        sa.Column("started_at", radio.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", radio.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("ok", sa.Boolean(), nullable=True),
        sa.Column("result", sa.String(length=200), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_runs")),
    )
    with op.batch_alter_table("job_runs") as batch:
        batch.create_index(batch.f("ix_job_runs_job_id"), ["job_id"], unique=False)
        batch.create_index(batch.f("ix_job_runs_started_at"), ["started_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("job_runs") as batch:
        batch.drop_index(batch.f("ix_job_runs_started_at"))
        batch.drop_index(batch.f("ix_job_runs_job_id"))
    op.drop_table("job_runs")
