"""`radio stream serve`: Icecast as a child process, and the recorder of every live session.

The loop polls Icecast's status every POLL_S. When a station's mount gets a source, it opens
(or creates) that station's live session and starts a recorder: ffmpeg copies the mount's MP3
stream into `<data>/streams/recording/session-<id>.mp3`. When the source goes (it ended, or it
crashed), Icecast closes the stream, the recorder's file is closed, and the recording is
archived. A recording left by a killed server is archived at the next start.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from media.streams import ffmpeg, grants, operations
from media.streams.icecast import IcecastProcess, mount_of, status, stream_config, write_config
from media.streams.urls import stream_url
from radio.clock import now
from radio.db import db
from radio.models import LiveSession, LiveStatus, Station

log = logging.getLogger("media.streams")
POLL_S = 0.5
STATIONS_EVERY_S = 30.0
RECORDER_GRANT_S = 7 * 24 * 3600
RETRY_S = 5.0


class NotInstalled(RuntimeError):
    pass


@dataclass
class Recorder:
    session_id: int
    code: str
    path: Path
    proc: subprocess.Popen


def recording_dir(settings) -> Path:
    folder = settings.data_dir / "streams" / "recording"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _stations() -> list[tuple[str, str]]:
    return [(s.code, s.name) for s in db.session.scalars(
        select(Station).where(Station.merged_into_id.is_(None)).order_by(Station.code))]


class StreamServer:
    def __init__(self, app, parent_pid: int | None = None):
        self.app = app
        self.settings = app.config["RADIO_SETTINGS"]
        self.secret = app.config["SECRET_KEY"]
        self.cfg = stream_config(self.settings)
        self.parent_pid = parent_pid
        self.recorders: dict[str, Recorder] = {}
        self.retry_at: dict[str, float] = {}  # a mount whose recording failed waits a while
        self.icecast: IcecastProcess | None = None
        self.stopping = False

    def start(self) -> StreamServer:
        if not self.cfg.binary:
            raise NotInstalled(self.settings.icecast_bin or "icecast2")
        with self.app.app_context():
            self.stations = _stations()
            self.recover()
        path = write_config(self.cfg, self.stations)
        self.icecast = IcecastProcess(self.cfg, path).start()
        log.info("icecast on %s, %s mounts", self.cfg.base_url, len(self.stations))
        return self

    def recover(self) -> None:
        """Archive recordings a killed server left behind (their sessions are still live)."""
        for path in sorted(recording_dir(self.settings).glob("session-*.mp3")):
            session = db.session.get(LiveSession, int(path.stem.split("-")[1]))
            if session is None or session.status != LiveStatus.live:
                continue
            ended = session.started_at or now()
            operations.archive(session, path, ended_at=max(ended, now()))
            db.session.commit()

    def run(self) -> None:
        signal.signal(signal.SIGTERM, self._stop_signal)
        last_stations = time.monotonic()
        try:
            while not self.stopping:
                if self.parent_pid and os.getppid() != self.parent_pid:
                    break  # radio serve died without stopping us
                if not self.icecast.alive():
                    log.error("icecast exited; restarting")
                    self.icecast.start()
                with self.app.app_context():
                    try:
                        self.step()
                        if time.monotonic() - last_stations > STATIONS_EVERY_S:
                            last_stations = time.monotonic()
                            self._reload_stations()
                    except Exception:  # a database hiccup must not stop the stream server
                        db.session.rollback()
                        log.exception("stream server step failed; retrying")
                        time.sleep(1.0)
                time.sleep(POLL_S)
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()

    def _stop_signal(self, *_args) -> None:
        self.stopping = True

    def step(self) -> None:
        live = status(self.cfg) or {}
        for rec in list(self.recorders.values()):
            if rec.proc.poll() is not None:
                self._finish(rec)
        for mount in live:
            code = mount[1:-4]
            if (code not in self.recorders and any(c == code for c, _n in self.stations)
                    and time.monotonic() >= self.retry_at.get(code, 0.0)):
                self._record(code)

    def _record(self, code: str) -> None:
        station = db.session.scalar(select(Station).where(Station.code == code))
        session = operations.on_air(station, now())
        db.session.commit()
        path = recording_dir(self.settings) / f"session-{session.id}.mp3"
        token = grants.mount_grant(self.secret, code, int(time.time()) + RECORDER_GRANT_S)
        url = stream_url(self.settings, code, token).replace(self.cfg.public_url,
                                                             self.cfg.base_url, 1)
        self.recorders[code] = Recorder(session.id, code, path, ffmpeg.record(url, path))
        log.info("recording live session %s of %s", session.id, code)

    def _finish(self, rec: Recorder) -> None:
        self.recorders.pop(rec.code, None)
        session = db.session.get(LiveSession, rec.session_id)
        operations.archive(session, rec.path, ended_at=now())
        db.session.commit()
        if session.status == LiveStatus.failed:
            self.retry_at[rec.code] = time.monotonic() + RETRY_S
        log.info("live session %s of %s archived (%s)", session.id, rec.code,
                 session.status.value)

    def _reload_stations(self) -> None:
        stations = _stations()
        if stations != self.stations:
            self.stations = stations
            write_config(self.cfg, stations)
            self.icecast.proc.send_signal(signal.SIGHUP)  # Icecast re-reads its configuration

    def stop(self) -> None:
        for rec in list(self.recorders.values()):
            if rec.proc.poll() is None:
                rec.proc.terminate()  # ffmpeg closes the file it writes
                try:
                    rec.proc.wait(5)
                except subprocess.TimeoutExpired:
                    rec.proc.kill()
                    rec.proc.wait()
            with self.app.app_context():
                self._finish(rec)
        if self.icecast is not None:
            self.icecast.stop()


def listeners(settings, code: str) -> int | None:
    """Listeners of a station's mount now, without the server's own recorder; None when the
    mount has no source (or Icecast is not running)."""
    found = status(stream_config(settings), timeout=1.0)
    if not found or mount_of(code) not in found:
        return None
    return max(found[mount_of(code)] - 1, 0)
