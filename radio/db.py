"""The database: one engine, one scoped session, shared by web requests, jobs and the CLI."""

from __future__ import annotations

import contextvars

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, scoped_session, sessionmaker


class Database:
    """Holds the engine and the session registry; configured once per process."""

    def __init__(self) -> None:
        self.engine: Engine | None = None
        self.factory = sessionmaker(expire_on_commit=False)
        self.session: scoped_session[Session] = scoped_session(self.factory)

    def configure(self, url: str, **engine_kwargs) -> Engine:
        if self.engine is not None and str(self.engine.url) == url:
            return self.engine
        if self.engine is not None:
            self.session.remove()
            self.engine.dispose()
        if url.startswith("sqlite"):
            engine_kwargs.setdefault("connect_args", {"timeout": 30, "check_same_thread": False})
        else:
            engine_kwargs.setdefault("pool_pre_ping", True)
        engine = create_engine(url, **engine_kwargs)
        if url.startswith("sqlite"):
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
        self.engine = engine
        self.factory.configure(bind=engine)
        # An invariant of the core, not of a screen: aired material, as-run and audit rows can
        # never be deleted, whichever code path (web, CLI, job, script) opens the database.
        from radio.archive import retention  # retention imports this module

        retention.install()
        return engine


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin, so that
    # SAVEPOINT works (tests roll back each test) and WAL can be switched on.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


_write_intent: contextvars.ContextVar[bool] = contextvars.ContextVar("radio_write_intent",
                                                                   default=False)


def expect_writes(flag: bool = True) -> None:
    """Say that the transactions begun from now on in this context will write.

    On SQLite a deferred transaction that reads and then writes fails at once with "database is
    locked" when another process (a scheduler job, another worker) committed in between; taking
    the write lock at BEGIN instead makes it wait its turn (busy_timeout). Web requests that can
    change data set this; reads keep the cheap deferred BEGIN.
    """
    _write_intent.set(flag)


def _sqlite_begin(conn) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if _write_intent.get() else "BEGIN")


db = Database()
