"""The Excel review workbook's layout, shared by export and import (its cell codec is toolkit.xlsx_text).

Both directions read the same column table, so a header renamed here is
renamed for both. Rows are identified by a key (catalog + msgctxt + msgid)
and carry a hash of the entry as exported: the import finds its entry by
key whatever the reviewer did to the row order, and the hash tells it
whether a translator changed the entry in the meantime.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

# The Key and Hash columns follow the import rule of toolkit.conflicts; named here for the export.
from toolkit.conflicts import entry_digest, entry_hash, plural_forms, row_key, split_key  # noqa: F401
# Cells follow the text policy every workbook shares; its codec is named here for the import.
from toolkit.xlsx_text import ESCAPE_GROWTH, MAX_CELL_CHARS, cell_length, decode_cell, encode_cell  # noqa: F401

if TYPE_CHECKING:
    from toolkit.po import CatalogEntry, Entry

REVIEW_SHEET = "Review"
SUMMARY_SHEET = "Summary"
GLOSSARY_SHEET = "Glossary"

APPROVE, CHANGE, QUERY = "approve", "change", "query"
DECISIONS = (APPROVE, CHANGE, QUERY)

@dataclass(frozen=True, eq=False)
class Column:
    """A Review sheet column; the import finds columns by header, so reviewers may move them."""

    header: str
    width: float
    editable: bool = False
    hidden: bool = False


LOCATION = Column("Location", 14)
KIND = Column("Kind", 10)
SOURCE = Column("Source (zh)", 45)
PREVIOUS_SOURCE = Column("Previous source (zh)", 40)  # of a fuzzy entry: what its translation was made from
TRANSLATION = Column("Translation", 70)
STATUS = Column("Status", 13)
FINDINGS = Column("QA findings", 60)
TERMS = Column("Glossary terms", 85)
REVIEWER_TRANSLATION = Column("Reviewer translation", 40, editable=True)
REVIEWER_COMMENT = Column("Reviewer comment", 24, editable=True)
DECISION = Column("Decision", 11, editable=True)
KEY = Column("Key", 20, hidden=True)
HASH = Column("Hash", 18, hidden=True)

COLUMNS = (LOCATION, KIND, SOURCE, PREVIOUS_SOURCE, TRANSLATION, STATUS, FINDINGS, TERMS,
           REVIEWER_TRANSLATION, REVIEWER_COMMENT, DECISION, KEY, HASH)

def translation_text(entry: "CatalogEntry | Entry") -> str:
    """The translation as shown to a reviewer: msgstr, or every plural form on its own line."""
    if entry.msgid_plural:
        return "\n".join(f"[{n}] {text}" for n, text in plural_forms(entry))
    return entry.msgstr
