"""Loudness: EBU R128 integrated loudness and peak of the input, from the validate pass."""

from __future__ import annotations

from pathlib import Path

from media.pipeline.meta import IngestMeta, Rejected
from radio.i18n import _

SILENT_LUFS = -69.0


def run(path: Path, meta: IngestMeta) -> IngestMeta:
    a = meta.analysis
    assert a is not None
    if a.integrated_lufs is None or a.integrated_lufs <= SILENT_LUFS:
        raise Rejected(_("Tệp chỉ có khoảng lặng, không có âm thanh để phát."), "silent")
    meta.loudness_in_lufs = a.integrated_lufs
    meta.sample_peak_in_dbfs = a.sample_peak_dbfs
    return meta
