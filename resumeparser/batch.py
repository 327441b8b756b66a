"""Parse many resumes at once, each under a time limit, so that one bad file never costs the others.

By default the documents go to a small pool of worker processes of our own (spawned, so safe in a
threaded parent). Each worker takes one document at a time; the parent knows which document every
worker holds and since when. A document that passes its time limit gets its worker killed; a document
whose worker dies (segfault, `os._exit`, the kernel's OOM killer) is reported as `worker_crashed`. In
both cases a fresh worker takes the next document and nothing else is lost or repeated. (The standard
`ProcessPoolExecutor` cannot do this: one dead worker breaks the whole pool, and it cannot stop a
task that hangs.)

Any `concurrent.futures.Executor` can be passed instead, a Dask cluster's `client.get_executor()` for
one; there time limits are best effort: the document is reported as `timeout`, but the executor's
thread or process may go on running it.
"""

from __future__ import annotations

import concurrent.futures as cf
import math
import multiprocessing
import os
import re
import signal
import threading
import time
import uuid
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sized
from dataclasses import dataclass, field
from datetime import UTC, datetime
from multiprocessing.connection import Connection, wait
from typing import Any, Literal, Union, cast

from .errors import ParseTimeout, ResumeParserError
from .fetch import FETCH_TIMEOUT_SECONDS, parse_url
from .load import Source
from .models import Resume
from .options import DEFAULT_OPTIONS, ParseOptions
from .pipeline import parse, warm_up

# Codes a batch adds to those of ResumeParserError.
WORKER_CRASHED = "worker_crashed"
"""The process parsing the document died: a crash in a native library, os._exit, the OOM killer."""
INTERNAL_ERROR = "internal_error"
"""An unexpected exception (a bug) while parsing that document."""
INVALID_SOURCE = "invalid_source"
"""The item is no kind of source parse_many knows (None, a number, a tuple of three)."""
GRACE_SECONDS = 10.0
"""Default hard limit: the cooperative per-document limit of the options plus this grace."""
PER_PAGE_CHOICES = (10, 20, 40, 80, 100)
_MAX_DISPATCH_ATTEMPTS = 3
_READY = "ready"
_STARTUP_SECONDS = 120.0
"""A worker reports once it has imported everything; its first document's clock starts then, not before."""
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")

Loader = Callable[[], Source]
"""A picklable zero-argument callable that returns what `parse` accepts; it runs inside the worker."""
Payload = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, Loader]
BatchSource = Payload | tuple[str, Payload]
Event = dict[str, Any]
Kind = Literal["url", "path", "bytes", "loader", "invalid"]


@dataclass(frozen=True)
class BatchError:
    code: str
    message: str


@dataclass(frozen=True)
class BatchResult:
    """The outcome for one source: its record, or a typed error."""

    index: int
    """Position of the source in the input."""
    id: str
    source: str | None
    """The path or URL; None for bytes and loaders."""
    record: Resume | None = None
    error: BatchError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        """`{"id", "source", "ok", "record" | "error": {"code", "message"}}`: one line of the batch output."""
        out: dict[str, Any] = {"id": self.id, "source": self.source, "ok": self.ok}
        if self.record is not None:
            out["record"] = self.record.to_dict()
        if self.error is not None:
            out["error"] = {"code": self.error.code, "message": self.error.message}
        return out


@dataclass
class _Task:
    index: int
    id: str
    source: str | None
    kind: Kind
    payload: Payload
    attempts: int = 0


Outcome = tuple[bool, Any]
"""(True, Resume) or (False, (code, message)): what a worker sends back."""


@dataclass(frozen=True)
class _Settings:
    """What every task of a batch shares; sent to each worker once."""

    options: ParseOptions
    allow_private: bool = False
    memory_limit_mb: int | None = None


def run_task(kind: Kind, payload: Payload, name: str | None, settings: _Settings) -> Outcome:
    """Parse one source; every failure becomes an outcome. Runs in a worker (module level: picklable)."""
    options = settings.options
    try:
        if kind == "url":
            assert isinstance(payload, str)
            return True, parse_url(payload, options=options, allow_private=settings.allow_private)
        if kind == "loader":
            assert callable(payload)
            return True, parse(payload(), filename=name, options=options)
        assert not callable(payload)
        return True, parse(payload, filename=name, options=options)
    except ResumeParserError as exc:
        return False, (exc.code, exc.message)
    except MemoryError:
        return False, ("file_too_large", "out of memory while parsing")
    except Exception as exc:  # a bug must cost one document, not the batch
        return False, (INTERNAL_ERROR, f"{type(exc).__name__}: {exc}")


def _task(index: int, source: BatchSource) -> _Task:
    """Describe one source; an item of the wrong kind becomes a task that fails alone (kind "invalid")."""
    given_id: str | None = None
    payload: Any = source
    if isinstance(source, tuple):
        if len(source) != 2:
            return _Task(index, str(index), None, "invalid", "a tuple source must be (id, payload)")
        given_id, payload = str(source[0]), source[1]
    if isinstance(payload, (bytes, bytearray, memoryview)):
        return _Task(index, given_id or str(index), None, "bytes", bytes(payload))
    if isinstance(payload, (str, os.PathLike)):
        text = os.fspath(payload)
        if _URL.match(text):
            return _Task(index, given_id or text, text, "url", text)
        return _Task(index, given_id or text, text, "path", text)
    if callable(payload):
        return _Task(index, given_id or str(index), None, "loader", payload)
    message = f"cannot parse a {type(payload).__name__}: pass paths, URLs, bytes, (id, bytes) or loaders"
    return _Task(index, given_id or str(index), None, "invalid", message)


def _hint(task: _Task) -> str | None:
    """A file name hint for bytes and loaders given with an id such as "cv.docx"."""
    return task.id if task.kind in ("bytes", "loader") and "." in task.id else None


def _result(task: _Task, outcome: Outcome) -> BatchResult:
    ok, value = outcome
    if ok:
        return BatchResult(task.index, task.id, task.source, record=value)
    code, message = value
    return BatchResult(task.index, task.id, task.source, error=BatchError(code, message))


def _failure(task: _Task, code: str, message: str) -> BatchResult:
    return BatchResult(task.index, task.id, task.source, error=BatchError(code, message))


# --- the process pool -------------------------------------------------------------------------------


def _worker_main(conn: Connection, settings: _Settings) -> None:
    """Take tasks until told to stop or until the parent goes away (its end of the pipe closes)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if hasattr(os, "setpgrp"):
        os.setpgrp()  # its own process group, so that stopping it also stops its tools (tesseract, antiword)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # Tesseract: one thread per worker is faster here
    if settings.memory_limit_mb is not None:
        import resource  # POSIX only, as is the limit

        cap = settings.memory_limit_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))  # past it, allocations fail: MemoryError
    try:
        warm_up(settings.options)
    except Exception:  # a failed warm-up only means the first document loads what it needs
        pass
    try:
        conn.send(_READY)
    except (EOFError, OSError):
        return
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        kind, payload, name = task
        outcome = run_task(kind, payload, name, settings)
        try:
            conn.send(outcome)
        except (EOFError, OSError):
            return
        except Exception as exc:  # the outcome would not pickle
            conn.send((False, (INTERNAL_ERROR, f"the result could not be sent: {type(exc).__name__}: {exc}")))


class _Worker:
    def __init__(self, ctx: Any, settings: _Settings) -> None:
        parent_end, child_end = ctx.Pipe()
        self.process = ctx.Process(
            target=_worker_main, args=(child_end, settings), name="resumeparser-worker", daemon=True
        )
        self.process.start()
        child_end.close()  # so that the worker's death reads as end-of-file here
        self.conn: Connection = parent_end
        self.task: _Task | None = None
        self.started = False
        self.deadline = math.inf

    def receive(self, limit: float) -> Outcome | Literal["pending"] | None:
        """The result of the task in hand; None when the worker is dead; "pending" when there is none yet."""
        try:
            while self.conn.poll():
                message = self.conn.recv()
                if message == _READY:
                    self.started, self.deadline = True, time.monotonic() + limit
                    continue
                return cast(Outcome, message)
        except (EOFError, OSError):
            return None
        except Exception as exc:  # a result that does not unpickle
            return False, (INTERNAL_ERROR, f"the result could not be read: {exc}")
        return "pending" if self.process.is_alive() else None

    def kill(self) -> None:
        if hasattr(os, "killpg") and self.process.pid is not None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def death(self) -> str:
        self.process.join(2)
        code = self.process.exitcode
        if code is not None and code < 0:
            try:
                return f"the worker process was killed by {signal.Signals(-code).name}"
            except ValueError:
                return f"the worker process was killed by signal {-code}"
        return f"the worker process exited with status {code}"


def _in_processes(
    tasks: Iterator[_Task], workers: int, deadline_of: Callable[[_Task], float], settings: _Settings
) -> Generator[BatchResult, None, None]:
    ctx = multiprocessing.get_context("spawn")
    idle: list[_Worker] = []
    busy: list[_Worker] = []
    undelivered: deque[_Task] = deque()  # tasks whose worker was gone before it received them
    try:
        while True:
            while len(busy) < workers:
                task = undelivered.popleft() if undelivered else next(tasks, None)
                if task is None:
                    break
                if task.kind == "invalid":
                    yield _failure(task, INVALID_SOURCE, str(task.payload))
                    continue
                worker = idle.pop() if idle else _Worker(ctx, settings)
                task.attempts += 1
                try:
                    if not worker.process.is_alive():
                        raise BrokenPipeError("the worker is gone")
                    worker.conn.send((task.kind, task.payload, _hint(task)))
                except (OSError, EOFError):
                    worker.kill()
                    if task.attempts >= _MAX_DISPATCH_ATTEMPTS:
                        yield _failure(task, WORKER_CRASHED, "no worker process could take the document")
                    else:
                        undelivered.appendleft(task)
                    continue
                except Exception as exc:  # the source does not pickle (a lambda as loader)
                    idle.append(worker)
                    yield _failure(task, INTERNAL_ERROR, f"the source cannot be sent to a worker: {exc}")
                    continue
                worker.task = task
                worker.deadline = time.monotonic() + (deadline_of(task) if worker.started else _STARTUP_SECONDS)
                busy.append(worker)
            if not busy:
                return
            wait_for = min(w.deadline for w in busy) - time.monotonic()
            ready = set(
                wait(
                    [w.conn for w in busy] + [w.process.sentinel for w in busy],
                    None if wait_for == math.inf else max(0.0, wait_for),
                )
            )
            now = time.monotonic()
            for worker in list(busy):
                task = worker.task
                assert task is not None
                outcome: Outcome | Literal["pending"] | None = "pending"
                if worker.conn in ready or worker.process.sentinel in ready or now >= worker.deadline:
                    outcome = worker.receive(deadline_of(task))  # past the limit: one last look first
                if outcome == "pending" and now < worker.deadline:
                    continue
                busy.remove(worker)
                if outcome not in (None, "pending"):
                    worker.task = None
                    idle.append(worker)
                    yield _result(task, cast(Outcome, outcome))
                    continue
                death = worker.death() if outcome is None else None
                worker.kill()
                if not worker.started:  # the worker never came up: not the document's fault
                    if task.attempts >= _MAX_DISPATCH_ATTEMPTS:
                        yield _failure(task, WORKER_CRASHED, f"no worker process could start ({death or 'too slow'})")
                    else:
                        undelivered.appendleft(task)
                elif death is not None:
                    yield _failure(task, WORKER_CRASHED, death)
                else:
                    limit = deadline_of(task)
                    yield _failure(task, ParseTimeout.code, f"no result after {limit:g} s; the worker was stopped")
    finally:
        for worker in idle:
            try:
                worker.conn.send(None)
            except (OSError, EOFError):
                pass
        for worker in idle:
            worker.process.join(2)
        for worker in idle + busy:
            worker.kill()


# --- any concurrent.futures.Executor (Dask, ThreadPoolExecutor, ...) -----------------------------------


def _in_executor(
    tasks: Iterator[_Task],
    executor: cf.Executor,
    window: int,
    deadline_of: Callable[[_Task], float],
    settings: _Settings,
) -> Generator[BatchResult, None, None]:
    # At most `window` tasks are submitted at a time, so that the time since submission is close to
    # the time spent running, and a time limit means something.
    inflight: dict[cf.Future[Outcome], tuple[_Task, float]] = {}
    try:
        while True:
            while len(inflight) < window:
                task = next(tasks, None)
                if task is None:
                    break
                if task.kind == "invalid":
                    yield _failure(task, INVALID_SOURCE, str(task.payload))
                    continue
                try:
                    future = executor.submit(run_task, task.kind, task.payload, _hint(task), settings)
                except Exception as exc:
                    yield _failure(task, _executor_code(exc), f"the executor refused the task: {exc}")
                    continue
                inflight[future] = (task, time.monotonic() + deadline_of(task))
            if not inflight:
                return
            wait_for = max(0.0, min(d for _, d in inflight.values()) - time.monotonic())
            done, _ = cf.wait(inflight, timeout=wait_for, return_when=cf.FIRST_COMPLETED)
            for future in done:
                task, _ = inflight.pop(future)
                try:
                    result = _result(task, future.result())
                except Exception as exc:  # CancelledError, KilledWorker, BrokenProcessPool, ...
                    result = _failure(task, _executor_code(exc), f"{type(exc).__name__}: {exc}")
                yield result
            now = time.monotonic()
            for future, (task, deadline) in list(inflight.items()):
                if now >= deadline and not future.done():
                    future.cancel()  # best effort: a running task may go on in the executor
                    del inflight[future]
                    yield _failure(task, ParseTimeout.code, f"no result after {deadline_of(task):g} s")
    finally:
        for future in inflight:
            future.cancel()


def _executor_code(exc: BaseException) -> str:
    name = type(exc).__name__
    return WORKER_CRASHED if name in ("KilledWorker", "BrokenProcessPool", "BrokenExecutor") else INTERNAL_ERROR


# --- the public entry points ------------------------------------------------------------------------


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def parse_many(
    sources: Iterable[BatchSource],
    *,
    workers: int | None = None,
    executor: cf.Executor | None = None,
    timeout: float | None = None,
    on_event: Callable[[Event], None] | None = None,
    options: ParseOptions | None = None,
    allow_private_urls: bool = False,
    memory_limit_mb: int | None = None,
    batch_id: str | None = None,
) -> Iterator[BatchResult]:
    """Parse many sources in parallel; yield one `BatchResult` per source, in the order they finish.

    sources: paths, URLs (http/https, fetched in the worker by `parse_url`), bytes, `(id, payload)`
        pairs, or picklable zero-argument loaders returning bytes or a path (they run in the worker).
        Read lazily, so a generator of thousands of sources is fine.
    workers: worker processes (default: `os.cpu_count()`); with `executor`, how many tasks are in
        flight at once (default: the same).
    executor: any `concurrent.futures.Executor`, e.g. `distributed.Client(...).get_executor()`.
    timeout: hard limit in seconds per document; default: `options.limits.timeout_seconds` plus 10 s,
        and 30 s more for URLs (the download). The worker of a document past it is killed and replaced.
    on_event: called in this thread with each event dict: `resume.bulk_upload_parse.started`,
        `resume.parse.completed` / `resume.parse.failed` per document (once the caller has taken that
        result, i.e. when it asks for the next one or stops), and at the end
        `resume.bulk_upload_parse.completed` (or `.failed` if the batch itself stops).
    allow_private_urls: lift the address rules of `parse_url`; for tests against a local server only.
    memory_limit_mb: address-space limit of each worker process (POSIX; not with `executor`): a document
        that needs more fails alone with `file_too_large` (or `worker_crashed` if a native library
        does not survive it) instead of waking the kernel's OOM killer.
    """
    if isinstance(sources, (str, bytes, os.PathLike)):
        raise TypeError("parse_many takes a list (or any iterable) of sources, not one source")
    if executor is not None and memory_limit_mb is not None:
        raise ValueError("memory_limit_mb applies to the worker processes of parse_many, not to an executor")
    opts = options or DEFAULT_OPTIONS

    def deadline_of(task: _Task) -> float:
        if timeout is not None:
            return timeout
        extra = FETCH_TIMEOUT_SECONDS if task.kind == "url" else 0.0
        return opts.limits.timeout_seconds + GRACE_SECONDS + extra

    tasks = (_task(i, source) for i, source in enumerate(sources))
    n = max(1, workers or os.cpu_count() or 1)
    results: Generator[BatchResult, None, None]
    if executor is None:
        settings = _Settings(opts, allow_private_urls, memory_limit_mb)
        results = _in_processes(tasks, n, deadline_of, settings)
    else:
        results = _in_executor(tasks, executor, n, deadline_of, _Settings(opts, allow_private_urls))
    total = len(sources) if isinstance(sources, Sized) else None
    return _with_events(results, total, batch_id or str(uuid.uuid4()), on_event)


def _with_events(
    results: Generator[BatchResult, None, None],
    total: int | None,
    batch_id: str,
    on_event: Callable[[Event], None] | None,
) -> Iterator[BatchResult]:
    def emit(event: str, **data: Any) -> None:
        if on_event is not None:
            on_event({"event": event, "batch_id": batch_id, "timestamp": _now(), **data})

    emit("resume.bulk_upload_parse.started", total=total)
    started = time.monotonic()
    errors: Counter[str] = Counter()
    done = 0
    try:
        for result in results:
            done += 1
            if result.error is not None:
                errors[result.error.code] += 1
            try:
                yield result
            finally:
                # After the caller has the result (stored it, written it): a webhook told "completed" may
                # come and fetch it at once.
                if result.error is None:
                    emit("resume.parse.completed", id=result.id, source=result.source, index=result.index)
                else:
                    emit(
                        "resume.parse.failed",
                        id=result.id,
                        source=result.source,
                        index=result.index,
                        code=result.error.code,
                        message=result.error.message,
                    )
    except BaseException as exc:
        reason = "stopped before the end" if isinstance(exc, GeneratorExit) else f"{type(exc).__name__}: {exc}"
        results.close()
        emit("resume.bulk_upload_parse.failed", total=total, processed=done, error=reason)
        raise
    emit(
        "resume.bulk_upload_parse.completed",
        total=done,
        parsed=done - sum(errors.values()),
        failed=sum(errors.values()),
        errors=dict(errors),
        elapsed_seconds=round(time.monotonic() - started, 3),
    )


BatchStatus = Literal["PENDING", "PROCESSING", "COMPLETED", "FAILED"]


@dataclass(frozen=True)
class BatchPage:
    batch_id: str
    status: BatchStatus
    total: int
    page_number: int
    per_page: int
    has_next_page: bool
    results: list[BatchResult] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "batch_id": self.batch_id,
            "batch_status": self.status,
            "total": self.total,
            "page_number": self.page_number,
            "per_page": self.per_page,
            "has_next_page": self.has_next_page,
            "results": [r.to_dict() for r in self.results],
        }


class Batch:
    """A batch after TapTalent's bulk model: an id, a status, a total, results by page, events.

        batch = Batch(paths, on_event=print).run()
        batch.status                      # "COMPLETED"
        batch.page(1, per_page=20)        # BatchPage(..., has_next_page=True, results=[...])

    `page` may be called from another thread while `run` (or iterating the batch) is under way; it then
    pages over the documents finished so far, in source order.
    """

    def __init__(
        self,
        sources: Iterable[BatchSource],
        *,
        workers: int | None = None,
        executor: cf.Executor | None = None,
        timeout: float | None = None,
        on_event: Callable[[Event], None] | None = None,
        options: ParseOptions | None = None,
        allow_private_urls: bool = False,
        memory_limit_mb: int | None = None,
    ) -> None:
        self.id = str(uuid.uuid4())
        self.sources = list(sources)
        self.total = len(self.sources)
        self.status: BatchStatus = "PENDING"
        self._settings: dict[str, Any] = {
            "workers": workers,
            "executor": executor,
            "timeout": timeout,
            "on_event": self._relay,
            "options": options,
            "allow_private_urls": allow_private_urls,
            "memory_limit_mb": memory_limit_mb,
        }
        self._on_event = on_event
        self._results: dict[int, BatchResult] = {}
        self._lock = threading.Lock()

    def _relay(self, event: Event) -> None:
        # The status changes before the callback hears of the end, so that a webhook may ask at once.
        if event["event"] == "resume.bulk_upload_parse.completed":
            self.status = "COMPLETED"
        elif event["event"] == "resume.bulk_upload_parse.failed":
            self.status = "FAILED"
        if self._on_event is not None:
            self._on_event(event)

    def __iter__(self) -> Iterator[BatchResult]:
        """Run the batch, yielding each result as it finishes."""
        if self.status != "PENDING":
            raise RuntimeError(f"batch {self.id} has already run ({self.status})")
        self.status = "PROCESSING"
        try:
            for result in parse_many(self.sources, batch_id=self.id, **self._settings):
                with self._lock:
                    self._results[result.index] = result
                yield result
        except BaseException:
            self.status = "FAILED"
            raise
        self.status = "COMPLETED"

    def run(self) -> Batch:
        for _ in self:
            pass
        return self

    @property
    def results(self) -> list[BatchResult]:
        """The finished results, in source order."""
        with self._lock:
            return [self._results[i] for i in sorted(self._results)]

    def page(self, number: int = 1, per_page: int = 10) -> BatchPage:
        if per_page not in PER_PAGE_CHOICES:
            raise ValueError(f"per_page must be one of {PER_PAGE_CHOICES}, not {per_page}")
        if number < 1:
            raise ValueError(f"page numbers start at 1, not {number}")
        finished = self.results
        start = (number - 1) * per_page
        return BatchPage(
            batch_id=self.id,
            status=self.status,
            total=self.total,
            page_number=number,
            per_page=per_page,
            has_next_page=start + per_page < len(finished),
            results=finished[start : start + per_page],
        )
