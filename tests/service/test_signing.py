"""Signed file URLs expire, and any change to the id, expiry or signature breaks them; webhook signatures are
HMAC-SHA256 of the exact body."""

from __future__ import annotations

import hashlib
import hmac
import time

from resumeparser.server.signing import check_body_signature, check_file_signature, sign_body, sign_file


def test_file_signatures_expire_and_bind_the_id() -> None:
    later = int(time.time()) + 60
    signature = sign_file("secret", "cand-1", later)
    assert check_file_signature("secret", "cand-1", later, signature)
    assert not check_file_signature("secret", "cand-2", later, signature)
    assert not check_file_signature("other", "cand-1", later, signature)
    assert not check_file_signature("secret", "cand-1", later + 1, signature)
    past = int(time.time()) - 1
    assert not check_file_signature("secret", "cand-1", past, sign_file("secret", "cand-1", past))


def test_webhook_signature_is_hmac_sha256_of_the_body() -> None:
    body = b'{"event": "resume.bulk_upload_parse.completed"}'
    header = sign_body("whsec", body)
    assert header == "sha256=" + hmac.new(b"whsec", body, hashlib.sha256).hexdigest()
    assert check_body_signature("whsec", body, header)
    assert not check_body_signature("whsec", body + b" ", header)
