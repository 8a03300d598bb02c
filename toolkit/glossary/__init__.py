"""The glossary: fixed Chinese terms with approved English renderings, loaded from CSV or TBX, matched on both sides.

Chinese side: one Aho-Corasick automaton over every source term, so matching
costs time linear in the text whatever the glossary's size, and matches are
leftmost-longest (北京市总工会 hides the 总工会 and 工会 inside it).
English side: see toolkit.english; each rendering is analysed once, and a
translation only when some rendering asked about may be in it (a few substring
tests decide); then a lookup costs a few dictionary probes.

One module per concern: ``model`` (terms, matching), ``csv_file`` (the CSV
files), ``load`` (finding and reading glossary files of any format), ``merge``
(imports), ``lint`` and ``usage`` (the consistency view). TBX and XLSX live in
toolkit.formats with the other interchange formats.
"""
from __future__ import annotations

from toolkit.glossary.model import (COLUMNS, GLOSSARY_SUFFIXES, REQUIRED, SEPARATOR, TERM_TYPES, Glossary, Term,
                                    TermMatch)
from toolkit.glossary.csv_file import (append_term, csv_text, read_csv, split_list, term_from_row, term_row,
                                       write_csv)
from toolkit.glossary.load import glossary_files, load_glossary, read_glossary_file
from toolkit.glossary.merge import GlossaryMerge, TermChange, TermConflict, merge_glossary, merged_term, write_merge
from toolkit.glossary.lint import LINT_CODES, LintFinding, lint_glossary
from toolkit.glossary.usage import TermUse, catalog_sources, find_term, term_usage

__all__ = ["COLUMNS", "GLOSSARY_SUFFIXES", "LINT_CODES", "REQUIRED", "SEPARATOR", "TERM_TYPES", "Glossary",
           "GlossaryMerge", "LintFinding", "Term", "TermChange", "TermConflict", "TermMatch", "TermUse", "append_term",
           "catalog_sources", "csv_text", "find_term", "glossary_files", "lint_glossary", "load_glossary",
           "merge_glossary", "merged_term", "read_csv", "read_glossary_file", "split_list", "term_from_row",
           "term_row", "term_usage", "write_csv", "write_merge"]
