"""Where a lesson's results live, and the one way to read them.

A lesson is named by its id, ``<chapter>.<name>`` (``digits.evaluation``),
after its page ``docs/<chapter>/<name>.md``. Its run leaves, in
``<results dir>/<chapter>/<name>/``: ``results.json`` (what each section
printed and drew, the simple values the prose quotes, run time, warnings),
the figures, the files the lesson wrote, and ``namespace.pickle`` (its
variables, for the lessons and tests that continue it).
"""

import json
import sys
from importlib.metadata import version
from pathlib import Path

RESULTS_FILE = "results.json"
NAMESPACE_FILE = "namespace.pickle"
KEY_FILE = "key"
ERROR_FILE = "error.txt"  # a failed run's traceback
# The libraries whose versions every page names ("built with ...").
SHOWN_LIBRARIES = (
    "scikit-learn",
    "numpy",
    "scipy",
    "matplotlib",
    "pillow",
    "dask",
    "dask-ml",
    "numba",
)


def is_measurement(name: str) -> bool:
    """Timings, rates and memory peaks differ from run to run; their names
    say so (a value, or a section whose figure plots them)."""
    return any(word in name for word in ("seconds", "per_second", "peak"))


def lesson_path(lesson_id: str) -> str:
    """``digits.evaluation`` -> ``digits/evaluation``: its folder and page."""
    chapter, name = lesson_id.split(".")
    return f"{chapter}/{name}"


def lesson_folder(results_dir: Path, lesson_id: str) -> Path:
    return results_dir / lesson_path(lesson_id)


def library_versions() -> dict[str, str]:
    versions = {name: version(name) for name in SHOWN_LIBRARIES}
    return {"Python": sys.version.split()[0], **versions}


def versions_text() -> str:
    """``Python 3.11.7, scikit-learn 1.9.1, ...``, as every page says."""
    return ", ".join(f"{k} {v}" for k, v in library_versions().items())


class LessonResults:
    """The lessons' results, read once each from the results folder."""

    def __init__(self, results_dir: Path) -> None:
        self.results_dir = results_dir
        self._results: dict[str, dict] = {}

    def __getitem__(self, lesson_id: str) -> dict:
        """A lesson's results; empty if it has none."""
        if lesson_id not in self._results:
            path = self.folder(lesson_id) / RESULTS_FILE
            try:
                text = path.read_text(encoding="utf-8")
            except OSError:
                return {}
            self._results[lesson_id] = json.loads(text)
        return self._results[lesson_id]

    def folder(self, lesson_id: str) -> Path:
        return lesson_folder(self.results_dir, lesson_id)
