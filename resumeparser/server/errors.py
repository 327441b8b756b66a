"""Errors in CV Parser Pro's format, `{"error": {"code", "message", "details"}}`, with its HTTP statuses.

TapTalent's routes (`/v1/partner/...`) answer the same object with `"success": false` beside it, the way their
successful answers carry `"success": true`.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

TAPTALENT_PREFIX = "/v1/partner/"

_STATUS_CODES = {
    400: "validation_error",
    401: "invalid_api_key",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "file_too_large",
    415: "unsupported_media_type",
    429: "rate_limit_exceeded",
    500: "internal_error",
}


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        details: list[Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details or []
        self.headers = headers or {}


def validation_error(message: str, details: list[Any] | None = None) -> ApiError:
    return ApiError(400, "validation_error", message, details)


def not_found(what: str) -> ApiError:
    return ApiError(404, "not_found", f"{what} not found")


def error_response(request: Request, error: ApiError) -> JSONResponse:
    body: dict[str, Any] = {"error": {"code": error.code, "message": error.message, "details": error.details}}
    if request.url.path.startswith(TAPTALENT_PREFIX):
        body = {"success": False, **body}
    headers = {**getattr(request.state, "rate_headers", {}), **error.headers}
    return JSONResponse(body, status_code=error.status, headers=headers)


async def api_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(request, exc)


async def request_validation_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = [
        {"field": ".".join(str(p) for p in e.get("loc", ()) if p not in ("body", "query", "path")), "issue": e["msg"]}
        for e in exc.errors()
    ]
    message = "; ".join(f"{d['field'] or 'request'}: {d['issue']}" for d in details) or "invalid request"
    return error_response(request, validation_error(message, details))


async def http_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _STATUS_CODES.get(exc.status_code, "error")
    message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
    return error_response(request, ApiError(exc.status_code, code, message, headers=dict(exc.headers or {})))


async def unexpected_error_handler(request: Request, exc: Exception) -> JSONResponse:
    return error_response(request, ApiError(500, "internal_error", f"{type(exc).__name__}: {exc}"))
