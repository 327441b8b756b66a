"""The ASGI app: both APIs' routes, the signed file route, `/healthz` and `/openapi.json` (FastAPI's)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import sqlalchemy as sa
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..options import MB
from ..version import __version__
from . import cvparserpro, taptalent
from .config import MAX_FILES_PER_REQUEST, ServerConfig
from .errors import (
    ApiError,
    api_error_handler,
    error_response,
    http_error_handler,
    not_found,
    request_validation_handler,
    unexpected_error_handler,
)
from .jobs import JobRunner
from .keys import RateLimiter
from .signing import check_file_signature
from .storage import SCHEMA_VERSION, Store, candidates, jobs
from .webhooks import WebhookSender


def create_app(config: ServerConfig) -> FastAPI:
    store = Store(config)
    webhooks = WebhookSender(store, config)
    runner = JobRunner(store, config, webhooks)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runner.start()
        webhooks.start()
        try:
            yield
        finally:
            runner.stop()
            webhooks.stop()
            store.close()

    app = FastAPI(
        title="resumeparser service",
        version=__version__,
        description="Self-hosted resume parsing: the CV Parser Pro parse and candidate API and the TapTalent "
        "bulk-upload API, backed by resumeparser. Authenticate with `X-API-Key: KEY` or `Authorization: Bearer KEY`.",
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.config = config
    app.state.limiter = RateLimiter()
    app.state.runner = runner
    app.state.webhooks = webhooks
    app.add_exception_handler(ApiError, api_error_handler)
    app.add_exception_handler(RequestValidationError, request_validation_handler)
    app.add_exception_handler(StarletteHTTPException, http_error_handler)
    app.add_exception_handler(Exception, unexpected_error_handler)
    body_cap = MAX_FILES_PER_REQUEST * config.max_upload_bytes + MB

    @app.middleware("http")
    async def refuse_huge_bodies(request: Request, call_next: Any) -> Any:
        """A body larger than any acceptable upload is refused before it is read."""
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > body_cap:
            error = ApiError(413, "file_too_large", f"the request body is over {body_cap} bytes")
            return error_response(request, error)
        return await call_next(request)

    app.include_router(cvparserpro.router)
    app.include_router(taptalent.router)

    @app.get("/healthz", tags=["service"], summary="Liveness and queue depth")
    def healthz() -> dict[str, Any]:
        with store.engine.connect() as conn:
            query = sa.select(jobs.c.status, sa.func.count()).group_by(jobs.c.status)
            counts: dict[str, int] = dict(conn.execute(query).all())
        return {
            "status": "ok",
            "version": __version__,
            "schema_version": SCHEMA_VERSION,
            "database": store.engine.dialect.name,
            "jobs": {s: int(counts.get(s, 0)) for s in ("pending", "processing", "completed", "failed")},
        }

    @app.get("/v1/files/{candidate_id}", tags=["service"], summary="A stored CV file, through a signed URL")
    def signed_file(
        request: Request, candidate_id: str, expires: int = Query(...), signature: str = Query(...)
    ) -> FileResponse:
        if not check_file_signature(store.signing_secret, candidate_id, expires, signature):
            raise ApiError(403, "invalid_signature", "the link is invalid or has expired")
        with store.engine.connect() as conn:
            row = conn.execute(sa.select(candidates).where(candidates.c.id == candidate_id)).first()
        if row is None:
            raise not_found(f"candidate {candidate_id}")
        return cvparserpro.stream_file(store, row)

    return app
