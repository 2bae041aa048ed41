"""fleet health, remote commands, emergency receipts and alerts: station_health,
health_samples, station_commands, emergency_receipts, alerts, alert_rules, alert_subscriptions

Revision ID: 0014_fleet
Revises: 0013_editorial
"""

import sqlalchemy as sa
from alembic import op

from radio.models.base import UTCDateTime

revision = "0014_fleet"
down_revision = "0013_editorial"
branch_labels = None
depends_on = None


def _fk(col: str, table: str, target: str, **kw) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([col], [f"{target}.id"], name=op.f(f"fk_{table}_{col}_{target}"),
                                   **kw)


def _enum(*values: str, name: str, length: int) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=length)


def upgrade() -> None:
    op.create_table(
        "station_health",
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("agent_version", sa.String(64), nullable=False),
        sa.Column("uptime_s", sa.Float(), nullable=True),
        sa.Column("free_disk_bytes", sa.BigInteger(), nullable=True),
        sa.Column("cache_ready", sa.Boolean(), nullable=True),
        sa.Column("cache_missing", sa.JSON(), nullable=True),
        sa.Column("player_state", sa.String(16), nullable=False),
        sa.Column("now_playing", sa.String(500), nullable=False),
        sa.Column("now_entry_id", sa.Integer(), nullable=True),
        sa.Column("output_level_db", sa.Float(), nullable=True),
        sa.Column("silence_s", sa.Float(), nullable=True),
        sa.Column("volume", sa.Integer(), nullable=True),
        sa.Column("rtt_ms", sa.Float(), nullable=True),
        sa.Column("failed_requests_1h", sa.Integer(), nullable=True),
        sa.Column("clock_offset_s", sa.Float(), nullable=True),
        sa.Column("report", sa.JSON(), nullable=True),
        _fk("station_id", "station_health", "stations", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("station_id", name=op.f("pk_station_health")),
    )
    op.create_table(
        "health_samples",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("bucket_at", UTCDateTime(), nullable=False),
        sa.Column("contacts", sa.Integer(), nullable=False),
        sa.Column("cache_ready", sa.Boolean(), nullable=True),
        sa.Column("free_disk_bytes", sa.BigInteger(), nullable=True),
        sa.Column("clock_offset_s", sa.Float(), nullable=True),
        sa.Column("output_level_db", sa.Float(), nullable=True),
        sa.Column("silence_s", sa.Float(), nullable=True),
        sa.Column("volume", sa.Integer(), nullable=True),
        sa.Column("rtt_ms", sa.Float(), nullable=True),
        _fk("station_id", "health_samples", "stations", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_health_samples")),
        sa.UniqueConstraint("station_id", "bucket_at", name="uq_health_samples_station_id_bucket_at"),
    )
    op.create_index(op.f("ix_health_samples_bucket_at"), "health_samples", ["bucket_at"])
    op.create_table(
        "station_commands",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("cluster_id", sa.Integer(), nullable=True),
        sa.Column("kind", _enum("volume", "stop", "play", "resync", "restart", name="commandkind",
                                length=16), nullable=False),
        sa.Column("value", sa.String(100), nullable=False),
        sa.Column("status", _enum("pending", "delivered", "done", "failed", "expired",
                                  name="commandstatus", length=16), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("delivered_at", UTCDateTime(), nullable=True),
        sa.Column("finished_at", UTCDateTime(), nullable=True),
        sa.Column("note", sa.String(500), nullable=False),
        _fk("station_id", "station_commands", "stations", ondelete="CASCADE"),
        _fk("cluster_id", "station_commands", "clusters"),
        _fk("created_by_id", "station_commands", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_station_commands")),
    )
    op.create_index(op.f("ix_station_commands_station_id"), "station_commands", ["station_id"])
    op.create_index(op.f("ix_station_commands_status"), "station_commands", ["status"])
    op.create_table(
        "emergency_receipts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.String(64), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("cluster_code", sa.String(64), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=True),
        sa.Column("started_at", UTCDateTime(), nullable=True),
        sa.Column("finished_at", UTCDateTime(), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        _fk("entry_id", "emergency_receipts", "schedule_entries"),
        _fk("station_id", "emergency_receipts", "stations"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_emergency_receipts")),
        sa.UniqueConstraint("entry_id", "station_id", "cluster_code",
                            name="uq_emergency_receipts_entry_id"),
    )
    for col in ("entry_id", "batch_id", "station_id"):
        op.create_index(op.f(f"ix_emergency_receipts_{col}"), "emergency_receipts", [col])
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", _enum("station_silent", "dead_air", "emergency_not_started",
                                "cache_not_ready", "low_disk", "clock_off", "entry_missed",
                                name="alertkind", length=32), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("level", _enum("warning", "critical", name="alertlevel", length=16),
                  nullable=False),
        sa.Column("message", sa.String(1000), nullable=False),
        sa.Column("details", sa.JSON(), nullable=True),
        sa.Column("opened_at", UTCDateTime(), nullable=False),
        sa.Column("last_seen_at", UTCDateTime(), nullable=False),
        sa.Column("escalated_at", UTCDateTime(), nullable=True),
        sa.Column("closed_at", UTCDateTime(), nullable=True),
        sa.Column("notified_open_at", UTCDateTime(), nullable=True),
        sa.Column("notified_escalation_at", UTCDateTime(), nullable=True),
        sa.Column("notified_close_at", UTCDateTime(), nullable=True),
        _fk("station_id", "alerts", "stations"),
        _fk("unit_id", "alerts", "admin_units"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alerts")),
    )
    for col in ("kind", "key", "station_id", "opened_at", "closed_at"):
        op.create_index(op.f(f"ix_alerts_{col}"), "alerts", [col])
    op.create_table(
        "alert_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("threshold", sa.Float(), nullable=False),
        sa.Column("escalate_minutes", sa.Integer(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        _fk("unit_id", "alert_rules", "admin_units"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_rules")),
        sa.UniqueConstraint("kind", "unit_id", name="uq_alert_rules_kind_unit_id"),
    )
    op.create_table(
        "alert_subscriptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("email", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        _fk("user_id", "alert_subscriptions", "users", ondelete="CASCADE"),
        _fk("unit_id", "alert_subscriptions", "admin_units"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_subscriptions")),
        sa.UniqueConstraint("user_id", "unit_id", name="uq_alert_subscriptions_user_id_unit_id"),
    )
    op.create_index(op.f("ix_alert_subscriptions_user_id"), "alert_subscriptions", ["user_id"])


def downgrade() -> None:
    for table in ("alert_subscriptions", "alert_rules", "alerts", "emergency_receipts",
                  "station_commands", "health_samples", "station_health"):
        op.drop_table(table)
