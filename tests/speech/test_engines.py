"""The speech engine conformance test: espeak-ng and the HTTP engine (against the local stand-in
service) pass the same checks; then what each does when it is missing, refused or unreachable."""

from __future__ import annotations

import dataclasses
import logging
import socket

import pytest

from media.speech.engines import (
    SpeechError,
    available_voices,
    default_voice,
    find_voice,
    languages_spoken,
)
from media.speech.espeak import EspeakEngine
from media.speech.http import HttpEngine
from radio.logredact import MASK, RedactingFilter
from tests.speech.conftest import wav_facts
from tests.speech.standin import KEY

VIETNAMESE = "Ủy ban nhân dân xã Gio An thông báo lịch tiếp công dân tháng tư."
SHORT = "Thông báo của Ủy ban nhân dân xã về cải cách hành chính."
LONG = " ".join([SHORT] * 4)


@pytest.fixture(params=["espeak-ng", "http"])
def engine(request, standin):
    if request.param == "espeak-ng":
        return EspeakEngine("espeak-ng")
    return HttpEngine(standin.url, standin.key)


class TestConformance:
    def test_status_is_available_and_version_non_empty(self, engine):
        assert engine.status().available is True
        assert engine.status().reason == ""
        assert engine.version().strip() != ""

    def test_voices_have_id_name_language(self, engine):
        voices = engine.voices()
        assert len(voices) >= 1
        for voice in voices:
            assert voice.id.startswith(f"{engine.name}:") and len(voice.id) > len(engine.name) + 1
            assert voice.name.strip() != ""
            assert voice.language in {"vi", "bru", "pko"}
            assert voice.engine == engine.name
        assert "vi" in {v.language for v in voices}

    def test_synthesize_gives_a_real_wav_longer_than_half_a_second(self, engine, tmp_path):
        voice = engine.voices()[0].id
        out = engine.synthesize(SHORT, voice, 1.0, tmp_path / "a.wav")
        assert out == tmp_path / "a.wav"
        channels, width, seconds = wav_facts(out)
        assert channels in (1, 2)
        assert width == 2
        assert seconds > 0.5

    def test_longer_text_gives_longer_audio(self, engine, tmp_path):
        voice = engine.voices()[0].id
        short = wav_facts(engine.synthesize(SHORT, voice, 1.0, tmp_path / "s.wav"))[2]
        long = wav_facts(engine.synthesize(LONG, voice, 1.0, tmp_path / "l.wav"))[2]
        assert long > 2.5 * short

    def test_faster_rate_gives_shorter_audio(self, engine, tmp_path):
        voice = engine.voices()[0].id
        fast = wav_facts(engine.synthesize(LONG, voice, 1.5, tmp_path / "f.wav"))[2]
        slow = wav_facts(engine.synthesize(LONG, voice, 0.75, tmp_path / "s.wav"))[2]
        assert fast < 0.75 * slow

    def test_unknown_voice_is_a_speech_error(self, engine, tmp_path):
        with pytest.raises(SpeechError) as caught:
            engine.synthesize(SHORT, f"{engine.name}:khong-co", 1.0, tmp_path / "x.wav")
        assert caught.value.code == "tts_unknown_voice"
        assert str(caught.value) == f"Không có giọng đọc “{engine.name}:khong-co”."
        assert not (tmp_path / "x.wav").exists()

    @pytest.mark.parametrize("rate", [0.2, 2.5])
    def test_rate_out_of_range_is_a_speech_error(self, engine, tmp_path, rate):
        with pytest.raises(SpeechError) as caught:
            engine.synthesize(SHORT, engine.voices()[0].id, rate, tmp_path / "x.wav")
        assert caught.value.code == "tts_bad_rate"
        assert str(caught.value) == "Tốc độ đọc phải từ 0,5 đến 2."

    def test_unicode_vietnamese_text_survives(self, engine, standin, tmp_path):
        out = engine.synthesize(VIETNAMESE, engine.voices()[0].id, 1.0, tmp_path / "v.wav")
        assert wav_facts(out)[2] > 0.5
        if engine.name == "http":
            posted = [r.body for r in standin.requests if r.path.endswith("/synthesize")]
            assert posted == [{"text": VIETNAMESE, "voice": "vi-hn-female", "rate": 1.0}]


def test_missing_espeak_binary_reports_clearly_and_voices_still_list(app, standin):
    engine = EspeakEngine("/nonexistent/espeak-ng")
    state = engine.status()
    assert state.available is False
    assert "/nonexistent/espeak-ng" in state.reason and "espeak-ng" in state.reason
    assert engine.voices() == [] and engine.version() == ""
    settings = dataclasses.replace(app.config["RADIO_SETTINGS"], espeak="/nonexistent/espeak-ng",
                                   tts_url=standin.url, tts_key=standin.key)
    assert [v.id for v in available_voices(settings)] == ["http:vi-hn-female", "http:vi-hue-male",
                                                          "http:bru-vk"]
    assert languages_spoken(settings) == {"vi", "bru"}
    with pytest.raises(SpeechError) as caught:
        find_voice(settings, "espeak-ng:vi")
    assert caught.value.code == "tts_engine_unavailable"


def test_espeak_alone_speaks_vietnamese_only_and_is_the_default(app):
    settings = app.config["RADIO_SETTINGS"]
    assert settings.tts_url is None
    assert languages_spoken(settings) == {"vi"}
    assert default_voice(settings).id == "espeak-ng:vi"
    assert default_voice(settings, "bru") is None
    engine, voice = find_voice(settings, "espeak-ng:vi-vn-x-south")
    assert (engine.name, voice.name, voice.language) == ("espeak-ng", "Tiếng Việt, miền Nam", "vi")


def test_a_configured_service_adds_its_languages_and_is_preferred(app, standin):
    settings = dataclasses.replace(app.config["RADIO_SETTINGS"], tts_url=standin.url,
                                   tts_key=standin.key)
    assert languages_spoken(settings) == {"vi", "bru"}
    assert default_voice(settings).id == "http:vi-hn-female"
    assert default_voice(settings, "bru").id == "http:bru-vk"
    assert default_voice(settings, "pko") is None


def test_the_key_is_sent_as_a_bearer_header(standin, tmp_path):
    engine = HttpEngine(standin.url, standin.key)
    engine.synthesize(SHORT, "http:bru-vk", 1.25, tmp_path / "a.wav")
    assert [(r.method, r.path, r.authorization) for r in standin.requests] == [
        ("GET", "/tts/v1/voices", f"Bearer {KEY}"), ("POST", "/tts/v1/synthesize", f"Bearer {KEY}")]
    assert standin.requests[1].body == {"text": SHORT, "voice": "bru-vk", "rate": 1.25}
    assert round(wav_facts(tmp_path / "a.wav")[2], 2) == round(len(SHORT) * 0.06 / 1.25, 2)


def test_the_voice_list_is_fetched_once_a_minute_across_engine_objects(standin):
    first, second = HttpEngine(standin.url, standin.key), HttpEngine(standin.url + "/", KEY)
    assert first.status().available and second.status().available
    assert [v.id for v in second.voices()] == ["http:vi-hn-female", "http:vi-hue-male",
                                               "http:bru-vk"]
    assert second.version() == "StandIn TTS 2.4.1"
    assert [(r.method, r.path) for r in standin.requests] == [("GET", "/tts/v1/voices")]


def test_a_wrong_key_fails_clearly_without_showing_the_key(standin, tmp_path):
    wrong = "sai-khoa-bi-mat-12345"
    engine = HttpEngine(standin.url, wrong)
    state = engine.status()
    assert state.available is False
    host = standin.url.rsplit("/tts", 1)[0]
    assert state.reason == (f"Dịch vụ đọc văn bản {host} từ chối khoá truy cập (RADIO_TTS_KEY): "
                            "kiểm tra lại khoá.")
    with pytest.raises(SpeechError) as caught:
        HttpEngine(standin.url, wrong).synthesize(SHORT, "http:vi-hn-female", 1.0,
                                                  tmp_path / "a.wav")
    assert caught.value.code == "tts_key_refused"
    assert wrong not in str(caught.value) and wrong not in repr(engine)
    assert standin.requests[0].authorization == f"Bearer {wrong}"


def test_an_unreachable_url_reports_unavailable_without_crashing(app, tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    engine = HttpEngine(f"http://127.0.0.1:{port}/tts", "k-unreachable", timeout=2)
    state = engine.status()
    assert state.available is False
    assert state.reason.startswith(f"Không kết nối được dịch vụ đọc văn bản http://127.0.0.1:{port}: ")
    assert "k-unreachable" not in state.reason
    assert engine.voices() == [] and engine.version() == ""
    settings = dataclasses.replace(app.config["RADIO_SETTINGS"], tts_url=f"http://127.0.0.1:{port}",
                                   tts_key="k-unreachable")
    assert {v.engine for v in available_voices(settings)} == {"espeak-ng"}
    with pytest.raises(SpeechError) as caught:
        engine.synthesize(SHORT, "http:vi-hn-female", 1.0, tmp_path / "a.wav")
    assert caught.value.code == "tts_unreachable"


def test_not_configured_says_so():
    state = HttpEngine(None, None).status()
    assert (state.available, state.reason) == (
        False, "Chưa cấu hình: đặt RADIO_TTS_URL (và RADIO_TTS_KEY) để dùng dịch vụ đọc văn bản.")
    assert HttpEngine("", "x").voices() == [] and HttpEngine("", "x").version() == ""


def test_one_5xx_is_retried_two_are_an_error(standin, tmp_path):
    engine = HttpEngine(standin.url, standin.key)
    standin.fail_next = 1
    assert engine.status().available is True
    assert [r.path for r in standin.requests] == ["/tts/v1/voices", "/tts/v1/voices"]
    standin.fail_next = 2
    with pytest.raises(SpeechError) as caught:
        engine.synthesize(SHORT, "http:vi-hn-female", 1.0, tmp_path / "a.wav")
    assert caught.value.code == "tts_unreachable"
    assert str(caught.value).endswith(": HTTP 503 busy")


def test_a_timeout_is_retried_once_then_reported(standin):
    standin.delay_s = 0.6
    state = HttpEngine(standin.url, standin.key, timeout=0.2).status()
    host = standin.url.rsplit("/tts", 1)[0]
    assert (state.available, state.reason) == (
        False, f"Không kết nối được dịch vụ đọc văn bản {host}: hết thời gian chờ (0,2 giây)")
    assert [r.path for r in standin.requests] == ["/tts/v1/voices", "/tts/v1/voices"]


def test_an_mp3_answer_is_converted_to_wav(standin, tmp_path):
    standin.answer = "mp3"
    out = HttpEngine(standin.url, standin.key).synthesize(LONG, "http:vi-hn-female", 1.0,
                                                          tmp_path / "a.wav")
    channels, width, seconds = wav_facts(out)
    assert (channels, width) == (1, 2)
    assert abs(seconds - len(LONG) * 0.06) < 0.2


def test_bad_audio_is_a_clear_error(standin, tmp_path):
    standin.answer = "garbage"
    with pytest.raises(SpeechError) as caught:
        HttpEngine(standin.url, standin.key).synthesize(SHORT, "http:vi-hn-female", 1.0,
                                                        tmp_path / "a.wav")
    assert caught.value.code == "tts_bad_audio"
    assert str(caught.value) == "Dịch vụ đọc văn bản trả về âm thanh không hợp lệ."
    assert not (tmp_path / "a.wav").exists()


def test_a_logged_authorization_header_is_redacted():
    record = logging.LogRecord("radio", logging.INFO, __file__, 1,
                               "POST /synthesize Authorization: Bearer %s", (KEY,), None)
    RedactingFilter().filter(record)
    assert record.getMessage() == f"POST /synthesize Authorization: Bearer {MASK}"
