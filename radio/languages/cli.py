"""`radio language list|add`: the broadcast languages (writes through
radio/languages/operations.py, audited)."""

from __future__ import annotations

import json

import click
from flask.cli import AppGroup

from radio.cli import domain_command
from radio.db import db
from radio.i18n import _
from radio.languages import operations, util

language_cli = AppGroup("language", help="Ngôn ngữ phát sóng (mã ISO 639-3).")


@language_cli.command("list")
@click.option("--json", "as_json", is_flag=True)
@domain_command
def language_list(as_json):
    """List languages in order: code, Vietnamese name, English name."""
    rows = util.list_languages()
    if as_json:
        click.echo(json.dumps([util.language_dict(r) for r in rows], ensure_ascii=False,
                              indent=1))
        return
    for r in rows:
        click.echo(f"{r.code:<4} {r.name}" + (f" ({r.name_en})" if r.name_en else ""))


@language_cli.command("add")
@click.argument("code")
@click.option("--name", required=True, help="Tên tiếng Việt, ví dụ “Tiếng Tà Ôi”.")
@click.option("--name-en", "name_en", default="", help="Tên tiếng Anh (không bắt buộc).")
@click.option("--json", "as_json", is_flag=True)
@domain_command(writes=True)
def language_add(code, name, name_en, as_json):
    """Add a language by its ISO 639-3 code (audited)."""
    lang = operations.add_language(None, code=code, name=name, name_en=name_en)
    db.session.commit()
    if as_json:
        click.echo(json.dumps(util.language_dict(lang), ensure_ascii=False, indent=1))
        return
    click.echo(_("Đã thêm ngôn ngữ %(name)s (%(code)s).", name=lang.name, code=lang.code))
