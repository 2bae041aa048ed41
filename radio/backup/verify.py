"""Check a backup folder offline: manifest, every file's size and SHA-256, missing and extra
files, the media store's naming rule, and SQLite's own integrity check of the database copy."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from radio.backup import database as dbcopy
from radio.backup.operations import FORMAT, FORMAT_VERSION, MANIFEST, Progress, _noop, listed_files
from radio.storage import sha256_file

MAX_PROBLEMS = 50


@dataclass
class BackupReport:
    path: Path
    manifest: dict | None = None
    checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(message)

    def as_dict(self) -> dict:
        return {"ok": self.ok, "path": str(self.path), "checked_files": self.checked,
                "problems": self.problems,
                "created_at": (self.manifest or {}).get("created_at"),
                "engine": (self.manifest or {}).get("engine")}


def read_manifest(path: Path) -> dict:
    """The manifest, or ValueError with a Vietnamese reason."""
    file = Path(path) / MANIFEST
    if not file.is_file():
        raise ValueError(f"Không có {MANIFEST}: đây không phải bản sao lưu hoàn chỉnh.")
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{MANIFEST} hỏng, không đọc được ({exc}).") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"{MANIFEST} không phải của bản sao lưu district-radio.")
    if data.get("format_version") != FORMAT_VERSION:
        raise ValueError(f"Phiên bản định dạng {data.get('format_version')} không được hỗ trợ "
                         f"(cần {FORMAT_VERSION}).")
    if not isinstance(data.get("files"), dict) or data.get("database") not in data["files"]:
        raise ValueError(f"{MANIFEST} thiếu danh sách tệp hoặc tệp cơ sở dữ liệu.")
    return data


def verify_backup(path: Path, progress: Progress = _noop) -> BackupReport:
    path = Path(path)
    report = BackupReport(path=path)
    if not path.is_dir():
        report.add(f"Không tìm thấy thư mục {path}.")
        return report
    try:
        manifest = read_manifest(path)
    except ValueError as exc:
        report.add(str(exc))
        return report
    report.manifest = manifest
    files: dict = manifest["files"]
    present = set(listed_files(path))
    for rel in sorted(present - set(files)):
        report.add(f"Tệp thừa, không có trong danh sách: {rel}")
    for n, (rel, meta) in enumerate(sorted(files.items()), 1):
        progress("hash", n, len(files))
        report.checked += 1
        file = path / rel
        if rel not in present:
            report.add(f"Thiếu tệp: {rel}")
            continue
        size = file.stat().st_size
        if size != meta.get("size"):
            report.add(f"Sai kích thước: {rel} ({size} byte, danh sách ghi {meta.get('size')})")
            continue
        if sha256_file(file) != meta.get("sha256"):
            report.add(f"Sai mã băm SHA-256 (nội dung đã bị thay đổi): {rel}")
            continue
        if rel.startswith("media/") and Path(rel).name != meta.get("sha256"):
            report.add(f"Tên tệp trong kho không khớp mã băm của nó: {rel}")
    db_file = path / manifest["database"]
    if manifest.get("engine") == "sqlite" and db_file.is_file():
        result = dbcopy.sqlite_integrity(db_file)
        if result != "ok":
            report.add(f"Cơ sở dữ liệu SQLite hỏng (PRAGMA integrity_check): {result}")
    return report
