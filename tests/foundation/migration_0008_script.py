"""Run by test_migration_airings.py in a process of its own (it reconfigures the database):
history written at 0007, `radio archive verify` before and after upgrading to 0008."""

from __future__ import annotations

import json
import sys
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select, text

from radio import chain, clock, demo, migrate
from radio.archive.verify import VerifyReport, verify_chain, verify_database
from radio.asrun import operations as asrun
from radio.asrun.operations import asrun_content
from radio.db import db
from radio.models import AsRunEvent, EntryKind, MediaItem, Priority, ScheduleEntry
from radio.stations import get_station
from web import create_app

ROWS = "SELECT seq, event_uuid, station_id, entry_id, started_at, status, prev_hash, row_hash " \
       "FROM asrun_events ORDER BY seq"


def _asrun_chain_ok() -> bool:
    table = AsRunEvent.__table__
    columns = [c for c in table.columns if c.name != "airing_id"]
    prev, ok = chain.GENESIS, True
    with db.engine.connect() as conn:
        for row in conn.execute(select(*columns).order_by(table.c.seq)).mappings():
            event = AsRunEvent(**dict(row))
            ok &= row["prev_hash"] == prev
            ok &= row["row_hash"] == chain.link(row["prev_hash"], asrun_content(event))
            prev = row["row_hash"]
    return bool(ok)


def _audit_ok() -> bool:
    report = VerifyReport()
    verify_chain("audit", report)
    return report.ok


def main(data_dir: str, url: str) -> None:
    app = create_app({"data_dir": Path(data_dir), "database_url": url, "secret_key": "x"})
    migrate.upgrade(db.engine)
    out = {}
    with app.app_context():
        demo.load_network(demo.DemoReport(lines=[]))
        now = clock.now().replace(microsecond=0)
        item = MediaItem(title="Tin cũ", original_sha256="a" * 64, rendition_sha256="a" * 64,
                         duration_s=60, original_size=1, rendition_size=1,
                         created_at=now - timedelta(days=3))
        db.session.add(item)
        db.session.flush()
        station = get_station("gio-an")
        plain = ScheduleEntry(station_id=station.id, kind=EntryKind.item,
                              starts_at=now - timedelta(hours=5),
                              ends_at=now - timedelta(hours=5, seconds=-60),
                              media_item_id=item.id)
        storm = ScheduleEntry(station_id=station.id, kind=EntryKind.item,
                              starts_at=now - timedelta(hours=4),
                              ends_at=now - timedelta(hours=4, seconds=-60),
                              priority=Priority.emergency, media_item_id=item.id,
                              repeat_every_s=600)
        db.session.add_all([plain, storm])
        db.session.flush()
        events = [{"id": f"00000000-0000-4000-8000-00000000000{n}", "entry_id": e.id,
                   "status": "aired", "started_at": at.isoformat()}
                  for n, (e, at) in enumerate([(plain, plain.starts_at),
                                               (storm, storm.starts_at),
                                               (storm, storm.starts_at + timedelta(minutes=30))])]
        assert not asrun.ingest(station, events).rejected
        db.session.commit()
        ids = {"plain": plain.id, "storm": storm.id}
    # Back to 0007: the history as it stood before airings existed.
    from alembic import command

    cfg = migrate.alembic_config(db.engine.url.render_as_string(hide_password=False))
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0007_signin_throttle")
    with db.engine.connect() as conn:
        out["before_rows"] = [list(map(str, r)) for r in conn.execute(text(ROWS))]
        out["before_airings_table"] = "airings" in db.engine.dialect.get_table_names(conn)
    with app.app_context():
        # At 0007 the model (with airing_id) cannot load the table: the as-run chain is checked
        # from the raw rows with the verifier's own hash, the audit chain by the verifier.
        out["verify_before"] = _asrun_chain_ok() and _audit_ok()
        db.session.remove()
    migrate.upgrade(db.engine)
    with db.engine.connect() as conn:
        out["after_rows"] = [list(map(str, r)) for r in conn.execute(text(ROWS))]
        out["airings"] = {k: [list(map(str, r)) for r in conn.execute(text(
            "SELECT seq, status FROM airings WHERE entry_id = :e ORDER BY seq"), {"e": v})]
            for k, v in ids.items()}
    with app.app_context():
        out["verify_after"] = verify_database(files=False).ok
        out["links"] = [[ev.seq, ev.airing_id is not None] for ev in
                        db.session.scalars(select(AsRunEvent).order_by(AsRunEvent.seq))]
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
