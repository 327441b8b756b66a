"""Faults: the server killed with SIGKILL in the middle of a 100-file batch and started again finishes the batch
with exactly 100 candidates, none doubled, and its completed event sent once."""

from __future__ import annotations

from typing import Any

from .harness import Server, httpx, resume_texts, wait_until


def test_sigkill_mid_batch_then_restart(make_server: Any, file_server: Any, receiver_factory: Any) -> None:
    receiver = receiver_factory(0)
    server: Server = make_server("--allow-private-urls", "--workers", "2", "--webhook-backoff", "0.2")
    key = server.new_key("--name", "faults", "--webhook-url", receiver.url)
    folder, base = file_server
    resumes = resume_texts(100)
    for name, data in resumes:
        (folder / f"k-{name}").write_bytes(data)
    urls = [f"{base}/k-{name}" for name, _ in resumes]
    headers = {"Authorization": f"Bearer {key}"}
    answer = httpx.post(f"{server.url}/v1/partner/candidates/bulk/resume", headers=headers, json={"resumeURLs": urls})
    batch_id = answer.json()["data"]["batchId"]

    def done() -> int:
        return int(server.query("SELECT count(*) FROM candidates WHERE batch_id = :b", b=batch_id)[0][0])

    wait_until(lambda: done() >= 15, "the first candidates", every=0.05)
    server.kill()
    at_kill = done()
    in_hand = "SELECT id FROM jobs WHERE status = 'processing' AND batch_id = :b"
    interrupted = [r[0] for r in server.query(in_hand, b=batch_id)]
    assert 15 <= at_kill < 100, at_kill  # killed in the middle
    assert interrupted  # a worker had a document in hand

    server.start()
    receiver.wait_for("resume.bulk_upload_parse.completed", batch_id)
    seen: list[dict[str, Any]] = []
    page, more = 1, True
    while more:
        data = httpx.get(
            f"{server.url}/v1/partner/candidates/batch/{batch_id}", headers=headers,
            params={"pageNumber": page, "perPage": 40},
        ).json()["data"]
        assert data["batchStatus"] == "COMPLETED"
        seen.extend(data["candidates"])
        more, page = data["hasNextPage"], page + 1
    assert len(seen) == 100 and data["total"] == 100
    assert len({c["id"] for c in seen}) == 100
    assert sorted(c["sourceUrl"] for c in seen) == sorted(urls)  # every resume once
    rows = server.query(
        "SELECT count(*), count(DISTINCT job_id) FROM candidates WHERE batch_id = :b", b=batch_id
    )
    assert tuple(rows[0]) == (100, 100)
    reran = server.query("SELECT id, attempts, status FROM jobs WHERE batch_id = :b AND attempts > 1", b=batch_id)
    assert set(interrupted) <= {r[0] for r in reran}  # what was in hand ran again, after the restart
    assert {r[2] for r in reran} == {"completed"}
    completed = [b for b in receiver.delivered() if b["event"] == "resume.bulk_upload_parse.completed"]
    assert len(completed) == 1 and completed[0]["data"]["parsed"] == 100
    started = [b for b in receiver.delivered() if b["event"] == "resume.bulk_upload_parse.started"]
    assert len(started) == 1
