"""`radio unit import`: the July 2025 edition, idempotent, fast, one province or the country."""

from __future__ import annotations

import time
from datetime import date

from sqlalchemy import func, select, update

from radio.db import db
from radio.models import AdminUnit, AuditEntry
from radio.units import queries
from tests.units.util import checksum, dump_tables

JULY = date(2025, 7, 1)


def _import(runner, *args):
    result = runner.invoke(args=["unit", "import", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_importing_the_national_list_twice_changes_nothing(runner):
    started = time.monotonic()
    first = _import(runner)
    assert time.monotonic() - started < 15  # a few seconds on SQLite, with room for a busy box
    assert "3355 tạo mới, 0 không đổi, 0 cập nhật" in first
    tables = dump_tables()
    second = _import(runner)
    assert "0 tạo mới, 3355 không đổi, 0 cập nhật" in second
    again = dump_tables()
    assert {t: len(rows) for t, rows in again.items()} == {t: len(r) for t, r in tables.items()}
    assert {t: checksum(rows) for t, rows in again.items()} == \
        {t: checksum(rows) for t, rows in tables.items()}
    assert len(tables["admin_units"]) >= 3355


def test_the_edition_is_dated_parented_and_sourced():
    from radio.units.importer import import_units

    import_units(None)
    province = queries.edition("44", JULY)
    gio_linh = queries.edition("19495", JULY)
    assert (province.name, province.level, province.parent_id, province.valid_to) == \
        ("Tỉnh Quảng Trị", "province", None, None)
    assert (gio_linh.name, gio_linh.level, gio_linh.unit_type, gio_linh.parent_id) == \
        ("Xã Gio Linh", "commune", "Xã", province.id)
    assert "GSO" in gio_linh.source
    assert len(queries.children(province)) == 78
    assert len(queries.units_on(JULY, province="44")) == 79
    assert queries.unit_on("19495", date(2025, 6, 30)) is None or \
        queries.unit_on("19495", date(2025, 6, 30)).valid_from < JULY


def test_one_province_then_the_country_then_a_changed_name_is_updated(runner):
    assert "79 tạo mới, 0 không đổi" in _import(runner, "--province", "44")
    assert "3276 tạo mới, 79 không đổi, 0 cập nhật" in _import(runner)
    audits = db.session.scalar(select(func.count()).select_from(AuditEntry))
    db.session.execute(update(AdminUnit).where(AdminUnit.code == "19495",
                                               AdminUnit.valid_from == JULY)
                       .values(name="Xã Gio Linh cũ"))
    assert "0 tạo mới, 3354 không đổi, 1 cập nhật" in _import(runner)
    assert queries.edition("19495", JULY).name == "Xã Gio Linh"
    assert db.session.scalar(select(func.count()).select_from(AuditEntry)) == audits + 1


def test_an_unknown_province_fails_in_vietnamese(runner):
    result = runner.invoke(args=["unit", "import", "--province", "99"])
    assert result.exit_code == 1
    assert "Không có tỉnh mã “99”" in result.output
