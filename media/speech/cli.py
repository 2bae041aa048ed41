"""`radio tts voices [--json]`: the speech engines this installation has and their voices."""

from __future__ import annotations

import json

import click
from flask import current_app
from flask.cli import AppGroup

from media.speech.engines import all_engines
from radio.i18n import _

tts_cli = AppGroup("tts", help="Đọc văn bản bằng giọng máy: các bộ đọc và giọng đọc.")


def engines_report(settings) -> list[dict]:
    """Each engine with its state, version and voices (what `--json` prints)."""
    rows = []
    for engine in all_engines(settings):
        state = engine.status()
        voices = engine.voices() if state.available else []
        rows.append({"name": engine.name, "available": state.available, "reason": state.reason,
                     "version": engine.version() if state.available else "",
                     "voices": [{"id": v.id, "name": v.name, "language": v.language}
                                for v in voices]})
    return rows


@tts_cli.command("voices")
@click.option("--json", "as_json", is_flag=True, help="In ra dạng JSON.")
def tts_voices(as_json):
    """List the speech engines, whether each can speak now, and their voices."""
    rows = engines_report(current_app.config["RADIO_SETTINGS"])
    if as_json:
        click.echo(json.dumps({"engines": rows}, ensure_ascii=False, indent=1))
        return
    for row in rows:
        if row["available"]:
            click.echo(f"{row['name']}  {_('sẵn sàng')}  {row['version']}")
        else:
            click.echo(f"{row['name']}  {_('không dùng được')}: {row['reason']}")
        for voice in row["voices"]:
            click.echo(f"  {voice['id']}  {voice['name']}  {voice['language']}")


def init_app(app) -> None:
    app.cli.add_command(tts_cli)
