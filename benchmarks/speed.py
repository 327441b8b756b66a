"""Speed of resumeparser per format, against the floor of raw text extraction on the same files.

    python -m benchmarks.speed                 # full run (about 5 repeats per file after a warm-up)
    python -m benchmarks.speed --quick         # fewer repeats and documents, no OCR formats

Measures, per format: wall ms per document (median, p95), CPU ms (this process and its child processes),
peak Python allocation (tracemalloc), peak RSS of a fresh process that parses the format's files, and the ratio
to the floor (the fastest plain-text call of a library on the same files). Then: cold start (a fresh interpreter:
import + first parse, median of 3), documents per second with 1 and 2 worker processes (and
`resumeparser.parse_many` when the package has it), and a typical two-page text PDF, warm, median CPU ms
(target 30 ms).
Corpus: fixtures/generated when present, else the development data and fixtures/samples.
Writes benchmarks/results/speed.{md,json}.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import inspect
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
import zipfile
from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import resumeparser

from .common import GENERATED, OCR_FORMATS, RESULTS, ROOT, dev_data, git_commit, load_manifest, markdown_table

TARGET_TWO_PAGE_PDF_CPU_MS = 30.0


# --- corpus ---------------------------------------------------------------------------------------------------


def corpus(kind: str, fixtures_root: Path = GENERATED) -> dict[str, list[Path]]:
    """Files by format label. `kind`: fixtures, dev-data, or auto (fixtures when generated, else dev-data)."""
    files: dict[str, list[Path]] = defaultdict(list)
    if kind in ("fixtures", "auto"):
        for fx in load_manifest(fixtures_root):
            for fmt, path in fx.files.items():
                files[fmt].append(path)
    if kind == "dev-data" or (kind == "auto" and not files):
        linkedin = dev_data("linkedin_profile_pdf")
        if linkedin:
            files["pdf"] += sorted(linkedin.glob("*/Profile.pdf"))
        synthetic = dev_data("synthetic_template_resumes")
        if synthetic:
            for path in sorted(synthetic.rglob("*")):
                if path.suffix in (".pdf", ".docx"):
                    files[path.suffix[1:]].append(path)
        pandoc = dev_data("pandoc_multiformat")
        if pandoc:
            for path in sorted(pandoc.glob("*/resume.*")):
                if path.suffix[1:] in ("docx", "rtf", "odt", "pdf", "html", "txt"):
                    files[path.suffix[1:]].append(path)
        files["txt"] += sorted((ROOT / "fixtures" / "samples").glob("*.txt"))
    return {fmt: paths for fmt, paths in sorted(files.items()) if paths}


# --- the floor: the fastest plain-text call per format -----------------------------------------------------


def _pdf_text(data: bytes) -> str:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        return "\f".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def _docx_text(data: bytes) -> str:
    import docx

    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def _rtf_text(data: bytes) -> str:
    from striprtf.striprtf import rtf_to_text

    return str(rtf_to_text(data.decode("latin-1")))


def _odt_text(data: bytes) -> str:
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read("content.xml"))
    return "\n".join(root.itertext())


def _html_text(data: bytes) -> str:
    import lxml.html

    return str(lxml.html.fromstring(data).text_content())


def _txt_text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def _doc_text(data: bytes) -> str:
    return subprocess.run(["antiword", "-"], input=data, capture_output=True, timeout=30, check=True).stdout.decode()


def _image_text(data: bytes) -> str:
    import pytesseract
    from PIL import Image

    os.environ["OMP_THREAD_LIMIT"] = "1"  # faster on these 2-core machines (see DESIGN); the parser does the same
    return str(pytesseract.image_to_string(Image.open(io.BytesIO(data))))


def _scan_text(data: bytes) -> str:
    import pypdfium2
    import pytesseract

    os.environ["OMP_THREAD_LIMIT"] = "1"
    pdf = pypdfium2.PdfDocument(data)
    try:
        return "\f".join(str(pytesseract.image_to_string(page.render(scale=300 / 72).to_pil())) for page in pdf)
    finally:
        pdf.close()


FLOORS: dict[str, Callable[[bytes], str]] = {
    "pdf": _pdf_text,
    "docx": _docx_text,
    "rtf": _rtf_text,
    "odt": _odt_text,
    "html": _html_text,
    "txt": _txt_text,
    "doc": _doc_text,
    "png": _image_text,
    "scan": _scan_text,
}
FLOOR_NAMES = {
    "pdf": "pypdfium2 get_text_range",
    "docx": "python-docx paragraphs",
    "rtf": "striprtf rtf_to_text",
    "odt": "lxml itertext of content.xml",
    "html": "lxml.html text_content",
    "txt": "bytes.decode",
    "doc": "antiword subprocess",
    "png": "pytesseract image_to_string",
    "scan": "pypdfium2 render 300 dpi + pytesseract",
}


# --- measurements ---------------------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (Tesseract and antiword run as child processes)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def time_calls(call: Callable[[], object], repeats: int) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds of `repeats` calls after one warm-up call."""
    call()
    wall, cpu = [], []
    for _ in range(repeats):
        w0, c0 = time.perf_counter(), cpu_seconds()
        call()
        cpu.append((cpu_seconds() - c0) * 1000)
        wall.append((time.perf_counter() - w0) * 1000)
    return wall, cpu


def _parse_bytes(data: bytes, name: str) -> object:
    return resumeparser.parse(data, filename=name)


def measure_format(fmt: str, paths: Sequence[Path], repeats: int) -> dict[str, Any]:
    wall: list[float] = []
    cpu: list[float] = []
    floor: list[float] = []
    peak_alloc = 0
    errors: dict[str, str] = {}
    floor_fn = FLOORS.get(fmt)
    for path in paths:
        data = path.read_bytes()  # read once: the disk is not what we measure
        try:
            w, c = time_calls(partial(_parse_bytes, data, path.name), repeats)
        except resumeparser.ResumeParserError as exc:
            errors[str(path)] = exc.code
            continue
        except Exception as exc:
            errors[str(path)] = f"crash:{type(exc).__name__}"
            continue
        wall += w
        cpu += c
        tracemalloc.start()
        _parse_bytes(data, path.name)
        peak_alloc = max(peak_alloc, tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    for path in paths:
        if floor_fn is None:
            break
        data = path.read_bytes()
        try:
            floor += time_calls(partial(floor_fn, data), repeats)[0]
        except Exception as exc:  # a floor library that cannot read the file: leave the file out of the floor
            errors.setdefault(str(path), f"floor:{type(exc).__name__}")
    out: dict[str, Any] = {
        "files": len(paths),
        "parsed_files": len(paths) - sum(1 for e in errors.values() if not e.startswith("floor:")),
        "errors": errors,
        "median_ms": statistics.median(wall) if wall else None,
        "p95_ms": percentile(wall, 0.95) if wall else None,
        "median_cpu_ms": statistics.median(cpu) if cpu else None,
        "peak_alloc_mb": peak_alloc / 2**20 if wall else None,
        "floor": FLOOR_NAMES.get(fmt),
        "floor_median_ms": statistics.median(floor) if floor else None,
    }
    out["ratio_to_floor"] = (
        out["median_ms"] / out["floor_median_ms"] if out["median_ms"] and out["floor_median_ms"] else None
    )
    return out


# VmHWM (peak RSS of this process image), not ru_maxrss: on Linux ru_maxrss survives fork+exec, so a child
# would report the benchmark's own peak.
_RSS_SCRIPT = """
import re, resource, sys, resumeparser
for p in sys.argv[1:]:
    try:
        resumeparser.parse(p)
    except resumeparser.ResumeParserError:
        pass
try:
    status = open("/proc/self/status").read()
    print(re.search(r"VmHWM:\\s+(\\d+)", status).group(1))
except (OSError, AttributeError):
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_rss_mb(paths: Sequence[Path]) -> float | None:
    """Peak resident memory (MB) of a fresh interpreter that parses these files."""
    try:
        out = subprocess.run(
            [sys.executable, "-c", _RSS_SCRIPT, *map(str, paths)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        )
        return int(out.stdout.strip().splitlines()[-1]) / 1024  # ru_maxrss is in KiB on Linux
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return None


_COLD_SCRIPT = """
import sys, time
t0 = time.perf_counter()
import resumeparser
t1 = time.perf_counter()
try:
    resumeparser.parse(sys.argv[1])
    error = None
except resumeparser.ResumeParserError as exc:
    error = exc.code
t2 = time.perf_counter()
print(f"{(t1 - t0) * 1000:.3f} {(t2 - t0) * 1000:.3f} {error}")
"""


def cold_start(path: Path, runs: int) -> dict[str, Any]:
    """A fresh interpreter: import time, import + first parse, and the whole process; medians of `runs`."""
    imports, firsts, process = [], [], []
    error = None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", _COLD_SCRIPT, str(path)], cwd=ROOT, capture_output=True, text=True, timeout=600
        )
        process.append((time.perf_counter() - t0) * 1000)
        fields = out.stdout.split()
        if out.returncode != 0 or len(fields) != 3:
            return {"file": str(path), "error": out.stderr.strip().splitlines()[-1:] or ["failed"]}
        imports.append(float(fields[0]))
        firsts.append(float(fields[1]))
        error = None if fields[2] == "None" else fields[2]
    return {
        "file": str(path),
        "runs": runs,
        "import_ms": statistics.median(imports),
        "import_and_first_parse_ms": statistics.median(firsts),
        "process_ms": statistics.median(process),
        "error": error,
    }


def _worker_parse(path: str) -> str | None:
    try:
        resumeparser.parse(path)
        return None
    except resumeparser.ResumeParserError as exc:
        return exc.code


def throughput(paths: Sequence[Path], docs: int, workers: int) -> dict[str, Any]:
    """Documents per second over `docs` documents (the files repeated) in a warm process pool."""
    jobs = [str(paths[i % len(paths)]) for i in range(docs)]
    with cf.ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(_worker_parse, [str(p) for p in paths[:workers]] * workers))  # warm every worker
        t0 = time.perf_counter()
        results = list(pool.map(_worker_parse, jobs, chunksize=max(1, docs // (4 * workers))))
        seconds = time.perf_counter() - t0
    return {
        "workers": workers,
        "docs": docs,
        "seconds": seconds,
        "docs_per_s": docs / seconds,
        "errors": sum(map(bool, results)),
    }


def parse_many_throughput(paths: Sequence[Path], docs: int) -> list[dict[str, Any]] | None:
    """`resumeparser.parse_many` when the package has it, with 1 and 2 workers; each call starts its own pool."""
    parse_many = getattr(resumeparser, "parse_many", None)
    if parse_many is None:
        return None
    jobs = [paths[i % len(paths)] for i in range(docs)]
    takes_workers = "workers" in inspect.signature(parse_many).parameters
    out: list[dict[str, Any]] = []
    for workers in (1, 2) if takes_workers else (None,):
        kwargs = {} if workers is None else {"workers": workers}
        try:
            list(parse_many(list(jobs[:2]), **kwargs))  # warm-up: imports and caches of this process
            t0 = time.perf_counter()
            n = sum(1 for _ in parse_many(list(jobs), **kwargs))
            seconds = time.perf_counter() - t0
        except Exception as exc:
            out.append({"workers": workers, "error": f"{type(exc).__name__}: {exc}"})
            continue
        out.append({"workers": workers, "docs": n, "seconds": seconds, "docs_per_s": n / seconds})
    return out


def _page_count(path: Path) -> int | None:
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(str(path))
    except Exception:
        return None
    try:
        return len(pdf) if pdf[0].get_textpage().count_chars() > 0 else None
    finally:
        pdf.close()


def two_page_pdf(candidates: Sequence[Path], repeats: int) -> dict[str, Any] | None:
    """Warm median CPU ms of the first two-page PDF with a text layer among `candidates`."""
    for path in candidates:
        if _page_count(path) == 2:
            data = path.read_bytes()
            try:
                wall, cpu = time_calls(partial(_parse_bytes, data, path.name), max(repeats, 20))
            except resumeparser.ResumeParserError as exc:
                return {"file": str(path), "error": exc.code}
            return {
                "file": str(path),
                "median_cpu_ms": statistics.median(cpu),
                "median_ms": statistics.median(wall),
                "target_cpu_ms": TARGET_TWO_PAGE_PDF_CPU_MS,
            }
    return None


# --- report ---------------------------------------------------------------------------------------------------


def _ms(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.3f}" if value < 1 else f"{value:.2f}" if value < 10 else f"{value:.1f}"


def _short(path: str | Path) -> str:
    """The file and its folder: enough to tell the development-data files apart."""
    p = Path(path)
    return f"{p.parent.name}/{p.name}"


def render_markdown(report: dict[str, Any]) -> str:
    out = [
        f"# Speed (resumeparser {report['parser_version']}, commit {report['commit']}, {report['generated']})",
        "",
        f"Command: `{report['command']}`; {report['repeats']} timed runs per file after a warm-up "
        "(OCR formats: at most 2 runs on at most 3 files); "
        f"corpus: {report['corpus']}; {os.cpu_count()} CPUs (shared with other work: expect noise).",
        "",
    ]
    rows = []
    for fmt, m in report["formats"].items():
        rows.append(
            [
                fmt,
                f"{m['parsed_files']}/{m['files']}",
                _ms(m["median_ms"]),
                _ms(m["p95_ms"]),
                _ms(m["median_cpu_ms"]),
                _ms(m["peak_alloc_mb"]),
                _ms(m["peak_rss_mb"]),
                _ms(m["floor_median_ms"]),
                "–" if m["ratio_to_floor"] is None else f"{m['ratio_to_floor']:.1f}x",
                m["floor"] or "–",
            ]
        )
    header = ["format", "parsed", "median ms", "p95 ms", "CPU ms", "alloc MB", "RSS MB", "floor ms", "x floor", "floor"]
    out.append(markdown_table(header, rows))
    errors = {f: m["errors"] for f, m in report["formats"].items() if m["errors"]}
    if errors:
        out += ["", "Failures (left out of the timings):"]
        for fmt, errs in errors.items():
            by_code: dict[str, list[str]] = defaultdict(list)
            for path, code in errs.items():
                by_code[code].append(_short(path))
            parts = [
                f"{code} x{len(names)} ({', '.join(names[:3])}{', ...' if len(names) > 3 else ''})"
                for code, names in by_code.items()
            ]
            out.append(f"- {fmt}: " + "; ".join(parts))
    out += ["", "| measure | value |", "|---|---|"]
    two = report.get("two_page_pdf")
    if two and "median_cpu_ms" in two:
        out.append(
            f"| typical two-page text PDF, warm, median CPU ms (target {two['target_cpu_ms']:.0f}) | "
            f"{two['median_cpu_ms']:.1f} ({_short(two['file'])}) |"
        )
    elif two:
        out.append(f"| typical two-page text PDF | parse failed: {two.get('error')} |")
    else:
        out.append("| typical two-page text PDF | no two-page text PDF in the corpus |")
    cold = report.get("cold_start")
    if cold and "import_ms" in cold:
        out.append(f"| cold start: import resumeparser, ms (median of {cold['runs']}) | {cold['import_ms']:.0f} |")
        out.append(
            f"| cold start: import + first parse of {_short(cold['file'])}, ms | "
            f"{cold['import_and_first_parse_ms']:.0f}{' (' + cold['error'] + ')' if cold['error'] else ''} |"
        )
        out.append(f"| cold start: whole `python -c` process, ms | {cold['process_ms']:.0f} |")
    for t in report.get("throughput", []):
        label = f"docs/s, {t['workers']} worker process(es), {t['docs']} docs (non-OCR files)"
        out.append(f"| {label} | {t['docs_per_s']:.1f} |")
    if report.get("scaling_2_over_1"):
        out.append(f"| scaling, 2 workers / 1 worker | {report['scaling_2_over_1']:.2f} |")
    many = report.get("parse_many")
    for m in many or []:
        value = f"{m['docs_per_s']:.1f}" if "docs_per_s" in m else m["error"]
        out.append(f"| docs/s, resumeparser.parse_many(workers={m['workers']}), pool start included | {value} |")
    if many is None:
        out.append("| resumeparser.parse_many | not in this version |")
    return "\n".join(out) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.speed", description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per file after a warm-up (default 5)")
    parser.add_argument("--formats", help="comma-separated formats (default: every format in the corpus)")
    parser.add_argument("--corpus", choices=("auto", "fixtures", "dev-data"), default="auto")
    parser.add_argument("--files-per-format", type=int, default=10, help="at most this many files per format")
    parser.add_argument("--docs", type=int, default=100, help="documents for the throughput runs (default 100)")
    parser.add_argument(
        "--skip-ocr", action="store_true", help="leave out image and scanned-PDF formats (else at most 3 files, 2 runs)"
    )
    parser.add_argument("--quick", action="store_true", help="--repeats 2 --docs 30 --files-per-format 3 --skip-ocr")
    parser.add_argument("--fixtures", type=Path, default=GENERATED, help="generated fixtures folder")
    parser.add_argument("--output", type=Path, default=RESULTS, help="directory for speed.{md,json}")
    args = parser.parse_args(argv)
    if args.quick:
        args.repeats, args.docs, args.files_per_format, args.skip_ocr = 2, 30, 3, True
    files = corpus(args.corpus, args.fixtures)
    if args.formats:
        files = {f: p for f, p in files.items() if f in args.formats.split(",")}
    if args.skip_ocr:
        files = {f: p for f, p in files.items() if f not in OCR_FORMATS}
    # OCR takes seconds a page: fewer files and runs there, so a full run stays within minutes
    files = {
        f: p[: min(args.files_per_format, 3) if f in OCR_FORMATS else args.files_per_format] for f, p in files.items()
    }
    if not files:
        print("no files to measure: generate the fixtures or set RESUMEPARSER_SHARED", file=sys.stderr)
        return 1
    command = ("python -m benchmarks.speed " + " ".join(sys.argv[1:] if argv is None else argv)).strip()
    report: dict[str, Any] = {
        "command": command,
        "parser_version": resumeparser.__version__,
        "commit": git_commit(),
        "generated": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "repeats": args.repeats,
        "corpus": "generated fixtures"
        if load_manifest(args.fixtures) and args.corpus != "dev-data"
        else "dev-data + samples",
        "formats": {},
    }
    for fmt, paths in files.items():
        print(f"  {fmt}: {len(paths)} files", file=sys.stderr)
        m = measure_format(fmt, paths, min(args.repeats, 2) if fmt in OCR_FORMATS else args.repeats)
        m["peak_rss_mb"] = peak_rss_mb(paths)
        report["formats"][fmt] = m
    # the two-page PDF: from the whole corpus, else from the development data
    pdfs = corpus(args.corpus, args.fixtures).get("pdf", []) + corpus("dev-data").get("pdf", [])
    report["two_page_pdf"] = two_page_pdf(pdfs, args.repeats)
    parseable = [
        p for f, ps in files.items() if f not in OCR_FORMATS for p in ps if str(p) not in report["formats"][f]["errors"]
    ]
    # cold start on a PDF that parses, else any file that parses, else the first file
    candidates = [p for p in parseable if p.suffix == ".pdf"] + parseable + [next(iter(files.values()))[0]]
    cold_file = candidates[0]
    report["cold_start"] = cold_start(cold_file, 1 if args.quick else 3)
    if parseable:
        report["throughput"] = [throughput(parseable, args.docs, w) for w in (1, 2)]
        one, two = (t["docs_per_s"] for t in report["throughput"])
        report["scaling_2_over_1"] = two / one
        report["parse_many"] = parse_many_throughput(parseable, args.docs)
    markdown = render_markdown(report)
    print(markdown)
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "speed.md").write_text(markdown, encoding="utf-8")
    (args.output / "speed.json").write_text(json.dumps(report, indent=1, default=str) + "\n", encoding="utf-8")
    print(f"wrote {args.output}/speed.md, speed.json", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
