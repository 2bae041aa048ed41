"""The HTTP engine: a commercial Vietnamese text-to-speech service (RADIO_TTS_URL, RADIO_TTS_KEY).

The protocol (docs/tts.md in full):

    GET  {url}/voices      -> {"engine": "...", "version": "...",
                               "voices": [{"id": "...", "name": "...", "language": "vi"}]}
    POST {url}/synthesize  JSON {"text": "...", "voice": "<id>", "rate": 1.0}
                           -> audio/wav (PCM) or audio/mpeg bytes (converted here to WAV)

Both requests carry `Authorization: Bearer KEY` when a key is set. Standard library only
(urllib). Each request has a timeout and is retried once on a 5xx answer, a timeout or a refused
connection. The key is never logged and never appears in an error: messages name the host only.
Voice ids are "http:<id>". The voice list is cached for 60 s (a failure for 10 s) per URL and
key, across engine objects (`all_engines` makes new ones on every call); `clear_cache()` forgets.
"""

from __future__ import annotations

import hashlib
import json
import socket
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import wave
from pathlib import Path

from media.speech.engines import EngineStatus, SpeechError, Voice, check_rate
from radio.i18n import _

NAME = "http"
CACHE_S = 60.0
FAILURE_CACHE_S = 10.0
MAX_AUDIO_BYTES = 512 * 1024 * 1024
WAV_TYPES = {"audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave"}
MPEG_TYPES = {"audio/mpeg", "audio/mp3"}


# (url, sha256 of the key) -> (monotonic time fetched, voice info or None, error or None)
_CACHE: dict[tuple[str, str], tuple[float, dict | None, SpeechError | None]] = {}
_CACHE_LOCK = threading.Lock()


def clear_cache() -> None:
    """Forget every fetched voice list (tests; after changing the service's configuration)."""
    with _CACHE_LOCK:
        _CACHE.clear()


class HttpEngine:
    name = NAME

    def __init__(self, url: str | None, key: str | None, *, timeout: float = 10.0):
        self.url = (url or "").strip().rstrip("/") or None
        self._key = key or None
        self.timeout = timeout
        self._cache_key = (self.url or "", hashlib.sha256((key or "").encode()).hexdigest())

    def __repr__(self) -> str:  # never the key
        return f"HttpEngine({self.host()!r})"

    def host(self) -> str:
        """Scheme and host of the service, without any credentials or path (for messages)."""
        if not self.url:
            return ""
        parts = urllib.parse.urlsplit(self.url)
        return f"{parts.scheme}://{parts.hostname or ''}" + (f":{parts.port}" if parts.port else "")

    # --- the engine interface ---------------------------------------------------------------

    def status(self) -> EngineStatus:
        if not self.url:
            return EngineStatus(False, _("Chưa cấu hình: đặt RADIO_TTS_URL (và RADIO_TTS_KEY) "
                                         "để dùng dịch vụ đọc văn bản."))
        try:
            self._voice_info()
        except SpeechError as exc:
            return EngineStatus(False, exc.message)
        return EngineStatus(True)

    def version(self) -> str:
        try:
            info = self._voice_info()
        except SpeechError:
            return ""
        return " ".join(str(info.get(k) or "").strip() for k in ("engine", "version")).strip() \
            or NAME

    def voices(self) -> list[Voice]:
        try:
            info = self._voice_info()
        except SpeechError:
            return []
        return [Voice(f"{NAME}:{v['id']}", v["name"], v["language"], NAME) for v in info["voices"]]

    def synthesize(self, text: str, voice: str, rate: float, out_path: Path) -> Path:
        rate = check_rate(rate)
        if not text or not text.strip():
            raise SpeechError(_("Văn bản cần đọc đang trống."), "tts_empty_text")
        voice_id = voice.removeprefix(f"{NAME}:")
        if voice_id not in {v["id"] for v in self._voice_info()["voices"]}:
            raise SpeechError(_("Không có giọng đọc “%(voice)s”.", voice=voice), "tts_unknown_voice")
        body = json.dumps({"text": text, "voice": voice_id, "rate": rate},
                          ensure_ascii=False).encode("utf-8")
        # Long texts take longer: allow the service a second per 100 characters more.
        timeout = min(self.timeout + len(text) / 100, 600)
        ctype, data = self._request("POST", "/synthesize", body, timeout=timeout)
        return _write_wav(ctype, data, Path(out_path))

    # --- HTTP -------------------------------------------------------------------------------

    def _voice_info(self) -> dict:
        if not self.url:
            raise SpeechError(self.status().reason, "tts_not_configured")
        with _CACHE_LOCK:
            fetched_at, info, error = _CACHE.get(self._cache_key, (-1e9, None, None))
        age = time.monotonic() - fetched_at
        if info is not None and age < CACHE_S:
            return info
        if error is not None and age < FAILURE_CACHE_S:
            raise SpeechError(error.message, error.code)
        try:
            _ctype, data = self._request("GET", "/voices", None, timeout=self.timeout)
            info = _parse_voices(data)
        except SpeechError as exc:
            with _CACHE_LOCK:
                _CACHE[self._cache_key] = (time.monotonic(), None, exc)
            raise
        with _CACHE_LOCK:
            _CACHE[self._cache_key] = (time.monotonic(), info, None)
        return info

    def _request(self, method: str, path: str, body: bytes | None, *,
                 timeout: float) -> tuple[str, bytes]:
        headers = {"Accept": "application/json" if method == "GET" else "audio/wav, audio/mpeg"}
        if body is not None:
            headers["Content-Type"] = "application/json; charset=utf-8"
        if self._key:
            headers["Authorization"] = f"Bearer {self._key}"
        last = ""
        for _attempt in range(2):
            request = urllib.request.Request(self.url + path, data=body, method=method,
                                             headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                    ctype = response.headers.get_content_type()
                    data = response.read(MAX_AUDIO_BYTES + 1)
                return ctype, data
            except urllib.error.HTTPError as exc:
                if exc.code in (401, 403):
                    raise SpeechError(_("Dịch vụ đọc văn bản %(host)s từ chối khoá truy cập "
                                        "(RADIO_TTS_KEY): kiểm tra lại khoá.", host=self.host()),
                                      "tts_key_refused") from None
                detail = _error_detail(exc)
                if exc.code < 500:
                    raise SpeechError(self._scrub(_(
                        "Dịch vụ đọc văn bản %(host)s trả lỗi %(code)s: %(detail)s",
                        host=self.host(), code=exc.code, detail=detail)), "tts_failed") from None
                last = f"HTTP {exc.code} {detail}".strip()
            except TimeoutError:
                last = _("hết thời gian chờ (%(s)s giây)", s=f"{timeout:g}".replace(".", ","))
            except (urllib.error.URLError, OSError) as exc:
                last = _network_reason(getattr(exc, "reason", exc), timeout)
        raise SpeechError(self._scrub(_("Không kết nối được dịch vụ đọc văn bản %(host)s: %(why)s",
                                        host=self.host(), why=last)), "tts_unreachable")

    def _scrub(self, message: str) -> str:
        """A message with the key cut out, whatever the service echoed back."""
        return message.replace(self._key, "[redacted]") if self._key else message


def _network_reason(reason, timeout: float) -> str:
    """Why a connection failed, in words for the user."""
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return _("hết thời gian chờ (%(s)s giây)", s=f"{timeout:g}".replace(".", ","))
    if isinstance(reason, ConnectionRefusedError):
        return _("máy chủ từ chối kết nối")
    if isinstance(reason, socket.gaierror):
        return _("không tìm thấy tên máy chủ")
    return str(getattr(reason, "strerror", None) or reason)


def _error_detail(exc: urllib.error.HTTPError) -> str:
    try:
        raw = exc.read(2000).decode("utf-8", "replace")
    except OSError:
        return exc.reason or ""
    try:
        found = json.loads(raw)
        if isinstance(found, dict) and found.get("error"):
            return str(found["error"])[:300]
    except ValueError:
        pass
    return str(exc.reason or "")[:300]


def _parse_voices(data: bytes) -> dict:
    try:
        info = json.loads(data.decode("utf-8"))
        voices = [{"id": str(v["id"]), "name": str(v["name"]), "language": str(v["language"])}
                  for v in info["voices"]]
    except (ValueError, KeyError, TypeError, AttributeError):
        raise SpeechError(_("Dịch vụ đọc văn bản trả danh sách giọng đọc không hợp lệ."),
                          "tts_bad_voices") from None
    return {"engine": str(info.get("engine") or ""), "version": str(info.get("version") or ""),
            "voices": voices}


def _bad_audio() -> SpeechError:
    return SpeechError(_("Dịch vụ đọc văn bản trả về âm thanh không hợp lệ."), "tts_bad_audio")


def _write_wav(ctype: str, data: bytes, out_path: Path) -> Path:
    """Store the service's answer at out_path as a PCM WAV file, or raise a clear error."""
    if len(data) > MAX_AUDIO_BYTES:
        raise _bad_audio()
    if ctype in WAV_TYPES:
        out_path.write_bytes(data)
        if _pcm_frames(out_path) > 0:
            return out_path
        # A WAV the wave module cannot read (float, extensible): let ffmpeg make PCM of it.
        return _convert(data, ".wav", out_path)
    if ctype in MPEG_TYPES:
        return _convert(data, ".mp3", out_path)
    raise _bad_audio()


def _convert(data: bytes, suffix: str, out_path: Path) -> Path:
    from media import _ffmpeg

    with tempfile.TemporaryDirectory(prefix="tts-") as tmp:
        src = Path(tmp) / f"answer{suffix}"
        src.write_bytes(data)
        try:
            _ffmpeg.run(["-i", str(src), "-vn", "-c:a", "pcm_s16le", "-f", "wav", str(out_path)])
        except _ffmpeg.FFmpegError:
            out_path.unlink(missing_ok=True)
            raise _bad_audio() from None
    if _pcm_frames(out_path) <= 0:
        out_path.unlink(missing_ok=True)
        raise _bad_audio()
    return out_path


def _pcm_frames(path: Path) -> int:
    try:
        with wave.open(str(path), "rb") as w:
            return w.getnframes() if w.getnchannels() in (1, 2) else 0
    except (wave.Error, EOFError, OSError):
        return 0
