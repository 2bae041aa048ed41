"""Trim: cut leading and trailing silence found by the validate pass (keep a short margin)."""

from __future__ import annotations

from pathlib import Path

from media.pipeline.meta import IngestMeta, Rejected
from media.pipeline.validate import MIN_SECONDS
from radio.i18n import _

MARGIN_S = 0.1
EDGE_S = 0.05


def run(path: Path, meta: IngestMeta) -> IngestMeta:
    a = meta.analysis
    assert a is not None
    total = a.decoded_s
    start, end = 0.0, total
    silences = a.silences
    if silences and silences[0][0] <= EDGE_S and silences[0][1] is not None:
        start = max(0.0, silences[0][1] - MARGIN_S)
    if silences:
        last_start, last_end = silences[-1]
        if (last_end is None or last_end >= total - EDGE_S) and last_start > start:
            end = min(total, last_start + MARGIN_S)
    if end - start < MIN_SECONDS:
        raise Rejected(_("Sau khi cắt khoảng lặng, phần âm thanh còn lại dưới 1 giây."),
                       "too_short")
    meta.trim_start_s, meta.trim_end_s = start, end
    return meta
