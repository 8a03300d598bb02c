"""The Excel review workbook's layout and cell codec, shared by export and import.

Both directions read the same column table, so a header renamed here is
renamed for both. Rows are identified by a key (catalog + msgctxt + msgid)
and carry a hash of the entry as exported: the import finds its entry by
key whatever the reviewer did to the row order, and the hash tells it
whether a translator changed the entry in the meantime.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

# The Key and Hash columns follow the import rule of toolkit.conflicts; named here for the export.
from toolkit.conflicts import entry_digest, entry_hash, plural_forms, row_key, split_key  # noqa: F401

if TYPE_CHECKING:
    from toolkit.po import CatalogEntry, Entry

REVIEW_SHEET = "Review"
SUMMARY_SHEET = "Summary"
GLOSSARY_SHEET = "Glossary"

APPROVE, CHANGE, QUERY = "approve", "change", "query"
DECISIONS = (APPROVE, CHANGE, QUERY)

# Excel's limit on the characters in one cell (counted in UTF-16 code units).
MAX_CELL_CHARS = 32_767


@dataclass(frozen=True, eq=False)
class Column:
    """A Review sheet column; the import finds columns by header, so reviewers may move them."""

    header: str
    width: float
    editable: bool = False
    hidden: bool = False


LOCATION = Column("Location", 26)
KIND = Column("Kind", 10)
SOURCE = Column("Source (zh)", 50)
PREVIOUS_SOURCE = Column("Previous source (zh)", 40)  # of a fuzzy entry: what its translation was made from
TRANSLATION = Column("Translation", 55)
STATUS = Column("Status", 13)
FINDINGS = Column("QA findings", 48)
TERMS = Column("Glossary terms", 44)
REVIEWER_TRANSLATION = Column("Reviewer translation", 55, editable=True)
REVIEWER_COMMENT = Column("Reviewer comment", 32, editable=True)
DECISION = Column("Decision", 11, editable=True)
KEY = Column("Key", 20, hidden=True)
HASH = Column("Hash", 18, hidden=True)

COLUMNS = (LOCATION, KIND, SOURCE, PREVIOUS_SOURCE, TRANSLATION, STATUS, FINDINGS, TERMS,
           REVIEWER_TRANSLATION, REVIEWER_COMMENT, DECISION, KEY, HASH)

# Characters an XLSX cell cannot hold (XML 1.0 forbids most C0 controls and U+FFFE/U+FFFF; a raw CR
# would be read back as LF), and the underscore that starts a literal "_xHHHH_", which would otherwise be
# read as an escape. OOXML escapes both as _xHHHH_ (ST_Xstring): Excel and LibreOffice decode it.
_NEEDS_ESCAPE = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_MAY_NEED_ESCAPE = re.compile(r"[\x00-\x08\x0b-\x1f_\ufffe\uffff]")  # one character class: a fast first test
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
ESCAPE_GROWTH = len("_x0001_")  # the most one character can grow by escaping


def encode_cell(text: str) -> str:
    """Text as stored in a cell: unstorable characters escaped, so that decode_cell restores the original."""
    if _MAY_NEED_ESCAPE.search(text) is None:
        return text
    return _NEEDS_ESCAPE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def decode_cell(text: str) -> str:
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


def cell_length(text: str, stored: str) -> int:
    """The larger of what Excel counts (UTF-16 units of the text) and what openpyxl stores (it truncates)."""
    return max(len(stored), len(text.encode("utf-16-le")) // 2)


def translation_text(entry: "CatalogEntry | Entry") -> str:
    """The translation as shown to a reviewer: msgstr, or every plural form on its own line."""
    if entry.msgid_plural:
        return "\n".join(f"[{n}] {text}" for n, text in plural_forms(entry))
    return entry.msgstr
