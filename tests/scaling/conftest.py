"""Run a scaling lesson again, as the site build does, and find strays.

Most tests read the lesson as the build left it (the ``lesson`` fixture);
these helpers serve the few that must run it again, changed. The lessons
start Dask worker processes, and Python starts each one by importing the
parent's main module again, so a lesson must never be that module: its code
runs here, as in the build, in a fresh ``__main__`` namespace.
"""

import contextlib
import multiprocessing.forkserver
import os
import time
from collections.abc import Iterator
from importlib.util import find_spec
from pathlib import Path

import dask
import matplotlib.pyplot as plt
import psutil
import pytest
from distributed.utils import get_mp_context

# What the tests' Dask workers import before their first task.
WORKER_PRELOAD = {
    "distributed",
    "tutorial_code.scaling.chunks",
    "dask_ml.cluster",
}


@pytest.fixture(scope="package", autouse=True)
def workers_from_a_forkserver() -> Iterator[None]:
    """The clusters these tests start fork their workers from a server
    that has imported what the tasks need, as Dask's own test suite does:
    each fresh worker would otherwise spend seconds importing scikit-learn.
    The lessons keep Dask's default (spawn), as a reader's session has.
    The server ends with the test session."""
    method = {"distributed.worker.multiprocessing-method": "forkserver"}
    with dask.config.set(method):
        # Dask sets its own preload list on first use: ours comes after.
        get_mp_context().set_forkserver_preload(sorted(WORKER_PRELOAD))
        multiprocessing.forkserver.ensure_running()
        yield


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
    """Our child processes, but multiprocessing's resource tracker and the
    notebook runs' kernels (with what they start), which run beside the
    tests.

    Python starts that tracker once, on first use, and it ends with us.
    """
    children = psutil.Process().children(recursive=True)
    kernels = [c for c in children if "ipykernel" in _command(c)]
    theirs = {kernel.pid for kernel in kernels}
    for kernel in kernels:
        with contextlib.suppress(psutil.Error):  # it may just have ended
            theirs |= {child.pid for child in kernel.children(True)}
    return {
        child.pid
        for child in children
        if child.pid not in theirs
        and "resource_tracker" not in _command(child)
    }


def left_since(before: set[int], seconds: float = 10) -> set[int]:
    """Child processes started since ``before`` that are still running
    after up to ``seconds``: a closed cluster's processes, or a kernel the
    notebook runs are starting, may take a moment to end or to show what
    they are."""
    deadline = time.monotonic() + seconds
    while (left := child_processes() - before) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def _command(process: psutil.Process) -> str:
    try:
        return " ".join(process.cmdline())
    except psutil.Error:  # it has just ended
        return ""
