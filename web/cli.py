"""The `radio` command: a Flask CLI over the app factory, plus `radio serve`."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import FlaskGroup


def _create_app():
    from web import create_app

    return create_app()


@click.command("serve")
@click.option("--host", default=None, help="Địa chỉ lắng nghe (mặc định RADIO_HOST hoặc 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Cổng (mặc định RADIO_PORT hoặc 5000).")
def serve_command(host, port):
    """Serve the web application (threaded; use gunicorn in production)."""
    from werkzeug.serving import run_simple

    settings = current_app.config["RADIO_SETTINGS"]
    host = host or settings.host
    port = port or settings.port
    for hook in current_app.extensions.get("radio.serve_hooks", []):
        hook(current_app)
    click.echo(f"Đang phục vụ tại http://{host}:{port}/  (Ctrl+C để dừng)")
    run_simple(host, port, current_app._get_current_object(), threaded=True,
               use_reloader=False, use_debugger=False)


def init_app(app) -> None:
    app.cli.add_command(serve_command)


@click.group(cls=FlaskGroup, create_app=_create_app, add_default_commands=False,
             load_dotenv=False, set_debug_flag=False,
             help="district-radio: lịch phát sóng, danh sách phát, nhật ký phát và lưu trữ.")
def main():
    pass
