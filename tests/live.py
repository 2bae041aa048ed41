"""A live server: `radio serve` in its own process, its own data folder and database."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

TEST_PASSWORD = "test-password-1"
RADIO = str(Path(sys.executable).with_name("radio"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    def __init__(self, data_dir: Path, database_url: str, extra_env: dict | None = None):
        self.data_dir = data_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "RADIO_DATA_DIR": str(data_dir),
            "DATABASE_URL": database_url,
            "RADIO_PORT": str(self.port),
            "RADIO_HOST": "127.0.0.1",
            "RADIO_ADMIN_PASSWORD": TEST_PASSWORD,
            "RADIO_SECRET_KEY": "live-test-secret",
            "RADIO_ICECAST": "0",  # tests that stream pass RADIO_ICECAST and a free port
            **(extra_env or {}),
        }
        self.proc: subprocess.Popen | None = None
        self.log = data_dir / "server.log"

    def cli(self, *args: str, input: str | None = None, check: bool = True):
        """Run the radio CLI against this server's database."""
        result = subprocess.run([RADIO, *args], env=self.env, input=input, capture_output=True,
                                text=True, timeout=600)
        if check and result.returncode != 0:
            raise AssertionError(f"radio {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result

    def start(self) -> LiveServer:
        self.log_fh = open(self.log, "a")  # noqa: SIM115 (closed in stop)
        self.proc = subprocess.Popen([RADIO, "serve"], env=self.env, stdout=self.log_fh,
                                     stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()}")
            try:
                urllib.request.urlopen(self.url + "/api/v1/openapi.json", timeout=2).read()
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"server did not start: {self.log.read_text()}")

    def stop(self, sig: int = signal.SIGINT) -> None:
        """Stop the server: by default gunicorn's quick stop (Ctrl+C), about a second; pass
        SIGTERM for the graceful stop a service manager sends (several seconds)."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None
        if getattr(self, "log_fh", None):
            self.log_fh.close()
