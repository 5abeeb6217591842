"""Find the lessons, run those whose results are stale, in parallel.

Each page ``docs/<chapter>/<name>.md`` that has a module
``tutorial_code/<chapter>/<name>.py`` is a lesson. A lesson's results are
reused while its key is unchanged: a hash of its code, of every module it
imports (directly, or through other modules and lessons), of the machinery
that runs it and of the installed packages. So a prose edit reruns nothing,
and a code edit reruns the lessons that import the edited code, and only
them.

A stale lesson runs in a fresh process of its own, forked from a server
that has already imported the heavy libraries. The lessons it continues are
not run again: their saved namespaces stand in for them. Lessons whose
inputs are ready run side by side, one per core.
"""

import ast
import hashlib
import logging
import multiprocessing
import multiprocessing.forkserver
import os
import re
import shutil
import sys
import tempfile
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures import ProcessPoolExecutor as Pool
from dataclasses import dataclass
from importlib.metadata import distributions
from pathlib import Path

from tutorial_code.sitebuild.imports import dependencies, import_graph
from tutorial_code.sitebuild.results import (
    ERROR_FILE,
    KEY_FILE,
    NAMESPACE_FILE,
    LessonResults,
    lesson_folder,
    lesson_path,
)
from tutorial_code.sitebuild.sections import split_sections

log = logging.getLogger("mkdocs.tutorial_code.lessons")

RUNNER = "tutorial_code.sitebuild.run_lesson"
# A chapter's exercises: the page (and module) of that name in its folder.
EXERCISES = "exercises.md"
# Written by ``make bench``; its lesson run times order a clean build.
BENCHMARK_RESULTS = "benchmarks/results.md"
# What each lesson's process runs: the project's own tutorial_code first on
# the path, wherever the build itself imported it from.
WORKER = """
import sys
sys.path.insert(0, job["project"])
from tutorial_code.sitebuild.run_lesson import run_in_worker
run_in_worker(job["module"], job["upstream"], job["out_dir"])
"""
# Imported once by the server that forks each lesson's process.
PRELOAD = [
    "numpy",
    "scipy",
    "sklearn",
    # What most lessons import (with much of scikit-learn), 0.1 s in each.
    "sklearn.cluster",
    "sklearn.datasets",
    "matplotlib.pyplot",
    "PIL.Image",
    "numba",
    # What Numba imports on its first compilation (numba/core/cpu.py,
    # load_additional_registries), 0.5 s in every lesson that runs the
    # quantizer; the heaviest, which import most of the others.
    "numba.np.arraymath",
    "numba.np.npyimpl",
    "numba.core.inline_closurecall",
    "numba.cpython.charseq",
    "numba.np.npdatetime",
    "numba.typed.typeddict",
    "numba.typed.typedlist",
]


class LessonError(Exception):
    """A lesson raised: the message holds its traceback."""


@dataclass(frozen=True)
class Lesson:
    chapter: str  # "digits"
    name: str  # "evaluation", for the page docs/digits/evaluation.md

    @property
    def id(self) -> str:
        return f"{self.chapter}.{self.name}"

    @property
    def module(self) -> str:
        return f"tutorial_code.{self.id}"

    @property
    def is_exercises(self) -> bool:
        """A chapter's exercises: a page and a notebook of their own."""
        return f"{self.name}.md" == EXERCISES

    @property
    def page(self) -> str:
        """The page's path in the docs folder."""
        return f"{lesson_path(self.id)}.md"

    def source(self, project: Path) -> Path:
        return project / "tutorial_code" / f"{lesson_path(self.id)}.py"

    def prerequisites(self, project: Path) -> list[str]:
        """Ids of the lessons this one continues: those its prelude imports.

        Its page says to run theirs first.
        """
        source = self.source(project).read_text(encoding="utf-8")
        imported = []
        for chunk in split_sections(source):
            if chunk.section is None:
                for node in ast.walk(ast.parse(chunk.code)):
                    if isinstance(node, ast.ImportFrom) and node.module:
                        imported.append(node.module)
        prefix = "tutorial_code."
        return [m[len(prefix) :] for m in imported if m.startswith(prefix)]


def find_lessons(project: Path, docs_dir: Path) -> list[Lesson]:
    """Every page in ``docs_dir`` that has a lesson module of its name."""
    lessons = []
    for page in sorted(docs_dir.glob("*/*.md")):
        lesson = Lesson(page.parent.name, page.stem)
        if lesson.source(project).is_file():
            lessons.append(lesson)
    return lessons


def installed_packages() -> str:
    """Every installed distribution and its version, one per line.

    Reading every package's metadata takes about 0.1 s, too long
    for every rebuild under ``mkdocs serve``: the list is kept while no
    folder on ``sys.path`` changed (installing or removing a package
    changes its folder).
    """
    stamp = tuple((folder, _modified(folder)) for folder in sys.path)
    if stamp not in _PACKAGES:
        found = {
            (d.metadata["Name"] or "").lower(): d.version
            for d in distributions()
        }
        _PACKAGES.clear()
        _PACKAGES[stamp] = "\n".join(
            f"{name}=={found[name]}" for name in sorted(found)
        )
    return _PACKAGES[stamp]


_PACKAGES: dict[tuple, str] = {}


def _modified(folder: str) -> int | None:
    try:
        return os.stat(folder or ".").st_mtime_ns
    except OSError:
        return None


class LessonPlan:
    """The lessons of a project, what each depends on, and their keys."""

    def __init__(
        self, project: Path, docs_dir: Path, packages: str | None = None
    ) -> None:
        self.project = project
        self.lessons = find_lessons(project, docs_dir)
        graph = import_graph(project)
        by_module = {lesson.module: lesson for lesson in self.lessons}
        machinery = {RUNNER, *dependencies(graph, RUNNER)}
        if packages is None:
            packages = installed_packages()
        self.upstream: dict[Lesson, list[Lesson]] = {}
        self.keys: dict[Lesson, str] = {}
        for lesson in self.lessons:
            imported = dependencies(graph, lesson.module)
            self.upstream[lesson] = [
                by_module[m] for m in sorted(imported) if m in by_module
            ]
            modules = sorted({lesson.module, *imported, *machinery})
            digest = hashlib.sha256(packages.encode())
            for module in modules:
                path = project.joinpath(*module.split("."))
                path = path / "__init__.py" if path.is_dir() else path
                path = path if path.suffix else path.with_suffix(".py")
                digest.update(module.encode())
                digest.update(path.read_bytes())
            self.keys[lesson] = digest.hexdigest()

    def stale(self, results_dir: Path) -> list[Lesson]:
        """The lessons whose saved results are not for their current key."""
        return [
            lesson
            for lesson in self.lessons
            if _saved_key(lesson_folder(results_dir, lesson.id))
            != self.keys[lesson]
        ]


def build_lessons(plan: LessonPlan, results_dir: Path) -> list[str]:
    """Run every stale lesson of ``plan``; return the ids of those that ran.

    Raises ``LessonError`` with the tracebacks if any lesson raised; the
    other lessons' results are kept, and a failed lesson keeps its last
    good results (which are stale, so it runs again next time).
    """
    stale = plan.stale(results_dir)
    if not stale:
        return []
    # Half-made folders of an interrupted build.
    for leftover in results_dir.glob("*/.*"):
        shutil.rmtree(leftover, ignore_errors=True)
    errors = _run(plan, stale, results_dir)
    results = LessonResults(results_dir)
    for lesson in stale:
        for warning in results[lesson.id].get("warnings", []):
            log.info("Lesson %s warned: %s", lesson.id, warning)
    if errors:
        raise LessonError("\n\n".join(errors))
    return [lesson.id for lesson in stale]


def _run(plan: LessonPlan, stale: list[Lesson], results_dir: Path) -> list:
    """Run ``stale`` lessons, each once its stale upstream lessons ran."""
    waiting = set(stale)
    running: dict[Future, tuple[Lesson, Path]] = {}
    failed: set[Lesson] = set()
    errors = []
    priority = _critical_paths(plan, stale, LessonResults(results_dir))
    workers = _workers()
    with _pool(workers) as pool:
        while waiting or running:
            blocked = waiting | {lesson for lesson, _ in running.values()}
            ready = [
                x for x in waiting if blocked.isdisjoint(plan.upstream[x])
            ]
            # A lesson is handed over only when a process is free for it:
            # the pool's queue is first come, first served, and a lesson
            # whose upstream finishes later may bound the build.
            first = sorted(ready, key=lambda x: (-priority[x], x.id))
            for lesson in first:
                if len(running) == workers:
                    break
                waiting.discard(lesson)
                broken = failed.intersection(plan.upstream[lesson])
                if broken:
                    failed.add(lesson)
                    continue
                work = _new_folder(results_dir, lesson)
                upstream = {
                    x.module: str(
                        lesson_folder(results_dir, x.id) / NAMESPACE_FILE
                    )
                    for x in plan.upstream[lesson]
                }
                job = {
                    "project": str(plan.project),
                    "module": lesson.module,
                    "upstream": upstream,
                    "out_dir": str(work),
                }
                future = pool.submit(exec, WORKER, {"job": job})
                running[future] = (lesson, work)
            if not running:
                continue
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                lesson, work = running.pop(future)
                error = _error(future, work)
                if error is None:
                    (work / KEY_FILE).write_text(plan.keys[lesson])
                    _swap_in(work, lesson_folder(results_dir, lesson.id))
                else:
                    failed.add(lesson)
                    shutil.rmtree(work, ignore_errors=True)
                    where = f"tutorial_code/{lesson_path(lesson.id)}.py"
                    errors.append(f"The lesson {where} failed:\n{error}")
    return errors


def _critical_paths(
    plan: LessonPlan, stale: list[Lesson], previous: LessonResults
) -> dict[Lesson, float]:
    """Each lesson's last run time plus that of the longest chain of stale
    lessons waiting for it: the longest chains bound the build, so they
    start first.

    A lesson never run here (a fresh clone) counts the median ``make bench``
    recorded for it, else one second.
    """
    recorded = benchmarked_seconds(plan.project / BENCHMARK_RESULTS)
    own = {
        x: previous[x.id]
        .get("run", {})
        .get("seconds", recorded.get(x.id, 1.0))
        for x in stale
    }
    waiting_for = {
        x: [y for y in stale if x in plan.upstream[y]] for x in stale
    }
    paths: dict[Lesson, float] = {}

    def path(lesson: Lesson) -> float:
        if lesson not in paths:
            after = [path(x) for x in waiting_for[lesson]]
            paths[lesson] = own[lesson] + max(after, default=0.0)
        return paths[lesson]

    return {lesson: path(lesson) for lesson in stale}


def benchmarked_seconds(results_file: Path) -> dict[str, float]:
    """Each lesson's median run time in the benchmark results, by lesson id.

    Read from the rows of its lesson table: ``| digits/evaluation | 0.003 /
    0.004 | 225 |`` gives ``{"digits.evaluation": 0.004}``.
    """
    try:
        text = results_file.read_text(encoding="utf-8")
    except OSError:
        return {}
    rows = re.findall(r"^\| (\w+)/(\w+) \| [\d.]+ / ([\d.]+) \|", text, re.M)
    return {f"{chapter}.{name}": float(s) for chapter, name, s in rows}


def _error(future: Future, work: Path) -> str | None:
    """The traceback of a lesson's run, if it failed."""
    try:
        future.result()
    except Exception as error:  # its process died, or the bootstrap failed
        return f"{type(error).__name__}: {error}"
    try:
        return (work / ERROR_FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def start_lesson_server() -> None:
    """Start the server that forks lessons' processes, if not running.

    It takes seconds to import the libraries: ``mkdocs serve`` starts it
    at once, so that the first code edit does not wait for it.
    """
    _lesson_server_context()
    multiprocessing.forkserver.ensure_running()


def _lesson_server_context() -> multiprocessing.context.BaseContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    os.environ.setdefault("MPLBACKEND", "Agg")
    return context


def _workers() -> int:
    """Lessons run side by side: one per core."""
    return os.cpu_count() or 1


def _pool(workers: int) -> Pool:
    """A process per lesson, forked from a server that preloaded libraries."""
    return Pool(
        max_workers=workers,
        mp_context=_lesson_server_context(),
        max_tasks_per_child=1,
    )


def _new_folder(results_dir: Path, lesson: Lesson) -> Path:
    parent = lesson_folder(results_dir, lesson.id).parent
    parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{lesson.name}.", dir=parent))


def _swap_in(work: Path, target: Path) -> None:
    """Replace ``target`` with ``work`` (readers never see half of either)."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
    work.rename(target)
    if old is not None:
        shutil.rmtree(old)


def _saved_key(folder: Path) -> str | None:
    try:
        return (folder / KEY_FILE).read_text()
    except OSError:
        return None
