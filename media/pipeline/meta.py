"""What flows between pipeline steps, and the one fatal error a step may raise."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from media._ffmpeg import Analysis, Rendered
from radio.errors import DomainError


class Rejected(DomainError):
    """The file cannot become a broadcast segment; `code` says why (stable, used by the API)."""

    status = 422


@dataclass
class IngestMeta:
    original_name: str
    work_dir: Path
    target_lufs: float = -16.0
    true_peak_limit_dbtp: float = -1.0
    channels: int = 1
    bitrate_kbps: int = 128
    title: str = ""  # given by the user; else taken from the tags or the file name
    agency_name: str = ""
    on_progress: Callable[[str, float], None] | None = None  # (phase, fraction 0..1)

    size: int = 0
    tag_title: str = ""
    tag_artist: str = ""
    tag_comment: str = ""
    declared_s: float | None = None
    analysis: Analysis | None = None
    loudness_in_lufs: float | None = None
    sample_peak_in_dbfs: float | None = None
    trim_start_s: float = 0.0
    trim_end_s: float = 0.0
    gain_db: float = 0.0
    limit_dbfs: float | None = None
    rendered: Rendered | None = None
    rendition_path: Path | None = None
    notes: list[str] = field(default_factory=list)

    def progress(self, phase: str, fraction: float) -> None:
        if self.on_progress:
            self.on_progress(phase, max(0.0, min(1.0, fraction)))

    @property
    def format_label(self) -> str:
        a = self.analysis
        if not a:
            return ""
        return f"{a.container}/{a.codec}"[:64]
