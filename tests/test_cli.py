import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import ROOT


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "resumeparser", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_parse_prints_the_record(sample_txt: Path) -> None:
    result = run_cli("parse", str(sample_txt))
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["emails"] == ["jane.doe@example.org"]


def test_bad_inputs_exit_non_zero_with_one_line_each(tmp_path: Path, sample_txt: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    not_docx = tmp_path / "archive.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "x")
    not_docx.write_bytes(buffer.getvalue())
    missing = tmp_path / "missing.pdf"

    result = run_cli("parse", str(missing), str(empty), str(sample_txt), str(not_docx))
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(str(missing)) and "file_not_found" in lines[0]
    assert lines[1].startswith(str(empty)) and "empty_document" in lines[1]
    assert lines[2].startswith(str(not_docx)) and "unsupported_format" in lines[2]
    # the good file in the middle was still parsed
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["emails"] for r in records] == [["jane.doe@example.org"]]


def test_output_file(tmp_path: Path, sample_txt: Path) -> None:
    out = tmp_path / "out.json"
    result = run_cli("parse", str(sample_txt), "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text())["name"]["full"] == "Jane Q. Doe"
