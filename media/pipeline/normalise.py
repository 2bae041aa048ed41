"""Normalise: the gain to the loudness target, and a limiter only when peaks would exceed it."""

from __future__ import annotations

from pathlib import Path

from media import _ffmpeg
from media.pipeline.meta import IngestMeta

# Sample peaks can sit below the true (inter-sample) peak, and MP3 coding adds a little:
# keep this much headroom under the true-peak limit before deciding a limiter is not needed.
PEAK_HEADROOM_DB = 1.0
# The MP3 path (libmp3lame, then ffmpeg's decoder) plays back about 0.4 dB quieter than its PCM
# input, measured on tones and speech; pre-compensate so no correction pass is usually needed.
MP3_LEVEL_LOSS_DB = 0.4


def run(path: Path, meta: IngestMeta) -> IngestMeta:
    assert meta.loudness_in_lufs is not None
    meta.gain_db = meta.target_lufs - meta.loudness_in_lufs + MP3_LEVEL_LOSS_DB
    peak = meta.sample_peak_in_dbfs
    ceiling = meta.true_peak_limit_dbtp - PEAK_HEADROOM_DB
    if peak is None or peak + meta.gain_db - MP3_LEVEL_LOSS_DB > ceiling:
        meta.limit_dbfs = ceiling
        _compensate_limiting(path, meta)
    return meta


def excerpts(start: float, end: float, count: int = 6, length: float = 10.0):
    """A few excerpts spread over [start, end]; the whole range when it is short."""
    span = end - start
    if span <= count * length * 1.5:
        return [(start, span)]
    step = (span - length) / (count - 1)
    return [(start + i * step, length) for i in range(count)]


def _compensate_limiting(path: Path, meta: IngestMeta) -> None:
    """Peaks cut by the limiter lower the loudness; add back what excerpts say it costs.

    Two rounds, because more gain means a little more limiting. Without this, peaky speech
    would end 1–2 LU under the target and need a second full render.
    """
    assert meta.limit_dbfs is not None
    segments = excerpts(meta.trim_start_s, meta.trim_end_s)
    base = meta.gain_db
    losses: list[float] = []
    for _ in range(2):
        loss = _ffmpeg.limiter_loss(path, segments, gain_db=base + (losses[-1] if losses else 0),
                                    limit_dbfs=meta.limit_dbfs, channels=meta.channels)
        if loss is None:
            return
        losses.append(max(0.0, loss))
    # The second round's gain is higher by the first loss, which costs a little more again:
    # extrapolate one step instead of paying for a third round.
    meta.gain_db = base + losses[-1] + max(0.0, losses[-1] - losses[0])
