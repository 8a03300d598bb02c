"""Speed and memory of `toolkit align` on 5,000, 10,000 and 30,000 sentences a side, against a floor.

Texts: the article and its approved translation, copied until there are
enough Chinese segments. Every segment and every English sentence carries its
copy's number, so no cache sees a text twice. Two layouts:
  paragraphs  the source's paragraphs; in English a body paragraph is merged with the next where its index
              mod 3 is 1, as in the accuracy bench
  lines       one segment a line on both sides (its English on one line), no blank lines: a long text given
              sentence by sentence, where the paragraph pass has one unit per line
Each run is a fresh process, so its peak resident memory (RSS) is its own.
  floor  reading both texts: Chinese segmentation and English sentence splitting (pysbd)
  align  everything `toolkit align` does past reading: units, lexicon, paragraph pass, sentence pass, posteriors
Times are wall-clock; cpu is the process's CPU time, for a loaded machine. Also printed: the share of
Chinese segments given their own copy's English (the band must not lose the path).
Targets (issue 16): 30,000 sentences in under 60 s and under 1 GB, time per sentence flat from 5k to 30k.

Usage: python bench/align_speed.py [--sizes 5000,10000,30000] [--layouts paragraphs,lines]
"""
from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.align import align_document, parse_translation, proposals, split_english  # noqa: E402
from toolkit.config import load_config  # noqa: E402
from toolkit.glossary import load_glossary  # noqa: E402
from toolkit.po import read_catalog  # noqa: E402
from toolkit.segment import parse_source, parse_text  # noqa: E402

TARGET_SECONDS = 60.0
TARGET_MB = 1024
TARGET_SIZE = 30_000
ZH_END = re.compile(r"[。！？!?…”’」』）)]*$")
EN_END = re.compile(r"[.!?…]*[\"'”’)]*$")


def mark(text: str, copy: int, end: re.Pattern[str], template: str) -> str:
    """The copy number inserted before the text's closing punctuation."""
    cut = end.search(text).start()
    return text[:cut] + template.format(copy) + text[cut:]


def copies(segments: int) -> list[tuple[str, list[tuple[str, str]]]]:
    """Paragraphs of marked copies of the article, (kind, [(Chinese, English)]), until there are enough segments."""
    config = load_config(ROOT)
    document = parse_source(config.documents[0].source, config=config)
    approved = {e.msgid: e.msgstr for e in read_catalog(config.documents[0].catalog) if e.msgid}
    paragraphs, count, copy = [], 0, 0
    while count < segments:
        for paragraph in document.paragraphs:
            if count >= segments:
                break
            pairs = [(mark(s.text, copy, ZH_END, "（{}）"),
                      " ".join(mark(e, copy, EN_END, " ({})") for e in split_english(approved[s.text])))
                     for s in paragraph.segments]
            paragraphs.append((paragraph.kind, pairs))
            count += len(pairs)
        copy += 1
    return paragraphs


def build(segments: int, layout: str) -> tuple[str, str, dict[str, str]]:
    """Chinese text, English text and the expected English of each marked Chinese segment."""
    paragraphs = copies(segments)
    expected = {zh: en for _, pairs in paragraphs for zh, en in pairs}
    if layout == "lines":
        return ("\n".join(expected) + "\n", "\n".join(expected.values()) + "\n", expected)
    zh_text = "\n\n".join(("" if kind == "body" else "\n").join(zh for zh, _ in pairs) for kind, pairs in paragraphs)
    english, i = [], 0
    while i < len(paragraphs):
        text = " ".join(en for _, en in paragraphs[i][1])
        if i + 1 < len(paragraphs) and paragraphs[i][0] == paragraphs[i + 1][0] == "body" and i % 3 == 1:
            text += " " + " ".join(en for _, en in paragraphs[i + 1][1])
            i += 1
        english.append(text)
        i += 1
    return zh_text + "\n", "\n\n".join(english) + "\n", expected


def measure(segments: int, layout: str) -> dict:
    """One run, in this process: times, peak RSS and the share of segments given their own English."""
    glossary = load_glossary(None, load_config(ROOT))
    zh_text, en_text, expected = build(segments, layout)
    warm_zh, warm_en, _ = build(50, layout)  # load pysbd, pypinyin, the lexicon and the glossary's automaton once
    align_document(parse_text(warm_zh, Path("warm.zh.txt"), "warm"), parse_translation(warm_en), glossary)
    cpu = time.process_time()
    start = time.perf_counter()
    document = parse_text(zh_text, Path("bench.zh.txt"), "bench.zh.txt")
    english = parse_translation(en_text)
    floor = time.perf_counter() - start
    start = time.perf_counter()
    alignment = align_document(document, english, glossary)
    work = time.perf_counter() - start
    cpu = time.process_time() - cpu
    offered = proposals(alignment)
    correct = sum(1 for zh, en in expected.items() if zh in offered and offered[zh].english == en)
    return {"segments": len(document.segments), "sentences": sum(len(p.sentences) for p in english),
            "floor": floor, "align": work, "cpu": cpu, "correct": correct / len(expected),
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,10000,30000", help="Chinese segment counts, comma-separated")
    parser.add_argument("--layouts", default="paragraphs,lines", help="paragraphs, lines or both")
    parser.add_argument("--one", nargs=2, metavar=("SIZE", "LAYOUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(int(args.one[0]), args.one[1])))
        return 0
    print(f"{'layout':<10} {'segments':>8} {'sentences':>9} {'floor s':>7} {'align s':>7} {'total s':>7} "
          f"{'cpu s':>6} {'align/floor':>11} {'ms/seg':>6} {'RSS MB':>6} {'correct':>7}")
    failed = False
    for layout in args.layouts.split(","):
        per_segment = []
        for size in map(int, args.sizes.split(",")):
            run = subprocess.run([sys.executable, __file__, "--one", str(size), layout], capture_output=True,
                                 text=True, check=True)
            r = json.loads(run.stdout)
            total = r["floor"] + r["align"]
            per_segment.append(1000 * total / r["segments"])
            failed |= size >= TARGET_SIZE and (total >= TARGET_SECONDS or r["rss_mb"] >= TARGET_MB)
            print(f"{layout:<10} {r['segments']:>8} {r['sentences']:>9} {r['floor']:>7.1f} {r['align']:>7.1f} "
                  f"{total:>7.1f} {r['cpu']:>6.1f} {r['align'] / r['floor']:>11.2f} {per_segment[-1]:>6.2f} "
                  f"{r['rss_mb']:>6.0f} {100 * r['correct']:>6.1f}%")
        if len(per_segment) > 1:
            print(f"{layout}: time per segment at the largest size is {per_segment[-1] / per_segment[0]:.2f}x "
                  "that at the smallest (1.00 = linear)")
    print(f"target: {TARGET_SIZE:,} sentences in under {TARGET_SECONDS:.0f} s and {TARGET_MB} MB: "
          f"{'missed' if failed else 'met'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
