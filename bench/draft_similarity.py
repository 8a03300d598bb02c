"""How alike two translations of the same catalog are, word for word: is a draft independent work?

For each pair of catalogs (matched by msgctxt and msgid) the English is split
into lower-case words (punctuation dropped) and compared entry by entry with
difflib's ratio (2 * matching words / all words). Reported per pair: the mean
ratio, how many entries are at least 90% alike, how many are identical (the
msgstrs exactly, and word for word), the longest run of words the two share;
and for each catalog, in how many entries it is closer to one of the others
than to the other. Two independent translations of one Chinese text share names, numbers
and glossary terms, but not long runs of wording.

Usage: python bench/draft_similarity.py [--json] A.po B.po [C.po …]   (every pair is compared)
With no arguments: the approved translation and the two drafts in translations/.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from difflib import SequenceMatcher
from itertools import combinations
from pathlib import Path
from statistics import mean

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from toolkit.po.catalog import entry_key, live_entries, read_catalog  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT / "translations/en/beijing-unions-poverty-alleviation.po",
           ROOT / "translations/drafts/literal-first-pass.po",
           ROOT / "translations/drafts/revised-second-pass.po"]
WORD = re.compile(r"\w+(?:['’]\w+)*")


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def english(path: Path) -> dict:
    return {entry_key(e): e.msgstr for e in live_entries(read_catalog(path)) if e.msgstr}


def compare(first: dict, second: dict) -> dict:
    """Entry-by-entry likeness of two catalogs' English, over the entries both translate."""
    keys = [key for key in first if key in second]
    ratios, longest, identical, loose = [], 0, 0, 0
    for key in keys:
        a, b = words(first[key]), words(second[key])
        matcher = SequenceMatcher(None, a, b, autojunk=False)
        ratios.append(matcher.ratio())
        longest = max(longest, matcher.find_longest_match(0, len(a), 0, len(b)).size)
        identical += first[key] == second[key]
        loose += a == b
    return {"entries": len(keys), "mean": round(mean(ratios), 3), "at_least_90": sum(r >= 0.9 for r in ratios),
            "identical": identical, "identical_words": loose, "longest_shared_run": longest,
            "ratios": dict(zip(keys, ratios))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("catalogs", nargs="*", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    paths = args.catalogs or DEFAULT
    texts = {path.stem: english(path) for path in paths}
    pairs = {(a, b): compare(texts[a], texts[b]) for a, b in combinations(texts, 2)}
    closer = {}
    for a, b, c in ((a, b, c) for a in texts for b in texts for c in texts if len({a, b, c}) == 3 and b < c):
        ab, ac = pairs.get((a, b)) or pairs[(b, a)], pairs.get((a, c)) or pairs[(c, a)]
        shared = ab["ratios"].keys() & ac["ratios"].keys()
        closer[f"{a}: closer to {b} than to {c}"] = sum(ab["ratios"][k] > ac["ratios"][k] for k in shared)
        closer[f"{a}: closer to {c} than to {b}"] = sum(ac["ratios"][k] > ab["ratios"][k] for k in shared)
    if args.json:
        print(json.dumps({"pairs": {f"{a} vs {b}": {k: v for k, v in r.items() if k != "ratios"}
                                    for (a, b), r in pairs.items()}, "closer": closer}, indent=2))
        return 0
    print(f"{'pair':58} {'entries':>7} {'mean':>6} {'>=0.90':>7} {'identical':>10} {'words':>6} {'run':>5}")
    for (a, b), r in pairs.items():
        print(f"{a + ' vs ' + b:58} {r['entries']:7} {r['mean']:6.3f} {r['at_least_90']:7} {r['identical']:10} "
              f"{r['identical_words']:6} {r['longest_shared_run']:5}")
    for label, count in closer.items():
        print(f"{label}: {count} entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
