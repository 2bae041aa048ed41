"""The README's configuration table names every environment variable the server code reads, and
docs/station-agent.md every one the station agent reads; neither lists a variable no code reads.

Names are found as string literals ("RADIO_…", "DATABASE_URL") and f-string prefixes
(f"RADIO_JOB_{…}_MINUTES" matches the row `RADIO_JOB_<ID>_MINUTES`) in the source outside tests/.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVER_DIRS = ("radio", "media", "schedules", "web")
AGENT_DIR = "radio/agent"
# string literals shaped like a variable that are not read from the environment
NOT_ENV = {"RADIO_SETTINGS": "the app.config key of the Settings object",
           "RADIO_MEDIA_ID": "the ID3 tag that carries a rendition's media id"}
NAME = r"(?:RADIO_[A-Z0-9_]+|DATABASE_URL)"
LITERAL_RE = re.compile(rf"""["']({NAME})["']""")
FSTRING_RE = re.compile(r"""f["'](RADIO_[A-Z0-9_]*)\{[^}]*\}([A-Z0-9_]*)["']""")
ROW_NAME_RE = re.compile(r"`((?:RADIO_[A-Z0-9_<>]+|DATABASE_URL))`")


def _read_in(paths: list[Path]) -> set[str]:
    names = set()
    for path in paths:
        text = path.read_text(encoding="utf-8")
        names |= set(LITERAL_RE.findall(text))
        names |= {f"{head}<ID>{tail}" for head, tail in FSTRING_RE.findall(text)}
    return names - set(NOT_ENV)


def _sources(top: str) -> list[Path]:
    return sorted(p for p in (ROOT / top).rglob("*.py") if "migrations" not in p.parts)


def _table_names(doc: Path, heading: str) -> set[str]:
    """Variable names in the first column of the table under `heading`."""
    lines = doc.read_text(encoding="utf-8").splitlines()
    start = lines.index(heading)
    names: set[str] = set()
    for line in lines[start + 1:]:
        if line.startswith("#"):
            break
        if line.startswith("| `"):
            names |= set(ROW_NAME_RE.findall(line.split("|")[1]))
    return names


def _server_reads() -> set[str]:
    agent = set(_sources(AGENT_DIR))
    return _read_in([p for top in SERVER_DIRS for p in _sources(top) if p not in agent])


def test_readme_configuration_table_lists_every_variable_the_server_reads():
    documented = _table_names(ROOT / "README.md", "## Configuration")
    read = _server_reads()
    assert "DATABASE_URL" in read and "RADIO_TZ" in read and "RADIO_JOB_<ID>_MINUTES" in read
    assert sorted(read - documented) == [], "add these to the README's configuration table"
    assert sorted(documented - read) == [], "no code reads these README variables"


def test_agent_tuning_table_lists_every_variable_the_agent_reads():
    documented = _table_names(ROOT / "docs" / "station-agent.md", "## Tuning (environment)")
    read = _read_in(_sources(AGENT_DIR))
    assert "RADIO_AGENT_SYNC_S" in read
    assert sorted(read - documented) == [], "add these to docs/station-agent.md"
    assert sorted(documented - read) == [], "no agent code reads these variables"
