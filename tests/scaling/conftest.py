"""Run the scaling lessons as the site build does, and find stray processes.

The lessons start Dask worker processes. Python starts each one by
importing the parent's main module again, so a lesson must not be that
module: ``runpy.run_path``, which the project-wide ``lesson`` fixture uses,
makes it so, and each worker would run the lesson anew. Here a lesson runs
like the build runs it: its code executed in a fresh ``__main__`` namespace.
"""

import os
from importlib.util import find_spec
from pathlib import Path

import matplotlib.pyplot as plt
import psutil
import pytest


def run_lesson_code(name: str, folder: Path) -> dict:
    """Run ``tutorial_code/scaling/<name>.py`` in ``folder``; its globals."""
    path = Path(find_spec(f"tutorial_code.scaling.{name}").origin)
    namespace = {"__name__": "__main__", "__file__": str(path)}
    code = compile(path.read_text(encoding="utf-8"), str(path), "exec")
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        exec(code, namespace)
    finally:
        os.chdir(cwd)
        plt.close("all")
    return namespace


def child_processes() -> set[int]:
    """Our child processes, but multiprocessing's resource tracker.

    Python starts that tracker once, on first use, and it ends with us.
    """
    return {
        child.pid
        for child in psutil.Process().children(recursive=True)
        if "resource_tracker" not in " ".join(child.cmdline())
    }


@pytest.fixture(scope="module")
def lesson(request: pytest.FixtureRequest, tmp_path_factory) -> dict:
    """The globals of the lesson the test module is named after, after a run.

    Also ``"left_behind"``: the child processes still alive after it.
    """
    name = request.module.__name__.rsplit(".", 1)[-1].removeprefix("test_")
    folder = tmp_path_factory.mktemp(name)
    before = child_processes()
    namespace = run_lesson_code(name, folder)
    left_behind = child_processes() - before
    return {**namespace, "folder": folder, "left_behind": left_behind}
