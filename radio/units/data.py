"""The official list of administrative units as committed under radio/data/units/ (README there)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "units"

# The July 2025 edition: two-level local government (province → commune) from 1/7/2025.
EDITION_2025_07 = date(2025, 7, 1)
SOURCE_2025_07 = "GSO: danh mục đơn vị hành chính từ 01/07/2025 (34 tỉnh, 3.321 xã)"


@dataclass(frozen=True)
class UnitRow:
    code: str
    name: str
    unit_type: str
    province_code: str | None  # None for a province


def _read(name: str) -> list[dict]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@cache
def provinces_2025() -> tuple[UnitRow, ...]:
    return tuple(UnitRow(r["code"], r["name"], r["type"], None)
                 for r in _read("provinces-2025-07.csv"))


@cache
def communes_2025() -> tuple[UnitRow, ...]:
    return tuple(UnitRow(r["code"], r["name"], r["type"], r["province_code"])
                 for r in _read("communes-2025-07.csv"))
