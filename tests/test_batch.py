"""parse_many and Batch: worker processes, time limits, crashes, events, pages.

Hangs and crashes come from loaders defined here (a source may be a picklable callable that the worker
runs to get the bytes): one sleeps for an hour, one calls os._exit, one dereferences a null pointer, one
sends itself SIGKILL as the kernel's OOM killer would. Everything else is real files.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from resumeparser import Batch, Limits, ParseOptions, parse_many
from resumeparser.batch import BatchResult

from .conftest import FIXTURES, ROOT
from .test_fetch import server  # noqa: F401  (the local HTTP server fixture)

SAMPLE = FIXTURES / "samples" / "jane_doe.txt"
EMAIL = "jane.doe@example.org"
TRUNCATED_PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pa"


class Hang:
    def __call__(self) -> bytes:
        time.sleep(3600)
        return b""


class HangWithATool:
    """Starts a long-running program (as OCR starts tesseract), writes its pid down, then hangs."""

    def __init__(self, pid_file: str) -> None:
        self.pid_file = pid_file

    def __call__(self) -> bytes:
        tool = subprocess.Popen(["sleep", "600"])
        Path(self.pid_file).write_text(str(tool.pid))
        time.sleep(3600)
        return b""


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


class Greedy:
    """Asks for 2 GB at once (as a decompression bomb would), then gives the sample resume."""

    def __call__(self) -> bytes:
        buffer = bytearray(2 * 1024**3)  # zeroed pages, not touched: cheap when it is allowed
        del buffer
        return SAMPLE.read_bytes()


class ExitNow:
    def __call__(self) -> bytes:
        os._exit(3)


class Segfault:
    def __call__(self) -> bytes:
        ctypes.string_at(0)
        return b""


class KilledForMemory:
    def __call__(self) -> bytes:
        os.kill(os.getpid(), signal.SIGKILL)
        return b""


def _codes(results: list[BatchResult]) -> dict[str, str | None]:
    return {r.id: (r.error.code if r.error else None) for r in results}


def _no_workers_left() -> bool:
    deadline = time.monotonic() + 5
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    return not multiprocessing.active_children()


def test_each_source_gets_one_result_and_every_failure_is_typed(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    sources: list[Any] = [
        ("ok-path", str(SAMPLE)),
        ("ok-bytes", SAMPLE.read_bytes()),
        ("empty", str(empty)),
        ("truncated", TRUNCATED_PDF),
        ("missing", str(tmp_path / "missing.pdf")),
        ("hang", Hang()),
        ("exit", ExitNow()),
        ("segfault", Segfault()),
        ("oom-killed", KilledForMemory()),
        ("after-the-crashes", SAMPLE),
        ("not-a-source", None),
    ]
    results = list(parse_many(sources, workers=2, timeout=2))

    assert sorted(r.index for r in results) == list(range(len(sources)))
    assert _codes(results) == {
        "ok-path": None,
        "ok-bytes": None,
        "empty": "empty_document",
        "truncated": "corrupt_document",
        "missing": "file_not_found",
        "hang": "timeout",
        "exit": "worker_crashed",
        "segfault": "worker_crashed",
        "oom-killed": "worker_crashed",
        "after-the-crashes": None,
        "not-a-source": "invalid_source",
    }
    by_id = {r.id: r for r in results}
    assert by_id["ok-path"].record is not None and by_id["ok-path"].record.emails == [EMAIL]
    assert by_id["after-the-crashes"].record is not None
    assert "SIGSEGV" in by_id["segfault"].error.message  # type: ignore[union-attr]
    assert "SIGKILL" in by_id["oom-killed"].error.message  # type: ignore[union-attr]
    assert _no_workers_left()


@pytest.mark.skipif(not Path("/proc").exists(), reason="reads /proc")
def test_a_stopped_worker_takes_the_programs_it_started_with_it(tmp_path: Path) -> None:
    pid_file = tmp_path / "tool.pid"
    results = list(parse_many([("hang", HangWithATool(str(pid_file)))], workers=1, timeout=1.5))
    assert results[0].error is not None and results[0].error.code == "timeout"
    pid = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while _running(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(pid)


@pytest.mark.skipif(not hasattr(os, "setpgrp"), reason="POSIX resource limits")
def test_a_memory_limit_turns_a_greedy_document_into_a_typed_error() -> None:
    sources: list[Any] = [("greedy", Greedy()), ("fine", SAMPLE)]
    results = list(parse_many(sources, workers=1, memory_limit_mb=1500))
    assert _codes(results) == {"greedy": "file_too_large", "fine": None}
    assert _codes(list(parse_many(sources, workers=1))) == {"greedy": None, "fine": None}  # the limit did it


def test_results_come_as_they_finish_not_in_input_order() -> None:
    results = list(parse_many([("slow", Hang()), ("quick", SAMPLE)], workers=2, timeout=1.5))
    assert [r.id for r in results] == ["quick", "slow"]


def test_sources_without_ids_are_named_by_path_or_position(tmp_path: Path) -> None:
    results = list(parse_many([SAMPLE, SAMPLE.read_bytes()], workers=1))
    assert sorted(r.id for r in results) == sorted([str(SAMPLE), "1"])
    assert {r.source for r in results} == {str(SAMPLE), None}
    line = next(r for r in results if r.source).to_dict()
    assert line["ok"] is True and line["record"]["emails"] == [EMAIL] and "error" not in line


def test_one_source_instead_of_a_list_is_refused() -> None:
    with pytest.raises(TypeError):
        parse_many(str(SAMPLE))  # type: ignore[arg-type]


def test_events_tell_the_story_of_the_batch() -> None:
    events: list[dict[str, Any]] = []
    batch_id = str(uuid.uuid4())
    sources = [("a", SAMPLE), ("b", b""), ("c", SAMPLE)]
    list(parse_many(sources, workers=2, on_event=events.append, batch_id=batch_id))

    names = [e["event"] for e in events]
    assert names[0] == "resume.bulk_upload_parse.started" and events[0]["total"] == 3
    assert names[-1] == "resume.bulk_upload_parse.completed"
    assert events[-1]["parsed"] == 2 and events[-1]["failed"] == 1 and events[-1]["errors"] == {"empty_document": 1}
    per_doc = {e["id"]: e for e in events[1:-1]}
    assert set(per_doc) == {"a", "b", "c"} and len(events) == 5
    assert per_doc["b"]["event"] == "resume.parse.failed" and per_doc["b"]["code"] == "empty_document"
    assert per_doc["a"]["event"] == "resume.parse.completed"
    assert {e["batch_id"] for e in events} == {batch_id}


def test_stopping_early_reports_a_failed_batch_and_leaves_no_workers() -> None:
    events: list[dict[str, Any]] = []
    stream = parse_many([SAMPLE] * 30, workers=2, on_event=events.append)
    next(stream)
    stream.close()
    assert events[-1]["event"] == "resume.bulk_upload_parse.failed"
    assert events[-1]["processed"] == 1
    assert _no_workers_left()


def test_batch_status_total_and_pages() -> None:
    statuses: list[tuple[str, str]] = []
    sources: list[Any] = [(f"cv-{i:02}", SAMPLE) for i in range(23)] + [("broken", TRUNCATED_PDF)]
    retrievable: list[bool] = []

    def webhook(event: dict[str, Any]) -> None:
        statuses.append((event["event"], batch.status))
        if event["event"].startswith("resume.parse."):  # told of a document, the page already has it
            retrievable.append(event["id"] in {r.id for r in batch.page(1, per_page=100).results})

    batch = Batch(sources, workers=2, on_event=webhook)
    uuid.UUID(batch.id)
    assert batch.status == "PENDING" and batch.total == 24

    assert batch.run() is batch
    assert batch.status == "COMPLETED"
    assert statuses[-1] == ("resume.bulk_upload_parse.completed", "COMPLETED")
    assert {status for _, status in statuses[:-1]} == {"PROCESSING"} and len(statuses) == 26
    assert retrievable == [True] * 24
    first, third = batch.page(1, per_page=10), batch.page(3, per_page=10)
    assert first.has_next_page and not third.has_next_page
    assert [r.id for r in first.results] == [f"cv-{i:02}" for i in range(10)]
    assert [r.id for r in third.results] == ["cv-20", "cv-21", "cv-22", "broken"]
    assert third.results[-1].error is not None and third.results[-1].error.code == "corrupt_document"
    assert batch.page(1, per_page=40).to_dict()["total"] == 24
    assert not batch.page(1, per_page=40).has_next_page
    with pytest.raises(ValueError):
        batch.page(1, per_page=15)
    with pytest.raises(ValueError):
        batch.page(0)
    with pytest.raises(RuntimeError):
        batch.run()


def test_urls_are_fetched_in_the_workers(server: str) -> None:  # noqa: F811
    urls = [f"{server}/cv.txt", f"{server}/missing.pdf", "ftp://example.com/cv.pdf"]
    allowed = _codes(list(parse_many(urls, workers=2, allow_private_urls=True)))
    assert allowed == {urls[0]: None, urls[1]: "fetch_failed", urls[2]: "blocked_url"}
    # Without the test-only setting the local server is a loopback address.
    assert _codes(list(parse_many(urls[:1], workers=1))) == {urls[0]: "blocked_url"}


def test_a_thousand_documents_with_bad_ones_among_them(tmp_path: Path) -> None:
    """1,000 sources: fixture copies, corrupt, empty, oversized, missing, hanging and crashing ones."""
    text = SAMPLE.read_text(encoding="utf-8")
    limits = Limits(max_file_bytes=20_000)
    plan: list[tuple[str, Any]] = []
    expected: Counter[str | None] = Counter()
    for i in range(1000):
        path = tmp_path / f"cv-{i:04}.txt"
        kind: str | None
        if i % 100 == 17:
            path.write_bytes(TRUNCATED_PDF)
            kind = "corrupt_document"
        elif i % 100 == 33:
            path.write_bytes(b"")
            kind = "empty_document"
        elif i % 100 == 51:
            path.write_text(text * 40, encoding="utf-8")  # over the 20,000-byte limit of this run
            kind = "file_too_large"
        elif i % 100 == 68:
            kind = "file_not_found"
        elif i % 200 == 85:
            plan.append((path.name, Hang()))
            expected["timeout"] += 1
            continue
        elif i % 200 == 185:
            plan.append((path.name, ExitNow()))
            expected["worker_crashed"] += 1
            continue
        else:
            path.write_text(text, encoding="utf-8")
            kind = None
        plan.append((path.name, str(path)))
        expected[kind] += 1

    results = list(parse_many(plan, workers=2, timeout=2, options=ParseOptions(limits=limits)))

    assert len(results) == 1000
    assert sorted(r.index for r in results) == list(range(1000))
    assert len({r.id for r in results}) == 1000
    assert Counter(r.error.code if r.error else None for r in results) == expected
    assert expected["timeout"] == 5 and expected["worker_crashed"] == 5 and expected[None] == 950
    for r in results:
        if r.record is not None:
            assert r.record.emails == [EMAIL]
            assert r.record.meta.filename == r.id  # each record belongs to its own source
    assert _no_workers_left()


def test_workers_run_when_the_package_is_vendored(tmp_path: Path) -> None:
    parent = tmp_path / "acme_service" / "_vendor"
    parent.mkdir(parents=True)
    (tmp_path / "acme_service" / "__init__.py").write_text("")
    (parent / "__init__.py").write_text("")
    shutil.copytree(ROOT / "resumeparser", parent / "resumeparser", ignore=shutil.ignore_patterns("__pycache__"))
    code = (
        "import sys\n"
        "from acme_service._vendor import resumeparser\n"
        f"results = resumeparser.parse_many([{str(SAMPLE)!r}, b''], workers=2)\n"
        "print(sorted((r.ok, r.error.code if r.error else r.record.emails[0]) for r in results))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[(False, 'empty_document'), (True, 'jane.doe@example.org')]"


def test_a_failing_callback_fails_the_batch_and_stops_its_workers() -> None:
    def webhook(event: dict[str, Any]) -> None:
        if event["event"] == "resume.parse.completed":
            raise ConnectionError("webhook endpoint down")

    batch = Batch([SAMPLE] * 10, workers=2, on_event=webhook)
    with pytest.raises(ConnectionError):
        batch.run()
    assert batch.status == "FAILED"
    assert len(batch.results) == 1
    assert _no_workers_left()


def test_a_memory_limit_is_not_silently_ignored_with_an_executor() -> None:
    with ThreadPoolExecutor(1) as pool, pytest.raises(ValueError):
        parse_many([str(SAMPLE)], executor=pool, memory_limit_mb=500)


def test_batch_with_a_thread_pool_executor() -> None:
    with ThreadPoolExecutor(2) as pool:
        batch = Batch([str(SAMPLE), b"", str(SAMPLE)], executor=pool).run()
    assert batch.status == "COMPLETED"
    assert [r.ok for r in batch.page(1).results] == [True, False, True]
