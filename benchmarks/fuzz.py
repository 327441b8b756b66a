"""Mutation fuzzing of the whole parse: seeded mutations of real sample files, run in a pool of worker
processes with a per-input time limit.

Two kinds of input. Documents: byte mutations of every seed file (or of one XML member of a ZIP container),
through `parse`. Texts (every `--text-every`-th input): the text seeds (the .txt files) mutated at the level of
characters, words and lines (invalid and unusual code points, punctuation where a field starts, lines
shuffled, cut, repeated, upper-cased or taken from another resume, digits and dates changed), through
`parse_text`: these reach the field extractors, which broken documents rarely do.

    python benchmarks/fuzz.py --inputs 20000 --workers 2
    python benchmarks/fuzz.py --show 1234 -o /tmp/input-1234   # write one mutated input to reproduce it

Reports inputs that raise anything other than a `ResumeParserError` (a crash), inputs that run past the time
limit (the worker is killed and replaced), how often the pipeline's safety net turned a library's exception into
`corrupt_document`, and the peak resident memory of a worker (ru_maxrss). Results go to
benchmarks/results/fuzz.md and fuzz.json. The same mutator drives the small fuzz test in tests/test_fuzz.py.
"""

from __future__ import annotations

import argparse
import io
import json
import multiprocessing as mp
import os
import platform
import random
import re
import resource
import sys
import time
import traceback
import zipfile
from collections import Counter
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEED_DIRS = (ROOT / "fixtures" / "hostile" / "seeds", ROOT / "fixtures" / "samples", ROOT / "fixtures" / "generated")
RESULTS = ROOT / "benchmarks" / "results"
MAX_SEED_BYTES = 2 * 1024 * 1024
_SAFETY_NET_MESSAGE = re.compile(r"the \w+ file could not be read: ").match
_NUMBER = re.compile(rb"\d{1,12}")
_INTERESTING = (0x00, 0xFF, 0x7F, 0x80, ord("{"), ord("}"), ord("<"), ord(">"), ord("\\"), ord("%"), ord("0"))


# --- the mutator -------------------------------------------------------------------------------------------


def _flip_bits(data: bytearray, rng: random.Random) -> None:
    for _ in range(rng.randint(1, 16)):
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)


def _set_bytes(data: bytearray, rng: random.Random) -> None:
    for _ in range(rng.randint(1, 8)):
        data[rng.randrange(len(data))] = rng.choice(_INTERESTING)


def _truncate(data: bytearray, rng: random.Random) -> None:
    del data[rng.randrange(1, len(data)) if len(data) > 1 else 1 :]


def _insert_chunk(data: bytearray, rng: random.Random) -> None:
    at = rng.randrange(len(data) + 1)
    if rng.random() < 0.5:
        chunk = rng.randbytes(rng.randint(1, 256))
    else:  # a slice of the file itself, sometimes repeated (deeper nesting, repeated objects)
        start = rng.randrange(len(data))
        chunk = bytes(data[start : start + rng.randint(1, 64)]) * rng.choice((1, 1, 2, 16, 256))
    data[at:at] = chunk


def _delete_chunk(data: bytearray, rng: random.Random) -> None:
    start = rng.randrange(len(data))
    del data[start : start + rng.randint(1, 512)]


def _overwrite_numbers(data: bytearray, rng: random.Random) -> None:
    # sizes, offsets and counts live in ASCII digits in PDF and RTF: make them huge, negative or zero
    numbers = [m.span() for m, _ in zip(_NUMBER.finditer(data), range(5000), strict=False)]
    if numbers:
        start, end = rng.choice(numbers)
        data[start:end] = rng.choice((b"0", b"-1", b"99999999", b"4294967296", b"2147483647"))


_BYTE_MUTATIONS: tuple[Callable[[bytearray, random.Random], None], ...] = (
    _flip_bits,
    _set_bytes,
    _truncate,
    _insert_chunk,
    _delete_chunk,
    _overwrite_numbers,
)


def _mutate_bytes(data: bytes, rng: random.Random, rounds: int) -> bytes:
    buffer = bytearray(data)
    for _ in range(rounds):
        if not buffer:
            break
        rng.choice(_BYTE_MUTATIONS)(buffer, rng)
    return bytes(buffer)


def _mutate_zip_member(data: bytes, rng: random.Random) -> bytes:
    """Re-pack a ZIP container with one member's content mutated (its XML, not the deflate stream)."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        infos = source.infolist()
        victim = rng.choice([i for i in infos if i.filename.endswith(".xml")] or infos)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in infos:
                payload = source.read(info)
                if info is victim:
                    payload = _mutate_bytes(payload, rng, rng.randint(1, 3))
                target.writestr(info.filename, payload)
    return out.getvalue()


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One seeded mutation of `data`: byte flips, interesting bytes, truncation, inserted or deleted chunks,
    changed numbers, or (for a ZIP container) a mutated member re-packed into a valid archive."""
    if data[:4] == b"PK\x03\x04" and rng.random() < 0.4:
        try:
            return _mutate_zip_member(data, rng)
        except (zipfile.BadZipFile, ValueError, OSError, EOFError):
            pass
    return _mutate_bytes(data, rng, rng.choice((1, 1, 1, 2, 3, 5)))


def load_seeds(dirs: tuple[Path, ...] = SEED_DIRS) -> list[tuple[str, bytes]]:
    """Every resume file under the folders (the generated set's resume.* and scan.pdf; no answers)."""
    seeds = []
    for folder in dirs:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if folder.name == "generated" and not path.name.startswith(("resume.", "scan.")):
                continue
            if path.is_file() and 0 < path.stat().st_size <= MAX_SEED_BYTES:
                seeds.append((f"{folder.name}/{path.relative_to(folder)}", path.read_bytes()))
    return seeds


# --- the text mutator --------------------------------------------------------------------------------------

_ODD_CHARACTERS = (
    "\ud800", "\udfff", "\ud83d", "\ufffe", "\uffff", "\U0010ffff", "\x00", "\x01", "\x0b", "\x1b", "\x7f", "\x85",
    "\x9c", "\ufffd", "\ue000", "\uf0b7", "\U000f0001", "\u0301\u0301\u0301", "\u202e", "\u200f", "\u200b", "\u2028",
    "\u2029", "\u00a0", "\u3000", "\u00ad", "\ufeff", "\U0001f600", "\u0663\u0664", "\u096b", "\uff11\uff12",
    "\u00b2", "\ufb01", "(cid:127)", "\u0130", "\u00df", "\u0149", "\u1e9e", "\u2160", "\u00bd", "\t", "\r", "\f",
)
_FIELD_STARTS = (", ", ",", ". ", "- ", "-", "| ", "|", "\u2022 ", ":", ": ", "(", ")", "/", "@", "+", "\u2013 ", "#",
                 "&", "'", '"', "*", "=", "<", ">", "\\", "%", ";", "...", "?", "!", "_")
_ODD_TOKENS = ("Present", "Current", "since", "-", "–", "to", "/", "@", "0", "00", "9999", "13/2019", "2019-2018",
               "31.02.2020", "Q3 2021", "Summer", "1e9", "-1", "NaN", "+", "+1", "(555)", "http://", "www.", "@@",
               ".com", "linkedin.com/in/", "github.com/", "Inc.", "Ltd", "University", "B.Sc.", "PhD", "Senior",
               "EXPERIENCE", "Education", "Skills:", "Languages:", "Email:", "Phone:", "Address:", ",", ",,", "  ")


def mutate_text(text: str, rng: random.Random, seeds: list[str]) -> str:
    """A few seeded mutations of a resume's text (see the module docstring)."""
    lines = text.splitlines() or [""]
    for _ in range(rng.choice((1, 1, 2, 3, 5, 8))):
        op = rng.randrange(13)
        at = rng.randrange(len(lines)) if lines else 0
        line = lines[at] if lines else ""
        if op == 0:  # an odd code point anywhere in a line
            pos = rng.randrange(len(line) + 1)
            lines[at] = line[:pos] + rng.choice(_ODD_CHARACTERS) + line[pos:]
        elif op == 1:  # punctuation where a field starts or ends
            token = rng.choice(_FIELD_STARTS)
            lines[at] = token + line if rng.random() < 0.7 else line + token
        elif op == 2:  # a word replaced by a token fields react to
            words = line.split(" ")
            words[rng.randrange(len(words))] = rng.choice(_ODD_TOKENS)
            lines[at] = " ".join(words)
        elif op == 3:  # a slice of the line removed
            start = rng.randrange(len(line) + 1)
            lines[at] = line[:start] + line[start + rng.randint(1, 12):]
        elif op == 4:  # lines dropped, repeated or shuffled
            choice = rng.random()
            if choice < 0.4 and len(lines) > 1:
                del lines[at : at + rng.randint(1, 5)]
            elif choice < 0.7:
                lines[at:at] = [line] * rng.choice((1, 2, 10))
            else:
                part = lines[at : at + rng.randint(2, 12)]
                rng.shuffle(part)
                lines[at : at + len(part)] = part
        elif op == 5:  # case
            lines[at] = line.upper() if rng.random() < 0.6 else line.lower()
        elif op == 6:  # a line of another resume
            other = rng.choice(seeds).splitlines() or [""]
            lines.insert(at, rng.choice(other))
        elif op == 7:  # digits changed (dates, phone numbers, years)
            lines[at] = re.sub(r"\d", lambda _: str(rng.randrange(10)), line) if rng.random() < 0.5 else re.sub(
                r"\d+", lambda _: rng.choice(("0", "00", "9999", "1", "31", "2099", "1899")), line)
        elif op == 8:  # random characters of any kind
            lines[at] = line + "".join(chr(rng.choice((rng.randrange(32, 0x250), rng.randrange(0x250, 0x3000),
                                                       rng.randrange(0x10000, 0x110000))))
                                       for _ in range(rng.randint(1, 30)))
        elif op == 9:  # lines joined (lost line breaks) or split mid-word
            if at + 1 < len(lines):
                lines[at : at + 2] = [lines[at] + rng.choice(("", " ", "  ", "\t", " | ")) + lines[at + 1]]
            elif line:
                cut = rng.randrange(len(line))
                lines[at : at + 1] = [line[:cut], line[cut:]]
        elif op == 10:  # a long run of one token (a table border, a paste accident)
            lines[at] = line + " " + rng.choice((*_ODD_TOKENS, "-", "_", "•", "a", "Python,")) * rng.choice((20, 200))
        elif op == 11:  # one separator between fields swapped for another ("Pune, India" -> "Pune/India")
            separators = (", ", ",", " - ", " | ", "/", " / ", " @ ", " \u2013 ", " at ", " ")
            found = [sep for sep in separators if sep in line]
            if found:
                lines[at] = line.replace(rng.choice(found), rng.choice(separators), rng.choice((1, 99)))
        else:  # blank lines and separators
            lines.insert(at, rng.choice(("", " ", "\f", "---", "====", "\u2022", "|", ":", "Page 1 of 2")))
        if not lines:
            lines = [""]
    return "\n".join(lines)


def text_seeds(seeds: list[tuple[str, bytes]]) -> list[tuple[str, str]]:
    """The plain-text seed files, decoded."""
    return [(name, data.decode("utf-8", errors="replace")) for name, data in seeds if name.endswith(".txt")]


def fuzz_input(seeds: list[tuple[str, bytes]], seed: int, index: int, text_every: int = 0) -> tuple[str, bytes | str]:
    """The index-th input of a run: which seed file, mutated how, follows from (seed, index) alone. With
    `text_every`, every text_every-th input is a mutated text (a str, for `parse_text`) instead of a document."""
    rng = random.Random(seed * 1_000_003 + index)
    texts = text_seeds(seeds) if text_every else []
    if texts and index % text_every == text_every - 1:
        name, text = texts[(index // text_every) % len(texts)]
        return f"text:{name}", mutate_text(text, rng, [t for _, t in texts])
    name, data = seeds[index % len(seeds)]
    return name, mutate(data, rng)


# --- one parse ---------------------------------------------------------------------------------------------


def classify(data: bytes | str, ocr: str, timeout: float) -> tuple[str, str, str]:
    """(status, detail, message): ("ok", format, "") | ("error", code, message), the code marked
    "net:<Exception>" when the pipeline's safety net caught a library's exception | ("unexpected", type, traceback).
    Bytes go through `parse`, a str through `parse_text`; either way the record must also serialise to JSON.
    """
    from resumeparser import ParseOptions, ResumeParserError, parse, parse_text
    from resumeparser.options import Limits

    options = ParseOptions(ocr=ocr, limits=Limits(timeout_seconds=timeout))  # type: ignore[arg-type]
    try:
        resume = parse_text(data, options=options) if isinstance(data, str) else parse(data, options=options)
        resume.model_dump_json()
    except ResumeParserError as exc:
        cause = exc.__cause__
        if cause is not None and _SAFETY_NET_MESSAGE(exc.message):
            return "error", f"{exc.code} (net:{type(cause).__name__})", exc.message[:300]
        return "error", exc.code, exc.message[:300]
    except BaseException as exc:  # what the fuzzer is for
        if isinstance(exc, KeyboardInterrupt):
            raise
        return "unexpected", f"{type(exc).__name__}: {exc}"[:300], "".join(traceback.format_exception(exc))[-4000:]
    return "ok", resume.meta.format or "?", ""


def _worker(conn: Connection, seeds: list[tuple[str, bytes]], seed: int, ocr_every: int, timeout: float,
            memory_cap: int, text_every: int) -> None:
    if memory_cap:
        resource.setrlimit(resource.RLIMIT_AS, (memory_cap, memory_cap))
    while True:
        index = conn.recv()
        if index is None:
            return
        name, data = fuzz_input(seeds, seed, index, text_every)
        ocr = "auto" if ocr_every and index % ocr_every == 0 else "never"
        started = time.perf_counter()
        status, detail, message = classify(data, ocr, timeout)
        elapsed = time.perf_counter() - started
        rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        conn.send((index, name, ocr, status, detail, message, elapsed, rss_kb))


class _Slot:
    def __init__(self, ctx: Any, args: tuple[Any, ...]) -> None:
        self.parent, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker, args=(child, *args), daemon=True)
        self.process.start()
        child.close()
        self.index: int | None = None
        self.started = 0.0

    def give(self, index: int) -> None:
        self.index, self.started = index, time.monotonic()
        self.parent.send(index)

    def kill(self) -> None:
        self.process.kill()
        self.process.join()


def run(inputs: int, workers: int, seed: int, time_limit: float, ocr_every: int, memory_cap: int,
        start: int = 0, progress: bool = True, text_every: int = 0) -> dict[str, Any]:
    seeds = load_seeds()
    if not seeds:
        raise SystemExit("no seed files found")
    ctx = mp.get_context("fork")
    args = (seeds, seed, ocr_every, max(1.0, time_limit / 2), memory_cap, text_every)
    slots = [_Slot(ctx, args) for _ in range(workers)]
    todo = list(range(start, start + inputs))[::-1]
    outcomes: Counter[str] = Counter()
    by_seed: dict[str, Counter[str]] = {}
    unexpected: list[dict[str, Any]] = []
    over_time: list[dict[str, Any]] = []
    net_examples: dict[str, list[dict[str, Any]]] = {}
    slowest: list[tuple[float, int, str]] = []
    peak_rss_kb = 0
    done = 0
    began = time.monotonic()
    for slot in slots:
        slot.give(todo.pop())
    while any(slot.index is not None for slot in slots):
        for number, slot in enumerate(slots):
            if slot.index is None:
                continue
            if slot.parent.poll(0.02):
                try:
                    index, name, ocr, status, detail, message, elapsed, rss_kb = slot.parent.recv()
                except EOFError:  # the worker died (a segfault, the memory cap): count it as a crash
                    index, name = slot.index, fuzz_input(seeds, seed, slot.index, text_every)[0]
                    status, detail, message, elapsed, rss_kb, ocr = "unexpected", "worker process died", "", 0.0, 0, "?"
                    slot.kill()
                    slots[number] = slot = _Slot(ctx, args)
                key = "unexpected" if status == "unexpected" else detail if status == "error" else "ok"
                outcomes[key] += 1
                by_seed.setdefault(name, Counter())[key] += 1
                peak_rss_kb = max(peak_rss_kb, rss_kb)
                slowest = sorted([*slowest, (elapsed, index, name)], reverse=True)[:10]
                if status == "unexpected":
                    unexpected.append({"index": index, "seed_file": name, "ocr": ocr, "error": detail,
                                       "traceback": message})
                elif "net:" in key and len(net_examples.setdefault(key, [])) < 3:
                    net_examples[key].append({"index": index, "seed_file": name, "message": message})
            elif time.monotonic() - slot.started > time_limit:
                index, name = slot.index, fuzz_input(seeds, seed, slot.index, text_every)[0]
                over_time.append({"index": index, "seed_file": name})
                outcomes["over time limit"] += 1
                by_seed.setdefault(name, Counter())["over time limit"] += 1
                slot.kill()
                slots[number] = slot = _Slot(ctx, args)
            else:
                continue
            done += 1
            slot.index = None
            if todo:
                slot.give(todo.pop())
            if progress and done % 500 == 0:
                rate = done / (time.monotonic() - began)
                print(f"{done}/{inputs} inputs, {rate:.1f}/s, unexpected {len(unexpected)}, "
                      f"over time {len(over_time)}, peak {peak_rss_kb / 1024:.0f} MB", file=sys.stderr, flush=True)
    for slot in slots:
        slot.parent.send(None)
        slot.process.join(5)
        if slot.process.is_alive():
            slot.kill()
    return {
        "inputs": inputs,
        "first_index": start,
        "seed": seed,
        "workers": workers,
        "time_limit_s": time_limit,
        "ocr_every": ocr_every,
        "text_every": text_every,
        "memory_cap_bytes": memory_cap,
        "seed_files": [name for name, _ in seeds],
        "elapsed_s": round(time.monotonic() - began, 1),
        "outcomes": dict(outcomes.most_common()),
        "by_seed_file": {name: dict(c.most_common()) for name, c in sorted(by_seed.items())},
        "unexpected": unexpected,
        "over_time_limit": over_time,
        "safety_net_examples": net_examples,
        "slowest": [{"seconds": round(s, 2), "index": i, "seed_file": n} for s, i, n in slowest],
        "peak_rss_mb": round(peak_rss_kb / 1024, 1),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    }


def write_report(result: dict[str, Any], command: str) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "fuzz.json").write_text(json.dumps(result, indent=2) + "\n")
    lines = [
        "# Fuzzing report",
        "",
        f"Command: `{command}`",
        "",
        f"- inputs: {result['inputs']} (mutations of {len(result['seed_files'])} seed files, seed {result['seed']})",
        f"- workers: {result['workers']}, time limit per input: {result['time_limit_s']:g} s "
        f"(the parse's own deadline: half of it), OCR on for every {result['ocr_every']}th input",
        f"- every {result.get('text_every') or 'no'}th input a mutated text through `parse_text` "
        "(seed files marked `text:`), the others documents through `parse`",
        f"- elapsed: {result['elapsed_s']:g} s on {result['machine']}",
        f"- **unexpected exceptions: {len(result['unexpected'])}**",
        f"- **runs over the time limit: {len(result['over_time_limit'])}**",
        f"- peak resident memory of a worker (ru_maxrss): {result['peak_rss_mb']:g} MB",
        "",
        "## Outcomes",
        "",
        "`net:X` marks a `corrupt_document` made by the pipeline's safety net from a library's exception X.",
        "",
        "| outcome | inputs |",
        "|---|---|",
        *(f"| {key} | {count} |" for key, count in result["outcomes"].items()),
        "",
        "## By seed file",
        "",
        "| seed file | outcomes |",
        "|---|---|",
        *(f"| {name} | {', '.join(f'{k}: {v}' for k, v in counts.items())} |"
          for name, counts in result["by_seed_file"].items()),
        "",
        "## Slowest inputs",
        "",
        "| seconds | index | seed file |",
        "|---|---|---|",
        *(f"| {s['seconds']} | {s['index']} | {s['seed_file']} |" for s in result["slowest"]),
    ]
    if result["unexpected"]:
        lines += ["", "## Unexpected exceptions", ""]
        for u in result["unexpected"][:20]:
            where = [line.strip() for line in u["traceback"].splitlines() if line.strip().startswith("File ")]
            lines.append(f"- input {u['index']} ({u['seed_file']}): `{u['error']}` at `{where[-1] if where else '?'}`")
    if result["safety_net_examples"]:
        lines += ["", "## Library exceptions caught by the safety net (examples)", ""]
        for key, examples in result["safety_net_examples"].items():
            lines += [f"- {key}: " + "; ".join(f"input {e['index']} ({e['seed_file']}): {e['message'][:160]}"
                                               for e in examples)]
    if result["over_time_limit"]:
        lines += ["", "## Over the time limit", ""]
        lines += [f"- input {u['index']} ({u['seed_file']})" for u in result["over_time_limit"][:50]]
    (RESULTS / "fuzz.md").write_text("\n".join(lines) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--start", type=int, default=0, help="index of the first input")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--time-limit", type=float, default=30.0, help="seconds per input before the worker dies")
    parser.add_argument("--ocr-every", type=int, default=4, help="OCR on for every Nth input (0: never)")
    parser.add_argument("--memory-cap-mb", type=int, default=4096, help="address-space cap of a worker (0: none)")
    parser.add_argument("--text-every", type=int, default=3,
                        help="every Nth input a mutated text through parse_text (0: documents only)")
    parser.add_argument("--show", type=int, help="write input number SHOW to --output and classify it")
    parser.add_argument("-o", "--output", type=Path)
    parser.add_argument("--no-report", action="store_true")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    if args.show is not None:
        name, data = fuzz_input(load_seeds(), args.seed, args.show, args.text_every)
        if args.output:
            args.output.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
        ocr = "auto" if args.ocr_every and args.show % args.ocr_every == 0 else "never"
        status, detail, message = classify(data, ocr, args.time_limit / 2)
        print(name, status, detail, message, sep="\n")
        return 0
    result = run(args.inputs, args.workers, args.seed, args.time_limit, args.ocr_every,
                 args.memory_cap_mb * 1024 * 1024, start=args.start, text_every=args.text_every)
    command = "python benchmarks/fuzz.py " + " ".join(argv if argv is not None else sys.argv[1:])
    if not args.no_report:
        write_report(result, command.strip())
    print(json.dumps({k: result[k] for k in ("inputs", "elapsed_s", "outcomes", "peak_rss_mb")}, indent=2))
    print(f"unexpected: {len(result['unexpected'])}, over time limit: {len(result['over_time_limit'])}")
    return 1 if result["unexpected"] or result["over_time_limit"] else 0


if __name__ == "__main__":
    sys.exit(main())
