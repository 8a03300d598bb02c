"""Glossary matching cost against glossary size: 100 terms versus 20,000 terms over 100,000 segments.

Each segment is processed as the glossary check does it: find the terms in the
Chinese source (leftmost-longest), then ask for the approved rendering and the
forbidden renderings of each in the English translation. The article's segments
are replicated to 100,000, each made unique (a number appended) so that no cache
turns the run into 99 segments. Translations come from the article's catalog
where translated; elsewhere an English sentence is built that contains the
renderings of the segment's terms, inflected at times, among filler words.

The 100 terms are real candidates from the article (toolkit.suggest); the
20,000-term glossary adds 19,900 terms made of the article's own characters
that do not occur in it, so both runs find the same matches and the ratio shows
what glossary size alone costs. Goal: 20,000 terms at most 1.5x the 100 terms.

First, how well `toolkit glossary suggest` finds the article's people and places: the share of those in
glossary/ (names.csv) that the article holds which it proposes with the glossary's English, run with no
glossary and with the glossary's other terms (so that names inside them must be found too); a name that
only occurs inside a longer one counts when the longer one is proposed with it. Proposed names that the
glossary does not list are printed for a reader to judge (a verb or common word there is a false name).

    python bench/glossary_bench.py [--segments 100000] [--repeat 3] [--names-only]
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.english import analyse_cached  # noqa: E402
from toolkit.glossary import Glossary, Term  # noqa: E402
from toolkit.suggest import source_segments, suggest_terms  # noqa: E402
from toolkit.text import HAN  # noqa: E402

ARTICLE = ROOT / "translations/source/beijing-unions-poverty-alleviation.zh.txt"
CATALOG = ROOT / "translations/en/beijing-unions-poverty-alleviation.po"
FILLER = ("the unions of Beijing worked with partner regions for years to help poor households find jobs "
          "train skills sell farm produce and build schools while cadres sent from the capital visited "
          "villages counties and herders on the grasslands plateau and desert").split()
VOCABULARY = ("federation trade union worker model poverty alleviation team cooperation assistance campaign "
              "county district province village household cadre training skill employment consumption "
              "product purchase donation help family home pillar beam battle fortress support partner "
              "region project fund exhibition recruitment platform education health market labour service "
              "leading group office committee branch system award individual pair twinning").split()
GOAL = 1.5


def build_terms(segments: list[str], rng: random.Random) -> tuple[list[Term], list[Term]]:
    """100 terms found in the article, and 19,900 of its characters' combinations that it never contains."""
    real = [s.source for s in suggest_terms(segments, Glossary(), min_count=2)][:100]
    text = "\n".join(segments)
    characters = sorted({c for c in text if HAN.match(c)})
    extra: set[str] = set()
    while len(extra) < 19_900:
        candidate = "".join(rng.choices(characters, k=rng.randint(2, 6)))
        if candidate not in text and candidate not in real:
            extra.add(candidate)
    return [make_term(s, rng) for s in real], [make_term(s, rng) for s in sorted(extra)]


def make_term(source: str, rng: random.Random) -> Term:
    def phrase() -> str:
        return " ".join(rng.sample(VOCABULARY, rng.randint(1, 4)))

    forbidden = (phrase(),) if rng.random() < 0.3 else ()
    return Term(source, phrase(), variants=(phrase(),), forbidden=forbidden)


def translations(segments: list[str], glossary: Glossary, rng: random.Random) -> list[str]:
    """The catalog's translation where there is one, else filler words around the terms' renderings."""
    done: dict[str, str] = {}
    if CATALOG.exists():
        from toolkit.po.catalog import live_entries, read_catalog

        done = {e.msgid: e.msgstr for e in live_entries(read_catalog(CATALOG)) if e.msgstr}
    english = []
    for segment in segments:
        if segment in done:
            english.append(done[segment])
            continue
        words = rng.choices(FILLER, k=max(4, len(segment) * 2 // 3))
        for match in glossary.matches(segment):
            rendering = rng.choice(match.term.renderings) + rng.choice(["", "s", "'s"])
            words.insert(rng.randrange(len(words) + 1), rendering)
        english.append(" ".join(words).capitalize() + ".")
    return english


def check_pass(glossary: Glossary, pairs: list[tuple[str, str]]) -> tuple[float, float, int]:
    """CPU and wall seconds for the glossary check over all pairs, and the number of term occurrences seen.

    The ratio uses CPU time, which other processes on a shared machine do not inflate.
    """
    analyse_cached.cache_clear()
    occurrences = 0
    cpu, wall = time.process_time(), time.perf_counter()
    for source, translation in pairs:
        for match in glossary.matches(source):
            glossary.rendering_in(match.term, translation)
            glossary.forbidden_in(match.term, translation)
            occurrences += 1
    return time.process_time() - cpu, time.perf_counter() - wall, occurrences


def name_accuracy(segments: list[str]) -> None:
    """Print the share of the article's people and places proposed with the glossary's English."""
    from toolkit.config import Config
    from toolkit.glossary import load_glossary

    full = load_glossary([ROOT / "glossary"], Config(root=ROOT, glossary=(ROOT / "glossary",)))
    text = "".join(segments)
    names = {term.source: term for term in full.terms if term.type in ("person", "place") and term.source in text}
    others = Glossary([term for term in full.terms if term.type not in ("person", "place")])
    for label, glossary in (("no glossary", Glossary()), ("the glossary's other terms", others)):
        start = time.process_time()
        found = {s.source: s for s in suggest_terms(segments, glossary) if s.kind in ("person", "place")}
        cpu = time.process_time() - start
        right, wrong = [], []
        for source, term in names.items():
            exact = found.get(source)
            longer = [s for text_, s in found.items() if source in text_ and text_ != source]
            if exact is not None and (exact.kind, exact.pinyin) == (term.type, term.target) or exact is None and \
                    longer and text.count(source) == sum(s.count for s in longer) and \
                    all(term.target in (s.pinyin or "") for s in longer):
                right.append(source)
            else:
                wrong.append(f"{source} ({exact.pinyin if exact else 'missed'}; glossary {term.target})")
        unlisted = [f"{s.source} {s.kind} {s.pinyin}" for text_, s in found.items() if text_ not in names]
        print(f"names, {label}: {len(right)}/{len(names)} people and places proposed as the glossary renders them "
              f"({len(right) / len(names):.0%}), {cpu:.2f} s CPU")
        print(f"  wrong or missed: {', '.join(wrong) or 'none'}")
        print(f"  proposed, not in the glossary (read them: a verb here is a false name): {', '.join(unlisted) or 'none'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="Timed passes per glossary; the best is kept.")
    parser.add_argument("--names-only", action="store_true", help="Only the name suggestions' accuracy.")
    args = parser.parse_args()
    rng = random.Random(20210101)

    segments = source_segments([ARTICLE])
    name_accuracy(segments)
    if args.names_only:
        return 0
    real, extra = build_terms(segments, rng)
    small = Glossary(real)
    english = translations(segments, small, rng)
    pairs = [(f"{segments[i % len(segments)]}{i}", f"{english[i % len(english)]} ({i})")
             for i in range(args.segments)]

    timings: dict[int, list[float]] = {}
    for size, terms in ((100, real), (20_000, real + extra)):
        start = time.perf_counter()
        glossary = Glossary(terms)
        glossary.matches(segments[0])  # builds the automaton
        build = time.perf_counter() - start
        check_pass(glossary, pairs[: len(segments)])  # warm the word-form and rendering caches
        runs = [check_pass(glossary, pairs) for _ in range(args.repeat)]
        timings[size] = [cpu for cpu, _, _ in runs]
        occurrences = runs[0][2]
        best = min(timings[size])
        print(f"{size:>6} terms: automaton built in {build * 1000:6.1f} ms; {args.segments} segments, "
              f"{occurrences} term occurrences: best {best:6.2f} s CPU ({best / args.segments * 1e6:5.1f} µs/segment); "
              f"CPU {', '.join(f'{t:.2f}' for t in timings[size])} s, wall {', '.join(f'{w:.2f}' for _, w, _ in runs)} s")
    ratio = min(timings[20_000]) / min(timings[100])
    verdict = "ok" if ratio <= GOAL else "TOO SLOW"
    print(f"ratio 20,000 / 100 terms: {ratio:.2f} (goal <= {GOAL}): {verdict}")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
