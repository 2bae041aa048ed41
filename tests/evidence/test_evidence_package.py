"""The verification package carries the editorial record: the new items.csv columns,
bulletins.csv and each bulletin's texts as .txt members, listed and hashed in the manifest and
checked by `radio archive verify`."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile

from radio.archive.export import write_package
from radio.archive.package import PackageZip, verify_package
from radio.archive.periods import parse_period
from tests.evidence.conftest import SPOKEN, TEXT

# The 2022 packages' columns, in their order: they must not move.
ITEMS_2022 = ["tin_id", "tieu_de", "loai", "co_quan", "chu_de", "tac_gia", "thoi_luong_giay",
              "ngay_nhap", "trang_thai", "original_sha256", "ten_tep_goc", "rendition_sha256",
              "tep_phat_song", "tep_goc", "tom_tat_noi_dung"]
EDITORIAL = ["language", "agency", "source_doc_number", "source_doc_date", "author",
             "rights_note", "version", "previous_version_id", "approval", "approved_by",
             "approved_at", "submitted_by"]


def _csv(zf, name):
    return list(csv.reader(io.StringIO(zf.read(name).decode("utf-8-sig"), newline="")))


def test_the_package_holds_the_editorial_record_and_verifies(tmp_path, bulletin, app):
    item = bulletin["item"]
    out = tmp_path / "goi.zip"
    result = write_package(parse_period("2022"), out)
    assert result.problems == []
    folder = f"bulletins/{item.id}_thong-bao-tiep-nhan-ho-so-thu-bay-ban-2"
    with zipfile.ZipFile(out) as raw:
        zf = PackageZip(raw)
        items = _csv(zf, "items.csv")
        bulletins = _csv(zf, "bulletins.csv")
        manifest = json.loads(zf.read("manifest.json"))
        sums = dict(reversed(line.split("  ", 1))
                    for line in zf.read("SHA256SUMS").decode().splitlines())
        text = zf.read(f"{folder}/text.txt")
        spoken = zf.read(f"{folder}/spoken.txt")
        readme = zf.read("README.txt").decode()
    assert items[0] == ITEMS_2022 + EDITORIAL
    row = dict(zip(items[0], next(r for r in items[1:] if r[0] == str(item.id)), strict=True))
    tz = app.config["RADIO_SETTINGS"].tz
    assert {k: row[k] for k in EDITORIAL} == {
        "language": "bru", "agency": "Phòng Nội vụ",
        "source_doc_number": "Công văn 1273/BTTTT-TTCS", "source_doc_date": "27/04/2021",
        "author": "Phòng Nội vụ huyện",
        "rights_note": "Được phép phát lại trên hệ thống truyền thanh cơ sở", "version": "2",
        "previous_version_id": str(bulletin["first"].id), "approval": "approved",
        "approved_by": "lanhdao-hung",
        "approved_at": item.approval_at.astimezone(tz).strftime("%d/%m/%Y %H:%M:%S"),
        "submitted_by": "bientap-lan"}
    assert row["co_quan"] == "Phòng Nội vụ" and row["tac_gia"] == "Phòng Nội vụ huyện"
    assert bulletins == [
        ["media_id", "engine", "engine_version", "voice", "rate", "text", "spoken_text",
         "text_file", "spoken_file"],
        [str(item.id), "espeak-ng", "1.51", "vi", "0.9", TEXT, SPOKEN, f"{folder}/text.txt",
         f"{folder}/spoken.txt"]]
    assert text.decode("utf-8") == TEXT and spoken.decode("utf-8") == SPOKEN
    text_sha = hashlib.sha256(TEXT.encode()).hexdigest()
    spoken_sha = hashlib.sha256(SPOKEN.encode()).hexdigest()
    assert manifest["counts"]["bulletins"] == 1
    assert manifest["bulletins"] == [{
        "media_id": item.id, "text": {"name": f"{folder}/text.txt", "sha256": text_sha},
        "spoken": {"name": f"{folder}/spoken.txt", "sha256": spoken_sha}}]
    assert sums[f"{folder}/text.txt"] == text_sha
    assert sums[f"{folder}/spoken.txt"] == spoken_sha
    assert sums["bulletins.csv"] == hashlib.sha256(
        zipfile.ZipFile(out).read("kiemchung_2022-cchc/bulletins.csv")).hexdigest()
    assert "bulletins.csv" in readme
    report = verify_package(out)
    assert report.ok, [p.message for p in report.problems]
    assert report.checked["bulletins"] == 1


def _rewrite(src, dst, name: str, data: bytes, *, fix_sums: bool) -> None:
    """A copy of the package with one member replaced (and, if asked, SHA256SUMS updated to
    match, as a forger who knows the format would)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        root = zin.namelist()[0].split("/", 1)[0]
        for info in zin.infolist():
            body = zin.read(info)
            if info.filename == f"{root}/{name}":
                body = data
            elif info.filename == f"{root}/SHA256SUMS" and fix_sums:
                new = hashlib.sha256(data).hexdigest()
                body = "".join(f"{new}  {name}\n" if line.endswith(f"  {name}") else f"{line}\n"
                               for line in body.decode().splitlines()).encode()
            zout.writestr(info, body)


def test_a_changed_bulletin_text_fails_verification(tmp_path, bulletin):
    item = bulletin["item"]
    out = tmp_path / "goi.zip"
    write_package(parse_period("2022"), out)
    name = f"bulletins/{item.id}_thong-bao-tiep-nhan-ho-so-thu-bay-ban-2/spoken.txt"
    forged = SPOKEN.replace("thứ Bảy", "Chủ nhật").encode()
    plain = tmp_path / "sua.zip"
    _rewrite(out, plain, name, forged, fix_sums=False)
    report = verify_package(plain)
    assert [(p.ref, p.code) for p in report.problems] == [(name, "changed"), (name, "mismatch")]
    fixed = tmp_path / "sua-ca-sums.zip"
    _rewrite(out, fixed, name, forged, fix_sums=True)
    report = verify_package(fixed)
    assert [(p.ref, p.code) for p in report.problems] == [(name, "mismatch")]
    assert report.problems[0].message == (
        f"Văn bản {name} của bản tin {item.id} không khớp bulletins.csv hoặc manifest.json.")


def test_the_cli_verifies_a_package_with_bulletins(tmp_path, bulletin, runner):
    out = tmp_path / "goi.zip"
    write_package(parse_period("2022"), out)
    result = runner.invoke(args=["archive", "verify", str(out), "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.output[result.output.index("{"):])  # after the progress label
    assert body["ok"] is True and body["checked"]["bulletins"] == 1
