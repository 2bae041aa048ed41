"""Admin pages: station windows and mergers (history survives), user management."""

from __future__ import annotations

from datetime import date

from radio.accounts.util import get_user
from radio.stations import get_station, list_stations, windows_text
from tests.foundation.util import counts


def test_merged_station_keeps_its_history_and_leaves_the_current_network(client, login):
    login("admin")
    before = counts()
    response = client.post("/admin/stations/gio-son/merge",
                           data={"into": "gio-mai", "on": "31/12/2024"})
    assert response.status_code == 302
    station = get_station("gio-son")
    assert station.valid_to == date(2024, 12, 31)
    assert station.merged_into_id == get_station("gio-mai").id
    assert windows_text(station) == "05:30+60, 17:00+60"
    assert counts()["stations"] == before["stations"]
    assert station in list_stations(on=date(2024, 12, 31))
    assert station not in list_stations(on=date(2025, 1, 1))

    listing = client.get("/admin/stations").text
    assert "sáp nhập vào Xã Gio Mai" in listing
    edit = client.get("/admin/stations/gio-son").text
    assert "Đã sáp nhập vào Xã Gio Mai; hoạt động đến hết ngày 31/12/2024." in edit
    assert "Cấp mã truy cập mới" not in edit
    dashboard = client.get("/").text
    assert "sáp nhập vào Xã Gio Mai từ sau 31/12/2024" in dashboard
    assert "17 trạm xã/thị trấn" not in dashboard and "16 trạm xã/thị trấn" in dashboard


def test_a_station_cannot_be_merged_twice(client, login):
    login("admin")
    client.post("/admin/stations/gio-son/merge", data={"into": "gio-mai", "on": "31/12/2024"})
    again = client.post("/admin/stations/gio-son/merge",
                        data={"into": "gio-hai", "on": "31/12/2025"})
    assert again.status_code == 400
    assert get_station("gio-son").merged_into_id == get_station("gio-mai").id


def test_a_station_cannot_merge_into_one_that_has_closed(client, login):
    login("admin")
    client.post("/admin/stations/gio-hai", data={"name": "Xã Gio Hải", "valid_to": "30/06/2024",
                                                 "windows": "05:30+60"})
    response = client.post("/admin/stations/gio-son/merge",
                           data={"into": "gio-hai", "on": "31/12/2024"})
    assert response.status_code == 400
    assert "Xã Gio Hải không hoạt động vào ngày 01/01/2025 nên không thể nhận sáp nhập." in \
        response.text
    assert get_station("gio-son").valid_to is None


def test_merge_form_offers_only_stations_still_in_operation(client, login):
    login("admin")
    client.post("/admin/stations/gio-son/merge", data={"into": "gio-mai", "on": "31/12/2024"})
    page = client.get("/admin/stations/gio-an").text
    merge_form = page[page.index('id="merge"'):]
    assert 'value="gio-mai"' in merge_form
    assert 'value="gio-son"' not in merge_form and 'value="gio-an"' not in merge_form


def test_windows_edited_in_the_form_show_on_the_dashboard(client, login):
    login("admin")
    response = client.post("/admin/stations/gio-an",
                           data={"name": "Xã Gio An", "windows": "05:00+45, 11:00+30, 17:15+60"})
    assert response.status_code == 302
    assert windows_text(get_station("gio-an")) == "05:00+45, 11:00+30, 17:15+60"
    row = client.get("/").text.split('data-code="gio-an"')[1].split("</tr>")[0]
    assert "05:00–05:45, 11:00–11:30, 17:15–18:15" in row


def test_new_station_accepts_a_dd_mm_yyyy_start_date(client, login):
    login("admin")
    response = client.post("/admin/stations/new", data={
        "code": "gio-moi", "name": "Xã Gio Mới", "kind": "commune", "valid_from": "01/01/2025",
        "windows": "05:30+60"})
    assert response.status_code == 302
    assert get_station("gio-moi").valid_from == date(2025, 1, 1)


def test_admin_creates_an_operator_who_then_sees_only_the_bound_stations(client, login):
    login("admin")
    response = client.post("/admin/users/new", data={
        "username": "tranthib", "password": "a-long-password", "role": "operator",
        "stations": ["gio-hai", "gio-mai"], "full_name": "Trần Thị B"})
    assert response.status_code == 302
    listing = client.get("/admin/users").text
    assert "tranthib" in listing and "Xã Gio Hải, Xã Gio Mai" in listing
    client.post("/logout")
    login("tranthib", "a-long-password")
    codes = [line.split('"')[0] for line in client.get("/").text.split('data-code="')[1:]]
    assert codes == ["gio-hai", "gio-mai"]


def test_a_locked_account_can_no_longer_sign_in(client, login):
    login("admin")
    asked = client.post("/admin/users/editor", data={"role": "editor", "full_name": "Biên tập"})
    assert asked.status_code == 200 and "Khóa tài khoản editor?" in asked.text
    assert get_user("editor").active is True  # nothing changes before the confirmation
    client.post("/admin/users/editor", data={"role": "editor", "full_name": "Biên tập",
                                             "confirm": "1"})
    assert get_user("editor").active is False
    client.post("/logout")
    response = client.post("/login", data={"username": "editor", "password": "test-password-1"})
    assert response.status_code == 400
    assert "Sai tên đăng nhập hoặc mật khẩu." in response.text


def test_admin_cannot_lock_out_themselves(client, login):
    login("admin")
    response = client.post("/admin/users/admin", data={"role": "editor", "active": "on"})
    assert response.status_code == 400
    assert "Bạn không thể tự khóa hoặc tự hạ quyền tài khoản của mình." in response.text
    assert get_user("admin").role.value == "admin"


def test_password_reset_by_admin_lets_the_user_sign_in_with_the_new_one(client, login):
    login("admin")
    assert client.post("/admin/users/auditor/password",
                       data={"password": "brand-new-password"}).status_code == 302
    client.post("/logout")
    login("auditor", "brand-new-password")
