"""Run one lesson module section by section, and keep what it produced.

The module runs as a script would (``__name__ == "__main__"``), one chunk at
a time in one namespace. For each named section it keeps what the section
printed and the figure it drew (at most one). At the end it keeps the
claims it checked (``tutorial_code.claims``), the module's simple values
(numbers, strings, short lists and flat dicts of them), which the prose
quotes, the warnings it raised, its run time and peak memory, and its
whole namespace (``namespace.pickle``), from which the lessons that
continue it start without running it again.

``run_in_worker`` is what the build calls, each lesson in a fresh process,
single-threaded (several lessons run side by side, one per core).
"""

import contextlib
import io
import json
import os
import sys
import time
import traceback
import types
import warnings
from importlib.util import find_spec
from pathlib import Path

import cloudpickle
import matplotlib
import psutil
from threadpoolctl import threadpool_limits

matplotlib.use("Agg")

import matplotlib.pyplot as plt

from tutorial_code import claims
from tutorial_code.sitebuild.figures import save_light_and_dark
from tutorial_code.sitebuild.results import (
    ERROR_FILE,
    NAMESPACE_FILE,
    RESULTS_FILE,
)
from tutorial_code.sitebuild.sections import split_sections
from tutorial_code.sitebuild.values import simple_values


def run_in_worker(module: str, upstream: dict[str, str], out_dir: str) -> None:
    """Run ``module`` into ``out_dir``; if it raises, keep the traceback.

    ``upstream`` maps each lesson module it imports (directly or not) to
    that lesson's saved namespace, which stands in for running it again.
    """
    folder = Path(out_dir)
    # One lesson per core: more threads per lesson would only fight over
    # the cores (OpenMP threads that wait for each other spin).
    threadpool_limits(limits=1)
    try:
        for name, path in upstream.items():
            restore_namespace(name, Path(path))
        # Files a lesson writes, as a reader's would, land beside its results.
        os.chdir(folder)
        results, namespace = run_lesson(module, folder)
        results["left_running"] = end_left_processes()
        skipped = save_namespace(namespace, folder / NAMESPACE_FILE)
        results["unsaved_names"] = skipped
        text = json.dumps(results, indent=1)
        (folder / RESULTS_FILE).write_text(text, encoding="utf-8")
    except BaseException:
        text = traceback.format_exc()
        (folder / ERROR_FILE).write_text(text, encoding="utf-8")


def run_lesson(module: str, out_dir: Path) -> tuple[dict, dict]:
    """Run ``module``, save its figures in ``out_dir``.

    Returns its results and its namespace. The module is then importable
    as if it had been imported, so that a later lesson continues it.
    """
    path = Path(find_spec(module).origin)
    chunks = split_sections(path.read_text(encoding="utf-8"), str(path))
    namespace = {"__name__": "__main__", "__file__": str(path)}
    outputs: dict[str, str] = {}
    figures: dict[str, dict] = {}
    # Each lesson starts from Matplotlib's defaults, whatever ran before.
    plt.close("all")
    matplotlib.rcdefaults()
    claims.checked.clear()  # the claims of this lesson only
    reset_peak_memory()
    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        for chunk in chunks:
            known = set(plt.get_fignums())
            # Pad with newlines: tracebacks give the module's line numbers.
            code = "\n" * (chunk.first_line - 1) + chunk.code
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                exec(compile(code, str(path), "exec"), namespace)
            if chunk.section is None:
                plt.close("all")  # drawn by the lessons this one imports
                continue
            outputs[chunk.section] = printed.getvalue()
            new = [n for n in plt.get_fignums() if n not in known]
            if len(new) > 1:
                raise RuntimeError(
                    f"section {chunk.section!r} of {module} draws {len(new)} "
                    "figures; give each figure a section of its own"
                )
            if new:
                figure = plt.figure(new[0])
                figures[chunk.section] = save_light_and_dark(
                    figure, out_dir, chunk.section
                )
                plt.close("all")
    seconds = time.perf_counter() - start
    _register(module, namespace)
    results = {
        "module": module,
        "run": {"seconds": seconds, "peak_megabytes": peak_memory_megabytes()},
        "outputs": outputs,
        "figures": figures,
        "values": simple_values(namespace),
        "claims": dict(claims.checked),
        "warnings": [_describe(warning) for warning in caught],
    }
    return results, namespace


def end_left_processes(grace_seconds: float = 10) -> list[str]:
    """End the processes a lesson started and left running; say which.

    A lesson must end what it starts (a cluster's workers, a server): the
    tests fail on any named here. Processes given ``grace_seconds`` to end
    on their own first. Multiprocessing's resource tracker, started on first
    use and ending with its process, is not the lesson's.
    """

    def left() -> list[psutil.Process]:
        return [
            child
            for child in psutil.Process().children(recursive=True)
            if child.is_running()
            and "resource_tracker" not in " ".join(child.cmdline())
        ]

    deadline = time.monotonic() + grace_seconds
    while left() and time.monotonic() < deadline:
        time.sleep(0.1)
    running = left()
    names = [" ".join(process.cmdline())[:200] for process in running]
    for process in running:
        process.kill()
    return names


def save_namespace(namespace: dict, path: Path) -> list[str]:
    """Pickle every variable that can be; return the names of the others.

    Functions and classes the lesson defined are saved by value, so that
    the namespace loads without running the lesson.
    """
    kept = {k: v for k, v in namespace.items() if not k.startswith("__")}
    skipped = []
    try:  # pickled together, so that shared objects stay shared
        data = cloudpickle.dumps(kept)
    except Exception:  # what cannot be pickled: open files, clients ...
        for name, value in list(kept.items()):
            try:
                cloudpickle.dumps(value)
            except Exception:
                skipped.append(name)
                del kept[name]
        data = cloudpickle.dumps(kept)
    path.write_bytes(data)
    return skipped


def restore_namespace(module: str, path: Path) -> None:
    """Make ``import module`` give the saved namespace of an earlier run."""
    namespace = cloudpickle.loads(path.read_bytes())
    _register(module, namespace)


def reset_peak_memory() -> None:
    """Start measuring a new peak of this process's memory (on Linux)."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def peak_memory_megabytes() -> float | None:
    """Peak resident memory since the last reset, in MB (None: unknown).

    Linux resets the peak on request; elsewhere this is the process's peak
    so far.
    """
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024 / 1e6
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak * 1024 / 1e6


def _register(module: str, namespace: dict) -> None:
    finished = types.ModuleType(module)
    finished.__dict__.update(namespace)
    finished.__name__ = module
    sys.modules[module] = finished


def _describe(warning: warnings.WarningMessage) -> str:
    where = f"{Path(warning.filename).name}:{warning.lineno}"
    return f"{where}: {warning.category.__name__}: {warning.message}"
