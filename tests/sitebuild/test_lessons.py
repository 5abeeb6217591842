"""Which lessons run again: exactly those whose code or inputs changed."""

import json
import shutil
import sys
from importlib.util import find_spec
from pathlib import Path

import numpy
import pytest

from tutorial_code.sitebuild.imports import dependencies, import_graph
from tutorial_code.sitebuild.lessons import (
    PRELOAD,
    LessonPlan,
    _critical_paths,
    installed_packages,
)
from tutorial_code.sitebuild.results import LessonResults

from ..conftest import PROJECT, run_python

# A tiny project: lessons first, second (continues first) and other in one
# chapter; second imports a shared module, which imports a deeper one.
FILES = {
    "tutorial_code/__init__.py": "",
    "tutorial_code/sitebuild/__init__.py": "",
    "tutorial_code/sitebuild/run_lesson.py": (
        "from tutorial_code.sitebuild import figures\n"
    ),
    "tutorial_code/sitebuild/figures.py": "",
    "tutorial_code/sitebuild/preview.py": "",
    "tutorial_code/library/__init__.py": "",
    "tutorial_code/library/deeper.py": "VALUE = 1\n",
    "tutorial_code/ch/__init__.py": "",
    "tutorial_code/ch/shared.py": "from ..library import deeper\n",
    "tutorial_code/ch/first.py": "x = 1\n",
    "tutorial_code/ch/second.py": (
        "from tutorial_code.ch.first import x\n"
        "def later():\n"
        "    from tutorial_code.ch import shared\n"
    ),
    "tutorial_code/ch/other.py": "y = 2\n",
    "docs/ch/first.md": "# First\n",
    "docs/ch/second.md": "# Second\n",
    "docs/ch/other.md": "# Other\n",
    "docs/ch/notes.md": "# A page with no lesson\n",
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def keys(project: Path, packages: str = "numpy==2") -> dict[str, str]:
    plan = LessonPlan(project, project / "docs", packages)
    return {lesson.name: key for lesson, key in plan.keys.items()}


def rerun_after(project: Path, path: str) -> set[str]:
    """The lessons whose key an edit of ``path`` changes."""
    before = keys(project)
    edited = project / path
    edited.write_text(edited.read_text() + "\n# edited\n")
    after = keys(project)
    return {name for name in before if before[name] != after[name]}


def test_the_graph_follows_every_kind_of_import(project):
    graph = import_graph(project)
    assert graph["tutorial_code.ch.shared"] == {
        "tutorial_code",
        "tutorial_code.library",
        "tutorial_code.library.deeper",
    }
    assert "tutorial_code.ch.shared" in graph["tutorial_code.ch.second"]
    assert "tutorial_code.library.deeper" in dependencies(
        graph, "tutorial_code.ch.second"
    )


def test_lessons_are_pages_with_a_module(project):
    assert set(keys(project)) == {"first", "second", "other"}


def test_a_lesson_edit_reruns_it_and_the_lessons_continuing_it(project):
    assert rerun_after(project, "tutorial_code/ch/first.py") == {
        "first",
        "second",
    }
    assert rerun_after(project, "tutorial_code/ch/second.py") == {"second"}


def test_a_shared_module_two_imports_away_reruns_its_users(project):
    assert rerun_after(project, "tutorial_code/library/deeper.py") == {
        "second"
    }


def test_the_machinery_reruns_everything(project):
    assert rerun_after(project, "tutorial_code/sitebuild/figures.py") == {
        "first",
        "second",
        "other",
    }


def test_modules_no_lesson_runs_rerun_nothing(project):
    assert rerun_after(project, "tutorial_code/sitebuild/preview.py") == set()
    assert rerun_after(project, "docs/ch/first.md") == set()


def test_other_package_versions_rerun_everything(project):
    one, two = keys(project, "numpy==2.4.6"), keys(project, "numpy==2.4.7")
    assert all(one[name] != two[name] for name in one)


def test_each_lesson_waits_for_the_lessons_it_continues(project):
    plan = LessonPlan(project, project / "docs", "")
    upstream = {
        x.name: [y.name for y in plan.upstream[x]] for x in plan.lessons
    }
    assert upstream == {"first": [], "second": ["first"], "other": []}


def test_the_longest_chain_of_lessons_starts_first(project, tmp_path):
    results = tmp_path / "results"
    for name, seconds in {"first": 1.0, "second": 5.0, "other": 3.0}.items():
        (results / "ch" / name).mkdir(parents=True)
        (results / "ch" / name / "results.json").write_text(
            json.dumps({"run": {"seconds": seconds}})
        )
    plan = LessonPlan(project, project / "docs", "")
    paths = _critical_paths(plan, plan.lessons, LessonResults(results))
    by_name = {lesson.name: seconds for lesson, seconds in paths.items()}
    # first is quick, but second waits for it: 1 + 5 s before all is done
    assert by_name == {"first": 6.0, "second": 5.0, "other": 3.0}


def test_a_lesson_never_run_here_counts_its_benchmarked_time(project):
    (project / "benchmarks").mkdir()
    (project / "benchmarks/results.md").write_text(
        "| lesson | run time, min / median (s) | peak memory (MB) |\n"
        "| --- | --- | --- |\n"
        "| ch/second | 4.5 / 5.0 | 300 |\n"
        "| ch/gone | 9.0 / 9.0 | 300 |\n"
    )
    plan = LessonPlan(project, project / "docs", "")
    paths = _critical_paths(plan, plan.lessons, LessonResults(project / "x"))
    by_name = {lesson.name: seconds for lesson, seconds in paths.items()}
    # none was run: second's median, one second for the others
    assert by_name == {"first": 6.0, "second": 5.0, "other": 1.0}


def test_a_lesson_starts_once_those_it_continues_ran(tmp_path):
    """With one process, the chain first -> second runs before the lessons
    that were ready sooner: it is the longer, and it bounds the build."""
    project = tmp_path / "project"
    shutil.copytree(
        PROJECT / "tutorial_code/sitebuild",
        project / "tutorial_code/sitebuild",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    (project / "tutorial_code/ch").mkdir()
    for package in ("tutorial_code", "tutorial_code/ch"):
        (project / package / "__init__.py").write_text("")
    preludes = {
        "first": "",
        "second": "from tutorial_code.ch.first import started as before\n",
        "other": "",
        "more": "",
    }
    for name, prelude in preludes.items():
        code = "import time\n\nstarted = time.monotonic()\n"
        (project / f"tutorial_code/ch/{name}.py").write_text(prelude + code)
        (project / "docs/ch").mkdir(parents=True, exist_ok=True)
        (project / f"docs/ch/{name}.md").write_text(f"# {name}\n")
    (project / "benchmarks").mkdir()
    (project / "benchmarks/results.md").write_text(
        "| ch/first | 1.0 / 1.0 | 1 |\n| ch/second | 5.0 / 5.0 | 1 |\n"
    )
    # In a fresh process, whose lesson server imports the project's code.
    build = (
        "from pathlib import Path\n"
        "from tutorial_code.sitebuild import lessons\n"
        "lessons._workers = lambda: 1\n"
        "plan = lessons.LessonPlan(Path.cwd(), Path.cwd() / 'docs')\n"
        "lessons.build_lessons(plan, Path.cwd() / '.cache/lessons')\n"
    )
    run_python(build, cwd=project)
    results = LessonResults(project / ".cache/lessons")
    started = {x: results[f"ch.{x}"]["values"]["started"] for x in preludes}
    assert sorted(started, key=started.get)[:2] == ["first", "second"]


def _install(folder: Path, version: str) -> None:
    """A made-up distribution's metadata, as an installer leaves it."""
    for old in folder.glob("made_up-*.dist-info"):
        shutil.rmtree(old)
    info = folder / f"made_up-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: made-up\nVersion: {version}\n"
    )


def test_installed_packages_follow_an_upgrade(tmp_path, monkeypatch):
    _install(tmp_path, "1.0")
    monkeypatch.setattr(sys, "path", [*sys.path, str(tmp_path)])
    assert "made-up==1.0" in installed_packages().splitlines()
    _install(tmp_path, "2.0")
    assert "made-up==2.0" in installed_packages().splitlines()


def test_installed_packages_are_the_same_from_the_project_folder(
    tmp_path, monkeypatch
):
    """``python -m mkdocs`` puts the project folder on the path, with the
    egg-info of its editable install: the same package, listed once."""
    before = installed_packages()
    info = tmp_path / "numpy.egg-info"
    info.mkdir()
    (info / "PKG-INFO").write_text(
        f"Metadata-Version: 2.1\nName: numpy\nVersion: {numpy.__version__}\n"
    )
    monkeypatch.setattr(sys, "path", [str(tmp_path), *sys.path])
    assert installed_packages() == before


@pytest.mark.parametrize("module", PRELOAD)
def test_the_lesson_server_preloads_modules_that_exist(module):
    """The server ignores a module it cannot import (a library that renamed
    one): it would cost every lesson its import again, silently."""
    assert find_spec(module) is not None


def test_the_execution_times_page_names_every_preloaded_library():
    """It says what the lessons' processes start with: their run times
    leave out these imports, their peak memory includes them."""
    names = {
        "numpy": "NumPy",
        "scipy": "SciPy",
        "sklearn": "scikit-learn",
        "matplotlib": "Matplotlib",
        "PIL": "Pillow",
        "numba": "Numba",
    }
    page = (PROJECT / "docs/execution_times.md").read_text(encoding="utf-8")
    prose = " ".join(page.split())  # lines joined
    for package in {module.split(".")[0] for module in PRELOAD}:
        assert names[package] in prose
