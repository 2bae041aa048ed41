"""The agent's local journal (SQLite): playlists, cached media and as-run events to upload.

An event is written when playback starts (state "playing") and completed when it ends
("pending"), so a restart never loses one; its UUID is fixed at the start, so a retried upload
is never stored twice by the server. Each playlist item is played at most once (unique key).
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from datetime import UTC, datetime
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    item_key TEXT NOT NULL UNIQUE,
    entry_id INTEGER,
    media_sha256 TEXT,
    title TEXT NOT NULL DEFAULT '',
    started_at TEXT NOT NULL,
    ended_at TEXT,
    status TEXT,
    note TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL,           -- playing | pending | sent | rejected
    reason TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_events_state ON events(state);
CREATE TABLE IF NOT EXISTS playlists (
    day TEXT PRIMARY KEY,
    etag TEXT,
    body TEXT NOT NULL,
    fetched_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def _now() -> str:
    return datetime.now(UTC).isoformat()


class Journal:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path), isolation_level=None, timeout=30)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    # -- playlists --------------------------------------------------------------------------
    def playlist(self, day: str) -> tuple[str | None, dict | None]:
        row = self.db.execute("SELECT etag, body FROM playlists WHERE day = ?", (day,)).fetchone()
        return (row["etag"], json.loads(row["body"])) if row else (None, None)

    def save_playlist(self, day: str, etag: str | None, body: dict) -> None:
        self.db.execute("INSERT OR REPLACE INTO playlists(day, etag, body, fetched_at) "
                        "VALUES (?, ?, ?, ?)", (day, etag, json.dumps(body), _now()))

    def playlists(self) -> dict[str, dict]:
        return {r["day"]: json.loads(r["body"])
                for r in self.db.execute("SELECT day, body FROM playlists ORDER BY day")}

    def forget_playlists_before(self, day: str) -> int:
        return self.db.execute("DELETE FROM playlists WHERE day < ?", (day,)).rowcount

    # -- events -----------------------------------------------------------------------------
    def played(self, item_key: str) -> bool:
        return self.db.execute("SELECT 1 FROM events WHERE item_key = ?",
                               (item_key,)).fetchone() is not None

    def start_event(self, item_key: str, entry_id: int | None, sha: str | None, title: str,
                    started_at: datetime) -> str:
        event_id = str(uuid.uuid4())
        self.db.execute(
            "INSERT INTO events(id, item_key, entry_id, media_sha256, title, started_at, state, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, 'playing', ?)",
            (event_id, item_key, entry_id, sha, title, started_at.isoformat(), _now()))
        return event_id

    def finish_event(self, event_id: str, status: str, ended_at: datetime, note: str = "") -> None:
        self.db.execute("UPDATE events SET status = ?, ended_at = ?, note = ?, state = 'pending' "
                        "WHERE id = ? AND state = 'playing'",
                        (status, ended_at.isoformat(), note, event_id))

    def record(self, item_key: str, entry_id: int | None, sha: str | None, title: str,
               started_at: datetime, status: str, note: str = "") -> str | None:
        """A finished event in one step (skipped or failed items); None if already recorded."""
        if self.played(item_key):
            return None
        event_id = self.start_event(item_key, entry_id, sha, title, started_at)
        self.finish_event(event_id, status, started_at, note)
        return event_id

    def interrupted(self) -> list[sqlite3.Row]:
        return self.db.execute("SELECT * FROM events WHERE state = 'playing'").fetchall()

    def pending(self, limit: int = 100) -> list[sqlite3.Row]:
        return self.db.execute("SELECT * FROM events WHERE state = 'pending' "
                               "ORDER BY started_at LIMIT ?", (limit,)).fetchall()

    def mark(self, event_ids: list[str], state: str, reason: str = "") -> None:
        self.db.executemany("UPDATE events SET state = ?, reason = ? WHERE id = ?",
                            [(state, reason, i) for i in event_ids])

    def counts(self) -> dict[str, int]:
        return {r[0]: r[1] for r in self.db.execute(
            "SELECT state, count(*) FROM events GROUP BY state")}

    # -- small state --------------------------------------------------------------------------
    def get(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return row["value"] if row else default

    def set(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO state(key, value) VALUES (?, ?)", (key, value))
