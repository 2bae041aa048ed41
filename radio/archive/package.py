"""Check a verification package offline: every member against SHA256SUMS, every as-run and audit
row against its chain hash, every aired file against the checksum its as-run rows recorded, each
bulletin's text files against bulletins.csv and the hashes manifest.json lists, and the counts in
manifest.json. Needs no database and no network."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from pathlib import Path

from radio import chain
from radio.archive.verify import Problem, VerifyReport
from radio.i18n import _
from radio.storage import CHUNK


def _sums(zf: zipfile.ZipFile, report: VerifyReport) -> dict[str, str]:
    try:
        text = zf.read("SHA256SUMS").decode()
    except KeyError:
        report.add(Problem("package", "SHA256SUMS", "missing", _("Gói thiếu tệp SHA256SUMS.")))
        return {}
    sums = {}
    for n, line in enumerate(text.splitlines(), 1):
        sha, sep, name = line.partition("  ")
        if not sep or len(sha) != 64:
            report.add(Problem("package", f"SHA256SUMS:{n}", "invalid",
                               _("Dòng %(n)s của SHA256SUMS sai định dạng.", n=n)))
            continue
        sums[name] = sha
    return sums


def _check_members(zf: zipfile.ZipFile, sums: dict[str, str], report: VerifyReport,
                   progress=None) -> dict[str, str]:
    actual = {}
    names = {i.filename for i in zf.infolist() if not i.is_dir()}
    for name in sorted(names - set(sums) - {"SHA256SUMS"}):
        report.add(Problem("file", name, "unlisted",
                           _("Tệp %(name)s có trong gói nhưng không có trong SHA256SUMS.",
                             name=name)))
    for name, expected in sums.items():
        if name not in names:
            report.add(Problem("file", name, "missing",
                               _("Thiếu tệp %(name)s (có trong SHA256SUMS).", name=name)))
            continue
        digest = hashlib.sha256()
        with zf.open(name) as fh:
            while chunk := fh.read(CHUNK):
                digest.update(chunk)
                if progress:
                    progress(len(chunk))
        actual[name] = digest.hexdigest()
        if actual[name] != expected:
            report.add(Problem("file", name, "changed", _(
                "Tệp %(name)s đã bị thay đổi: SHA-256 không khớp SHA256SUMS.", name=name)))
    report.checked["files"] = len(actual)
    return actual


def _check_asrun(zf, manifest: dict, actual: dict[str, str], report: VerifyReport) -> int:
    fields = manifest.get("asrun_hash_fields") or []
    n = 0
    if "asrun.jsonl" not in actual:
        return 0
    with zf.open("asrun.jsonl") as fh:
        for line_no, raw in enumerate(io.TextIOWrapper(fh, encoding="utf-8"), 1):
            if not raw.strip():
                continue
            n += 1
            try:
                row = json.loads(raw)
            except ValueError:
                report.add(Problem("asrun", f"asrun.jsonl:{line_no}", "invalid",
                                   _("Dòng %(n)s của asrun.jsonl không phải JSON.", n=line_no)))
                continue
            ref = f"asrun.jsonl:{line_no} seq {row.get('seq')}"
            content = {k: row.get(k) for k in fields}
            if not fields or chain.link(row.get("prev_hash"), content) != row.get("row_hash"):
                report.add(Problem("asrun", ref, "changed", _(
                    "Dòng %(n)s của asrun.jsonl (seq %(seq)s) đã bị thay đổi: không khớp mã băm "
                    "chuỗi.", n=line_no, seq=row.get("seq"))))
            audio, sha = row.get("audio"), row.get("media_sha256")
            if audio and sha and actual.get(audio) not in (None, sha):
                report.add(Problem("file", audio, "mismatch", _(
                    "Tệp %(name)s không phải tệp đã phát theo nhật ký (seq %(seq)s).",
                    name=audio, seq=row.get("seq"))))
            elif audio and audio not in actual:
                report.add(Problem("file", audio, "missing", _(
                    "Thiếu tệp âm thanh %(name)s mà nhật ký (seq %(seq)s) nhắc tới.",
                    name=audio, seq=row.get("seq"))))
    report.checked["asrun"] = n
    return n


def _check_audit(zf, actual: dict[str, str], report: VerifyReport) -> int:
    if "audit.csv" not in actual:
        return 0
    n = 0
    with zf.open("audit.csv") as fh:
        reader = csv.DictReader(io.TextIOWrapper(fh, encoding="utf-8-sig", newline=""))
        for line_no, row in enumerate(reader, 2):
            n += 1
            try:
                content = {
                    "id": int(row["id"]), "at": row["at_utc"],
                    "user_id": int(row["user_id"]) if row["user_id"] else None,
                    "username": row["username"], "action": row["action"],
                    "object_type": row["object_type"], "object_id": row["object_id"],
                    "summary": row["summary"], "before": json.loads(row["before"]),
                    "after": json.loads(row["after"]),
                }
                ok = chain.link(row["prev_hash"] or None, content) == row["row_hash"]
            except (KeyError, ValueError, TypeError):
                ok = False
            if not ok:
                report.add(Problem("audit", f"audit.csv:{line_no} id {row.get('id')}", "changed",
                                   _("Dòng %(n)s của audit.csv (id %(id)s) đã bị thay đổi: không "
                                     "khớp mã băm chuỗi.", n=line_no, id=row.get("id"))))
    report.checked["audit"] = n
    return n


def _check_receipts(zf, manifest: dict, actual: dict[str, str], report: VerifyReport) -> None:
    """emergency_receipts.csv against the manifest's entry (packages made before it existed
    have neither and pass)."""
    listed = manifest.get("emergency_receipts")
    if listed is None:
        return
    name = listed.get("name") or ""
    if name not in actual:
        report.add(Problem("package", name or "emergency_receipts", "missing",
                           _("Gói thiếu tệp %(name)s mà manifest.json nhắc tới.", name=name)))
        return
    if actual[name] != listed.get("sha256"):
        report.add(Problem("file", name, "changed", _(
            "Tệp %(name)s không khớp mã băm trong manifest.json.", name=name)))
    with zf.open(name) as fh:
        rows = list(csv.DictReader(io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")))
    if len(rows) != listed.get("rows"):
        report.add(Problem("package", f"{name} rows", "mismatch", _(
            "manifest.json ghi %(want)s xác nhận tin khẩn cấp nhưng %(name)s có %(got)s.",
            want=listed.get("rows"), name=name, got=len(rows))))
    report.checked["emergency_receipts"] = len(rows)


def _check_bulletins(zf, manifest: dict, actual: dict[str, str], report: VerifyReport) -> None:
    """bulletins.csv against its .txt members and the manifest's list (packages before issue 10
    have neither and pass)."""
    listed = manifest.get("bulletins")
    if listed is None and "bulletins.csv" not in actual:
        return
    rows = []
    if "bulletins.csv" in actual:
        with zf.open("bulletins.csv") as fh:
            rows = list(csv.DictReader(io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")))
    else:
        report.add(Problem("package", "bulletins.csv", "missing",
                           _("Gói thiếu tệp bulletins.csv mà manifest.json nhắc tới.")))
    by_id = {str(e.get("media_id")): e for e in listed or []}
    for line_no, row in enumerate(rows, 2):
        entry = by_id.pop(str(row.get("media_id")), None)
        for key, column, text_key in (("text", "text_file", "text"),
                                      ("spoken", "spoken_file", "spoken_text")):
            name = row.get(column) or ""
            digest = hashlib.sha256((row.get(text_key) or "").encode("utf-8")).hexdigest()
            want = (entry or {}).get(key) or {}
            if name not in actual:
                report.add(Problem("file", name or f"bulletins.csv:{line_no}", "missing", _(
                    "Thiếu tệp văn bản %(name)s của bản tin %(id)s.", name=name,
                    id=row.get("media_id"))))
            elif actual[name] != digest or want.get("name") != name or \
                    want.get("sha256") != digest:
                report.add(Problem("file", name, "mismatch", _(
                    "Văn bản %(name)s của bản tin %(id)s không khớp bulletins.csv hoặc "
                    "manifest.json.", name=name, id=row.get("media_id"))))
    for media_id in sorted(by_id):
        report.add(Problem("package", f"bulletins.csv media_id {media_id}", "missing", _(
            "bulletins.csv thiếu bản tin %(id)s mà manifest.json liệt kê.", id=media_id)))
    report.checked["bulletins"] = len(rows)
    want_n = manifest.get("counts", {}).get("bulletins")
    if want_n is not None and want_n != len(rows):
        report.add(Problem("package", "manifest.json counts.bulletins", "mismatch", _(
            "manifest.json ghi %(want)s bản tin nhưng bulletins.csv có %(got)s.", want=want_n,
            got=len(rows))))


class PackageZip:
    """A package read through its one top folder (packages before it had none): member
    names relative to the folder, as SHA256SUMS and the manifest write them."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf
        tops = {i.filename.split("/", 1)[0] for i in zf.infolist()}
        only = next(iter(tops)) if len(tops) == 1 else ""
        self.prefix = f"{only}/" if only and all("/" in i.filename for i in zf.infolist()) \
            else ""

    def infolist(self):
        return [i for i in self._inner() if i.filename]

    def _inner(self):
        for info in self.zf.infolist():
            copy = zipfile.ZipInfo(info.filename[len(self.prefix):], info.date_time)
            copy.file_size, copy.external_attr = info.file_size, info.external_attr
            yield copy

    def namelist(self) -> list[str]:
        return [i.filename for i in self.infolist()]

    def read(self, name: str) -> bytes:
        return self.zf.read(self.prefix + name)

    def open(self, name: str):
        return self.zf.open(self.prefix + name)


def verify_package(path: str | Path, progress=None) -> VerifyReport:
    report = VerifyReport()
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        report.add(Problem("package", str(path), "unreadable",
                           _("Không đọc được gói ZIP: %(err)s", err=exc)))
        return report
    with archive:
        zf = PackageZip(archive)
        sums = _sums(zf, report)
        actual = _check_members(zf, sums, report, progress)
        try:
            manifest = json.loads(zf.read("manifest.json"))
        except (KeyError, ValueError):
            report.add(Problem("package", "manifest.json", "missing",
                               _("Gói thiếu hoặc hỏng manifest.json.")))
            return report
        report.heads = manifest.get("chains", {})
        n_asrun = _check_asrun(zf, manifest, actual, report)
        n_audit = _check_audit(zf, actual, report)
        _check_bulletins(zf, manifest, actual, report)
        _check_receipts(zf, manifest, actual, report)
        counts = manifest.get("counts", {})
        for key, n in (("asrun_events", n_asrun), ("audit_rows", n_audit)):
            if counts.get(key) != n:
                report.add(Problem("package", f"manifest.json counts.{key}", "mismatch", _(
                    "manifest.json ghi %(want)s dòng %(key)s nhưng gói có %(got)s: có dòng bị xóa "
                    "hoặc thêm.", want=counts.get(key), key=key, got=n)))
        report.checked["manifest_period"] = manifest.get("period", {}).get("key")
    return report


def total_size(path: str | Path) -> int:
    """Bytes to hash when verifying (for a progress bar); 0 if the file is no readable ZIP."""
    try:
        with zipfile.ZipFile(path) as zf:
            return sum(i.file_size for i in zf.infolist())
    except (OSError, zipfile.BadZipFile):
        return 0
