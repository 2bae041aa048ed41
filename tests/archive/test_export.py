"""The verification package: contents, `sha256sum -c`, offline verification and tampering."""

import csv
import io
import json
import subprocess
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from radio.archive import attachments
from radio.archive.export import write_package
from radio.archive.package import PackageZip, verify_package
from radio.archive.periods import parse_period
from radio.db import db
from radio.models import AsRunEvent

T0 = datetime(2022, 5, 10, 22, 40, tzinfo=UTC)  # 11/05/2022 05:40 local


@pytest.fixture
def aired_year(create_media_item, air):
    """Two items aired on three stations in the 2022 CCHC year, one failed play, one script."""
    a = create_media_item("Hướng dẫn dịch vụ công trực tuyến", topics=("dich-vu-cong",), audio="stored", agency="phong-noi-vu")
    b = create_media_item("Cơ chế một cửa liên thông", topics=("mot-cua", "thu-tuc-hanh-chinh"),
                           agency="phong-tu-phap", audio="stored")
    events = []
    for i, code in enumerate(("huyen-gio-linh", "gio-an", "gio-mai")):
        events.append(air(code, a, T0 + timedelta(days=i))[1])
        events.append(air(code, b, T0 + timedelta(days=i, minutes=5))[1])
    events.append(air("gio-son", b, T0 + timedelta(days=3), status="failed")[1])
    att = attachments.add_attachment(None, b.id, "kich-ban.txt",
                                     io.BytesIO("Kịch bản bản tin một cửa.".encode()))
    return {"items": (a, b), "events": events, "attachment": att}


def _write(tmp_path, period="2022"):
    out = tmp_path / "goi.zip"
    result = write_package(parse_period(period), out)
    return out, result


def test_the_package_holds_everything_the_issue_lists(tmp_path, aired_year):
    out, result = _write(tmp_path)
    assert result.problems == []
    with zipfile.ZipFile(out) as raw:
        assert {n.split("/", 1)[0] for n in raw.namelist()} == {"kiemchung_2022-cchc"}
        zf = PackageZip(raw)
        names = set(zf.namelist())
        manifest = json.loads(zf.read("manifest.json"))
        rows = list(csv.DictReader(io.StringIO(zf.read("asrun.csv").decode("utf-8-sig"))))
        jsonl = zf.read("asrun.jsonl").decode().splitlines()
        readme = zf.read("README.txt").decode()
        wb = load_workbook(io.BytesIO(zf.read("baocao_2022-cchc.xlsx")))
    a, b = aired_year["items"]
    for required in ("asrun.csv", "asrun.jsonl", "items.csv", "audit.csv", "manifest.json",
                     "SHA256SUMS", "README.txt", "baocao_2022-cchc.xlsx"):
        assert required in names
    audio = sorted(n for n in names if n.startswith("audio/") and not n.startswith("audio/goc/"))
    assert len(audio) == 2 and audio[0].startswith("audio/2022-05-11_")
    assert any(n.startswith("audio/goc/") for n in names)
    assert any(n.startswith("attachments/") and n.endswith("kich-ban.txt") for n in names)
    assert len(rows) == len(jsonl) == manifest["counts"]["asrun_events"] == 7
    assert {r["trang_thai_ma"] for r in rows} == {"aired", "failed"}
    # each as-run row names the one airing it proves (issue 15), as the database links it
    linked = {str(seq): str(airing or "") for seq, airing in
              db.session.execute(select(AsRunEvent.seq, AsRunEvent.airing_id))}
    assert {r["seq"]: r["luot_phat_id"] for r in rows} == linked
    assert all(linked.values())
    assert all(len(r["media_sha256"]) == 64 for r in rows)
    assert manifest["period"]["first_day"] == "2021-12-15"
    assert manifest["counts"]["broadcasts"] == 6
    assert manifest["chains"]["asrun"]["hash"]
    assert "sha256sum -c SHA256SUMS" in readme and "Kỳ" in readme
    assert "Theo đài trạm" in wb.sheetnames


def test_sha256sum_checks_an_unpacked_package(tmp_path, aired_year):
    out, _result = _write(tmp_path)
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(out) as zf:
        zf.extractall(folder)
    assert [p.name for p in folder.iterdir()] == ["kiemchung_2022-cchc"]  # one folder
    done = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=folder / "kiemchung_2022-cchc",
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count(": OK") == len(zipfile.ZipFile(out).namelist()) - 1


def test_an_untouched_package_verifies_offline(tmp_path, aired_year):
    out, _ = _write(tmp_path)
    report = verify_package(out)
    assert report.ok, [p.message for p in report.problems]
    assert report.checked["asrun"] == 7


def _rewrite(src, dst, change):
    """Copy a ZIP, letting `change(name, data)` return new bytes (or None to drop the member);
    names are relative to the package's top folder."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        root = len(PackageZip(zin).prefix)
        for info in zin.infolist():
            data = change(info.filename[root:], zin.read(info.filename))
            if data is not None:
                zout.writestr(info.filename, data)


def _resum(data_by_name):
    import hashlib

    return "".join(f"{hashlib.sha256(d).hexdigest()}  {n}\n" for n, d in data_by_name.items()
                   if n != "SHA256SUMS").encode()


def test_a_changed_byte_in_an_archived_audio_file_is_named(tmp_path, aired_year):
    out, _ = _write(tmp_path)
    target = next(n for n in PackageZip(zipfile.ZipFile(out)).namelist()
                  if n.startswith("audio/2022"))

    def flip(name, data):
        if name == target:
            data = bytearray(data)
            data[200] ^= 1
            return bytes(data)
        return data

    bad = tmp_path / "bad.zip"
    _rewrite(out, bad, flip)
    report = verify_package(bad)
    assert report.first.ref == target and report.first.code == "changed"


def test_a_changed_asrun_row_is_named_even_with_fresh_checksums(tmp_path, aired_year):
    out, _ = _write(tmp_path)
    with zipfile.ZipFile(out) as raw:
        zf = PackageZip(raw)
        members = {n: zf.read(n) for n in zf.namelist()}
    lines = members["asrun.jsonl"].decode().splitlines(keepends=True)
    row = json.loads(lines[2])
    row["status"] = "aired" if row["status"] != "aired" else "partial"
    lines[2] = json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n"
    members["asrun.jsonl"] = "".join(lines).encode()
    members["SHA256SUMS"] = _resum(members)
    bad = tmp_path / "bad.zip"
    _rewrite(out, bad, lambda name, data: members[name])
    report = verify_package(bad)
    assert [p.ref for p in report.problems] == [f"asrun.jsonl:3 seq {row['seq']}"]


def test_a_deleted_asrun_row_is_detected(tmp_path, aired_year):
    out, _ = _write(tmp_path)
    with zipfile.ZipFile(out) as raw:
        zf = PackageZip(raw)
        members = {n: zf.read(n) for n in zf.namelist()}
    lines = members["asrun.jsonl"].decode().splitlines(keepends=True)
    members["asrun.jsonl"] = "".join(lines[:1] + lines[2:]).encode()
    bad = tmp_path / "bad.zip"
    _rewrite(out, bad, lambda name, data: members[name])
    report = verify_package(bad)
    refs = [p.ref for p in report.problems]
    assert "asrun.jsonl" in refs  # its checksum no longer matches SHA256SUMS
    assert "manifest.json counts.asrun_events" in refs


def test_the_cli_exports_and_verifies_a_package(runner, tmp_path, aired_year):
    out = tmp_path / "cli.zip"
    result = runner.invoke(args=["archive", "export", "--period", "2022", "--window", "calendar",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "7 lượt nhật ký phát" in result.output
    result = runner.invoke(args=["archive", "verify", str(out)])
    assert result.exit_code == 0, result.output
    assert "toàn vẹn" in result.output
    out.write_bytes(out.read_bytes()[:-200])
    result = runner.invoke(args=["archive", "verify", str(out)])
    assert result.exit_code == 2


def test_auditors_download_the_package_as_a_stream(client, login, tmp_path, aired_year):
    login("auditor")
    resp = client.get("/archive/package.zip?period=2022")
    assert resp.status_code == 200
    assert resp.is_streamed
    assert "kiemchung_2022-cchc.zip" in resp.headers["Content-Disposition"]
    path = tmp_path / "web.zip"
    path.write_bytes(resp.get_data())
    report = verify_package(path)
    assert report.ok, [p.message for p in report.problems]
    assert report.checked["asrun"] == 7


def test_an_empty_period_still_makes_a_valid_package(tmp_path, aired_year):
    out, result = _write(tmp_path, "2019")
    assert result.manifest["counts"]["asrun_events"] == 0
    assert verify_package(out).ok
