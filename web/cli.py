"""The `radio` command: a Flask CLI over the app factory, plus `radio serve`."""

from __future__ import annotations

import os

import click
from flask import current_app
from flask.cli import FlaskGroup

from radio.i18n import _


def _create_app():
    from web import create_app

    return create_app()


@click.command("serve")
@click.option("--host", default=None, help="Địa chỉ lắng nghe (mặc định RADIO_HOST hoặc 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Cổng (mặc định RADIO_PORT hoặc 5000).")
@click.option("--debug", is_flag=True,
              help="Máy chủ phát triển của Werkzeug, một tiến trình (chỉ dùng khi phát triển).")
def serve_command(host, port, debug):
    """Serve the web application with the production server (gunicorn; waitress on Windows),
    and run the job scheduler in a child process (unless RADIO_SCHEDULER=0)."""
    from radio import logsetup
    from schedules import scheduler
    from web import server
    from web.scheduler_process import SchedulerProcess

    app = current_app._get_current_object()  # the real app: hooks may hand it to threads
    app.extensions["radio.serve_pid"] = os.getpid()  # what the server's own children watch
    settings = app.config["RADIO_SETTINGS"]
    host = host or settings.host
    port = port or settings.port
    logsetup.to_stderr()
    # A hook may return a child process to stop with the server (the stream server).
    children = [c for c in (hook(app) for hook in app.extensions.get("radio.serve_hooks", []))
                if c is not None]
    child = SchedulerProcess().start() if scheduler.enabled(settings=settings) else None
    click.echo(_("Đang phục vụ tại http://%(host)s:%(port)s/  (Ctrl+C để dừng)",
                 host=host, port=port))
    try:
        if debug:
            import signal

            from werkzeug.serving import run_simple

            signal.signal(signal.SIGTERM, _interrupt)  # stop the scheduler child on SIGTERM too
            run_simple(host, port, app, threaded=True, use_reloader=False, use_debugger=False)
        else:
            server.serve(app, host, port, workers=settings.workers, threads=settings.threads)
    except KeyboardInterrupt:
        pass
    finally:
        if child is not None:
            child.stop()  # a no-op in forked workers, which unwind through here too
        for other in children:
            other.stop()


def _interrupt(*_args):
    raise KeyboardInterrupt


def init_app(app) -> None:
    app.cli.add_command(serve_command)


@click.group(cls=FlaskGroup, create_app=_create_app, add_default_commands=False,
             load_dotenv=False, set_debug_flag=False,
             help="district-radio: lịch phát sóng, danh sách phát, nhật ký phát và lưu trữ.")
def main():
    pass


if __name__ == "__main__":  # `python -m web.cli`: how `radio serve` starts its scheduler
    main()
