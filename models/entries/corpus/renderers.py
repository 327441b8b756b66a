"""The renderers: JSON Resume themes (Node) printed by Chromium or wkhtmltopdf, RenderCV (Typst), LibreOffice.

Each function takes a JSON Resume record and writes one file; what it printed beyond the record (localized
headings, month names, the word for "present") comes back as a ``rendering`` dict that the build stores with
the record.
"""

from __future__ import annotations

import copy
import html as htmllib
import json
import os
import random
import re
import select
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from locales import DURATION, HEADINGS, LABELS, MONTH_ABBR, MONTHS, PAGE_TEMPLATE, PRESENT, UPDATED_TEMPLATE

HERE = Path(__file__).resolve().parent
NODE_DIR = HERE / "node"
NODE_MODULES = NODE_DIR / "node_modules"

# JSON Resume themes from npm that render from Node without a browser download (checked by setup.sh's list)
THEMES: dict[str, str] = {
    "even": "one-column", "elegant": "sidebar", "kendall": "two-column", "macchiato": "one-column",
    "stackoverflow": "one-column", "flat": "one-column", "class": "one-column", "onepage": "one-column",
    "short": "one-column", "spartacus": "two-column", "paper": "two-column", "caffeine": "sidebar",
    "actual": "one-column", "eloquent": "sidebar", "onepage-plus": "one-column", "straightforward": "one-column",
    "modern": "one-column", "rocketspacer": "one-column",
}
RENDERCV_THEMES = ("classic", "sb2nov", "moderncv", "engineeringresumes", "engineeringclassic")


class RenderError(RuntimeError):
    pass


# --------------------------------------------------------------------------------------------- Node and Chromium
class NodeRenderer:
    """One long-lived ``node render.mjs`` process: themes render there, and its Chromium prints the PDFs."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen[str] | None = None

    def _start(self) -> subprocess.Popen[str]:
        if self.proc is None or self.proc.poll() is not None:
            self.proc = subprocess.Popen(
                ["node", str(NODE_DIR / "render.mjs")], cwd=NODE_DIR, stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1)
        return self.proc

    def call(self, request: dict[str, Any], timeout: float = 60) -> dict[str, Any]:
        proc = self._start()
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
        proc.stdin.flush()
        ready, _, _ = select.select([proc.stdout], [], [], timeout)
        if not ready:
            self.close()
            raise RenderError(f"node timed out on {request.get('op')}")
        line = proc.stdout.readline()
        if not line:
            self.close()
            raise RenderError("node exited")
        answer: dict[str, Any] = json.loads(line)
        if not answer.get("ok"):
            raise RenderError(answer.get("error", "node failed"))
        return answer

    def html(self, theme: str, resume: dict[str, Any]) -> str:
        return str(self.call({"op": "html", "theme": f"jsonresume-theme-{theme}", "resume": resume})["html"])

    def pdf(self, html_path: Path, pdf_path: Path, paper: str) -> None:
        self.call({"op": "pdf", "html": str(html_path), "pdf": str(pdf_path), "format": paper})

    def close(self) -> None:
        if self.proc is not None:
            if self.proc.poll() is None:  # closing stdin ends render.mjs, which closes its Chromium
                assert self.proc.stdin is not None
                self.proc.stdin.close()
                try:
                    self.proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait(timeout=10)
            self.proc = None


def theme_input(record: dict[str, Any]) -> dict[str, Any]:
    """The record as the themes read it: JSON Resume 1.0.0 plus the 0.x names many themes still use."""
    data = copy.deepcopy(record)
    data.pop("meta", None)
    for job in data.get("work", []):
        job["company"] = job.get("name")
        if "url" in job:
            job["website"] = job["url"]
    basics = data.get("basics", {})
    if "url" in basics:
        basics["website"] = basics["url"]
    for key in ("volunteer", "awards", "publications", "interests", "references", "projects", "certificates"):
        data.setdefault(key, [])
    data["basics"].setdefault("profiles", [])
    data["basics"].setdefault("location", {})  # several themes read location fields unconditionally
    for item in data["interests"]:
        item.setdefault("keywords", [])
    return data


# ------------------------------------------------------------------------------------------- localizing the HTML
_HEADING_KINDS: dict[str, str] = {}
for _kind, _words in {
    "work": ["work", "work experience", "experience", "employment", "professional experience", "employment history",
             "work history"],
    "education": ["education", "education background", "academic background"],
    "skills": ["skills", "technical skills", "skills and tech", "professional skills summary", "skill set"],
    "languages": ["languages"], "certificates": ["certificates", "certifications"],
    "summary": ["summary", "about", "about me", "profile"], "projects": ["projects"],
    "volunteer": ["volunteer", "volunteering"], "awards": ["awards"], "interests": ["interests"],
    "references": ["references"], "publications": ["publications"], "contact": ["contact"],
}.items():
    for _w in _words:
        _HEADING_KINDS[_w] = _kind
_LABEL_WORDS = {"courses": "courses", "email": "email", "phone": "phone", "website": "website"}
_EN_MONTHS = {name.lower(): i for i, name in enumerate(MONTHS["en"])}
_EN_MONTHS.update({name.lower(): i for i, name in enumerate(MONTH_ABBR["en"])})
_EN_MONTHS["sept"] = 8
_MONTH_RE = re.compile(r"\b(" + "|".join(sorted(_EN_MONTHS, key=len, reverse=True)) + r")\b\.?", re.IGNORECASE)
_PRESENT_RE = re.compile(r"\b(Present|Current|present|current|PRESENT|CURRENT|Now)\b")
_DURATION_RE = re.compile(r"\b(\d+|an?) (years?|months?|yrs?|mos?)\b")
_DURATION_KEYS = {"yr": "year", "yrs": "years", "mo": "month", "mos": "months"}
_TEXT_RE = re.compile(r">([^<>]+)<")
_SKIP_BLOCK_RE = re.compile(r"(<(script|style)\b.*?</\2>)", re.IGNORECASE | re.DOTALL)


def _match_case(source: str, target: str) -> str:
    if source.isupper() and len(source) > 1:
        return target.upper()
    return target


def localize_html(page: str, lang: str, rng: random.Random) -> tuple[str, dict[str, Any]]:
    """Replace the theme's English headings, labels, month names and "present" by ``lang``'s words.

    Only whole text nodes are headings; month names and "present" are replaced inside text nodes that hold a
    year or are short. Returns the page and what was replaced (English -> displayed)."""
    headings = {kind: rng.choice(v[lang]) for kind, v in HEADINGS.items()}
    replaced: dict[str, str] = {}
    if lang == "en":
        return page, {"language": "en", "headings": {}, "replaced": {}}

    def text_node(match: re.Match[str]) -> str:
        raw = match.group(1)
        text = htmllib.unescape(raw)
        core = " ".join(text.split())
        key = core.rstrip(":").strip().lower()
        if key in _HEADING_KINDS:
            new = _match_case(core.rstrip(":").strip(), headings[_HEADING_KINDS[key]])
            replaced[core] = new + (":" if core.endswith(":") else "")
            return ">" + raw.replace(raw.strip(), htmllib.escape(replaced[core], quote=False)) + "<"
        if key in _LABEL_WORDS:
            new = _match_case(core.rstrip(":"), LABELS[_LABEL_WORDS[key]][lang])
            replaced[core] = new + (":" if core.endswith(":") else "")
            return ">" + raw.replace(raw.strip(), htmllib.escape(replaced[core], quote=False)) + "<"
        if re.search(r"\b(19|20)\d\d\b", text) or len(core) <= 24:
            def month(m: re.Match[str]) -> str:
                word = m.group(1)
                index = _EN_MONTHS[word.lower()]
                full = (len(word) > 3 and word.lower() != "sept") or word.lower() == "may"
                new = (MONTHS if full else MONTH_ABBR)[lang][index]  # keep the theme's full or short form
                new = _match_case(word, new) if word.isupper() and len(word) > 1 else new
                replaced[m.group(0)] = new
                return new

            has_date = bool(re.search(r"\b(19|20)\d\d\b", text))
            new_text = _MONTH_RE.sub(month, text) if has_date else text

            def present(m: re.Match[str]) -> str:
                new = _match_case(m.group(1), PRESENT[lang])
                replaced[m.group(1)] = new
                return new

            def duration(m: re.Match[str]) -> str:
                count = "1" if m.group(1) in ("a", "an") else m.group(1)
                unit = _DURATION_KEYS.get(m.group(2), m.group(2))
                if count == "1":
                    unit = unit.rstrip("s")
                new = f"{count} {DURATION[lang][unit]}"
                replaced[m.group(0)] = new
                return new

            if has_date or len(core) <= 24:
                new_text = _PRESENT_RE.sub(present, new_text)
                new_text = _DURATION_RE.sub(duration, new_text)
            if new_text != text:
                return ">" + htmllib.escape(new_text, quote=False) + "<"
        return match.group(0)

    parts = _SKIP_BLOCK_RE.split(page)
    out = []
    i = 0
    while i < len(parts):
        chunk = parts[i]
        if i % 3 == 1:  # a script/style block, then its tag-name group
            out.append(chunk)
            i += 2
            continue
        out.append(_TEXT_RE.sub(text_node, chunk))
        i += 1
    page = "".join(out)
    page = re.sub(r'<html([^>]*)\blang="en"', rf'<html\1lang="{lang}"', page, count=1)
    return page, {"language": lang, "headings": {k: v for k, v in headings.items()}, "replaced": replaced,
                  "present": PRESENT[lang]}


# ---------------------------------------------------------------------------- printing HTML without the network
_LOCAL_CSS = {
    r"bootstrap(\.min)?\.css": NODE_MODULES / "bootstrap" / "dist" / "css" / "bootstrap.min.css",
    r"font-awesome(\.min)?\.css": NODE_MODULES / "font-awesome" / "css" / "font-awesome.min.css",
}


def print_ready(page: str) -> str:
    """The page with CDN stylesheets served from npm copies (Bootstrap 3, Font Awesome 4) and other remote
    resources dropped, so printing does not wait on a network that is not there."""

    def link(m: re.Match[str]) -> str:
        tag = m.group(0)
        href = re.search(r"""href=["']([^"']+)["']""", tag)
        if not href or not re.match(r"(https?:)?//", href.group(1)):
            return tag
        for pattern, local in _LOCAL_CSS.items():
            if re.search(pattern, href.group(1)) and local.exists():
                return tag.replace(href.group(1), local.as_uri())
        return ""

    page = re.sub(r"<link\b[^>]*>", link, page, flags=re.IGNORECASE)
    page = re.sub(r"""<script\b[^>]*\bsrc=["'](https?:)?//[^"']*["'][^>]*>\s*</script>""", "", page,
                  flags=re.IGNORECASE)
    page = re.sub(r"""\b(src|srcset)=(["'])(https?:|//|&#x2F;&#x2F;|https?&#x3A;)[^"']*\2""", r'\1=\2\2', page,
                  flags=re.IGNORECASE)
    # an empty link would point the PDF at the local print file
    page = re.sub(r"""\shref=(["'])(#?)\1""", "", page)
    page = re.sub(r"""@import\s+(url\()?["']?(https?:)?//[^;]*;?""", "", page)
    page = re.sub(r"""url\(\s*["']?(https?:)?//[^)]*\)""", "none", page)
    return page


def wkhtmltopdf(html_path: Path, pdf_path: Path, paper: str) -> None:
    cmd = ["wkhtmltopdf", "-q", "--enable-local-file-access", "--load-error-handling", "ignore",
           "--load-media-error-handling", "ignore", "-s", paper, str(html_path), str(pdf_path)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=45)
    if not pdf_path.exists() or pdf_path.stat().st_size < 1000:
        raise RenderError(f"wkhtmltopdf failed ({proc.returncode}): {proc.stderr[-300:]}")


# ---------------------------------------------------------------------------------------------------- RenderCV
def _rcv_date(value: str | None) -> str | None:
    return value[:7] if value and len(value) >= 7 else value


def rendercv_input(record: dict[str, Any], lang: str, theme: str, rng: random.Random) -> tuple[dict, dict, dict]:
    """The RenderCV document for a record, the record as RenderCV can show it, and the rendering facts.

    RenderCV needs a field of study on education entries and a valid phone number; a record without them is
    changed (field added from the degree's list, phone dropped) so that the returned record is what is shown."""
    from content import FIELDS

    record = copy.deepcopy(record)
    basics = record["basics"]
    headings = {kind: rng.choice(v[lang]) for kind, v in HEADINGS.items()}
    cv: dict[str, Any] = {"name": basics["name"]}
    loc = basics.get("location")
    if loc:
        cv["location"] = ", ".join(x for x in (loc.get("city"), loc.get("region") or None, loc.get("countryCode")) if x)
    cv["email"] = basics["email"]
    phone = basics.get("phone", "")
    if phone:
        try:
            import phonenumbers

            region = (loc or {}).get("countryCode") or "US"
            num = phonenumbers.parse(phone, region)
            if phonenumbers.is_valid_number(num):  # what RenderCV accepts
                cv["phone"] = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
            else:
                basics.pop("phone")
        except Exception:
            basics.pop("phone")
    if basics.get("url"):
        cv["website"] = basics["url"]
    nets = [{"network": p["network"], "username": p["username"]} for p in basics.get("profiles", [])
            if p["network"] in ("LinkedIn", "GitHub")]
    if nets:
        cv["social_networks"] = nets
    sections: dict[str, list[Any]] = {}
    if basics.get("summary"):
        sections[headings["summary"]] = [basics["summary"]]
    jobs = []
    for job in record["work"]:
        e: dict[str, Any] = {"company": job["name"], "position": job["position"]}
        if job.get("location"):
            e["location"] = job["location"]
        e["start_date"] = _rcv_date(job.get("startDate"))
        e["end_date"] = _rcv_date(job.get("endDate")) or "present"
        if job.get("summary"):
            e["summary"] = job["summary"]
        if job.get("highlights"):
            e["highlights"] = job["highlights"]
        jobs.append(e)
    sections[headings["work"]] = jobs
    edus = []
    for edu in record["education"]:
        if not edu.get("area"):
            edu["area"] = rng.choice(FIELDS[lang])
        e = {"institution": edu["institution"], "area": edu["area"]}
        if edu.get("studyType"):
            e["degree"] = edu["studyType"]
        if edu.get("startDate"):
            e["start_date"] = _rcv_date(edu["startDate"])
        if edu.get("endDate"):
            e["end_date"] = _rcv_date(edu["endDate"])
        hl = []
        if edu.get("score"):
            hl.append(f"GPA: {edu['score']}" if lang == "en" else str(edu["score"]))
        if edu.get("courses"):
            hl.append(", ".join(edu["courses"]))
        if hl:
            e["highlights"] = hl
        edus.append(e)
    sections[headings["education"]] = edus
    skills = record.get("skills", [])
    if skills and skills[0].get("keywords"):
        sections[headings["skills"]] = [{"label": s["name"], "details": ", ".join(s["keywords"])} for s in skills]
    elif skills:
        sections[headings["skills"]] = [", ".join(s["name"] for s in skills)]
    if record.get("languages"):
        sections[headings["languages"]] = [{"label": x["language"], "details": x.get("fluency", "")}
                                           for x in record["languages"]]
    if record.get("certificates"):
        sections[headings["certificates"]] = [
            {"bullet": f"{c['name']}, {c['issuer']} ({c['date'][:4]})"} for c in record["certificates"]]
    if record.get("interests"):
        sections[headings["interests"]] = [", ".join(i["name"] for i in record["interests"])]
    cv["sections"] = sections
    dur = DURATION[lang]
    locale = {"language": lang, "present": PRESENT[lang], "to": "–", "year": dur["year"], "years": dur["years"],
              "month": dur["month"], "months": dur["months"], "page_numbering_template": PAGE_TEMPLATE[lang],
              "last_updated_date_template": UPDATED_TEMPLATE[lang],
              "abbreviations_for_months": MONTH_ABBR[lang], "full_names_of_months": MONTHS[lang]}
    design: dict[str, Any] = {"theme": theme, "page": {}}
    if rng.random() < 0.5:  # the "last updated" line carries the build date: show it on half the documents
        design["page"]["show_last_updated_date"] = False
    doc = {"cv": cv, "design": design, "locale": locale}
    used = {k: headings[k] for k in ("summary", "work", "education", "skills", "languages", "certificates",
                                     "interests")}
    rendering = {"language": lang, "headings": used, "present": PRESENT[lang], "months": MONTHS[lang],
                 "month_abbreviations": MONTH_ABBR[lang]}
    return doc, record, rendering


def rendercv_pdf(doc: dict[str, Any], pdf_path: Path) -> None:
    from rendercv.api import create_a_pdf_from_a_python_dictionary

    errors = create_a_pdf_from_a_python_dictionary(doc, pdf_path)
    if errors:
        raise RenderError(f"rendercv: {json.dumps(errors, ensure_ascii=False)[:500]}")
    if not pdf_path.exists():
        raise RenderError("rendercv wrote no PDF")


# -------------------------------------------------------------------------------------------------- LibreOffice
SOFFICE_FILTERS = {"docx": "docx:MS Word 2007 XML", "odt": "odt:writer8", "rtf": "rtf:Rich Text Format",
                   "doc": "doc:MS Word 97"}


def soffice_convert(html_files: list[Path], fmt: str, outdir: Path, profile: Path, timeout: float) -> bool:
    """Convert many HTML files in one soffice call (a private profile lets two calls run at once).

    Some pages make LibreOffice's Word and RTF export loop; the call is then ended (its whole process group)
    after ``timeout`` seconds and False returned; the files converted before that are kept."""
    outdir.mkdir(parents=True, exist_ok=True)
    cmd = ["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
           "--convert-to", SOFFICE_FILTERS[fmt], "--outdir", str(outdir), *map(str, html_files)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        proc.wait(timeout=timeout)
        return True
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, 9)
        except ProcessLookupError:
            pass
        proc.wait(timeout=10)
        return False


def tmpdir(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix))


def rmtree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
