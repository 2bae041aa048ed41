"""Writing CLI commands against a live server's SQLite database wait for its writes to end.

A command that reads (the station) and then writes (the new token hash), in a deferred
transaction, fails at once with "database is locked" when the server commits in between: its
read snapshot is stale, and SQLite does not wait then. `@domain_command(writes=True)` takes the
write lock at BEGIN, so the command waits its turn (busy_timeout) and then reads what the
server wrote.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.dbutil import base_url
from tests.live import RADIO

pytestmark = pytest.mark.skipif(bool(base_url()), reason="SQLite's database lock; PostgreSQL "
                                "locks rows and has no such failure")


def _has_open(pid: int, path: Path) -> bool:
    fds = Path(f"/proc/{pid}/fd")
    try:
        return any(os.readlink(fd) == str(path) for fd in fds.iterdir())
    except (FileNotFoundError, ProcessLookupError):
        return False


def test_station_token_waits_for_a_live_servers_write_instead_of_failing(make_live_server):
    server = make_live_server(demo_data=False)
    server.cli("station", "add", "gio-an", "--name", "Xã Gio An")
    path = Path(server.env["DATABASE_URL"].removeprefix("sqlite:///")).resolve()
    server_write = sqlite3.connect(path, isolation_level=None, timeout=30)
    try:
        # The "server" holds the write lock with a change not yet committed ...
        server_write.execute("BEGIN IMMEDIATE")
        server_write.execute("UPDATE stations SET name = 'Xã Gio An (đổi tên)' "
                             "WHERE code = 'gio-an'")
        command = subprocess.Popen([RADIO, "station", "token", "gio-an"], env=server.env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while not _has_open(command.pid, path) and command.poll() is None:
            assert time.monotonic() < deadline, "the command never opened the database"
            time.sleep(0.05)
        time.sleep(1.0)  # ... while the command starts its transaction, then commits.
        server_write.execute("COMMIT")
        out, err = command.communicate(timeout=60)
    finally:
        server_write.close()
    assert command.returncode == 0, err
    token = out.strip()
    assert err.strip() == ("Mã truy cập mới của Xã Gio An (đổi tên); mã cũ đã bị thu hồi. "
                           "Mã này chỉ hiện một lần.")
    with sqlite3.connect(path) as check:
        stored = check.execute("SELECT token_hash FROM stations WHERE code = 'gio-an'").fetchone()
    check.close()
    assert stored == (hashlib.sha256(token.encode()).hexdigest(),)
