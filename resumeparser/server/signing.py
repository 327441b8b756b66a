"""HMAC-SHA256 signatures: time-limited file URLs and webhook bodies."""

from __future__ import annotations

import hashlib
import hmac
import time

WEBHOOK_SIGNATURE_HEADER = "X-Webhook-Signature"
"""`sha256=<hex HMAC-SHA256 of the raw body, keyed with the key's webhook secret>`."""


def sign_file(secret: str, candidate_id: str, expires: int) -> str:
    return hmac.new(secret.encode(), f"file:{candidate_id}:{expires}".encode(), hashlib.sha256).hexdigest()


def check_file_signature(secret: str, candidate_id: str, expires: int, signature: str) -> bool:
    if expires < time.time():
        return False
    return hmac.compare_digest(sign_file(secret, candidate_id, expires), signature)


def sign_body(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def check_body_signature(secret: str, body: bytes, header: str) -> bool:
    return hmac.compare_digest(sign_body(secret, body), header)
