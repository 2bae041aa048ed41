"""The ingest pipeline: small ordered steps with one signature, `step(path, meta) -> meta`.

probe → validate → loudness → trim → normalise → render. A step raises `Rejected` (fatal:
the file is unplayable or unacceptable) with a stable code; anything best-effort (tags) never
raises. The pipeline only reads `path` and writes into `meta.work_dir`; storing is the
service's job, so a rejected file leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from media.pipeline import loudness, normalise, probe, render, trim, validate
from media.pipeline.meta import IngestMeta, Rejected

Step = Callable[[Path, IngestMeta], IngestMeta]

STEPS: list[Step] = [probe.run, validate.run, loudness.run, trim.run, normalise.run, render.run]


def run_pipeline(path: Path, meta: IngestMeta, steps: list[Step] | None = None) -> IngestMeta:
    for step in steps or STEPS:
        meta = step(path, meta)
    return meta


__all__ = ["STEPS", "IngestMeta", "Rejected", "Step", "run_pipeline"]
