"""One small interface for every speech engine: text, voice and rate in, a WAV file out.

    engine.name                      "espeak-ng", "http"
    engine.status() -> EngineStatus  available or not, and why not, in words for the user
    engine.version() -> str          what the evidence records ("eSpeak NG 1.51")
    engine.voices() -> list[Voice]   the voices it speaks, each with its language
    engine.synthesize(text, voice, rate, out_path) -> Path   a WAV file at out_path

`rate` is relative: 1.0 is the engine's normal speed, 0.8 slower, 1.2 faster (0.5 to 2).
`all_engines` gives every engine that the settings describe (espeak-ng, then the HTTP engine of
RADIO_TTS_URL); `find_voice` picks one by its id; `languages_spoken` is what TTS is offered for;
`default_voice` is the voice a new bulletin starts with. A missing or unconfigured engine
reports why in `status()` and never raises at listing time. Every engine passes the same
conformance test (tests/speech/test_engines.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from radio.errors import DomainError
from radio.i18n import _

RATE_MIN, RATE_MAX = 0.5, 2.0


@dataclass(frozen=True)
class Voice:
    id: str  # unique across engines: "<engine>:<voice>", e.g. "espeak-ng:vi"
    name: str
    language: str  # ISO 639-3 code of `languages` (vi, bru, pko)
    engine: str


@dataclass(frozen=True)
class EngineStatus:
    available: bool
    reason: str = ""  # why not, for the user


class SpeechEngine(Protocol):
    name: str

    def status(self) -> EngineStatus: ...

    def version(self) -> str: ...

    def voices(self) -> list[Voice]: ...

    def synthesize(self, text: str, voice: str, rate: float, out_path: Path) -> Path: ...


class SpeechError(DomainError):
    """The engine could not speak the text (missing, refused, broken output)."""


def check_rate(rate: float) -> float:
    rate = float(rate)
    if not RATE_MIN <= rate <= RATE_MAX:
        raise SpeechError(_("Tốc độ đọc phải từ %(lo)s đến %(hi)s.", lo="0,5", hi="2"),
                          "tts_bad_rate")
    return rate


def all_engines(settings) -> list[SpeechEngine]:
    """The engines this installation knows, configured or not (for listing and errors)."""
    from media.speech.espeak import EspeakEngine
    from media.speech.http import HttpEngine

    return [EspeakEngine(settings.espeak), HttpEngine(settings.tts_url, settings.tts_key)]


def available_voices(settings) -> list[Voice]:
    """Voices of the engines that can speak now."""
    return [v for e in all_engines(settings) if e.status().available for v in e.voices()]


def languages_spoken(settings) -> set[str]:
    """ISO 639-3 codes that an available engine speaks: TTS is offered for these only."""
    return {voice.language for voice in available_voices(settings)}


def default_voice(settings, language: str = "vi") -> Voice | None:
    """The first voice in `language` of an available engine, or None. A configured commercial
    service (the HTTP engine) comes before espeak-ng: an office that set one up wants it."""
    engines = sorted(all_engines(settings), key=lambda e: e.name != "http")
    for engine in engines:
        if not engine.status().available:
            continue
        for voice in engine.voices():
            if voice.language == language:
                return voice
    return None


def find_voice(settings, voice_id: str) -> tuple[SpeechEngine, Voice]:
    """The engine and voice of `voice_id` ("espeak-ng:vi"), or a clear error."""
    engine_name = voice_id.split(":", 1)[0]
    for engine in all_engines(settings):
        if engine.name != engine_name:
            continue
        state = engine.status()
        if not state.available:
            raise SpeechError(state.reason, "tts_engine_unavailable")
        for voice in engine.voices():
            if voice.id == voice_id:
                return engine, voice
    raise SpeechError(_("Không có giọng đọc “%(voice)s”.", voice=voice_id), "tts_unknown_voice")
