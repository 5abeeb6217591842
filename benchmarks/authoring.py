"""What authors feel: clean build, warm rebuild, and edit-to-served time.

Everything runs in a copy of the project, so the checkout's cache and pages
are left alone.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from benchmarks.stats import Timings, markdown_table, timed
from tutorial_code.sitebuild.preview import site_path
from tutorial_code.sitebuild.project_copy import copy_project

PROJECT = Path(__file__).resolve().parent.parent
EDITED_PAGE = "colours/results"  # a lesson page, edited in its prose
ENVIRONMENT = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def mkdocs_build(project: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet"],
        cwd=project,
        env=ENVIRONMENT,
        check=True,
        capture_output=True,
    )


def clean_build(project: Path) -> None:
    """A build with the figure cache emptied and no site left over."""
    for folder in (".cache", "site"):
        shutil.rmtree(project / folder, ignore_errors=True)
    mkdocs_build(project)


def lesson_runs(project: Path) -> dict[str, dict]:
    """Seconds and peak memory of each lesson in the last build."""
    runs = {}
    for path in sorted((project / ".cache/lessons").glob("*/*/results.json")):
        results = json.loads(path.read_text())
        runs[f"{path.parent.parent.name}/{path.parent.name}"] = results["run"]
    return runs


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def page_text(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()
    except OSError:
        return ""


def edit_to_served(
    project: Path, repeats: int, timeout: float = 120
) -> Timings:
    """Seconds from saving a prose edit to ``mkdocs serve`` serving it."""
    port = free_port()
    # mkdocs serve serves the site under the path of site_url.
    mount = site_path(project / "mkdocs.yml")
    url = f"http://127.0.0.1:{port}{mount}{EDITED_PAGE}/"
    page = project / "docs" / f"{EDITED_PAGE}.md"
    original = page.read_text()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],
        cwd=project,
        env=ENVIRONMENT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: page_text(url) != "", timeout)
        seconds = []
        for attempt in range(repeats):
            marker = f"Edited for the benchmark, time {attempt}."
            time.sleep(1)  # let the watcher settle after the last rebuild
            start = time.perf_counter()
            page.write_text(f"{original}\n{marker}\n")
            wait_for(lambda: marker in page_text(url), timeout)  # noqa: B023
            seconds.append(time.perf_counter() - start)
        return Timings(seconds)
    finally:
        server.terminate()
        server.wait()
        page.write_text(original)


def wait_for(condition, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("mkdocs serve did not serve the page in time")
        time.sleep(0.02)


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
        print("  edit to served ...", file=sys.stderr, flush=True)
        served = edit_to_served(project, repeats)
    rows = [
        ["clean `mkdocs build` (cache emptied)", clean.cell(), "≤ 30 s"],
        ["warm rebuild, nothing changed", warm.cell(), ""],
        [
            "prose edit saved → page served by `mkdocs serve`",
            served.cell(),
            f"≤ 0.1 x clean build = {0.1 * clean.median:.2f} s",
        ],
    ]
    authoring = markdown_table(["step", "min / median (s)", "goal"], rows)
    return authoring, lesson_table(runs)


def lesson_table(runs: list[dict[str, dict]]) -> str:
    rows = []
    for lesson in runs[0]:
        seconds = Timings([run[lesson]["seconds"] for run in runs])
        peaks = [run[lesson]["peak_megabytes"] for run in runs]
        rows.append([lesson, seconds.cell(), f"{max(peaks):.0f}"])
    header = ["lesson", "run time, min / median (s)", "peak memory (MB)"]
    return markdown_table(header, rows)
