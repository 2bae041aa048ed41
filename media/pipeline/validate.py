"""Validate: one full decode; reject what is not playable audio of at least a second."""

from __future__ import annotations

from pathlib import Path

from media import _ffmpeg
from media.pipeline.meta import IngestMeta, Rejected
from radio.i18n import _

MIN_SECONDS = 1.0
# A file cut off in transfer decodes much shorter than its header says.
TRUNCATED_RATIO = 0.9
TRUNCATED_MIN_GAP_S = 0.5


def run(path: Path, meta: IngestMeta) -> IngestMeta:
    if meta.size == 0:
        raise Rejected(_("Tệp rỗng (0 byte)."), "empty_file")
    declared = meta.declared_s

    def progress(seconds: float) -> None:
        total = declared or (meta.analysis.declared_s if meta.analysis else None) or 0
        meta.progress("analyse", seconds / total if total else 0.0)

    analysis = _ffmpeg.analyse(path, on_progress=progress)
    meta.analysis = analysis
    if analysis.open_failed:
        if _only_id3(path, meta.size):
            raise Rejected(_("Tệp không chứa dữ liệu âm thanh giải mã được (chỉ có thẻ/tiêu đề)."),
                           "no_audio_data")
        raise Rejected(_("Tệp không phải là âm thanh (không nhận ra định dạng)."), "not_audio")
    if not analysis.has_audio:
        if analysis.has_video:
            raise Rejected(_("Tệp video không có luồng âm thanh."), "no_audio_stream")
        raise Rejected(_("Tệp không có luồng âm thanh."), "no_audio_stream")
    if analysis.decoded_s <= 0.01:
        raise Rejected(_("Tệp không chứa dữ liệu âm thanh giải mã được (chỉ có thẻ/tiêu đề)."),
                       "no_audio_data")
    if analysis.errors or not analysis.ok:
        raise Rejected(_("Dữ liệu âm thanh bị hỏng, không giải mã được trọn vẹn."), "corrupt")
    declared = max(filter(None, [meta.declared_s, analysis.declared_s]), default=None)
    if declared and analysis.decoded_s < declared * TRUNCATED_RATIO \
            and declared - analysis.decoded_s > TRUNCATED_MIN_GAP_S:
        raise Rejected(
            _("Tệp bị cắt cụt: chỉ giải mã được %(got).1f giây trên %(want).1f giây khai báo.",
              got=analysis.decoded_s, want=declared), "truncated")
    if analysis.decoded_s < MIN_SECONDS:
        raise Rejected(_("Tệp quá ngắn (dưới 1 giây)."), "too_short")
    return meta


def _only_id3(path: Path, size: int) -> bool:
    """An ID3v2 tag (and maybe an ID3v1 trailer) with no audio frames after it."""
    with open(path, "rb") as fh:
        head = fh.read(10)
    if len(head) < 10 or head[:3] != b"ID3":
        return False
    tag_size = 10 + ((head[6] & 0x7F) << 21 | (head[7] & 0x7F) << 14
                     | (head[8] & 0x7F) << 7 | (head[9] & 0x7F))
    return size - tag_size <= 128 + 1024  # room for an ID3v1 tag and padding only
