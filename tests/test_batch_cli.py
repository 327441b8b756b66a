"""`resumeparser batch`: JSON Lines out, a summary, and a run killed with SIGKILL that resumes where it was."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from .conftest import FIXTURES, ROOT

SAMPLE = FIXTURES / "samples" / "jane_doe.txt"
TRUNCATED_PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pa"


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "resumeparser", "batch", *args]


def _lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _corpus(folder: Path, n: int) -> Counter[str | None]:
    """n files: copies of the sample, with truncated, empty, oversized and very slow ones among them.

    The slow ones are real text files of 1.9 million characters (just under the text limit), which take
    the parser several seconds each, far over the one-second limit the test sets.
    """
    folder.mkdir()
    text = SAMPLE.read_bytes()
    expected: Counter[str | None] = Counter()
    for i in range(n):
        path = folder / f"cv-{i:04}.txt"
        if i % 50 == 7:
            path.write_bytes(TRUNCATED_PDF)
            expected["corrupt_document"] += 1
        elif i % 50 == 21:
            path.write_bytes(b"")
            expected["empty_document"] += 1
        elif i % 400 == 123:
            path.write_bytes((text * 2400)[:1_900_000])
            expected["timeout"] += 1
        elif i % 250 == 40:
            with open(path, "wb") as handle:  # sparse: over the 20 MB default limit without writing it
                handle.truncate(21 * 1024 * 1024)
            expected["file_too_large"] += 1
        else:
            path.write_bytes(text)
            expected[None] += 1
    return expected


def test_batch_writes_one_line_per_file_and_a_summary(tmp_path: Path) -> None:
    expected = _corpus(tmp_path / "in", 60)
    out = tmp_path / "in" / "out.jsonl"  # inside the folder read, and already there: not a source itself
    out.write_bytes(b"")
    run = subprocess.run(
        _cli(str(tmp_path / "in"), "--out", str(out), "--workers", "2"),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert run.returncode == 1  # some files failed
    lines = _lines(out)
    assert len(lines) == 60
    assert Counter(line["error"]["code"] if not line["ok"] else None for line in lines) == expected  # type: ignore[index]
    assert all(set(line) == {"id", "source", "ok", "record"} for line in lines if line["ok"])
    assert all(set(line) == {"id", "source", "ok", "error"} for line in lines if not line["ok"])
    summary = run.stderr.strip().splitlines()[-1]
    assert summary.startswith(f"parsed {expected[None]}, failed {60 - expected[None]} (")
    assert "corrupt_document 2" in summary and "documents/s" in summary


def test_killed_batch_resumes_without_redoing_finished_documents(tmp_path: Path) -> None:
    expected = _corpus(tmp_path / "in", 1000)
    out = tmp_path / "out.jsonl"
    args = _cli(str(tmp_path / "in"), "--out", str(out), "--workers", "2", "--timeout", "1", "--quiet")

    first = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and first.poll() is None:
        if out.exists() and out.read_bytes().count(b"\n") >= 150:
            break
        time.sleep(0.02)
    first.kill()  # SIGKILL: no cleanup of any kind in the CLI process
    first.wait(10)
    assert first.returncode == -9
    before = out.read_bytes()
    done_before = [json.loads(line) for line in before.splitlines(keepends=True) if line.endswith(b"\n")]
    assert 150 <= len(done_before) < 1000

    second = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)
    lines = _lines(out)
    assert len(lines) == 1000
    sources = [line["source"] for line in lines]
    assert len(set(sources)) == 1000
    assert set(sources) == {str(p) for p in (tmp_path / "in").iterdir()}
    assert lines[: len(done_before)] == done_before  # the first run's lines are kept as they were
    assert Counter(line["error"]["code"] if not line["ok"] else None for line in lines) == expected  # type: ignore[index]
    assert f"skipped {len(done_before)} already in" in second.stderr
    stopped = [line for line in lines if not line["ok"] and line["error"]["code"] == "timeout"]  # type: ignore[index]
    assert all("the worker was stopped" in line["error"]["message"] for line in stopped)  # type: ignore[index]


def test_a_line_cut_short_by_a_kill_is_redone(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_bytes(SAMPLE.read_bytes())
    out = tmp_path / "out.jsonl"
    whole = json.dumps({"id": "a", "source": str(folder / "a.txt"), "ok": False, "error": {"code": "x", "message": ""}})
    out.write_text(whole + "\n" + '{"id": "b", "source": "' + str(folder / "b.txt"), encoding="utf-8")

    run = subprocess.run(_cli(str(folder), "--out", str(out)), capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 0, run.stderr
    lines = _lines(out)
    assert [line["source"] for line in lines] == [str(folder / "a.txt"), str(folder / "b.txt")]
    assert lines[0]["error"] == {"code": "x", "message": ""}  # kept, not redone
    assert lines[1]["ok"] is True


def test_urls_from_a_file_are_checked_before_any_fetch(tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text("# candidates\nhttp://127.0.0.1:9/cv.pdf\n\nftp://example.com/cv.pdf\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run = subprocess.run(
        _cli("--urls", str(urls), "--out", str(out)), capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert run.returncode == 1
    lines = _lines(out)
    assert {line["source"]: line["error"]["code"] for line in lines} == {  # type: ignore[index]
        "http://127.0.0.1:9/cv.pdf": "blocked_url",
        "ftp://example.com/cv.pdf": "blocked_url",
    }
