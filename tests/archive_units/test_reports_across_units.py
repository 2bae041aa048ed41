"""Reports across 1/7/2025: a 2022 report keeps its bytes when the 2025 merge is applied, a 2025
report shows the former communes before 1/7 and the merged ones after, the view by today's
units is the sum of its parts, and the package's manifest names the editions and lineage."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from radio import clock
from radio.archive.export import write_package
from radio.archive.package import PackageZip, verify_package
from radio.archive.periods import parse_period
from radio.archive.reports.data import build_report
from radio.archive.reports.xlsx import write_xlsx

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)


def _vn(*args) -> datetime:
    return datetime(*args, tzinfo=VN).astimezone(UTC)


@pytest.fixture
def frozen(monkeypatch):
    """One instant for everything the outputs stamp (generated-at, the ZIP member times)."""
    monkeypatch.setattr(clock, "now", lambda: NOW)
    return NOW


@pytest.fixture
def items(create_media_item):
    a = create_media_item("Công khai thủ tục hành chính", topics=("thu-tuc-hanh-chinh",),
                          agency="vp-hdnd-ubnd", audio="stored")
    b = create_media_item("Dịch vụ công trực tuyến", topics=("dich-vu-cong",),
                          agency="phong-noi-vu", audio="stored")
    return a, b


def _xlsx(period) -> bytes:
    buf = io.BytesIO()
    write_xlsx(build_report(period), buf)
    return buf.getvalue()


def _members(data: bytes) -> dict[str, bytes]:
    """An XLSX (a ZIP) by member, the creation/modification stamps of docProps/core.xml
    normalised: openpyxl writes the wall clock there, the only time-dependent part."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        out = {n: zf.read(n) for n in zf.namelist()}
    if "docProps/core.xml" in out:
        out["docProps/core.xml"] = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"T",
                                          out["docProps/core.xml"])
    return out


def _package(tmp_path, period, name) -> dict[str, bytes]:
    out = tmp_path / f"{name}.zip"
    result = write_package(period, out)
    assert result.problems == []
    with zipfile.ZipFile(out) as raw:
        zf = PackageZip(raw)
        members = {n: zf.read(n) for n in zf.namelist()}
    xlsx = next(n for n in members if n.endswith(".xlsx"))
    members[xlsx] = _members(members[xlsx])
    # SHA256SUMS names the XLSX's hash, which follows its internal wall-clock stamps.
    members["SHA256SUMS"] = b"".join(line for line in members["SHA256SUMS"].splitlines(True)
                                     if not line.rstrip().endswith(b".xlsx"))
    return members


def _air_2022(air, items):
    a, b = items
    for code, item, at in (("gio-an", a, _vn(2022, 3, 8, 5, 40)),
                           ("tt-gio-linh", b, _vn(2022, 5, 2, 17, 5)),
                           ("huyen-gio-linh", a, _vn(2022, 9, 1, 5, 35)),
                           ("gio-hai", b, _vn(2022, 11, 30, 17, 10))):
        air(code, item, at, seconds=120)


def test_a_2022_report_keeps_its_bytes_when_the_2025_merge_is_applied(
        tmp_path, frozen, network, air, items):
    _air_2022(air, items)
    period = parse_period("2022")
    no_units = (_members(_xlsx(period)), _package(tmp_path, period, "before-units"))
    world = network.gio_linh_2020()
    with_units = (_members(_xlsx(period)), _package(tmp_path, period, "units"))
    network.apply_2025(world)
    assert network.station("gio-an").merged_into_id == network.station("xa-con-tien").id
    merged = (_members(_xlsx(period)), _package(tmp_path, period, "merged"))

    assert no_units == with_units == merged
    assert build_report(period).units is None
    manifest = json.loads(merged[1]["manifest.json"])
    assert "units" not in manifest
    rows = list(csv.DictReader(io.StringIO(merged[1]["asrun.csv"].decode("utf-8-sig"))))
    assert {r["ten_dai"] for r in rows} >= {"Xã Gio An", "Thị trấn Gio Linh"}
    wb = load_workbook(io.BytesIO(_xlsx(period)))
    assert not any(n.startswith("Theo đơn vị") for n in wb.sheetnames)


@pytest.fixture
def year_2025(network, air, items):
    """Plays on the former stations before 1/7/2025 and on the merged ones after."""
    a, b = items
    world = network.gio_linh_2020()
    before = [("gio-an", a, _vn(2025, 3, 10, 5, 40), "aired"),
              ("linh-truong", b, _vn(2025, 4, 2, 17, 5), "aired"),
              ("tt-gio-linh", a, _vn(2025, 5, 1, 5, 35), "partial"),
              ("huyen-gio-linh", b, _vn(2025, 6, 30, 17, 20), "aired"),
              ("gio-an", b, _vn(2024, 12, 20, 5, 40), "aired"),
              ("gio-viet", a, _vn(2024, 12, 28, 5, 40), "aired"),
              ("tt-cua-viet", b, _vn(2025, 2, 3, 5, 40), "aired")]
    for code, item, at, status in before:
        air(code, item, at, status=status, seconds=120)
    network.apply_2024_step(world)
    network.apply_2025(world)
    after = [("xa-con-tien", a, _vn(2025, 8, 10, 5, 40), "aired", 180),
             ("xa-con-tien", b, _vn(2025, 8, 11, 5, 40), "aired", 180),
             ("xa-gio-linh", a, _vn(2025, 9, 1, 17, 5), "aired", 60),
             ("xa-gio-linh", b, _vn(2025, 9, 2, 17, 5), None, 60)]  # scheduled, not reported
    for code, item, at, status, secs in after:
        air(code, item, at, status=status, seconds=secs)
    return world


def _then(views):
    return {(r.label.name, r.first_day, r.last_day): r for r in views.then}


def test_a_2025_report_shows_the_old_units_before_1_7_and_the_new_ones_after(network,
                                                                             year_2025):
    data = build_report(parse_period("2025"))
    views = data.units
    assert views is not None and views.crosses
    then = _then(views)
    start, last_old, first_new, end = (date(2024, 12, 15), date(2025, 6, 30), date(2025, 7, 1),
                                       date(2025, 12, 14))
    assert then[("Xã Gio An", start, last_old)].broadcasts == 2
    assert then[("Xã Linh Trường", start, last_old)].broadcasts == 1
    assert then[("Thị trấn Gio Linh", start, last_old)].broadcasts == 1
    assert then[("Huyện Gio Linh", start, last_old)].broadcasts == 1
    assert then[("Xã Cồn Tiên", first_new, end)].broadcasts == 2
    gio_linh = then[("Xã Gio Linh", first_new, end)]
    assert (gio_linh.broadcasts, gio_linh.scheduled, gio_linh.missed) == (1, 2, 1)
    # 19495 is the code of both Thị trấn Gio Linh (2020) and Xã Gio Linh (1/7/2025)
    assert gio_linh.label.code == then[("Thị trấn Gio Linh", start, last_old)].label.code
    assert gio_linh.editions == {first_new}
    merged = {name for _c, _n, _s, former in network.MERGES_2025 for name in former}
    for row in views.then:  # no merged unit after 30/6, none of the new ones before 1/7
        if set(row.stations) & {network.station(c).name for c in merged}:
            assert row.last_day <= last_old
        if row.first_day >= first_new:
            assert row.label.name in {n for _c, n, _s, _f in network.MERGES_2025}
    # Gio Việt went into Thị trấn Cửa Việt on 1/1/2025 (test step), which went into Xã Cửa
    # Việt on 1/7/2025: two lines followed; the town is one row across its two editions.
    assert then[("Xã Gio Việt", start, date(2024, 12, 31))].broadcasts == 1
    cua_viet = then[("Thị trấn Cửa Việt", start, last_old)]
    assert cua_viet.editions == {date(2020, 1, 1), date(2025, 1, 1)}
    viet = next(m for m in views.mapping if m.then.label.name == "Xã Gio Việt")
    assert viet.now.name == "Xã Cửa Việt"
    assert [line.effective_on for line in viet.path] == [date(2025, 1, 1), first_new]
    now = {r.label.name: r for r in views.now}
    assert now["Xã Cồn Tiên"].broadcasts == 5  # Gio An 2, Linh Trường 1, Cồn Tiên 2
    assert set(now["Xã Cồn Tiên"].parts) == {"Xã Gio An", "Xã Linh Trường", "Xã Gio Sơn",
                                             "Xã Hải Thái", "Xã Cồn Tiên"}
    assert now["Xã Gio Linh"].broadcasts == 2 and now["Huyện Gio Linh"].broadcasts == 1
    assert now["Xã Cửa Việt"].broadcasts == 2  # Gio Việt (2024) and Thị trấn Cửa Việt (2025)
    assert "Xã Gio An" not in now and "Thị trấn Gio Linh" not in now
    mapping = {m.then.label.name: m for m in views.mapping}
    assert mapping["Xã Gio An"].now.name == "Xã Cồn Tiên"
    assert [(line.kind, line.effective_on) for line in mapping["Xã Gio An"].path] == \
        [("merge", first_new)]
    assert mapping["Huyện Gio Linh"].path == []  # the district has no successor commune


def test_the_report_by_todays_units_is_the_sum_of_its_parts(year_2025):
    data = build_report(parse_period("2025"))
    views = data.units
    fields = ("broadcasts", "minutes", "scheduled", "aired_scheduled", "missed", "partial",
              "emergency_sent", "live_minutes")
    for now_row in views.now:
        parts = [m.then for m in views.mapping if m.now.key == now_row.label.key]
        assert [p.label.name for p in parts] == now_row.parts
        for name in fields:
            assert getattr(now_row, name) == pytest.approx(sum(getattr(p, name) for p in parts))
        assert now_row.days_aired <= sum(p.days_aired for p in parts)
    for rows in (views.then, views.now):
        assert sum(r.broadcasts for r in rows) == data.total_broadcasts == 10
        assert sum(r.minutes for r in rows) == pytest.approx(data.total_minutes)
        assert sum(r.scheduled for r in rows) == data.total_scheduled
    assert sum(r.broadcasts for r in views.now if r.label.name == "Xã Cồn Tiên") == \
        sum(r.broadcasts for r in views.then if r.label.name in
            ("Xã Gio An", "Xã Linh Trường", "Xã Gio Sơn", "Xã Hải Thái", "Xã Cồn Tiên"))


def test_the_xlsx_has_both_views_each_saying_which_it_is(year_2025):
    wb = load_workbook(io.BytesIO(_xlsx(parse_period("2025"))))
    assert {"Theo đơn vị lúc phát", "Theo đơn vị hiện nay", "Đối chiếu đơn vị"} <= \
        set(wb.sheetnames)
    then, now, mapping = (wb["Theo đơn vị lúc phát"], wb["Theo đơn vị hiện nay"],
                          wb["Đối chiếu đơn vị"])
    assert "lúc phát sóng" in then["A1"].value and "hiện nay" in now["A1"].value
    assert "đối chiếu" in mapping["A1"].value.lower()
    assert then["C2"].value == "Đơn vị hành chính" and now["C2"].value == \
        "Đơn vị hành chính hiện nay"
    then_rows = {(r[2], r[4], r[5]): r for r in then.iter_rows(min_row=3, values_only=True)}
    assert then_rows[("Xã Gio An", "15/12/2024", "30/06/2025")][7] == 2
    assert then_rows[("Xã Cồn Tiên", "01/07/2025", "14/12/2025")][7] == 2
    now_rows = {r[2]: r for r in now.iter_rows(min_row=3, values_only=True)}
    assert now_rows["Xã Cồn Tiên"][5] == 5 and now_rows["Tổng cộng"][5] == 10
    map_rows = {r[2]: r for r in mapping.iter_rows(min_row=3, values_only=True)}
    assert map_rows["Xã Gio An"][7] == "Xã Cồn Tiên"
    assert "01/07/2025" in map_rows["Xã Gio An"][9]
    assert wb["Theo đài trạm"]["A1"].value == "STT"  # the station sheets are as they were


def test_the_package_manifest_records_the_editions_and_lineage(tmp_path, year_2025):
    out = tmp_path / "goi-2025.zip"
    result = write_package(parse_period("2025"), out)
    assert result.problems == []
    assert verify_package(out).ok
    with zipfile.ZipFile(out) as raw:
        manifest = json.loads(PackageZip(raw).read("manifest.json"))
    units = manifest["units"]
    assert units["views"] == ["units_then", "units_now"]
    assert units["editions"] == ["2020-01-01", "2025-01-01", "2025-07-01"]
    lineage = [(r["predecessor"]["code"], r["predecessor"]["edition"], r["successor"]["code"],
                r["successor"]["edition"], r["effective_on"], r["kind"])
               for r in units["lineage"]]
    assert ("90001", "2020-01-01", "19537", "2025-07-01", "2025-07-01", "merge") in lineage
    assert ("19495", "2020-01-01", "19495", "2025-07-01", "2025-07-01", "merge") in lineage
    assert ("90008", "2020-01-01", "19496", "2025-01-01", "2025-01-01", "merge") in lineage
    assert ("19496", "2025-01-01", "19496", "2025-07-01", "2025-07-01", "merge") in lineage
    mapping = {m["then_name"]: m for m in units["mapping"]}
    assert mapping["Xã Gio Mai"]["now_name"] == "Xã Cửa Việt"


def test_the_report_page_switches_views_without_scripts(client, login, year_2025):
    login("auditor")
    page = client.get("/archive/report?period=2025&window=cchc").get_data(as_text=True)
    assert 'data-table="units_then"' in page and 'data-table="units_now"' not in page
    assert 'data-table="units_map"' in page and "view=units_now" in page
    assert "Thị trấn Gio Linh" in page and "Xã Cồn Tiên" in page
    now = client.get("/archive/report?period=2025&window=cchc&view=units_now").get_data(
        as_text=True)
    assert 'data-table="units_now"' in now and 'data-table="units_then"' not in now
    assert "Xã Gio An; Xã Gio Sơn; Xã Hải Thái; Xã Linh Trường; Xã Cồn Tiên" in now


def test_the_print_page_carries_the_three_unit_tables(client, login, year_2025):
    login("auditor")
    html = client.get("/archive/report/print?period=2025&window=cchc").get_data(as_text=True)
    for title in ("Theo đơn vị lúc phát", "Theo đơn vị hiện nay", "Đối chiếu đơn vị"):
        assert f". {title}</h2>" in html
    assert "lúc phát sóng: mỗi ngày được tính" in html
    plain = client.get("/archive/report/print?period=2022&window=cchc").get_data(as_text=True)
    assert "Theo đơn vị lúc phát" not in plain and 'class="note"' not in plain
