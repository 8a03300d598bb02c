"""Filling a catalog from an alignment, and accepting the aligned entries a translator trusts."""
from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.align.document import Alignment, Link, align_document, check_is_translation
from toolkit.align.english import read_translation
from toolkit.align.sheet import write_alignment_sheet
from toolkit.config import Config, load_config
from toolkit.errors import InputError, UsageError
from toolkit.files import locked
from toolkit.glossary import Glossary
from toolkit.po import (JOINED, TRANSLATED, Catalog, CatalogEntry, Key, default_layout, entry_key, entry_status,
                        index_entries, merge_catalog, read_catalog, write_catalog)
from toolkit.segment import build_catalog, parse_source

NOTE_PREFIX = "align:"


@dataclass(frozen=True)
class Proposal:
    """What the alignment says one catalog entry should hold."""

    english: str
    confidence: float
    note: str
    joined: bool = False  # the English also renders the segment before: printed there, flagged here


def proposals(alignment: Alignment) -> dict[str, Proposal]:
    """The English (or a note) for each Chinese segment text, from the most confident link that has English.

    English sentences linked to no Chinese segment are added to the link
    before them in the same paragraph group (the one after when they come
    first), so that nothing of the translation is lost.
    """
    links = alignment.links
    orphans: dict[int, list[str]] = {}
    for number, link in enumerate(links):
        if link.source:
            continue
        host = _host(links, number)
        if host is not None:
            orphans.setdefault(host, []).extend(link.target_text)
    chosen: dict[str, Proposal] = {}
    for number, link in enumerate(links):
        if not link.source:
            continue
        extra = orphans.get(number, [])
        english = " ".join((*link.target_text, *extra))
        described = f"{link.kind} link, confidence {link.confidence:.2f}"
        if extra:
            described += f", with {len(extra)} English sentence(s) matching no Chinese"
        first, *rest = link.source_text
        offers = [(first, Proposal(english, link.confidence, f"{NOTE_PREFIX} {described}") if english else
                   Proposal("", link.confidence, f"{NOTE_PREFIX} no English found ({described})"))]
        offers += [(text, Proposal(english, link.confidence, f"{NOTE_PREFIX} one English sentence for this "
                                   f"segment and the one before, printed there ({described})", joined=True)
                    if english else Proposal("", link.confidence, f"{NOTE_PREFIX} no English found ({described})"))
                   for text in rest]
        for text, offer in offers:
            held = chosen.get(text)
            if held is None or _rank(offer) > _rank(held):
                chosen[text] = offer
    return chosen


def _rank(proposal: Proposal) -> tuple[bool, bool, float]:
    """Of two proposals for one text (it occurs twice), the one with English, its own, the more confident."""
    return bool(proposal.english), not proposal.joined, proposal.confidence


def _host(links: list[Link], number: int) -> int | None:
    """The link an unmatched English sentence joins: the nearest one before it in its group, else after."""
    group = links[number].group
    for candidates in (range(number - 1, -1, -1), range(number + 1, len(links))):
        for other in candidates:
            if links[other].group != group:
                break
            if links[other].source:
                return other
    return None


@dataclass
class FillReport:
    filled: int = 0  # entries given English, marked fuzzy
    joined: int = 0  # entries sharing the previous one's English, flagged joined and fuzzy
    kept: int = 0  # translated entries left alone (no overwrite)
    noted: int = 0  # entries given only a note: no English found
    changed: set[Key] = field(default_factory=set)  # keys of the entries given English or a note


def fill_catalog(po: Catalog, alignment: Alignment, *, overwrite: bool = False) -> FillReport:
    """Write the alignment into the catalog's entries; translated ones only with ``overwrite``."""
    report = FillReport()
    entries = index_entries(po)
    for text, proposal in proposals(alignment).items():
        entry = entries.get((None, text))
        if entry is None:
            continue
        if entry_status(entry) == TRANSLATED and not overwrite:
            report.kept += 1
            continue
        report.changed.add(entry_key(entry))
        entry.tcomment = "\n".join([*comments_without_note(entry.tcomment), proposal.note])
        entry.msgstr = proposal.english
        _set_flag(entry, JOINED, proposal.joined)
        _set_flag(entry, "fuzzy", bool(proposal.english))
        if proposal.joined:
            report.joined += 1
        elif proposal.english:
            report.filled += 1
        else:
            report.noted += 1
    return report


def _set_flag(entry: CatalogEntry, flag: str, present: bool) -> None:
    if present and flag not in entry.flags:
        entry.flags.append(flag)
    elif not present and flag in entry.flags:
        entry.flags.remove(flag)


@dataclass
class AlignResult:
    source: Path
    catalog: Path
    alignment: Alignment
    fill: FillReport
    created: bool
    written: bool


def align_translation(source: str | Path, translation: str | Path, catalog: str | Path | None = None, *,
                      overwrite: bool = False, dry_run: bool = False, encoding: str = "utf-8",
                      translation_encoding: str = "utf-8", glossary: Glossary | None = None,
                      config: Config | None = None, sheet: str | Path | None = None) -> AlignResult:
    """Align an English translation to a Chinese source and fill the source's catalog with it.

    SOURCE is the Chinese text or its catalog (whose source is then found as
    ``toolkit render`` finds it). The catalog, created or merged with a fresh
    segmentation of the source first, is written only when the English is
    plainly a translation of this source and something changed. The links go
    to the workbook ``sheet`` first, so that a sheet that cannot be written
    leaves the catalog as it was.
    """
    config = config or load_config(Path(source).parent)  # the project that holds the source
    source_path, catalog_path = _source_and_catalog(Path(source), Path(catalog) if catalog else None, config)
    document = parse_source(source_path, encoding=encoding, config=config)
    if not document.segments:
        raise InputError("no segments in source", path=source_path)
    english = read_translation(translation, translation_encoding)
    alignment = align_document(document, english, glossary)
    check_is_translation(alignment, Path(translation))
    if sheet is not None:
        write_alignment_sheet(alignment, sheet)
    fresh = build_catalog(document, config)
    with nullcontext() if dry_run else locked(catalog_path):  # from reading the catalog to writing it
        created = not catalog_path.exists()
        if created:
            po, rewritten = fresh, None
            po.layout = default_layout()  # gettext's, as segment creates a catalog
        else:
            po, merged = merge_catalog(read_catalog(catalog_path), fresh)
            rewritten = merged.rewritten
        report = fill_catalog(po, alignment, overwrite=overwrite)
        # a merged catalog keeps the bytes of every entry neither the merge nor the fill changed
        written = False if dry_run else write_catalog(
            po, catalog_path, changed=None if rewritten is None else rewritten | report.changed)
    return AlignResult(source_path, catalog_path, alignment, report, created, written)


def _source_and_catalog(source: Path, catalog: Path | None, config: Config) -> tuple[Path, Path]:
    if source.suffix in (".po", ".pot"):
        from toolkit.render import find_source

        return find_source(source, config, remedy="give the Chinese source as SOURCE and the catalog with -o"), \
            catalog or source
    if catalog is None:
        document = config.document_for_source(source)
        if document is None:
            raise UsageError(f"{source}: not a source in toolkit.toml; give the catalog with -o")
        catalog = document.catalog
    return source, catalog



def comments_without_note(tcomment: str) -> list[str]:
    """The translator's comment lines without an earlier align note, which is written last and, when long,
    comes back from the PO file wrapped onto further lines."""
    lines = tcomment.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith(NOTE_PREFIX)), len(lines))
    return lines[:start]
