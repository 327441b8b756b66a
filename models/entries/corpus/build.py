"""Build the rendered-resume corpus: fictional JSON Resume records rendered by other people's layouts.

    /work/venv-corpus/bin/python models/entries/corpus/build.py --out /work/corpus --n 3000 --seed 1 --jobs 2

Output (see README.md): ``OUT/docs/<doc_id>/{resume.<ext>, record.json, meta.json}``, ``OUT/manifest.jsonl``
(one line per built document) and ``OUT/failures.jsonl``. A document whose meta.json exists is not built again,
so an interrupted build resumes where it stopped.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import sys
import time
import traceback
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import renderers  # noqa: E402
from content import Sampler  # noqa: E402
from renderers import RENDERCV_THEMES, THEMES, RenderError  # noqa: E402

# themes whose HTML is also kept as an HTML document, and the LibreOffice outputs made from theme HTML
HTML_THEMES = ("even", "elegant", "kendall", "flat", "paper", "stackoverflow")
OFFICE = {"docx": ("flat", "even", "class", "paper", "onepage", "straightforward"),
          "odt": ("elegant", "kendall", "short"), "rtf": ("macchiato", "actual", "spartacus"),
          "doc": ("stackoverflow", "caffeine", "onepage-plus")}


def layouts() -> list[dict[str, str]]:
    """Every layout: renderer family, theme, converter, output format and the page's column structure."""
    out = [{"family": "rendercv", "theme": t, "converter": "typst", "format": "pdf", "columns": "one-column"}
           for t in RENDERCV_THEMES]
    for theme, cols in THEMES.items():
        out.append({"family": "jsonresume", "theme": theme, "converter": "chromium", "format": "pdf", "columns": cols})
        out.append({"family": "jsonresume", "theme": theme, "converter": "wkhtmltopdf", "format": "pdf",
                    "columns": cols})
    for theme in HTML_THEMES:
        out.append({"family": "jsonresume", "theme": theme, "converter": "none", "format": "html",
                    "columns": THEMES[theme]})
    for fmt, themes in OFFICE.items():
        for theme in themes:
            out.append({"family": "jsonresume", "theme": theme, "converter": "soffice", "format": fmt,
                        "columns": THEMES[theme]})
    for lay in out:
        conv = {"typst": "pdf", "chromium": "chromium-pdf", "wkhtmltopdf": "wkhtml-pdf", "none": "html",
                "soffice": f"soffice-{lay['format']}"}[lay["converter"]]
        lay["layout"] = f"{lay['family']}-{lay['theme']}/{conv}"
    return out


def plan(n: int, seed: int) -> list[tuple[int, dict[str, str]]]:
    """Document i gets layout i mod L of a seeded order of the layouts: an even spread over layouts."""
    lays = layouts()
    random.Random(seed).shuffle(lays)
    return [(i, lays[i % len(lays)]) for i in range(n)]


def doc_id(seed: int, index: int) -> str:
    return f"s{seed}-{index:05d}"


# ------------------------------------------------------------------------------------------------------ workers
_STATE: dict[str, Any] = {}


def _init(seed: int, out: str) -> None:
    _STATE["sampler"] = Sampler(seed)
    _STATE["node"] = renderers.NodeRenderer()
    _STATE["out"] = Path(out)
    _STATE["seed"] = seed


def _write_json(path: Path, data: Any) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)


def build_one(task: tuple[int, dict[str, str]]) -> dict[str, Any]:
    index, lay = task
    seed, out = _STATE["seed"], _STATE["out"]
    did = doc_id(seed, index)
    folder = out / "docs" / did
    if (folder / "meta.json").exists():
        return {"doc_id": did, "status": "skipped"}
    staging = out / "staging" / did
    try:
        record, facts = _STATE["sampler"].record(index)
        rng = random.Random(f"{seed}:{index}:render")
        lang = facts["language"]
        country = facts["faker_locale"].split("_")[1]
        paper = "Letter" if country in ("US", "CA", "MX") else "A4"
        t0 = time.time()
        folder.mkdir(parents=True, exist_ok=True)
        if lay["family"] == "rendercv":
            doc, record, rendering = renderers.rendercv_input(record, lang, lay["theme"], rng)
            doc["design"]["page"]["size"] = "us-letter" if paper == "Letter" else "a4"
            renderers.rendercv_pdf(doc, folder / "resume.pdf")
            rendering["page_size"] = paper
        else:
            node = _STATE["node"]
            page = node.html(lay["theme"], renderers.theme_input(record))
            page, rendering = renderers.localize_html(page, lang, rng)
            if lay["format"] == "html":
                (folder / "resume.html").write_text(page, encoding="utf-8")
            else:
                staging.mkdir(parents=True, exist_ok=True)
                src = staging / "resume.html"
                src.write_text(renderers.print_ready(page), encoding="utf-8")
                if lay["converter"] == "chromium":
                    node.pdf(src, folder / "resume.pdf", paper)
                    rendering["page_size"] = paper
                elif lay["converter"] == "wkhtmltopdf":
                    renderers.wkhtmltopdf(src, folder / "resume.pdf", paper)
                    rendering["page_size"] = paper
                elif lay["converter"] == "soffice":
                    pass  # converted in batches after this phase
        record["meta"] = {"version": "v1.0.0", "rendering": rendering}
        meta = {"doc_id": did, "layout": lay["layout"], "family": lay["family"], "theme": lay["theme"],
                "converter": lay["converter"], "format": lay["format"], "columns": lay["columns"],
                "language": lang, "faker_locale": facts["faker_locale"], "seed": seed, "index": index,
                "file": f"docs/{did}/resume.{lay['format']}", "render_seconds": round(time.time() - t0, 3)}
        _write_json(folder / "record.json", record)
        if lay["converter"] == "soffice":
            _write_json(staging / "meta.pending.json", meta)
            return {"doc_id": did, "status": "pending", "format": lay["format"]}
        _write_json(folder / "meta.json", meta)
        renderers.rmtree(staging)
        return {"doc_id": did, "status": "built", "meta": meta}
    except Exception as exc:  # a failed document is logged, the build goes on
        renderers.rmtree(staging)
        return {"doc_id": did, "status": "failed", "layout": lay["layout"],
                "error": f"{type(exc).__name__}: {str(exc)[:600]}",
                "trace": "" if isinstance(exc, RenderError) else traceback.format_exc()[-1500:]}


def convert_batch(args: tuple[str, list[str], str, int]) -> list[dict[str, Any]]:
    """Convert a batch of staged theme HTML files with one soffice call, then file them as documents."""
    fmt, dids, out_s, worker = args
    out = Path(out_s)
    work = renderers.tmpdir("corpus-soffice-")
    results = []
    try:
        links = []
        for did in dids:  # soffice names its outputs after the inputs: give each input its doc id
            link = work / "in" / f"{did}.html"
            link.parent.mkdir(parents=True, exist_ok=True)
            staged = (out / "staging" / did / "resume.html").read_text("utf-8")
            link.write_text(renderers.print_ready(staged), encoding="utf-8")
            links.append(link)
        t0 = time.time()
        if not renderers.soffice_convert(links, fmt, work / "out", work / f"profile{worker}", 20 + 4 * len(links)):
            # a page made soffice loop: convert what is left one by one, each with its own time limit
            for link in links:
                if not (work / "out" / f"{link.stem}.{fmt}").exists():
                    renderers.soffice_convert([link], fmt, work / "out", work / f"profile{worker}", 30)
        per_doc = (time.time() - t0) / max(1, len(dids))
        for did in dids:
            produced = work / "out" / f"{did}.{fmt}"
            staging = out / "staging" / did
            meta = json.loads((staging / "meta.pending.json").read_text("utf-8"))
            if produced.exists() and produced.stat().st_size > 500:
                folder = out / "docs" / did
                produced.replace(folder / f"resume.{fmt}")
                meta["render_seconds"] = round(meta["render_seconds"] + per_doc, 3)
                _write_json(folder / "meta.json", meta)
                renderers.rmtree(staging)
                results.append({"doc_id": did, "status": "built", "meta": meta})
            else:
                results.append({"doc_id": did, "status": "failed", "layout": meta["layout"],
                                "error": f"soffice produced no {fmt} (timed out or failed)"})
                renderers.rmtree(out / "docs" / did)
                renderers.rmtree(staging)
    finally:
        renderers.rmtree(work)
    return results


def write_manifest(out: Path) -> int:
    metas = []
    for meta_path in sorted((out / "docs").glob("*/meta.json")):
        metas.append(json.loads(meta_path.read_text("utf-8")))
    metas.sort(key=lambda m: (m["seed"], m["index"]))
    with (out / "manifest.jsonl.tmp").open("w", encoding="utf-8") as handle:
        for meta in metas:
            handle.write(json.dumps(meta, ensure_ascii=False) + "\n")
    (out / "manifest.jsonl.tmp").replace(out / "manifest.jsonl")
    return len(metas)


def main(argv: list[str] | None = None) -> int:
    from tqdm import tqdm

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path("/work/corpus"))
    parser.add_argument("--n", type=int, default=3000, help="number of documents")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2, help="parallel render processes")
    parser.add_argument("--layouts", default="", help="comma-separated layout ids or themes to build only")
    parser.add_argument("--list-layouts", action="store_true")
    args = parser.parse_args(argv)
    if args.list_layouts:
        for lay in layouts():
            print(lay["layout"], lay["format"], lay["columns"])
        return 0
    out: Path = args.out.resolve()
    (out / "docs").mkdir(parents=True, exist_ok=True)
    tasks = plan(args.n, args.seed)
    if args.layouts:
        wanted = set(args.layouts.split(","))
        tasks = [t for t in tasks if t[1]["layout"] in wanted or t[1]["theme"] in wanted
                 or f"{t[1]['family']}-{t[1]['theme']}" in wanted]
    todo = [t for t in tasks if not (out / "docs" / doc_id(args.seed, t[0]) / "meta.json").exists()]
    print(f"{len(tasks)} documents over {len({t[1]['layout'] for t in tasks})} layouts; {len(todo)} to build",
          file=sys.stderr)
    failures = (out / "failures.jsonl").open("a", encoding="utf-8")
    pending: dict[str, list[str]] = {}
    counts = {"built": 0, "failed": 0, "pending": 0, "skipped": 0}
    t0 = time.time()

    def record_result(res: dict[str, Any]) -> None:
        counts[res["status"]] += 1
        if res["status"] == "failed":
            failures.write(json.dumps({**res, "time": time.strftime("%Y-%m-%dT%H:%M:%S")}, ensure_ascii=False) + "\n")
            failures.flush()
        elif res["status"] == "pending":
            pending.setdefault(res["format"], []).append(res["doc_id"])

    # staged office documents of an interrupted earlier run
    for staged in sorted((out / "staging").glob("*/meta.pending.json")) if (out / "staging").exists() else []:
        meta = json.loads(staged.read_text("utf-8"))
        if not (out / "docs" / meta["doc_id"] / "meta.json").exists() and (staged.parent / "resume.html").exists():
            pending.setdefault(meta["format"], []).append(meta["doc_id"])
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(args.jobs, initializer=_init, initargs=(args.seed, str(out))) as pool:
        with tqdm(total=len(todo), desc="render", unit="doc") as bar:
            for res in pool.imap_unordered(build_one, todo, chunksize=1):
                record_result(res)
                bar.update(1)
                bar.set_postfix(failed=counts["failed"])
        batches = []
        for fmt, dids in sorted(pending.items()):
            dids = sorted(set(dids))
            for k in range(0, len(dids), 10):
                batches.append((fmt, dids[k:k + 10], str(out), len(batches) % args.jobs))
        if batches:
            with tqdm(total=sum(len(b[1]) for b in batches), desc="office", unit="doc") as bar:
                for results in pool.imap_unordered(convert_batch, batches):
                    for res in results:
                        counts[res["status"]] += 1
                        if res["status"] == "failed":
                            failures.write(json.dumps(res, ensure_ascii=False) + "\n")
                    bar.update(len(results))
    failures.close()
    total = write_manifest(out)
    print(f"built {counts['built']}, failed {counts['failed']}, in {time.time() - t0:.0f} s; "
          f"manifest holds {total} documents", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
