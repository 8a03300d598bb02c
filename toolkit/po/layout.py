"""Keeping a catalog's layout: a file gettext tools wrapped is written back as they would write it.

gettext tools (msgcat, msgmerge, and Poedit through them) wrap strings at 79
columns by Unicode line-breaking rules, or not at all with ``--no-wrap``;
polib wraps at 78 by its own. Each rewrapped the other's files, so every round
through them was a noisy diff. A catalog is read with the layout it was found
in (:func:`detect_layout`, from a sample run through msgcat), and a catalog
in a gettext layout is written through msgcat itself with the same wrapping
(:func:`in_layout`): a round trip changes only what changed. Catalogs
``toolkit segment`` creates take gettext's layout, so msgcat leaves them as
they are; a catalog where polib's and gettext's layouts agree is polib's.
Without msgcat on the PATH, everything is written in polib's layout.
"""
from __future__ import annotations

import re
import shutil
import subprocess

import polib

GETTEXT, NO_WRAP, TOOLKIT = "gettext", "no-wrap", "toolkit"
_SAMPLE = 1 << 16  # characters of a catalog's start that tell its layout
_OPTIONS = {GETTEXT: [], NO_WRAP: ["--no-wrap"]}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def msgcat_available() -> bool:
    return shutil.which("msgcat") is not None


def default_layout() -> str:
    """The layout of a catalog the toolkit creates."""
    return GETTEXT if msgcat_available() else TOOLKIT


def detect_layout(text: str) -> str:
    """GETTEXT or NO_WRAP when msgcat, so wrapping, leaves the catalog's first entries as they are and polib
    would not; else TOOLKIT (polib's layout, or one where the two agree)."""
    if not msgcat_available():
        return TOOLKIT
    sample = text if len(text) <= _SAMPLE else text[:text.rfind("\n\n", 0, _SAMPLE) + 1]  # whole entries
    if not sample.strip() or _CONTROL.search(sample):
        return TOOLKIT
    for layout in (GETTEXT, NO_WRAP):
        if _msgcat(sample, layout) == sample:
            return layout if polib.pofile(sample, wrapwidth=78).__unicode__() != sample else TOOLKIT
    return TOOLKIT


def in_layout(text: str, layout: str) -> str:
    """The catalog ``text`` as gettext tools write it in ``layout``; as it is for TOOLKIT or if msgcat fails."""
    if layout == TOOLKIT or not msgcat_available() or _CONTROL.search(text):
        return text  # msgcat writes a control character as an escape (\\a) polib does not read back
    written = _msgcat(text, layout)
    return written or text


def _msgcat(text: str, layout: str) -> str | None:
    result = subprocess.run(["msgcat", *_OPTIONS[layout], "-o", "-", "-"], input=text.encode("utf-8"),
                            capture_output=True)
    return result.stdout.decode("utf-8") if result.returncode == 0 else None
