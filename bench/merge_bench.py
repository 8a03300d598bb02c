"""Benchmark `toolkit segment` merging into a translated catalog against a fresh segmentation, in the same run.

Builds (in bench/out/merge/) a source of N paragraphs, one sentence each,
made from the article's sentences with numbered variations (so that common
bigrams such as 工会 and 扶贫 occur in most of them), segments and translates
it, then edits 5% of the paragraphs (a character changed in each), and times,
each in a fresh process (CPU seconds, msgcat's included, best of --repeat), with its peak RSS (the
Python process's; msgcat runs beside it):
  fresh   segment_source of the edited source into no catalog: the floor
  merge   segment_source of the edited source into the translated catalog:
          read it, match every edited sentence to its most similar old one
          (fuzzy), keep the rest, write it
Target (issue 13): merge <= 1.5x fresh at every size, the merge's cost linear.

Usage: python bench/merge_bench.py [--sizes 10000,50000,200000] [--repeat N]
"""
from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from toolkit.config import Config  # noqa: E402
from toolkit.segment import parse_source, segment_source  # noqa: E402

ARTICLE = REPO / "translations" / "source" / "beijing-unions-poverty-alleviation.zh.txt"
OUT = REPO / "bench" / "out" / "merge"
EDITED_SHARE = 20  # one paragraph in 20 edited: 5%


def sentences() -> list[str]:
    return [s.text for s in parse_source(ARTICLE, config=Config(root=REPO)).segments
            if s.kind == "body" and s.text.endswith("。") and len(s.text) > 12]


def source_texts(size: int) -> tuple[str, str, int]:
    """The source before and after the edits, one sentence a paragraph, and how many paragraphs were edited."""
    pool = sentences()
    before, after = ["北京工会扶贫纪实"], ["北京工会扶贫纪实"]
    edited = 0
    for number in range(size):
        sentence = pool[number % len(pool)]
        paragraph = f"{sentence[:-1]}（第{number // len(pool) + 1}例）。"
        before.append(paragraph)
        if number % EDITED_SHARE == 7:
            middle = len(paragraph) // 2
            paragraph = paragraph[:middle] + ("新" if paragraph[middle] != "新" else "旧") + paragraph[middle + 1:]
            edited += 1
        after.append(paragraph)
    return "\n".join(before) + "\n", "\n".join(after) + "\n", edited


def process_and_children_cpu() -> float:
    """CPU seconds of this process and of the programs it ran (msgcat, which writes a catalog in gettext's layout)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def run_phase(phase: str, source: Path, catalog: Path) -> dict:
    """One measured run in this process: time and peak RSS of segment_source."""
    config = Config(root=source.parent)
    cpu, wall = process_and_children_cpu(), time.perf_counter()
    result = segment_source(source, catalog, config=config)
    cpu, wall = process_and_children_cpu() - cpu, time.perf_counter() - wall
    report = result.report
    return {"phase": phase, "cpu": cpu, "wall": wall, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "kept": report.kept, "fuzzy": len(report.fuzzy), "added": len(report.added),
            "obsoleted": len(report.obsoleted)}


def measured(phase: str, source: Path, catalog: Path, prepare) -> dict:
    prepare()
    out = subprocess.run([sys.executable, __file__, "--phase", phase, str(source), str(catalog)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def translate(catalog: Path) -> None:
    from toolkit.po import read_catalog, write_catalog

    po = read_catalog(catalog)
    for number, entry in enumerate(po):
        entry.msgstr = f"Translation of paragraph {number}."
    write_catalog(po, catalog)


def bench(size: int, repeat: int) -> dict:
    folder = OUT / str(size)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    before, after, edited = source_texts(size)
    source, translated, catalog = folder / "article.zh.txt", folder / "translated.po", folder / "article.po"
    source.write_text(before, encoding="utf-8")
    segment_source(source, translated, config=Config(root=folder))
    translate(translated)
    source.write_text(after, encoding="utf-8")
    best: dict[str, dict] = {}
    for _ in range(repeat):
        for phase, prepare in (("fresh", lambda: catalog.unlink(missing_ok=True)),
                               ("merge", lambda: shutil.copyfile(translated, catalog))):
            run = measured(phase, source, catalog, prepare)
            if phase not in best or run["cpu"] < best[phase]["cpu"]:
                best[phase] = run
    return {"size": size, "edited": edited, **{f"{phase}_{k}": v for phase, run in best.items() for k, v in run.items()
                                               if k != "phase"}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,50000,200000")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--phase", nargs=3, metavar=("PHASE", "SOURCE", "CATALOG"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        phase, source, catalog = args.phase
        print(json.dumps(run_phase(phase, Path(source), Path(catalog))))
        return
    print(f"{'paragraphs':>10} {'edited':>7} {'fresh s':>8} {'merge s':>8} {'ratio':>6} {'fresh MB':>9} {'merge MB':>9}"
          f" {'fuzzy':>6} {'obsolete':>8}")
    for size in (int(s) for s in args.sizes.split(",")):
        row = bench(size, args.repeat)
        print(f"{size:>10,} {row['edited']:>7,} {row['fresh_cpu']:>8.2f} {row['merge_cpu']:>8.2f} "
              f"{row['merge_cpu'] / row['fresh_cpu']:>5.2f}x {row['fresh_rss_mb']:>9.0f} {row['merge_rss_mb']:>9.0f} "
              f"{row['merge_fuzzy']:>6,} {row['merge_obsoleted']:>8,}", flush=True)


if __name__ == "__main__":
    main()
