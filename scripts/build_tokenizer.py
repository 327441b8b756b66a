"""Export the rules of spaCy's English tokenizer to resumeparser/data/tokenizer_en.json.

Usage: python scripts/build_tokenizer.py          (writes the file)
       python scripts/build_tokenizer.py --check  (exit 1 when the shipped file differs from what spaCy gives)
The file holds the prefix, suffix, infix and URL patterns and the special cases (their ORTH strings) of
`spacy.blank("en").tokenizer`, for `resumeparser.fields.tokenizer`, which runs the same algorithm without spaCy.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "resumeparser" / "data" / "tokenizer_en.json"


def rules() -> dict[str, Any]:
    import spacy
    from spacy.symbols import ORTH

    tokenizer = spacy.blank("en").tokenizer
    if tokenizer.token_match is not None:  # the exported algorithm has no token_match step (English has none)
        raise SystemExit("this spaCy's English tokenizer has a token_match: extend resumeparser.fields.tokenizer")
    return {
        "_source": f"spaCy {spacy.__version__} (MIT), spacy.blank('en').tokenizer; built by scripts/build_tokenizer.py",
        "prefix": tokenizer.prefix_search.__self__.pattern,
        "suffix": tokenizer.suffix_search.__self__.pattern,
        "infix": tokenizer.infix_finditer.__self__.pattern,
        "url": tokenizer.url_match.__self__.pattern,
        "special_cases": {key: [t[ORTH] for t in value] for key, value in sorted(tokenizer.rules.items())},
    }


def render(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    text = render(rules())
    if "--check" in argv:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{OUT} differs from spaCy's rules: rebuild it")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"{len(text)} characters -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
