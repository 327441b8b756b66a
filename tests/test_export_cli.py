"""The export formats on the command line."""

from __future__ import annotations

import json
from pathlib import Path

from .export_schemas import errors
from .test_cli import run_cli


def test_cli_prints_a_valid_jsonresume(sample_txt: Path) -> None:
    result = run_cli("parse", str(sample_txt), "--format", "jsonresume")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["basics"]["email"] == "jane.doe@example.org"
    assert errors("jsonresume", payload) == []


def test_cli_reports_what_an_export_left_out(sample_txt: Path) -> None:
    # Workable takes .pdf/.doc/.docx/.rtf resumes: the .txt file is left out and the CLI says so on stderr
    result = run_cli("parse", str(sample_txt), "-f", "workable")
    assert result.returncode == 0, result.stderr
    assert "resume" not in json.loads(result.stdout)["candidate"]
    assert "resume_file_left_out" in result.stderr


def test_cli_comeet_without_its_context_fails_with_a_typed_error(sample_txt: Path) -> None:
    result = run_cli("parse", str(sample_txt), "-f", "comeet")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"{sample_txt}: invalid_export_context: Comeet requires position_uid: pass position_uid=... to export()"
    )


def test_comeet_ids_come_from_context_options(sample_txt: Path) -> None:
    without = run_cli("parse", str(sample_txt), "--format", "comeet")
    assert without.returncode != 0 and "invalid_export_context" in without.stderr
    ids = ["--context", "position_uid=11.11", "-c", "partner_candidate_id=c-42"]
    ok = run_cli("parse", str(sample_txt), "--format", "comeet", *ids)
    assert ok.returncode == 0, ok.stderr
    payload = json.loads(ok.stdout)
    assert (payload["position_uid"], payload["partner_candidate_id"]) == ("11.11", "c-42")
    assert payload["last_name"] == "Doe"
