"""Spelling of the English, tolerant of what a zh→en text is full of.

A word is known when simplemma's English lexicon has it (it has British
spellings: labour, programme, organise) or pyspellchecker's word list does,
when it is in a glossary rendering or the project's word list (toolkit.words),
when it is a capitalised Chinese name in pinyin (Zhangjiakou, Guo Lihua), an
acronym, or a Latin word the source itself contains. pyspellchecker also
supplies the "did you mean" guesses.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

from toolkit import pinyin
from toolkit.checks.names import TRANSLITERATION_CHARACTERS
from toolkit.checks.registry import register
from toolkit.checks.runner import Context
from toolkit.memo import remembered
from toolkit.pinyin import is_pinyin
from toolkit.po import Entry
from toolkit.text import HAN
from toolkit.words import POSSESSIVE as _POSSESSIVE, WORD as _WORD, WordList, accept_command, normal_form

if TYPE_CHECKING:
    from toolkit.glossary import Glossary

_SKIP = re.compile(r"https?://\S+|www\.\S+|\S+@\S+|<[^>]+>|%\(\w+\)[sd]|\{\w*\}")
_SKIP_MARKS = ("/", "@", "<", "%", "{", "www")  # cheap test before the _SKIP regex
# A capitalised word joined by hyphens to others (Bao-yu, Wi-Fi): one name, not a capitalised word and fragments.
# (Possessive: a shorter run of letters is never followed by the hyphen or word end a match needs.)
_HYPHENATED_NAME = re.compile(r"\b[A-Z][a-z]*+(?:-[A-Za-z][a-z]*+)+\b")
_HYPHENATED = re.compile(r"\b[a-z]++(?:-[a-z]++)+\b")
_HAN_RUN = re.compile(HAN.pattern + "+")
# Prefixes that form new words freely in technical English (autoantigen, ultrarelativistic, multigraph).
COMBINING_PREFIXES = ("agro", "anti", "auto", "bio", "co", "counter", "cyber", "cyto", "de", "dis", "ecto", "electro",
                      "endo", "entero", "geo", "haemo", "hemo", "hydro", "hyper", "hypo", "immuno", "inter",
                      "intra", "macro", "micro", "mid", "mis", "mono", "multi", "neo", "neuro", "non", "nucleo",
                      "over", "photo", "poly", "post", "pre", "pro", "pseudo", "radio", "re", "self", "semi",
                      "sub", "super", "thermo", "trans", "ultra", "un", "under")
# Derivational suffixes and the endings their stem may have had (expositori+al: expository, maximiz+er: maximize).
DERIVATIONS = (("ability", ("able",)), ("ities", ("ity",)), ("ity", ("", "e")), ("ally", ("al", "")),
               ("ness", ("",)), ("ers", ("", "e")), ("er", ("", "e")),
               ("al", ("", "e", "y")), ("ial", ("y",)), ("ic", ("", "y")), ("ism", ("", "e")), ("ist", ("", "e")),
               ("ment", ("",)), ("less", ("",)))
# Particles of European names, lower case between a given name and a surname (Lars von Trier, de Angelis).
NAME_PARTICLES = frozenset("von van der den de du da del della di la le ter ten zu dos das bin ibn al el".split())
_PARTICLE_BEFORE_NAME = re.compile(r"\b([a-z]{2,5})\s+(?=[A-Z])")
_BRACKETED_LETTER = re.compile(r"\[([A-Za-z])\]")


def _one_edit(lower: str) -> set[str]:
    """Every word one edit away: a letter dropped, added or changed, or two neighbours swapped."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(lower[:i], lower[i:]) for i in range(len(lower) + 1)]
    return {a + b[1:] for a, b in splits if b} | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1} \
        | {a + c + b[1:] for a, b in splits if b for c in letters} | {a + c + b for a, b in splits for c in letters}


def source_readings(source: str) -> dict[str, str]:
    """Toneless pinyin of every run of two to four Chinese characters in the source, as a name would be
    spelt (beijing -> Beijing)."""
    readings = {}
    for run in _HAN_RUN.findall(source):
        syllables = pinyin.syllables(run)
        for size in (2, 3, 4):
            for start in range(len(syllables) - size + 1):
                if all(char in TRANSLITERATION_CHARACTERS for char in run[start:start + size]):
                    continue
                reading = "".join(syllables[start:start + size]).replace("ü", "v")
                readings.setdefault(reading, reading.capitalize())
    return readings


def _in_a_phrase(word: str, text: str) -> bool:
    """Whether the word and a neighbour make a phrase some CC-CEDICT sense uses: status quo, lingua franca,
    vice versa, lupus erythematosus (English keeps such Latin and loan phrases whole)."""
    words = [w.lower() for w in _WORD.findall(text)]
    for index, found in enumerate(words):
        if found == word.lower():
            for phrase in words[index - 1:index + 1] if index else (), words[index:index + 2]:
                if len(phrase) == 2 and _sense_phrase(*phrase):
                    return True
    return False


@lru_cache(maxsize=4096)
def _sense_phrase(first: str, second: str) -> bool:
    """Whether two words stand side by side in some CC-CEDICT sense: a plain substring search over the
    senses' words (a regular expression with look-arounds costs 50 ms a question over 5 MB, this 2 ms)."""
    return f" {first} {second} " in _all_senses()


@lru_cache(maxsize=1)
def _all_senses() -> str:
    """Every CC-CEDICT sense's words in lower case, each word between spaces, one sense a line (5 MB, built
    only when a word no lexicon knows needs it)."""
    from toolkit import lexicon

    text = "\n".join(sense for senses in lexicon.all_senses() for sense in senses).lower()
    return " " + _NOT_A_WORD.sub(" ", text).replace("\n", " \n ") + " "


_NOT_A_WORD = re.compile(r"[^a-z'’\n]+")


@remembered("simplemma", "spellchecker")
def in_lexicons(lower: str) -> bool:
    """In simplemma's English lexicon or pyspellchecker's word list (kept between runs: loading the two
    costs 0.4 s)."""
    import simplemma

    if simplemma.is_known(lower, lang="en"):
        return True
    words = _spellchecker().word_frequency.dictionary
    return lower in words or lower.split("'")[0] in words


@remembered("spellchecker")
def _correction(lower: str) -> str | None:
    return _spellchecker().correction(lower)


@lru_cache(maxsize=1)
def _spellchecker():
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1)


class Speller:
    """The lexicons plus this run's known words (glossary renderings, the word list), with a verdict cached
    per word and per good token."""

    def __init__(self, glossary: "Glossary | None", words: WordList = WordList()):
        self.words = words
        self.extra = {w.lower() for term in (glossary.terms if glossary else ())
                      for rendering in term.renderings for w in _WORD.findall(rendering)}
        self.verdicts: dict[str, bool] = {}
        self.names: dict[str, bool] = {}
        self.good_tokens: set[str] = set()  # whitespace-free pieces of text found to hold only good words
        self.guesses: dict[str, str | None] = {}
        self.compounds: dict[str, str] = {}  # hyphenated compound -> as the words are read from it

    def unknown(self, word: str) -> bool:
        verdict = self.verdicts.get(word)
        if verdict is None:
            verdict = self.verdicts[word] = self._unknown(word)
        return verdict

    def _unknown(self, word: str) -> bool:
        if len(word) < 2 or word.isupper() or any(c.isupper() for c in word[1:]):
            return False  # single letters, acronyms (CPC), inner capitals (WeChat)
        lower = word.lower()
        if "'" in lower or "’" in lower:
            lower = _POSSESSIVE.sub("", lower.replace("’", "'"))
        if self._known(lower):
            return False
        if word[0].isupper():
            return False  # a name (see names_to_check)
        return not (self._archaic(lower) or self._compound(lower) or self._derived(lower))

    def unknown_name(self, word: str) -> bool:
        """A capitalised word no lexicon has and that is no pinyin: a name (Bezos), or a slip (Beijng)."""
        verdict = self.names.get(word)
        if verdict is None:
            verdict = self.names[word] = self._unknown_name(word)
        return verdict

    def _unknown_name(self, word: str) -> bool:
        if len(word) < 2 or not word[:1].isupper() or word.isupper() or any(c.isupper() for c in word[1:]):
            return False
        name = normal_form(word)
        return not (self._known(name.lower()) or self.words.accepts(name) or is_pinyin(name.lower()))

    def known_word(self, lower: str) -> bool:
        """Whether a lower-case word is in a lexicon (or made of known parts)."""
        return self._known(lower) or self._compound(lower)

    def all_good(self, text: str) -> bool:
        """Whether every word of the text is good (no finding can come of it), judged token by token.

        Split at whitespace, a text's tokens read as readable() and _WORD read
        the whole text (none of their patterns spans whitespace), and the
        verdict on a token serves every later text that has it: most
        translations hold no token not seen before, and are then settled by
        one set comparison instead of a reading word by word.
        """
        tokens = text.split()
        if self.good_tokens.issuperset(tokens):
            return True
        for token in set(tokens).difference(self.good_tokens):
            if any(self.unknown(word) or self.unknown_name(word) for word in _WORD.findall(self.readable(token))):
                return False
            self.good_tokens.add(token)
        return True

    def readable(self, text: str) -> str:
        """The text as its words are read: hyphenated names and known compounds written solid, letters a
        quotation changed freed of their brackets ([H]owever)."""
        if "-" in text:
            text = _HYPHENATED_NAME.sub(lambda m: m.group().replace("-", ""), text)  # Bao-yu is read as Baoyu
            text = _HYPHENATED.sub(self.solid, text)
        if "[" in text:
            text = _BRACKETED_LETTER.sub(r"\1", text)
        return text

    def solid(self, hyphenated: re.Match) -> str:
        """A hyphenated compound written solid when so it is a known word (single-handedly: a part of a
        compound is known when the compound is), else as it stands. Cached: the same compounds recur, and
        the search for known parts is long."""
        compound = hyphenated.group()
        written = self.compounds.get(compound)
        if written is None:
            joined = compound.replace("-", "")
            written = self.compounds[compound] = joined if self.known_word(joined) else compound
        return written

    def _known(self, lower: str) -> bool:
        return lower in self.extra or self.words.accepts(lower) or in_lexicons(lower)

    def _archaic(self, lower: str) -> bool:
        """The -eth and -est of older English (causeth, produceth, knowest): the stem is a known verb."""
        for ending in ("eth", "est"):
            if lower.endswith(ending) and len(lower) > len(ending) + 2:
                stem = lower[:-len(ending)]
                if any(self._known(form) for form in (stem, stem + "e", stem[:-1] + "y")):
                    return True
        return False

    def _compound(self, lower: str) -> bool:
        """A prefix or a known word joined to a known word: autoreactive, nonmutated, weblike, filmgoers."""
        for prefix in COMBINING_PREFIXES:
            rest = lower[len(prefix):]
            if lower.startswith(prefix) and len(rest) >= 4 and (self._known(rest) or self._compound(rest)):
                return True
        for cut in range(3, len(lower) - 3):
            head, tail = lower[:cut], lower[cut:]
            if cut == 3 and len(tail) < 5:
                continue  # a three-letter head only before a long tail (car-maker, web-like are not: like)
            if self._known(head) and any(self._known(form) for form in (tail, tail[:-1], tail.removesuffix("es"))):
                return True
        return False

    def _derived(self, lower: str) -> bool:
        """A known word with one derivational suffix: revelational, maximizers, duplexer, expositorial,
        illimitability. Only long words (a short one, truely, is more often a slip), and no adverbs in -ly:
        a calque such as "targetedly" is a slip too."""
        if lower.endswith("like") and len(lower) > 6 and self._known(lower[:-4]):
            return True  # weblike, cloudlike: -like makes adjectives of any noun
        if len(lower) < 8:
            return False
        for suffix, endings in DERIVATIONS:
            stem = lower[:-len(suffix)]
            if lower.endswith(suffix) and len(stem) >= 4 and any(self._known(stem + ending) for ending in endings):
                return True
        return False

    def suggestion(self, word: str) -> str | None:
        """A correction for a lower-case word (for names the dictionary's guesses are noise)."""
        if word not in self.guesses:
            guess = None if word[0].isupper() else _correction(word)
            self.guesses[word] = None if guess == word else guess
        return self.guesses[word]


# Entries a word no lexicon knows must be flagged in before it is taken for a term. (On the published
# corpora, 2 would take leftover entities flagged in two entries each, andlsqb, for terms.)
TERM_ENTRIES = 3
_UNGUESSED = re.compile(r'unknown word "([a-z][^"]*)": ')  # a lower-case word with no "did you mean"


def terms_once(found: list[tuple[int, str]]) -> Iterator[tuple[int, str, str | None]]:
    """The catalog's spelling findings with a word flagged in TERM_ENTRIES entries or more, and with no
    dictionary word a letter away, asked about once at its first entry, as info: a word the translation
    uses again and again (keiretsu, polyendocrinopathy) is a term far more often than a slip, which is
    mostly a one-off. A repeated word a letter from a dictionary one (thier, recieve) stays a warning in
    every entry: as likely a slip made by habit, and it must be put right where it stands."""
    entries: dict[str, list[int]] = {}
    for index, message in found:
        if match := _UNGUESSED.match(message):
            entries.setdefault(normal_form(match.group(1)), []).append(index)
    uses = {word: len(set(indexes)) for word, indexes in entries.items() if len(set(indexes)) >= TERM_ENTRIES}
    asked: set[str] = set()
    for index, message in found:
        match = _UNGUESSED.match(message)
        word = normal_form(match.group(1)) if match else ""
        if word not in uses:
            yield index, message, None
        elif word not in asked:  # its first entry (found is in entry order)
            asked.add(word)
            yield index, (f"\"{word}\" is not in the dictionary but used in {uses[word]} entries: probably a term, "
                          f"accept it with {accept_command(word)}; if it is a slip, correct it in each"), "info"


def _unknown_word(word: str, guess: str | None) -> str:
    """A finding's message: the word, a correction if one is near, and how to accept it."""
    near = f" (did you mean \"{guess}\"?)" if guess else ""
    return f"unknown word \"{word}\"{near}: correct it, or accept it with {accept_command(word)}"


@register("spelling", "warning", regroup=terms_once)
def spelling(item: Entry, context: Context) -> Iterator[str]:
    """A word of the English that no dictionary, glossary, word list or pinyin reading knows; one the catalog
    uses in three entries or more is asked about once, as a probable term (info)."""
    speller = context.speller
    if speller is None:
        speller = context.speller = Speller(context.glossary, context.words)
    text = item.msgstr
    if any(mark in text for mark in _SKIP_MARKS):
        text = _SKIP.sub(" ", text)
    if speller.all_good(text):
        return
    text = speller.readable(text)
    words = _WORD.findall(text)
    unknown = [word for word in dict.fromkeys(words) if speller.unknown(word)]
    names = [word for word in dict.fromkeys(words) if speller.unknown_name(word)]
    if names:
        # A name no lexicon knows is judged only against the source: one letter away from the pinyin of its
        # Chinese characters (北京 -> "Beijng") is a slip; any other (Bezos, Halprin) cannot be judged.
        readings = source_readings(item.msgid)
        for word in names:
            lower = _POSSESSIVE.sub("", word.lower().replace("’", "'"))
            near = [readings[edit] for edit in _one_edit(lower) if edit in readings] if len(lower) >= 4 else []
            if near:
                yield _unknown_word(word, near[0])
    if unknown:
        # Latin letters in the source (a term in brackets), particles of names, and words of a phrase
        # CC-CEDICT's English uses (status quo, diabetes mellitus) are known.
        in_source = {w.lower() for w in _WORD.findall(item.msgid)}
        in_source.update(m.group(1) for m in _PARTICLE_BEFORE_NAME.finditer(text) if m.group(1) in NAME_PARTICLES)
        for word in unknown:
            if word.lower() not in in_source and not _in_a_phrase(word, text):
                yield _unknown_word(word, speller.suggestion(word))
