"""`radio bulletin add`: a written bulletin from a text file (.txt, .docx, .odt, .pdf)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from media.bulletins import operations as ops
from media.bulletins.extract import extract_text
from radio import numbers
from radio.db import db, expect_writes
from radio.errors import DomainError
from radio.i18n import _
from radio.models import ApprovalState, User

bulletin_cli = AppGroup("bulletin", help="Bản tin văn bản: đọc văn bản bằng giọng nói tổng hợp.")

STATE_WORDS = {ApprovalState.draft: "bản nháp", ApprovalState.submitted: "chờ duyệt",
               ApprovalState.approved: "đã duyệt", ApprovalState.returned: "trả lại"}


def _fail(message: str, as_json: bool, code: str = "error") -> None:
    db.session.rollback()
    if as_json:
        click.echo(json.dumps({"error": {"code": code, "message": str(message)}},
                              ensure_ascii=False))
    else:
        click.echo(f"Lỗi: {message}", err=True)
    sys.exit(2)


@bulletin_cli.command("add")
@click.option("--title", required=True, help="Tiêu đề bản tin.")
@click.option("--text-file", "text_file", required=True, type=click.Path(dir_okay=False),
              help="Tệp văn bản: .txt, .docx, .odt hoặc .pdf có chữ.")
@click.option("--voice", default=None, help="Mã giọng đọc (xem `radio tts voices`); mặc định: "
              "giọng đầu tiên của ngôn ngữ.")
@click.option("--rate", default=1.0, type=float, help="Tốc độ đọc, 0,5–2 (mặc định 1).")
@click.option("--language", default="vi", help="Mã ngôn ngữ ISO 639-3 (mặc định vi).")
@click.option("--topic", "topics", multiple=True, help="Mã chủ đề (lặp lại được).")
@click.option("--agency", default=None, help="Mã cơ quan cung cấp tin.")
@click.option("--as", "username", default=None, help="Ghi nhận dưới tên tài khoản này.")
@click.option("--json", "as_json", is_flag=True, help="Kết quả dạng JSON.")
def bulletin_add(title, text_file, voice, rate, language, topics, agency, username, as_json):
    """Make a bulletin: the text is normalised, spoken and ingested like an upload."""
    settings = current_app.config["RADIO_SETTINGS"]
    expect_writes(True)
    try:
        actor = None
        if username:
            actor = db.session.scalar(select(User).where(User.username == username))
            if actor is None:
                _fail(_("Không có tài khoản “%(u)s”.", u=username), as_json, "unknown_user")
        path = Path(text_file)
        text = extract_text(path)
        result = ops.make_bulletin(actor, title=title, text=text, voice_id=voice, rate=rate,
                                   language=language, topics=topics, agency=agency,
                                   source_name=path.name, settings=settings)
        item = result.item
        bt = ops.bulletin_text(item)
        db.session.commit()
    except DomainError as exc:
        _fail(exc.message, as_json, exc.code)
    finally:
        expect_writes(False)
    if as_json:
        click.echo(json.dumps({"id": item.id, "status": item.approval.value,
                               "version": item.version, "duration_s": item.duration_s,
                               "voice": bt.voice, "engine": bt.engine,
                               "engine_version": bt.engine_version, "language": item.language,
                               "loudness_lufs": item.loudness_out_lufs}, ensure_ascii=False))
    else:
        click.echo(f"Đã tạo bản tin số {item.id} ({STATE_WORDS[item.approval]}).")
        click.echo(f"{numbers.number(item.duration_s, 1)} giây · {bt.voice} · "
                   f"{bt.engine_version or bt.engine}")


def init_app(app) -> None:
    app.cli.add_command(bulletin_cli)
