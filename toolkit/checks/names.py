"""Names: a person or place named in the source must be named in the translation.

Names read from the source: transliterations joined by the interpunct
(杰夫·贝索斯); words whose CC-CEDICT senses are proper names (和田 "Hotan")
can be read too, but are off (DICTIONARY_NAMES). A name is present when the
English has a word of its dictionary senses, its pinyin reading, or, for a transliteration, a
capitalised word that sounds like it: the consonants of the pinyin
syllables, by place of articulation, in the English word's order (贝索斯
bei-suo-si ~ B-s-s: Bezos). A warning: names may be replaced by "he" or left
out for good reason.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from toolkit.checks.registry import register
from toolkit.checks.runner import Context
from toolkit.po import Entry

TRANSLITERATION = re.compile(r"[\u4e00-\u9fff]{2,}(?:·[\u4e00-\u9fff]{1,})+")
CAPITALISED = re.compile(r"\b[A-Z][a-z'’]+")
# Consonants grouped by how they sound, for pinyin initials and English letters alike.
SOUND = {**dict.fromkeys("bp", "b"), **dict.fromkeys("dt", "d"), **dict.fromkeys("gkcq", "g"),
         **dict.fromkeys("zsxjc", "s"), **dict.fromkeys("lr", "l"), "m": "m", "n": "n",
         **dict.fromkeys("fvwh", "f"), "y": "y"}
# Dictionary proper names (日本 Japan) are left out: the English says "Japanese", "Tokyo" or "the country"
# too often for a missing one to mean anything.
DICTIONARY_NAMES = False
PROPER_SENSE = re.compile(r"^([A-Z][a-z]+(?:[ -][A-Z][a-z]+)*)\b")


@dataclass(frozen=True)
class Name:
    source: str
    renderings: frozenset[str]  # lower-case English words that name it (dictionary senses, pinyin)
    sounds: tuple[str, ...] = ()  # consonant classes of a transliteration's syllables

    def matches(self, word: str) -> bool:
        """Whether a capitalised English word names this (Bezos for 贝索斯, Hotan for 和田)."""
        lower = word.lower().rstrip("'’s")
        if lower in self.renderings:
            return True
        return bool(self.sounds) and _sounds_like(self.sounds, lower)


def source_names(source: str) -> list[Name]:
    """The names in a source text: transliterations (each part) and dictionary proper names."""
    from toolkit import lexicon

    names = []
    for match in TRANSLITERATION.finditer(source):
        parts = match.group().split("·")
        # The run before the first dot may hold more than the name (零售行为学家帕可·昂德希尔): its last
        # characters only; the last part may run on into the sentence: its first ones.
        parts = [parts[0][-3:], *parts[1:-1], parts[-1][:3]]
        for part in parts:
            if len(part) >= 2:
                names.append(Name(part, frozenset({_reading(part)}), _syllable_sounds(part)))
    if DICTIONARY_NAMES and "·" not in source:
        for word in lexicon.longest_words(source):
            senses = lexicon.glosses(word)
            if len(word) >= 2 and senses and all(PROPER_SENSE.match(sense) for sense in senses[:1]) \
                    and not any(sense[:1].islower() for sense in senses):
                proper = {w.lower() for sense in senses if (m := PROPER_SENSE.match(sense))
                          for w in re.split(r"[ -]", m.group(1))}
                names.append(Name(word, frozenset(proper | {_reading(word)})))
    return names


@lru_cache(maxsize=65536)
def _reading(word: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(word))


@lru_cache(maxsize=65536)
def _syllable_sounds(word: str) -> tuple[str, ...]:
    from pypinyin import Style, lazy_pinyin

    initials = lazy_pinyin(word, style=Style.INITIALS, strict=False)
    return tuple(SOUND.get(initial[:1], "") for initial in initials)


def _sounds_like(sounds: tuple[str, ...], word: str) -> bool:
    """The first syllable's consonant class starts the word, and most of the others follow in order."""
    classes = [SOUND[c] for c in word if c in SOUND]
    if not sounds or not classes:
        return False
    if sounds[0] in ("", "y", "f") or word[0] in "aeiouyjh":
        return True  # 约翰 John, 伊万 Ivan, 海因茨 Heinz: a glide or vowel start sounds like too much to judge
    if sounds[0] != classes[0]:
        return False
    position, found = 1, 0
    for sound in sounds[1:]:
        if not sound:
            found += 1
            continue
        try:
            position = classes.index(sound, position) + 1
            found += 1
        except ValueError:
            pass
    return found >= (len(sounds) - 1) / 3


@register("names", "warning")
def names(item: Entry, context: Context) -> Iterator[str]:
    """A name in the source (a transliteration such as 杰夫·贝索斯, or a dictionary place or person name
    such as 和田 Hotan) has no recognisable rendering in the translation."""
    if "·" not in item.msgid and not DICTIONARY_NAMES:
        return
    found = source_names(item.msgid)
    if not found:
        return
    words = CAPITALISED.findall(item.msgstr)
    lowered = {w.lower() for w in re.findall(r"[A-Za-z]+", item.msgstr)}
    for name in found:
        if not (name.renderings & lowered or any(name.matches(word) for word in words)):
            known = ", ".join(sorted(w.capitalize() for w in name.renderings))
            yield f"{name.source} ({known}) is not named in the translation"
