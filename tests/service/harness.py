"""The service's test harness: the real server (`resumeparser serve` under uvicorn, in a subprocess) on a free
loopback port with a temporary data folder, a local HTTP file server, a webhook receiver, and, when Debian's
PostgreSQL is installed, a throwaway PostgreSQL cluster so that every test runs against both databases."""

from __future__ import annotations

import glob
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed")
pytest.importorskip("uvicorn", reason="the server extra is not installed")
httpx = pytest.importorskip("httpx", reason="httpx (dev extra) is not installed")
sa = pytest.importorskip("sqlalchemy", reason="the server extra is not installed")

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures" / "generated"
WAIT_SECONDS = 180.0
"""How long a test waits for parsing before it fails: generous, the machine is shared."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    return env


def cli(*args: str) -> str:
    """Run `python -m resumeparser ARGS`; its standard output."""
    done = subprocess.run(
        [sys.executable, "-m", "resumeparser", *args], capture_output=True, text=True, env=_env(), timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


# --- PostgreSQL ------------------------------------------------------------------------------------


class Postgres:
    """A throwaway cluster in a temporary folder on a loopback port, run as the `postgres` user when we are root."""

    def __init__(self, bindir: str) -> None:
        self.bindir = bindir
        self.dir = tempfile.mkdtemp(prefix="rp-pg-")
        self.port = free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            runuser = shutil.which("runuser")
            if runuser is None:
                raise RuntimeError("running as root without runuser: cannot start postgres")
            shutil.chown(self.dir, "postgres")
            self.as_user = [runuser, "-u", "postgres", "--"]
        self.data = os.path.join(self.dir, "data")

    def run(self, program: str, *args: str) -> None:
        subprocess.run(
            [*self.as_user, os.path.join(self.bindir, program), *args], check=True, capture_output=True, timeout=120
        )

    def start(self) -> None:
        self.run("initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8")
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        self.run("pg_ctl", "-D", self.data, "-o", options, "-l", os.path.join(self.dir, "log"), "-w", "start")

    def stop(self) -> None:
        try:
            self.run("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    def new_database(self) -> str:
        name = "rp_" + uuid.uuid4().hex[:12]
        engine = sa.create_engine(f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres",
                                  isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {name}")
        engine.dispose()
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"


def _postgres_bindir() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return os.path.dirname(found[-1]) if found else None


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    bindir = _postgres_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed (Debian package postgresql; scripts/bootstrap.sh dev installs it)")
    pytest.importorskip("psycopg", reason="the psycopg driver is not installed")
    cluster = Postgres(bindir)
    try:
        cluster.start()
    except (subprocess.CalledProcessError, RuntimeError) as exc:
        shutil.rmtree(cluster.dir, ignore_errors=True)
        pytest.skip(f"PostgreSQL would not start here: {exc}")
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"], scope="module")
def backend(request: pytest.FixtureRequest) -> Callable[[], str | None]:
    """A function that gives a new, empty database URL (None: the default SQLite in the data folder)."""
    if request.param == "sqlite":
        return lambda: None
    cluster: Postgres = request.getfixturevalue("postgres")
    return cluster.new_database


# --- the server ------------------------------------------------------------------------------------


@dataclass
class Server:
    data: Path
    database: str | None
    args: tuple[str, ...] = ()
    port: int = 0
    process: subprocess.Popen[bytes] | None = None
    log: Path = field(init=False)

    def __post_init__(self) -> None:
        self.log = self.data / "server.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def storage_args(self) -> list[str]:
        return ["--data", str(self.data), *(["--database", self.database] if self.database else [])]

    def start(self) -> Server:
        self.port = free_port()
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "resumeparser", "serve", "--port", str(self.port), *self.storage_args(),
                 *self.args],
                stdout=log, stderr=subprocess.STDOUT, env=_env(),
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited: {self.log.read_text()}")
            try:
                if httpx.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"the server did not come up: {self.log.read_text()}")

    def kill(self) -> None:
        """SIGKILL, as a crash would."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)

    def new_key(self, *args: str) -> str:
        return cli("keys", "create", *self.storage_args(), *args).strip().splitlines()[-1]

    def engine(self) -> Any:
        return sa.create_engine(self.database or f"sqlite:///{self.data / 'resumeparser.db'}")

    def snapshot(self) -> dict[str, Any]:
        """Every row of every table, and the stored files: to show that a refused request changed nothing."""
        engine = self.engine()
        tables: dict[str, Any] = {}
        try:
            with engine.connect() as conn:
                meta = sa.MetaData()
                meta.reflect(conn)
                for table in meta.sorted_tables:
                    rows = conn.execute(sa.select(table)).all()
                    tables[table.name] = sorted(json.dumps([str(v) for v in r]) for r in rows)
        finally:
            engine.dispose()
        files = sorted(str(p.relative_to(self.data)) for p in (self.data / "files").rglob("*") if p.is_file())
        return {"tables": tables, "files": files}

    def query(self, sql: str, **params: Any) -> list[Any]:
        engine = self.engine()
        try:
            with engine.connect() as conn:
                return list(conn.execute(sa.text(sql), params).all())
        finally:
            engine.dispose()


@pytest.fixture(scope="module")
def make_server(tmp_path_factory: pytest.TempPathFactory, backend: Callable[[], str | None]) -> Iterator[Any]:
    """make_server(*serve_args) -> a started Server with its own data folder and database."""
    started: list[Server] = []

    def make(*args: str, start: bool = True) -> Server:
        server = Server(tmp_path_factory.mktemp("service"), backend(), tuple(args))
        started.append(server)
        return server.start() if start else server

    yield make
    for server in started:
        server.stop()


# --- resumes, a file server and a webhook receiver ---------------------------------------------------


def resume_texts(count: int) -> list[tuple[str, bytes]]:
    """`count` distinct TXT resumes: the fixture set's TXT files in turn, each with its own reference line."""
    sources = sorted(FIXTURES.glob("*/resume.txt"))
    out = []
    for i in range(count):
        source = sources[i % len(sources)]
        data = source.read_bytes().rstrip() + f"\n\nReference: REF-{i:04d}\n".encode()
        out.append((f"{source.parent.name}-{i:04d}.txt", data))
    return out


def expected_name(filename: str) -> str:
    folder = filename.rsplit("-", 1)[0]
    return str(json.loads((FIXTURES / folder / "expected.json").read_text())["name"]["full"])


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def file_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """(folder, base URL): a local HTTP server on loopback serving the folder."""
    folder = tmp_path_factory.mktemp("files")

    def handler(*args: Any, **kwargs: Any) -> _Quiet:
        return _Quiet(*args, directory=str(folder), **kwargs)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield folder, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes
    answered: int


class Receiver:
    """A webhook receiver on loopback that answers 500 to the first `failures` tries of every delivery."""

    def __init__(self, failures: int = 0) -> None:
        self.failures = failures
        self.requests: list[Received] = []
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                headers = {k.lower(): v for k, v in self.headers.items()}
                delivery = headers.get("x-webhook-id")
                with receiver.lock:
                    tries = sum(1 for r in receiver.requests if r.headers.get("x-webhook-id") == delivery)
                    status = 500 if tries < receiver.failures else 200
                    receiver.requests.append(Received(headers, body, status))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hooks"

    def delivered(self) -> list[dict[str, Any]]:
        with self.lock:
            return [json.loads(r.body) for r in self.requests if r.answered == 200]

    def wait_for(self, event: str, batch_id: str, timeout: float = WAIT_SECONDS) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for body in self.delivered():
                if body["event"] == event and body["data"]["batchId"] == batch_id:
                    return body
            time.sleep(0.1)
        raise AssertionError(f"no {event} for batch {batch_id}; received {[r.body for r in self.requests]}")

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def receiver_factory() -> Iterator[Callable[[int], Receiver]]:
    made: list[Receiver] = []

    def make(failures: int = 0) -> Receiver:
        made.append(Receiver(failures))
        return made[-1]

    yield make
    for r in made:
        r.close()


def wait_until(check: Callable[[], Any], what: str, timeout: float = WAIT_SECONDS, every: float = 0.25) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out waiting for {what}")
