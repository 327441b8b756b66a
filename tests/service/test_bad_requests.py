"""Refused requests, each with its status and error code, and the database and file store unchanged by each."""

from __future__ import annotations

import os
from typing import Any

import pytest

from .harness import FIXTURES, Server, httpx

UNKNOWN = "00000000-0000-4000-8000-000000000000"


@pytest.fixture(scope="module")
def server(make_server: Any) -> Server:
    return make_server("--workers", "1")  # no --allow-private-urls: the address rules hold


def _unchanged(server: Server, send: Any) -> httpx.Response:
    before = server.snapshot()
    response = send()
    assert server.snapshot() == before
    return response


def test_refused_requests_change_nothing(server: Server) -> None:
    key = server.new_key("--name", "bad-requests")
    headers = {"X-API-Key": key}
    pdf = (FIXTURES / "en_one_column_us" / "resume.pdf").read_bytes()
    parse = f"{server.url}/v1/parse"
    cands = f"{server.url}/v1/candidates"
    big = pdf + os.urandom(12 * 1024 * 1024)
    exe = b"MZ\x90\x00" + os.urandom(4096)
    bad_key = {"X-API-Key": "rp_wrong"}
    cases: list[tuple[int, str, Any]] = [
        (401, "invalid_api_key", lambda: httpx.post(parse, files={"files": ("cv.pdf", pdf)})),
        (
            401,
            "invalid_api_key",
            lambda: httpx.post(parse, headers=bad_key, files={"files": ("cv.pdf", pdf)}),
        ),
        (
            401,
            "invalid_api_key",
            lambda: httpx.get(cands, headers={"Authorization": "Bearer nope"}),
        ),
        (
            413,
            "file_too_large",
            lambda: httpx.post(
                parse,
                headers=headers,
                files=[("files", ("cv.pdf", pdf)), ("files", ("big.pdf", big))],
                timeout=60,
            ),
        ),
        (
            415,
            "unsupported_media_type",
            lambda: httpx.post(
                parse,
                headers=headers,
                files=[("files", ("cv.pdf", pdf)), ("files", ("setup.exe", exe))],
            ),
        ),
        (
            415,
            "unsupported_media_type",
            lambda: httpx.post(
                parse,
                headers=headers,
                files={"files": ("resume.pdf", b"MZ\x90\x00" + os.urandom(4096))},
            ),
        ),
        (
            400,
            "validation_error",
            lambda: httpx.post(
                f"{server.url}/v1/partner/candidates/bulk/resume",
                headers={"Authorization": f"Bearer {key}"},
                json={"resumeURLs": [f"https://example.com/cv{i}.pdf" for i in range(201)]},
            ),
        ),
        (
            400,
            "validation_error",
            lambda: httpx.post(
                f"{server.url}/v1/parse/url",
                headers=headers,
                json={"urls": [f"https://example.com/cv{i}.pdf" for i in range(51)]},
            ),
        ),
        (
            400,
            "validation_error",
            lambda: httpx.post(
                f"{server.url}/v1/parse/url",
                headers=headers,
                json={"urls": ["https://example.com/ok.pdf", "http://127.0.0.1:8000/cv.pdf"]},
            ),
        ),
        (
            400,
            "validation_error",
            lambda: httpx.post(
                f"{server.url}/v1/partner/candidates/bulk/resume",
                headers={"Authorization": f"Bearer {key}"},
                json={"resumeURLs": ["http://10.1.2.3/cv.pdf"]},
            ),
        ),
        (
            400,
            "validation_error",
            lambda: httpx.post(
                f"{server.url}/v1/parse/url",
                headers=headers,
                json={"urls": ["http://169.254.169.254/latest/meta-data"]},
            ),
        ),
        (
            400,
            "validation_error",
            lambda: httpx.post(
                f"{server.url}/v1/parse/url",
                headers=headers,
                json={"urls": ["http://localhost/cv.pdf"]},
            ),
        ),
        (
            400,
            "validation_error",
            lambda: httpx.get(cands, headers=headers, params={"limit": 101}),
        ),
        (404, "not_found", lambda: httpx.get(f"{cands}/{UNKNOWN}", headers=headers)),
        (404, "not_found", lambda: httpx.delete(f"{cands}/{UNKNOWN}", headers=headers)),
        (
            404,
            "not_found",
            lambda: httpx.patch(f"{cands}/{UNKNOWN}", headers=headers, json={"email": "a@b.c"}),
        ),
        (404, "not_found", lambda: httpx.get(f"{cands}/{UNKNOWN}/file", headers=headers)),
        (404, "not_found", lambda: httpx.get(f"{server.url}/v1/partner/candidates/batch/{UNKNOWN}", headers=headers)),
    ]
    for status, code, send in cases:
        response = _unchanged(server, send)
        assert response.status_code == status, (status, code, response.text)
        assert response.json()["error"]["code"] == code, response.text
        assert response.json()["error"]["message"]


def test_rate_limit_per_key(server: Server) -> None:
    limited = server.new_key("--name", "limited", "--rate-limit", "2")
    other = server.new_key("--name", "other")
    url = f"{server.url}/v1/candidates/{UNKNOWN}"
    answers = [httpx.delete(url, headers={"X-API-Key": limited}) for _ in range(3)]  # writes: the limit itself
    assert [a.status_code for a in answers] == [404, 404, 429]
    assert answers[0].headers["X-RateLimit-Limit"] == "2"
    assert answers[1].headers["X-RateLimit-Remaining"] == "0"
    refused = answers[2]
    assert refused.json()["error"]["code"] == "rate_limit_exceeded"
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    reads = [httpx.get(url, headers={"Authorization": f"Bearer {limited}"}).status_code for _ in range(5)]
    assert reads == [404, 404, 404, 404, 429]  # reads: twice the limit
    assert httpx.delete(url, headers={"X-API-Key": other}).status_code == 404  # another key has its own count


def test_revoked_key_is_refused(server: Server) -> None:
    from .harness import cli

    key = server.new_key("--name", "to-revoke")
    assert httpx.get(f"{server.url}/v1/candidates", headers={"X-API-Key": key}).status_code == 200
    listing = cli("keys", "list", *server.storage_args())
    line = next(line for line in listing.splitlines() if "to-revoke" in line)
    assert key not in listing  # only prefixes and hashes are kept
    cli("keys", "revoke", line.split()[0], *server.storage_args())
    refused = httpx.get(f"{server.url}/v1/candidates", headers={"X-API-Key": key})
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "invalid_api_key"
