"""CLI of the backups: `radio backup --out DIR`, `radio backup --verify DIR`, `radio restore`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from radio import numbers
from radio.cli import fail, settings

STAGES = {"database": "Sao lưu cơ sở dữ liệu", "media": "Sao chép kho tệp",
          "hash": "Tính mã băm SHA-256", "restore": "Khôi phục kho tệp"}


class TerminalProgress:
    """One click progress bar per stage, on standard error."""

    def __init__(self, labels: dict[str, str] | None = None) -> None:
        self.labels = labels or STAGES
        self.stage = None
        self.bar = None
        self.shown = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage:
            self.close()
            self.stage, self.shown = stage, 0
            self.bar = click.progressbar(length=max(total, 1), label=self.labels.get(stage, stage),
                                         file=sys.stderr, show_percent=True, show_eta=True,
                                         width=30).__enter__()
        if done > self.shown:
            self.bar.update(done - self.shown)
            self.shown = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _report(report, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
        return
    when = (report.manifest or {}).get("created_at", "?")
    click.echo(f"Đã kiểm tra bản sao lưu {report.path} (tạo lúc {when}, "
               f"{report.checked} tệp).")
    if report.ok:
        click.echo("Kết quả: bản sao lưu nguyên vẹn.")
        return
    click.echo(f"Kết quả: phát hiện {len(report.problems)} lỗi:", err=True)
    for problem in report.problems:
        click.echo(f"  - {problem}", err=True)


@click.command("backup")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Thư mục mới để ghi bản sao lưu (không được tồn tại hoặc phải trống).")
@click.option("--verify", "verify", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Kiểm tra một bản sao lưu có sẵn (không cần máy chủ).")
@click.option("--json", "as_json", is_flag=True, help="Kết quả kiểm tra dạng JSON.")
def backup_command(out, verify, as_json):
    """Back up the database, the media store and the secret key while the server runs;
    or, with --verify, check a backup offline (exit 0 when intact, 1 otherwise)."""
    from radio.backup.database import DatabaseCopyError
    from radio.backup.operations import BackupError, make_backup
    from radio.backup.verify import verify_backup
    from radio.db import db

    if (out is None) == (verify is None):
        fail("Cần đúng một trong hai: --out THƯ_MỤC (sao lưu) hoặc --verify THƯ_MỤC (kiểm tra).")
    if verify is not None:
        with TerminalProgress() as progress:
            report = verify_backup(verify, progress)
        _report(report, as_json)
        sys.exit(0 if report.ok else 1)
    click.echo(f"Sao lưu vào {out.absolute()} …", err=True)
    try:
        with TerminalProgress() as progress:
            result = make_backup(settings(), db.engine, out, progress)
    except (BackupError, DatabaseCopyError, OSError) as exc:
        fail(f"Sao lưu không thành công, không có gì được ghi: {exc}")
    m = result.manifest
    size = sum(f["size"] for f in m["files"].values())
    click.echo(f"Đã sao lưu vào {result.path}: cơ sở dữ liệu {m['engine']} (phiên bản "
               f"{m['schema_revision']}), {m['media_files']} tệp trong kho ({result.linked} liên "
               f"kết cứng, {result.copied} bản chép), {numbers.number(size / 1e6, 1)} MB.")
    for warning in result.warnings:
        click.echo(f"Lưu ý: {warning}", err=True)


@click.command("restore")
@click.argument("backup", type=click.Path(file_okay=False, path_type=Path))
def restore_command(backup):
    """Restore a backup into an EMPTY data folder and database (RADIO_DATA_DIR, DATABASE_URL)."""
    from alembic.script import ScriptDirectory

    from radio import migrate
    from radio.backup.database import DatabaseCopyError
    from radio.backup.operations import (
        BackupError,
        data_dir_problems,
        database_tables,
        restore_backup,
    )
    from radio.backup.verify import verify_backup
    from radio.db import db

    cfg = settings()
    labels = STAGES | {"database": "Khôi phục cơ sở dữ liệu", "hash": "Kiểm tra bản sao lưu"}
    with TerminalProgress(labels) as progress:
        report = verify_backup(backup, progress)
    if not report.ok:
        _report(report, False)
        fail("Bản sao lưu không nguyên vẹn; không khôi phục.")
    manifest = report.manifest
    problems = data_dir_problems(cfg)
    tables = database_tables(db.engine)
    if tables:
        problems.append(f"cơ sở dữ liệu đã có {len(tables)} bảng")
    if problems:
        fail("Nơi khôi phục không trống (" + "; ".join(problems) + "). Chỉ khôi phục vào thư "
             "mục dữ liệu mới (RADIO_DATA_DIR) và cơ sở dữ liệu trống (DATABASE_URL); không "
             "chạy `radio init` trước khi khôi phục.")
    revision = manifest.get("schema_revision")
    script = ScriptDirectory.from_config(migrate.alembic_config(cfg.database_url))
    try:
        if revision:
            script.get_revision(revision)
    except Exception:
        fail(f"Bản sao lưu có phiên bản cơ sở dữ liệu {revision} mới hơn chương trình này; "
             "hãy cập nhật district-radio trước.")
    click.echo(f"Khôi phục bản sao lưu tạo lúc {manifest['created_at']} vào {cfg.data_dir} …",
               err=True)
    try:
        with TerminalProgress(labels) as progress:
            restore_backup(cfg, db.engine, backup, manifest, progress)
    except (BackupError, DatabaseCopyError, OSError) as exc:
        fail(f"Khôi phục không thành công: {exc}")
    migrate.upgrade(db.engine)
    click.echo(f"Đã khôi phục: {manifest['media_files']} tệp trong kho, cơ sở dữ liệu ở phiên "
               f"bản {migrate.current_revision(db.engine)}.")
