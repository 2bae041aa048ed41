"""airings: one row per dated airing of an entry; as-run events attach to one airing

Existing entries get their airings (a repeating emergency: one per repetition, bounded by its
end, cancellation or supersession, never more than 24 hours). Existing as-run events are linked
to the nearest airing of their entry through the new, unchained airing_id column: rows are
added, the chained fields of as-run rows are never rewritten, so the chain still verifies.

Revision ID: 0008_airings
Revises: 0007_signin_throttle
"""

import sqlalchemy as sa
from alembic import op

import radio.models.base
from radio.airings.expand import airing_times

revision = "0008_airings"
down_revision = "0007_signin_throttle"
branch_labels = None
depends_on = None

REPORTED = {"aired": "aired", "partial": "partial", "skipped": "missed", "failed": "missed"}


def upgrade() -> None:
    op.create_table(
        "airings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("starts_at", radio.models.base.UTCDateTime(), nullable=False),
        sa.Column("ends_at", radio.models.base.UTCDateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("cancelled_at", radio.models.base.UTCDateTime(), nullable=True),
        sa.Column("cancelled_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["entry_id"], ["schedule_entries.id"], ondelete="CASCADE",
                                name=op.f("fk_airings_entry_id_schedule_entries")),
        sa.ForeignKeyConstraint(["station_id"], ["stations.id"],
                                name=op.f("fk_airings_station_id_stations")),
        sa.ForeignKeyConstraint(["cancelled_by_id"], ["users.id"],
                                name=op.f("fk_airings_cancelled_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_airings")),
        sa.UniqueConstraint("entry_id", "seq", name="uq_airings_entry_seq"),
    )
    op.create_index(op.f("ix_airings_entry_id"), "airings", ["entry_id"])
    op.create_index("ix_airings_station_start", "airings", ["station_id", "starts_at"])
    op.create_index("ix_schedule_entries_priority", "schedule_entries", ["priority"])
    with op.batch_alter_table("asrun_events") as batch:
        batch.add_column(sa.Column("airing_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_asrun_events_airing_id_airings"), "airings",
                                 ["airing_id"], ["id"])
        batch.create_index(op.f("ix_asrun_events_airing_id"), ["airing_id"])
    _backfill(op.get_bind())


def _backfill(conn) -> None:
    when = radio.models.base.UTCDateTime()
    entries = sa.table("schedule_entries", sa.column("id"), sa.column("station_id"),
                       sa.column("starts_at", when), sa.column("ends_at", when),
                       sa.column("repeat_every_s"), sa.column("repeat_until", when),
                       sa.column("cancelled_at", when), sa.column("superseded_by_id"))
    airings = sa.table("airings", sa.column("id"), sa.column("entry_id"), sa.column("station_id"),
                       sa.column("seq"), sa.column("starts_at", when), sa.column("ends_at", when),
                       sa.column("status"), sa.column("cancelled_at", when))
    events = sa.table("asrun_events", sa.column("seq"), sa.column("entry_id"),
                      sa.column("airing_id"), sa.column("started_at", when),
                      sa.column("status"))
    starts = dict(conn.execute(sa.select(entries.c.id, entries.c.starts_at)).all())
    reported: dict[int, list] = {}
    for seq, eid, started, status in conn.execute(
            sa.select(events.c.seq, events.c.entry_id, events.c.started_at, events.c.status)
            .where(events.c.entry_id.is_not(None)).order_by(events.c.seq)):
        reported.setdefault(eid, []).append((seq, started, status))
    batch: list[dict] = []
    links: list[tuple[int, int, int]] = []  # (event seq, entry id, airing seq)
    for row in conn.execute(sa.select(entries)).mappings():
        stop_at = row["superseded_by_id"] and starts.get(row["superseded_by_id"])
        evs = reported.get(row["id"], [])
        times = airing_times(row["starts_at"], row["ends_at"], row["repeat_every_s"],
                             row["repeat_until"])
        status_of: dict[int, str] = {}
        for seq, started, status in evs:
            n = min(times, key=lambda t: abs((t[1] - started).total_seconds()))[0]
            links.append((seq, row["id"], n))
            if status_of.get(n) != "aired":
                status_of[n] = REPORTED.get(status, "missed")
        for n, a, b in times:
            status, cancelled = status_of.get(n, "scheduled"), None
            if n not in status_of:
                if row["cancelled_at"] is not None and a >= row["cancelled_at"]:
                    status, cancelled = "cancelled", row["cancelled_at"]
                elif stop_at is not None and a >= stop_at:
                    status, cancelled = "superseded", stop_at
            batch.append({"entry_id": row["id"], "station_id": row["station_id"], "seq": n,
                          "starts_at": a, "ends_at": b, "status": status,
                          "cancelled_at": cancelled})
        if len(batch) >= 2000:
            conn.execute(airings.insert(), batch)
            batch = []
    if batch:
        conn.execute(airings.insert(), batch)
    ids = {(e, n): i for i, e, n in conn.execute(
        sa.select(airings.c.id, airings.c.entry_id, airings.c.seq))}
    stmt = events.update().where(events.c.seq == sa.bindparam("s")).values(
        airing_id=sa.bindparam("a"))
    rows = [{"s": seq, "a": ids[(eid, n)]} for seq, eid, n in links]
    for start in range(0, len(rows), 2000):
        conn.execute(stmt, rows[start:start + 2000])


def downgrade() -> None:
    with op.batch_alter_table("asrun_events") as batch:
        batch.drop_index(op.f("ix_asrun_events_airing_id"))
        batch.drop_constraint(op.f("fk_asrun_events_airing_id_airings"), type_="foreignkey")
        batch.drop_column("airing_id")
    op.drop_index("ix_schedule_entries_priority", table_name="schedule_entries")
    op.drop_index("ix_airings_station_start", table_name="airings")
    op.drop_index(op.f("ix_airings_entry_id"), table_name="airings")
    op.drop_table("airings")
