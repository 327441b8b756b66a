"""CV Parser Pro's parse and candidate API: `POST /v1/parse`, `POST /v1/parse/url`, `GET /v1/candidates`,
`GET/PATCH/DELETE /v1/candidates/{id}` and `GET /v1/candidates/{id}/file`.

The candidate object is the library's CV Parser Pro export (`export(record, "cvparserpro")`) with the system's
fields: id, source, parsing_status, parsing_confidence, parsing_errors, original_filename, created_at, parsed_at
(and, on the single object, tags and jobs, always empty here: this service has no jobs or tags).
"""

from __future__ import annotations

import json
import os
import time
import uuid
from typing import Annotated, Any, Literal

import sqlalchemy as sa
from fastapi import APIRouter, Body, File, Query, Request, UploadFile
from fastapi.responses import FileResponse
from pydantic import BaseModel
from sqlalchemy.engine import Connection

from .auth import Key
from .config import MAX_FILES_PER_REQUEST, MAX_PARSE_URLS, SIGNED_URL_SECONDS, ServerConfig
from .errors import ApiError, not_found, validation_error
from .fetching import url_filename
from .jobs import content_type, set_skills, skill_names
from .signing import sign_file
from .storage import Store, candidate_skills, candidates, jobs, now
from .validation import check_upload, check_urls

router = APIRouter(prefix="/v1", tags=["CV Parser Pro"])

PROFILE_FIELDS: dict[str, Any] = {
    "full_name": None, "email": None, "phone": None, "location": None, "current_title": None,
    "years_of_experience": None, "skills": [], "languages": [], "work_history": [], "education": [],
    "certifications": [], "linkedin_url": None, "github_url": None, "portfolio_url": None, "ai_summary": None,
}
"""The parsed fields of the candidate object, as a candidate not parsed yet shows them."""
PATCHABLE = (
    "full_name", "email", "phone", "location", "current_title", "years_of_experience", "skills", "languages",
    "linkedin_url", "github_url", "portfolio_url", "ai_summary",
)
"""The page's "Allowed Fields"."""
LIST_OMITS = ("tags", "jobs", "parsing_errors")
"""The list endpoint returns a subset: the single object adds these."""
Status = Literal["pending", "processing", "completed", "failed"]


class ParseUrlsRequest(BaseModel):
    urls: list[Any] | None = None


def candidate_object(row: Any, *, full: bool = True) -> dict[str, Any]:
    profile = {**PROFILE_FIELDS, **json.loads(row.profile)} if row.profile else dict(PROFILE_FIELDS)
    out: dict[str, Any] = {"id": row.id, **profile}
    out.update(
        original_filename=row.original_filename,
        source=row.source,
        parsing_status=row.status,
        parsing_confidence=row.confidence,
        parsing_errors=json.loads(row.errors) if row.errors else None,
        tags=[],
        jobs=[],
        created_at=row.created_at,
        parsed_at=row.parsed_at,
    )
    if not full:
        for name in LIST_OMITS:
            out.pop(name)
    return out


def _state(request: Request) -> tuple[Store, ServerConfig]:
    return request.app.state.store, request.app.state.config


def _new_job(conn: Connection, key: Any, stamp: str, position: int, **values: Any) -> str:
    job_id, candidate_id = str(uuid.uuid4()), str(uuid.uuid4())
    conn.execute(
        jobs.insert().values(
            id=job_id, key_id=key.id, position=position, candidate_id=candidate_id, status="pending", attempts=0,
            created_at=stamp, **values,
        )
    )
    return candidate_id


@router.post("/parse", status_code=201, summary="Upload one or more CV files for parsing")
def parse_files(
    request: Request,
    files: Annotated[list[UploadFile], File(description="PDF, DOCX, DOC, PNG, JPG, TIFF, TXT or RTF, 10 MB each")],
    key: Key,
) -> dict[str, Any]:
    store, config = _state(request)
    if len(files) > MAX_FILES_PER_REQUEST:
        raise validation_error(f"at most {MAX_FILES_PER_REQUEST} files per request", [{"field": "files"}])
    uploads = [check_upload(f.filename, f.file, config.max_upload_bytes) for f in files]  # all, before storing
    stamp = now()
    out = []
    with store.begin() as conn:
        for position, upload in enumerate(uploads):
            sha, path = store.store_file(upload.data, upload.suffix)
            candidate_id = _new_job(
                conn, key, stamp, position, kind="file", file_sha256=sha, file_path=path, filename=upload.filename,
                source="api",
            )
            _pending_candidate(conn, candidate_id, key, "api", upload.filename, stamp, sha=sha, path=path)
            out.append({"id": candidate_id, "filename": upload.filename, "status": "pending"})
    request.app.state.runner.notify()
    return {"success": True, "candidates": out, "credits_remaining": None}


def _pending_candidate(
    conn: Connection, candidate_id: str, key: Any, source: str, filename: str, stamp: str, **file: Any
) -> None:
    job_id = conn.execute(sa.select(jobs.c.id).where(jobs.c.candidate_id == candidate_id)).scalar_one()
    conn.execute(
        candidates.insert().values(
            id=candidate_id, job_id=job_id, key_id=key.id, source=source, status="pending",
            original_filename=filename, file_sha256=file.get("sha"), file_path=file.get("path"),
            source_url=file.get("url"), content_type=content_type(file["path"]) if file.get("path") else None,
            created_at=stamp, updated_at=stamp,
        )
    )


@router.post("/parse/url", status_code=201, summary="Parse CVs from publicly accessible URLs")
def parse_urls(
    request: Request, body: Annotated[ParseUrlsRequest, Body()], key: Key
) -> dict[str, Any]:
    store, config = _state(request)
    urls = check_urls(body.urls, "urls", MAX_PARSE_URLS, allow_private=config.allow_private_urls)
    stamp = now()
    out = []
    with store.begin() as conn:
        for position, url in enumerate(urls):
            filename = url_filename(url)
            candidate_id = _new_job(conn, key, stamp, position, kind="url", url=url, filename=filename, source="url")
            _pending_candidate(conn, candidate_id, key, "url", filename, stamp, url=url)
            out.append({"id": candidate_id, "filename": filename, "status": "pending"})
    request.app.state.runner.notify()
    return {
        "success": True, "processed": len(out), "failed": 0, "candidates": out, "errors": [], "credits_remaining": None,
    }


@router.get("/candidates", summary="A page of candidates")
def list_candidates(
    request: Request,
    key: Key,
    page: Annotated[int, Query(ge=1)] = 1,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    status: Status | None = None,
    skills: Annotated[str | None, Query(description="comma-separated; a candidate must have every one")] = None,
) -> dict[str, Any]:
    store, _ = _state(request)
    where: list[Any] = []
    if status:
        where.append(candidates.c.status == status)
    for skill in {s.strip().lower() for s in (skills or "").split(",") if s.strip()}:
        where.append(
            sa.exists().where(candidate_skills.c.candidate_id == candidates.c.id, candidate_skills.c.skill == skill)
        )
    with store.engine.connect() as conn:
        total = conn.execute(sa.select(sa.func.count()).select_from(candidates).where(*where)).scalar_one()
        rows = conn.execute(
            sa.select(candidates)
            .where(*where)
            .order_by(candidates.c.created_at.desc(), candidates.c.id)
            .offset((page - 1) * limit)
            .limit(limit)
        ).all()
    pages = (total + limit - 1) // limit
    return {
        "data": [candidate_object(r, full=False) for r in rows],
        "meta": {
            "total": total, "page": page, "limit": limit, "total_pages": pages, "has_next": page < pages,
            "has_prev": page > 1,
        },
    }


def _candidate(conn: Connection, candidate_id: str) -> Any:
    row = conn.execute(sa.select(candidates).where(candidates.c.id == candidate_id)).first()
    if row is None:
        raise not_found(f"candidate {candidate_id}")
    return row


@router.get("/candidates/{candidate_id}", summary="One candidate, the full object")
def get_candidate(request: Request, candidate_id: str, key: Key) -> dict[str, Any]:
    store, _ = _state(request)
    with store.engine.connect() as conn:
        return {"data": candidate_object(_candidate(conn, candidate_id))}


def _check_patch(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict) or not body:
        raise validation_error("send a JSON object with the fields to change", [{"field": "body"}])
    problems: list[dict[str, str]] = []
    for name, value in body.items():
        if name not in PATCHABLE:
            problems.append({"field": name, "issue": "cannot be modified; allowed: " + ", ".join(PATCHABLE)})
        elif name == "years_of_experience":
            if value is not None and (isinstance(value, bool) or not isinstance(value, int | float) or value < 0):
                problems.append({"field": name, "issue": "must be a number of years, 0 or more, or null"})
        elif name in ("skills", "languages"):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                problems.append({"field": name, "issue": "must be an array of strings"})
        elif value is not None and not isinstance(value, str):
            problems.append({"field": name, "issue": "must be a string or null"})
    if problems:
        raise validation_error("; ".join(f"{p['field']}: {p['issue']}" for p in problems), problems)
    return body


@router.patch("/candidates/{candidate_id}", summary="Update a candidate's profile fields")
def patch_candidate(
    request: Request, candidate_id: str, body: Annotated[Any, Body()], key: Key
) -> dict[str, Any]:
    store, _ = _state(request)
    with store.begin() as conn:
        row = _candidate(conn, candidate_id)
        changes = _check_patch(body)
        if row.status in ("pending", "processing"):
            raise ApiError(409, "parsing_in_progress", "the candidate is still being parsed; try again once it is done")
        profile = {**PROFILE_FIELDS, **json.loads(row.profile or "{}"), **changes}
        stamp = now()
        conn.execute(
            candidates.update()
            .where(candidates.c.id == candidate_id)
            .values(profile=json.dumps(profile, ensure_ascii=False), updated_at=stamp)
        )
        if "skills" in changes:
            set_skills(conn, candidate_id, skill_names(profile))
        return {"data": candidate_object(_candidate(conn, candidate_id))}


@router.delete("/candidates/{candidate_id}", summary="Delete a candidate and their uploaded CV file")
def delete_candidate(request: Request, candidate_id: str, key: Key) -> dict[str, Any]:
    store, _ = _state(request)
    with store.begin() as conn:
        row = _candidate(conn, candidate_id)
        conn.execute(candidate_skills.delete().where(candidate_skills.c.candidate_id == candidate_id))
        conn.execute(candidates.delete().where(candidates.c.id == candidate_id))
        conn.execute(jobs.delete().where(jobs.c.id == row.job_id))  # a job still running then writes nothing
        store.remove_file_if_unused(conn, row.file_path)
    return {"success": True, "message": "Candidate deleted successfully"}


def file_url(request: Request, store: Store, candidate_id: str, seconds: int = SIGNED_URL_SECONDS) -> tuple[str, int]:
    expires = int(time.time()) + seconds
    signature = sign_file(store.signing_secret, candidate_id, expires)
    base = str(request.base_url).rstrip("/")
    return f"{base}/v1/files/{candidate_id}?expires={expires}&signature={signature}", expires


def stream_file(store: Store, row: Any) -> FileResponse:
    if not row.file_path or not os.path.exists(store.path_of(row.file_path)):
        raise not_found(f"the file of candidate {row.id}")
    return FileResponse(
        store.path_of(row.file_path),
        media_type=row.content_type or "application/octet-stream",
        filename=row.original_filename or os.path.basename(row.file_path),
    )


@router.get("/candidates/{candidate_id}/file", summary="A signed URL of the original CV file, valid for 1 hour")
def candidate_file(
    request: Request, candidate_id: str, key: Key, download: bool = False
) -> Any:
    store, _ = _state(request)
    with store.engine.connect() as conn:
        row = _candidate(conn, candidate_id)
    if not row.file_path:
        raise not_found(f"the file of candidate {candidate_id}")
    if download:
        return stream_file(store, row)
    url, expires = file_url(request, store, candidate_id)
    return {
        "data": {
            "url": url,
            "filename": row.original_filename,
            "content_type": row.content_type or "application/octet-stream",
            "expires_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(expires)),
        }
    }
