"""The committed official list (radio/data/units/): the July 2025 GSO edition, checked by facts."""

from __future__ import annotations

from radio.units import data


def test_the_list_has_34_provinces_and_3321_communes_with_unique_codes():
    provinces, communes = data.provinces_2025(), data.communes_2025()
    assert len(provinces) == 34 and len({p.code for p in provinces}) == 34
    assert len(communes) == 3321 and len({c.code for c in communes}) == 3321
    assert {c.province_code for c in communes} == {p.code for p in provinces}
    assert {c.unit_type for c in communes} == {"Xã", "Phường", "Đặc khu"}
    assert all(c.name.startswith(c.unit_type + " ") and c.name == c.name.strip()
               and "  " not in c.name for c in communes)


def test_quang_tri_is_44_with_78_communes_and_the_four_gio_linh_communes():
    by_code = {p.code: p for p in data.provinces_2025()}
    assert by_code["44"].name == "Tỉnh Quảng Trị" and by_code["44"].unit_type == "Tỉnh"
    assert by_code["46"].name == "Thành phố Huế" and by_code["46"].unit_type == "Thành phố"
    communes = {c.code: c for c in data.communes_2025()}
    assert sum(1 for c in communes.values() if c.province_code == "44") == 78
    assert {code: communes[code].name for code in ("19495", "19496", "19501", "19537")} == {
        "19495": "Xã Gio Linh", "19496": "Xã Cửa Việt", "19501": "Xã Bến Hải",
        "19537": "Xã Cồn Tiên"}
    assert all(communes[c].province_code == "44" for c in ("19495", "19496", "19501", "19537"))
    assert communes["19742"].name == "Đặc khu Cồn Cỏ"
