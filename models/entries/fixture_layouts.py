"""The fixture generator's own layouts as a training source: new content (other seeds), the same templates.

    .venv/bin/python -m models.entries.fixture_layouts --out /work/corpus-fixtures --per-spec 40

Writes `docs/<id>/resume.<fmt>` with the answer in the project's own record shape (`expected.json`) and a
`manifest.jsonl` in the corpus's form (layout `fixtures-<layout>/<format>`). The seeds start far from the
fixture set's own (`fixtures/generate.py`), so no fixture document is ever trained on.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path
from random import Random

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from fixtures.generate import SPECS  # noqa: E402
from fixtures.synth.content import build, expected_record  # noqa: E402
from fixtures.synth.render_docx import render_docx  # noqa: E402
from fixtures.synth.render_pdf import render_pdf  # noqa: E402
from fixtures.synth.render_text import render_html, render_txt  # noqa: E402

SEED = 7_000_000
FORMATS = ("pdf", "docx", "html", "txt")
ENTRY_STYLES = ("two_line", "at", "dash", "comma", "right_date", "company_date", "pipe", "date_first", "company_first",
                "stack")


def main(argv: list[str] | None = None) -> int:
    from tqdm import tqdm

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--per-spec", type=int, default=40)
    ap.add_argument("--vary", type=float, default=0.0, help="share of documents in another entry arrangement")
    ap.add_argument("--styles", default=",".join(ENTRY_STYLES), help="the arrangements they are drawn from")
    args = ap.parse_args(argv)
    rows = []
    jobs = [(n, spec, k) for n, spec in enumerate(SPECS) for k in range(args.per_spec)]
    for n, spec, k in tqdm(jobs, desc="fixture layouts", unit="doc"):
        seed = SEED + 1000 * n + k
        # vary the job count the way the fixture specs do; half the documents also take another entry
        # arrangement and some a promotion inside one company, so the entry shapes are not tied to a template
        pick = Random(seed)
        varied = replace(spec, jobs=spec.jobs if k % 2 else max(2, spec.jobs - 1))
        if pick.random() < args.vary:
            varied = replace(varied, entry_style=pick.choice(args.styles.split(",")), multi_role=pick.random() < 0.4,
                             group_style=pick.choice(("right", "stack")),
                             long_titles=pick.random() < 0.5)
        doc = build(varied, seed)
        fmt = [f for f in FORMATS if f in spec.formats][k % len([f for f in FORMATS if f in spec.formats])]
        doc_id = f"fx-{spec.id}-{k:03d}"
        folder = args.out / "docs" / doc_id
        folder.mkdir(parents=True, exist_ok=True)
        if fmt == "pdf":
            try:
                (folder / "resume.pdf").write_bytes(render_pdf(doc))
            except ValueError:  # a drawn line wider than its column: this content does not fit the template
                folder.rmdir()
                continue
        elif fmt == "docx":
            (folder / "resume.docx").write_bytes(render_docx(doc))
        elif fmt == "html":
            (folder / "resume.html").write_text(render_html(doc), encoding="utf-8")
        else:
            (folder / "resume.txt").write_text(render_txt(doc), encoding="utf-8")
        (folder / "expected.json").write_text(json.dumps(expected_record(doc), ensure_ascii=False), encoding="utf-8")
        rows.append({"doc_id": doc_id, "layout": f"fixtures-{spec.layout}/{fmt}", "family": "fixtures",
                     "format": fmt, "language": spec.language, "seed": seed})
    (args.out / "manifest.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} documents in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
