"""The Excel review workbook: ``sheet`` (the layout both directions read), ``export`` (`toolkit export`) and
``imports`` (`toolkit import`, under the conflict rule of toolkit.conflicts that XLIFF import shares)."""
