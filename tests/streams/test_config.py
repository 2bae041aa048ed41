"""The Icecast configuration, the URL-auth rules and the `radio live` arguments, without sound."""

from __future__ import annotations

import stat
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from media.streams import auth, grants, live
from media.streams.icecast import StreamConfig, secrets_of, write_config
from radio import clock
from radio.db import db
from radio.errors import DomainError
from radio.models import EntryKind, ScheduleEntry
from radio.stations import get_station, rotate_token

SECRET = "test-secret"


def config(tmp_path: Path) -> StreamConfig:
    return StreamConfig(folder=tmp_path / "icecast", host="127.0.0.1", port=18000,
                        public_url="http://127.0.0.1:18000", app_url="http://127.0.0.1:5001",
                        binary="/usr/bin/icecast2")


def test_config_has_generated_passwords_and_one_authenticated_mount_per_station(tmp_path):
    cfg = config(tmp_path)
    path = write_config(cfg, [("huyen", "Đài huyện"), ("xa-a", "Xã A & B")])
    root = ET.parse(path).getroot()
    pw = secrets_of(cfg.folder)
    assert root.findtext("authentication/source-password") == pw["source_password"]
    assert root.findtext("authentication/admin-password") == pw["admin_password"]
    assert len(pw["source_password"]) >= 32 and pw["source_password"] != pw["admin_password"]
    assert "hackme" not in path.read_text()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE((cfg.folder / "secrets.json").stat().st_mode) == 0o600
    mounts = root.findall("mount")
    assert [m.findtext("mount-name") for m in mounts] == ["/huyen.mp3", "/xa-a.mp3"]
    assert mounts[1].findtext("stream-name") == "Xã A & B"
    for m in mounts:
        options = {o.get("name"): o.get("value") for o in m.findall("authentication/option")}
        assert m.find("authentication").get("type") == "url"
        assert options["listener_add"] == "http://127.0.0.1:5001/streams/auth"
        assert options["auth_header"] == "icecast-auth-user: 1"
    # The passwords are kept: a second start writes the same ones.
    write_config(cfg, [("huyen", "Đài huyện")])
    assert secrets_of(cfg.folder) == pw


def test_parse_mount():
    assert auth.parse_mount("/huyen.mp3?token=l.abc") == ("huyen", "l.abc")
    assert auth.parse_mount("/huyen.mp3") == ("huyen", "")
    assert auth.parse_mount("/a/b.mp3?token=x") == (None, "")
    assert auth.parse_mount("/status-json.xsl") == (None, "")


def test_relay_rule_token_grant_and_revocation(app):
    now = clock.now()
    district, commune, other = (get_station(c) for c in ("huyen-gio-linh", "gio-an", "gio-hai"))
    token = rotate_token(None, commune)
    other_token = rotate_token(None, other)
    db.session.add(ScheduleEntry(station_id=commune.id, kind=EntryKind.relay,
                                 starts_at=now - timedelta(minutes=1),
                                 ends_at=now + timedelta(minutes=5), relay_station_id=district.id))
    db.session.flush()
    grant = grants.listener_grant(SECRET, commune, int(now.timestamp()) + 60)
    form = {"action": "listener_add", "mount": f"/{district.code}.mp3?token={grant}"}
    assert auth.listener_allowed(form, SECRET, now)
    assert auth.listener_allowed(form | {"mount": f"/{district.code}.mp3?token={token}"},
                                 SECRET, now)
    assert auth.listener_allowed(form | {"mount": f"/{district.code}.mp3", "pass": token},
                                 SECRET, now)
    # Other stations' mounts, another station's token, a forged or expired grant: refused.
    assert not auth.listener_allowed(form | {"mount": f"/{other.code}.mp3?token={grant}"},
                                     SECRET, now)
    assert not auth.listener_allowed(
        form | {"mount": f"/{district.code}.mp3?token={other_token}"}, SECRET, now)
    assert not auth.listener_allowed(form, "another-secret", now)
    assert not auth.listener_allowed(form, SECRET, now + timedelta(seconds=61))
    # Outside the relay slot (beyond the margin) the commune hears only its own mount.
    later = now + timedelta(minutes=30)
    late_grant = grants.listener_grant(SECRET, commune, int(later.timestamp()) + 60)
    assert not auth.listener_allowed(
        form | {"mount": f"/{district.code}.mp3?token={late_grant}"}, SECRET, later)
    assert auth.listener_allowed(
        form | {"mount": f"/{commune.code}.mp3?token={late_grant}"}, SECRET, later)
    # A new token revokes the old token and every grant made with it.
    rotate_token(None, commune)
    assert not auth.listener_allowed(form, SECRET, now)
    assert not auth.listener_allowed(form | {"mount": f"/{district.code}.mp3?token={token}"},
                                     SECRET, now)
    mount_only = grants.mount_grant(SECRET, district.code, int(now.timestamp()) + 60)
    assert auth.listener_allowed(form | {"mount": f"/{district.code}.mp3?token={mount_only}"},
                                 SECRET, now)
    assert not auth.listener_allowed(form | {"mount": f"/{commune.code}.mp3?token={mount_only}"},
                                     SECRET, now)
    assert not auth.listener_allowed({"action": "listener_remove", "mount": form["mount"]},
                                     SECRET, now)


def test_until_and_input_checks(tmp_path):
    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    at = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)  # 17:00 local
    assert live.seconds_until("17:30", at, tz) == 1800
    assert live.seconds_until("16:00", at, tz) == 23 * 3600
    assert live.seconds_until(None, at, tz) is None
    with pytest.raises(DomainError, match="HH:MM"):
        live.seconds_until("25:99", at, tz)
    with pytest.raises(DomainError, match="Không tìm thấy tệp hoặc thiết bị"):
        live.check_input(str(tmp_path / "missing.mp3"))
    live.check_input("pulse:default")


def test_radio_live_refuses_a_missing_file_and_changes_nothing(runner, tmp_path):
    from sqlalchemy import func, select

    from radio.models import LiveSession

    before = db.session.scalar(select(func.count(LiveSession.id)))
    result = runner.invoke(args=["live", "--station", "huyen-gio-linh", "--input",
                                 str(tmp_path / "nope.mp3")])
    assert result.exit_code == 1
    assert "Lỗi: Không tìm thấy tệp hoặc thiết bị" in result.output
    assert db.session.scalar(select(func.count(LiveSession.id))) == before
