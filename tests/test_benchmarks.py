"""``make bench`` is not part of ``make test``; this keeps it runnable.

It imports every benchmark module, as ``python -m benchmarks`` does, against
today's code, and describes the machine with the libraries' versions.
"""

import subprocess
import sys

from tutorial_code.sitebuild.project_copy import copy_project
from tutorial_code.sitebuild.results import lesson_path, versions_text

from .conftest import PROJECT


def test_the_benchmarks_import_and_describe_the_machine():
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import benchmarks.__main__\n"
            "from benchmarks import machine\n"
            "print(machine.description())",
        ],
        cwd=PROJECT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "cores available" in done.stdout
    assert versions_text() in done.stdout


def test_the_lesson_table_adds_up_each_chapter(monkeypatch):
    monkeypatch.syspath_prepend(str(PROJECT))
    from benchmarks.authoring import lesson_table

    monkeypatch.setattr("os.cpu_count", lambda: 2)
    run = {"seconds": 1.0, "peak_megabytes": 100.0}
    runs = [
        {"a/x": run, "a/y": {**run, "seconds": 2.0}, "b/z": run},
        {"a/x": run, "a/y": {**run, "seconds": 4.0}, "b/z": run},
    ]
    table = lesson_table(runs)
    assert "| a | 4.0 |" in table  # 1 + the median of 2 and 4
    assert "| b | 1.0 |" in table
    assert "(5.0 s / 2 =\n2.5 s here)" in table


NAV = """\
site_name: A site
nav:
  - Home: index.md
  - First:
      - one/a.md
      - one/kmeans-one.ipynb
  - Going further:
      - Two:
          - two/b.md
      - Three:
          - three/c.md
          - three/d.md
  - Times: times.md
plugins:
  - search
"""


def test_pages_leave_the_navigation_with_the_sections_they_empty():
    from benchmarks.smaller_site import without_pages

    gone = {"one/a.md", "one/kmeans-one.ipynb", "two/b.md", "three/d.md"}
    assert without_pages(NAV, gone) == (
        "site_name: A site\n"
        "nav:\n"
        "  - Home: index.md\n"
        "  - Going further:\n"
        "      - Three:\n"
        "          - three/c.md\n"
        "  - Times: times.md\n"
        "plugins:\n"
        "  - search\n"
    )


def test_the_site_of_issue_14_has_its_lessons_and_their_notebooks(tmp_path):
    from benchmarks.smaller_site import ISSUE_14_LESSONS, keep_only
    from tutorial_code.sitebuild.lessons import find_lessons

    project = copy_project(PROJECT, tmp_path)
    keep_only(project, ISSUE_14_LESSONS)
    lessons = find_lessons(project, project / "docs")
    assert sorted(lesson_path(x.id) for x in lessons) == sorted(
        ISSUE_14_LESSONS
    )
    nav = (project / "mkdocs.yml").read_text().split("\nnav:\n")[1]
    pages = {line.strip("- ").split(": ")[-1] for line in nav.splitlines()}
    assert {f"{page}.md" for page in ISSUE_14_LESSONS} <= pages
    notebooks = {page for page in pages if page.endswith(".ipynb")}
    chapters = {lesson.chapter for lesson in lessons}
    assert notebooks == {f"{c}/kmeans-{c}.ipynb" for c in chapters}
