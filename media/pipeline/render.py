"""Render: the broadcast rendition (MP3, 44.1 kHz, mono by default) with ID3 tags.

The rendition's loudness is measured on the encoded MP3 itself. When it misses the target by
more than CORRECT_ABOVE_LU (peaks lost to the limiter lower it), the rendition is made once
more with the gain corrected by the measured miss: only very peaky files pay a second pass.
"""

from __future__ import annotations

from pathlib import Path

from media import _ffmpeg
from media.pipeline.meta import IngestMeta, Rejected
from radio.i18n import _

CORRECT_ABOVE_LU = 0.5
OVERSHOOT = 1.15  # more gain means a little more limiting: aim slightly past the miss


def _render(path: Path, meta: IngestMeta, out: Path, gain_db: float, phase: str):
    length = meta.trim_end_s - meta.trim_start_s
    tags = {"title": meta.title, "comment": "district-radio"}
    if meta.agency_name:
        tags |= {"artist": meta.agency_name, "publisher": meta.agency_name}
    try:
        return _ffmpeg.render(
            path, out, start_s=meta.trim_start_s, end_s=meta.trim_end_s, gain_db=gain_db,
            limit_dbfs=meta.limit_dbfs, channels=meta.channels, bitrate_kbps=meta.bitrate_kbps,
            tags=tags, on_progress=lambda s: meta.progress(phase, s / length))
    except _ffmpeg.FFmpegError:
        out.unlink(missing_ok=True)
        raise Rejected(_("Không tạo được bản phát sóng từ tệp này."), "render_failed") from None


def run(path: Path, meta: IngestMeta) -> IngestMeta:
    out = meta.work_dir / "rendition.mp3"
    rendered = _render(path, meta, out, meta.gain_db, "render")
    miss = (meta.target_lufs - rendered.loudness_lufs) if rendered.loudness_lufs is not None else 0
    if abs(miss) > CORRECT_ABOVE_LU:
        first_pre_peak = rendered.pre_limiter_true_peak_dbtp
        meta.notes.append(f"loudness corrected by {miss:+.1f} LU")
        meta.gain_db += miss * (OVERSHOOT if meta.limit_dbfs is not None else 1.0)
        if meta.limit_dbfs is None and meta.sample_peak_in_dbfs is not None \
                and meta.sample_peak_in_dbfs + meta.gain_db > meta.true_peak_limit_dbtp - 1.0:
            meta.limit_dbfs = meta.true_peak_limit_dbtp - 1.0
        rendered = _render(path, meta, out, meta.gain_db, "render")
        if rendered.pre_limiter_true_peak_dbtp is None:
            rendered.pre_limiter_true_peak_dbtp = first_pre_peak
    meta.rendered = rendered
    meta.rendition_path = out
    meta.progress("render", 1.0)
    return meta
