"""Fixtures: the project, a built site, and throwaway copies of the project."""

import importlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import cloudpickle
import matplotlib
import pytest

from tutorial_code.sitebuild.project_copy import copy_project
from tutorial_code.sitebuild.results import (
    NAMESPACE_FILE,
    LessonResults,
    lesson_folder,
)

matplotlib.use("Agg")

PROJECT = Path(__file__).resolve().parent.parent
DOCS = PROJECT / "docs"
RESULTS = PROJECT / ".cache" / "lessons"


def mkdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess:
    """``mkdocs build`` of ``project`` into ``site``; never raises."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )


def run_python(script: str, cwd: Path | None = None) -> str:
    """Run ``script`` in a fresh Python process; return what it printed.

    The test fails, with what the script wrote to stderr, if it fails.
    """
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=cwd,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from this checkout (lesson results cached in .cache/)."""
    site = tmp_path_factory.mktemp("site")
    build = mkdocs_build(PROJECT, site)
    assert build.returncode == 0, build.stderr
    return site


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The browser suite last: it keeps both cores busy, so the notebook
    runs (``notebook_runs``) go on beside the tests that use one; and the
    tests that wait for those runs just before it, so that as many tests as
    can go on beside them."""
    items.sort(
        key=lambda item: (
            item.path.parent.name == "browser",
            waits_for_notebooks(item),
        )
    )


def waits_for_notebooks(item: pytest.Item) -> bool:
    """Whether a test uses the notebook runs (the ``executed`` fixture)."""
    return "executed" in getattr(item, "fixturenames", ())


@pytest.fixture(scope="session", autouse=True)
def notebook_runs(
    request: pytest.FixtureRequest,
) -> Iterator[dict[str, Future]]:
    """Each chapter's notebook, running in a fresh kernel, by chapter.

    Only when this session runs the notebook tests (they use ``executed``):
    the runs start as soon as the site is built and go on, two kernels at a
    time, beside the tests that leave a core idle.
    """
    if not any(waits_for_notebooks(item) for item in request.session.items):
        yield {}
        return
    from .notebook_runs import CHAPTERS, execute
    from .pages import lessons

    # Imported here, not first in a kernel's thread: this thread might meet
    # it half-initialised (matplotlib looks IPython up in sys.modules).
    importlib.import_module("IPython")
    site = request.getfixturevalue("site")
    folders = request.getfixturevalue("tmp_path_factory")
    # The longest first (by its lessons' run times in the build), so that
    # no long run is left to go on alone at the end.
    results = LessonResults(RESULTS)
    seconds = {chapter: 0.0 for chapter in CHAPTERS}
    for lesson in lessons():
        seconds[lesson.chapter] += results[lesson.id]["run"]["seconds"]
    pool = ThreadPoolExecutor(max_workers=2)
    try:
        yield {
            chapter: pool.submit(
                execute, site, chapter, folders.mktemp(chapter)
            )
            for chapter in sorted(CHAPTERS, key=seconds.get, reverse=True)
        }
    finally:  # a session that stops early starts no more kernels
        pool.shutdown(wait=True, cancel_futures=True)


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the project with no lesson results cached yet."""
    return copy_project(PROJECT, tmp_path / "project")


@pytest.fixture
def warm_project_copy(site: Path, tmp_path: Path) -> Path:
    """A copy of the project with this checkout's cached lesson results."""
    copy = copy_project(PROJECT, tmp_path / "project")
    cache = PROJECT / ".cache"
    skip = shutil.ignore_patterns(RESULTS.name)  # the one folder of that name
    shutil.copytree(cache, copy / ".cache", ignore=skip)
    # A lesson's results are never written in place (a rerun swaps a new
    # folder in): links stand in for copies of their 400 MB.
    shutil.copytree(
        RESULTS, copy / ".cache" / RESULTS.name, copy_function=_link
    )
    return copy


def _link(source: str, target: str) -> None:
    """A hard link, or a copy where links cannot be made."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


@pytest.fixture(scope="module")
def lesson(request: pytest.FixtureRequest, site: Path) -> dict:
    """The globals of the lesson a test module is named after, as it ended.

    ``tests/<chapter>/test_<name>.py`` tests
    ``tutorial_code/<chapter>/<name>.py``: its variables as the build saved
    them (no second run), and ``folder``, where it wrote its files.
    """
    *_, chapter, test_module = request.module.__name__.split(".")
    name = test_module.removeprefix("test_")
    folder = lesson_folder(RESULTS, f"{chapter}.{name}")
    namespace = cloudpickle.loads((folder / NAMESPACE_FILE).read_bytes())
    return {**namespace, "folder": folder}


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if getattr(config, "browser_suite_skipped", False):
        bar = "!" * 72
        terminalreporter.write_line(bar, red=True, bold=True)
        terminalreporter.write_line(
            "BROWSER SUITE SKIPPED: Chromium is not installed, so no page was "
            "checked in a browser (.ci/run installs it).",
            red=True,
            bold=True,
        )
        terminalreporter.write_line(bar, red=True, bold=True)
