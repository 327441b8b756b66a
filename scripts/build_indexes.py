"""Build the precomputed lookup tables in resumeparser/data/ from the shipped word lists.

Usage: python scripts/build_indexes.py          (writes the files)
       python scripts/build_indexes.py --check  (exit 1 when a shipped file differs from what its sources make)
Makes skills_index.json.gz, job_titles_index.json.gz, gazetteer_index.json.gz, title_skill_words.json.gz and
language_names.json
(`resumeparser.fields.indexes` describes them). Rerun it after changing skills.txt.gz, skill_aliases.tsv,
job_titles.txt.gz, gazetteer.json.gz, regions.json, tokenizer_en.json or the language name rules.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "resumeparser" / "data"


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    from resumeparser.fields.indexes import build

    built = build()
    if "--check" in argv:
        stale = [name for name, data in built.items() if not (DATA / name).is_file()
                 or (DATA / name).read_bytes() != data]
        print("stale: " + ", ".join(stale) if stale else "up to date")
        return 1 if stale else 0
    for name, data in built.items():
        (DATA / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
