"""Merging a fresh segmentation into an existing catalog, as msgmerge does, without losing any work."""
from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass, field
from operator import attrgetter

import polib
from rapidfuzz import fuzz, process

from toolkit.po.catalog import Key, entry_key, layout_of

FUZZY_CUTOFF = 0.6
CANDIDATES = 512  # old segments ranked per look-up of the most similar one


@dataclass
class MergeReport:
    """What a merge of a fresh segmentation into an existing catalog did."""

    kept: int = 0
    added: list[str] = field(default_factory=list)
    fuzzy: list[tuple[str, str]] = field(default_factory=list)  # (old msgid, new msgid)
    obsoleted: list[str] = field(default_factory=list)
    revived: list[str] = field(default_factory=list)
    # keys of the entries the merged catalog writes otherwise than the old one did (for the spliced write)
    rewritten: set[Key] = field(default_factory=set)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.fuzzy or self.obsoleted or self.revived)

    def lines(self) -> list[str]:
        out = [f"+ new: {m}" for m in self.added]
        out += [f"~ fuzzy: {new}\n    was: {old}" for old, new in self.fuzzy]
        out += [f"- obsolete: {m}" for m in self.obsoleted]
        out += [f"^ revived: {m}" for m in self.revived]
        return out


class _SimilarityIndex:
    """Finds the most similar old source segment quickly: character-bigram candidates, then difflib.

    A bigram most old segments share (工会, 扶贫) says little about which is closest, and tallying its
    postings made each look-up cost time in proportion to the catalog. Candidates are gathered from the
    query's rarest bigrams, at most :data:`CANDIDATES` of them, and ranked by rapidfuzz's Indel ratio, an
    upper bound of difflib's (the longest common subsequence is at least what difflib's matching blocks
    hold): difflib decides, best candidate first, until the bound says no later one can do better. So a
    look-up costs a bounded time and a merge a time linear in the catalog.
    """

    def __init__(self, entries: list[polib.POEntry]):
        self.entries = entries
        self.msgids = [entry.msgid for entry in entries]
        self.postings: dict[str, list[int]] = defaultdict(list)
        for number, entry in enumerate(entries):
            for gram in set(_bigrams(entry.msgid)):
                self.postings[gram].append(number)

    def best(self, text: str) -> polib.POEntry | None:
        postings = sorted((p for p in map(self.postings.get, set(_bigrams(text))) if p), key=len)
        pool: set[int] = set()
        for posting in postings:
            pool.update(posting[:CANDIDATES])
            if len(pool) >= CANDIDATES:
                break
        numbers = sorted(pool)
        msgids = self.msgids
        best_entry, best_ratio = None, FUZZY_CUTOFF
        for candidate, bound, at in process.extract(text, [msgids[n] for n in numbers], scorer=fuzz.ratio, limit=10,
                                                    score_cutoff=100 * FUZZY_CUTOFF):
            if bound / 100 < best_ratio:
                break
            ratio = difflib.SequenceMatcher(None, text, candidate, autojunk=False).ratio()
            if ratio >= best_ratio:
                best_entry, best_ratio = self.entries[numbers[at]], ratio
        return best_entry


def _bigrams(text: str) -> list[str]:
    return [text[i:i + 2] for i in range(len(text) - 1)] or [text]


def merge_catalog(old: polib.POFile, fresh: polib.POFile) -> tuple[polib.POFile, MergeReport]:
    """Merge a fresh segmentation into an existing catalog without losing any work.

    As msgmerge does: the old header stays; unchanged segments keep translation,
    flags and comments; an edited segment gets the most similar old translation
    marked fuzzy with the old source as ``#| msgid`` (a translation fuzzy already
    keeps its own ``#| msgid``, or none: it was not made for the old source); old
    translated segments (plural entries too) no longer in the source become
    obsolete ``#~`` entries, and an obsolete entry whose source comes back is revived. So is an entry still fuzzy from an edit
    that has been reverted: its source is again its ``#| msgid``, so its
    translation is again the one made for it, and it loses the fuzzy flag.
    """
    report = MergeReport()
    merged = polib.POFile(wrapwidth=old.wrapwidth, encoding="utf-8")
    merged.header = old.header
    merged.layout = layout_of(old)
    merged.metadata = dict(old.metadata)
    merged.metadata_is_fuzzy = old.metadata_is_fuzzy
    old_live = {entry_key(e): e for e in old if not e.obsolete and e.msgid}
    old_obsolete = {entry_key(e): e for e in old if e.obsolete}
    fresh_keys = {entry_key(e) for e in fresh}
    departed = [e for k, e in old_live.items() if k not in fresh_keys and _translated(e)]
    # what a new segment can take a translation from: singular entries (a plural's forms fit no segment)
    donors = [e for e in departed if e.msgstr] + [e for k, e in old_obsolete.items() if k not in fresh_keys
                                                  and e.msgstr and not e.msgid_plural]
    similar = _SimilarityIndex(donors)
    reverted = {(e.previous_msgctxt if e.previous_msgctxt is not None else e.msgctxt, e.previous_msgid): e
                for e in departed if e.msgstr and "fuzzy" in e.flags and e.previous_msgid}
    reused: set[Key] = set()

    for new in fresh:
        key = entry_key(new)
        entry = polib.POEntry(msgctxt=new.msgctxt, msgid=new.msgid, occurrences=list(new.occurrences),
                              comment=new.comment)
        previous = old_live.get(key) or old_obsolete.get(key)
        restored = reverted.get(key) if previous is None else None
        if restored is not None and entry_key(restored) not in reused:
            _carry_over(restored, entry)
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
            reused.add(entry_key(restored))
            report.revived.append(new.msgid)
        elif previous is not None:
            _carry_over(previous, entry)
            entry.previous_msgctxt, entry.previous_msgid = previous.previous_msgctxt, previous.previous_msgid
            if previous.obsolete:
                report.revived.append(new.msgid)
            else:
                report.kept += 1
        else:
            match = similar.best(new.msgid)
            if match is not None:
                _carry_over(match, entry)
                if "fuzzy" not in entry.flags:
                    entry.flags.append("fuzzy")
                # ``#| msgid`` is the source the translation was made for: a fuzzy one's own, if it names it
                made_for = (match.previous_msgctxt, match.previous_msgid) if "fuzzy" in match.flags else \
                    (match.msgctxt, match.msgid)
                entry.previous_msgctxt, entry.previous_msgid = made_for
                reused.add(entry_key(match))
                report.fuzzy.append((match.msgid, new.msgid))
            else:
                report.added.append(new.msgid)
        merged.append(entry)
        if previous is None or previous.obsolete or not _written_alike(previous, entry):
            report.rewritten.add(key)

    for entry in departed:
        if entry_key(entry) in reused:
            continue
        entry.obsolete = True
        entry.occurrences = []
        # polib reads no ``#~|`` line back: an obsolete entry written with one would change on the next write
        entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
        merged.append(entry)
        report.obsoleted.append(entry.msgid)
        report.rewritten.add(entry_key(entry))
    for key, entry in old_obsolete.items():
        if key not in fresh_keys:
            merged.append(entry)
    return merged, report


_WRITTEN = attrgetter("msgctxt", "msgid", "msgid_plural", "msgstr", "msgstr_plural", "comment", "tcomment",
                      "occurrences", "flags", "previous_msgctxt", "previous_msgid", "previous_msgid_plural")


def _written_alike(old: polib.POEntry, new: polib.POEntry) -> bool:
    """Whether polib writes the two live entries alike: every field it writes is the same."""
    return _WRITTEN(old) == _WRITTEN(new)


def _translated(entry: polib.POEntry) -> bool:
    """Whether the entry holds a translation or plural forms: one whose segment left the source is kept,
    obsolete (gettext's tools drop an untranslated obsolete entry: msgcat would not write it)."""
    return bool(entry.msgstr or any(entry.msgstr_plural.values()))


def _carry_over(source: polib.POEntry, target: polib.POEntry) -> None:
    """The translator's part of ``source`` into ``target``; a plural entry (one of the same key: no plural
    is a donor) stays plural, as a segment has no place for its forms."""
    target.msgstr = source.msgstr
    target.msgid_plural, target.msgstr_plural = source.msgid_plural, dict(source.msgstr_plural)
    target.flags = list(source.flags)
    target.tcomment = source.tcomment
