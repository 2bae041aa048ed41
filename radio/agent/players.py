"""Players: how the agent turns a cached file into sound (or a record of it, for tests).

Each player starts playback without blocking, can tell whether it is still playing and can be
stopped. Each has a `volume` (0–100, set by the agent) used from the next start. `null` decodes in real time with ffmpeg and discards the sound (no sound card
needed); `file:DIR` writes what it would play into DIR and "plays" for the item's duration.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from radio.agent.clock import SYSTEM, Clock


class Playback:
    def __init__(self, proc: subprocess.Popen | None = None, until: float | None = None,
                 clock: Clock = SYSTEM):
        self.proc = proc
        self.until = until
        self.clock = clock

    def running(self) -> bool:
        if self.proc is not None:
            return self.proc.poll() is None
        return self.until is not None and self.clock.monotonic() < self.until

    def failed(self) -> bool:
        return self.proc is not None and self.proc.poll() not in (None, 0)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.until = self.clock.monotonic()


class Player:
    name = "player"
    volume = 100

    def play(self, path: Path, item: dict, offset_s: float = 0.0) -> Playback:
        raise NotImplementedError


class CommandPlayer(Player):
    def __init__(self, name: str, ffmpeg: str | None = None):
        self.name = name
        self.ffmpeg = ffmpeg

    def command(self, path: Path, offset_s: float) -> list[str]:
        volume = max(0, min(100, int(self.volume)))
        if self.name == "mpv":
            return ["mpv", "--no-video", "--really-quiet", f"--volume={volume}",
                    f"--start={offset_s:.3f}", str(path)]
        if self.name == "ffplay":
            return ["ffplay", "-nodisp", "-autoexit", "-loglevel", "error", "-volume",
                    str(volume), "-ss", f"{offset_s:.3f}", str(path)]
        # null: decode at real-time speed, discard the sound
        return [self.ffmpeg or "ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-re",
                "-ss", f"{offset_s:.3f}", "-i", str(path), "-af", f"volume={volume / 100:g}",
                "-f", "null", "-"]

    def play(self, path: Path, item: dict, offset_s: float = 0.0) -> Playback:
        proc = subprocess.Popen(self.command(path, offset_s), stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return Playback(proc=proc)


class FilePlayer(Player):
    """Writes each play into DIR (a copy of the file and a line in plays.jsonl)."""

    name = "file"

    def __init__(self, folder: Path, clock: Clock = SYSTEM):
        self.folder = folder
        self.clock = clock
        folder.mkdir(parents=True, exist_ok=True)

    def play(self, path: Path, item: dict, offset_s: float = 0.0) -> Playback:
        stamp = item["starts_at"].replace(":", "").replace("+", "p")
        if isinstance(path, Path) and path.is_file():
            shutil.copyfile(path, self.folder / f"{stamp}-{item['entry_id']}-{path.name}")
        record = {"entry_id": item["entry_id"], "sha256": item.get("sha256"),
                  "title": item.get("title"), "starts_at": item["starts_at"],
                  "offset_s": round(offset_s, 3), "priority": item.get("priority"),
                  "clusters": [c.get("code") for c in item.get("clusters") or []],
                  "volume": self.volume,
                  "played_at": self.clock.now().timestamp()}
        with open(self.folder / "plays.jsonl", "a", encoding="utf-8") as fh:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        remaining = max(float(item.get("duration_s") or 0) - offset_s, 0.0)
        return Playback(until=self.clock.monotonic() + remaining, clock=self.clock)


def make_player(spec: str, ffmpeg: str | None = None) -> Player:
    if spec.startswith("file:"):
        return FilePlayer(Path(spec[5:]))
    if spec in ("mpv", "ffplay", "null"):
        return CommandPlayer(spec, ffmpeg)
    raise ValueError(spec)
