"""Aligning an existing English translation to the Chinese segments of its source.

Translations arrive paragraph by paragraph, never sentence by sentence. Two
passes of one banded dynamic programme turn them into catalog entries:
paragraphs first (the English may merge or split them), then sentences inside
each group of aligned paragraphs (1-1, 1-2, 2-1, 2-2, 1-3, 3-1, 1-0, 0-1).

A link costs what the Gale–Church length model says about its English
characters against its Chinese characters (ratio and variance estimated from
the two texts), minus a bonus for every anchor both sides share (numbers of
equal value, glossary terms whose approved rendering is present, names in
pinyin, Latin-script words and quotations) and a lexical score: how many
words of each side CC-CEDICT says the other translates. The band follows the cheapest cell
of the previous row and widens when the best path touches its edge, so time
grows linearly with the text. Forward–backward over the same band gives each
link's posterior probability: the confidence written to the catalog.

One module per concern: ``english`` (paragraphs and sentences of the
translation), ``anchors`` (units and what they share), ``lexical`` (the
dictionary score), ``cost`` (the link cost), ``dp`` (the banded programme),
``recent`` (its bounded caches), ``document`` (the two passes), ``fill``
(the catalog), ``accept`` (clearing fuzzy) and ``sheet`` (the reviewer's
Excel sheet).
"""
from toolkit.align.anchors import Unit, chinese_unit, english_names, english_unit, name_pattern
from toolkit.align.cost import PARAGRAPH_MOVES, SENTENCE_MOVES, CostModel, length_cost
from toolkit.align.dp import Step, best_path
from toolkit.align.document import LOW_CONFIDENCE, Alignment, Link, align_document, check_is_translation
from toolkit.align.english import EnglishParagraph, parse_translation, read_translation, split_english
from toolkit.align.fill import NOTE_PREFIX, AlignResult, FillReport, Proposal, align_translation, fill_catalog, proposals
from toolkit.align.sheet import write_alignment_sheet

__all__ = [
    "LOW_CONFIDENCE", "NOTE_PREFIX", "PARAGRAPH_MOVES", "SENTENCE_MOVES", "AlignResult", "Alignment", "CostModel",
    "EnglishParagraph", "FillReport", "Link", "Proposal", "Step", "Unit", "align_document", "align_translation",
    "best_path", "check_is_translation", "chinese_unit", "english_names", "english_unit", "fill_catalog",
    "length_cost", "name_pattern", "parse_translation", "proposals", "read_translation", "split_english",
    "write_alignment_sheet",
]
