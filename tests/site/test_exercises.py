"""Each chapter's exercises: in the navigation, laid out alike (starter code,
then a folded hint and a folded solution with its output), and the exercises
notebook, which runs as downloaded (every check "not answered yet") and with
each starter cell replaced by its solution (every check "correct")."""

import importlib
import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
import yaml
from nbclient import NotebookClient

from tutorial_code.exercise_checks import Exercise
from tutorial_code.sitebuild.results import LessonResults
from tutorial_code.sitebuild.notebooks import (
    EXERCISES,
    exercises_name,
    nav_pages,
    pages_by_chapter,
    section_code,
)

from ..conftest import DOCS, PROJECT, RESULTS
from ..notebook_runs import CHAPTERS, ONE_THREAD, printed
from ..pages import exercise_pages

MIN_EXERCISES = 4
EXERCISE = re.compile(r"^## (?P<title>.+)$", re.MULTILINE)


def nav() -> list[str]:
    config = yaml.load((PROJECT / "mkdocs.yml").read_text(), yaml.BaseLoader)
    return nav_pages(config["nav"])


def exercises(chapter: str) -> dict[str, Exercise]:
    """The chapter's exercises, by name, as its checks module defines them."""
    module = importlib.import_module(f"tutorial_code.exercise_checks.{chapter}")
    return {
        x.name: x for x in vars(module).values() if isinstance(x, Exercise)
    }


def module_path(chapter: str) -> Path:
    return PROJECT / "tutorial_code" / chapter / "exercises.py"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_chapter_ends_with_its_exercises(chapter):
    pages = nav()
    lessons = pages_by_chapter(nav(), {chapter})[chapter]
    page = f"{chapter}/{EXERCISES}"
    assert page in pages, f"{chapter} has no exercises page in the navigation"
    assert pages.index(page) == pages.index(lessons[-1]) + 1
    last_lesson = (DOCS / lessons[-1]).read_text(encoding="utf-8")
    assert f"]({EXERCISES})" in last_lesson, "the last lesson links them"
    home = (DOCS / "index.md").read_text(encoding="utf-8")
    assert f"]({page})" in home, "the home page links them"


@pytest.mark.parametrize("lesson", exercise_pages(), ids=lambda x: x.chapter)
def test_each_exercise_has_starter_code_a_hint_and_a_solution(lesson):
    """Starter code shown, then a folded hint, then a folded solution that
    shows its code and output; one per exercise of the checks module."""
    text = (DOCS / lesson.page).read_text(encoding="utf-8")
    parts = EXERCISE.split(text)[1:]  # title, body, title, body, ...
    bodies = parts[1::2]
    assert len(bodies) >= MIN_EXERCISES
    shown = []
    for body in bodies:
        start = re.search(r":(\w+)_start\"", body)
        assert start, "an exercise without starter code"
        name = start[1]
        hint = body.index('??? tip "Hint"')
        solution = body.index('??? success "Solution"')
        assert start.start() < hint < solution, name
        folded = body[solution:]
        assert f'exercises.py:{name}_solution"' in folded, name
        assert f"{{{{ output {lesson.id}:{name}_solution }}}}" in folded
        assert "???+" not in body, "hints and solutions open on purpose only"
        shown.append(name)
    assert sorted(shown) == sorted(exercises(lesson.chapter)), (
        "every exercise the checks define is on the page, once"
    )


@pytest.mark.parametrize("lesson", exercise_pages(), ids=lambda x: x.chapter)
def test_the_build_checked_every_starter_and_solution(site, lesson):
    """Each exercise's claim: its starter "not answered yet", its solution
    "correct" (claim_each_checked, at the end of the exercises lesson)."""
    claims = LessonResults(RESULTS)[lesson.id]["claims"]
    for name in exercises(lesson.chapter):
        assert f"{name}_checked" in claims, name


@pytest.mark.parametrize("lesson", exercise_pages(), ids=lambda x: x.chapter)
def test_the_page_links_its_notebook(site, lesson):
    page = (site / lesson.chapter / "exercises" / "index.html").read_text()
    name = exercises_name(lesson.chapter)
    assert f'href="../{name}" download' in page
    assert (site / lesson.chapter / name).is_file()


def run(notebook: nbformat.NotebookNode, folder: Path) -> list[str]:
    """What each code cell printed, run top to bottom in a fresh kernel."""
    client = NotebookClient(
        notebook,
        kernel_name="python3",
        resources={"metadata": {"path": str(folder)}},
    )
    client.execute(env={**os.environ, **ONE_THREAD})
    return [printed(c) for c in notebook.cells if c.cell_type == "code"]


def downloaded(site: Path, chapter: str) -> nbformat.NotebookNode:
    path = site / chapter / exercises_name(chapter)
    return nbformat.read(path, as_version=4)


def solved(site: Path, chapter: str) -> nbformat.NotebookNode:
    """The download, each starter cell replaced by the page's solution."""
    notebook = downloaded(site, chapter)
    path = module_path(chapter)
    for name in exercises(chapter):
        starter = section_code(path, f"{name}_start").strip()
        cells = [c for c in notebook.cells if c.source.strip() == starter]
        assert len(cells) == 1, f"the starter code of {name}, once"
        cells[0].source = section_code(path, f"{name}_solution").strip()
    return notebook


@pytest.fixture(scope="module")
def exercise_runs(site, tmp_path_factory) -> dict:
    """Each chapter's exercises notebook run as downloaded and as solved,
    two kernels at a time."""
    jobs = {}
    with ThreadPoolExecutor(max_workers=2) as pool:
        for chapter in [x.chapter for x in exercise_pages()]:
            for kind, make in [("downloaded", downloaded), ("solved", solved)]:
                folder = tmp_path_factory.mktemp(f"{chapter}-{kind}")
                jobs[chapter, kind] = pool.submit(
                    run, make(site, chapter), folder
                )
        return {key: job.result() for key, job in jobs.items()}


def verdicts(outputs: list[str]) -> list[str]:
    """The first word group of each verdict the checks printed."""
    return re.findall(
        r"^(Correct|Not yet|Not answered yet|Cannot check this):",
        "".join(outputs),
        re.MULTILINE,
    )


@pytest.mark.slow
@pytest.mark.parametrize("lesson", exercise_pages(), ids=lambda x: x.chapter)
def test_the_notebook_as_downloaded_says_not_answered_yet(
    exercise_runs, lesson
):
    outputs = exercise_runs[lesson.chapter, "downloaded"]
    n = len(exercises(lesson.chapter))
    assert verdicts(outputs) == ["Not answered yet"] * n


@pytest.mark.slow
@pytest.mark.parametrize("lesson", exercise_pages(), ids=lambda x: x.chapter)
def test_the_notebook_with_the_solutions_is_correct_throughout(
    exercise_runs, lesson
):
    outputs = exercise_runs[lesson.chapter, "solved"]
    n = len(exercises(lesson.chapter))
    assert verdicts(outputs) == ["Correct"] * n


@pytest.mark.parametrize("lesson", exercise_pages(), ids=lambda x: x.chapter)
def test_the_notebook_holds_no_solution(site, lesson):
    notebook = downloaded(site, lesson.chapter)
    text = "\n".join(c.source for c in notebook.cells)
    for name in exercises(lesson.chapter):
        solution = section_code(module_path(lesson.chapter), f"{name}_solution")
        assert solution.strip() not in text, name
    assert "<summary>Hint</summary>" in text, "hints come folded"
    assert "Solution" not in text
