"""Build a set of PDFs printed from HTML by wkhtmltopdf and Chromium, for `benchmarks.pdf_words`.

    python -m benchmarks.make_textset OUT [--themes NODE_PROJECT]

HTML printers write no space characters between words (they place each word by its coordinates), the case
the PDF extractor's gap-based word breaks are for. Sources: the generated fixtures' HTML, the HTML of the
development data (`real_pairs`, `pandoc_multiformat`), and, with `--themes` (a folder whose node_modules
holds jsonresume-theme-* packages), the JSON Resume records of `real_pairs` rendered by each installed theme.
Each HTML is printed with both printers, when they are installed: OUT/<printer>/<name>.pdf. Nothing is
written into the project; remote resources (fonts, pictures) are not fetched.

A third set, OUT/positioned/, holds the same texts (the lines resumeparser reads from each HTML) typeset with
reportlab the way some producers write PDFs: every word (or every glyph) placed by its coordinates, no space
character between words, and word gaps narrower than the font's space (0.15 to 0.24 em, as fonts with narrow
spaces and tight justification give). Debian's printers write spaces, so this set is where glued words show.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.common import GENERATED, shared_dir  # noqa: E402

_RENDER_JS = """
import { readFileSync, writeFileSync } from "node:fs";
const [theme, input, output] = process.argv.slice(2);
const resume = JSON.parse(readFileSync(input, "utf8"));
if (resume.basics) { delete resume.basics.picture; delete resume.basics.image; }
const module = await import(theme);
const render = module.render || (module.default && module.default.render);
writeFileSync(output, await render(resume));
"""


def html_sources(dev: Path | None) -> list[tuple[str, Path]]:
    sources = [(f"fixture-{p.parent.name}", p) for p in sorted(GENERATED.glob("*/resume.html"))]
    if dev is not None:
        for folder in ("real_pairs", "pandoc_multiformat"):
            for path in sorted(p for p in (dev / folder).glob("*/*") if p.suffix in (".html", ".htm")):
                sources.append((f"{folder}-{path.parent.name}-{path.stem}", path))
    return sources


def json_resumes(dev: Path | None) -> list[tuple[str, Path]]:
    if dev is None:
        return []
    found = []
    for path in sorted((dev / "real_pairs").glob("*/*.json")):
        if path.name.endswith(".expected.json") or path.name in ("meta.json", "package.json"):
            continue
        try:
            if "basics" in json.loads(path.read_text(encoding="utf-8")):
                found.append((f"{path.parent.name}-{path.stem}", path))
        except (ValueError, UnicodeDecodeError):
            continue
    return found


def render_themes(records: list[tuple[str, Path]], themes_dir: Path, out: Path) -> list[tuple[str, Path]]:
    """Each record through each installed JSON Resume theme: (name, html path)."""
    # beside the theme packages, so that node resolves them from the script's own folder
    script = themes_dir / "render-resume.mjs"
    script.write_text(_RENDER_JS, encoding="utf-8")
    themes = sorted(p.name for p in (themes_dir / "node_modules").glob("jsonresume-theme-*"))
    rendered = []
    for theme in themes:
        for name, path in records:
            target = out / "html" / f"{theme.removeprefix('jsonresume-theme-')}-{name}.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            result = subprocess.run(["node", str(script), theme, str(path), str(target)],
                                    capture_output=True, text=True, timeout=60)
            if result.returncode == 0 and target.exists():
                rendered.append((target.stem, target))
            else:
                print(f"{theme} failed on {name}: {result.stderr.strip()[-200:]}", file=sys.stderr)
    return rendered


def print_pdf(printer: str, html: Path, target: Path) -> bool:
    if target.exists() and target.stat().st_size > 0:
        return True  # printed by an earlier run
    target.parent.mkdir(parents=True, exist_ok=True)
    if printer == "wkhtmltopdf":
        command = ["wkhtmltopdf", "-q", "--load-error-handling", "ignore", "--load-media-error-handling", "ignore",
                   str(html), str(target)]
    else:
        profile = tempfile.mkdtemp(prefix="chromium-")
        command = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                   f"--user-data-dir={profile}", "--virtual-time-budget=5000", f"--print-to-pdf={target}",
                   html.resolve().as_uri()]
    try:
        subprocess.run(command, capture_output=True, timeout=120)
    except subprocess.TimeoutExpired:
        print(f"{printer} timed out on {html}", file=sys.stderr)
    finally:
        if printer != "wkhtmltopdf":
            shutil.rmtree(profile, ignore_errors=True)
    return target.exists() and target.stat().st_size > 0


def positioned_pdf(lines: list[str], target: Path, variant: int) -> None:
    """The lines typeset word by word (even variants) or glyph by glyph (odd ones) without space characters."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    font = ("Helvetica", "Times-Roman", "Helvetica-Bold", "Courier")[variant % 4]
    gap_em = (0.15, 0.18, 0.2, 0.24)[(variant // 4) % 4]
    by_glyph = variant % 2 == 1
    target.parent.mkdir(parents=True, exist_ok=True)
    pdf = canvas.Canvas(str(target), pagesize=A4)
    width, height = A4
    y = height - 50
    for number, line in enumerate(lines):
        size = 16.0 if number == 0 else 10.0
        if y < 50:
            pdf.showPage()
            y = height - 50
        pdf.setFont(font, size)
        x = 50.0
        for word in line.split():
            if x + stringWidth(word, font, size) > width - 40:
                x, y = 50.0, y - size * 1.3
            if by_glyph:
                for glyph in word:
                    pdf.drawString(x, y, glyph)
                    x += stringWidth(glyph, font, size)
            else:
                pdf.drawString(x, y, word)
                x += stringWidth(word, font, size)
            x += gap_em * size
        y -= size * 1.4
    pdf.save()
    # the words as typeset: the reference `benchmarks.pdf_words` compares this set with
    target.with_suffix(".txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _latin1(text: str) -> str:
    # the standard PDF fonts cover Latin-1: other characters are left out of this set
    return "".join(ch for ch in text if ord(ch) < 256)


def positioned_set(sources: list[tuple[str, Path]], out: Path) -> int:
    from resumeparser.extract import extract
    from resumeparser.normalize import normalize
    from resumeparser.options import Deadline, ParseOptions

    made = 0
    for variant, (name, html) in enumerate(sources):
        doc = normalize(extract(html.read_bytes(), "html", ParseOptions(), Deadline(None)))
        lines = [text for text in (_latin1(line.text).strip() for line in doc.lines) if text]
        if lines:
            positioned_pdf(lines, out / "positioned" / f"{name}.pdf", variant)
            made += 1
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--themes", type=Path, help="a node project with jsonresume-theme-* installed")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    dev_root = shared_dir() / "dev-data"
    dev = dev_root if dev_root.exists() else None
    sources = html_sources(dev)
    if args.themes:
        sources += render_themes(json_resumes(dev), args.themes, out)
    printers = [p for p in ("wkhtmltopdf", "chromium") if shutil.which(p)]
    made = 0
    for name, html in sources:
        for printer in printers:
            made += print_pdf(printer, html, out / printer / f"{name}.pdf")
    made += positioned_set(sources, out)
    print(f"{made} PDFs from {len(sources)} HTML files with {', '.join(printers) or 'no printer'} in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
