"""A local stand-in for a commercial text-to-speech service, speaking the protocol of docs/tts.md.

A real HTTP server (http.server in a thread on 127.0.0.1, a free port). It checks the bearer key
on every request, offers voices in Vietnamese and Bru-Vân Kiều, and answers a synthesis with a
real PCM WAV: a speech-like tremolo tone of 60 ms per character at rate 1.0 (divided by the
rate), 16 kHz mono. It records every request (method, path, Authorization header, JSON body) so
tests can assert the key was sent and the text is what was asked. Knobs for the failure tests:
`fail_next` (answer that many requests with 503 first), `answer` ("wav", "mp3", "garbage"),
`delay_s` (wait that long before answering).
"""

from __future__ import annotations

import io
import json
import math
import struct
import subprocess
import tempfile
import threading
import time
import wave
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

KEY = "standin-key-7f3a9c"
SAMPLE_RATE = 16000
MS_PER_CHAR = 60
VOICES = [{"id": "vi-hn-female", "name": "Tiếng Việt, giọng nữ Hà Nội", "language": "vi"},
          {"id": "vi-hue-male", "name": "Tiếng Việt, giọng nam Huế", "language": "vi"},
          {"id": "bru-vk", "name": "Bru-Vân Kiều", "language": "bru"}]


@dataclass
class Recorded:
    method: str
    path: str
    authorization: str | None
    body: dict | None


@dataclass
class StandIn:
    key: str = KEY
    url: str = ""
    requests: list[Recorded] = field(default_factory=list)
    fail_next: int = 0
    answer: str = "wav"
    delay_s: float = 0.0
    _server: ThreadingHTTPServer | None = None

    def start(self) -> StandIn:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                standin._handle(self, "GET")

            def do_POST(self) -> None:
                standin._handle(self, "POST")

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/tts/v1"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def reset(self) -> None:
        self.requests.clear()
        self.fail_next, self.answer, self.delay_s = 0, "wav", 0.0

    # --- the protocol -----------------------------------------------------------------------

    def _handle(self, req: BaseHTTPRequestHandler, method: str) -> None:
        length = int(req.headers.get("Content-Length") or 0)
        raw = req.rfile.read(length) if length else b""
        body = None
        if raw:
            try:
                body = json.loads(raw.decode("utf-8"))
            except ValueError:
                body = {"_raw": raw.decode("utf-8", "replace")}
        auth = req.headers.get("Authorization")
        self.requests.append(Recorded(method, req.path, auth, body))
        if self.delay_s:
            time.sleep(self.delay_s)
        if self.fail_next > 0:
            self.fail_next -= 1
            return _send(req, 503, "application/json", b'{"error": "busy"}')
        if auth != f"Bearer {self.key}":
            return _send(req, 401, "application/json", b'{"error": "invalid key"}')
        if method == "GET" and req.path == "/tts/v1/voices":
            info = {"engine": "StandIn TTS", "version": "2.4.1", "voices": VOICES}
            return _send(req, 200, "application/json", json.dumps(info).encode("utf-8"))
        if method == "POST" and req.path == "/tts/v1/synthesize":
            return self._synthesize(req, body or {})
        return _send(req, 404, "application/json", b'{"error": "not found"}')

    def _synthesize(self, req, body: dict) -> None:
        text, voice, rate = body.get("text"), body.get("voice"), body.get("rate", 1.0)
        if voice not in {v["id"] for v in VOICES}:
            return _send(req, 400, "application/json", b'{"error": "unknown voice"}')
        if not isinstance(text, str) or not text or not 0.5 <= float(rate) <= 2.0:
            return _send(req, 400, "application/json", b'{"error": "bad request"}')
        seconds = len(text) * MS_PER_CHAR / 1000 / float(rate)
        if self.answer == "garbage":
            return _send(req, 200, "audio/wav", b"RIFF\x00\x00\x00\x00not really a wave file")
        wav = speech_like_wav(seconds)
        if self.answer == "mp3":
            return _send(req, 200, "audio/mpeg", _to_mp3(wav))
        return _send(req, 200, "audio/wav", wav)


def _send(req: BaseHTTPRequestHandler, code: int, ctype: str, data: bytes) -> None:
    req.send_response(code)
    req.send_header("Content-Type", ctype)
    req.send_header("Content-Length", str(len(data)))
    req.end_headers()
    req.wfile.write(data)


def speech_like_wav(seconds: float) -> bytes:
    """A 16 kHz mono 16-bit WAV: a 220 Hz tone under a 4 Hz tremolo (syllable-like)."""
    n = int(seconds * SAMPLE_RATE)
    period = SAMPLE_RATE  # one second repeats exactly (220 Hz and 4 Hz both divide it)
    cycle = [int(12000 * (0.55 + 0.45 * math.sin(2 * math.pi * 4 * i / SAMPLE_RATE))
                 * math.sin(2 * math.pi * 220 * i / SAMPLE_RATE)) for i in range(period)]
    one = struct.pack(f"<{period}h", *cycle)
    pcm = (one * (n // period + 1))[: n * 2]
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SAMPLE_RATE)
        w.writeframes(pcm)
    return out.getvalue()


def _to_mp3(wav: bytes) -> bytes:
    from media import _ffmpeg

    with tempfile.TemporaryDirectory(prefix="standin-") as tmp:
        src, dst = Path(tmp) / "a.wav", Path(tmp) / "a.mp3"
        src.write_bytes(wav)
        subprocess.run([_ffmpeg.binary(), "-loglevel", "error", "-i", str(src), "-c:a",
                        "libmp3lame", "-b:a", "64k", str(dst)], check=True, timeout=60)
        return dst.read_bytes()
