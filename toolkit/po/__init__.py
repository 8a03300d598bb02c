"""Everything the toolkit does with gettext PO catalogs; no other module imports polib.

- :mod:`toolkit.po.syntax` the one grammar every reader checks first;
- :mod:`toolkit.po.plain` the plain layout, one regular expression per entry, which both
  models below are read from (polib's parser only for any other file, with the same results);
- :mod:`toolkit.po.read` :class:`Entry` and :func:`read_entries`, the records the commands
  that only read a catalog take;
- :mod:`toolkit.po.catalog` the editable model (polib's ``POFile``) for commands that
  change a catalog: :func:`read_catalog`, :func:`write_catalog` (atomic, keeps the bytes
  of untouched entries), :func:`new_catalog`;
- :mod:`toolkit.po.merge` merging a fresh segmentation into a catalog;
- :mod:`toolkit.po.layout` writing a catalog in the layout it was read in (wrapping, line ends, BOM).
"""
from toolkit.po.catalog import (FUZZY, HEADER, JOINED, TRANSLATED, UNTRANSLATED, Catalog, CatalogEntry,
                                CatalogStats, Key, catalog_references, catalog_text, count_entry, entry_key,
                                entry_kind, entry_status, index_entries, iter_catalog_paths, live_entries,
                                new_catalog, read_catalog, status_of, write_catalog, written_text)
from toolkit.po.layout import default_layout
from toolkit.po.read import Entry, read_entries
from toolkit.po.syntax import check_po_syntax

_LAZY = {"MergeReport": "toolkit.po.merge", "merge_catalog": "toolkit.po.merge"}


def __getattr__(name: str) -> object:
    """The merge (and rapidfuzz under it) loads only for the commands that merge, not for every reader."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "FUZZY", "HEADER", "JOINED", "TRANSLATED", "UNTRANSLATED", "Catalog", "CatalogEntry", "CatalogStats", "Entry",
    "Key", "MergeReport", "catalog_references", "catalog_text", "check_po_syntax", "count_entry", "default_layout",
    "entry_key", "entry_kind", "entry_status", "index_entries", "iter_catalog_paths", "live_entries",
    "merge_catalog", "new_catalog", "read_catalog", "read_entries", "status_of", "write_catalog", "written_text",
]
