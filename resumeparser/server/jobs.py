"""Parsing off the request path: a runner thread feeds pending jobs to the batch worker pool (`parse_many`, or
a Dask cluster's executor) and writes each result back.

- A job is claimed (`pending` -> `processing`) only when a worker is free to take it, one transaction each.
- A result is written in one transaction with the job's end: the candidate (inserted, or updated when the
  upload made it already), its skills, the job's status, the batch's counts and, when the batch is over, its
  webhook event. The candidate's `job_id` is unique, so no job ever makes two candidates.
- On start-up, jobs left `processing` by a server that was killed go back to `pending` and run again.
- The pool stays up while the server runs (warm workers: no start-up cost per upload): a worker with no job
  waits on an `IdleTick`. After `IDLE_RELEASE_SECONDS` without a job the pool is let go, and it starts again
  with the next upload.
"""

from __future__ import annotations

import concurrent.futures as cf
import json
import os
import threading
import time
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..batch import BatchResult, BatchSource, parse_many
from ..export import export
from ..models import Resume
from .config import ServerConfig
from .fetching import FetchAndStore, IdleTick
from .storage import Store, batches, candidate_skills, candidates, jobs, now
from .webhooks import WebhookSender, enqueue

DONE = ("completed", "failed")
IDLE_RELEASE_SECONDS = 300.0
IDLE_PREFIX = "idle:"
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".rtf": "application/rtf",
    ".txt": "text/plain",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
}


def content_type(path: str | None) -> str:
    return CONTENT_TYPES.get(os.path.splitext(path or "")[1].lower(), "application/octet-stream")


def requeue_interrupted(store: Store) -> int:
    """Jobs a killed server left `processing` go back to `pending`; returns how many."""
    with store.begin() as conn:
        conn.execute(
            candidates.update()
            .where(candidates.c.status == "processing")
            .values(status="pending", updated_at=now())
        )
        return int(
            conn.execute(jobs.update().where(jobs.c.status == "processing").values(status="pending")).rowcount or 0
        )


def skill_names(profile: dict[str, Any]) -> list[str]:
    return sorted({str(s).strip().lower()[:200] for s in profile.get("skills") or [] if str(s).strip()})


def set_skills(conn: Connection, candidate_id: str, names: list[str]) -> None:
    conn.execute(candidate_skills.delete().where(candidate_skills.c.candidate_id == candidate_id))
    if names:
        conn.execute(candidate_skills.insert(), [{"candidate_id": candidate_id, "skill": n} for n in names])


class JobRunner:
    def __init__(self, store: Store, config: ServerConfig, webhooks: WebhookSender) -> None:
        self.store = store
        self.config = config
        self.webhooks = webhooks
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="resumeparser-jobs", daemon=True)
        self._in_hand: set[str] = set()
        """Jobs claimed by this round and not yet written back."""
        self._executor: cf.Executor | None = None
        self._client: Any = None

    def start(self) -> None:
        requeue_interrupted(self.store)
        if self.config.dask_address:
            from distributed import Client  # the `dask` extra

            self._client = Client(self.config.dask_address)
            self._executor = self._client.get_executor()
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(15)
        if self._client is not None:
            self._client.close()
        requeue_interrupted(self.store)  # what was in a worker's hands runs at the next start

    def notify(self) -> None:
        self._wake.set()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self._round()
                idle = not self._stop.is_set() and not self._has_pending()
            except Exception:  # the database went away for a moment: try again shortly
                self._stop.wait(1.0)
                continue
            if idle:
                self._wake.wait()  # idle for long: wait for the next upload
                self._wake.clear()

    def _has_pending(self) -> bool:
        with self.store.engine.connect() as conn:
            return conn.execute(sa.select(jobs.c.id).where(jobs.c.status == "pending").limit(1)).first() is not None

    def _round(self) -> None:
        """One run of the pool, for as long as there are pending jobs to claim."""
        results = parse_many(
            self._claims(),
            workers=self.config.workers,
            executor=self._executor,
            timeout=self.config.parse_timeout_seconds,
            allow_private_urls=self.config.allow_private_urls,
        )
        try:
            for result in results:
                if not result.id.startswith(IDLE_PREFIX):
                    self.finish(result)
                    self._in_hand.discard(result.id)
                if self._stop.is_set():
                    break
        except Exception:
            self._put_back()  # what this round had in hand runs again in the next one
            raise
        finally:
            results.close()  # type: ignore[attr-defined]

    def _put_back(self) -> None:
        try:
            with self.store.begin() as conn:
                for job_id in self._in_hand:
                    conn.execute(
                        jobs.update().where(jobs.c.id == job_id, jobs.c.status == "processing").values(status="pending")
                    )
            self._in_hand.clear()
        except Exception:  # still no database: the next start-up puts them back
            pass

    def _claims(self) -> Iterator[BatchSource]:
        idle_since = time.monotonic()
        ticks = 0
        while not self._stop.is_set():
            job = self.claim()
            if job is None:
                if time.monotonic() - idle_since > IDLE_RELEASE_SECONDS:
                    return
                ticks += 1
                yield f"{IDLE_PREFIX}{ticks}", IdleTick()
                continue
            idle_since = time.monotonic()
            self._in_hand.add(job.id)
            self.webhooks.notify()
            if job.kind == "url":
                files_dir = os.path.abspath(self.config.files_dir)
                yield job.id, FetchAndStore(job.url, files_dir, self.config.allow_private_urls)
            else:
                yield job.id, os.path.abspath(self.store.path_of(job.file_path))

    def claim(self) -> Any:
        """The oldest pending job, now `processing`; None when there is none."""
        with self.store.begin() as conn:
            query = (
                sa.select(jobs)
                .where(jobs.c.status == "pending")
                .order_by(jobs.c.created_at, jobs.c.position)
                .limit(1)
            )
            if conn.dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True)
            job = conn.execute(query).first()
            if job is None:
                return None
            stamp = now()
            conn.execute(
                jobs.update()
                .where(jobs.c.id == job.id)
                .values(status="processing", attempts=job.attempts + 1, started_at=stamp)
            )
            conn.execute(
                candidates.update()
                .where(candidates.c.job_id == job.id, candidates.c.status == "pending")
                .values(status="processing", updated_at=stamp)
            )
            if job.batch_id is not None:
                started = conn.execute(
                    batches.update()
                    .where(batches.c.id == job.batch_id, batches.c.status == "PENDING")
                    .values(status="PROCESSING", started_at=stamp)
                ).rowcount
                if started:
                    count = conn.execute(sa.select(batches.c.file_count).where(batches.c.id == job.batch_id)).scalar()
                    enqueue(
                        conn, job.key_id, "resume.bulk_upload_parse.started", job.batch_id,
                        {"batchId": job.batch_id, "fileCount": count, "startedAt": stamp},
                    )
        return job

    def finish(self, result: BatchResult) -> None:
        """Write one result; a job already finished (or deleted meanwhile) is left as it is."""
        event = False
        with self.store.begin() as conn:
            job = conn.execute(sa.select(jobs).where(jobs.c.id == result.id)).first()
            if job is None or job.status in DONE:
                return
            stamp = now()
            existing = conn.execute(sa.select(candidates.c.id).where(candidates.c.job_id == job.id)).first()
            if result.record is not None:
                self._store_candidate(conn, job, result.record, existing is not None, stamp)
                conn.execute(jobs.update().where(jobs.c.id == job.id).values(status="completed", finished_at=stamp))
            else:
                assert result.error is not None
                conn.execute(
                    jobs.update()
                    .where(jobs.c.id == job.id)
                    .values(
                        status="failed", finished_at=stamp, error_code=result.error.code,
                        error_message=result.error.message,
                    )
                )
                if existing is not None:
                    conn.execute(
                        candidates.update()
                        .where(candidates.c.id == existing.id)
                        .values(
                            status="failed",
                            errors=json.dumps([f"{result.error.code}: {result.error.message}"]),
                            parsed_at=stamp,
                            updated_at=stamp,
                        )
                    )
            if job.batch_id is not None:
                event = self._count(conn, job, result.ok, stamp)
        if event:
            self.webhooks.notify()

    def _store_candidate(self, conn: Connection, job: Any, record: Resume, exists: bool, stamp: str) -> None:
        file_path, sha = job.file_path, job.file_sha256
        stored = record.meta.filename
        if job.kind == "url" and stored:  # the worker stored the download as <sha256><.ext>
            sha = stored.split(".", 1)[0]
            file_path = os.path.join(os.path.basename(self.config.files_dir), sha[:2], stored)
        profile = export(record, "cvparserpro", file=job.filename)
        for system_field in ("parsing_status", "parsing_confidence", "parsing_errors", "original_filename"):
            profile.pop(system_field, None)
        parsed = export(record, "taptalent").get("parsedData", {})
        errors = [w.message or w.code for w in record.warnings]
        values = {
            "status": "completed",
            "file_path": file_path,
            "file_sha256": sha,
            "content_type": content_type(file_path),
            "profile": json.dumps(profile, ensure_ascii=False),
            "parsed_data": json.dumps(parsed, ensure_ascii=False),
            "record": record.to_json(),
            "confidence": record.confidence.overall,
            "errors": json.dumps(errors, ensure_ascii=False) if errors else None,
            "parsed_at": stamp,
            "updated_at": stamp,
        }
        if exists:
            conn.execute(candidates.update().where(candidates.c.job_id == job.id).values(**values))
        else:
            conn.execute(
                candidates.insert().values(
                    id=job.candidate_id,
                    job_id=job.id,
                    batch_id=job.batch_id,
                    key_id=job.key_id,
                    source=job.source,
                    source_url=job.url,
                    original_filename=job.filename,
                    created_at=stamp,
                    **values,
                )
            )
        set_skills(conn, job.candidate_id, skill_names(profile))

    def _count(self, conn: Connection, job: Any, ok: bool, stamp: str) -> bool:
        """Count the result in its batch; at the batch's end set its status and record its event."""
        column = batches.c.parsed if ok else batches.c.failed
        conn.execute(batches.update().where(batches.c.id == job.batch_id).values({column: column + 1}))
        left = conn.execute(
            sa.select(sa.func.count())
            .select_from(jobs)
            .where(jobs.c.batch_id == job.batch_id, jobs.c.status.in_(("pending", "processing")))
        ).scalar_one()
        if left:
            return False
        batch = conn.execute(sa.select(batches).where(batches.c.id == job.batch_id)).one()
        status = "FAILED" if batch.parsed == 0 else "COMPLETED"
        changed = conn.execute(
            batches.update()
            .where(batches.c.id == batch.id, batches.c.status.in_(("PENDING", "PROCESSING")))
            .values(status=status, finished_at=stamp)
        ).rowcount
        if not changed:
            return False
        errors: dict[str, int] = dict(
            conn.execute(
                sa.select(jobs.c.error_code, sa.func.count())
                .where(jobs.c.batch_id == batch.id, jobs.c.status == "failed")
                .group_by(jobs.c.error_code)
            ).all()
        )
        name = "resume.bulk_upload_parse.completed" if status == "COMPLETED" else "resume.bulk_upload_parse.failed"
        data = {
            "batchId": batch.id,
            "batchStatus": status,
            "fileCount": batch.file_count,
            "parsed": batch.parsed,
            "failed": batch.failed,
            "errors": errors,
            "finishedAt": stamp,
        }
        return enqueue(conn, job.key_id, name, batch.id, data) is not None
