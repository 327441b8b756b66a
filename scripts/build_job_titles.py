"""Build resumeparser/data/job_titles.txt.gz from the MIT-licensed find-job-titles package.

Usage: pip download --no-deps -d /tmp/fjt find-job-titles==0.7.0
       python scripts/build_job_titles.py /tmp/fjt/find_job_titles-0.7.0-py2.py3-none-any.whl
Keeps titles of at most six words, lower-cased, de-duplicated and sorted.
"""

from __future__ import annotations

import gzip
import io
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "resumeparser" / "data" / "job_titles.txt.gz"


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as zf:
        raw = gzip.decompress(zf.read("find_job_titles/data/titles_combined.txt.gz")).decode("utf-8")
    titles = sorted({" ".join(t.lower().split()) for t in raw.splitlines() if t.strip() and len(t.split()) <= 6})
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as gz:
        gz.write(("\n".join(titles) + "\n").encode("utf-8"))
    OUT.write_bytes(buf.getvalue())
    print(f"{len(titles)} titles -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main(sys.argv[1])
