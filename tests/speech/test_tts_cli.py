"""`radio tts voices [--json]`: a real `radio` process configured by RADIO_TTS_URL / RADIO_TTS_KEY
against the local stand-in service, and the Flask CLI runner with the suite's settings."""

from __future__ import annotations

import json
import os
import subprocess

from media.speech.espeak import EspeakEngine
from tests.live import RADIO
from tests.speech.standin import KEY

ESPEAK_VOICES = [{"id": "espeak-ng:vi", "name": "Tiếng Việt, miền Bắc", "language": "vi"},
                 {"id": "espeak-ng:vi-vn-x-central", "name": "Tiếng Việt, miền Trung",
                  "language": "vi"},
                 {"id": "espeak-ng:vi-vn-x-south", "name": "Tiếng Việt, miền Nam", "language": "vi"}]
STANDIN_VOICES = [{"id": "http:vi-hn-female", "name": "Tiếng Việt, giọng nữ Hà Nội",
                   "language": "vi"},
                  {"id": "http:vi-hue-male", "name": "Tiếng Việt, giọng nam Huế", "language": "vi"},
                  {"id": "http:bru-vk", "name": "Bru-Vân Kiều", "language": "bru"}]
ESPEAK_VERSION = EspeakEngine().version()  # "eSpeak NG 1.51" here; the installed one elsewhere


def radio(tmp_path, *args, **env):
    full = {**os.environ, "RADIO_DATA_DIR": str(tmp_path / "data"),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'radio.db'}", **env}
    return subprocess.run([RADIO, *args], env=full, capture_output=True, text=True, timeout=120)


def test_json_lists_espeak_and_the_configured_service_with_their_voices(tmp_path, standin):
    result = radio(tmp_path, "tts", "voices", "--json", RADIO_TTS_URL=standin.url,
                   RADIO_TTS_KEY=KEY)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"engines": [
        {"name": "espeak-ng", "available": True, "reason": "", "version": ESPEAK_VERSION,
         "voices": ESPEAK_VOICES},
        {"name": "http", "available": True, "reason": "", "version": "StandIn TTS 2.4.1",
         "voices": STANDIN_VOICES}]}
    assert [(r.method, r.path, r.authorization) for r in standin.requests] == [
        ("GET", "/tts/v1/voices", f"Bearer {KEY}")]
    assert KEY not in result.stdout + result.stderr


def test_plain_output_gives_a_line_per_engine_then_its_voices(tmp_path, standin):
    result = radio(tmp_path, "tts", "voices", RADIO_TTS_URL=standin.url, RADIO_TTS_KEY=KEY)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"espeak-ng  sẵn sàng  {ESPEAK_VERSION}",
        "  espeak-ng:vi  Tiếng Việt, miền Bắc  vi",
        "  espeak-ng:vi-vn-x-central  Tiếng Việt, miền Trung  vi",
        "  espeak-ng:vi-vn-x-south  Tiếng Việt, miền Nam  vi",
        "http  sẵn sàng  StandIn TTS 2.4.1",
        "  http:vi-hn-female  Tiếng Việt, giọng nữ Hà Nội  vi",
        "  http:vi-hue-male  Tiếng Việt, giọng nam Huế  vi",
        "  http:bru-vk  Bru-Vân Kiều  bru"]


def test_a_refused_key_and_a_missing_espeak_are_listed_with_the_reason(tmp_path, standin):
    wrong = "khoa-sai-khong-duoc-in-ra"
    result = radio(tmp_path, "tts", "voices", RADIO_TTS_URL=standin.url, RADIO_TTS_KEY=wrong,
                   RADIO_ESPEAK="/nonexistent/espeak-ng")
    assert result.returncode == 0, result.stderr
    host = standin.url.rsplit("/tts", 1)[0]
    assert result.stdout.splitlines() == [
        "espeak-ng  không dùng được: Chưa cài espeak-ng (không tìm thấy “/nonexistent/espeak-ng”): "
        "chạy scripts/ensure-system-deps.sh (gói Debian espeak-ng) hoặc đặt RADIO_ESPEAK.",
        f"http  không dùng được: Dịch vụ đọc văn bản {host} từ chối khoá truy cập (RADIO_TTS_KEY): "
        "kiểm tra lại khoá."]
    assert wrong not in result.stdout + result.stderr
    assert standin.requests[0].authorization == f"Bearer {wrong}"


def test_runner_without_a_service_says_it_is_not_configured(runner):
    result = runner.invoke(args=["tts", "voices", "--json"])
    assert result.exit_code == 0, result.output
    engines = json.loads(result.stdout)["engines"]
    assert engines[0]["voices"] == ESPEAK_VOICES
    assert engines[1] == {"name": "http", "available": False, "version": "", "voices": [],
                          "reason": "Chưa cấu hình: đặt RADIO_TTS_URL (và RADIO_TTS_KEY) để dùng "
                                    "dịch vụ đọc văn bản."}


def test_help_lists_the_voices_command(runner):
    out = runner.invoke(args=["tts", "--help"]).stdout
    assert "voices" in out and "List the speech engines" in out
