"""Paths and the fixture manifest, shared by the accuracy and speed harnesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
GENERATED = ROOT / "fixtures" / "generated"
# format labels that go through OCR (slow; `--skip-ocr` leaves them out)
OCR_FORMATS = ("png", "jpg", "jpeg", "tiff", "image", "scan", "scan_pdf", "scan.pdf")


def shared_dir() -> Path:
    """Development data: `RESUMEPARSER_SHARED`, else `../shared` beside the project root."""
    return Path(os.environ.get("RESUMEPARSER_SHARED", ROOT.parent / "shared"))


def dev_data(name: str) -> Path | None:
    path = shared_dir() / "dev-data" / name
    return path if path.exists() else None


@dataclass(frozen=True)
class Fixture:
    id: str
    layout: str | None
    language: str | None
    files: dict[str, Path]  # format label (pdf, docx, ..., scan) -> file
    expected: Path


def load_manifest(root: Path = GENERATED) -> list[Fixture]:
    """The generated fixtures as the fixture contract describes them; [] when they were not generated."""
    manifest = root / "manifest.json"
    if not manifest.exists():
        return []
    data = json.loads(manifest.read_text(encoding="utf-8"))
    items = data["resumes"] if isinstance(data, dict) else data
    fixtures = []
    for item in items:
        files = {fmt: root / rel for fmt, rel in item.get("files", {}).items()}
        fixtures.append(
            Fixture(
                id=item["id"],
                layout=item.get("layout"),
                language=item.get("language"),
                files={fmt: path for fmt, path in files.items() if path.exists()},
                expected=root / item.get("expected", f"{item['id']}/expected.json"),
            )
        )
    return fixtures


def git_commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10, check=True
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}"


def write_report(output: Path, stem: str, markdown: str, data: Any) -> None:
    """`output/stem.md` and `output/stem.json`, and a line on standard error saying so."""
    output.mkdir(parents=True, exist_ok=True)
    (output / f"{stem}.md").write_text(markdown.rstrip("\n") + "\n", encoding="utf-8")
    (output / f"{stem}.json").write_text(json.dumps(data, indent=1, ensure_ascii=False, default=str) + "\n",
                                        encoding="utf-8")
    print(f"wrote {output}/{stem}.md, {stem}.json", file=sys.stderr)


def pdf_text(data: bytes) -> str:
    """Every page's text as pypdfium2 extracts it, pages apart by a form feed."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        return "\f".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()
