"""Glossaries as Excel sheets, for Trados users (MultiTerm's Glossary Converter reads a sheet per language column).

The first row names the columns: the source and target language codes (zh-CN, en), then variants,
forbidden, type and note; lists are separated by ``|`` as in the CSV glossary.
"""
from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from typing import Iterable

from toolkit.errors import InputError
from toolkit.files import atomic_path
from toolkit.formats.base import InterchangeFormat, bcp47, same_language
from toolkit.glossary import COLUMNS, Term, term_from_row, term_row

SHEET = "Glossary"


class XlsxTerms(InterchangeFormat):
    name = "xlsx"
    extensions = (".xlsx",)
    carries = "terms"

    def read(self, path: Path, *, source_lang: str = "zh", target_lang: str = "en") -> list[Term]:
        from openpyxl import load_workbook
        from openpyxl.utils.exceptions import InvalidFileException

        if not path.is_file():
            raise InputError("no such file" if not path.exists() else "not a file", path=path)
        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, zlib.error, InvalidFileException, KeyError, ValueError, OSError) as exc:
            raise InputError(f"not an XLSX workbook ({exc})", path=path) from exc
        try:
            rows = workbook.worksheets[0].iter_rows(values_only=True)
            header = [str(cell or "").strip() for cell in next(rows, ())]
            names = [_column(name, source_lang, target_lang) for name in header]
            if "source" not in names or "target" not in names:
                raise InputError(f"the first row must name the {source_lang} and {target_lang} columns "
                                 f"(found: {', '.join(filter(None, header)) or 'nothing'})", path=path, line=1)
            terms = []
            for number, cells in enumerate(rows, start=2):
                values = {name: str(cell).strip() if cell is not None else "" for name, cell in zip(names, cells)}
                if any(values.values()):
                    terms.append(term_from_row({name: values.get(name, "") for name in COLUMNS}, path, number))
            return terms
        finally:
            workbook.close()

    def write(self, items: Iterable[Term], path: Path, *, source_lang: str = "zh", target_lang: str = "en") -> int:
        from openpyxl import Workbook

        with atomic_path(path) as temp:  # first: a path that cannot be written is refused before any row
            workbook = Workbook(write_only=True)
            sheet = workbook.create_sheet(SHEET)
            sheet.append([bcp47(source_lang), bcp47(target_lang), *COLUMNS[2:]])
            count = 0
            for term in items:
                row = term_row(term)
                sheet.append([term.source, *(row[name] for name in COLUMNS[1:])])
                count += 1
            workbook.save(temp)
        return count


def _column(header: str, source_lang: str, target_lang: str) -> str:
    folded = header.lower()
    if folded in COLUMNS:
        return folded
    if same_language(header, source_lang):
        return "source"
    if same_language(header, target_lang):
        return "target"
    return folded
