"""TapTalent's bulk flow on the real server: bulk upload of URLs served by a local file server, the webhooks
received on a local receiver (which fails twice before it answers), and paging through with hasNextPage."""

from __future__ import annotations

from typing import Any

import pytest

from resumeparser.server.signing import check_body_signature

from .harness import Server, expected_name, httpx, resume_texts, wait_until

SECRET = "whsec_test-secret"


@pytest.fixture(scope="module")
def server(make_server: Any) -> Server:
    return make_server("--allow-private-urls", "--workers", "2", "--webhook-backoff", "0.2")


def test_bulk_upload_webhooks_and_pages(server: Server, file_server: Any, receiver_factory: Any) -> None:
    receiver = receiver_factory(2)  # answers 500 twice to every delivery
    key = server.new_key("--name", "partner", "--webhook-url", receiver.url, "--webhook-secret", SECRET)
    folder, base = file_server
    resumes = resume_texts(23)
    for name, data in resumes:
        (folder / name).write_bytes(data)
    urls = [f"{base}/{name}" for name, _ in resumes]
    headers = {"Authorization": f"Bearer {key}"}
    answer = httpx.post(f"{server.url}/v1/partner/candidates/bulk/resume", headers=headers, json={"resumeURLs": urls})
    assert answer.status_code == 200, answer.text
    assert answer.json()["success"] is True and answer.json()["data"]["fileCount"] == 23
    batch_id = answer.json()["data"]["batchId"]

    completed = receiver.wait_for("resume.bulk_upload_parse.completed", batch_id)
    assert completed["data"]["fileCount"] == 23 and completed["data"]["parsed"] == 23
    started = receiver.wait_for("resume.bulk_upload_parse.started", batch_id, timeout=1)
    # each event: two failures, delivered on the third try, in order, signed
    for body in (started, completed):
        tries = [r for r in receiver.requests if r.headers["x-webhook-id"] == body["id"]]
        assert [r.answered for r in tries] == [500, 500, 200]
        assert [r.headers["x-webhook-attempt"] for r in tries] == ["1", "2", "3"]
        assert all(check_body_signature(SECRET, r.body, r.headers["x-webhook-signature"]) for r in tries)
    order = [r.headers["x-webhook-event"] for r in receiver.requests if r.answered == 200]
    assert order == ["resume.bulk_upload_parse.started", "resume.bulk_upload_parse.completed"]
    # the server records an attempt after the receiver's answer reaches it, so its log may lag the receiver
    def recorded() -> list[tuple[Any, ...]]:
        rows = server.query(
            "SELECT d.event, d.status, d.attempts, count(a.attempt) FROM webhook_deliveries d JOIN webhook_attempts a"
            " ON a.delivery_id = d.id WHERE d.batch_id = :b GROUP BY d.event, d.status, d.attempts",
            b=batch_id,
        )
        return sorted(tuple(r) for r in rows)

    wait_until(lambda: all(row[1] != "pending" for row in recorded()), "the deliveries to be recorded")
    assert recorded() == [
        ("resume.bulk_upload_parse.completed", "delivered", 3, 3),
        ("resume.bulk_upload_parse.started", "delivered", 3, 3),
    ]

    # page through with hasNextPage
    seen: list[dict[str, Any]] = []
    page = 1
    while True:
        got = httpx.get(
            f"{server.url}/v1/partner/candidates/batch/{batch_id}", headers=headers,
            params={"pageNumber": page, "perPage": 10},
        ).json()
        assert got["success"] is True
        data = got["data"]
        assert data["batchStatus"] == "COMPLETED" and data["total"] == 23 and data["perPage"] == 10
        seen.extend(data["candidates"])
        if not data["hasNextPage"]:
            break
        page += 1
    assert page == 3 and len(seen) == 23
    assert [c["sourceUrl"] for c in seen] == urls  # in upload order, each once
    by_url = dict(zip(urls, resumes, strict=True))
    for candidate in seen[:3]:
        name, data = by_url[candidate["sourceUrl"]]
        assert candidate["name"] == expected_name(name)
        assert candidate["parsedData"]["work"]
        assert httpx.get(candidate["resumeUrl"]).content == data  # the stored copy, through its signed URL


def test_bulk_validation(server: Server) -> None:
    key = server.new_key()
    headers = {"Authorization": f"Bearer {key}"}
    url = f"{server.url}/v1/partner/candidates/bulk/resume"
    for body in ({}, {"resumeURLs": []}, {"resumeURLs": "http://example.com/a.pdf"}, {"resumeURLs": [""]},
                 {"resumeURLs": ["ftp://example.com/a.pdf"]}):
        answer = httpx.post(url, headers=headers, json=body)
        assert answer.status_code == 400, body
        assert answer.json()["success"] is False and answer.json()["error"]["code"] == "validation_error"
    batch = f"{server.url}/v1/partner/candidates/batch"
    assert httpx.get(f"{batch}/not-a-uuid", headers=headers).status_code == 400
    unknown = "7d0c4f0e-0000-4000-8000-000000000000"
    assert httpx.get(f"{batch}/{unknown}", headers=headers, params={"perPage": 15}).status_code == 400
    assert httpx.get(f"{batch}/{unknown}", headers=headers).json()["error"]["code"] == "not_found"


def test_a_batch_with_no_parsable_resume_fails(server: Server, file_server: Any, receiver_factory: Any) -> None:
    receiver = receiver_factory(0)
    key = server.new_key("--name", "failing", "--webhook-url", receiver.url, "--webhook-secret", SECRET)
    folder, base = file_server
    (folder / "empty.txt").write_bytes(b"   \n")
    urls = [f"{base}/missing-{i}.pdf" for i in range(2)] + [f"{base}/empty.txt"]
    headers = {"Authorization": f"Bearer {key}"}
    batch_id = httpx.post(
        f"{server.url}/v1/partner/candidates/bulk/resume", headers=headers, json={"resumeURLs": urls}
    ).json()["data"]["batchId"]
    failed = receiver.wait_for("resume.bulk_upload_parse.failed", batch_id)
    assert failed["data"]["parsed"] == 0 and failed["data"]["failed"] == 3
    assert failed["data"]["errors"] == {"fetch_failed": 2, "empty_document": 1}
    data = httpx.get(f"{server.url}/v1/partner/candidates/batch/{batch_id}", headers=headers).json()["data"]
    assert data["batchStatus"] == "FAILED" and data["total"] == 0 and data["candidates"] == []
    assert data["hasNextPage"] is False
