"""Build resumeparser/data/skills.txt.gz from the MIT-licensed skill-extractor package's gazetteer.

Usage: pip download --no-deps -d /tmp/se skill-extractor==0.2.0
       python scripts/build_skills.py /tmp/se/skill_extractor-0.2.0-py3-none-any.whl
Keeps skills of at most four words and 40 characters; drops single English stop words and bare numbers
(the matcher would fire on them in any sentence).
"""

from __future__ import annotations

import gzip
import io
import json
import sys
import zipfile
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

OUT = Path(__file__).resolve().parents[1] / "resumeparser" / "data" / "skills.txt.gz"


def keep(skill: str) -> bool:
    words = skill.split()
    if not words or len(words) > 4 or len(skill) > 40:
        return False
    if len(words) == 1 and (skill in STOP_WORDS or skill.isdigit() or len(skill) < 2):
        return False
    return True


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as zf:
        raw = json.loads(zf.read("skill_extractor/data/skills.json"))
    skills = sorted({" ".join(s.lower().split()) for s in raw if isinstance(s, str) and keep(" ".join(s.split()))})
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as gz:
        gz.write(("\n".join(skills) + "\n").encode("utf-8"))
    OUT.write_bytes(buf.getvalue())
    print(f"{len(skills)} skills -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main(sys.argv[1])
