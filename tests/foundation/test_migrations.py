"""Migrations reach head on an empty database of either engine (SQLite or PostgreSQL)."""

from sqlalchemy import create_engine, inspect

from radio import migrate
from tests.dbutil import drop_database, fresh_database_url


def test_migrations_upgrade_an_empty_database(tmp_path):
    url = fresh_database_url(tmp_path, "empty")
    engine = create_engine(url)
    try:
        assert migrate.current_revision(engine) is None
        migrate.upgrade(engine)
        assert migrate.current_revision(engine) == migrate.head_revision(engine)
        tables = set(inspect(engine).get_table_names())
        assert {"stations", "users", "media_items", "programmes", "schedule_entries",
                "asrun_events", "audit_log"} <= tables
    finally:
        engine.dispose()
        drop_database(url)
