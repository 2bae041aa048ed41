"""espeak-ng, the offline default engine (Debian package espeak-ng)."""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

from media.speech.engines import EngineStatus, SpeechError, Voice, check_rate
from radio.i18n import _

NAME = "espeak-ng"
BASE_WPM = 160  # espeak-ng's default words per minute; rate 1.0
# espeak-ng voice -> (name shown, language code). Only Vietnamese is spoken by espeak-ng today.
VOICES = {"vi": ("Tiếng Việt, miền Bắc", "vi"),
          "vi-vn-x-central": ("Tiếng Việt, miền Trung", "vi"),
          "vi-vn-x-south": ("Tiếng Việt, miền Nam", "vi")}


class EspeakEngine:
    name = NAME

    def __init__(self, binary: str = "espeak-ng"):
        self.binary = binary

    def _path(self) -> str | None:
        return shutil.which(self.binary)

    def status(self) -> EngineStatus:
        if self._path() is None:
            return EngineStatus(False, _("Chưa cài espeak-ng (không tìm thấy “%(binary)s”): chạy "
                                         "scripts/ensure-system-deps.sh (gói Debian espeak-ng) "
                                         "hoặc đặt RADIO_ESPEAK.", binary=self.binary))
        return EngineStatus(True)

    def version(self) -> str:
        path = self._path()
        return _version(path) if path else ""

    def voices(self) -> list[Voice]:
        if self._path() is None:
            return []
        return [Voice(f"{NAME}:{vid}", name, lang, NAME) for vid, (name, lang) in VOICES.items()]

    def synthesize(self, text: str, voice: str, rate: float, out_path: Path) -> Path:
        path = self._path()
        if path is None:
            raise SpeechError(self.status().reason, "tts_engine_unavailable")
        wpm = round(BASE_WPM * check_rate(rate))
        if not text or not text.strip():
            raise SpeechError(_("Văn bản cần đọc đang trống."), "tts_empty_text")
        name = voice.removeprefix(f"{NAME}:")
        if name not in VOICES:
            raise SpeechError(_("Không có giọng đọc “%(voice)s”.", voice=voice), "tts_unknown_voice")
        out_path = Path(out_path)
        # The text goes on stdin: never on a command line, whatever it holds.
        try:
            proc = subprocess.run([path, "-v", name, "-s", str(wpm), "-w", str(out_path),
                                   "--stdin"], input=text.encode("utf-8"), capture_output=True,
                                  timeout=600)
        except (OSError, subprocess.TimeoutExpired):
            raise SpeechError(_("espeak-ng không đọc được văn bản này."), "tts_failed") from None
        if proc.returncode != 0 or not out_path.is_file() or out_path.stat().st_size <= 44:
            raise SpeechError(_("espeak-ng không đọc được văn bản này."), "tts_failed")
        return out_path


@cache
def _version(path: str) -> str:
    out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=10).stdout
    found = re.match(r"\s*(.*?)\s*text-to-speech:\s*(\S+)", out)
    return f"{found[1]} {found[2]}" if found else (out.strip()[:100] or NAME)
