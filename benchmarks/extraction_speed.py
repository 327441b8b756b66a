"""Extraction speed per format: milliseconds per page (median and p95 over repeated runs).

Two clocks: wall time, and CPU time (this process plus its children: antiword, tesseract). On a shared machine
the wall time swings with the load of other processes; the CPU time is what a page costs.

    python benchmarks/extraction_speed.py [files or folders ...] [--repeats N]

Without paths it measures the generated fixtures (fixtures/generated) and, when present, the development data
(RESUMEPARSER_SHARED, default ../shared). Only extraction is timed (detect + extract + normalise), not the
field stages. Importable: `measure_extraction(paths, repeats) -> dict`.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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


def _is_ocr(path: Path) -> bool:
    return path.suffix.lower() not in _TEXT_SUFFIXES or path.name.startswith("scan")


def _label(path: Path, fmt: str) -> str:
    if fmt == "pdf" and path.name.startswith("scan"):
        return "pdf (scanned, OCR)"
    return "image (OCR)" if fmt == "image" else fmt

_TEXT_SUFFIXES = {".pdf", ".docx", ".doc", ".rtf", ".txt", ".odt", ".html", ".htm"}


def measure_extraction(paths: list[Path], repeats: int = 5, options: ParseOptions | None = None) -> dict:
    """Per format: files, pages, median and p95 milliseconds per page over all runs of all files."""
    options = options or ParseOptions()
    per_page: dict[str, list[float]] = {}
    cpu_per_page: dict[str, list[float]] = {}
    pages: dict[str, int] = {}
    files: dict[str, int] = {}
    for path in paths:
        data = path.read_bytes()
        fmt = detect_format(data, path.name)
        label = _label(path, fmt)
        for run in range(repeats + 1):
            cpu_started = _cpu_seconds()
            started = time.perf_counter()
            doc = normalize(extract(data, fmt, options, Deadline(None)))
            elapsed = (time.perf_counter() - started) * 1000
            cpu = (_cpu_seconds() - cpu_started) * 1000
            if run == 0:  # warm-up: imports and first-use caches
                files[label] = files.get(label, 0) + 1
                pages[label] = pages.get(label, 0) + len(doc.pages)
                continue
            per_page.setdefault(label, []).append(elapsed / max(1, len(doc.pages)))
            cpu_per_page.setdefault(label, []).append(cpu / max(1, len(doc.pages)))
    report = {}
    for label, values in sorted(per_page.items()):
        cpu_values = cpu_per_page[label]
        report[label] = {
            "files": files[label],
            "pages": pages[label],
            "runs": len(values),
            "median_ms_per_page": _median(values),
            "p95_ms_per_page": _p95(values),
            "median_cpu_ms_per_page": _median(cpu_values),
            "p95_cpu_ms_per_page": _p95(cpu_values),
        }
    return report


def _cpu_seconds() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 2)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], 2)


def measure_pdfplumber(paths: list[Path], repeats: int = 3) -> dict:
    """The alternative measured for PDFs: pdfplumber words with font name and size, ms per page."""
    import pdfplumber

    values: list[float] = []
    cpu: list[float] = []
    for path in paths:
        if path.suffix.lower() != ".pdf" or path.name.startswith("scan"):
            continue
        for _ in range(repeats):
            cpu_started = _cpu_seconds()
            started = time.perf_counter()
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    page.extract_words(extra_attrs=["fontname", "size"])
                count = max(1, len(pdf.pages))
            values.append((time.perf_counter() - started) * 1000 / count)
            cpu.append((_cpu_seconds() - cpu_started) * 1000 / count)
    if not values:
        return {}
    return {
        "runs": len(values),
        "median_ms_per_page": _median(values),
        "p95_ms_per_page": _p95(values),
        "median_cpu_ms_per_page": _median(cpu),
        "p95_cpu_ms_per_page": _p95(cpu),
    }


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
    parser.add_argument("--only-ocr", action="store_true", help="only images and scanned PDFs")
    parser.add_argument("--pdfplumber", action="store_true", help="also time pdfplumber on the same PDFs")
    args = parser.parse_args(argv)
    targets = args.paths
    if not targets:
        shared = Path(os.environ.get("RESUMEPARSER_SHARED", ROOT.parent / "shared"))
        targets = [str(ROOT / "fixtures" / "generated"), str(shared / "dev-data")]
    paths = _collect(targets)
    if args.no_ocr:
        paths = [p for p in paths if not _is_ocr(p)]
    if args.only_ocr:
        paths = [p for p in paths if _is_ocr(p)]
    report = measure_extraction(paths, args.repeats)
    if args.pdfplumber:
        report["pdfplumber (for comparison)"] = measure_pdfplumber(paths, args.repeats)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
