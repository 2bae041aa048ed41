"""The Icecast 2 stream server: its configuration (written into the data folder) and the child
process that runs it.

One mount per station (`/<code>.mp3`). Source and admin passwords are generated once and kept in
`<data>/icecast/secrets.json` (mode 0600); there is no default password and none is ever logged.
Every mount authenticates its listeners through Icecast's URL authentication: on each
`listener_add` Icecast posts the listener's request to the app (`/streams/auth`), which answers
with the header `icecast-auth-user: 1` for a station allowed to hear that mount.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from media import _ffmpeg

AUTH_HEADER = "icecast-auth-user"
AUTH_PATH = "/streams/auth"


@dataclass(frozen=True)
class StreamConfig:
    """Where Icecast runs and how the app reaches it (from Settings)."""

    folder: Path  # <data>/icecast
    host: str
    port: int
    public_url: str  # base URL players use, e.g. http://radio.example:8000
    app_url: str  # base URL Icecast calls for listener authentication
    binary: str | None  # None: Icecast is not installed

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"


def stream_config(settings) -> StreamConfig:
    binary = settings.icecast_bin
    if binary and os.sep not in binary:
        binary = shutil.which(binary) or shutil.which(binary, path="/usr/sbin:/usr/bin:/sbin")
    elif binary and not os.access(binary, os.X_OK):
        binary = None
    host = settings.icecast_host
    app_host = "127.0.0.1" if settings.host in ("0.0.0.0", "::", "") else settings.host
    return StreamConfig(
        folder=settings.data_dir / "icecast", host=host, port=settings.icecast_port,
        public_url=(settings.icecast_public_url or f"http://{host}:{settings.icecast_port}"
                    ).rstrip("/"),
        app_url=(settings.stream_auth_url or f"http://{app_host}:{settings.port}").rstrip("/"),
        binary=binary or None)


def secrets_of(folder: Path) -> dict:
    """The source and admin passwords, generated on first use and kept (0600)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "secrets.json"
    if path.exists():
        return json.loads(path.read_text())
    values = {"source_password": secrets.token_urlsafe(24),
              "admin_password": secrets.token_urlsafe(24)}
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        json.dump(values, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return values


def mount_of(code: str) -> str:
    return f"/{code}.mp3"


def _auth_xml(cfg: StreamConfig) -> str:
    auth = f"{cfg.app_url}{AUTH_PATH}"
    return f"""    <authentication type="url">
      <option name="listener_add" value={quoteattr(auth)}/>
      <option name="auth_header" value="{AUTH_HEADER}: 1"/>
    </authentication>
"""


def _mount_xml(code: str, name: str, cfg: StreamConfig) -> str:
    return f"""  <mount type="normal">
    <mount-name>{escape(mount_of(code))}</mount-name>
    <stream-name>{escape(name)}</stream-name>
    <public>0</public>
{_auth_xml(cfg)}  </mount>
"""


def write_config(cfg: StreamConfig, stations: list[tuple[str, str]]) -> Path:
    """Write icecast.xml for these (code, name) stations; returns its path (mode 0600)."""
    pw = secrets_of(cfg.folder)
    logs = log_dir(cfg)
    (logs / "access.log").unlink(missing_ok=True)
    (logs / "access.log").symlink_to(os.devnull)  # its lines would carry listeners' tokens
    # No <mount type="default">: Icecast would apply its authentication to status pages too.
    # A station added later gets its mount at the next reload (media.streams.serve).
    mounts = "".join(
        _mount_xml(code, name, cfg) for code, name in stations)
    xml = f"""<icecast>
  <location>district-radio</location>
  <admin>radio@localhost</admin>
  <limits>
    <clients>2000</clients>
    <sources>{max(len(stations), 1) + 2}</sources>
    <queue-size>524288</queue-size>
    <client-timeout>30</client-timeout>
    <header-timeout>15</header-timeout>
    <source-timeout>10</source-timeout>
    <burst-on-connect>1</burst-on-connect>
    <burst-size>65535</burst-size>
  </limits>
  <authentication>
    <source-password>{escape(pw["source_password"])}</source-password>
    <relay-password>{escape(pw["source_password"])}</relay-password>
    <admin-user>admin</admin-user>
    <admin-password>{escape(pw["admin_password"])}</admin-password>
  </authentication>
  <hostname>{escape(cfg.host)}</hostname>
  <listen-socket>
    <port>{cfg.port}</port>
    <bind-address>{escape(cfg.host)}</bind-address>
  </listen-socket>
  <fileserve>1</fileserve>
  <paths>
    <basedir>/usr/share/icecast2</basedir>
    <logdir>{escape(str(logs))}</logdir>
    <webroot>/usr/share/icecast2/web</webroot>
    <adminroot>/usr/share/icecast2/admin</adminroot>
  </paths>
{mounts}  <logging>
    <accesslog>access.log</accesslog>
    <errorlog>error.log</errorlog>
    <loglevel>2</loglevel>
  </logging>
  <security><chroot>0</chroot>{_changeowner(logs, cfg.folder)}</security>
</icecast>
"""
    path = cfg.folder / "icecast.xml"
    fd = os.open(path.with_suffix(".tmp"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(xml)
    os.replace(path.with_suffix(".tmp"), path)
    return path


def _as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def log_dir(cfg: StreamConfig) -> Path:
    """Icecast's log folder. Run by root, Icecast drops to an unprivileged user, which may not
    reach the data folder: its logs then go to a folder of its own under the temp directory."""
    if _as_root():
        import hashlib
        import tempfile

        key = hashlib.sha256(str(cfg.folder).encode()).hexdigest()[:12]
        logs = Path(tempfile.gettempdir()) / f"radio-icecast-{key}"
    else:
        logs = cfg.folder / "log"
    logs.mkdir(parents=True, exist_ok=True)
    return logs


def _changeowner(logs: Path, folder: Path) -> str:
    """Icecast refuses to run as root: then it drops to the Debian package's icecast2 user."""
    if not _as_root():
        return ""
    import grp
    import pwd

    for user, group in (("icecast2", "icecast"), ("nobody", "nogroup")):
        try:
            uid, gid = pwd.getpwnam(user).pw_uid, grp.getgrnam(group).gr_gid
        except KeyError:
            continue
        os.chown(logs, uid, gid)
        for name in os.listdir(logs):
            os.lchown(logs / name, uid, gid)
        return f"<changeowner><user>{user}</user><group>{group}</group></changeowner>"
    return ""


def status(cfg: StreamConfig, timeout: float = 2.0) -> dict[str, int] | None:
    """Listeners per mount that has a source now ({"/x.mp3": 3}); None when Icecast is down."""
    try:
        with urllib.request.urlopen(f"{cfg.base_url}/status-json.xsl", timeout=timeout) as resp:
            data = json.loads(resp.read().decode("utf-8", "replace"))
    except (OSError, ValueError):
        return None
    sources = (data.get("icestats") or {}).get("source") or []
    if isinstance(sources, dict):
        sources = [sources]
    found = {}
    for s in sources:
        url = s.get("listenurl") or ""
        mount = "/" + url.rsplit("/", 1)[-1] if url else ""
        if mount:
            found[mount] = int(s.get("listeners") or 0)
    return found


class IcecastProcess:
    """Icecast as a child process; stops with its parent."""

    def __init__(self, cfg: StreamConfig, config_path: Path):
        self.cfg = cfg
        self.config_path = config_path
        self.proc: subprocess.Popen | None = None

    def start(self, wait_s: float = 10.0) -> IcecastProcess:
        log = open(self.cfg.folder / "icecast.out", "ab")  # noqa: SIM115
        self.proc = subprocess.Popen([self.cfg.binary, "-c", str(self.config_path)],
                                     stdout=log, stderr=subprocess.STDOUT,
                                     preexec_fn=_ffmpeg.die_with_parent)
        log.close()
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"icecast exited with code {self.proc.returncode}")
            if status(self.cfg, timeout=0.5) is not None:
                return self
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("icecast did not answer")

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

