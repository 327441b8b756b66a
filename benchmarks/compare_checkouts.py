"""Parse speed of this checkout against another checkout of the project (a branch point, a release), alternately.

    git worktree add --detach /tmp/base $(git merge-base main HEAD)
    RESUMEPARSER_SHARED=../shared python -m benchmarks.compare_checkouts --against /tmp/base --rounds 7
    git worktree remove /tmp/base

One persistent worker process per checkout, each importing its own `resumeparser` (its folder first on the
import path), warmed up on every file. Then rounds: in each round both workers parse every file once, one after
the other, the order swapped every round, so that load changes fall on both. Each file's CPU ms is its median
over the rounds; the report gives the median over files of each checkout, and the median and spread of the
per-file ratio this / other. Default options (evidence off). The load average is read at the start and the end.
Only PDFs by default (`--formats`), from the generated fixtures and the development data (`--corpus`).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from .common import GENERATED, OCR_FORMATS, ROOT, markdown_table
from .speed import corpus, load_average, percentile

_WORKER = r"""
import json, resource, sys, time
import resumeparser

def cpu():
    c = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + c.ru_utime + c.ru_stime

paths = json.loads(sys.stdin.readline())
files = [open(p, "rb").read() for p in paths]
resumeparser.warm_up()
ok = []
for p, data in zip(paths, files):
    try:
        resumeparser.parse(data, filename=p.rsplit("/", 1)[-1])
        ok.append(True)
    except resumeparser.ResumeParserError:
        ok.append(False)
print(json.dumps({"module": resumeparser.__file__, "ok": ok}), flush=True)
for line in sys.stdin:
    times = []
    for p, data, good in zip(paths, files, ok):
        if not good:
            times.append(None)
            continue
        c0 = cpu()
        resumeparser.parse(data, filename=p.rsplit("/", 1)[-1])
        times.append((cpu() - c0) * 1000)
    print(json.dumps(times), flush=True)
"""


class Worker:
    """A Python process that imports `resumeparser` from `checkout` and parses `paths` once per request."""

    def __init__(self, checkout: Path, paths: list[Path]) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([str(checkout), *filter(None, [env.get("PYTHONPATH")])])
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _WORKER], cwd=checkout, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True,
        )
        self.ask(json.dumps([str(p) for p in paths]))
        hello = json.loads(self.read())
        self.module: str = hello["module"]
        self.ok: list[bool] = hello["ok"]

    def ask(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def read(self) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"worker stopped (exit status {self.proc.wait()})")
        return line

    def round(self) -> list[float | None]:
        self.ask("go")
        return list(json.loads(self.read()))

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=60)


def compare(this: Path, other: Path, paths: list[Path], rounds: int) -> dict[str, Any]:
    loads = {"start": load_average()}
    paths = [p.resolve() for p in paths]  # the workers run in their own checkouts
    a, b = Worker(this, paths), Worker(other, paths)
    try:
        times: dict[str, list[list[float | None]]] = {"this": [], "other": []}
        for n in range(rounds):
            order = [("this", a), ("other", b)] if n % 2 == 0 else [("other", b), ("this", a)]
            for name, worker in order:
                times[name].append(worker.round())
    finally:
        a.close()
        b.close()
    loads["end"] = load_average()
    files = []
    for i, path in enumerate(paths):
        mine = [r[i] for r in times["this"] if r[i] is not None]
        base = [r[i] for r in times["other"] if r[i] is not None]
        if not (mine and base and a.ok[i] and b.ok[i]):
            continue
        m, o = statistics.median(mine), statistics.median(base)
        files.append({"file": str(path), "this_cpu_ms": m, "other_cpu_ms": o, "ratio": m / o if o else None})
    ratios = [f["ratio"] for f in files if f["ratio"]]
    total_this = sum(f["this_cpu_ms"] for f in files)
    total_other = sum(f["other_cpu_ms"] for f in files)
    return {
        "this": str(this), "other": str(other), "this_module": a.module, "other_module": b.module,
        "rounds": rounds, "files": len(files), "load_average": loads,
        "median_this_cpu_ms": statistics.median(f["this_cpu_ms"] for f in files) if files else None,
        "median_other_cpu_ms": statistics.median(f["other_cpu_ms"] for f in files) if files else None,
        "ratio_of_totals": total_this / total_other if total_other else None,
        "median_ratio": statistics.median(ratios) if ratios else None,
        "p05_ratio": percentile(ratios, 0.05) if ratios else None,
        "p95_ratio": percentile(ratios, 0.95) if ratios else None,
        "per_file": files,
    }


def render(report: dict[str, Any]) -> str:
    loads = report["load_average"]
    load = " / ".join(", ".join(f"{v:.2f}" for v in loads[k]) for k in ("start", "end") if loads.get(k))

    def ms(v: float | None) -> str:
        return "–" if v is None else f"{v:.2f}"

    rows = [
        ["files", str(report["files"])],
        ["median CPU ms a file, this checkout", ms(report["median_this_cpu_ms"])],
        ["median CPU ms a file, the other", ms(report["median_other_cpu_ms"])],
        ["this / other, median of per-file ratios", "–" if report["median_ratio"] is None
         else f"{report['median_ratio']:.3f} (p5 {report['p05_ratio']:.3f}, p95 {report['p95_ratio']:.3f})"],
        ["this / other, total CPU", "–" if report["ratio_of_totals"] is None else f"{report['ratio_of_totals']:.3f}"],
    ]
    return "\n".join([
        f"This checkout ({report['this']}) against {report['other']}: {report['rounds']} alternating rounds, "
        f"each file's median CPU ms; load average (1, 5, 15 min) at the start / end: {load}. Imported: "
        f"{report['this_module']} and {report['other_module']}.", "",
        markdown_table(["measure", "value"], rows)]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.compare_checkouts", description=__doc__.split("\n")[0])
    parser.add_argument("--against", type=Path, required=True, help="the other checkout (its root folder)")
    parser.add_argument("--rounds", type=int, default=7, help="alternating rounds (default 7)")
    parser.add_argument("--formats", default="pdf", help="comma-separated formats (default: pdf)")
    parser.add_argument("--corpus", choices=("all", "auto", "fixtures", "dev-data"), default="all")
    parser.add_argument("--fixtures", type=Path, default=GENERATED)
    parser.add_argument("--json", type=Path, help="also write the report, per file, to this JSON file")
    args = parser.parse_args(argv)
    files = corpus(args.corpus, args.fixtures)
    paths = [p for f, ps in files.items() if f in args.formats.split(",") and f not in OCR_FORMATS for p in ps]
    if not paths:
        print("no files to measure", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    report = compare(ROOT, args.against.resolve(), paths, args.rounds)
    report["seconds"] = time.perf_counter() - t0
    print(render(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
