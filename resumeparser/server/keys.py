"""API keys (created and revoked from the command line, stored as SHA-256 hashes) and the per-key rate limit.

A key is `rp_` and 43 random URL-safe characters (256 bits), so a plain SHA-256 of it is a safe thing to
store: there is nothing to guess. The same key works as `X-API-Key` and as `Authorization: Bearer`.
"""

from __future__ import annotations

import hashlib
import math
import secrets
import threading
import time
import uuid
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from .storage import Store, api_keys, now

KEY_PREFIX = "rp_"


@dataclass(frozen=True)
class ApiKey:
    id: str
    name: str
    prefix: str
    created_at: str
    revoked_at: str | None
    rate_limit: int | None
    webhook_url: str | None
    webhook_secret: str | None


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _row(row: Any) -> ApiKey:
    return ApiKey(
        row.id, row.name, row.prefix, row.created_at, row.revoked_at, row.rate_limit, row.webhook_url,
        row.webhook_secret,
    )


def create_key(
    store: Store,
    name: str,
    *,
    rate_limit: int | None = None,
    webhook_url: str | None = None,
    webhook_secret: str | None = None,
) -> tuple[ApiKey, str]:
    """A new key; returns its record and the key itself, which is shown once and never stored."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    if webhook_url and not webhook_secret:
        webhook_secret = "whsec_" + secrets.token_urlsafe(24)
    values: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "name": name,
        "prefix": key[:10],
        "key_hash": hash_key(key),
        "created_at": now(),
        "revoked_at": None,
        "rate_limit": rate_limit,
        "webhook_url": webhook_url,
        "webhook_secret": webhook_secret,
    }
    with store.begin() as conn:
        conn.execute(api_keys.insert().values(**values))
    record = ApiKey(
        values["id"], name, values["prefix"], values["created_at"], None, rate_limit, webhook_url, webhook_secret
    )
    return record, key


def list_keys(store: Store) -> list[ApiKey]:
    with store.engine.connect() as conn:
        return [_row(r) for r in conn.execute(sa.select(api_keys).order_by(api_keys.c.created_at))]


def revoke_key(store: Store, ident: str) -> ApiKey | None:
    """Revoke by id or by the shown prefix; None when no such key (or several share the prefix)."""
    with store.begin() as conn:
        rows = conn.execute(
            sa.select(api_keys).where(sa.or_(api_keys.c.id == ident, api_keys.c.prefix == ident))
        ).all()
        if len(rows) != 1:
            return None
        if rows[0].revoked_at is None:
            conn.execute(api_keys.update().where(api_keys.c.id == rows[0].id).values(revoked_at=now()))
        row = conn.execute(sa.select(api_keys).where(api_keys.c.id == rows[0].id)).one()
    return _row(row)


def lookup_key(store: Store, key: str) -> ApiKey | None:
    """The active key with this value, or None."""
    if not key.startswith(KEY_PREFIX):
        return None
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(api_keys).where(api_keys.c.key_hash == hash_key(key))).first()
    if row is None or row.revoked_at is not None:
        return None
    return _row(row)


@dataclass(frozen=True)
class RateDecision:
    allowed: bool
    limit: int
    remaining: int
    reset: int
    """Unix time at which the window starts again."""
    retry_after: int


class RateLimiter:
    """Fixed one-minute windows per key and category (read or write), kept in memory.

    One server process holds the counts; several servers behind one database each count on their own.
    """

    WINDOW = 60

    def __init__(self) -> None:
        self._counts: dict[tuple[str, str, int], int] = {}
        self._lock = threading.Lock()

    def hit(self, key_id: str, category: str, limit: int) -> RateDecision:
        now_s = time.time()
        window = int(now_s // self.WINDOW)
        reset = (window + 1) * self.WINDOW
        with self._lock:
            if len(self._counts) > 10_000:  # forget windows that are over
                self._counts = {k: v for k, v in self._counts.items() if k[2] >= window}
            count = self._counts.get((key_id, category, window), 0)
            if count >= limit:
                return RateDecision(False, limit, 0, reset, max(1, math.ceil(reset - now_s)))
            self._counts[(key_id, category, window)] = count + 1
        return RateDecision(True, limit, limit - count - 1, reset, 0)
