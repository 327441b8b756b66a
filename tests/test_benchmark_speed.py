from __future__ import annotations

import io
import json
from pathlib import Path

from benchmarks import speed
from benchmarks.common import load_manifest


def test_percentile_interpolates() -> None:
    values = [float(v) for v in range(1, 101)]
    assert speed.percentile(values, 0.5) == 50.5
    assert abs(speed.percentile(values, 0.95) - 95.05) < 1e-9
    assert speed.percentile([3.0], 0.95) == 3.0


def test_floor_extractors_read_real_files(tmp_path: Path) -> None:
    import docx
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    pdf.drawString(72, 720, "Jane Example, Data Engineer")
    pdf.save()
    assert "Data Engineer" in speed.FLOORS["pdf"](buf.getvalue())

    document = docx.Document()
    document.add_paragraph("Jane Example, Data Engineer")
    out = io.BytesIO()
    document.save(out)
    assert "Data Engineer" in speed.FLOORS["docx"](out.getvalue())

    assert "Data Engineer" in speed.FLOORS["html"](b"<html><body><p>Data <b>Engineer</b></p></body></html>")
    assert "Data Engineer" in speed.FLOORS["rtf"](rb"{\rtf1\ansi Data Engineer\par}")
    assert speed.FLOORS["txt"]("Zoë".encode()) == "Zoë"


def test_measure_format_times_parses_and_floor(sample_txt: Path, tmp_path: Path) -> None:
    broken = tmp_path / "empty.txt"
    broken.write_bytes(b"")
    m = speed.measure_format("txt", [sample_txt, broken], repeats=2)
    assert m["files"] == 2 and m["parsed_files"] == 1
    assert m["errors"] == {str(broken): "empty_document"}
    assert m["median_ms"] > 0 and m["p95_ms"] >= m["median_ms"]
    assert m["floor_median_ms"] is not None and m["ratio_to_floor"] > 0
    assert m["peak_alloc_mb"] > 0


def test_manifest_leaves_out_missing_files(tmp_path: Path, sample_txt: Path) -> None:
    (tmp_path / "r1").mkdir()
    (tmp_path / "r1" / "resume.txt").write_bytes(sample_txt.read_bytes())
    manifest = [{"id": "r1", "layout": "plain", "language": "en", "files": {"txt": "r1/resume.txt", "pdf": "r1/x.pdf"}}]
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    fixtures = load_manifest(tmp_path)
    # a file the manifest names but that is missing is left out
    assert list(fixtures[0].files) == ["txt"]


def test_cold_start_runs_a_fresh_interpreter(sample_txt: Path) -> None:
    cold = speed.cold_start(sample_txt, runs=1)
    assert cold["error"] is None
    assert 0 < cold["import_ms"] <= cold["import_and_first_parse_ms"] <= cold["process_ms"]


def test_report_renders_every_format_and_the_summary_lines() -> None:
    report = {
        "command": "python -m benchmarks.speed",
        "parser_version": "0",
        "commit": "abc",
        "generated": "now",
        "repeats": 5,
        "corpus": "test",
        "formats": {
            "pdf": {
                "files": 2,
                "parsed_files": 1,
                "errors": {"/x/a/b.pdf": "corrupt_document"},
                "median_ms": 12.0,
                "p95_ms": 20.0,
                "median_cpu_ms": 11.0,
                "peak_alloc_mb": 3.0,
                "peak_rss_mb": 90.0,
                "floor_median_ms": 2.0,
                "ratio_to_floor": 6.0,
                "floor": "pypdfium2 get_text_range",
            }
        },
        "two_page_pdf": {"file": "/x/cv.pdf", "median_cpu_ms": 25.0, "median_ms": 26.0, "target_cpu_ms": 30.0},
        "throughput": [
            {"workers": 1, "docs": 100, "docs_per_s": 40.0},
            {"workers": 2, "docs": 100, "docs_per_s": 70.0},
        ],
        "scaling_2_over_1": 1.75,
        "parse_many": None,
    }
    text = speed.render_markdown(report)
    assert "| pdf | 1/2 | 12.0 | 20.0 |" in text
    assert "6.0x" in text and "corrupt_document x1 (a/b.pdf)" in text
    assert "target 30) | 25.0" in text and "| 1.75 |" in text


def test_evidence_cost_times_both_ways_and_renders(sample_txt: Path) -> None:
    cost = speed.evidence_cost([sample_txt], repeats=1)
    row = cost["files"][0]
    assert cost["all"]["files"] == 1 and row["format"] == "txt"
    assert row["off_cpu_ms"] > 0 and row["on_cpu_ms"] > 0 and row["ratio"] == row["on_cpu_ms"] / row["off_cpu_ms"]
    text = "\n".join(speed.render_evidence(cost))
    assert "## The cost of evidence" in text and "| txt | 1 |" in text and "| all | 1 |" in text


def test_compare_checkouts_runs_both_workers(sample_txt: Path) -> None:
    from benchmarks import compare_checkouts
    from benchmarks.common import ROOT

    report = compare_checkouts.compare(ROOT, ROOT, [sample_txt], rounds=1)
    assert report["files"] == 1 and report["median_ratio"] is not None
    assert report["this_module"] == report["other_module"] == str(ROOT / "resumeparser" / "__init__.py")
    assert "this / other, median of per-file ratios" in compare_checkouts.render(report)
