"""Latency of the translator's daily loop: each command in a fresh process, against floors measured in the same run.

Every figure is the least CPU seconds (user + system of the child process) over
--repeat runs, the wall seconds beside it. Floors: `msgfmt -c` on the same
catalog, and a bare `python -c pass`. Commands on the embedded article:
  toolkit --help, toolkit stats, toolkit check: warm (the project's cache of
  findings filled by an earlier run), after one entry is edited (what a
  translator does between runs), and cold (the project's cache emptied before
  each run; the user's cache of library answers, toolkit.memo, kept). Once, not
  a target: the very first run, with no cache at all.
At --segments entries (the article replicated with varied numbers, as in
check_bench.py) `toolkit check --jobs 1` runs against a process that only parses
the catalog with polib: warm, after one entry is edited, and cold.
The children run as an installed toolkit does, from byte-compiled modules (in a
scratch PYTHONPYCACHEPREFIX, so the tree is left clean), with their own scratch
cache folders (TOOLKIT_CACHE_DIR, XDG_CACHE_HOME).
Targets (issue 17): check on the article <= 0.3 s CPU, --help and stats <= 0.15 s,
check at 10,000 entries <= 2.5x bare polib.

Usage: python bench/latency_bench.py [--repeat N] [--segments N]
"""
from __future__ import annotations

import argparse
import itertools
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from check_bench import build_catalog  # noqa: E402

ARTICLE = ROOT / "translations" / "en" / "beijing-unions-poverty-alleviation.po"
OUT = ROOT / "bench" / "out"
TARGETS = {"--help": 0.15, "stats": 0.15, "check": 0.30, "check, 1 entry edited": 0.30, "check (cold cache)": 0.30}
LARGE_RATIO = 2.5


def edit_one_entry(path: Path, edits=itertools.count(1990)) -> None:
    """Change one translation as a translator would between two checks, never back to a text checked before."""
    text = path.read_text(encoding="utf-8")
    edited = re.sub(r'^msgstr "File photo[^"\n]*"$', f'msgstr "File photo, taken in {next(edits)}"', text,
                    count=1, flags=re.M)
    assert edited != text, "the entry to edit is missing"
    path.write_text(edited, encoding="utf-8")


def run(argv: list[str], env: dict[str, str], before=None) -> tuple[float, float]:
    """CPU and wall seconds of one child process (``before`` runs first, outside the timing)."""
    if before:
        before()
    start_usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime - start_usage.ru_utime + usage.ru_stime - start_usage.ru_stime, wall


def best(repeat: int, argv: list[str], env: dict[str, str], before=None) -> tuple[float, float]:
    runs = [run(argv, env, before) for _ in range(repeat)]
    return min(cpu for cpu, _ in runs), min(wall for _, wall in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--segments", type=int, default=10_000)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="latency-"))
    cache = scratch / "project-cache"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TOOLKIT_CACHE_DIR": str(cache), "NO_COLOR": "1",
           "XDG_CACHE_HOME": str(scratch / "user-cache"), "PYTHONPYCACHEPREFIX": str(scratch / "bytecode")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    toolkit = [sys.executable, "-m", "toolkit"]
    results: dict[str, tuple[float, float]] = {}
    run([*toolkit, "--help"], env)  # byte-compile the modules
    first_run = run([*toolkit, "check"], env)
    shutil.rmtree(cache, ignore_errors=True)
    results["msgfmt -c (floor)"] = best(args.repeat, ["msgfmt", "-c", "-o", os.devnull, str(ARTICLE)], env)
    results["python -c pass"] = best(args.repeat, [sys.executable, "-c", "pass"], env)
    results["--help"] = best(args.repeat, [*toolkit, "--help"], env)
    results["stats"] = best(args.repeat, [*toolkit, "stats"], env)
    results["check (cold cache)"] = best(args.repeat, [*toolkit, "check"], env,
                                         before=lambda: shutil.rmtree(cache, ignore_errors=True))
    run([*toolkit, "check"], env)  # fill the cache
    results["check"] = best(args.repeat, [*toolkit, "check"], env)
    OUT.mkdir(parents=True, exist_ok=True)
    edited = OUT / "latency-article.po"
    shutil.copyfile(ARTICLE, edited)
    run([*toolkit, "check", str(edited)], env)
    results["check, 1 entry edited"] = best(args.repeat, [*toolkit, "check", str(edited)], env,
                                            before=lambda: edit_one_entry(edited))

    floor_cpu = results["msgfmt -c (floor)"][0]
    print(f"article: {ARTICLE.relative_to(ROOT)}; {len(os.sched_getaffinity(0))} CPUs; best of {args.repeat}")
    print(f"{'check, no cache at all':<22} {first_run[0]:6.3f} s CPU ({first_run[1]:6.3f} s wall), once")
    ok = True
    for name, (cpu, wall) in results.items():
        target = TARGETS.get(name)
        verdict = ""
        if target is not None:
            verdict = f"  target <= {target:.2f} s: {'ok' if cpu <= target else 'MISSED'}"
            ok &= cpu <= target
        print(f"{name:<22} {cpu:6.3f} s CPU ({wall:6.3f} s wall) = {cpu / floor_cpu:6.1f}x msgfmt{verdict}")

    large = OUT / f"latency-{args.segments}.po"
    build_catalog(large, args.segments, random.Random(4))
    polib_cpu, polib_wall = best(args.repeat, [sys.executable, "-c", f"import polib; polib.pofile({str(large)!r})"],
                                 env)
    check_argv = [*toolkit, "check", "--jobs", "1", str(large)]
    cold_cpu, cold_wall = best(args.repeat, check_argv, env, before=lambda: shutil.rmtree(cache, ignore_errors=True))
    run(check_argv, env)  # fill the cache
    check_cpu, check_wall = best(args.repeat, check_argv, env)
    edited_cpu, edited_wall = best(args.repeat, check_argv, env, before=lambda: edit_one_entry(large))
    msgfmt_cpu, _ = best(args.repeat, ["msgfmt", "-c", "-o", os.devnull, str(large)], env)
    print(f"{args.segments:,} entries: polib parse {polib_cpu:.3f} s CPU ({polib_wall:.3f} s wall); "
          f"msgfmt -c {msgfmt_cpu:.3f} s CPU")
    for name, cpu, wall in (("warm", check_cpu, check_wall), ("1 entry edited", edited_cpu, edited_wall),
                            ("cold", cold_cpu, cold_wall)):
        ratio = cpu / polib_cpu
        ok &= ratio <= LARGE_RATIO
        print(f"{args.segments:,} entries: check --jobs 1, {name} {cpu:.3f} s CPU ({wall:.3f} s wall) "
              f"= {ratio:.2f}x polib  target <= {LARGE_RATIO}x: {'ok' if ratio <= LARGE_RATIO else 'MISSED'}")
    shutil.rmtree(scratch, ignore_errors=True)
    print("PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
