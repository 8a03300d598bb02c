"""Benchmark `toolkit check` against bare polib parsing of the same catalog, measured in the same run.

Builds (in bench/out/) a catalog of 100,000 segments from the article's
approved translation, replicated with varied numbers, and a 20,000-term
glossary (the project's terms plus random filler), then times:
  floor     polib.pofile() on the catalog (one process)
  check     glossary load + every check but spelling (what `toolkit check --no-spelling` does),
            in one process (--jobs 1) and as `toolkit check` runs by default (a worker per CPU)
  spelling  the same with spelling on
Targets (issue 4): check <= 2x floor, and spelling adds <= 1x floor, in elapsed (wall) time.
Each figure is the best of --repeat runs; CPU seconds (this process and its workers) are printed
beside the wall seconds: on a machine other jobs share, the one-process CPU ratio is the steady one.

Usage: python bench/check_bench.py [--segments N] [--terms N] [--repeat N] [--breakdown]
"""
from __future__ import annotations

import argparse
import csv
import os
import random
import re
import resource
import sys
import time
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.checks import REGISTRY, run_checks  # noqa: E402
from toolkit.config import Config  # noqa: E402
from toolkit.glossary import load_glossary, term_row  # noqa: E402

OUT = ROOT / "bench" / "out"
APPROVED = ROOT / "translations" / "en" / "beijing-unions-poverty-alleviation.po"
DRAFT = ROOT / "translations" / "drafts" / "literal-first-pass.po"
DIGITS = re.compile(r"\d+")


def build_catalog(path: Path, segments: int, rng: random.Random) -> None:
    """The article's entries over and over; each copy numbered, a few with numbers changed on one side."""
    article = APPROVED if all(e.msgstr for e in polib.pofile(str(APPROVED)) if e.msgid) else DRAFT
    pairs = [(e.msgid, e.msgstr, e.comment) for e in polib.pofile(str(article)) if e.msgid and e.msgstr]
    po = polib.POFile(wrapwidth=78)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "en"}
    for number in range(segments):
        msgid, msgstr, comment = pairs[number % len(pairs)]
        copy = number // len(pairs)
        msgid, msgstr = f"{msgid}（第{copy}版）", f"{msgstr} (edition {copy})"
        if rng.random() < 0.01:  # an error for the number check to find
            msgstr = DIGITS.sub(lambda m: str(int(m.group()) + 1), msgstr, count=1)
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, comment=comment,
                                occurrences=[("article.zh.txt", str(number + 1))]))
    po.save(str(path))


def build_glossary(path: Path, terms: int, rng: random.Random) -> None:
    """The project's glossary (so matches behave as on the real article) and random Chinese filler terms
    up to the size asked for (they make the automaton big; few of them occur)."""
    real = load_glossary([ROOT / "glossary"], Config(root=ROOT)) if (ROOT / "glossary").is_dir() else None
    rows = [term_row(term) for term in (real.terms if real else [])]
    seen = {row["source"] for row in rows}
    while len(rows) < terms:
        filler = "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(rng.randint(2, 5)))
        if filler not in seen:
            seen.add(filler)
            rows.append({"source": filler, "target": f"term {len(rows)}", "variants": "", "forbidden": "",
                         "type": "term", "note": ""})
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows[:terms])


def best_of(repeat: int, action) -> tuple[float, float, object]:
    """The least CPU seconds (this process and the workers it waited for) and the least wall seconds
    over ``repeat`` runs of ``action``, and its last result."""
    cpu = wall = float("inf")
    result = None
    for _ in range(repeat):
        cpu_start, wall_start = _cpu_seconds(), time.perf_counter()
        result = action()
        cpu, wall = min(cpu, _cpu_seconds() - cpu_start), min(wall, time.perf_counter() - wall_start)
    return cpu, wall, result


def _cpu_seconds() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=100_000)
    parser.add_argument("--terms", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--breakdown", action="store_true", help="also time each check on its own")
    args = parser.parse_args()
    rng = random.Random(4)
    OUT.mkdir(parents=True, exist_ok=True)
    catalog, glossary_csv = OUT / "check-bench.po", OUT / "check-bench-glossary.csv"
    build_catalog(catalog, args.segments, rng)
    build_glossary(glossary_csv, args.terms, rng)
    config = Config(root=OUT)

    def check(spelling: bool, jobs: int | None = None):
        glossary = load_glossary([glossary_csv], config)
        return run_checks([catalog], config=config, glossary=glossary, spelling=spelling, jobs=jobs)

    floor, floor_wall, _ = best_of(args.repeat, lambda: polib.pofile(str(catalog)))
    alone, alone_wall, report = best_of(args.repeat, lambda: check(False, jobs=1))
    checked, checked_wall, _ = best_of(args.repeat, lambda: check(False))
    spelled, spelled_wall, _ = best_of(args.repeat, lambda: check(True))
    counts = {check_id: sum(c.values()) for check_id, c in report.counts().items()}
    print(f"catalog: {args.segments:,} segments, {catalog.stat().st_size / 1e6:.1f} MB; glossary: {args.terms:,} terms; "
          f"{len(os.sched_getaffinity(0))} CPUs")
    print(f"findings without spelling: {counts}")
    print(f"polib parse (floor):          {floor_wall:6.2f} s wall ({floor:.2f} s CPU)")
    print(f"check, no spelling, 1 process: {alone_wall:6.2f} s wall = {alone_wall / floor_wall:.2f}x "
          f"({alone:.2f} s CPU = {alone / floor:.2f}x)")
    print(f"check, no spelling:            {checked_wall:6.2f} s wall = {checked_wall / floor_wall:.2f}x floor "
          f"(target <= 2x) ({checked:.2f} s CPU)")
    print(f"check with spelling:           {spelled_wall:6.2f} s wall = {spelled_wall / floor_wall:.2f}x floor; "
          f"spelling adds {(spelled_wall - checked_wall) / floor_wall:.2f}x (target <= 1x) ({spelled:.2f} s CPU)")
    if args.breakdown:
        glossary = load_glossary([glossary_csv], config)
        base, _, _ = best_of(args.repeat, lambda: run_checks([catalog], config=config, glossary=glossary,
                                                              select=["untranslated"], jobs=1))
        print(f"  reading + indexing (with untranslated): {base:.2f} s = {base / floor:.2f}x floor")
        for check_id in REGISTRY:
            with_check, _, _ = best_of(args.repeat, lambda: run_checks(
                [catalog], config=config, glossary=glossary, select=["untranslated", check_id], min_coverage=50,
                jobs=1))
            print(f"  {check_id:<17} +{with_check - base:6.2f} s = {(with_check - base) / floor:.2f}x floor")
    ok = checked_wall <= 2 * floor_wall and spelled_wall - checked_wall <= floor_wall
    print("PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
