"""Webhooks: TapTalent's `resume.bulk_upload_parse.started`, `.completed` and `.failed`, sent to the webhook URL
of the key that made the batch.

An event is written to `webhook_deliveries` in the same transaction as the change it tells of, so that it is
neither lost nor sent twice by a restart. A sender thread posts it (JSON body, `X-Webhook-Signature:
sha256=<HMAC-SHA256 of the body keyed with the key's webhook secret>`, `X-Webhook-Event`, `X-Webhook-Id`,
`X-Webhook-Attempt`); any 2xx answer delivers it; otherwise it is tried again after the backoff, doubled at each
try, until `webhook_max_attempts`. Every try is a row of `webhook_attempts`. The events of one batch go out in
order: a later one waits while an earlier one is being retried.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .config import ServerConfig
from .signing import WEBHOOK_SIGNATURE_HEADER, sign_body
from .storage import Store, api_keys, now, webhook_attempts, webhook_deliveries

USER_AGENT = "resumeparser-webhooks/1"


def enqueue(conn: Connection, key_id: str, event: str, batch_id: str | None, data: dict[str, Any]) -> str | None:
    """Record an event for the key's webhook URL; None when the key has none."""
    url = conn.execute(sa.select(api_keys.c.webhook_url).where(api_keys.c.id == key_id)).scalar()
    if not url:
        return None
    delivery_id = str(uuid.uuid4())
    body = json.dumps({"id": delivery_id, "event": event, "createdAt": now(), "data": data}, ensure_ascii=False)
    conn.execute(
        webhook_deliveries.insert().values(
            id=delivery_id,
            key_id=key_id,
            batch_id=batch_id,
            event=event,
            url=url,
            body=body,
            status="pending",
            attempts=0,
            next_attempt_at=time.time(),
            created_ts=time.time(),
            created_at=now(),
        )
    )
    return delivery_id


class WebhookSender:
    def __init__(self, store: Store, config: ServerConfig) -> None:
        self.store = store
        self.config = config
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="resumeparser-webhooks", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(15)

    def notify(self) -> None:
        self._wake.set()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                sent = self._send_due()
            except Exception:  # the database went away for a moment: try again shortly
                sent = 0
            if not sent:
                self._wake.wait(0.2)
                self._wake.clear()

    def _send_due(self) -> int:
        with self.store.engine.connect() as conn:
            pending = conn.execute(
                sa.select(webhook_deliveries)
                .where(webhook_deliveries.c.status == "pending")
                .order_by(webhook_deliveries.c.created_ts)
            ).all()
        blocked: set[str] = set()
        sent = 0
        clock = time.time()
        for row in pending:
            if self._stop.is_set():
                break
            if row.batch_id is not None:
                if row.batch_id in blocked:
                    continue  # an earlier event of this batch is not delivered yet
                blocked.add(row.batch_id)
            if row.next_attempt_at <= clock:
                self._attempt(row)
                sent += 1
        return sent

    def _attempt(self, row: Any) -> None:
        with self.store.engine.connect() as conn:
            secret = conn.execute(sa.select(api_keys.c.webhook_secret).where(api_keys.c.id == row.key_id)).scalar()
        body = row.body.encode("utf-8")
        attempt = row.attempts + 1
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "X-Webhook-Event": row.event,
            "X-Webhook-Id": row.id,
            "X-Webhook-Attempt": str(attempt),
        }
        if secret:
            headers[WEBHOOK_SIGNATURE_HEADER] = sign_body(secret, body)
        status: int | None = None
        error: str | None = None
        started = time.monotonic()
        try:
            request = urllib.request.Request(row.url, data=body, headers=headers, method="POST")
            with urllib.request.urlopen(request, timeout=self.config.webhook_timeout_seconds) as response:
                status = response.status
                response.read()
        except urllib.error.HTTPError as exc:
            status, error = exc.code, f"HTTP {exc.code} {exc.reason}"
        except Exception as exc:  # refused, timed out, bad URL
            error = f"{type(exc).__name__}: {exc}"
        elapsed_ms = (time.monotonic() - started) * 1000
        delivered = status is not None and 200 <= status < 300
        values: dict[str, Any] = {"attempts": attempt, "last_status_code": status, "last_error": error}
        if delivered:
            values.update(status="delivered", delivered_at=now(), last_error=None)
        elif attempt >= self.config.webhook_max_attempts:
            values.update(status="failed")
        else:
            delay = self.config.webhook_backoff_seconds * 2 ** (attempt - 1)
            values.update(next_attempt_at=time.time() + delay)
        with self.store.begin() as conn:
            conn.execute(
                webhook_attempts.insert().values(
                    delivery_id=row.id, attempt=attempt, at=now(), status_code=status, error=error,
                    duration_ms=round(elapsed_ms, 1),
                )
            )
            conn.execute(webhook_deliveries.update().where(webhook_deliveries.c.id == row.id).values(**values))
