"""Accuracy of `toolkit check` on published translations nobody on the project wrote, and on planted defects.

Reads the development corpora (aligner-eval-dev: English originals with their
published Chinese translations and manual sentence links) and builds, per
corpus, a PO catalog with one entry per gold link that has text on both sides:
the Chinese as the source (msgid), the English as the translation (msgstr).

  clean    every check on the published text: findings per 100 entries, per check
           and severity. The text is published and edited, so nearly every
           finding is a false alarm; ``--show CHECK`` prints a check's findings
           for a reviewer to judge.
  planted  copies of the catalog where sampled entries carry one defect each
           (a wrong value, a lost qualifier, a wrong date, full-width punctuation,
           Chinese left in, the source copied, a doubled word, a translation cut
           short, a dropped sentence or clause, a wrong person name, another
           entry's translation pasted in or two neighbours' translations
           exchanged); a defect is found when its entry gets a new finding
           from one of the checks meant to see that class.

Targets (issue 12): at most 1 error and 5 findings in all per 100 clean entries; recall >= 90%.
The corpora live outside the repository (../shared/corpora/aligner-eval-dev or $TOOLKIT_DEV_CORPORA);
without them the script says so and exits 0.

Usage: python bench/check_accuracy.py [--corpus aca|mag]... [--show CHECK]... [--per-class N] [--seed N]
"""
from __future__ import annotations

import argparse
import os
import random
import re
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import polib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.checks import run_checks  # noqa: E402
from toolkit.config import Config  # noqa: E402
from toolkit.numbers import CARDINAL, MONTH, YEAR, chinese_quantities, english_quantities  # noqa: E402

CORPUS_NAME = "aligner-eval-dev"
CORPORA = ("aca", "mag")
LINK = re.compile(r"^\[([\d,\s]*)\]:\[([\d,\s]*)\]\s*$")


def corpus_root() -> Path | None:
    """The development corpora: $TOOLKIT_DEV_CORPORA, else shared/corpora beside any parent of the repository."""
    if os.environ.get("TOOLKIT_DEV_CORPORA"):
        path = Path(os.environ["TOOLKIT_DEV_CORPORA"])
        return path if path.is_dir() else None
    for parent in ROOT.parents:
        path = parent / "shared" / "corpora" / CORPUS_NAME
        if path.is_dir():
            return path
    return None


@dataclass
class Pair:
    context: str  # corpus/text:link number, unique per entry
    source: str  # Chinese
    translation: str  # English


def read_pairs(root: Path, corpus: str) -> list[Pair]:
    """One pair per gold link with both sides non-empty (the corpus's src is English, its tgt Chinese)."""
    pairs = []
    for gold in sorted((root / corpus / "gold").glob("*.align")):
        text = gold.name.split(".")[0]
        english = (root / corpus / "src" / text).read_text(encoding="utf-8").splitlines()
        chinese = (root / corpus / "tgt" / text).read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(gold.read_text(encoding="utf-8").splitlines()):
            match = LINK.match(line)
            if not match:
                continue
            en_ids, zh_ids = ([int(i) for i in group.split(",") if i.strip()] for group in match.groups())
            if not en_ids or not zh_ids:
                continue
            source = "".join(chinese[i].strip() for i in zh_ids)
            translation = " ".join(english[i].strip() for i in en_ids)
            if source and translation:
                pairs.append(Pair(f"{corpus}/{text}:{number}", source, translation))
    return pairs


def write_catalog(path: Path, pairs: list[Pair]) -> None:
    po = polib.POFile(wrapwidth=78)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "en"}
    for pair in pairs:
        po.append(polib.POEntry(msgctxt=pair.context, msgid=pair.source, msgstr=pair.translation))
    po.save(str(path))


def check(pairs: list[Pair], folder: Path, name: str) -> dict[str, list[tuple[str, str, str]]]:
    """msgctxt -> [(check id, severity, message)] from every check, spelling included."""
    path = folder / f"{name}.po"
    write_catalog(path, pairs)
    report = run_checks([path], config=Config(root=folder), glossary=None, jobs=1)
    found: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for finding in report.findings:
        found[finding.msgctxt or ""].append((finding.check, finding.severity, finding.message))
    return found


# --- planting defects ---------------------------------------------------------------------------

Planter = Callable[[Pair, list[Pair], random.Random], Pair | list[Pair] | None]
DIGIT_NUMBER = re.compile(r"(?<![\d.,])\d+(?![\d.,]\d)")
ENGLISH_SENTENCE_END = re.compile(r"(?<=[a-z0-9”\"')][.!?])\s+(?=[A-Z“\"])")
WORD = re.compile(r"[A-Za-z]+")


def _strong_shared_numbers(pair: Pair) -> list:
    """Translation quantities (digits) whose value is also in the source: changing one is a wrong value."""
    source_values = {q.value for q in chinese_quantities(pair.source) if not q.weak}
    return [q for q in english_quantities(pair.translation) if q.value in source_values and not q.weak
            and q.text[:1].isdigit()]


def plant_wrong_value(pair: Pair, pairs: list[Pair], rng: random.Random) -> Pair | None:
    shared = [q for q in _strong_shared_numbers(pair) if q.kind == CARDINAL]
    if not shared:
        return None
    quantity = rng.choice(shared)
    digits = DIGIT_NUMBER.search(quantity.text)
    if not digits:
        return None
    changed = str(int(digits.group()) + rng.choice((1, 2, 10)))
    start = quantity.start + digits.start()
    return _with(pair, translation=pair.translation[:start] + changed + pair.translation[start + len(digits.group()):])


def plant_wrong_date(pair: Pair, pairs: list[Pair], rng: random.Random) -> Pair | None:
    dates = [q for q in english_quantities(pair.translation) if q.kind in (YEAR, MONTH)
             and q.value in {s.value for s in chinese_quantities(pair.source)}]
    if not dates:
        return None
    quantity = rng.choice(dates)
    if quantity.kind == YEAR and quantity.text[:4].isdigit():
        replacement = str(int(quantity.text[:4]) + rng.choice((-10, -1, 1, 10))) + quantity.text[4:]
    elif quantity.kind == MONTH:
        months = "January February March April May June July August September October November December".split()
        replacement = months[(int(quantity.value) + rng.randrange(1, 11)) % 12]
    else:
        return None
    return _with(pair, translation=pair.translation[:quantity.start] + replacement
                 + pair.translation[quantity.end:])


def plant_dropped_qualifier(pair: Pair, pairs: list[Pair], rng: random.Random) -> Pair | None:
    """The source says 约 (about) before a number the translation gives plainly."""
    shared = [q for q in _strong_shared_numbers(pair) if q.kind == CARDINAL and not q.approx]
    source = [q for q in chinese_quantities(pair.source) if not q.weak and not q.approx and q.kind == CARDINAL
              and q.value in {s.value for s in shared} and q.text[:1].isdigit()]
    if not source:
        return None
    quantity = rng.choice(source)
    return _with(pair, source=pair.source[:quantity.start] + "约" + pair.source[quantity.start:])


def plant_full_width(pair: Pair, pairs: list[Pair], rng: random.Random) -> Pair | None:
    commas = [m.start() for m in re.finditer(r",(?= )", pair.translation)]
    if not commas:
        return None
    at = rng.choice(commas)
    return _with(pair, translation=pair.translation[:at] + "，" + pair.translation[at + 2:])


def plant_han_left(pair: Pair, pairs: list[Pair], rng: random.Random) -> Pair | None:
    """One English word replaced by a two-character word of the source (a term left untranslated)."""
    words = [m for m in WORD.finditer(pair.translation) if len(m.group()) > 4]
    han = re.findall(r"[\u4e00-\u9fff]{2}", pair.source)
    if not words or not han:
        return None
    word = rng.choice(words)
    return _with(pair, translation=pair.translation[:word.start()] + rng.choice(han) + pair.translation[word.end():])


def plant_untranslated(pair: Pair, pairs: list[Pair], rng: random.Random) -> Pair | None:
    return _with(pair, translation=pair.source)


def plant_doubled_word(pair: Pair, pairs: list[Pair], rng: random.Random) -> Pair | None:
    words = [m for m in WORD.finditer(pair.translation) if m.group().lower() not in ("that", "had")]
    if len(words) < 4:
        return None
    word = rng.choice(words)
    return _with(pair, translation=pair.translation[:word.end()] + " " + word.group() + pair.translation[word.end():])


def plant_truncated(pair: Pair, pairs: list[Pair], rng: random.Random) -> Pair | None:
    """The translation stops part-way: after 40-60% of its words, with or without a full stop."""
    words = list(WORD.finditer(pair.translation))
    if len(words) < 12:
        return None
    cut = words[int(len(words) * rng.uniform(0.4, 0.6))].start()
    text = pair.translation[:cut].rstrip(" ,;:—-")
    return _with(pair, translation=text + ("." if rng.random() < 0.5 else ""))


def plant_dropped_sentence(pair: Pair, pairs: list[Pair], rng: random.Random) -> Pair | None:
    """A two-sentence translation without one of its sentences (the source keeps both)."""
    sentences = ENGLISH_SENTENCE_END.split(pair.translation)
    if len(sentences) < 2 or min(len(WORD.findall(s)) for s in sentences) < 5:
        return None
    dropped = rng.randrange(len(sentences))
    return _with(pair, translation=" ".join(s for i, s in enumerate(sentences) if i != dropped))


def plant_dropped_clause(pair: Pair, pairs: list[Pair], rng: random.Random) -> Pair | None:
    """A clause of at least six words, between commas or semicolons, left out of the translation."""
    parts = re.split(r"(?<=[,;])\s+", pair.translation)
    candidates = [i for i, part in enumerate(parts) if len(WORD.findall(part)) >= 6 and i > 0]
    if len(parts) < 3 or not candidates:
        return None
    dropped = rng.choice(candidates)
    kept = [part for i, part in enumerate(parts) if i != dropped]
    text = " ".join(kept)
    if dropped == len(parts) - 1:
        text = text.rstrip(",;") + "."
    return _with(pair, translation=text)


SURNAMES = ("Miller", "Garcia", "Novak", "Tanaka", "Okafor", "Larsen", "Dubois", "Kowalski")


def plant_wrong_name(pair: Pair, pairs: list[Pair], rng: random.Random) -> Pair | None:
    """A person's name in the translation replaced by another (the source names someone with ·, 先生 or a surname)."""
    try:
        from toolkit.checks.names import source_names  # the names check's own reading of the source
    except ImportError:
        return None
    names = source_names(pair.source)
    if not names:
        return None
    capitalised = list(re.finditer(r"\b[A-Z][a-z]{2,}\b", pair.translation))
    # A name the English gives in exactly one word (more would leave the check guessing which was changed).
    matched = [words[0] for name in names
               if len(words := [m for m in capitalised if name.matches(m.group())]) == 1]
    if not matched:
        return None
    word = rng.choice(matched)
    other = rng.choice([s for s in SURNAMES if s[0] != word.group()[0]])
    return _with(pair, translation=pair.translation.replace(word.group(), other))


def plant_swapped(pair: Pair, pairs: list[Pair], rng: random.Random) -> Pair | list[Pair] | None:
    """Another entry's translation in place of this one's: by turns pasted from anywhere in the catalog (the
    other entry keeps it too), and exchanged with the next entry of the same text (both entries defective)."""
    if len(pair.source) < 15:
        return None
    if rng.random() < 0.5:
        others = [p for p in pairs if p is not pair and len(p.source) >= 15]
        return _with(pair, translation=rng.choice(others).translation) if others else None
    index = pairs.index(pair)
    after = pairs[index + 1] if index + 1 < len(pairs) else None
    if after is None or len(after.source) < 15 or after.context.split(":")[0] != pair.context.split(":")[0]:
        return None
    return [_with(pair, translation=after.translation), _with(after, translation=pair.translation)]


def _with(pair: Pair, *, source: str | None = None, translation: str | None = None) -> Pair:
    return Pair(pair.context, source if source is not None else pair.source,
                translation if translation is not None else pair.translation)


# class -> (planter, the checks meant to see it)
CLASSES: dict[str, tuple[Planter, tuple[str, ...]]] = {
    "wrong value": (plant_wrong_value, ("numbers", "missing-number", "extra-number")),
    "wrong date": (plant_wrong_date, ("numbers", "missing-number", "extra-number")),
    "dropped qualifier": (plant_dropped_qualifier, ("number-qualifier",)),
    "full-width punctuation": (plant_full_width, ("punctuation",)),
    "Han left": (plant_han_left, ("han",)),
    "source copied": (plant_untranslated, ("han", "untranslated")),
    "doubled word": (plant_doubled_word, ("repeated-word",)),
    "truncated": (plant_truncated, ("truncated", "length", "omission")),
    "dropped sentence": (plant_dropped_sentence, ("omission", "truncated", "length")),
    "dropped clause": (plant_dropped_clause, ("omission", "truncated", "length")),
    "wrong name": (plant_wrong_name, ("names",)),
    "swapped": (plant_swapped, ("misplaced", "omission", "names", "numbers", "length", "truncated")),
}


def plant(pairs: list[Pair], per_class: int, rng: random.Random) -> tuple[list[Pair], dict[str, str]]:
    """A copy of the pairs with per_class entries of each class made defective (one more where an exchange
    ends the quota); context -> class."""
    planted: dict[str, str] = {}
    result = {pair.context: pair for pair in pairs}
    order = list(pairs)
    rng.shuffle(order)
    for name, (planter, _) in CLASSES.items():
        count = 0
        for pair in order:
            if count >= per_class:
                break
            if pair.context in planted:
                continue
            changed = planter(pair, pairs, rng)
            changed = [changed] if isinstance(changed, Pair) else changed or []
            if any(other.context in planted for other in changed):
                continue
            for other in changed:  # an exchange makes two entries defective: both count
                result[other.context] = other
                planted[other.context] = name
            count += len(changed)
    return [result[pair.context] for pair in pairs], planted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="append", choices=CORPORA)
    parser.add_argument("--show", action="append", default=[], help="print the clean findings of this check")
    parser.add_argument("--per-class", type=int, default=12, help="planted defects per class and corpus")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--missed", action="store_true", help="print the planted defects no check found")
    args = parser.parse_args()
    root = corpus_root()
    if root is None:
        print(f"{CORPUS_NAME} not found (set TOOLKIT_DEV_CORPORA): nothing measured")
        return 0
    totals: Counter = Counter()
    recall: dict[str, Counter] = defaultdict(Counter)
    with tempfile.TemporaryDirectory() as folder:
        for corpus in args.corpus or CORPORA:
            pairs = read_pairs(root, corpus)
            clean = check(pairs, Path(folder), corpus)
            per_check: Counter = Counter()
            for context, found in clean.items():
                for check_id, severity, message in found:
                    per_check[(check_id, severity)] += 1
                    if check_id in args.show:
                        pair = next(p for p in pairs if p.context == context)
                        print(f"  [{check_id}] {message}\n      zh: {pair.source}\n      en: {pair.translation}")
            errors = sum(n for (_, severity), n in per_check.items() if severity == "error")
            findings = sum(per_check.values())
            totals.update(entries=len(pairs), errors=errors, findings=findings)
            print(f"{corpus}: {len(pairs)} entries; clean text: {errors} errors ({100 * errors / len(pairs):.2f} "
                  f"per 100), {findings} findings ({100 * findings / len(pairs):.2f} per 100)")
            for (check_id, severity), count in sorted(per_check.items(), key=lambda item: -item[1]):
                print(f"    {check_id:18} {severity:8} {count:5}")

            rng = random.Random(f"{args.seed}/{corpus}")
            defective, planted = plant(pairs, args.per_class, rng)
            after = check(defective, Path(folder), corpus + "-planted")
            by_context = {pair.context: pair for pair in defective}
            for context, name in planted.items():
                expected = CLASSES[name][1]
                before = Counter(c for c, _, _ in clean.get(context, ()) if c in expected)
                now = Counter(c for c, _, _ in after.get(context, ()) if c in expected)
                found = bool(now - before)
                recall[name].update(planted=1, found=int(found))
                recall[corpus].update(planted=1, found=int(found))
                if args.missed and not found:
                    pair = by_context[context]
                    print(f"  missed {name}: zh: {pair.source}\n      en: {pair.translation}")
    entries = totals["entries"]
    print(f"all: {entries} entries; {totals['errors']} errors ({100 * totals['errors'] / entries:.2f} per 100), "
          f"{totals['findings']} findings ({100 * totals['findings'] / entries:.2f} per 100)")
    print("planted defects found (by the checks meant for them):")
    planted_all = found_all = 0
    for name in [*CLASSES, *(args.corpus or CORPORA)]:
        counts = recall.get(name)
        if counts:
            print(f"    {name:24} {counts['found']:3}/{counts['planted']:3}")
            if name in CLASSES:
                planted_all += counts["planted"]
                found_all += counts["found"]
    print(f"recall {found_all}/{planted_all} = {100 * found_all / max(1, planted_all):.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
