"""The visual debug page: one self-contained HTML file showing where each value of the record was read.

`debug_page(source)` parses with evidence on and returns the page: every page of the document as an image
(PDF pages rendered by PDFium, scanned pages included; image files as they are), the evidence boxes drawn over
it and coloured by kind of value, and a panel with the record beside it. Hovering a value (in the panel or on
the page) highlights it in both places; a click keeps it highlighted. Formats without pages (DOCX, DOC, RTF, ODT,
HTML, TXT) show the document's lines instead, with the values marked in them. Images are inlined as `data:`
URIs and the script is inline: the file opens offline and loads nothing.

`#hl=FIELD` in the page's address (`cv.html#hl=name`) highlights a field on load, and writes the on-screen
rectangles of its boxes into the element `#hl-rects` (JSON), for links into a page and for browser tests.
"""

from __future__ import annotations

import base64
import html
import io
import itertools
import json
import threading
from dataclasses import dataclass, replace

from PIL import Image, ImageOps

from .detect import detect_format
from .document import Document
from .load import Source, read_source
from .models import Evidence, Resume
from .normalize import normalize
from .options import DEFAULT_OPTIONS, ParseOptions
from .pipeline import parse, read_document

RENDER_SCALE = 1.5
"""Pixels per PDF point of the page images (108 dpi): sharp enough to read, about 100-200 kB a page."""
MAX_IMAGE_WIDTH = 1400
"""Wider page images (scans, photos) are scaled down before they are inlined."""

COLOURS: dict[str, str] = {
    "name": "#d62728", "headline": "#7f7f7f", "email": "#1f77b4", "phone": "#2ca02c", "location": "#ff7f0e",
    "link": "#17becf", "profile": "#17becf", "work": "#9467bd", "title": "#9467bd", "company": "#8c564b",
    "dates": "#bcbd22", "education": "#393b79", "institution": "#393b79", "degree": "#5254a3",
    "field_of_study": "#6b6ecf", "skill": "#637939", "language": "#ad494a", "certification": "#0b6e6e",
}
"""Box colour by kind of value. The highlight is magenta (#ff00ff), which no kind uses."""
HIGHLIGHT = (255, 0, 255)
_GROUPS = ("work", "education")
_PDFIUM_LOCK = threading.RLock()


@dataclass(slots=True)
class PageImage:
    number: int
    png: bytes
    width: float
    """The page's width in the unit of its evidence boxes (points for PDF, pixels for images)."""
    height: float
    display_width: int
    """CSS pixels the page is shown at."""


def debug_page(source: Source, *, filename: str | None = None, options: ParseOptions | None = None) -> str:
    """The debug page of one resume, as HTML text."""
    options = replace(options or DEFAULT_OPTIONS, evidence=True)
    data, filename = read_source(source, options.limits, filename)
    resume = parse(data, filename=filename, options=options)
    fmt = detect_format(data, filename)
    pages: list[PageImage] = []
    lines: list[str] = []
    if fmt == "pdf":
        pages = _pdf_pages(data)
    elif fmt == "image":
        pages = _image_pages(data)
    else:
        lines = [line.text for line in _document(data, filename, options).lines]
    return render_html(resume, pages, lines, title=filename or "resume")


def _document(data: bytes, filename: str | None, options: ParseOptions) -> Document:
    """The normalised document whose line numbers the evidence gives."""
    return normalize(read_document(data, filename=filename, options=options))


def _png(image: Image.Image) -> bytes:
    if image.width > MAX_IMAGE_WIDTH:
        image = image.resize((MAX_IMAGE_WIDTH, round(image.height * MAX_IMAGE_WIDTH / image.width)))
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=6)
    return out.getvalue()


def _pdf_pages(data: bytes) -> list[PageImage]:
    import pypdfium2 as pdfium

    pages: list[PageImage] = []
    with _PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(data)
        try:
            for index in range(len(pdf)):
                page = pdf[index]
                try:
                    width, height = page.get_size()
                    image = page.render(scale=RENDER_SCALE).to_pil()
                finally:
                    page.close()
                png = _png(image.convert("RGB"))
                pages.append(PageImage(index + 1, png, width, height, round(width * RENDER_SCALE)))
        finally:
            pdf.close()
    return pages


def _image_pages(data: bytes) -> list[PageImage]:
    pages: list[PageImage] = []
    with Image.open(io.BytesIO(data)) as image:
        count = getattr(image, "n_frames", 1) if image.format == "TIFF" else 1
        for index in range(count):
            image.seek(index)
            frame = ImageOps.exif_transpose(image.copy()).convert("RGB")
            width, height = float(frame.width), float(frame.height)
            pages.append(PageImage(index + 1, _png(frame), width, height, min(frame.width, 1000)))
    return pages


# ------------------------------------------------------------------------------------------------- the page


def _colour(kind: str) -> str:
    return COLOURS.get(kind, "#444444")


def _boxes(pages: list[PageImage], evidence: list[Evidence]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {p.number: [] for p in pages}
    sizes = {p.number: (p.width, p.height) for p in pages}
    # entries first, so their parts sit above them
    ordered = sorted(enumerate(evidence), key=lambda pair: pair[1].kind not in _GROUPS)
    for n, ev in ordered:
        if ev.bbox is None or ev.page not in sizes:
            continue
        width, height = sizes[ev.page]
        x0, top, x1, bottom = ev.bbox
        pad = 1.0 if ev.unit == "pt" else 2.0
        left, up = (x0 - pad) / width * 100, (top - pad) / height * 100
        wide, high = (x1 - x0 + 2 * pad) / width * 100, (bottom - top + 2 * pad) / height * 100
        style = f"left:{left:.3f}%;top:{up:.3f}%;width:{wide:.3f}%;height:{high:.3f}%;--c:{_colour(ev.kind)}"
        group = " group" if ev.kind in _GROUPS else ""
        tip = html.escape(f"{ev.field}: {ev.text or ''}")
        out[ev.page].append(f'<div class="box{group}" data-ev="{n}" data-field="{html.escape(ev.field)}" '
                            f'style="{style}" title="{tip}"></div>')
    return out


def _lines_view(lines: list[str], evidence: list[Evidence]) -> str:
    """The document's lines, each value's text marked (a value over several lines marks those lines)."""
    marks: dict[int, list[tuple[int, int, int]]] = {}
    whole: dict[int, list[int]] = {}
    for n, ev in enumerate(evidence):
        if not ev.found or not ev.lines:
            continue
        if ev.kind in _GROUPS or len(ev.lines) > 1 or not ev.text:
            for number in range(min(ev.lines), max(ev.lines) + 1):
                whole.setdefault(number, []).append(n)
            continue
        number = ev.lines[0]
        text = lines[number - 1] if 0 < number <= len(lines) else ""
        at = text.find(ev.text)
        if at < 0:
            at = text.lower().find(ev.text.lower())
        if at < 0:
            whole.setdefault(number, []).append(n)
        else:
            marks.setdefault(number, []).append((at, at + len(ev.text), n))
    rows = []
    for number, text in enumerate(lines, start=1):
        cuts = sorted({0, len(text), *(c for s, e, _ in marks.get(number, []) for c in (s, e))})
        parts = []
        for start, end in itertools.pairwise(cuts):
            ids = [n for s, e, n in marks.get(number, []) if s <= start and end <= e]
            piece = html.escape(text[start:end])
            if ids:
                kind = evidence[ids[-1]].kind
                parts.append(f'<span class="mark" data-ev="{" ".join(map(str, ids))}" '
                             f'style="--c:{_colour(kind)}">{piece}</span>')
            else:
                parts.append(piece)
        ids = whole.get(number, [])
        attr = f' data-ev="{" ".join(map(str, ids))}"' if ids else ""
        rows.append(f'<div class="line"{attr}><span class="no">{number}</span>'
                    f'<span class="tx">{"".join(parts) or "&nbsp;"}</span></div>')
    return '<div id="lines">' + "".join(rows) + "</div>"


def _value(resume: Resume, index: dict[str, int], path: str, label: str, text: str | None) -> str:
    if not text:
        return ""
    n = index.get(path)
    ev = resume.evidence[n] if resume.evidence is not None and n is not None else None
    if ev is None or not ev.found:
        return (f'<div class="row"><span class="lb">{html.escape(label)}</span>'
                f'<span class="val missing" title="not located in the document">{html.escape(text)}</span></div>')
    where = f"page {ev.page}, " if ev.page else ""
    where += f"line {ev.lines[0]}" + (f", {ev.section}" if ev.section else "")
    return (f'<div class="row"><span class="lb">{html.escape(label)}</span>'
            f'<span class="val" data-ev="{n}" data-field="{html.escape(path)}" style="--c:{_colour(ev.kind)}" '
            f'title="{html.escape(where)}">{html.escape(text)}</span></div>')


def _panel(resume: Resume) -> str:
    index = {ev.field: n for n, ev in enumerate(resume.evidence or [])}
    v = lambda path, label, text: _value(resume, index, path, label, text)  # noqa: E731
    out = ["<h2>Contact</h2>"]
    if resume.name:
        out.append(v("name", "name", resume.name.full))
    out.append(v("headline", "headline", resume.headline))
    out.extend(v(f"emails[{n}]", "e-mail", e) for n, e in enumerate(resume.emails))
    out.extend(v(f"phones[{n}]", "phone", p.raw) for n, p in enumerate(resume.phones))
    if resume.location:
        out.append(v("location", "location", resume.location.raw))
    out.extend(v(f"links[{n}]", "link", url) for n, url in enumerate(resume.links))
    if resume.work:
        out.append("<h2>Work</h2>")
    for n, job in enumerate(resume.work):
        dates = " – ".join(d for d in (job.start_date, "present" if job.is_current else job.end_date) if d)
        out.append(f'<div class="entry">{v(f"work[{n}]", f"#{n + 1}", job.title or job.company or "role")}')
        out.append(v(f"work[{n}].title", "title", job.title))
        out.append(v(f"work[{n}].company", "company", job.company))
        out.append(v(f"work[{n}].dates", "dates", dates))
        out.append(v(f"work[{n}].location", "location", job.location.raw if job.location else None))
        out.append("</div>")
    if resume.education:
        out.append("<h2>Education</h2>")
    for n, edu in enumerate(resume.education):
        dates = " – ".join(d for d in (edu.start_date, "present" if edu.is_current else edu.end_date) if d)
        label = edu.institution or edu.degree or "entry"
        out.append(f'<div class="entry">{v(f"education[{n}]", f"#{n + 1}", label)}')
        out.append(v(f"education[{n}].institution", "institution", edu.institution))
        out.append(v(f"education[{n}].degree", "degree", edu.degree))
        out.append(v(f"education[{n}].field_of_study", "field", edu.field_of_study))
        out.append(v(f"education[{n}].dates", "dates", dates))
        out.append("</div>")
    for title, items in (
        ("Skills", [(f"skills[{n}]", s.raw) for n, s in enumerate(resume.skills)]),
        ("Languages", [(f"languages[{n}]", lang.raw or lang.name) for n, lang in enumerate(resume.languages)]),
        ("Certifications", [(f"certifications[{n}]", c.name) for n, c in enumerate(resume.certifications)]),
    ):
        if items:
            out.append(f"<h2>{title}</h2>")
            out.extend(v(path, "", text) for path, text in items)
    found = sum(1 for ev in resume.evidence or [] if ev.found)
    total = len(resume.evidence or [])
    out.append(f'<p class="note">{found} of {total} values located. '
               f"Format {html.escape(str(resume.meta.format))}, {resume.meta.pages} page(s)"
               f"{', OCR' if resume.meta.ocr_used else ''}.</p>")
    record = json.dumps(resume.to_dict(), indent=2, ensure_ascii=False)
    out.append(f"<details><summary>The record (JSON)</summary><pre>{html.escape(record)}</pre></details>")
    return "".join(out)


_CSS = """
*{box-sizing:border-box}body{margin:0;font:13px/1.4 system-ui,sans-serif;background:#e9e9ec;color:#222}
#wrap{display:flex;align-items:flex-start}#doc{flex:0 0 auto;padding:12px}
.page{position:relative;margin:0 0 12px;background:#fff;box-shadow:0 1px 4px #0004}
.page img{display:block;width:100%;height:auto}
.box{position:absolute;border:1.5px solid var(--c);cursor:pointer;
background:color-mix(in srgb,var(--c) 14%,transparent)}
.box.group{border-style:dashed;background:none}
.hl{background:rgba(255,0,255,.45)!important;outline:2px solid #ff00ff;z-index:5}
.pin{outline:3px solid #ff00ff}
#panel{flex:1 1 auto;position:sticky;top:0;height:100vh;overflow:auto;padding:8px 14px;background:#fafafa;
border-left:1px solid #ccc}h1{font-size:15px;margin:4px 0}h2{font-size:13px;margin:12px 0 4px;color:#555}
.row{display:flex;gap:6px;margin:1px 0}.lb{flex:0 0 70px;color:#888}
.val{border-left:4px solid var(--c);padding:0 4px;cursor:pointer}.val.missing{border-left-color:#ccc;color:#999}
.entry{border-top:1px solid #ddd;padding:3px 0}.note{color:#666}pre{font-size:11px;white-space:pre-wrap}
#lines{background:#fff;padding:8px;width:760px;font:12px/1.5 ui-monospace,monospace}
.line{display:flex;border-left:3px solid transparent}.line[data-ev]{border-left-color:#bbb}
.no{flex:0 0 40px;color:#aaa;text-align:right;padding-right:8px}.tx{white-space:pre-wrap}
.mark{background:color-mix(in srgb,var(--c) 22%,transparent);border-bottom:2px solid var(--c);cursor:pointer}
.legend span{display:inline-block;margin:0 6px 2px 0;padding:0 4px;border-left:10px solid var(--c)}
#hl-rects{display:none}
"""

_JS = """
(function(){
const all=id=>document.querySelectorAll('[data-ev~="'+id+'"]');
let pinned=null;
function ids(el){return (el.dataset.ev||'').split(' ').filter(Boolean);}
function show(list,on){list.forEach(id=>all(id).forEach(e=>e.classList.toggle('hl',on||id===pinned)));}
document.addEventListener('mouseover',ev=>{const el=ev.target.closest('[data-ev]');if(el)show(ids(el),true);});
document.addEventListener('mouseout',ev=>{const el=ev.target.closest('[data-ev]');if(el)show(ids(el),false);});
document.addEventListener('click',ev=>{const el=ev.target.closest('[data-ev]');if(!el)return;
  const id=ids(el)[0];const old=pinned;pinned=(old===id)?null:id;
  if(old!==null){all(old).forEach(e=>e.classList.remove('hl','pin'));}
  if(pinned!==null){all(pinned).forEach(e=>e.classList.add('hl','pin'));
    const inPanel=!!el.closest('#panel');
    const other=[...all(pinned)].find(e=>!!e.closest('#panel')!==inPanel);
    if(other)other.scrollIntoView({block:'center',behavior:'smooth'});}});
function fromHash(){const m=/hl=([^&]+)/.exec(location.hash);if(!m)return;const field=decodeURIComponent(m[1]);
  const els=[...document.querySelectorAll('[data-field]')].filter(e=>e.dataset.field===field);
  els.forEach(e=>ids(e).forEach(id=>all(id).forEach(x=>x.classList.add('hl'))));
  const rects=[...document.querySelectorAll('.hl')].map(e=>{const r=e.getBoundingClientRect();
    return {left:r.left,top:r.top,width:r.width,height:r.height,field:e.dataset.field||null,
            where:e.closest('#panel')?'panel':'document'};});
  document.getElementById('hl-rects').textContent=JSON.stringify(rects);}
window.addEventListener('load',fromHash);window.addEventListener('hashchange',fromHash);
})();
"""


def render_html(resume: Resume, pages: list[PageImage], lines: list[str], title: str = "resume") -> str:
    """The page from a record with evidence and its page images (or, without pages, its lines)."""
    evidence = resume.evidence or []
    if pages:
        boxes = _boxes(pages, evidence)
        body = []
        for page in pages:
            uri = "data:image/png;base64," + base64.b64encode(page.png).decode("ascii")
            body.append(f'<div class="page" id="page-{page.number}" style="width:{page.display_width}px">'
                        f'<img alt="page {page.number}" src="{uri}">{"".join(boxes[page.number])}</div>')
        document = "".join(body)
    else:
        document = _lines_view(lines, evidence)
    kinds = sorted({ev.kind for ev in evidence})
    legend = "".join(f'<span style="--c:{_colour(k)}">{k}</span>' for k in kinds)
    return (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}: resumeparser debug</title><style>{_CSS}</style></head><body>"
        f'<div id="wrap"><main id="doc">{document}</main><aside id="panel"><h1>{html.escape(title)}</h1>'
        f'<div class="legend">{legend}</div>{_panel(resume)}</aside></div>'
        f'<pre id="hl-rects"></pre><script>{_JS}</script></body></html>'
    )
