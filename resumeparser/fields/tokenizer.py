"""The tokens of spaCy's English tokenizer, without importing spaCy.

Skills are matched on token sequences, and the skills index was made with `spacy.blank("en")`'s tokenizer.
Importing spaCy costs about 0.7 s and building the blank pipeline 0.3 s, while the default path needs nothing
of spaCy but these tokens. This module runs the same algorithm (spaCy 3.x `Tokenizer.__call__`: split on
whitespace, special cases, prefixes, suffixes, infixes, URL match, then the special-case matcher over the
result) on the English rules exported by `scripts/build_tokenizer.py` to `data/tokenizer_en.json`.
`tests/test_tokenizer.py` checks it gives spaCy's tokens and offsets on the skills taxonomy and on resume texts.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import overload

from ..datafiles import read_json

_LOCK = threading.Lock()
_WHITESPACE = re.compile(r"\s+")  # \s of a str pattern is str.isspace(), which spaCy splits on


def _placed(pieces: tuple[str, ...], offset: int) -> list[tuple[str, int]]:
    out = []
    for piece in pieces:
        out.append((piece, offset))
        offset += len(piece)
    return out


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    idx: int
    """offset of the token's first character in the text"""

    @property
    def lower_(self) -> str:
        return self.text.lower()

    @property
    def is_lower(self) -> bool:
        return self.text.islower()

    @property
    def end(self) -> int:
        return self.idx + len(self.text)


class Tokens(Sequence[Token]):
    """The tokens of one text; `tokens.text_of(start, end)` is the text of tokens start..end-1 (a spaCy Span's
    `.text`)."""

    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text = text
        self.tokens = tokens

    def __len__(self) -> int:
        return len(self.tokens)

    @overload
    def __getitem__(self, i: int) -> Token: ...

    @overload
    def __getitem__(self, i: slice) -> list[Token]: ...

    def __getitem__(self, i: int | slice) -> Token | list[Token]:
        return self.tokens[i]

    def __iter__(self) -> Iterator[Token]:
        return iter(self.tokens)

    def text_of(self, start: int, end: int) -> str:
        start, end = max(start, 0), min(end, len(self.tokens))
        if start >= end:
            return ""
        return self.text[self.tokens[start].idx : self.tokens[end - 1].end]


class Tokenizer:
    def __init__(self, rules: dict[str, object]) -> None:
        self._prefix = re.compile(str(rules["prefix"])).search
        self._suffix = re.compile(str(rules["suffix"])).search
        self._infix = re.compile(str(rules["infix"])).finditer
        self._url = re.compile(str(rules["url"])).match
        specials = rules["special_cases"]
        assert isinstance(specials, dict)
        self._specials: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in specials.items()}
        # the special cases that affixes would split ("a.m.", ":)", "'s"): found again over the tokens afterwards
        self._patterns: dict[str, list[tuple[str, ...]]] = {}
        for key in self._specials:
            if self._prefix(key) or self._suffix(key) or list(self._infix(key)) or " " in key:
                pattern = tuple(t for t, _ in self._affix_tokens(key, False))
                if pattern:
                    self._patterns.setdefault(pattern[0], []).append(pattern)
        self._chunk = lru_cache(maxsize=50_000)(self._chunk_tokens)

    def __call__(self, text: str) -> Tokens:
        tokens = [Token(t, i) for t, i in self._affix_tokens(text, True)]
        if self._patterns:
            tokens = self._apply_special_cases(text, tokens)
        return Tokens(text, tokens)

    # --- step 1: whitespace, then each chunk ---------------------------------------------------------------

    def _affix_tokens(self, text: str, specials: bool) -> list[tuple[str, int]]:
        """(token, offset) pairs: runs of whitespace are tokens, except one ' ' after a token."""
        out: list[tuple[str, int]] = []
        chunk = self._chunk if specials else self._chunk_plain
        pos = 0
        for ws in _WHITESPACE.finditer(text):
            start, end = ws.span()
            if pos < start:
                out += _placed(chunk(text[pos:start]), pos)
            if start > 0 and text[start] == " ":
                start += 1  # the one space after a token is that token's trailing whitespace
            if start < end:
                out += _placed(chunk(text[start:end]), start)
            pos = end
        if pos < len(text):
            out += _placed(chunk(text[pos:]), pos)
        return out

    def _chunk_plain(self, chunk: str) -> tuple[str, ...]:
        return self._split(chunk, False)

    def _chunk_tokens(self, chunk: str) -> tuple[str, ...]:
        special = self._specials.get(chunk)
        if special is not None:
            return special
        return self._split(chunk, True)

    def _split(self, string: str, specials: bool) -> tuple[str, ...]:
        """spaCy's `_split_affixes` then `_attach_tokens` for one whitespace-free chunk."""
        prefixes: list[str] = []
        suffixes: list[str] = []
        special = self._specials if specials else {}
        last_size = 0
        while string and len(string) != last_size:
            if string in special:
                break
            last_size = len(string)
            match = self._prefix(string)
            pre_len = match.end() - match.start() if match else 0
            if pre_len:
                prefix, minus_pre = string[:pre_len], string[pre_len:]
                if minus_pre and minus_pre in special:
                    string = minus_pre
                    prefixes.append(prefix)
                    break
            match = self._suffix(string[pre_len:])
            suf_len = match.end() - match.start() if match else 0
            if suf_len:
                suffix, minus_suf = string[-suf_len:], string[:-suf_len]
                if minus_suf and minus_suf in special:
                    string = minus_suf
                    suffixes.append(suffix)
                    break
            if pre_len and suf_len and pre_len + suf_len <= len(string):
                string = string[pre_len:-suf_len]
                prefixes.append(prefix)
                suffixes.append(suffix)
            elif pre_len:
                string = minus_pre
                prefixes.append(prefix)
            elif suf_len:
                string = minus_suf
                suffixes.append(suffix)
        out = prefixes
        if string:
            if string in special:
                out.extend(special[string])
            elif self._url(string):
                out.append(string)
            else:
                start = 0
                for match in self._infix(string):
                    if match.start() == 0:
                        continue  # spaCy skips an infix at the very start
                    if match.start() != start:
                        out.append(string[start : match.start()])
                    if match.start() != match.end():
                        out.append(string[match.start() : match.end()])
                    start = match.end()
                if string[start:]:
                    out.append(string[start:])
        out.extend(reversed(suffixes))
        return tuple(out)

    # --- step 2: special cases that span several affix tokens ------------------------------------------------

    def _apply_special_cases(self, text: str, tokens: list[Token]) -> list[Token]:
        matches: list[tuple[int, int]] = []
        for i, tok in enumerate(tokens):
            for pattern in self._patterns.get(tok.text, ()):
                n = len(pattern)
                if i + n <= len(tokens) and all(tokens[i + j].text == pattern[j] for j in range(1, n)):
                    matches.append((i, i + n))
        if not matches:
            return tokens
        # spaCy's filter: longest first, then the earliest; a match whose first or last token is taken is dropped,
        # and every match marks its tokens as taken
        matches.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
        seen: set[int] = set()
        kept: dict[int, tuple[int, int]] = {}
        for start, end in matches:
            if start not in seen and end - 1 not in seen:
                kept[start] = (start, end)
            seen.update(range(start, end))
        out: list[Token] = []
        i = 0
        while i < len(tokens):
            span = kept.get(i)
            if span is None:
                out.append(tokens[i])
                i += 1
                continue
            start, end = span
            key = text[tokens[start].idx : tokens[end - 1].end]
            rule = self._specials.get(key)
            if rule is None:
                out.extend(tokens[start:end])
            else:
                offset = tokens[start].idx
                for piece in rule:
                    out.append(Token(piece, offset))
                    offset += len(piece)
            i = end
        return out


@lru_cache(maxsize=1)
def _english() -> Tokenizer:
    return Tokenizer(read_json("tokenizer_en.json"))


def english() -> Tokenizer:
    """The English tokenizer, built once per process (also when several threads ask at once)."""
    with _LOCK:
        return _english()
