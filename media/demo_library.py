"""The media layer's demo step (load_demo): the committed Vietnamese bulletins and CCHC jingles,
ingested for real, then tone items when the library still has no ready bulletin to air."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from sqlalchemy import select

from media import _ffmpeg, ingest
from media import util as media_util
from media.prepared import add_prepared_item
from radio.archive.demo import YEAR
from radio.db import db
from radio.demo import DemoReport
from radio.models import MediaItem, MediaKind, MediaStatus
from radio.storage import get_storage

DEMO_DIR = Path(__file__).resolve().parent / "demo"
# Tone items for the demo year when the library has no ready bulletin (demo_fallback_items).
FALLBACK_ITEMS = [
    ("Công khai thủ tục hành chính tại bộ phận một cửa huyện", "mot-cua", "vp-hdnd-ubnd", 440),
    ("Hướng dẫn nộp hồ sơ trực tuyến mức độ 3, 4", "dich-vu-cong", "phong-noi-vu", 523),
    ("Kết quả chỉ số PAPI năm 2021 của tỉnh", "pci-papi", "phong-noi-vu", 587),
    ("Phổ biến Luật Hòa giải ở cơ sở", "phap-luat-tu-phap", "phong-tu-phap", 659),
    ("Tiếp nhận phản ánh, kiến nghị qua đường dây nóng", "phan-anh-kien-nghi", "ubnd-xa", 698),
    ("Nhận kết quả thủ tục hành chính qua bưu điện", "buu-chinh-cong-ich", "trung-tam-vhtt", 784),
]


def manifest() -> list[dict]:
    return json.loads((DEMO_DIR / "manifest.json").read_text(encoding="utf-8"))


def load_demo(report: DemoReport) -> None:
    """The media layer's one demo step (radio.demo.STORY, step 3). Flushes only; idempotent."""
    demo_library(report)
    demo_fallback_items(report)


def demo_library(report: DemoReport) -> None:
    """Ingest each demo file through the pipeline; an already-present file is left alone."""
    created = 0
    for entry in manifest():
        result = ingest.ingest_file(
            None, DEMO_DIR / entry["file"], title=entry["title"],
            topics=[entry["topic"]] if entry["topic"] else [], agency=entry["agency"] or None,
            kind=entry["kind"], author="Trung tâm VH&TT-TDTT Gio Linh", summary=entry["text"])
        created += 0 if result.duplicate else 1
    if created:
        report.add(f"Đã nạp {created} bản tin và hiệu chuyên mục mẫu vào thư viện.", created)


def demo_item(jingle: str):
    """The demo intro or outro jingle item (for the scheduling demo), or None."""
    from radio.storage import sha256_file

    for entry in manifest():
        if entry.get("jingle") == jingle:
            return media_util.find_by_original(sha256_file(DEMO_DIR / entry["file"]))
    return None


def demo_fallback_items(report: DemoReport) -> list[MediaItem]:
    """A few short tone files put through the store, when the library has no
    ready bulletin for the demo history to air. Flushes only; idempotent."""
    if db.session.scalar(select(MediaItem.id).where(
            MediaItem.kind != MediaKind.jingle, MediaItem.rendition_sha256.is_not(None),
            MediaItem.status == MediaStatus.ready).limit(1)) is not None:
        return []
    store = get_storage()
    made = []
    with tempfile.TemporaryDirectory() as work:
        for i, (title, topic, agency, freq) in enumerate(FALLBACK_ITEMS):
            path = Path(work) / f"{i}.mp3"
            _ffmpeg.run(["-f", "lavfi", "-i", f"sine=frequency={freq}:duration=20", "-ac", "1",
                         "-b:a", "64k", "-metadata", f"title={title}", str(path)])
            sha = store.put_file(path)
            item = db.session.scalar(select(MediaItem).where(MediaItem.original_sha256 == sha))
            if item is None:
                size = path.stat().st_size
                made.append(add_prepared_item(
                    None, title=title, original_sha256=sha, original_name=f"{i}.mp3",
                    original_size=size, rendition_sha256=sha, rendition_size=size,
                    duration_s=20.0, agency=agency, topics=[topic],
                    summary=f"{title}. Bản tin mẫu của chuyên mục cải cách hành chính."))
    db.session.flush()
    if made:
        report.add(f"Đã tạo {len(made)} tin mẫu (âm báo) cho lịch sử năm {YEAR}.", len(made))
    return made
