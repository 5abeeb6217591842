"""Run lesson modules section by section, and keep what they produced.

    python -m tutorial_code.sitebuild.run_lesson OUT_DIR MODULE [MODULE ...]

Each module runs as a script would (``__name__ == "__main__"``), one chunk at
a time in one namespace. For each named section it keeps what the section
printed and the figure it drew (at most one). At the end it keeps the
module's simple values (numbers, strings, short lists and flat dicts of
them), which the prose quotes. All of it goes to
``OUT_DIR/<name>/results.json``, plus a light and a dark image per figure.
Modules run in the given order, in one process, each in its own folder: a
lesson that imports an earlier one finds it already run, as in a reader's
session. An exception ends the run with a traceback and status 1.
"""

import contextlib
import io
import json
import os
import sys
import time
import types
from importlib.util import find_spec
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np

from tutorial_code.sitebuild.figures import save_light_and_dark
from tutorial_code.sitebuild.sections import split_sections

MAX_LIST_LENGTH = 50


def run_lesson(module: str, out_dir: Path) -> dict:
    """Run ``module``, save its figures in ``out_dir``, return its results."""
    path = Path(find_spec(module).origin)
    chunks = split_sections(path.read_text(encoding="utf-8"), str(path))
    namespace = {"__name__": "__main__", "__file__": str(path)}
    outputs: dict[str, str] = {}
    figures: dict[str, dict] = {}
    reset_peak_memory()
    start = time.perf_counter()
    for chunk in chunks:
        known = set(plt.get_fignums())
        # Pad with newlines so that tracebacks give the module's line numbers.
        code = "\n" * (chunk.first_line - 1) + chunk.code
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(code, str(path), "exec"), namespace)
        if chunk.section is None:
            plt.close("all")  # drawn by the earlier lessons this one imports
            continue
        outputs[chunk.section] = printed.getvalue()
        new = [number for number in plt.get_fignums() if number not in known]
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
    return {
        "module": module,
        "run": {"seconds": seconds, "peak_megabytes": peak_memory_megabytes()},
        "outputs": outputs,
        "figures": figures,
        "values": simple_values(namespace),
    }


def reset_peak_memory() -> None:
    """Start measuring a new peak of this process's memory (on Linux)."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def peak_memory_megabytes() -> float | None:
    """Peak resident memory since the last reset, in MB (None: unknown).

    Linux resets the peak on request; elsewhere this is the process's peak
    so far, which includes the lessons run before in the same process.
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
    """Make ``import module`` in a later lesson reuse this run."""
    finished = types.ModuleType(module)
    finished.__dict__.update(namespace)
    finished.__name__ = module
    sys.modules[module] = finished


def simple_values(namespace: dict) -> dict:
    """The namespace's numbers, strings and short flat lists, for JSON."""
    values = {}
    for name, value in namespace.items():
        converted = _json_value(value)
        if not name.startswith("_") and converted is not None:
            values[name] = converted
    return values


def _json_value(value):
    if isinstance(value, np.generic) and not isinstance(value, np.void):
        return value.item()
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dict) and len(value) <= MAX_LIST_LENGTH:
        items = {key: _json_value(item) for key, item in value.items()}
        simple = all(isinstance(key, str) for key in items)
        if simple and all(_is_scalar(item) for item in items.values()):
            return items
    sequence = list | tuple | range | np.ndarray
    if isinstance(value, sequence) and len(value) <= MAX_LIST_LENGTH:
        items = [_json_value(item) for item in value]
        if all(_is_scalar(item) for item in items):
            return items
    return None


def _is_scalar(value) -> bool:
    return isinstance(value, bool | int | float | str)


def main() -> None:
    out_dir, modules = Path(sys.argv[1]).resolve(), sys.argv[2:]
    for module in modules:
        lesson_dir = out_dir / module.rsplit(".", 1)[-1]
        lesson_dir.mkdir(parents=True, exist_ok=True)
        # Files a lesson writes, as a reader's would, land beside its results.
        os.chdir(lesson_dir)
        results = run_lesson(module, lesson_dir)
        text = json.dumps(results, indent=1)
        (lesson_dir / "results.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
