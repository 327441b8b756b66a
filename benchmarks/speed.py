"""Speed of resumeparser per format, side by side with the floor of raw text extraction on the same files.

    RESUMEPARSER_SHARED=../shared python -m benchmarks.speed      # full run
    python -m benchmarks.speed --quick                            # fewer repeats and documents, no OCR formats

Measures, per format: CPU ms per document (each file's median over the timed runs, then the median and p95 over
files), wall ms, peak Python allocation (tracemalloc), peak RSS of a fresh process that parses the format's files,
and, on the same files in the same run, the floor (the fastest plain-text call of a library) and, for PDF,
pdfplumber's `extract_words`. Then: cold start (a fresh interpreter: import + first parse of a one-page PDF,
median of 5, wall and CPU), resident memory of a fresh process after `warm_up()` and after parsing the corpus,
documents per second with 1 and 2 worker processes (and `resumeparser.parse_many`), and the load average of the
machine while it ran (2 cores shared with other work: CPU time is the steadier figure). The targets of issue 14
are checked at the end of the report.
Corpus (`--corpus all`, the default): the generated fixtures and the development data (real pairs, LinkedIn,
pandoc, templates) when present, else fixtures/samples.
Writes benchmarks/results/speed.{md,json}.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import inspect
import io
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
from resumeparser import ParseOptions

from .common import (
    GENERATED,
    OCR_FORMATS,
    RESULTS,
    ROOT,
    dev_data,
    git_commit,
    load_manifest,
    markdown_table,
    pdf_text,
    write_report,
)

TARGET_TWO_PAGE_PDF_CPU_MS = 30.0
# issue 14
TARGETS = {
    "pdf_median_cpu_ms": 25.0,
    "pdf_cpu_x_floor": 3.5,
    "pdf_p95_cpu_ms": 100.0,
    "docx_median_cpu_ms": 15.0,
    "cold_start_ms": 800.0,
    "rss_after_warm_up_mb": 200.0,
    "scaling_2_over_1": 1.8,
}


# --- corpus ---------------------------------------------------------------------------------------------------


def corpus(kind: str, fixtures_root: Path = GENERATED) -> dict[str, list[Path]]:
    """Files by format label. `kind`: fixtures, dev-data, all (both), or auto (fixtures when generated, else
    dev-data)."""
    files: dict[str, list[Path]] = defaultdict(list)
    if kind in ("fixtures", "auto", "all"):
        for fx in load_manifest(fixtures_root):
            for fmt, path in fx.files.items():
                files[fmt].append(path)
    if kind in ("dev-data", "all") or (kind == "auto" and not files):
        real = dev_data("real_pairs")
        if real:
            for path in sorted(real.glob("*/*.expected.json")):
                doc = path.with_name(path.name.removesuffix(".expected.json"))
                if doc.suffix[1:] in ("pdf", "docx", "html"):
                    files[doc.suffix[1:]].append(doc)
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
    "pdf": pdf_text,
    "docx": _docx_text,
    "rtf": _rtf_text,
    "odt": _odt_text,
    "html": _html_text,
    "txt": _txt_text,
    "doc": _doc_text,
    "png": _image_text,
    "scan": _scan_text,
}
def _pdfplumber_words(data: bytes) -> int:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return sum(len(page.extract_words()) for page in pdf.pages)


# other libraries timed on the same files, for comparison (not a floor)
COMPARE: dict[str, tuple[str, Callable[[bytes], object]]] = {
    "pdf": ("pdfplumber extract_words", _pdfplumber_words),
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


def _file_medians(call: Callable[[], object], repeats: int) -> tuple[float, float]:
    """(median wall ms, median CPU ms) of one file's timed runs."""
    wall, cpu = time_calls(call, repeats)
    return statistics.median(wall), statistics.median(cpu)


def _spread(values: Sequence[float]) -> dict[str, float | None]:
    return {
        "median": statistics.median(values) if values else None,
        "p95": percentile(values, 0.95) if values else None,
        "max": max(values) if values else None,
    }


def measure_format(fmt: str, paths: Sequence[Path], repeats: int, compare: bool = True) -> dict[str, Any]:
    """Per-file medians of the parser, the floor and (for PDF) pdfplumber on the same files, in one run."""
    wall: list[float] = []
    cpu: list[float] = []
    per_file_cpu: dict[str, float] = {}
    floor_wall: list[float] = []
    floor_cpu: list[float] = []
    other_cpu: list[float] = []
    peak_alloc = 0
    errors: dict[str, str] = {}
    floor_fn = FLOORS.get(fmt)
    other = COMPARE.get(fmt) if compare else None
    for path in paths:
        data = path.read_bytes()  # read once: the disk is not what we measure
        try:
            w, c = _file_medians(partial(_parse_bytes, data, path.name), repeats)
        except resumeparser.ResumeParserError as exc:
            errors[str(path)] = exc.code
            continue
        except Exception as exc:
            errors[str(path)] = f"crash:{type(exc).__name__}"
            continue
        wall.append(w)
        cpu.append(c)
        per_file_cpu[str(path)] = c
        tracemalloc.start()
        _parse_bytes(data, path.name)
        peak_alloc = max(peak_alloc, tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        if floor_fn is not None:
            try:
                fw, fc = _file_medians(partial(floor_fn, data), repeats)
                floor_wall.append(fw)
                floor_cpu.append(fc)
            except Exception as exc:  # a floor library that cannot read the file: leave the file out of the floor
                errors.setdefault(str(path), f"floor:{type(exc).__name__}")
        if other is not None:
            try:
                other_cpu.append(_file_medians(partial(other[1], data), max(1, min(repeats, 3)))[1])
            except Exception:  # pdfplumber refusing a file says nothing about the parser
                pass
    cpu_spread, wall_spread = _spread(cpu), _spread(wall)
    out: dict[str, Any] = {
        "files": len(paths),
        "parsed_files": len(paths) - sum(1 for e in errors.values() if not e.startswith("floor:")),
        "errors": errors,
        "median_ms": wall_spread["median"],
        "p95_ms": wall_spread["p95"],
        "median_cpu_ms": cpu_spread["median"],
        "p95_cpu_ms": cpu_spread["p95"],
        "max_cpu_ms": cpu_spread["max"],
        "slowest_cpu_ms": dict(sorted(per_file_cpu.items(), key=lambda kv: -kv[1])[:5]),
        "peak_alloc_mb": peak_alloc / 2**20 if wall else None,
        "floor": FLOOR_NAMES.get(fmt),
        "floor_median_ms": statistics.median(floor_wall) if floor_wall else None,
        "floor_median_cpu_ms": statistics.median(floor_cpu) if floor_cpu else None,
        "compare": other[0] if other else None,
        "compare_median_cpu_ms": statistics.median(other_cpu) if other_cpu else None,
        "compare_p95_cpu_ms": percentile(other_cpu, 0.95) if other_cpu else None,
    }
    out["ratio_to_floor"] = (
        out["median_ms"] / out["floor_median_ms"] if out["median_ms"] and out["floor_median_ms"] else None
    )
    out["cpu_ratio_to_floor"] = (
        out["median_cpu_ms"] / out["floor_median_cpu_ms"]
        if out["median_cpu_ms"] and out["floor_median_cpu_ms"]
        else None
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
t0, c0 = time.perf_counter(), time.process_time()
import resumeparser
t1, c1 = time.perf_counter(), time.process_time()
try:
    resumeparser.parse(sys.argv[1])
    error = None
except resumeparser.ResumeParserError as exc:
    error = exc.code
t2, c2 = time.perf_counter(), time.process_time()
print(f"{(t1 - t0) * 1000:.3f} {(t2 - t0) * 1000:.3f} {error} {(c1 - c0) * 1000:.3f} {(c2 - c0) * 1000:.3f}")
"""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cold_start(path: Path, runs: int) -> dict[str, Any]:
    """A fresh interpreter: import time, import + first parse, and the whole process (wall, and CPU of the
    child); medians of `runs`."""
    imports, firsts, process, import_cpu, first_cpu, process_cpu = [], [], [], [], [], []
    error = None
    for _ in range(runs):
        t0, c0 = time.perf_counter(), _children_cpu()
        out = subprocess.run(
            [sys.executable, "-c", _COLD_SCRIPT, str(path)], cwd=ROOT, capture_output=True, text=True, timeout=600
        )
        process.append((time.perf_counter() - t0) * 1000)
        process_cpu.append((_children_cpu() - c0) * 1000)
        fields = out.stdout.split()
        if out.returncode != 0 or len(fields) != 5:
            return {"file": str(path), "error": out.stderr.strip().splitlines()[-1:] or ["failed"]}
        imports.append(float(fields[0]))
        firsts.append(float(fields[1]))
        import_cpu.append(float(fields[3]))
        first_cpu.append(float(fields[4]))
        error = None if fields[2] == "None" else fields[2]
    return {
        "file": str(path),
        "runs": runs,
        "import_ms": statistics.median(imports),
        "import_and_first_parse_ms": statistics.median(firsts),
        "process_ms": statistics.median(process),
        "import_cpu_ms": statistics.median(import_cpu),
        "import_and_first_parse_cpu_ms": statistics.median(first_cpu),
        "process_cpu_ms": statistics.median(process_cpu),
        "error": error,
    }


_WARM_RSS_SCRIPT = """
import re, sys, resumeparser

def status(key):
    return int(re.search(key + r":\\s+(\\d+)", open("/proc/self/status").read()).group(1)) / 1024

resumeparser.warm_up()
after_warm_up = status("VmRSS")
for p in sys.argv[1:]:
    try:
        resumeparser.parse(p)
    except resumeparser.ResumeParserError:
        pass
print(after_warm_up, status("VmRSS"), status("VmHWM"))
"""


def resident_memory(paths: Sequence[Path]) -> dict[str, Any]:
    """RSS (MB) of a fresh interpreter after `warm_up()`, and after it parsed `paths`; with its peak."""
    try:
        out = subprocess.run(
            [sys.executable, "-c", _WARM_RSS_SCRIPT, *map(str, paths)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=1200,
            check=True,
        )
        warm, after, peak = map(float, out.stdout.split()[-3:])
    except (OSError, subprocess.SubprocessError, ValueError) as exc:
        return {"error": f"{type(exc).__name__}: {exc}"}
    return {"after_warm_up_mb": warm, "after_corpus_mb": after, "peak_mb": peak, "files": len(paths)}


def _one_page_pdf(candidates: Sequence[Path]) -> Path | None:
    return next((p for p in candidates if _page_count(p) == 1), None)


def _worker_parse(path: str) -> str | None:
    try:
        resumeparser.parse(path)
        return None
    except resumeparser.ResumeParserError as exc:
        return exc.code


def _warm_worker(paths: Sequence[str]) -> None:
    """Each worker as a batch worker starts: `warm_up()`, then one file of each format (a format's first file
    loads its own lazily built pieces), so the timed run counts only steady parsing in every worker."""
    resumeparser.warm_up()
    for path in paths:
        _worker_parse(path)


def throughput(paths: Sequence[Path], docs: int, workers: int) -> dict[str, Any]:
    """Documents per second over `docs` documents (the files repeated) in a warm process pool."""
    jobs = [str(paths[i % len(paths)]) for i in range(docs)]
    one_per_format = list({p.suffix.lower(): str(p) for p in reversed(paths)}.values())
    with cf.ProcessPoolExecutor(max_workers=workers, initializer=_warm_worker, initargs=(one_per_format,)) as pool:
        list(pool.map(_worker_parse, [str(p) for p in paths[:workers]] * workers))  # start every worker
        t0 = time.perf_counter()
        # small chunks: with a few large ones the last chunk runs alone while the other workers wait
        results = list(pool.map(_worker_parse, jobs, chunksize=max(1, docs // (25 * workers))))
        seconds = time.perf_counter() - t0
    return {
        "workers": workers,
        "docs": docs,
        "seconds": seconds,
        "docs_per_s": docs / seconds,
        "errors": sum(map(bool, results)),
        "load_average": load_average(),
    }


def load_average() -> list[float] | None:
    try:
        return [round(v, 2) for v in os.getloadavg()]
    except OSError:
        return None


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


# --- the entry tagger's share ------------------------------------------------------------------------------

_TAGGER_COLD_SCRIPT = """
import sys, time
from resumeparser import ParseOptions, parse
options = ParseOptions(entries=sys.argv[2])
c0 = time.process_time()
try:
    parse(sys.argv[1], options=options)
except Exception:
    pass
print(f"{(time.process_time() - c0) * 1000:.3f}")
"""


def tagging_cost(pdfs: Sequence[Path], repeats: int, cold_file: Path | None, cold_runs: int) -> dict[str, Any]:
    """What the entry tagger adds: warm CPU per PDF with `entries="model"` minus `entries="rules"` (the same
    files, interleaved), on every PDF and on two-page ones; and the first parse of a fresh process both ways."""
    model, rules = ParseOptions(entries="model"), ParseOptions(entries="rules")
    extra, extra_two = [], []
    for path in pdfs:
        data = path.read_bytes()
        try:
            resumeparser.parse(data, filename=path.name, options=model)
        except resumeparser.ResumeParserError:
            continue
        a = statistics.median(time_calls(partial(resumeparser.parse, data, filename=path.name, options=model),
                                         repeats)[1])
        b = statistics.median(time_calls(partial(resumeparser.parse, data, filename=path.name, options=rules),
                                         repeats)[1])
        extra.append(a - b)
        if _page_count(path) == 2:
            extra_two.append(a - b)
    out: dict[str, Any] = {
        "pdfs": len(extra),
        "median_extra_cpu_ms": statistics.median(extra) if extra else None,
        "two_page_pdfs": len(extra_two),
        "two_page_median_extra_cpu_ms": statistics.median(extra_two) if extra_two else None,
    }
    if cold_file is not None:
        firsts: dict[str, list[float]] = {"model": [], "rules": []}
        for _ in range(cold_runs):
            for mode in ("model", "rules"):
                run = subprocess.run([sys.executable, "-c", _TAGGER_COLD_SCRIPT, str(cold_file), mode], cwd=ROOT,
                                     capture_output=True, text=True, timeout=600)
                if run.returncode == 0 and run.stdout.strip():
                    firsts[mode].append(float(run.stdout.split()[-1]))
        if firsts["model"] and firsts["rules"]:
            out["cold_first_parse_cpu_ms"] = {k: statistics.median(v) for k, v in firsts.items()}
            out["cold_extra_cpu_ms"] = out["cold_first_parse_cpu_ms"]["model"] - out["cold_first_parse_cpu_ms"]["rules"]
    return out


# --- the cost of evidence ------------------------------------------------------------------------------------


def evidence_cost(paths: Sequence[Path], repeats: int) -> dict[str, Any]:
    """What `ParseOptions(evidence=True)` adds: warm CPU ms per document with evidence on and off, the two timed
    alternately on each file (off, on, off, on, ...) so that load changes fall on both; each file's median of
    `repeats` runs both ways, then the median over files of each and of the per-file ratio on / off."""
    off, on = ParseOptions(), ParseOptions(evidence=True)
    per_file: list[dict[str, Any]] = []
    for path in paths:
        data = path.read_bytes()
        try:
            resumeparser.parse(data, filename=path.name, options=on)  # warm-up, and a file that parses
            resumeparser.parse(data, filename=path.name, options=off)
        except resumeparser.ResumeParserError:
            continue
        cpu: dict[str, list[float]] = {"off": [], "on": []}
        for _ in range(repeats):
            for mode, options in (("off", off), ("on", on)):
                c0 = cpu_seconds()
                resumeparser.parse(data, filename=path.name, options=options)
                cpu[mode].append((cpu_seconds() - c0) * 1000)
        a, b = statistics.median(cpu["off"]), statistics.median(cpu["on"])
        per_file.append({"file": str(path), "format": path.suffix[1:], "off_cpu_ms": a, "on_cpu_ms": b,
                         "ratio": b / a if a else None})
    by_format: dict[str, dict[str, Any]] = {}
    for fmt in sorted({f["format"] for f in per_file}):
        rows = [f for f in per_file if f["format"] == fmt]
        by_format[fmt] = _evidence_summary(rows)
    return {"repeats": repeats, "load_average": load_average(), "all": _evidence_summary(per_file),
            "formats": by_format, "files": per_file}


def _evidence_summary(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    ratios = [r["ratio"] for r in rows if r["ratio"]]
    off = statistics.median(r["off_cpu_ms"] for r in rows) if rows else None
    on = statistics.median(r["on_cpu_ms"] for r in rows) if rows else None
    return {
        "files": len(rows),
        "median_off_cpu_ms": off,
        "median_on_cpu_ms": on,
        "median_extra_cpu_ms": statistics.median(r["on_cpu_ms"] - r["off_cpu_ms"] for r in rows) if rows else None,
        "median_ratio": statistics.median(ratios) if ratios else None,
        "p95_ratio": percentile(ratios, 0.95) if ratios else None,
    }


def render_evidence(cost: dict[str, Any]) -> list[str]:
    """The report's section on the cost of evidence."""
    load = cost.get("load_average")
    out = ["", "## The cost of evidence", "",
           "Warm CPU ms per document with `ParseOptions(evidence=True)` and without, timed alternately on each file "
           f"({cost['repeats']} runs each way; each file's median, then the median over files)"
           + (f"; load average {', '.join(f'{v:.2f}' for v in load)}" if load else "") + ".", ""]
    rows = []
    for label, m in [*cost["formats"].items(), ("all", cost["all"])]:
        rows.append([label, str(m["files"]), _ms(m["median_off_cpu_ms"]), _ms(m["median_on_cpu_ms"]),
                     _ms(m["median_extra_cpu_ms"]), "–" if m["median_ratio"] is None else f"{m['median_ratio']:.3f}",
                     "–" if m["p95_ratio"] is None else f"{m['p95_ratio']:.3f}"])
    out.append(markdown_table(["format", "files", "off CPU ms", "on CPU ms", "extra CPU ms", "on / off (median)",
                               "on / off (p95)"], rows))
    return out


# --- report ---------------------------------------------------------------------------------------------------


def _ms(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.3f}" if value < 1 else f"{value:.2f}" if value < 10 else f"{value:.1f}"


def _short(path: str | Path) -> str:
    """The file and its folder: enough to tell the development-data files apart."""
    p = Path(path)
    return f"{p.parent.name}/{p.name}"


def _x(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}x"


def render_markdown(report: dict[str, Any]) -> str:
    loads = report.get("load_average", {})
    out = [
        f"# Speed (resumeparser {report['parser_version']}, commit {report['commit']}, {report['generated']})",
        "",
        f"Command: `{report['command']}`; {report['repeats']} timed runs per file after a warm-up "
        "(OCR formats: at most 2 runs on at most 3 files); "
        f"corpus: {report['corpus']}; {os.cpu_count()} CPUs (shared with other work: expect noise).",
    ]
    if loads:
        out.append(
            "Load average (1, 5, 15 min) at the start / before the worker runs / at the end: "
            + " / ".join(", ".join(f"{v:.2f}" for v in loads[k]) for k in ("start", "throughput", "end")
                         if loads.get(k))
            + ". CPU ms are this process's CPU time (steadier than wall time on a shared machine)."
        )
    out += [
        "",
        "Per format, over files (each file's median over the timed runs); the floor and pdfplumber ran on the same "
        "files in the same run.",
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
                _ms(m.get("p95_cpu_ms")),
                _ms(m["peak_alloc_mb"]),
                _ms(m["peak_rss_mb"]),
                _ms(m["floor_median_ms"]),
                _x(m["ratio_to_floor"]),
                _ms(m.get("floor_median_cpu_ms")),
                _x(m.get("cpu_ratio_to_floor")),
                m["floor"] or "–",
                f"{_ms(m.get('compare_median_cpu_ms'))} ({m['compare']})" if m.get("compare") else "–",
            ]
        )
    header = ["format", "parsed", "median ms", "p95 ms", "CPU ms", "p95 CPU ms", "alloc MB", "RSS MB", "floor ms",
              "x floor", "floor CPU ms", "x floor CPU", "floor", "other library, CPU ms"]
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
    slow = {f: m.get("slowest_cpu_ms") for f, m in report["formats"].items() if m.get("slowest_cpu_ms")}
    if slow.get("pdf"):
        out += ["", "Slowest PDFs, CPU ms: " + ", ".join(f"{_short(k)} {v:.1f}" for k, v in slow["pdf"].items())]
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
        cpu = "import_cpu_ms" in cold
        out.append(
            f"| cold start: import resumeparser, ms (median of {cold['runs']}) | {cold['import_ms']:.0f}"
            + (f" (CPU {cold['import_cpu_ms']:.0f})" if cpu else "") + " |"
        )
        out.append(
            f"| cold start: import + first parse of {_short(cold['file'])}, ms | "
            f"{cold['import_and_first_parse_ms']:.0f}"
            + (f" (CPU {cold['import_and_first_parse_cpu_ms']:.0f})" if cpu else "")
            + f"{' (' + cold['error'] + ')' if cold['error'] else ''} |"
        )
        out.append(
            f"| cold start: whole `python -c` process, ms | {cold['process_ms']:.0f}"
            + (f" (CPU {cold['process_cpu_ms']:.0f})" if cpu else "") + " |"
        )
    rss = report.get("resident_memory")
    if rss and "after_warm_up_mb" in rss:
        out.append(f"| RSS of a fresh process after `warm_up()`, MB | {rss['after_warm_up_mb']:.0f} |")
        out.append(
            f"| RSS after it parsed the {rss['files']} non-OCR files (peak), MB | "
            f"{rss['after_corpus_mb']:.0f} ({rss['peak_mb']:.0f}) |"
        )
    for t in report.get("throughput", []):
        label = f"docs/s, {t['workers']} worker process(es), {t['docs']} docs (non-OCR files)"
        load = f" (load {t['load_average'][0]:.2f})" if t.get("load_average") else ""
        out.append(f"| {label} | {t['docs_per_s']:.1f}{load} |")
    if report.get("scaling_2_over_1"):
        out.append(f"| scaling, 2 workers / 1 worker | {report['scaling_2_over_1']:.2f} |")
    many = report.get("parse_many")
    for m in many or []:
        value = f"{m['docs_per_s']:.1f}" if "docs_per_s" in m else m["error"]
        out.append(f"| docs/s, resumeparser.parse_many(workers={m['workers']}), pool start included | {value} |")
    if many is None:
        out.append("| resumeparser.parse_many | not in this version |")
    tagging = report.get("tagging")
    if tagging:
        cold = tagging.get("cold_first_parse_cpu_ms") or {}
        out += ["", "## The entry tagger's share", "",
                "Warm CPU with the trained entry tagger minus the rules alone (`ParseOptions(entries=...)`), per PDF, "
                "median over the files; and the first parse in a fresh process both ways (targets: 5 ms warm on a "
                "two-page PDF, 150 ms cold).", "",
                markdown_table(["measure", "value"], [
                    ["PDFs", str(tagging["pdfs"])],
                    ["median extra CPU ms a PDF", _ms(tagging["median_extra_cpu_ms"])],
                    [f"median extra CPU ms a two-page PDF ({tagging['two_page_pdfs']} files)",
                     _ms(tagging["two_page_median_extra_cpu_ms"])],
                    ["cold first parse CPU ms, model / rules",
                     f"{_ms(cold.get('model'))} / {_ms(cold.get('rules'))}"],
                    ["cold extra CPU ms", _ms(tagging.get("cold_extra_cpu_ms"))],
                ])]
    if report.get("evidence"):
        out += render_evidence(report["evidence"])
    checks = report.get("targets")
    if checks:
        out += ["", "Targets (issue 14):", "", "| target | value | met |", "|---|---|---|"]
        for c in checks:
            value = "–" if c["value"] is None else f"{c['value']:.2f}"
            met = "–" if c["met"] is None else ("yes" if c["met"] else "no")
            out.append(f"| {c['label']} | {value} | {met} |")
    return "\n".join(out) + "\n"


def check_targets(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of issue 14 with the measured value and whether it is met (None when not measured)."""
    pdf = report["formats"].get("pdf", {})
    docx = report["formats"].get("docx", {})
    cold = report.get("cold_start") or {}
    rss = report.get("resident_memory") or {}
    rows = [
        ("median CPU ms per PDF <= 25", pdf.get("median_cpu_ms"), TARGETS["pdf_median_cpu_ms"], "<="),
        ("PDF median CPU / floor median CPU <= 3.5", pdf.get("cpu_ratio_to_floor"), TARGETS["pdf_cpu_x_floor"], "<="),
        ("p95 CPU ms per PDF <= 100", pdf.get("p95_cpu_ms"), TARGETS["pdf_p95_cpu_ms"], "<="),
        ("median CPU ms per DOCX <= 15", docx.get("median_cpu_ms"), TARGETS["docx_median_cpu_ms"], "<="),
        ("cold start, import + first parse, wall ms <= 800", cold.get("import_and_first_parse_ms"),
         TARGETS["cold_start_ms"], "<="),
        ("cold start, import + first parse, CPU ms <= 800", cold.get("import_and_first_parse_cpu_ms"),
         TARGETS["cold_start_ms"], "<="),
        ("RSS after warm-up, MB <= 200", rss.get("after_warm_up_mb"), TARGETS["rss_after_warm_up_mb"], "<="),
        ("RSS after the corpus, MB <= 200", rss.get("after_corpus_mb"), TARGETS["rss_after_warm_up_mb"], "<="),
        ("2 workers / 1 worker docs/s >= 1.8", report.get("scaling_2_over_1"), TARGETS["scaling_2_over_1"], ">="),
    ]
    return [
        {"label": label, "value": value, "target": target,
         "met": None if value is None else (value <= target if op == "<=" else value >= target)}
        for label, value, target, op in rows
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.speed", description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per file after a warm-up (default 5)")
    parser.add_argument("--formats", help="comma-separated formats (default: every format in the corpus)")
    parser.add_argument("--corpus", choices=("all", "auto", "fixtures", "dev-data"), default="all")
    parser.add_argument("--files-per-format", type=int, default=0, help="at most this many files per format (0: all)")
    parser.add_argument("--docs", type=int, default=200, help="documents for the throughput runs (default 200)")
    parser.add_argument("--cold-runs", type=int, default=5, help="fresh interpreters for the cold start (default 5)")
    parser.add_argument(
        "--skip-ocr", action="store_true", help="leave out image and scanned-PDF formats (else at most 3 files, 2 runs)"
    )
    parser.add_argument("--quick", action="store_true", help="--repeats 2 --docs 30 --files-per-format 3 --skip-ocr")
    parser.add_argument("--fixtures", type=Path, default=GENERATED, help="generated fixtures folder")
    parser.add_argument("--output", type=Path, default=RESULTS, help="directory for speed.{md,json}")
    parser.add_argument(
        "--evidence-only", action="store_true",
        help="only the cost of evidence (on / off, non-OCR files): print it, write speed_evidence.{md,json}",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.repeats, args.docs, args.files_per_format, args.skip_ocr, args.cold_runs = 2, 30, 3, True, 1
    if args.evidence_only:
        return _evidence_only(args, argv)
    loads: dict[str, list[float] | None] = {"start": load_average()}
    files = corpus(args.corpus, args.fixtures)
    if args.formats:
        files = {f: p for f, p in files.items() if f in args.formats.split(",")}
    if args.skip_ocr:
        files = {f: p for f, p in files.items() if f not in OCR_FORMATS}
    # OCR takes seconds a page: fewer files and runs there, so a full run stays within minutes
    limit = args.files_per_format or None
    files = {f: p[: min(limit or 3, 3) if f in OCR_FORMATS else limit] for f, p in files.items()}
    if not files:
        print("no files to measure: generate the fixtures or set RESUMEPARSER_SHARED", file=sys.stderr)
        return 1
    command = ("python -m benchmarks.speed " + " ".join(sys.argv[1:] if argv is None else argv)).strip()
    has_fixtures = bool(load_manifest(args.fixtures)) and args.corpus != "dev-data"
    has_dev = any(dev_data(name) for name in ("real_pairs", "linkedin_profile_pdf", "pandoc_multiformat",
                                              "synthetic_template_resumes"))
    kinds = {"all": ["generated fixtures" if has_fixtures else "", "dev-data" if has_dev else ""],
             "fixtures": ["generated fixtures"], "dev-data": ["dev-data + samples"],
             "auto": ["generated fixtures" if has_fixtures else "dev-data + samples"]}[args.corpus]
    report: dict[str, Any] = {
        "command": command,
        "parser_version": resumeparser.__version__,
        "commit": git_commit(),
        "generated": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "repeats": args.repeats,
        "corpus": " + ".join(k for k in kinds if k) or "samples",
        "formats": {},
        "load_average": loads,
    }
    resumeparser.warm_up()
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
    # cold start on a one-page PDF that parses, else any PDF, else any file that parses, else the first file
    pdf_ok = [p for p in parseable if p.suffix == ".pdf"]
    cold_file = _one_page_pdf(pdf_ok) or next(iter(pdf_ok + parseable), next(iter(files.values()))[0])
    report["cold_start"] = cold_start(cold_file, args.cold_runs)
    real_pdfs = [p for p in parseable if p.suffix == ".pdf"]
    report["tagging"] = tagging_cost(real_pdfs, args.repeats, cold_file, args.cold_runs)
    report["evidence"] = evidence_cost(parseable, args.repeats)
    report["resident_memory"] = resident_memory(parseable)
    if parseable:
        loads["throughput"] = load_average()
        report["throughput"] = [throughput(parseable, args.docs, w) for w in (1, 2)]
        one, two = (t["docs_per_s"] for t in report["throughput"])
        report["scaling_2_over_1"] = two / one
        report["parse_many"] = parse_many_throughput(parseable, args.docs)
    loads["end"] = load_average()
    report["targets"] = check_targets(report)
    markdown = render_markdown(report)
    print(markdown)
    write_report(args.output, "speed", markdown, report)
    return 0


def _evidence_only(args: argparse.Namespace, argv: Sequence[str] | None) -> int:
    files = corpus(args.corpus, args.fixtures)
    if args.formats:
        files = {f: p for f, p in files.items() if f in args.formats.split(",")}
    limit = args.files_per_format or None
    paths = [p for f, ps in files.items() if f not in OCR_FORMATS for p in ps[:limit]]
    if not paths:
        print("no files to measure: generate the fixtures or set RESUMEPARSER_SHARED", file=sys.stderr)
        return 1
    command = ("python -m benchmarks.speed " + " ".join(sys.argv[1:] if argv is None else argv)).strip()
    resumeparser.warm_up()
    cost = evidence_cost(paths, args.repeats)
    cost["command"], cost["commit"] = command, git_commit()
    cost["generated"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    markdown = "\n".join([
        f"# The cost of evidence (resumeparser {resumeparser.__version__}, commit {cost['commit']}, "
        f"{cost['generated']})", "", f"Command: `{command}`; {os.cpu_count()} CPUs (shared with other work).",
        *render_evidence(cost)[1:]]) + "\n"
    print(markdown)
    write_report(args.output, "speed_evidence", markdown, cost)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
