"""Translation memory: units from past translations in SQLite, fuzzy lookup tuned for Chinese, pretranslation."""
from toolkit.tm.store import Match, SyncReport, TranslationMemory, Unit

__all__ = ["Match", "SyncReport", "TranslationMemory", "Unit"]
