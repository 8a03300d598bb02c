"""Benchmark the translation memory: building it, fuzzy lookup as it grows, and `toolkit pretranslate`.

Units are made from real sentence pairs: the embedded article's translated
entries and, where present, the human-aligned Chinese-English sentences of
shared/corpora/aligner-eval-dev beside the repository or a folder above it
(aca/ and mag/; skipped cleanly when absent). Each unit joins one to three clauses of random sentences, with the
numbers in them redrawn, so that a million units are varied text with the
repetitions of real articles. The 10,000 new segments are a quarter exact
repeats of units, a quarter units with a number changed, a quarter units with
a clause added or dropped, and a quarter new combinations.

It reports, in one run:
  build      seconds to add the units, at each size (10k / 100k / 1M)
  lookup     microseconds per lookup of the 10,000 segments at each size, and
             the matches found per band
  recall     on a sample of the near-repeats, how often the index's candidates
             hold the best unit an exhaustive rapidfuzz search over every unit finds
  quality    on real sentences (corpus or article): a one-to-three character
             edit finds its original first; a changed number is rewritten in
             the English; a negation lowers the score
  pretranslate  `toolkit pretranslate` of the 10,000-entry catalog against the
             largest TM, in a fresh process: wall seconds and peak RSS, against
             a floor in the same run (polib reading and writing the catalog and
             one SQLite exact lookup per entry)
Targets (issue 14): pretranslate 10k in < 60 s, peak RSS < 500 MB, lookup time sub-linear in TM size.

Usage: python bench/tm_bench.py [--units 1000000] [--queries 10000] [--sample 100]
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import process  # noqa: E402
from rapidfuzz.distance import Indel  # noqa: E402

from toolkit.po import CatalogEntry, new_catalog, read_catalog, write_catalog  # noqa: E402
from toolkit.tm import TranslationMemory, Unit  # noqa: E402
from toolkit.tm.matching import skeleton  # noqa: E402
from toolkit.tm.pretranslate import band_of  # noqa: E402
from toolkit.tm.store import text_hash  # noqa: E402

OUT = ROOT / "bench" / "out"
CORPUS = next((folder / "shared" / "corpora" / "aligner-eval-dev" for folder in ROOT.parents
               if (folder / "shared" / "corpora" / "aligner-eval-dev").is_dir()), ROOT.parent / "shared")
ARTICLE = ROOT / "translations" / "en" / "beijing-unions-poverty-alleviation.po"
CLAUSE = re.compile(r"[^，；：]+[，；：]?")
DIGITS = re.compile(r"\d+")


def sentence_pairs() -> list[tuple[str, str]]:
    """(Chinese, English) pairs: the article's translated entries, and the corpus's aligned sentences."""
    pairs = [(e.msgid, e.msgstr) for e in read_catalog(ARTICLE) if e.msgstr and not e.obsolete and e.msgid]
    for kind in ("aca", "mag"):
        folder = CORPUS / kind
        if not folder.is_dir():
            continue
        for gold in sorted((folder / "gold").glob("*.align")):
            name = gold.name.removesuffix(".align")
            english = (folder / "src" / name).read_text(encoding="utf-8").splitlines()
            chinese = (folder / "tgt" / name).read_text(encoding="utf-8").splitlines()
            for link in gold.read_text(encoding="utf-8").splitlines():
                src, _, tgt = link.partition(":")
                src_ids, tgt_ids = eval(src), eval(tgt)  # noqa: S307 - lists of integers from the corpus
                if src_ids and tgt_ids:
                    pairs.append(("".join(chinese[i] for i in tgt_ids).strip(),
                                  " ".join(english[i] for i in src_ids).strip()))
    return [(zh, en) for zh, en in pairs if len(zh) >= 8]


def redraw_numbers(text: str, rng: random.Random) -> str:
    return DIGITS.sub(lambda m: str(rng.randrange(1, 10 ** len(m.group()))), text)


def make_unit(pairs: list[tuple[str, str]], rng: random.Random) -> tuple[str, str]:
    pieces, english = [], []
    for _ in range(rng.choice((1, 1, 2, 2, 3))):
        zh, en = rng.choice(pairs)
        clauses = CLAUSE.findall(zh)
        start = rng.randrange(len(clauses))
        pieces.append("".join(clauses[start:start + rng.choice((1, 2, 3))]))
        english.append(en)
    return redraw_numbers("".join(pieces), rng), " ".join(english)[:400]


def make_queries(units: list[tuple[str, str]], pairs, count: int, rng: random.Random) -> list[tuple[str, str]]:
    """(kind, new source) pairs."""
    queries: list[tuple[str, str]] = []
    seen: set[str] = set()
    number = 0
    while len(queries) < count:
        number += 1
        source = rng.choice(units)[0]
        kind = ("exact", "number", "clause", "new")[number % 4]
        if kind == "number":
            changed = DIGITS.sub(lambda m: str(int(m.group()) + 1), source, count=1)
            source = changed if changed != source else source[:-2] + "一" + source[-1:]
        elif kind == "clause":
            clauses = CLAUSE.findall(source)
            if len(clauses) > 2 and rng.random() < 0.5:
                source = "".join(clauses[:-1])
            else:
                source += CLAUSE.findall(rng.choice(pairs)[0])[0]
        elif kind == "new":
            source = make_unit(pairs, rng)[0]
        if source not in seen:
            seen.add(source)
            queries.append((kind, source))
    return queries


def run_measured(command: list[str]) -> tuple[float, float, float, subprocess.CompletedProcess]:
    """Wall seconds, CPU seconds and peak RSS (MB, the kernel's VmHWM of the process, polled) of a fresh process.

    Not getrusage for the RSS: a child forked from this large process is charged with its pages before exec.
    """
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=OUT,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    peak = 0
    status = Path(f"/proc/{child.pid}/status")
    while child.poll() is None:
        try:
            found = re.search(r"VmHWM:\s+(\d+)", status.read_text())
            peak = max(peak, int(found.group(1)) if found else 0)
        except OSError:
            pass
        time.sleep(0.05)
    wall = time.perf_counter() - start
    out, err = child.communicate()
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime + cpu_after.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime)
    return wall, cpu, peak / 1024, subprocess.CompletedProcess(command, child.returncode, out, err)


def write_queries(queries: list[tuple[str, str]], path: Path) -> None:
    po = new_catalog(project="tm-bench", source="new-article.zh.txt")
    for number, (_, source) in enumerate(queries, start=1):
        po.append(CatalogEntry(msgid=source, msgstr="", occurrences=[("new-article.zh.txt", str(number))]))
    write_catalog(po, path)


def quality(pairs: list[tuple[str, str]], rng: random.Random) -> None:
    """Real sentences edited by one to three characters, a number, a negation: what the TM finds."""
    real = [(zh, en) for zh, en in pairs if 15 <= len(zh) <= 120]
    path = OUT / "tm-quality.sqlite"
    path.unlink(missing_ok=True)
    with TranslationMemory(path) as memory:
        memory.add(Unit(zh, en, origin="corpus") for zh, en in real)
        sample = rng.sample(real, min(500, len(real)))
        han = [c for zh, _ in real for c in zh if "\u4e00" <= c <= "\u9fff"]
        for edits in (1, 2, 3):
            found = scores = 0
            for zh, en in sample:
                text = list(zh)
                for _ in range(edits):
                    text[rng.randrange(len(text))] = rng.choice(han)
                best = memory.lookup("".join(text), min_score=50, limit=1)
                if best and best[0].unit.source == zh:
                    found += 1
                    scores += best[0].percent
            print(f"quality  {edits} character(s) replaced: original found first {found}/{len(sample)} "
                  f"({100 * found / len(sample):.1f}%), mean score {scores / max(found, 1):.1f}")
        numbered = [(zh, en) for zh, en in real if DIGITS.search(zh)]
        rewritten = found = 0
        for zh, en in numbered:
            new = DIGITS.sub(lambda m: str(int(m.group()) + 1), zh, count=1)
            best = memory.lookup(new, limit=1)
            if best and best[0].unit.source == zh:
                found += 1
                rewritten += best[0].target != en
        print(f"quality  a number changed: original found first {found}/{len(numbered)}, "
              f"English rewritten for the new number in {rewritten}")
        drops = []
        for zh, en in sample:
            if "是" in zh:
                negated = zh.replace("是", "不是", 1)
                plain = zh.replace("是", "就是", 1)
                a, b = memory.lookup(plain, min_score=1, limit=1), memory.lookup(negated, min_score=1, limit=1)
                if a and b and a[0].unit.source == zh and b[0].unit.source == zh:
                    drops.append(a[0].percent - b[0].percent)
        if drops:
            print(f"quality  一个“是”变成“不是” against “就是” (a character added either way): the score drops by "
                  f"{min(drops)}-{max(drops)} points (mean {sum(drops) / len(drops):.1f}) over {len(drops)} sentences")
    path.unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=10_000)
    parser.add_argument("--sample", type=int, default=100, help="near-repeats checked against exhaustive search")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(14)
    pairs = sentence_pairs()
    print(f"sentence pairs: {len(pairs)} ({'with' if CORPUS.is_dir() else 'without'} the aligner-eval corpus)")
    quality(pairs, rng)

    steps = [size for size in (10_000, 100_000, 1_000_000) if size < args.units] + [args.units]
    units = [make_unit(pairs, rng) for _ in range(steps[0])]
    queries = make_queries(units, pairs, args.queries, rng)
    tm_path = OUT / "tm.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{tm_path}{suffix}").unlink(missing_ok=True)
    memory = TranslationMemory(tm_path)
    built = held = 0
    all_sources: list[str] = []
    for size in steps:
        while len(units) < size - built:
            units.append(make_unit(pairs, rng))
        start, cpu = time.perf_counter(), time.process_time()
        memory.add(Unit(zh, en, origin=f"bench/{(built + n) // 1000}.po", line=n % 1000 + 1)
                   for n, (zh, en) in enumerate(units[:size - built]))
        build, build_cpu = time.perf_counter() - start, time.process_time() - cpu
        all_sources += [zh for zh, _ in units[:size - built]]
        built, held = size, len(memory)
        units = []
        bands: dict[str, int] = {}
        start, cpu = time.perf_counter(), time.process_time()
        for _, source in queries:
            best = memory.lookup(source, limit=1)
            label = band_of(best[0].percent if best else None)
            bands[label] = bands.get(label, 0) + 1
        lookup, lookup_cpu = time.perf_counter() - start, time.process_time() - cpu
        print(f"size {held:>9,}: build {build:6.1f} s ({build_cpu:.1f} s CPU)  lookup "
              f"{1e6 * lookup_cpu / len(queries):5.0f} µs CPU a segment ({lookup:.1f} s wall for {len(queries):,})  "
              + "  ".join(f"{k} {v}" for k, v in sorted(bands.items())))

    near = [source for kind, source in queries if kind in ("number", "clause")][:args.sample]
    skeletons = [skeleton(s).text for s in all_sources]
    agree = 0
    start = time.perf_counter()
    for source in near:
        best = process.extractOne(skeleton(source).text, skeletons, scorer=Indel.normalized_similarity)
        found = memory.lookup(source, min_score=1, limit=1)
        exhaustive = round(best[1] * 100) if best else 0
        agree += bool(found) and skeleton(found[0].unit.source).text == best[0] or exhaustive < 75
    print(f"recall   index candidates hold the exhaustive search's best unit (or it is below 75%) for "
          f"{agree}/{len(near)} near-repeats ({time.perf_counter() - start:.0f} s)")
    memory.close()

    catalog = OUT / "tm-new-article.po"
    write_queries(queries, catalog)
    start = time.process_time()
    po = read_catalog(catalog)
    db = sqlite3.connect(tm_path)
    for entry in po:
        db.execute("SELECT target FROM units WHERE source_hash = ?", (text_hash(entry.msgid),)).fetchall()
    db.close()
    write_catalog(po, OUT / "tm-floor.po")
    floor = time.process_time() - start
    shutil.copyfile(catalog, OUT / "tm-pretranslated.po")
    wall, cpu, rss, done = run_measured([sys.executable, "-m", "toolkit", "pretranslate", "tm-pretranslated.po",
                                   "--tm", str(tm_path)])
    if done.returncode:
        sys.exit(done.stderr)
    print(done.stderr.strip())
    print(f"pretranslate {len(po) :,} segments against {held:,} units: {wall:.1f} s wall ({cpu:.1f} s CPU), peak RSS {rss:.0f} MB; "
          f"floor (polib read + write, one SQLite exact lookup each) {floor:.1f} s CPU = {cpu / floor:.1f}x")


if __name__ == "__main__":
    main()
