"""HTTP to the server with the standard library only: JSON calls and resumable downloads."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import statistics
import urllib.error
import urllib.request
from collections import deque
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path

from radio.agent import VERSION
from radio.agent.clock import SYSTEM, Clock, Offset

CHUNK = 64 * 1024


class Unreachable(Exception):
    """The server could not be reached or answered with a server error: try again later."""


class Refused(Exception):
    """The server answered with a client error (bad token, wrong station…): fix, don't retry."""

    def __init__(self, status: int, body: dict | None):
        self.status = status
        self.body = body or {}
        message = (self.body.get("error") or {}).get("message", "")
        super().__init__(f"HTTP {status} {message}".strip())


@dataclass
class Reply:
    status: int
    headers: dict
    data: dict | None


class Client:
    """JSON calls and downloads; it also keeps the link's quality and the clock offset.

    Link quality: the round-trip time of the last 20 calls (median) and the calls that failed
    (server unreachable or a server error) within the last hour, on the agent's clock. Every
    answer's `Date` header feeds `offset` (radio.agent.clock.Offset)."""

    def __init__(self, server: str, token: str, timeout: float = 20.0, clock: Clock = SYSTEM,
                 offset: float | None = None):
        self.server = server.rstrip("/")
        self.token = token
        self.timeout = timeout
        self.clock = clock
        self.rtts: deque[float] = deque(maxlen=20)
        self.failures: deque[float] = deque()
        self.offset = Offset(initial=offset)

    # -- link quality -----------------------------------------------------------------------
    def _answered(self, sent, began: float, headers) -> None:
        elapsed = max(self.clock.perf() - began, 0.0)
        self.rtts.append(elapsed * 1000)
        date = headers.get("Date") if headers is not None else None
        if date:
            with contextlib.suppress(TypeError, ValueError):
                self.offset.add(parsedate_to_datetime(date), sent, elapsed)

    def _failed(self) -> None:
        self.failures.append(self.clock.monotonic())

    @property
    def rtt_ms(self) -> float | None:
        return round(statistics.median(self.rtts), 1) if self.rtts else None

    @property
    def failed_1h(self) -> int:
        since = self.clock.monotonic() - 3600
        while self.failures and self.failures[0] < since:
            self.failures.popleft()
        return len(self.failures)

    def _request(self, method: str, path: str, *, body: dict | None = None,
                 headers: dict | None = None):
        url = path if path.startswith("http") else self.server + path
        headers = {"Authorization": f"Bearer {self.token}",
                   "User-Agent": f"radio-station-agent/{VERSION}", **(headers or {})}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        return urllib.request.Request(url, data=data, headers=headers, method=method)

    def call(self, method: str, path: str, *, body: dict | None = None,
             headers: dict | None = None) -> Reply:
        try:
            return self._call(method, path, body=body, headers=headers)
        except Unreachable:
            self._failed()
            raise

    def _call(self, method: str, path: str, *, body: dict | None = None,
              headers: dict | None = None) -> Reply:
        req = self._request(method, path, body=body, headers=headers)
        sent, began = self.clock.now(), self.clock.perf()
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                raw = resp.read()
                self._answered(sent, began, resp.headers)
                return Reply(resp.status, dict(resp.headers), json.loads(raw) if raw else None)
        except urllib.error.HTTPError as exc:
            self._answered(sent, began, exc.headers)
            if exc.code == 304:
                return Reply(304, dict(exc.headers), None)
            try:
                payload = json.loads(exc.read() or b"null")
            except ValueError:
                payload = None
            if exc.code >= 500 or exc.code == 429:
                raise Unreachable(f"HTTP {exc.code}") from None
            if exc.code == 422 and isinstance(payload, dict):
                return Reply(422, dict(exc.headers), payload)
            raise Refused(exc.code, payload if isinstance(payload, dict) else None) from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise Unreachable(str(getattr(exc, "reason", exc))) from None

    def download(self, path: str, target: Path, sha256: str) -> bool:
        try:
            return self._download(path, target, sha256)
        except Unreachable:
            self._failed()
            raise

    def _download(self, path: str, target: Path, sha256: str) -> bool:
        """Fetch into target, resuming a partial file with Range; verify the SHA-256.

        Returns True when the finished file has the expected checksum; a corrupt result is
        deleted so the next attempt starts clean.
        """
        part = target.with_name(target.name + ".part")
        have = part.stat().st_size if part.exists() else 0
        headers = {"Range": f"bytes={have}-", "If-Range": f'"{sha256}"'} if have else {}
        req = self._request("GET", path, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                mode = "ab" if resp.status == 206 else "wb"
                with open(part, mode) as out:
                    while chunk := resp.read(CHUNK):
                        out.write(chunk)
                    out.flush()
                    os.fsync(out.fileno())
        except urllib.error.HTTPError as exc:
            if exc.code == 416:  # the partial file is already complete (or bigger): restart
                part.unlink(missing_ok=True)
                raise Unreachable("HTTP 416") from None
            if exc.code >= 500:
                raise Unreachable(f"HTTP {exc.code}") from None
            raise Refused(exc.code, None) from None
        except (urllib.error.URLError, OSError) as exc:
            raise Unreachable(str(getattr(exc, "reason", exc))) from None
        if file_sha256(part) != sha256:
            part.unlink(missing_ok=True)
            return False
        os.replace(part, target)
        return True


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()
