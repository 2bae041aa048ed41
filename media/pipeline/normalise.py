"""Normalise: the gain to the loudness target, and a limiter only when peaks would exceed it."""

from __future__ import annotations

from pathlib import Path

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
    return meta
