"""Copy the database into a backup and back: the SQLite online-backup API, or pg_dump/psql.

SQLite: `Connection.backup` in one step, so the copy is one consistent snapshot even while the
server writes (WAL mode lets the writers go on). PostgreSQL: `pg_dump` reads one snapshot of the
schema the DATABASE_URL selects (its search_path, else public) as plain SQL; restoring rewrites
that schema's name to the target's, so a dump of one schema restores into another.
Connection details go to the client tools through PG* environment variables, never argv.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

SQLITE_FILE = "radio.db"
PG_FILE = "radio.sql"


class DatabaseCopyError(RuntimeError):
    """A dump or restore failed; the message is Vietnamese and safe to show."""


@dataclass(frozen=True)
class Target:
    engine: str  # sqlite | postgresql
    url: str

    @property
    def sqlite_path(self) -> Path:
        return Path(make_url(self.url).database or "")

    @property
    def schema(self) -> str:
        return pg_schema(self.url)


def target_of(url: str) -> Target:
    return Target("sqlite" if url.startswith("sqlite") else "postgresql", url)


# -- SQLite -----------------------------------------------------------------------------------

def _uri(path: Path, query: str) -> str:
    """A file: URI (percent-encoded, so any folder name works) with SQLite open flags."""
    return f"{Path(path).absolute().as_uri()}?{query}"


def _sqlite_copy(source_uri: str, dest: Path, journal_mode: str) -> None:
    """Copy a whole SQLite database with the online-backup API into `dest`, then fsync it."""
    src = sqlite3.connect(source_uri, uri=True, timeout=60)
    try:
        dst = sqlite3.connect(dest, timeout=60)
        try:
            src.backup(dst)  # pages=-1: all pages under one read lock, a consistent snapshot
            dst.execute(f"PRAGMA journal_mode={journal_mode}")
            dst.commit()
        finally:
            dst.close()
    finally:
        src.close()
    _fsync(dest)


def sqlite_backup(source: Path, dest: Path) -> None:
    """One-step online backup of a live SQLite file into a new single-file database."""
    _sqlite_copy(_uri(source, "mode=ro"), dest, "DELETE")


def sqlite_restore(backup_file: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    _sqlite_copy(_uri(backup_file, "mode=ro&immutable=1"), dest, "WAL")


def sqlite_integrity(path: Path) -> str:
    """'ok' or SQLite's own description of the damage."""
    try:
        conn = sqlite3.connect(_uri(path, "mode=ro&immutable=1"), uri=True)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return "; ".join(str(r[0]) for r in rows[:5])


# -- PostgreSQL -------------------------------------------------------------------------------

def pg_schema(url: str) -> str:
    """The first schema of the search_path set in the URL's `options`, else public."""
    options = make_url(url).query.get("options", "")
    if isinstance(options, tuple):
        options = " ".join(options)
    m = re.search(r"search_path\s*=\s*([^\s,]+)", options)
    return m[1].strip('"') if m else "public"


def pg_env(url: str) -> dict[str, str]:
    u = make_url(url)
    # Not a setting read: the child pg_dump/psql inherits this process's environment (PATH,
    # locale, HOME) as any subprocess would, minus the PG* variables, which come from the URL.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    for key, value in (("PGHOST", u.host), ("PGPORT", u.port), ("PGUSER", u.username),
                       ("PGPASSWORD", u.password), ("PGDATABASE", u.database)):
        if value:
            env[key] = str(value)
    return env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise DatabaseCopyError(f"Không tìm thấy chương trình {name} (gói postgresql-client).")
    return path


def _run(args: list[str], url: str, what: str, **kwargs) -> None:
    result = subprocess.run(args, env=pg_env(url), capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-3:]
        raise DatabaseCopyError(f"{what} thất bại: {' '.join(detail)}")


def pg_dump(url: str, dest: Path) -> None:
    schema = pg_schema(url)
    _run([_tool("pg_dump"), "--format=plain", "--no-owner", "--no-privileges",
          f"--schema={schema}", f"--file={dest}"], url, "pg_dump")
    _fsync(dest)


_DATA_START = re.compile(r"^COPY .* FROM stdin;$")
_SCHEMA_STMT = re.compile(r"^(CREATE SCHEMA|COMMENT ON SCHEMA|ALTER SCHEMA) ")


def _qualified(schema: str) -> re.Pattern:
    names = [re.escape(schema), re.escape(f'"{schema}"')]
    return re.compile(r'(?<![\w"$])(?:' + "|".join(names) + r")\.")


def rewrite_schema(lines, source: str, target: str):
    """Yield the dump's lines with `source.` qualifications renamed to `target.`, COPY data
    left byte for byte, and the dump's own CREATE SCHEMA dropped (the target exists)."""
    pattern = _qualified(source)
    replacement = f'"{target}".'
    in_data = False
    for line in lines:
        if in_data:
            if line.rstrip("\n") == "\\.":
                in_data = False
            yield line
            continue
        if _SCHEMA_STMT.match(line):
            continue
        if _DATA_START.match(line.rstrip("\n")):
            in_data = True
        yield pattern.sub(replacement, line) if source != target else line


def pg_restore(dump: Path, url: str, source_schema: str, tmp_dir: Path) -> None:
    target = pg_schema(url)
    script = tmp_dir / "restore.sql"
    with open(dump, encoding="utf-8") as src, open(script, "w", encoding="utf-8") as out:
        out.write(f'CREATE SCHEMA IF NOT EXISTS "{target}";\n')
        out.writelines(rewrite_schema(src, source_schema, target))
    try:
        _run([_tool("psql"), "--no-psqlrc", "--quiet", "--single-transaction",
              "-v", "ON_ERROR_STOP=1", f"--file={script}"], url, "psql")
    finally:
        script.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())
