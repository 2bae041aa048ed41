"""`radio media add|list`: the command-line way into the same ingest service."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy import select

from media import ingest
from media import util as media_util
from media.util import item_json
from radio import numbers
from radio.db import db
from radio.errors import DomainError
from radio.models import User

media_cli = AppGroup("media", help="Thư viện âm thanh: nạp và liệt kê tệp.")

PHASES = {"copy": "sao chép", "analyse": "phân tích", "render": "tạo bản phát sóng"}
WEIGHTS = {"copy": (0.0, 0.1), "analyse": (0.1, 0.35), "render": (0.45, 0.55)}


class TerminalProgress:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, label: str, enabled: bool) -> None:
        self.label = label[:40]
        self.enabled = enabled
        self.last = -1

    def __call__(self, phase: str, fraction: float) -> None:
        if not self.enabled:
            return
        start, width = WEIGHTS.get(phase, (0.0, 1.0))
        percent = int(100 * (start + width * fraction))
        if percent == self.last:
            return
        self.last = percent
        bar = "#" * (percent // 4)
        sys.stderr.write(f"\r{self.label:<40} [{bar:<25}] {percent:3d}% {PHASES.get(phase, phase)}"
                         "      ")
        sys.stderr.flush()

    def done(self) -> None:
        if self.enabled and self.last >= 0:
            sys.stderr.write("\r" + " " * 100 + "\r")
            sys.stderr.flush()


@media_cli.command("add")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--title", default=None, help="Tiêu đề (mặc định: từ thẻ hoặc tên tệp).")
@click.option("--topic", "topics", multiple=True, help="Mã chủ đề (lặp lại được).")
@click.option("--agency", default=None, help="Mã cơ quan cung cấp tin.")
@click.option("--kind", default="news", help="news | article | report | jingle")
@click.option("--author", default="", help="Tác giả.")
@click.option("--language", default="vi", help="Mã ngôn ngữ ISO 639-3 (vi, bru, pko…).")
@click.option("--doc-number", "source_doc_number", default="",
              help="Số văn bản nguồn, ví dụ “Công văn 1273/BTTTT-TTCS”.")
@click.option("--doc-date", "source_doc_date", default=None,
              help="Ngày văn bản nguồn (YYYY-MM-DD hoặc dd/mm/yyyy).")
@click.option("--rights", "rights_note", default="", help="Ghi chú bản quyền.")
@click.option("--as", "username", default=None, help="Ghi nhận thay đổi dưới tên tài khoản này.")
@click.option("--json", "as_json", is_flag=True, help="Mỗi tệp một dòng JSON.")
def media_add(files, title, topics, agency, kind, author, language, source_doc_number,
              source_doc_date, rights_note, username, as_json):
    """Ingest audio files into the library (exit 1 if any file was rejected)."""
    try:
        doc_date = _cli_date(source_doc_date)
    except DomainError as exc:
        click.echo(f"Lỗi: {exc.message} [{exc.code}]", err=True)
        sys.exit(1)
    source = {"language": language, "source_doc_number": source_doc_number,
              "source_doc_date": doc_date, "rights_note": rights_note}
    actor = None
    if username:
        actor = db.session.scalar(select(User).where(User.username == username))
        if actor is None:
            click.echo(f"Lỗi: không có tài khoản “{username}”.", err=True)
            sys.exit(1)
    failed = 0
    tty = sys.stderr.isatty() and not as_json
    for name in files:
        path = Path(name)
        progress = TerminalProgress(path.name, tty)
        try:
            result = ingest.ingest_file(actor, path, title=title, topics=topics, agency=agency,
                                        kind=kind, author=author, on_progress=progress,
                                        **source)
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            progress.done()
            failed += 1
            if as_json:
                click.echo(json.dumps({"file": str(path), "error": {"code": exc.code,
                                       "message": exc.message}}, ensure_ascii=False))
            else:
                click.echo(f"Lỗi: {path.name}: {exc.message} [{exc.code}]", err=True)
            continue
        progress.done()
        item = result.item
        if as_json:
            click.echo(json.dumps({"file": str(path)} | item_json(item, duplicate=result.duplicate),
                                  ensure_ascii=False))
        elif result.duplicate:
            click.echo(f"Trùng: {path.name} đã có trong thư viện (số {item.id}: {item.title}).")
        else:
            click.echo(f"Đã nạp {path.name} → số {item.id}: {item.title} "
                       f"({numbers.number(item.duration_s, 1)} giây, {item.loudness_out_lufs} LUFS)")
    if failed:
        sys.exit(1)


def _cli_date(text: str | None):
    from datetime import datetime

    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise DomainError(f"Ngày “{text}” không đúng dạng YYYY-MM-DD hoặc dd/mm/yyyy.",
                      "invalid_date", field="source_doc_date")


@media_cli.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.option("--all", "show_all", is_flag=True, help="Gồm cả mục đã ngừng sử dụng.")
def media_list(as_json, show_all):
    """List the media library."""
    rows = media_util.list_items(media_util.LibraryFilter(status="all" if show_all else "ready"),
                                 limit=100000)
    if as_json:
        click.echo(json.dumps([item_json(r) for r in rows], ensure_ascii=False, indent=1))
        return
    for r in rows:
        click.echo(f"{r.id:>5} {r.kind.value:<8} {r.duration_s:>7.1f}s "
                   f"{r.original_sha256[:12]} {r.title}")


def init_app(app) -> None:
    from media.approval_cli import attach  # radio media submit|approve|return

    attach(media_cli)
    app.cli.add_command(media_cli)
