"""The production WSGI server of `radio serve`: gunicorn on POSIX, waitress on Windows.

gunicorn runs RADIO_WORKERS forked worker processes (gthread, RADIO_THREADS threads each). The
app is built once in the master and inherited by the workers; each worker drops the database
pool it inherited (SQLAlchemy's advice for fork) so no connection is ever shared. gunicorn's
own access log stays off: the app logs requests itself (logger `radio.access`). Windows has no
fork: waitress serves with RADIO_THREADS threads in one process (untested here).
"""

from __future__ import annotations

import sys

GRACEFUL_TIMEOUT_S = 3


def serve(app, host: str, port: int, *, workers: int, threads: int) -> None:
    """Serve `app` until stopped (SIGTERM or Ctrl+C); returns or raises SystemExit then."""
    if sys.platform == "win32":
        _serve_waitress(app, host, port, threads=threads)
    else:
        _serve_gunicorn(app, host, port, workers=workers, threads=threads)


def _bind(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _post_fork(_arbiter, _worker) -> None:
    from radio.db import db

    if db.engine is not None:
        db.engine.dispose(close=False)  # never use the master's connections in a worker


def _worker_int(_worker) -> None:
    """Ctrl+C (SIGINT, sent to every process of the terminal) is gunicorn's quick stop: the worker
    leaves at once, without waiting for the interpreter's exit handlers."""
    import os

    sys.stderr.flush()
    os._exit(0)


def _serve_gunicorn(app, host: str, port: int, *, workers: int, threads: int) -> None:
    from gunicorn.app.base import BaseApplication

    from radio.db import db

    class Server(BaseApplication):
        def load_config(self):
            options = {
                "bind": [_bind(host, port)],
                "workers": max(1, workers),
                "worker_class": "gthread",
                "threads": max(1, threads),
                "graceful_timeout": GRACEFUL_TIMEOUT_S,
                "timeout": 120,
                "keepalive": 2,
                "accesslog": None,  # requests are logged by the app (radio.access), redacted
                "errorlog": "-",
                "loglevel": "info",
                "proc_name": "radio",
                "control_socket_disable": True,  # one server per data folder, no shared socket
                "post_fork": _post_fork,
                "worker_int": _worker_int,
            }
            for key, value in options.items():
                if key in self.cfg.settings:
                    self.cfg.set(key, value)

        def load(self):
            return app

    db.session.remove()
    if db.engine is not None:
        db.engine.dispose()
    Server().run()


def _serve_waitress(app, host: str, port: int, *, threads: int) -> None:
    import waitress

    waitress.serve(app, host=host, port=port, threads=max(1, threads), ident="waitress")
