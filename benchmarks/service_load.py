"""Load on the parsing service: N concurrent uploads (`POST /v1/parse`, one TXT or PDF resume each) from a local
client to the real server (uvicorn in a subprocess, a temporary data folder), then wait until every candidate is
parsed. Prints requests/s and latency percentiles of the upload endpoint, and documents/s of parsing; fails
(exit 1) if any upload errs or any candidate is lost or not completed.

    .venv/bin/python benchmarks/service_load.py [--uploads 200] [--concurrency 200] [--workers 2] [--database URL]

Traffic goes to 127.0.0.1 only; the run is bounded (N requests, then polling with a time limit) and stops itself.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures" / "generated"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _resumes(count: int, pdf_share: float) -> list[tuple[str, bytes]]:
    txts = sorted(FIXTURES.glob("*/resume.txt"))
    pdfs = sorted(FIXTURES.glob("*/resume.pdf"))
    out = []
    for i in range(count):
        if pdfs and i < count * pdf_share:
            source = pdfs[i % len(pdfs)]
            out.append((f"{source.parent.name}-{i}.pdf", source.read_bytes()))
        else:
            source = txts[i % len(txts)]
            out.append((f"{source.parent.name}-{i}.txt", source.read_bytes() + f"\nReference: {i}\n".encode()))
    return out


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


Outcome = tuple[list[float], list[str], list[str], float]
"""Upload latencies, candidate ids, errors, seconds."""


async def _upload_all(url: str, key: str, files: list[tuple[str, bytes]], concurrency: int) -> Outcome:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    gate = asyncio.Semaphore(concurrency)
    latencies: list[float] = []
    ids: list[str] = []
    errors: list[str] = []
    async with httpx.AsyncClient(limits=limits, timeout=120) as client:

        async def one(name: str, data: bytes) -> None:
            async with gate:
                started = time.perf_counter()
                try:
                    answer = await client.post(
                        f"{url}/v1/parse", headers={"X-API-Key": key}, files={"files": (name, data)}
                    )
                except httpx.HTTPError as exc:
                    errors.append(f"{name}: {type(exc).__name__}: {exc}")
                    return
                latencies.append(time.perf_counter() - started)
                if answer.status_code != 201:
                    errors.append(f"{name}: HTTP {answer.status_code} {answer.text[:200]}")
                    return
                ids.extend(c["id"] for c in answer.json()["candidates"])

        started = time.perf_counter()
        await asyncio.gather(*(one(n, d) for n, d in files))
        elapsed = time.perf_counter() - started
    return latencies, ids, errors, elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--uploads", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pdf-share", type=float, default=0.25, help="share of the uploads that are PDFs")
    parser.add_argument("--database", help="SQLAlchemy URL (default: SQLite in the temporary data folder)")
    parser.add_argument("--wait", type=float, default=900.0, help="seconds to wait for the parsing at most")
    args = parser.parse_args(argv)

    data = tempfile.mkdtemp(prefix="rp-load-")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    storage = ["--data", data, *(["--database", args.database] if args.database else [])]
    key_out = subprocess.run(
        [sys.executable, "-m", "resumeparser", "keys", "create", *storage, "--rate-limit", "100000"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    key = key_out.stdout.strip().splitlines()[-1]
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "resumeparser", "serve", "--port", str(port), "--workers", str(args.workers), *storage],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                print("the server did not come up", file=sys.stderr)
                return 1
            time.sleep(0.2)
        files = _resumes(args.uploads, args.pdf_share)
        t0 = time.perf_counter()
        latencies, ids, errors, upload_seconds = asyncio.run(_upload_all(url, key, files, args.concurrency))
        done_at = None
        limit = time.monotonic() + args.wait
        while time.monotonic() < limit:
            jobs = httpx.get(url + "/healthz", timeout=30).json()["jobs"]
            if jobs["pending"] == 0 and jobs["processing"] == 0:
                done_at = time.perf_counter()
                break
            time.sleep(0.2)
        listed: dict[str, str] = {}
        page = 1
        while True:
            answer = httpx.get(
                url + "/v1/candidates", headers={"X-API-Key": key}, params={"page": page, "limit": 100}, timeout=60
            ).json()
            listed.update({c["id"]: c["parsing_status"] for c in answer["data"]})
            if not answer["meta"]["has_next"]:
                break
            page += 1
        lost = [i for i in ids if i not in listed]
        not_completed = [i for i, s in listed.items() if s != "completed"]
        print(
            f"uploads: {args.uploads} ({args.pdf_share:.0%} PDF, the rest TXT), {args.concurrency} at once, "
            f"{args.workers} parse workers, database {args.database or 'SQLite'}"
        )
        print(
            f"upload errors: {len(errors)}; candidates created {len(ids)}, listed {len(listed)}, lost {len(lost)}, "
            f"not completed {len(not_completed)}"
        )
        for line in errors[:5]:
            print("  " + line)
        if latencies:
            print(
                f"upload endpoint: {len(latencies) / upload_seconds:.1f} requests/s over {upload_seconds:.2f} s; "
                f"latency p50 {_percentile(latencies, 0.5) * 1000:.0f} ms, "
                f"p95 {_percentile(latencies, 0.95) * 1000:.0f} ms, "
                f"max {max(latencies) * 1000:.0f} ms"
            )
        if done_at is not None:
            total = done_at - t0
            print(
                f"parsing: {len(ids)} documents in {total:.1f} s from the first upload, "
                f"{len(ids) / total:.2f} documents/s"
            )
        else:
            print("parsing did not finish in time")
        ok = not errors and not lost and not not_completed and done_at is not None and len(ids) == args.uploads
        print("result: " + ("ok, nothing lost" if ok else "FAILED"))
        return 0 if ok else 1
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
