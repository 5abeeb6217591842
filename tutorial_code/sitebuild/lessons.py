"""Find the lessons, run those whose code changed, and read their results.

Each page ``docs/<half>/<name>.md`` that has a module
``tutorial_code/<half>/<name>.py`` is a lesson. The lessons of a half run in
one Python process, each after the lessons it imports. Their results live in
``<cache>/<half>/<name>/`` and are reused while the half's key, a hash of its
code and of the library versions, is unchanged: a prose-only edit rebuilds
in about a second.
"""

import ast
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from graphlib import TopologicalSorter
from importlib.metadata import version
from itertools import groupby
from pathlib import Path

from tutorial_code.sitebuild.sections import split_sections

LIBRARIES = ("scikit-learn", "numpy", "scipy", "matplotlib", "pillow")


class LessonError(Exception):
    """A lesson module raised: the message holds its traceback."""


@dataclass(frozen=True)
class Lesson:
    half: str  # "digits"
    name: str  # "evaluation", for the page docs/digits/evaluation.md

    @property
    def id(self) -> str:
        return f"{self.half}.{self.name}"

    @property
    def module(self) -> str:
        return f"tutorial_code.{self.id}"

    def source(self, project: Path) -> Path:
        return project / "tutorial_code" / self.half / f"{self.name}.py"

    def prerequisites(self, project: Path) -> list[str]:
        """Ids of the lessons this one continues: those its prelude imports."""
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


def in_running_order(lessons: list[Lesson], project: Path) -> list[Lesson]:
    """The lessons, each after the lessons it imports."""
    by_id = {lesson.id: lesson for lesson in lessons}
    graph = {
        lesson.id: [p for p in lesson.prerequisites(project) if p in by_id]
        for lesson in lessons
    }
    return [by_id[i] for i in TopologicalSorter(graph).static_order()]


def library_versions() -> dict[str, str]:
    versions = {name: version(name) for name in LIBRARIES}
    return {"Python": sys.version.split()[0], **versions}


def code_key(project: Path, half: str, halves: list[str]) -> str:
    """Hash of a half's code, of what it runs with, and of the libraries.

    A half's lessons import from their own half, from the shared modules of
    ``tutorial_code`` (such as ``quantize``) and from the halves they name:
    editing one half reruns just that half and those that import from it.
    """
    package = project / "tutorial_code"
    sources = "".join(p.read_text() for p in (package / half).glob("*.py"))
    used = {half, *re.findall(r"tutorial_code\.(\w+)", sources)}
    others = {package / h for h in halves if h not in used}
    paths = [
        path
        for path in package.rglob("*")
        if path.is_file()
        and "__pycache__" not in path.parts
        and not others.intersection(path.parents)
    ]
    digest = hashlib.sha256(json.dumps(library_versions()).encode())
    for path in sorted(paths):
        digest.update(str(path.relative_to(project)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def build_lessons(
    project: Path, docs_dir: Path, cache: Path
) -> dict[str, dict]:
    """Every lesson's results by id; runs the halves whose cache is stale."""
    lessons = find_lessons(project, docs_dir)
    halves = {
        half: list(group)
        for half, group in groupby(lessons, key=lambda lesson: lesson.half)
    }
    keys = {half: code_key(project, half, list(halves)) for half in halves}
    stale = [h for h in halves if _cached_key(cache / h) != keys[h]]

    def run(half: str) -> str | None:
        return _run_half(halves[half], project, cache / half, keys[half])

    with ThreadPoolExecutor(max_workers=os.cpu_count()) as pool:
        errors = [error for error in pool.map(run, stale) if error]
    if errors:
        raise LessonError("\n\n".join(errors))
    return {x.id: read_results(cache / x.half / x.name) for x in lessons}


def read_results(folder: Path) -> dict:
    return json.loads((folder / "results.json").read_text(encoding="utf-8"))


def _cached_key(folder: Path) -> str | None:
    try:
        return (folder / "key").read_text()
    except OSError:
        return None


def _run_half(
    lessons: list[Lesson], project: Path, target: Path, key: str
) -> str | None:
    """Run a half's lessons in a new folder, swap it in; or say why not."""
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"{target.name}.", dir=target.parent))
    modules = [x.module for x in in_running_order(lessons, project)]
    # Import the project's own tutorial_code, wherever it is installed from.
    environment = {**os.environ, "PYTHONPATH": str(project)}
    runner = [sys.executable, "-m", "tutorial_code.sitebuild.run_lesson"]
    process = subprocess.run(
        [*runner, str(work), *modules],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
    )
    if process.returncode != 0:
        shutil.rmtree(work)
        half = f"tutorial_code/{target.name}"
        return f"A lesson in {half} failed:\n{process.stderr}"
    (work / "key").write_text(key)
    if target.exists():
        shutil.rmtree(target)
    work.rename(target)
    return None
