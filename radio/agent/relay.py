"""Relays and live sessions: the agent plays a stream for the slot's length, reconnecting on
drops, and counts the seconds it actually received and the dropouts for its as-run event.

One ffmpeg reads the stream (its `-progress` lines tell the seconds decoded) and plays it:
through the sound card with `--player mpv|ffplay` (ffmpeg's pulse/alsa output is not used;
the decoded sound goes to the player through a pipe), or discarded with `null`/`file:`.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import threading
import time

RECONNECT_S = 1.0


class RelayPlayback:
    def __init__(self, url: str, seconds: float, player=None):
        self.url = url
        self.until = time.monotonic() + max(seconds, 0.0)
        self.ffmpeg = getattr(player, "ffmpeg", None) or shutil.which("ffmpeg") or "ffmpeg"
        self.sink = sink_for(player)  # a player reading WAV on stdin, or None to discard
        self.received_s = 0.0
        self.connections = 0
        self.dropouts = 0
        self.reason = ""
        self._stopped = False
        self._proc: subprocess.Popen | None = None
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _command(self) -> list[str]:
        out = ["-f", "wav", "pipe:1"] if self.sink else ["-f", "null", "-"]
        return [self.ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error",
                "-progress", "pipe:2", "-nostats", "-rw_timeout", "10000000",
                "-i", self.url, *out]

    def _run(self) -> None:
        while not self._stopped and time.monotonic() < self.until - 0.5:
            got = self._once(self.until - time.monotonic())
            if got > 0:
                self.connections += 1
            if self._stopped or time.monotonic() >= self.until - 0.5:
                break
            if got > 0:
                self.dropouts += 1
            time.sleep(RECONNECT_S)

    def _once(self, remaining: float) -> float:
        sink = subprocess.Popen(self.sink, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL) if self.sink else None
        self._proc = subprocess.Popen(self._command(), stdin=subprocess.DEVNULL,
                                      stdout=sink.stdin if sink else subprocess.DEVNULL,
                                      stderr=subprocess.PIPE, text=True, errors="replace")
        # The slot's end is wall-clock time: a server's burst on connect runs ahead of it.
        timer = threading.Timer(max(remaining, 0.0), self._proc.terminate)
        timer.start()
        got = 0.0
        for line in self._proc.stderr:
            if line.startswith("out_time_us="):
                with contextlib.suppress(ValueError):
                    got = max(got, int(line.split("=", 1)[1]) / 1e6)
            elif "=" not in line and line.strip():
                self.reason = line.strip()[-300:]
        self._proc.wait()
        timer.cancel()
        got = min(got, max(remaining, 0.0))
        if sink is not None:
            sink.stdin.close()
            sink.wait()
        self.received_s += got
        return got

    def running(self) -> bool:
        return self._thread.is_alive()

    def failed(self) -> bool:
        return not self.running() and self.received_s <= 0

    def stop(self) -> None:
        self._stopped = True
        proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.terminate()
        self._thread.join(10)

    def outcome(self, expected_s: float, late_s: float) -> tuple[str, str]:
        """(as-run status, note) of the slot: what came through the stream."""
        if self.received_s <= 0:
            why = self.reason.replace(self.url, "…").split("?token=")[0] or "không có dữ liệu"
            return "failed", f"Không kết nối được nguồn tiếp âm: {why}"[:2000]
        note = (f"Nhận {self.received_s:.1f} giây trong {expected_s:.0f} giây, "
                f"mất kết nối {self.dropouts} lần")
        return ("aired" if self.received_s >= expected_s - late_s else "partial"), note


def ended(playback, failed: bool, offset_s: float, late_s: float,
          expected_s: float) -> tuple[str, str]:
    """The as-run (status, note) of a playback that has just been stopped."""
    if isinstance(playback, RelayPlayback):
        return playback.outcome(expected_s, late_s)
    if failed:
        return "failed", "Trình phát báo lỗi"
    if offset_s > late_s:
        return "partial", f"Phát muộn {offset_s:.0f} giây"
    return "aired", ""


def sink_for(player) -> list[str] | None:
    """The command that plays WAV from stdin for the agent's player, or None (discard)."""
    name = getattr(player, "name", "")
    if name == "mpv":
        return ["mpv", "--no-video", "--really-quiet", "-"]
    if name == "ffplay":
        return ["ffplay", "-nodisp", "-autoexit", "-loglevel", "error", "-i", "-"]
    return None
