"""live sessions: a source on a station's stream mount and its recording

Revision ID: 0009_live
Revises: 0008_airings
"""

import sqlalchemy as sa
from alembic import op

import radio.models.base

revision = "0009_live"
down_revision = "0008_airings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "live_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.Enum("waiting", "live", "ended", "failed", name="livestatus",
                                    native_enum=False, length=16), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("started_by_id", sa.Integer(), nullable=True),
        sa.Column("started_by_name", sa.String(length=200), nullable=False),
        sa.Column("created_at", radio.models.base.UTCDateTime(), nullable=False),
        sa.Column("started_at", radio.models.base.UTCDateTime(), nullable=True),
        sa.Column("ended_at", radio.models.base.UTCDateTime(), nullable=True),
        sa.Column("media_item_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(length=1000), nullable=False),
        sa.ForeignKeyConstraint(["station_id"], ["stations.id"],
                                name=op.f("fk_live_sessions_station_id_stations")),
        sa.ForeignKeyConstraint(["started_by_id"], ["users.id"],
                                name=op.f("fk_live_sessions_started_by_id_users")),
        sa.ForeignKeyConstraint(["media_item_id"], ["media_items.id"],
                                name=op.f("fk_live_sessions_media_item_id_media_items")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_live_sessions")),
    )
    op.create_index(op.f("ix_live_sessions_station_id"), "live_sessions", ["station_id"])
    op.create_index(op.f("ix_live_sessions_started_at"), "live_sessions", ["started_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_live_sessions_started_at"), table_name="live_sessions")
    op.drop_index(op.f("ix_live_sessions_station_id"), table_name="live_sessions")
    op.drop_table("live_sessions")
