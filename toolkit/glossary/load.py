"""Finding and loading glossary files (CSV, TBX, XLSX) into one Glossary."""
from __future__ import annotations
from pathlib import Path
from typing import TYPE_CHECKING, Iterable
from toolkit.errors import InputError

from toolkit.glossary.csv_file import read_csv
from toolkit.glossary.model import GLOSSARY_SUFFIXES, Glossary, Term

if TYPE_CHECKING:
    from toolkit.config import Config


def load_glossary(paths: Iterable[str | Path] | None, config: "Config | None" = None, *,
                  empty_folders: bool = False) -> Glossary:
    """The glossary from the paths given, else the project's configured glossary, else an empty one.

    ``empty_folders``: see :func:`glossary_files`."""
    paths = list(paths or ())
    if not paths and config is not None:
        paths = list(config.glossary)
    return Glossary.load(paths, empty_folders=empty_folders)


def glossary_files(paths: Iterable[str | Path], *, empty_folders: bool = False) -> list[Path]:
    """Glossary files named directly, or the CSV and TBX files in the folders named.

    A folder with none is an error (a wrong folder must not read as an empty glossary), unless
    ``empty_folders``: where new terms go into the folder (glossary add, import), it may not have one yet."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in GLOSSARY_SUFFIXES)
            if not inside and not empty_folders:
                raise InputError("a folder with no glossary files (.csv or .tbx) in it", path=path)
            files.extend(inside)
        elif not path.exists():
            raise InputError("no such file or folder", path=path)
        elif path.suffix.lower() not in GLOSSARY_SUFFIXES:
            raise InputError("not a glossary: expected a .csv or .tbx file", path=path)
        else:
            files.append(path)
    return files


def read_glossary_file(path: Path) -> list[Term]:
    if path.suffix.lower() == ".csv":
        return read_csv(path)
    from toolkit.formats import format_for_path

    return format_for_path(path, "terms").read(path)
