"""Authentication and the rate limit, as a FastAPI dependency: `X-API-Key: KEY` or `Authorization: Bearer KEY`.

Categories after CV Parser Pro's page: reads (GET) get twice the key's limit, bulk uploads a third of it,
parse and write endpoints the limit itself. Every answer carries `X-RateLimit-Limit`, `X-RateLimit-Remaining`
and `X-RateLimit-Reset`; past the limit: 429 `rate_limit_exceeded` with `Retry-After`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Response

from .config import ServerConfig
from .errors import ApiError
from .keys import ApiKey, RateLimiter, lookup_key
from .storage import Store


def presented_key(request: Request) -> str | None:
    key = request.headers.get("x-api-key")
    if key:
        return key.strip()
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return None


def category(request: Request) -> str:
    if request.method in ("GET", "HEAD"):
        return "read"
    if request.url.path.endswith("/bulk/resume"):
        return "bulk"
    return "write"


def limit_for(base: int, kind: str) -> int:
    if kind == "read":
        return base * 2
    if kind == "bulk":
        return max(1, base // 3)
    return base


def require_key(request: Request, response: Response) -> ApiKey:
    store: Store = request.app.state.store
    config: ServerConfig = request.app.state.config
    limiter: RateLimiter = request.app.state.limiter
    presented = presented_key(request)
    if not presented:
        raise ApiError(401, "invalid_api_key", "missing API key: send X-API-Key or Authorization: Bearer")
    key = lookup_key(store, presented)
    if key is None:
        raise ApiError(401, "invalid_api_key", "invalid or revoked API key")
    kind = category(request)
    decision = limiter.hit(key.id, kind, limit_for(key.rate_limit or config.rate_limit, kind))
    headers = {
        "X-RateLimit-Limit": str(decision.limit),
        "X-RateLimit-Remaining": str(decision.remaining),
        "X-RateLimit-Reset": str(decision.reset),
    }
    request.state.rate_headers = headers  # the error answers carry them too
    if not decision.allowed:
        raise ApiError(
            429,
            "rate_limit_exceeded",
            f"rate limit of {decision.limit} {kind} requests a minute exceeded",
            headers={**headers, "Retry-After": str(decision.retry_after)},
        )
    response.headers.update(headers)
    return key


Key = Annotated[ApiKey, Depends(require_key)]
"""A route parameter of this type requires a valid key and counts the request against its limit."""
