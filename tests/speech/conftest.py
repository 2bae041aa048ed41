"""Fixtures of the speech tests: the stand-in TTS service (one per session, reset per test), and
the browser fixtures for the abbreviation page's browser test."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from media.speech.http import clear_cache
from tests.browser.conftest import browser, login_as, page  # noqa: F401  (the browser test)
from tests.speech.standin import StandIn


@pytest.fixture(scope="session")
def standin_server():
    server = StandIn().start()
    yield server
    server.stop()


@pytest.fixture
def standin(standin_server):
    """The stand-in with no recorded requests, answering WAV; the engines' voice cache empty."""
    standin_server.reset()
    clear_cache()
    yield standin_server
    standin_server.reset()
    clear_cache()


def wav_facts(path: Path) -> tuple[int, int, float]:
    """(channels, sample width in bytes, seconds) of a PCM WAV file, read by the wave module."""
    with wave.open(str(path), "rb") as w:
        return w.getnchannels(), w.getsampwidth(), w.getnframes() / w.getframerate()
