"""Benchmark: `toolkit score`'s corpus path against bare sacrebleu on 100,000 segment pairs.

The article's reference and draft catalogs (or the ones given) are replicated
to the requested number of segments, each copy under its own msgctxt and with
its copy number appended to both texts, so that no segment repeats and no
cache makes the run cheaper than real text would be. Segments whose reference
is longer than --max-words (40) are left out: sacrebleu's TER takes time
steeply rising with length (3.9 CPU seconds for the article's 239-word
segment), and 100,000 copies of the whole article would keep the floor alone
busy for about three hours. Then, in the same run:

- floor: sacrebleu's corpus BLEU (13a), chrF++ and TER on the in-memory lists;
- toolkit: reading both PO files, aligning them, the same three corpus scores
  and term accuracy with the project's glossary (segment scores excluded);
- with --plain, for information: plain text files, segment scores included.

Usage: python bench/score_bench.py [--segments N] [--max-words N] [--ref PO] [--draft PO] [--glossary PATH]
                                   [--plain]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from toolkit.po.catalog import (TRANSLATED, entry_status, index_entries, new_catalog, read_catalog,  # noqa: E402
                             write_catalog)
from toolkit.config import load_config  # noqa: E402
from toolkit.glossary import Glossary  # noqa: E402
from toolkit.scoring import load_scoring_set, score_drafts  # noqa: E402

LIMIT = 1.3


def main() -> int:
    config = load_config(Path(__file__).resolve().parent.parent)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=100_000)
    parser.add_argument("--max-words", type=int, default=40, help="longest reference kept, in words (0: all)")
    parser.add_argument("--ref", type=Path, default=config.references[0] if config.references else None)
    parser.add_argument("--draft", type=Path, default=config.drafts[0] if config.drafts else None)
    parser.add_argument("--glossary", type=Path, action="append", default=None)
    parser.add_argument("--plain", action="store_true", help="also time plain text with segment scores")
    args = parser.parse_args()
    glossary = Glossary.load(args.glossary or config.glossary)
    pairs = translated_pairs(args.ref, args.draft)
    kept = [pair for pair in pairs if not args.max_words or len(pair[2].split()) <= args.max_words]
    if not kept:
        print(f"{args.ref} and {args.draft} share no translated segment of at most {args.max_words} words: "
              "nothing to benchmark", file=sys.stderr)
        return 2
    print(f"{len(kept)} of {len(pairs)} translated segment pairs from {args.ref} and {args.draft} "
          f"(references of at most {args.max_words or 'any number of'} words), replicated to {args.segments}; "
          f"glossary of {len(glossary)} terms")

    with tempfile.TemporaryDirectory() as folder:
        ref_po, draft_po, ref_txt, draft_txt = (Path(folder) / name
                                                for name in ("ref.po", "draft.po", "ref.txt", "draft.txt"))
        references, hypotheses = replicate(kept, args.segments, ref_po, draft_po)
        ref_txt.write_text("".join(line + "\n" for line in references), encoding="utf-8")
        draft_txt.write_text("".join(line + "\n" for line in hypotheses), encoding="utf-8")

        floor, scores = timed(lambda: bare_sacrebleu(references, hypotheses))
        toolkit, report = timed(lambda: score_drafts(load_scoring_set([ref_po], [draft_po]), glossary=glossary,
                                                     segment_scores=False, test=None))
        if args.plain:
            plain, plain_report = timed(lambda: score_drafts(load_scoring_set([ref_txt], [draft_txt]), test=None))

    result = report.drafts[0]
    same = all(result.corpus[key].score == scores[key] for key in scores)
    if args.plain:
        same = same and all(plain_report.drafts[0].corpus[key].score == scores[key] for key in scores)
    print(f"scores: BLEU {scores['bleu']:.2f}, chrF2++ {scores['chrf']:.2f}, TER {scores['ter']:.2f}; "
          f"term accuracy {result.terms.total.accuracy if result.terms else None}; "
          f"identical to sacrebleu: {'yes' if same else 'NO'}")
    print(f"bare sacrebleu BLEU+chrF+++TER: {floor:8.1f} CPU s")
    print(f"toolkit score, PO + terms:      {toolkit:8.1f} CPU s  ({toolkit / floor:.3f}x, limit {LIMIT}x)")
    if args.plain:
        print(f"toolkit score, plain text with segment scores: {plain:8.1f} CPU s  ({plain / floor:.3f}x)")
    return 0 if same and toolkit <= LIMIT * floor else 1


def translated_pairs(ref: Path, draft: Path) -> list[tuple[str | None, str, str, str]]:
    """(msgctxt, msgid, reference, draft) for every segment both catalogs translate."""
    drafts = index_entries(read_catalog(draft))
    pairs = []
    for key, entry in index_entries(read_catalog(ref)).items():
        other = drafts.get(key)
        if entry_status(entry) == TRANSLATED and other is not None and other.msgstr:
            pairs.append((entry.msgctxt, entry.msgid, entry.msgstr, other.msgstr))
    return pairs


def replicate(pairs, count: int, ref_po: Path, draft_po: Path) -> tuple[list[str], list[str]]:
    ref_catalog, draft_catalog = new_catalog(project="bench", source="bench"), new_catalog(project="bench",
                                                                                              source="bench")
    references, hypotheses = [], []
    for number in range(count):
        context, msgid, reference, draft = pairs[number % len(pairs)]
        copy = number // len(pairs)
        context = f"{context or ''} copy {copy}"
        reference, draft = f"{reference} ({copy})", f"{draft} ({copy})"
        ref_catalog.append(polib.POEntry(msgctxt=context, msgid=msgid, msgstr=reference))
        draft_catalog.append(polib.POEntry(msgctxt=context, msgid=msgid, msgstr=draft))
        references.append(reference)
        hypotheses.append(draft)
    write_catalog(ref_catalog, ref_po)
    write_catalog(draft_catalog, draft_po)
    return references, hypotheses


def bare_sacrebleu(references: list[str], hypotheses: list[str]) -> dict[str, float]:
    from sacrebleu.metrics import BLEU, CHRF, TER

    return {"bleu": BLEU(tokenize="13a").corpus_score(hypotheses, [references]).score,
            "chrf": CHRF(word_order=2).corpus_score(hypotheses, [references]).score,
            "ter": TER().corpus_score(hypotheses, [references]).score}


def timed(work):
    """CPU seconds of this process: both sides are single-threaded, and other load on the machine does not count."""
    start = time.process_time()
    value = work()
    return time.process_time() - start, value


if __name__ == "__main__":
    sys.exit(main())
