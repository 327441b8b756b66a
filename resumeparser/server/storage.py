"""The database (tables and versioned migrations) and the file store.

SQLite in the data folder by default (WAL journal, every transaction `BEGIN IMMEDIATE` so that concurrent
writers wait for each other instead of failing), or any SQLAlchemy URL (PostgreSQL through psycopg:
`postgresql+psycopg://user@host:5432/db`). The schema's version is kept in the table `schema_version`; each
entry of `MIGRATIONS` brings the database from the version before it to its own, in one transaction.

Uploaded files are stored once per content under `<data>/files/<first two hex digits>/<sha256><.ext>`.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from .config import ServerConfig
from .fetching import write_by_hash

metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("applied_at", sa.String(40), nullable=False),
)

settings = sa.Table(
    "settings",
    metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

api_keys = sa.Table(
    "api_keys",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("prefix", sa.String(16), nullable=False),
    sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("revoked_at", sa.String(40)),
    sa.Column("rate_limit", sa.Integer),
    sa.Column("webhook_url", sa.Text),
    sa.Column("webhook_secret", sa.Text),
)

batches = sa.Table(
    "batches",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("key_id", sa.String(36), nullable=False),
    sa.Column("api", sa.String(20), nullable=False),  # taptalent | cvparserpro
    sa.Column("status", sa.String(20), nullable=False),  # PENDING PROCESSING COMPLETED FAILED
    sa.Column("file_count", sa.Integer, nullable=False),
    sa.Column("parsed", sa.Integer, nullable=False, default=0),
    sa.Column("failed", sa.Integer, nullable=False, default=0),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("started_at", sa.String(40)),
    sa.Column("finished_at", sa.String(40)),
)

jobs = sa.Table(
    "jobs",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("key_id", sa.String(36), nullable=False),
    sa.Column("batch_id", sa.String(36), sa.ForeignKey("batches.id", ondelete="CASCADE"), index=True),
    sa.Column("position", sa.Integer, nullable=False, default=0),
    sa.Column("kind", sa.String(8), nullable=False),  # file | url
    sa.Column("url", sa.Text),
    sa.Column("file_sha256", sa.String(64)),
    sa.Column("file_path", sa.Text),
    sa.Column("filename", sa.Text),
    sa.Column("candidate_id", sa.String(36), nullable=False, unique=True),
    sa.Column("source", sa.String(20), nullable=False),  # api | url | bulk
    sa.Column("status", sa.String(20), nullable=False, index=True),  # pending processing completed failed
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("error_code", sa.String(40)),
    sa.Column("error_message", sa.Text),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("started_at", sa.String(40)),
    sa.Column("finished_at", sa.String(40)),
)

candidates = sa.Table(
    "candidates",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("job_id", sa.String(36), nullable=False, unique=True),  # one candidate per job, whatever happens
    sa.Column("batch_id", sa.String(36), index=True),
    sa.Column("key_id", sa.String(36), nullable=False),
    sa.Column("source", sa.String(20), nullable=False),
    sa.Column("source_url", sa.Text),
    sa.Column("status", sa.String(20), nullable=False, index=True),
    sa.Column("original_filename", sa.Text),
    sa.Column("file_sha256", sa.String(64)),
    sa.Column("file_path", sa.Text),
    sa.Column("content_type", sa.String(100)),
    sa.Column("profile", sa.Text),  # the CV Parser Pro export as JSON, PATCH applied
    sa.Column("parsed_data", sa.Text),  # TapTalent's parsedData as JSON
    sa.Column("record", sa.Text),  # the canonical record (Resume JSON)
    sa.Column("confidence", sa.Float),
    sa.Column("errors", sa.Text),  # JSON list of messages, or null
    sa.Column("created_at", sa.String(40), nullable=False, index=True),
    sa.Column("parsed_at", sa.String(40)),
    sa.Column("updated_at", sa.String(40)),
)

candidate_skills = sa.Table(
    "candidate_skills",
    metadata,
    sa.Column("candidate_id", sa.String(36), sa.ForeignKey("candidates.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("skill", sa.String(200), primary_key=True),  # lower case
)

webhook_deliveries = sa.Table(
    "webhook_deliveries",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("key_id", sa.String(36), nullable=False),
    sa.Column("batch_id", sa.String(36)),
    sa.Column("event", sa.String(80), nullable=False),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("status", sa.String(20), nullable=False, index=True),  # pending delivered failed
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("next_attempt_at", sa.Float, nullable=False),
    sa.Column("created_ts", sa.Float, nullable=False),  # orders a batch's events
    sa.Column("last_status_code", sa.Integer),
    sa.Column("last_error", sa.Text),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("delivered_at", sa.String(40)),
)

webhook_attempts = sa.Table(
    "webhook_attempts",
    metadata,
    sa.Column("delivery_id", sa.String(36), sa.ForeignKey("webhook_deliveries.id"), primary_key=True),
    sa.Column("attempt", sa.Integer, primary_key=True),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Column("status_code", sa.Integer),
    sa.Column("error", sa.Text),
    sa.Column("duration_ms", sa.Float),
)


def _v1(conn: Connection) -> None:
    metadata.create_all(conn)
    conn.execute(settings.insert().values(name="signing_secret", value=secrets.token_hex(32)))


MIGRATIONS: list[tuple[int, Callable[[Connection], None]]] = [(1, _v1)]
"""(version, step): append a step for every change of the tables; never edit one that has shipped."""
SCHEMA_VERSION = MIGRATIONS[-1][0]


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None  # transactions are begun below, not by the driver
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return sa.create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


class Store:
    """The database and the file store of one data folder."""

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        os.makedirs(config.files_dir, exist_ok=True)
        self.engine = make_engine(config.url)
        self.migrate()
        with self.engine.connect() as conn:
            self.signing_secret = conn.execute(
                sa.select(settings.c.value).where(settings.c.name == "signing_secret")
            ).scalar_one()

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    def version(self) -> int:
        with self.engine.connect() as conn:
            if not sa.inspect(conn).has_table("schema_version"):
                return 0
            return int(conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar() or 0)

    def migrate(self) -> None:
        for number, step in MIGRATIONS:
            with self.begin() as conn:
                if sa.inspect(conn).has_table("schema_version"):
                    current = conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar() or 0
                else:
                    current = 0
                if current >= number:
                    continue
                step(conn)
                conn.execute(schema_version.insert().values(version=number, applied_at=now()))

    def close(self) -> None:
        self.engine.dispose()

    # --- files --------------------------------------------------------------------------------------

    def store_file(self, data: bytes, ext: str) -> tuple[str, str]:
        """Write the bytes once per content; return (sha256, path relative to the data folder)."""
        digest = hashlib.sha256(data).hexdigest()
        return digest, write_by_hash(self.config.files_dir, digest, data, ext)

    def path_of(self, relative: str) -> str:
        return os.path.join(self.config.data_dir, relative)

    def remove_file_if_unused(self, conn: Connection, relative: str | None) -> None:
        if not relative:
            return
        users = conn.execute(
            sa.select(sa.func.count()).select_from(candidates).where(candidates.c.file_path == relative)
        ).scalar_one()
        pending = conn.execute(
            sa.select(sa.func.count())
            .select_from(jobs)
            .where(jobs.c.file_path == relative, jobs.c.status.in_(("pending", "processing")))
        ).scalar_one()
        if not users and not pending:
            try:
                os.remove(self.path_of(relative))
            except FileNotFoundError:
                pass

