"""zh→en translation and glossary toolkit over gettext PO catalogs."""

__version__ = "0.1.0"
