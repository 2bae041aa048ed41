"""Migration 0008 (airings) keeps every as-run row as it was, links each to one airing, and the
archive still verifies before and after."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.dbutil import drop_database, fresh_database_url

SCRIPT = Path(__file__).with_name("migration_0008_script.py")


def test_the_airings_migration_keeps_every_asrun_row_and_the_chain_verifies(tmp_path):
    url = fresh_database_url(tmp_path, "m0008")
    try:
        proc = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path / "data"), url],
                              capture_output=True, text=True, timeout=300,
                              cwd=Path(__file__).parents[2])
        assert proc.returncode == 0, proc.stderr[-3000:]
        out = json.loads(proc.stdout.strip().splitlines()[-1])
    finally:
        drop_database(url)
    assert out["before_airings_table"] is False
    assert out["verify_before"] is True and out["verify_after"] is True
    assert len(out["before_rows"]) == 3 and out["after_rows"] == out["before_rows"]
    assert out["links"] == [[r[0], True] for r in out["links"]]
    assert out["airings"]["plain"] == [["0", "aired"]]
    storm = out["airings"]["storm"]
    # An emergency repeating every 10 min with no end: 24 hours of airings, at most.
    assert len(storm) == 144
    assert [s for _n, s in storm[:4]] == ["aired", "scheduled", "scheduled", "aired"]
