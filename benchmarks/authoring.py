"""What authors feel: clean build, warm rebuild, edit-to-served times.

Everything runs in a copy of the project, so the checkout's cache and pages
are left alone. Edits are served by ``mkdocs serve`` as ``make serve`` runs
it.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.smaller_site import FIRST_LESSONS, keep_only
from benchmarks.stats import Timings, markdown_table, timed
from tutorial_code.sitebuild.dev_server import mkdocs_serve, wait_for
from tutorial_code.sitebuild.project_copy import copy_project

PROJECT = Path(__file__).resolve().parent.parent
EDITED_PAGE = "colours/results"  # a lesson page, edited in its prose
# A lesson in the middle of a chapter, edited in its code: it runs again,
# and so do the lessons that continue it.
EDITED_LESSON = "colours/quantization"
PROSE_GOAL = 1.5  # seconds
CLEAN_BUILD_GOAL = 30
CODE_EDIT_SLACK = 3  # seconds over the lessons' own run time


def mkdocs_build(project: Path, *options: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", *options],
        cwd=project,
        check=True,
        capture_output=True,
    )


def clean_build(project: Path, *options: str) -> None:
    """A build with the lesson cache emptied and no site left over."""
    for folder in (".cache", "site"):
        shutil.rmtree(project / folder, ignore_errors=True)
    mkdocs_build(project, *options)


def lesson_runs(project: Path) -> dict[str, dict]:
    """Seconds and peak memory of each lesson in the last build."""
    runs = {}
    for path in sorted((project / ".cache/lessons").glob("*/*/results.json")):
        results = json.loads(path.read_text())
        runs[f"{path.parent.parent.name}/{path.parent.name}"] = results["run"]
    return runs


def edits_to_served(project: Path, repeats: int) -> tuple[Timings, Timings]:
    """Seconds from saving an edit to ``mkdocs serve`` serving it: prose,
    then code (a line printed by a lesson in the middle of a chapter)."""
    page = project / "docs" / f"{EDITED_PAGE}.md"
    lesson = project / "tutorial_code" / f"{EDITED_LESSON}.py"
    texts = {path: path.read_text() for path in (page, lesson)}
    prose, code = [], []
    try:
        with mkdocs_serve(project) as server:
            for attempt in range(repeats):
                marker = f"Edited for the benchmark, time {attempt}."
                time.sleep(1)  # let the watcher settle after a rebuild
                page.write_text(f"{texts[page]}\n{marker}\n")
                prose.append(
                    wait_for(
                        lambda m=marker: m in server.page(EDITED_PAGE), 120
                    )
                )
            for attempt in range(repeats):
                marker = f"Code edited for the benchmark, time {attempt}."
                time.sleep(1)
                lesson.write_text(with_printed(texts[lesson], marker))
                code.append(
                    wait_for(
                        lambda m=marker: m in server.page(EDITED_LESSON), 300
                    )
                )
    finally:
        for path, text in texts.items():
            path.write_text(text)
    return Timings(prose), Timings(code)


def with_printed(source: str, text: str) -> str:
    """``source`` that prints ``text`` before its first top-level print."""
    lines = source.splitlines()
    first = next(i for i, x in enumerate(lines) if x.startswith("print("))
    lines.insert(first, f"print({text!r})")
    return "\n".join(lines) + "\n"


def rerun_seconds(runs: dict[str, dict]) -> float:
    """The run time of the edited lesson and of those that continue it."""
    from tutorial_code.sitebuild.lessons import LessonPlan

    plan = LessonPlan(PROJECT, PROJECT / "docs")
    edited = EDITED_LESSON.replace("/", ".")
    ids = {
        lesson.id
        for lesson in plan.lessons
        if lesson.id == edited
        or edited in {x.id for x in plan.upstream[lesson]}
    }
    return sum(runs[x.replace(".", "/")]["seconds"] for x in ids)


def run_all(repeats: int) -> tuple[str, str]:
    """The authoring table and the lesson execution table, in Markdown."""
    with tempfile.TemporaryDirectory() as folder:
        project = copy_project(PROJECT, Path(folder))
        runs: list[dict[str, dict]] = []

        def clean_and_record() -> None:
            clean_build(project)
            runs.append(lesson_runs(project))

        print("  clean builds ...", file=sys.stderr, flush=True)
        clean = timed(clean_and_record, repeats)
        print("  warm rebuilds ...", file=sys.stderr, flush=True)
        warm = timed(lambda: mkdocs_build(project), repeats)
        print("  edits to served ...", file=sys.stderr, flush=True)
        prose, code = edits_to_served(project, repeats)
    with tempfile.TemporaryDirectory() as folder:
        project = copy_project(PROJECT, Path(folder))
        keep_only(project, FIRST_LESSONS)
        print("  clean builds of the first lessons' site ...", file=sys.stderr)
        # Its pages link to pages it lacks: not an error here.
        smaller = timed(lambda: clean_build(project, "--no-strict"), repeats)
    code_goal = min(rerun_seconds(run) for run in runs) + CODE_EDIT_SLACK
    steps = {
        "clean": clean,
        "smaller": smaller,
        "warm": warm,
        "prose": prose,
        "code": code,
    }
    table = authoring_table(steps, len(runs[0]), code_goal)
    return table, lesson_table(runs)


def authoring_table(
    steps: dict[str, Timings], n_lessons: int, code_goal: float
) -> str:
    """The timings of each step of ``run_all``, and their targets."""
    clean, smaller, warm = steps["clean"], steps["smaller"], steps["warm"]
    prose, code = steps["prose"], steps["code"]
    rows = [
        [
            f"a clean build (nothing cached): the whole site, {n_lessons}"
            " lessons",
            clean.cell(),
            "",
            "",
        ],
        [
            "a clean build of a smaller site: the first"
            f" {len(FIRST_LESSONS)} lessons, in four chapters",
            smaller.cell(),
            f"≤ {CLEAN_BUILD_GOAL} s",
            _verdict(smaller.median <= CLEAN_BUILD_GOAL),
        ],
        ["a rebuild with nothing changed", warm.cell(), "", ""],
        [
            "a prose edit saved → the page served again by `make serve`",
            prose.cell(),
            f"≤ {PROSE_GOAL} s",
            _verdict(prose.median <= PROSE_GOAL),
        ],
        [
            f"a code edit in `tutorial_code/{EDITED_LESSON}.py` saved → the"
            " page served again",
            code.cell(),
            f"≤ the run time of the lessons it reruns + {CODE_EDIT_SLACK} s"
            f" = {code_goal:.2f} s",
            _verdict(code.median <= code_goal),
        ],
    ]
    header = ["step", "time (s), min / median", "target", "met"]
    return markdown_table(header, rows)


def _verdict(met: bool) -> str:
    return "yes" if met else "**no**"


def lesson_table(runs: list[dict[str, dict]]) -> str:
    """Each lesson's run time and memory, then each chapter's total and
    the least time that total allows a clean build on this machine."""
    rows = []
    medians: dict[str, float] = {}
    for lesson in runs[0]:
        seconds = Timings([run[lesson]["seconds"] for run in runs])
        peaks = [run[lesson]["peak_megabytes"] for run in runs]
        rows.append([lesson, seconds.cell(), f"{max(peaks):.0f}"])
        # As shown: the totals add up the table, as a reader (or the
        # Execution times page, which reads this table) would.
        medians[lesson] = float(seconds.cell().split(" / ")[1])
    header = ["lesson", "run time (s), min / median", "peak memory (MB)"]
    chapters: dict[str, float] = {}
    for lesson, seconds in medians.items():
        chapter = lesson.split("/")[0]
        chapters[chapter] = chapters.get(chapter, 0.0) + seconds
    total = sum(chapters.values())
    cores = os.cpu_count() or 1
    totals = [[chapter, f"{s:.1f}"] for chapter, s in chapters.items()]
    return f"""{markdown_table(header, rows)}

The medians added up by chapter: {total:.1f} s in all. A clean build runs
the lessons one per core, so it takes at least that total divided by the
cores ({total:.1f} s / {cores} = {total / cores:.1f} s here), before the pages
and notebooks are made.

{markdown_table(["chapter", "lessons' run time (s)"], totals)}
"""
