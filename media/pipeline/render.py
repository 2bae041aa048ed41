"""Render: the broadcast rendition (MP3, 44.1 kHz, mono by default) with ID3 tags."""

from __future__ import annotations

from pathlib import Path

from media import _ffmpeg
from media.pipeline.meta import IngestMeta, Rejected
from radio.i18n import _


def run(path: Path, meta: IngestMeta) -> IngestMeta:
    out = meta.work_dir / "rendition.mp3"
    length = meta.trim_end_s - meta.trim_start_s
    tags = {"title": meta.title, "comment": "district-radio"}
    if meta.agency_name:
        tags |= {"artist": meta.agency_name, "publisher": meta.agency_name}
    try:
        rendered = _ffmpeg.render(
            path, out, start_s=meta.trim_start_s, end_s=meta.trim_end_s, gain_db=meta.gain_db,
            limit_dbfs=meta.limit_dbfs, channels=meta.channels, bitrate_kbps=meta.bitrate_kbps,
            tags=tags, on_progress=lambda s: meta.progress("render", s / length))
    except _ffmpeg.FFmpegError:
        out.unlink(missing_ok=True)
        raise Rejected(_("Không tạo được bản phát sóng từ tệp này."), "render_failed") from None
    meta.rendered = rendered
    meta.rendition_path = out
    meta.progress("render", 1.0)
    return meta
