"""Media test helpers: store listings and direct ffmpeg calls (fixture_dir is a factory)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from radio.tools import ffmpeg_path


@pytest.fixture
def store_files(app):
    """A callable listing every file in the media store (temporary ones apart)."""
    root = app.config["RADIO_SETTINGS"].media_dir

    def files() -> set[Path]:
        if not root.exists():
            return set()
        return {p for p in root.rglob("*") if p.is_file() and ".tmp" not in p.parts}

    return files


@pytest.fixture
def temp_files(app):
    root = app.config["RADIO_SETTINGS"].media_dir / ".tmp"

    def files() -> list[Path]:
        return sorted(root.rglob("*")) if root.exists() else []

    return files


def ffmpeg_text(*args: str) -> str:
    """Run ffmpeg directly (not through our adapter) and return its log."""
    proc = subprocess.run([ffmpeg_path(), "-hide_banner", "-nostats", *args],
                          capture_output=True, text=True)
    return proc.stderr
