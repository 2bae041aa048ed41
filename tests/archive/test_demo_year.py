"""The demo CCHC year 2022: a full year of chained history that reports and verifies."""

from sqlalchemy import func, select

from radio.archive.demo import load_archive_year
from radio.archive.periods import parse_period
from radio.archive.reports.data import build_report
from radio.archive.verify import verify_database
from radio.db import db
from radio.demo import DemoReport
from radio.models import AsRunEvent, MediaItem


def test_the_demo_year_covers_the_cchc_year_and_loads_once(create_media_item):
    for n in range(3):
        create_media_item(f"Tin mẫu {n}", audio="stored", topics=("mot-cua",), agency="phong-noi-vu")
    report = DemoReport(lines=[])
    load_archive_year(report)
    assert report.created > 5000
    events = db.session.scalar(select(func.count()).select_from(AsRunEvent))
    again = DemoReport(lines=[])
    load_archive_year(again)
    assert again.created == 0
    assert db.session.scalar(select(func.count()).select_from(AsRunEvent)) == events
    first, last = db.session.execute(select(func.min(AsRunEvent.started_at),
                                            func.max(AsRunEvent.started_at))).one()
    start, end = parse_period("2022").bounds("Asia/Ho_Chi_Minh")
    assert start <= first < start + (end - start) / 50 and end - (end - start) / 50 < last < end
    ingested = db.session.scalars(select(MediaItem.created_at)).all()
    assert ingested and max(ingested) < first  # each item came in before it first aired
    data = build_report(parse_period("2022"))
    assert len(data.stations) == 18 and data.total_broadcasts > 5000
    assert 85 < data.compliance < 100
    silent = next(r for r in data.stations if r.key == "gio-hai")
    assert silent.missed > max(r.missed for r in data.stations if r.key != "gio-hai") / 2
    assert verify_database(files=False).ok


def test_an_empty_library_gets_tone_items_for_the_demo_year_once(app):
    from media.demo_library import FALLBACK_ITEMS, demo_fallback_items
    from radio.models import MediaItem

    report = DemoReport(lines=[])
    made = demo_fallback_items(report)
    assert len(made) == len(FALLBACK_ITEMS) and report.created == len(FALLBACK_ITEMS)
    assert all(abs(i.duration_s - 20.0) < 1e-9 for i in made)
    assert demo_fallback_items(DemoReport(lines=[])) == []
    assert db.session.scalar(select(func.count()).select_from(MediaItem)) == len(FALLBACK_ITEMS)
