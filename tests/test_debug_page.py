"""The debug page (`resumeparser debug FILE -o page.html`): one self-contained HTML file, checked in a real
headless Chromium: the name's highlighted box sits over the name's pixels in a screenshot."""

from __future__ import annotations

import base64
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from resumeparser import parse
from resumeparser.cli import main
from resumeparser.debug import HIGHLIGHT, debug_page

from .conftest import FIXTURES

GENERATED = FIXTURES / "generated"
WINDOW = (1400, 1000)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (Debian package chromium; scripts/bootstrap.sh dev)"
)


def chromium(page: Path, fragment: str, tmp: Path, *, screenshot: Path | None = None) -> str:
    """Load the page in headless Chromium: its DOM after the scripts ran, or a screenshot of the window."""
    assert CHROMIUM is not None
    args = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
        f"--user-data-dir={tmp / 'profile'}", f"--window-size={WINDOW[0]},{WINDOW[1]}",
        "--force-device-scale-factor=1", "--virtual-time-budget=3000",
    ]
    args += [f"--screenshot={screenshot}"] if screenshot else ["--dump-dom"]
    run = subprocess.run([*args, page.as_uri() + fragment], capture_output=True, timeout=120)
    assert run.returncode == 0, run.stderr.decode("utf-8", errors="replace")[-2000:]
    return run.stdout.decode("utf-8", errors="replace")


def highlighted_rects(dom: str) -> list[dict[str, float]]:
    found = re.search(r'<pre id="hl-rects">(.*?)</pre>', dom, re.S)
    assert found, "the page did not write the highlighted rectangles"
    return list(json.loads(found.group(1).replace("&quot;", '"')))


def pixels(image: Image.Image) -> list[tuple[int, int, int]]:
    data = image.convert("RGB").tobytes()
    return [(data[i], data[i + 1], data[i + 2]) for i in range(0, len(data), 3)]


def is_highlight(pixel: tuple[int, ...]) -> bool:
    """Magenta over white or over text: red and blue well above green."""
    r, g, b = pixel[:3]
    return r - g > 60 and b - g > 60 and abs(r - b) < 60


def test_the_page_is_self_contained() -> None:
    path = GENERATED / "en_two_page_us" / "resume.pdf"
    page = debug_page(path)
    resume = parse(path)
    assert page.count('<img alt="page') == resume.meta.pages == 2
    sources = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert sources and all(s.startswith("data:image/png;base64,") for s in sources)
    assert not re.search(r"<(link|iframe|object|embed)\b|url\(|@import|\bsrc=\"(?!data:)", page)  # nothing fetched
    assert 'data-field="name"' in page and 'class="box' in page
    for value in (resume.name.full if resume.name else "", *resume.emails):
        assert value in page  # the panel shows the record


@needs_chromium
def test_the_names_box_sits_over_the_name_in_chromium(tmp_path: Path) -> None:
    source = GENERATED / "en_one_column_us" / "resume.pdf"
    page = tmp_path / "debug.html"
    assert main(["debug", str(source), "-o", str(page)]) == 0
    rects = highlighted_rects(chromium(page, "#hl=name", tmp_path))
    assert sorted(r["where"] for r in rects) == ["document", "panel"]  # the box on the page, the value in the panel
    box = next(r for r in rects if r["where"] == "document")
    shot = tmp_path / "shot.png"
    chromium(page, "#hl=name", tmp_path, screenshot=shot)
    with Image.open(shot) as image:
        rgb = image.convert("RGB")
        assert rgb.size == WINDOW
        region = rgb.crop((round(box["left"]) + 3, round(box["top"]) + 3,
                           round(box["left"] + box["width"]) - 3, round(box["top"] + box["height"]) - 3))
        found = pixels(region)
        highlighted = sum(is_highlight(p) for p in found) / len(found)
        ink = sum(sum(p) / 3 < 140 for p in found) / len(found)  # the name's glyphs, dark under the tint
        assert highlighted > 0.5, f"the highlight colour covers {highlighted:.0%} of the name's box"
        assert ink > 0.08, f"only {ink:.0%} of the box is ink: the box is not over the name"
        # the same box moved down by its height is not highlighted: the colour is the box's, not the page's
        below = rgb.crop((round(box["left"]), round(box["top"] + 2 * box["height"]),
                          round(box["left"] + box["width"]), round(box["top"] + 3 * box["height"])))
        assert sum(is_highlight(p) for p in pixels(below)) / (below.width * below.height) < 0.05
    # without the fragment nothing is highlighted
    dom = chromium(page, "", tmp_path)
    assert not re.search(r'class="[^"]*\bhl\b', dom)


@needs_chromium
def test_a_docx_shows_its_lines_with_the_name_marked(tmp_path: Path) -> None:
    source = GENERATED / "en_header_au" / "resume.docx"
    resume = parse(source)
    assert resume.name is not None
    page = tmp_path / "debug.html"
    page.write_text(debug_page(source), encoding="utf-8")
    html = page.read_text(encoding="utf-8")
    assert 'id="lines"' in html and "<img" not in html
    dom = chromium(page, "#hl=name", tmp_path)
    marked = re.findall(r'<span class="mark hl"[^>]*>([^<]*)</span>', dom)
    assert resume.name.full in marked
    rects = highlighted_rects(dom)
    assert {r["where"] for r in rects} == {"document", "panel"}
    assert all(r["width"] > 0 and r["height"] > 0 for r in rects)


def test_highlight_colour_is_no_kinds_colour() -> None:
    from resumeparser.debug import COLOURS

    for colour in COLOURS.values():
        rgb = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
        assert not is_highlight(rgb), colour
    assert is_highlight(HIGHLIGHT)


def test_an_image_page_is_the_image(tmp_path: Path) -> None:
    if shutil.which("tesseract") is None:
        pytest.skip("Tesseract is not installed")
    source = GENERATED / "en_two_column_gb" / "resume.png"
    page = debug_page(source)
    uri = re.search(r'<img alt="page 1" src="data:image/png;base64,([^"]+)"', page)
    assert uri
    with Image.open(io.BytesIO(base64.b64decode(uri.group(1)))) as shown, Image.open(source) as original:
        assert abs(shown.width / shown.height - original.width / original.height) < 0.01
    assert page.count('class="box') > 5
