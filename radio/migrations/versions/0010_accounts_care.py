"""accounts care and official documents: users.must_change_password, official_documents

Revision ID: 0010_accounts_care
Revises: 0009_live
"""

import sqlalchemy as sa
from alembic import op

import radio.models.base

revision = "0010_accounts_care"
down_revision = "0009_live"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("must_change_password", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
    op.create_table(
        "official_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(length=64), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("symbol", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("period_key", sa.String(length=64), nullable=False),
        sa.Column("window", sa.String(length=16), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", radio.models.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_official_documents")),
        sa.UniqueConstraint("unit", "year", "number",
                            name="uq_official_documents_unit_year_number"),
    )


def downgrade() -> None:
    op.drop_table("official_documents")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("must_change_password")
