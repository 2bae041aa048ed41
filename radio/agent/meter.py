"""Output metering: the level of what the agent plays, one value per second of each file.

When a file enters the cache (or is first needed) ffmpeg measures it once: the RMS level of
every 1-second window, stored beside the file as `<sha>.levels.json`. While the file plays, the
level at the current offset is the output level and the run of quiet windows (below
SILENCE_DB) ending at the offset is the silence running now. A relay has no level; without
ffmpeg there is no level either and the report says why.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import subprocess
import threading
from pathlib import Path

SILENCE_DB = -50.0
FLOOR_DB = -120.0  # digital silence (ffmpeg says -inf)
WINDOW_S = 1.0
RATE = 8000  # resampled for metering: cheap, and enough for a level
TIMEOUT_S = 120.0
_LEVEL = re.compile(r"lavfi\.astats\.Overall\.RMS_level=(\S+)")


def levels_path(media: Path) -> Path:
    return media.with_name(media.stem + ".levels.json")


def parse_levels(output: str) -> list[float]:
    """The per-window RMS levels in ffmpeg's `ametadata=print` output (floored, rounded)."""
    levels = []
    for raw in _LEVEL.findall(output):
        try:
            value = float(raw)
        except ValueError:
            value = FLOOR_DB
        if math.isnan(value) or value < FLOOR_DB:
            value = FLOOR_DB
        levels.append(round(value, 1))
    return levels


def level_at(levels: list[float], offset_s: float, gain_db: float = 0.0) -> tuple[float, float]:
    """(level in dBFS, seconds of silence ending at offset_s) for a file's levels.

    gain_db is the player's volume as a gain (0 dB at 100 %); past the end is silence."""
    if offset_s < 0 or not levels:
        return FLOOR_DB, 0.0
    index = int(offset_s // WINDOW_S)

    def level(i: int) -> float:
        return max(levels[i] + gain_db, FLOOR_DB) if i < len(levels) else FLOOR_DB

    now = level(index)
    if now >= SILENCE_DB:
        return round(now, 1), 0.0
    start = index
    while start > 0 and level(start - 1) < SILENCE_DB:
        start -= 1
    return round(now, 1), round(offset_s - start * WINDOW_S, 1)


def volume_gain_db(volume: int) -> float:
    return 20 * math.log10(volume / 100) if volume > 0 else FLOOR_DB


class Meter:
    """Measures files with ffmpeg (once each) and keeps their levels in memory."""

    def __init__(self, ffmpeg: str | None = None, timeout_s: float = TIMEOUT_S):
        self.ffmpeg = ffmpeg or os.environ.get("RADIO_FFMPEG") or shutil.which("ffmpeg")
        self.timeout_s = timeout_s
        self.error: str | None = None if self.ffmpeg else "ffmpeg không có trên máy trạm"
        self._memory: dict[Path, list[float]] = {}
        self._busy: threading.Thread | None = None

    def command(self, media: Path) -> list[str]:
        return [self.ffmpeg or "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "info",
                "-i", str(media), "-vn", "-af",
                f"aresample={RATE},asetnsamples=n={int(RATE * WINDOW_S)}:p=0,"
                "astats=metadata=1:reset=1,"
                "ametadata=print:key=lavfi.astats.Overall.RMS_level", "-f", "null", "-"]

    def measure(self, media: Path) -> list[float] | None:
        """Run ffmpeg on media and store its levels beside it; None when it cannot."""
        if not self.ffmpeg:
            return None
        try:
            done = subprocess.run(self.command(media), stdin=subprocess.DEVNULL,
                                  capture_output=True, text=True, errors="replace",
                                  timeout=self.timeout_s)
        except (OSError, subprocess.TimeoutExpired) as exc:
            self.error = f"không đo được mức âm thanh: {type(exc).__name__}"
            return None
        if done.returncode != 0:
            self.error = f"ffmpeg lỗi {done.returncode} khi đo mức âm thanh"
            return None
        levels = parse_levels(done.stderr)
        target = levels_path(media)
        part = target.with_name(target.name + ".part")
        part.write_text(json.dumps({"window_s": WINDOW_S, "levels": levels}))
        os.replace(part, target)
        self._memory[media] = levels
        return levels

    def levels(self, media: Path, *, measure: bool = True) -> list[float] | None:
        """The levels of media: from memory, from its levels file, or measured now."""
        if media in self._memory:
            return self._memory[media]
        target = levels_path(media)
        if target.exists():
            try:
                levels = json.loads(target.read_text())["levels"]
                self._memory[media] = levels
                return levels
            except (ValueError, KeyError, OSError):
                target.unlink(missing_ok=True)
        return self.measure(media) if measure and media.exists() else None

    def measure_later(self, media: Path) -> None:
        """Measure in the background (one file at a time), so the main loop never waits."""
        if not self.ffmpeg or (self._busy is not None and self._busy.is_alive()):
            return
        self._busy = threading.Thread(target=self.measure, args=(media,), daemon=True)
        self._busy.start()

    def forget(self, media: Path) -> None:
        self._memory.pop(media, None)
        levels_path(media).unlink(missing_ok=True)
