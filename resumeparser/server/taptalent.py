"""TapTalent's bulk-upload API: `POST /v1/partner/candidates/bulk/resume` and
`GET /v1/partner/candidates/batch/{batchId}`.

A batch's candidates are made as its resumes are parsed (a resume that fails to parse makes none; the batch's
`.completed` or `.failed` webhook counts the failures by error code). `resumeUrl` is a signed link to the stored
copy of the resume, valid for an hour from the answer; `sourceUrl`, beyond TapTalent's fields, is the URL the
resume was fetched from.
"""

from __future__ import annotations

import json
import uuid
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Body, Query, Request
from pydantic import BaseModel

from ..batch import PER_PAGE_CHOICES
from .auth import Key
from .config import MAX_BULK_URLS, ServerConfig
from .cvparserpro import PROFILE_FIELDS, file_url
from .errors import not_found, validation_error
from .fetching import url_filename
from .storage import Store, batches, candidates, jobs, now
from .validation import check_urls

router = APIRouter(prefix="/v1/partner", tags=["TapTalent"])


class BulkResumeRequest(BaseModel):
    resumeURLs: Any = None


@router.post("/candidates/bulk/resume", summary="Upload resumes by URL for parsing and candidate creation")
def bulk_upload(
    request: Request, body: Annotated[BulkResumeRequest, Body()], key: Key
) -> dict[str, Any]:
    store: Store = request.app.state.store
    config: ServerConfig = request.app.state.config
    urls = check_urls(body.resumeURLs, "resumeURLs", MAX_BULK_URLS, allow_private=config.allow_private_urls)
    batch_id = str(uuid.uuid4())
    stamp = now()
    with store.begin() as conn:
        conn.execute(
            batches.insert().values(
                id=batch_id, key_id=key.id, api="taptalent", status="PENDING", file_count=len(urls), parsed=0,
                failed=0, created_at=stamp,
            )
        )
        conn.execute(
            jobs.insert(),
            [
                {
                    "id": str(uuid.uuid4()), "key_id": key.id, "batch_id": batch_id, "position": position,
                    "kind": "url", "url": url, "filename": url_filename(url), "candidate_id": str(uuid.uuid4()),
                    "source": "bulk", "status": "pending", "attempts": 0, "created_at": stamp,
                }
                for position, url in enumerate(urls)
            ],
        )
    request.app.state.runner.notify()
    return {"success": True, "data": {"batchId": batch_id, "fileCount": len(urls)}}


def _uuid(text: str) -> str | None:
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return None


@router.get("/candidates/batch/{batchId}", summary="A page of a batch's parsed candidates")
def batch_candidates(
    request: Request,
    batchId: str,
    key: Key,
    pageNumber: Annotated[int, Query(ge=1)] = 1,
    perPage: Annotated[int, Query(description="one of 10, 20, 40, 80, 100")] = 10,
) -> dict[str, Any]:
    store: Store = request.app.state.store
    batch_id = _uuid(batchId)
    if batch_id is None:
        raise validation_error("Invalid batchId: not a UUID", [{"field": "batchId", "issue": "not a UUID"}])
    if perPage not in PER_PAGE_CHOICES:
        choices = ", ".join(map(str, PER_PAGE_CHOICES))
        raise validation_error(f"perPage must be one of {choices}", [{"field": "perPage", "issue": "not allowed"}])
    with store.engine.connect() as conn:
        batch = conn.execute(sa.select(batches).where(batches.c.id == batch_id)).first()
        if batch is None:
            raise not_found(f"batch {batch_id}")
        total = conn.execute(
            sa.select(sa.func.count()).select_from(candidates).where(candidates.c.batch_id == batch_id)
        ).scalar_one()
        rows = conn.execute(
            sa.select(candidates, jobs.c.position)
            .join(jobs, jobs.c.id == candidates.c.job_id)
            .where(candidates.c.batch_id == batch_id)
            .order_by(jobs.c.position)
            .offset((pageNumber - 1) * perPage)
            .limit(perPage)
        ).all()
    return {
        "success": True,
        "data": {
            "batchId": batch_id,
            "batchStatus": "PROCESSING" if batch.status == "PENDING" else batch.status,
            "total": total,
            "pageNumber": pageNumber,
            "perPage": perPage,
            "hasNextPage": pageNumber * perPage < total,
            "candidates": [_candidate(request, store, r) for r in rows],
        },
    }


def _candidate(request: Request, store: Store, row: Any) -> dict[str, Any]:
    profile = {**PROFILE_FIELDS, **json.loads(row.profile or "{}")}
    out = {
        "id": row.id,
        "name": profile["full_name"],
        "email": profile["email"],
        "phone": profile["phone"],
        "resumeUrl": file_url(request, store, row.id)[0] if row.file_path else None,
        "sourceUrl": row.source_url,
        "parsedData": json.loads(row.parsed_data or "{}"),
        "createdAt": row.created_at,
    }
    return {k: v for k, v in out.items() if v is not None}
