"""Shared fixtures: the embedded article, a scratch project, and gettext's own validator."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run, so a landing is judged on the code, not on luck or
# on how loaded the machine is (no deadline: speed is the benches' business, bench/);
# HYPOTHESIS_PROFILE=explore draws fresh ones to hunt for new failures.
settings.register_profile("repeatable", derandomize=True, database=None, deadline=None)
settings.register_profile("explore")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

REPO = Path(__file__).resolve().parent.parent
ARTICLE = REPO / "translations" / "source" / "beijing-unions-poverty-alleviation.zh.txt"
ARTICLE_CATALOG = REPO / "translations" / "en" / "beijing-unions-poverty-alleviation.po"


@pytest.fixture
def article() -> Path:
    return ARTICLE


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch project holding a copy of the article, with the working directory inside it."""
    (tmp_path / "src").mkdir()
    shutil.copyfile(ARTICLE, tmp_path / "src" / "article.zh.txt")
    (tmp_path / "toolkit.toml").write_text(
        '[project]\nname = "scratch"\n\n[[documents]]\nsource = "src/article.zh.txt"\ncatalog = "po/article.po"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def msgfmt_check(path: Path) -> subprocess.CompletedProcess:
    """Run GNU msgfmt's format and header checks; gettext is installed by .ci/run."""
    if shutil.which("msgfmt") is None:
        pytest.fail("msgfmt (GNU gettext) is not installed; .ci/run installs it")
    return subprocess.run(["msgfmt", "--check-format", "--check-header", "--statistics", "-o", "/dev/null",
                           str(path)], capture_output=True, text=True)


@pytest.fixture(autouse=True)
def check_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own, empty cache of check findings (none left in the repository or shared between tests)."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(folder))
    return folder
