"""Fresh, isolated databases for tests: a SQLite file, or a PostgreSQL schema of its own."""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, text

from radio.config import normalise_database_url


def base_url() -> str | None:
    url = os.environ.get("DATABASE_URL")
    return normalise_database_url(url) if url else None


def fresh_database_url(folder: Path, name: str = "radio") -> str:
    """A new empty database. On PostgreSQL, a new schema selected through search_path."""
    pg = base_url()
    if not pg:
        return f"sqlite:///{folder / (name + '.db')}"
    schema = f"t_{name}_{os.getpid()}_{uuid.uuid4().hex[:8]}".lower().replace("-", "_")
    engine = create_engine(pg)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    sep = "&" if "?" in pg else "?"
    return f"{pg}{sep}options={quote('-csearch_path=' + schema)}"


def drop_database(url: str) -> None:
    if not url.startswith("postgresql"):
        return
    from urllib.parse import parse_qs, unquote, urlsplit

    options = parse_qs(urlsplit(url).query).get("options", [""])[0]
    schema = unquote(options).split("search_path=")[-1]
    engine = create_engine(base_url())
    with engine.begin() as conn:
        # A connection left open in a transaction (a process that outlived its test) fails the
        # teardown within seconds instead of hanging it.
        conn.execute(text("SET LOCAL lock_timeout = '20s'"))
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


def checkpoint(folder: Path) -> None:
    """Fold the SQLite write-ahead logs in `folder` into their databases (before copying them)."""
    import sqlite3

    for path in Path(folder).glob("*.db"):
        with sqlite3.connect(path) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
