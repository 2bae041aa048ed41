"""Demo step (order 20): the committed Vietnamese bulletins and CCHC jingles, ingested for real."""

from __future__ import annotations

import json
from pathlib import Path

from media import services
from radio.demo import DemoReport

DEMO_DIR = Path(__file__).resolve().parent / "demo"


def manifest() -> list[dict]:
    return json.loads((DEMO_DIR / "manifest.json").read_text(encoding="utf-8"))


def demo_library(report: DemoReport) -> None:
    """Ingest each demo file through the pipeline; an already-present file is left alone."""
    created = 0
    for entry in manifest():
        result = services.ingest_file(
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
            return services.find_by_original(sha256_file(DEMO_DIR / entry["file"]))
    return None
