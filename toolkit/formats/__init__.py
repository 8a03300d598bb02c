"""Interchange formats with CAT tools, one module per format (TBX, TMX, XLIFF), each an InterchangeFormat."""
from toolkit.formats.base import FORMATS, InterchangeFormat, format_for_path, get_format

__all__ = ["FORMATS", "InterchangeFormat", "format_for_path", "get_format"]
