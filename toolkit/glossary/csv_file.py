"""The glossary CSV: reading with located errors, writing, and appending a term under a lock."""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterable
from toolkit.errors import InputError, UsageError
from toolkit.files import locked, write_text_atomic

from toolkit.glossary.model import COLUMNS, Glossary, REQUIRED, SEPARATOR, TERM_TYPES, Term



def read_csv(path: str | Path) -> list[Term]:
    """Terms from a glossary CSV (UTF-8, BOM accepted); any malformed row is an InputError at its line."""
    path = Path(path)
    text = _read_text(path)
    reader = csv.reader(io.StringIO(text), strict=True)
    header_line = 0
    try:
        header = next((row for row in reader if any(cell.strip() for cell in row)), None)
        header_line = reader.line_num
    except csv.Error as exc:
        raise InputError(f"CSV syntax error: {exc}", path=path, line=reader.line_num) from exc
    if header is None:
        return []
    columns = _columns(header, path, header_line)
    terms: list[Term] = []
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader, None)
        except csv.Error as exc:
            raise InputError(f"CSV syntax error: {exc}", path=path, line=line) from exc
        if row is None:
            return terms
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise InputError(f"expected {len(header)} fields as in the header, found {len(row)}", path=path, line=line)
        terms.append(term_from_row(dict(zip(columns, row)), path, line))


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from exc
    if b"\0" in raw:
        raise InputError("binary file, not a UTF-8 CSV glossary", path=path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError("not valid UTF-8 (save the glossary as UTF-8 CSV)", path=path, line=line) from exc


def _columns(header: list[str], path: Path, line: int) -> list[str]:
    """Column names in file order (lower case); unknown columns are kept under their own names and ignored."""
    columns = [name.strip().lower() for name in header]
    for name in columns:
        if name and columns.count(name) > 1:
            raise InputError(f"column '{name}' appears twice in the header", path=path, line=line)
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise InputError(
            f"header lacks the required column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
            f"(columns: {', '.join(COLUMNS)})", path=path, line=line)
    return columns


def term_from_row(row: dict[str, str], path: Path, line: int) -> Term:
    """A term from a row of named cells (CSV or sheet), checked; a bad row is an InputError at its line."""
    values = {name: " ".join(row.get(name, "").split()) for name in COLUMNS}
    for name in REQUIRED:
        if not values[name]:
            raise InputError(f"empty '{name}': every term needs a source and a target", path=path, line=line)
    kind = values["type"].lower() or "term"
    if kind not in TERM_TYPES:
        raise InputError(f"type '{values['type']}' is not one of {', '.join(TERM_TYPES)}", path=path, line=line)
    return Term(
        source=values["source"], target=values["target"], variants=split_list(values["variants"]),
        forbidden=split_list(values["forbidden"]), type=kind, note=values["note"], path=str(path), line=line,
    )


def split_list(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(SEPARATOR) if part.strip())


def term_row(term: Term) -> dict[str, str]:
    return {"source": term.source, "target": term.target, "variants": SEPARATOR.join(term.variants),
            "forbidden": SEPARATOR.join(term.forbidden), "type": term.type, "note": term.note}


def csv_text(terms: Iterable[Term]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(term_row(term) for term in terms)
    return out.getvalue()


def write_csv(terms: Iterable[Term], path: str | Path) -> None:
    write_text_atomic(path, csv_text(terms))


def append_term(term: Term, path: str | Path, glossary: Glossary) -> None:
    """Add a row to a glossary CSV (created if missing), in the file's own column order and line endings.

    A source already in the glossary is refused, and so is a file that does not load cleanly.
    """
    path = Path(path)
    if path.suffix.lower() != ".csv":
        raise UsageError("terms are added to a .csv glossary", path=path)
    with locked(path):  # from reading the file to writing it
        _append_row(term, path, glossary)


def _append_row(term: Term, path: Path, glossary: Glossary) -> None:
    in_file = read_csv(path) if path.exists() else []
    existing = glossary.by_source.get(term.source) or next((t for t in in_file if t.source == term.source), None)
    if existing is not None:
        raise UsageError(f"'{term.source}' is already in the glossary at {existing.where}")
    for rendering in (*term.renderings, *term.forbidden):
        if SEPARATOR in rendering:
            raise UsageError(f"'{rendering}': a rendering cannot contain '{SEPARATOR}' (the list separator)")
    text = _read_text(path) if path.exists() else ""
    if not text.strip():  # a new file, or an empty one: the header first
        write_csv([term], path)
        return
    header = next(row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row))  # as read_csv
    newline = "\r\n" if "\r\n" in text else "\n"
    row = term_row(term)
    out = io.StringIO()
    csv.writer(out, lineterminator=newline).writerow([row.get(name.strip().lower(), "") for name in header])
    if text and not text.endswith(("\n", "\r")):
        text += newline
    write_text_atomic(path, ("\ufeff" if path.read_bytes().startswith(b"\xef\xbb\xbf") else "") + text
                      + out.getvalue())
