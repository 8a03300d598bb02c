"""Source documents: one module per format behind :class:`~toolkit.documents.base.SourceFormat`.

The registry names each format's class and extensions without importing it, so commands that never
meet a DOCX never load python-docx; a format is chosen by ``--format``, by the project's
``[[documents]] format``, or by the file's extension (anything unknown is plain text).
"""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.errors import UsageError

if TYPE_CHECKING:
    from toolkit.documents.base import SourceFormat

# format name -> ("module:class", extensions), in the order --help lists them
FORMATS: dict[str, tuple[str, tuple[str, ...]]] = {
    "text": ("toolkit.documents.text:PlainText", (".txt",)),
    "markdown": ("toolkit.documents.markdown:Markdown", (".md", ".markdown")),
    "html": ("toolkit.documents.html:Html", (".html", ".htm", ".xhtml")),
    "docx": ("toolkit.documents.docx:Docx", (".docx",)),
}
DEFAULT = "text"


def format_name(path: Path, name: str | None = None) -> str:
    """The format to read ``path`` as: ``name`` if given, else the one its extension belongs to."""
    if name is not None:
        if name not in FORMATS:
            raise UsageError(f"unknown format {name!r}: use one of {', '.join(FORMATS)}")
        return name
    suffix = path.suffix.lower()
    return next((n for n, (_, extensions) in FORMATS.items() if suffix in extensions), DEFAULT)


def get_format(name: str) -> "SourceFormat":
    target, _ = FORMATS[name]
    module, _, attribute = target.partition(":")
    return getattr(importlib.import_module(module), attribute)()
