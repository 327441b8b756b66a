"""CV Parser Pro's API on the real server, driven the way its page's Python client does: upload, poll until
`completed`, list; then the other candidate endpoints, URL parsing from a local file server, and the file links."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from .harness import FIXTURES, WAIT_SECONDS, Server, expected_name, httpx, resume_texts, wait_until


class CVParserPro:
    """The seeds' client, with httpx in place of requests."""

    def __init__(self, api_key: str, base_url: str) -> None:
        self.base_url = base_url + "/v1"
        self.headers = {"X-API-Key": api_key}

    def parse_cv(self, *file_paths: Path) -> dict[str, Any]:
        files = [("files", (p.name, p.read_bytes())) for p in file_paths]
        response = httpx.post(f"{self.base_url}/parse", headers=self.headers, files=files, timeout=60)
        assert response.status_code == 201, response.text
        return dict(response.json())

    def get_candidate(self, candidate_id: str) -> dict[str, Any]:
        response = httpx.get(f"{self.base_url}/candidates/{candidate_id}", headers=self.headers, timeout=30)
        assert response.status_code == 200, response.text
        return dict(response.json())

    def list_candidates(self, page: int = 1, limit: int = 20, **params: Any) -> dict[str, Any]:
        response = httpx.get(
            f"{self.base_url}/candidates", headers=self.headers, params={"page": page, "limit": limit, **params},
            timeout=30,
        )
        assert response.status_code == 200, response.text
        return dict(response.json())

    def wait_parsed(self, candidate_id: str) -> dict[str, Any]:
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            data = self.get_candidate(candidate_id)["data"]
            if data["parsing_status"] in ("completed", "failed"):
                return dict(data)
            time.sleep(0.3)
        raise AssertionError(f"candidate {candidate_id} was not parsed in time")


@pytest.fixture(scope="module")
def server(make_server: Any) -> Server:
    return make_server("--allow-private-urls", "--workers", "2")


@pytest.fixture(scope="module")
def client(server: Server) -> CVParserPro:
    return CVParserPro(server.new_key("--name", "cvparserpro-tests"), server.url)


@pytest.fixture(scope="module")
def uploaded(client: CVParserPro) -> list[dict[str, Any]]:
    pdf = FIXTURES / "en_one_column_us" / "resume.pdf"
    docx = FIXTURES / "en_two_page_us" / "resume.docx"
    result = client.parse_cv(pdf, docx)
    assert result["success"] is True
    assert [c["filename"] for c in result["candidates"]] == ["resume.pdf", "resume.docx"]
    assert {c["status"] for c in result["candidates"]} == {"pending"}
    return [client.wait_parsed(c["id"]) for c in result["candidates"]]


def _expected(folder: str) -> dict[str, Any]:
    return dict(json.loads((FIXTURES / folder / "expected.json").read_text()))


def test_upload_poll_until_completed_then_list(client: CVParserPro, uploaded: list[dict[str, Any]]) -> None:
    pdf, docx = uploaded
    for candidate, folder in ((pdf, "en_one_column_us"), (docx, "en_two_page_us")):
        expected = _expected(folder)
        assert candidate["parsing_status"] == "completed"
        assert candidate["full_name"] == expected["name"]["full"]
        assert candidate["email"] == expected["emails"][0]
        assert candidate["work_history"] and candidate["work_history"][0]["company"] == expected["work"][0]["company"]
        assert 0 < candidate["parsing_confidence"] <= 1
        assert candidate["created_at"] <= candidate["parsed_at"]
        assert candidate["tags"] == [] and candidate["jobs"] == []
    assert pdf["original_filename"] == "resume.pdf"

    listing = client.list_candidates(page=1, limit=1)
    assert listing["meta"] == {
        "total": 2, "page": 1, "limit": 1, "total_pages": 2, "has_next": True, "has_prev": False,
    }
    second = client.list_candidates(page=2, limit=1)
    assert second["meta"]["has_prev"] is True and second["meta"]["has_next"] is False
    assert {listing["data"][0]["id"], second["data"][0]["id"]} == {pdf["id"], docx["id"]}
    assert "tags" not in listing["data"][0]  # the list gives a subset of the object
    assert client.list_candidates(status="completed")["meta"]["total"] == 2
    assert client.list_candidates(status="failed")["meta"]["total"] == 0

    # the skills filter: every named skill, in any case
    skill = pdf["skills"][0]
    only_pdf = [s for s in pdf["skills"] if s.lower() not in {t.lower() for t in docx["skills"]}]
    found = client.list_candidates(skills=skill.upper())["data"]
    assert pdf["id"] in [c["id"] for c in found]
    if only_pdf:
        ids = [c["id"] for c in client.list_candidates(skills=f"{skill},{only_pdf[0]}")["data"]]
        assert ids == [pdf["id"]]
    assert client.list_candidates(skills="no such skill at all")["meta"]["total"] == 0


def test_patch_only_the_allowed_fields(client: CVParserPro, uploaded: list[dict[str, Any]]) -> None:
    candidate = uploaded[0]
    url = f"{client.base_url}/candidates/{candidate['id']}"
    changed = httpx.patch(url, headers=client.headers, json={"full_name": "Sarah Chen-Smith", "skills": ["Rust", "Go"]})
    assert changed.status_code == 200, changed.text
    assert changed.json()["data"]["full_name"] == "Sarah Chen-Smith"
    assert client.get_candidate(candidate["id"])["data"]["skills"] == ["Rust", "Go"]
    assert [c["id"] for c in client.list_candidates(skills="rust")["data"]] == [candidate["id"]]

    refused = httpx.patch(url, headers=client.headers, json={"parsing_status": "failed", "work_history": []})
    assert refused.status_code == 400
    assert refused.json()["error"]["code"] == "validation_error"
    assert {d["field"] for d in refused.json()["error"]["details"]} == {"parsing_status", "work_history"}
    wrong_type = httpx.patch(url, headers=client.headers, json={"years_of_experience": "many"})
    assert wrong_type.status_code == 400
    assert client.get_candidate(candidate["id"])["data"]["work_history"] == candidate["work_history"]


def test_signed_file_url_and_download(server: Server, client: CVParserPro, uploaded: list[dict[str, Any]]) -> None:
    candidate = uploaded[0]
    original = (FIXTURES / "en_one_column_us" / "resume.pdf").read_bytes()
    answer = httpx.get(f"{client.base_url}/candidates/{candidate['id']}/file", headers=client.headers).json()["data"]
    assert answer["filename"] == "resume.pdf" and answer["content_type"] == "application/pdf"
    assert answer["expires_at"] > time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    fetched = httpx.get(answer["url"])  # no key: the signature is the permission
    assert fetched.status_code == 200 and fetched.content == original
    tampered = answer["url"][:-4] + ("0000" if not answer["url"].endswith("0000") else "1111")
    assert httpx.get(tampered).status_code == 403
    expired = answer["url"].replace("expires=", "expires=1")  # a different expiry breaks the signature too
    assert httpx.get(expired).status_code == 403
    streamed = httpx.get(
        f"{client.base_url}/candidates/{candidate['id']}/file", params={"download": "true"}, headers=client.headers
    )
    assert streamed.status_code == 200 and streamed.content == original
    assert "resume.pdf" in streamed.headers["content-disposition"]
    stored = server.query("SELECT file_path FROM candidates WHERE id = :id", id=candidate["id"])[0][0]
    assert (server.data / stored).read_bytes() == original  # stored under its hash


def test_parse_url_from_a_local_file_server(client: CVParserPro, file_server: Any) -> None:
    folder, base = file_server
    name, data = resume_texts(1)[0]
    (folder / name).write_bytes(data)
    answer = httpx.post(f"{client.base_url}/parse/url", headers=client.headers, json={"urls": [f"{base}/{name}"]})
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["processed"] == 1 and body["failed"] == 0 and body["candidates"][0]["filename"] == name
    candidate = client.wait_parsed(body["candidates"][0]["id"])
    assert candidate["parsing_status"] == "completed"
    assert candidate["full_name"] == expected_name(name)
    assert candidate["source"] == "url"

    missing = httpx.post(f"{client.base_url}/parse/url", headers=client.headers, json={"urls": [f"{base}/gone.pdf"]})
    failed = client.wait_parsed(missing.json()["candidates"][0]["id"])
    assert failed["parsing_status"] == "failed"
    assert "fetch_failed" in failed["parsing_errors"][0]


def test_delete_removes_candidate_and_file(server: Server, client: CVParserPro) -> None:
    path = FIXTURES / "es_one_column_es" / "resume.txt"
    created = client.parse_cv(path)["candidates"][0]
    client.wait_parsed(created["id"])
    stored = server.query("SELECT file_path FROM candidates WHERE id = :id", id=created["id"])[0][0]
    assert (server.data / stored).exists()
    url = f"{client.base_url}/candidates/{created['id']}"
    deleted = httpx.delete(url, headers=client.headers)
    assert deleted.status_code == 200
    assert deleted.json() == {"success": True, "message": "Candidate deleted successfully"}
    assert httpx.get(url, headers=client.headers).status_code == 404
    assert not (server.data / stored).exists()


def test_openapi_and_health(server: Server) -> None:
    spec = httpx.get(server.url + "/openapi.json").json()
    for path in (
        "/v1/parse", "/v1/parse/url", "/v1/candidates", "/v1/candidates/{candidate_id}",
        "/v1/candidates/{candidate_id}/file", "/v1/partner/candidates/bulk/resume",
        "/v1/partner/candidates/batch/{batchId}",
    ):
        assert path in spec["paths"], path
    assert set(spec["paths"]["/v1/candidates/{candidate_id}"]) == {"get", "patch", "delete"}
    health = httpx.get(server.url + "/healthz").json()
    assert health["status"] == "ok" and health["database"] in ("sqlite", "postgresql")
    wait_until(lambda: httpx.get(server.url + "/healthz").json()["jobs"]["pending"] == 0, "an empty queue")
