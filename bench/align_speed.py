"""Speed of `toolkit align` on 1,000, 5,000 and 10,000 paragraphs, against a floor measured in the same run.

Texts: the article and its approved translation, copied until there are
enough paragraphs. Every segment and every English sentence carries its copy's
number, so no cache sees a text twice; in English a body paragraph is merged
with the next where its index mod 3 is 1, as in the accuracy bench.
  floor  reading both texts: Chinese segmentation and English sentence splitting (pysbd)
  align  everything `toolkit align` does past reading: anchors, paragraph pass, sentence pass, posteriors
Times are wall-clock (what the target is about); cpu is the process's CPU time, for a loaded machine.
Targets (issue 8): 10,000 paragraphs aligned in under a minute, time per paragraph flat from 1k to 10k.
Also printed: the share of Chinese segments given their own copy's English (the band must not lose the path).

Usage: python bench/align_speed.py [--sizes 1000,5000,10000]
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.align import align_document, parse_translation, proposals, split_english  # noqa: E402
from toolkit.po.catalog import read_catalog  # noqa: E402
from toolkit.config import load_config  # noqa: E402
from toolkit.glossary import load_glossary  # noqa: E402
from toolkit.segment import parse_source, parse_text  # noqa: E402

TARGET_SECONDS = 60.0
ZH_END = re.compile(r"[。！？!?…”’」』）)]*$")
EN_END = re.compile(r"[.!?…]*[\"'”’)]*$")


def mark(text: str, copy: int, end: re.Pattern[str], template: str) -> str:
    """The copy number inserted before the text's closing punctuation."""
    cut = end.search(text).start()
    return text[:cut] + template.format(copy) + text[cut:]


def build(paragraphs: int) -> tuple[str, str, dict[str, str]]:
    """Chinese text, English text and the expected English of each marked Chinese segment."""
    config = load_config(ROOT)
    document = parse_source(config.documents[0].source, config=config)
    approved = {e.msgid: e.msgstr for e in read_catalog(config.documents[0].catalog) if e.msgid}
    zh_lines, en_lines, expected = [], [], {}
    copy = 0
    while len(zh_lines) < paragraphs:
        for paragraph in document.paragraphs[:paragraphs - len(zh_lines)]:
            zh_parts, en_parts = [], []
            for segment in paragraph.segments:
                zh = mark(segment.text, copy, ZH_END, "（{}）")
                en = " ".join(mark(s, copy, EN_END, " ({})") for s in split_english(approved[segment.text]))
                zh_parts.append(zh)
                en_parts.append(en)
                expected[zh] = en
            zh_lines.append(("" if paragraph.kind == "body" else "\n").join(zh_parts))
            en_lines.append((paragraph.kind, " ".join(en_parts)))
        copy += 1
    english, i = [], 0
    while i < len(en_lines):
        if i + 1 < len(en_lines) and en_lines[i][0] == en_lines[i + 1][0] == "body" and i % 3 == 1:
            english.append(en_lines[i][1] + " " + en_lines[i + 1][1])
            i += 2
        else:
            english.append(en_lines[i][1])
            i += 1
    return "\n\n".join(zh_lines) + "\n", "\n\n".join(english) + "\n", expected


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,10000", help="paragraph counts, comma-separated")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    glossary = load_glossary(None, load_config(ROOT))
    warm_zh, warm_en, _ = build(50)  # load pysbd, pypinyin, the spelling list and the glossary's automaton once
    align_document(parse_text(warm_zh, Path("warm.zh.txt"), "warm"), parse_translation(warm_en), glossary)
    print(f"{'paragraphs':>10} {'segments':>9} {'sentences':>9} {'floor s':>8} {'align s':>8} {'total s':>8} "
          f"{'cpu s':>6} {'align/floor':>11} {'ms/para':>8} {'correct':>8}")
    per_paragraph = []
    failed = False
    for size in sizes:
        zh_text, en_text, expected = build(size)
        cpu = time.process_time()
        start = time.perf_counter()
        document = parse_text(zh_text, Path("bench.zh.txt"), "bench.zh.txt")
        english = parse_translation(en_text)
        floor = time.perf_counter() - start
        start = time.perf_counter()
        alignment = align_document(document, english, glossary)
        work = time.perf_counter() - start
        cpu = time.process_time() - cpu
        total = floor + work
        offered = proposals(alignment)
        correct = sum(1 for zh, en in expected.items() if zh in offered and offered[zh].english == en)
        per_paragraph.append(1000 * total / len(document.paragraphs))
        failed |= size >= 10_000 and total >= TARGET_SECONDS
        print(f"{len(document.paragraphs):>10} {len(document.segments):>9} {sum(len(p.sentences) for p in english):>9} "
              f"{floor:>8.1f} {work:>8.1f} {total:>8.1f} {cpu:>6.1f} {work / floor:>11.2f} {per_paragraph[-1]:>8.2f} "
              f"{100 * correct / len(expected):>7.1f}%")
    if len(per_paragraph) > 1:
        print(f"growth: time per paragraph at the largest size is {per_paragraph[-1] / per_paragraph[0]:.2f}x "
              "that at the smallest (1.00 = linear)")
    print(f"target: 10,000 paragraphs in under {TARGET_SECONDS:.0f} s: {'missed' if failed else 'met'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
