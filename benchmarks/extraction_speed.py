"""Extraction speed per format: milliseconds per page (median and p95 over repeated runs).

    python benchmarks/extraction_speed.py [files or folders ...] [--repeats N]

Without paths it measures the generated fixtures (fixtures/generated) and, when present, the development data
(RESUMEPARSER_SHARED, default ../shared). Only extraction is timed (detect + extract + normalise), not the
field stages. Importable: `measure_extraction(paths, repeats) -> dict`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from resumeparser.detect import detect_format  # noqa: E402
from resumeparser.extract import extract  # noqa: E402
from resumeparser.normalize import normalize  # noqa: E402
from resumeparser.options import Deadline, ParseOptions  # noqa: E402

_SUFFIXES = {".pdf", ".docx", ".doc", ".rtf", ".txt", ".odt", ".html", ".htm", ".png", ".jpg", ".jpeg", ".tif",
             ".tiff", ".bmp", ".gif", ".webp"}


def _label(path: Path, fmt: str) -> str:
    if fmt == "pdf" and path.name.startswith("scan"):
        return "pdf (scanned, OCR)"
    return "image (OCR)" if fmt == "image" else fmt


def measure_extraction(paths: list[Path], repeats: int = 5, options: ParseOptions | None = None) -> dict:
    """Per format: files, pages, median and p95 milliseconds per page over all runs of all files."""
    options = options or ParseOptions()
    per_page: dict[str, list[float]] = {}
    pages: dict[str, int] = {}
    files: dict[str, int] = {}
    for path in paths:
        data = path.read_bytes()
        fmt = detect_format(data, path.name)
        label = _label(path, fmt)
        for run in range(repeats + 1):
            started = time.perf_counter()
            doc = normalize(extract(data, fmt, options, Deadline(None)))
            elapsed = (time.perf_counter() - started) * 1000
            if run == 0:  # warm-up: imports and first-use caches
                files[label] = files.get(label, 0) + 1
                pages[label] = pages.get(label, 0) + len(doc.pages)
                continue
            per_page.setdefault(label, []).append(elapsed / max(1, len(doc.pages)))
    report = {}
    for label, values in sorted(per_page.items()):
        values.sort()
        p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
        report[label] = {
            "files": files[label],
            "pages": pages[label],
            "runs": len(values),
            "median_ms_per_page": round(statistics.median(values), 2),
            "p95_ms_per_page": round(p95, 2),
        }
    return report


def _collect(targets: list[str]) -> list[Path]:
    found: list[Path] = []
    for target in targets:
        path = Path(target)
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*")) if p.suffix.lower() in _SUFFIXES and p.is_file())
        elif path.is_file():
            found.append(path)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-ocr", action="store_true", help="skip images and scanned PDFs")
    args = parser.parse_args(argv)
    targets = args.paths
    if not targets:
        shared = Path(os.environ.get("RESUMEPARSER_SHARED", ROOT.parent / "shared"))
        targets = [str(ROOT / "fixtures" / "generated"), str(shared / "dev-data")]
    paths = _collect(targets)
    if args.no_ocr:
        paths = [p for p in paths if p.suffix.lower() not in _SUFFIXES - {".pdf", ".docx", ".doc", ".rtf", ".txt",
                                                                         ".odt", ".html", ".htm"}
                 and not p.name.startswith("scan")]
    print(json.dumps(measure_extraction(paths, args.repeats), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
