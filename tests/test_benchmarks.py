"""``make bench`` is not part of ``make test``; this keeps it runnable, and
its results readable.

It imports every benchmark module, as ``python -m benchmarks`` does, against
today's code, and describes the machine with the libraries' versions. The
text it writes, and the pages that show it, speak to readers: comparisons
read the right way round, and no word is meant for the site's authors.
"""

import html
import re
import subprocess
import sys

import pytest

from tutorial_code.sitebuild.lessons import BENCHMARK_RESULTS
from tutorial_code.sitebuild.project_copy import copy_project
from tutorial_code.sitebuild.results import lesson_path, versions_text

from .conftest import DOCS, PROJECT

# Words for the site's authors, not its readers: "issue 14", "commit
# 3fb3e7f", "the goal set by ...".
AUTHOR_WORDS = re.compile(r"\b(issues?|commits?|goals? set)\b", re.IGNORECASE)
COMMIT_HASH = re.compile(
    r"\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{7,40}\b"
)
PAGES = ("benchmarks", "execution_times")


@pytest.fixture(autouse=True)
def _benchmarks_importable(monkeypatch):
    """``benchmarks`` is a folder of the project, not an installed package."""
    monkeypatch.syspath_prepend(str(PROJECT))


def author_facing(text: str) -> list[str]:
    found = [m[0] for m in AUTHOR_WORDS.finditer(text)]
    return found + [m[0] for m in COMMIT_HASH.finditer(text)]


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
    assert "5.0 s in all" in table
    assert "(5.0 s / 2 = 2.5 s here)" in " ".join(table.split())


def test_the_lesson_totals_add_up_the_medians_as_shown(monkeypatch):
    """Three medians of 1.004 s show as 1.00: the total reads 3.0, not 3.01
    rounded from what the table does not show."""
    from benchmarks.authoring import lesson_table

    run = {"seconds": 1.004, "peak_megabytes": 100.0}
    table = lesson_table([{"a/x": run, "a/y": run, "a/z": run}])
    assert "| a/x | 1.00 / 1.00 |" in table
    assert "3.0 s in all" in table


def test_both_pages_add_up_the_lesson_medians_to_one_total():
    """One number, one place: the Benchmarks page's total of the lessons'
    medians is the total the Execution times page compares with."""
    from tutorial_code.sitebuild.lessons import benchmarked_seconds

    results = PROJECT / BENCHMARK_RESULTS
    text = " ".join(results.read_text(encoding="utf-8").split())
    total = f"{sum(benchmarked_seconds(results).values()):.1f} s"
    assert f"by chapter: {total} in all" in text


@pytest.mark.parametrize(
    ("ours", "theirs", "text"),
    [
        (0.08, 13.56, "ours 170 times faster"),
        (0.08, 0.16, "ours 2.0 times faster"),
        (0.16, 0.08, "ours 2.0 times slower"),
        (2.0, 0.05, "ours 40 times slower"),
        (1.0, 1.09, "about as fast as ours"),
        (1.09, 1.0, "about as fast as ours"),
        (1.0, 1.0, "about as fast as ours"),
    ],
)
def test_the_speed_column_reads_from_ours_both_ways(ours, theirs, text):
    from benchmarks.quantizers import speed_compared

    assert speed_compared(ours, theirs) == text


@pytest.mark.parametrize(
    ("ours", "theirs", "text"),
    [
        (27.55, 27.44, "ours 0.11 dB higher"),
        (20.0, 27.5, "ours 7.50 dB lower"),
        (27.551, 27.549, "the same as ours"),
    ],
)
def test_the_psnr_column_reads_from_ours_both_ways(ours, theirs, text):
    from benchmarks.quantizers import psnr_compared

    assert psnr_compared(ours, theirs) == text


def test_the_quantizer_table_compares_each_method_with_ours():
    from benchmarks.quantizers import OURS, table

    def result(seconds: list[float], psnr: float) -> dict:
        return {"seconds": seconds, "psnr": psnr, "peak_mb": 10.0}

    results = {
        OURS: result([1.0, 1.0, 1.2], 27.0),
        "KMeans": result([30.0], 27.5),
        "Pillow fast octree": result([0.2, 0.25, 0.3], 20.0),
        "MiniBatchKMeans": "did not finish in 120 s",
    }
    lines = table(results).splitlines()
    rows = {
        cells[0].strip("*"): cells[1:]
        for cells in (line.strip("| ").split(" | ") for line in lines[2:])
    }
    assert lines[0].split(" | ")[2] == "speed"
    assert rows[OURS][1] == rows[OURS][3] == ""  # nothing to compare
    assert rows["KMeans"][:4] == [
        "30.00 (one run)",
        "ours 30 times faster",
        "27.50",
        "ours 0.50 dB lower",
    ]
    assert rows["Pillow fast octree"][1] == "ours 4.0 times slower"
    assert rows["Pillow fast octree"][3] == "ours 7.00 dB higher"
    assert rows["MiniBatchKMeans"][0] == "did not finish in 120 s"


def test_the_results_speak_to_readers(monkeypatch, tmp_path):
    """What ``make bench`` writes, around its tables, has no words meant
    for the site's authors."""
    from benchmarks import __main__ as bench
    from benchmarks import authoring, machine, quantizers

    monkeypatch.setattr(quantizers, "run_all", lambda *_: "QUANTIZERS")
    monkeypatch.setattr(authoring, "run_all", lambda *_: ("BUILDS", "RUNS"))
    monkeypatch.setattr(machine, "description", lambda: "- MACHINE")
    output = tmp_path / "results.md"
    monkeypatch.setattr(sys, "argv", ["benchmarks", "--output", str(output)])
    assert bench.main() == 0
    text = output.read_text(encoding="utf-8")
    assert all(x in text for x in ("QUANTIZERS", "BUILDS", "RUNS", "MACHINE"))
    assert not author_facing(text)


@pytest.mark.parametrize(
    "path",
    [*(f"docs/{page}.md" for page in PAGES), BENCHMARK_RESULTS],
)
def test_the_pages_speak_to_readers(path):
    assert not author_facing((PROJECT / path).read_text(encoding="utf-8"))


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_the_built_pages_speak_to_readers(site, page):
    text = (site / page / "index.html").read_text(encoding="utf-8")
    article = text.split("<article", 1)[1].split("</article>", 1)[0]
    words = html.unescape(re.sub(r"<[^>]+>", " ", article))
    assert not author_facing(words)


def test_the_benchmarks_page_says_where_its_numbers_come_from():
    """They are measured by ``make bench``, not when the site is built, and
    the page does not say both."""
    page = " ".join((DOCS / "benchmarks.md").read_text().split())
    assert "not computed when the site is built: `make bench`" in page
    assert "computed when the site was built" not in page


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


def test_the_site_of_the_first_lessons_has_them_and_their_notebooks(tmp_path):
    from benchmarks.smaller_site import FIRST_LESSONS, keep_only
    from tutorial_code.sitebuild.lessons import find_lessons

    project = copy_project(PROJECT, tmp_path)
    keep_only(project, FIRST_LESSONS)
    lessons = find_lessons(project, project / "docs")
    assert sorted(lesson_path(x.id) for x in lessons) == sorted(FIRST_LESSONS)
    nav = (project / "mkdocs.yml").read_text().split("\nnav:\n")[1]
    pages = {line.strip("- ").split(": ")[-1] for line in nav.splitlines()}
    assert {f"{page}.md" for page in FIRST_LESSONS} <= pages
    notebooks = {page for page in pages if page.endswith(".ipynb")}
    chapters = {lesson.chapter for lesson in lessons}
    assert notebooks == {f"{c}/kmeans-{c}.ipynb" for c in chapters}


def compared(seconds: dict, benchmarked: dict) -> str:
    from tutorial_code.sitebuild.markdown_ext import compared_with_benchmarks

    links = {x: f"[{x}](/{x}.md)" for x in seconds}
    return " ".join(compared_with_benchmarks(seconds, benchmarked, links))


def test_the_execution_times_page_gives_the_benchmarked_total():
    text = compared({"a.x": 2.0, "a.y": 3.0}, {"a.x": 1.5, "a.y": 2.74})
    assert text.startswith(
        "Here, the 2 lessons took 5.00 s in all; the medians of `make"
        " bench`'s clean builds add up to 4.2 s for them"
    )
    assert "Every lesson's time is within half its median" in text
    one = compared({"a.x": 2.0, "a.new": 1.0}, {"a.x": 1.5})
    assert "the one lesson that `make bench` also timed took 2.00 s" in one
    assert "add up to 1.5 s for it" in one
    assert compared({"a.x": 2.0}, {}) == ""  # never benchmarked


def test_the_execution_times_page_names_the_lessons_far_from_their_median():
    # a.x: 1.6 s away, more than half of 3 s; a.y: half and under a second
    one = compared({"a.x": 4.6, "a.y": 1.0}, {"a.x": 3.0, "a.y": 0.5})
    assert (
        "The one lesson whose time differs from its median by more than"
        " half (and by more than a second): [a.x](/a.x.md) (4.60 s here,"
        " median 3.00 s)."
    ) in one
    seconds = {f"a.{i}": 10.0 + i for i in range(5)}
    five = compared(seconds, dict.fromkeys(seconds, 1.0))
    assert "The lessons whose times differ from their medians" in five
    # the furthest first, three of them, then how many more
    assert "[a.4](/a.4.md) (14.00 s here, median 1.00 s), [a.3]" in five
    assert "[a.2](/a.2.md) (12.00 s here, median 1.00 s) and 2 more." in five
    shorter = compared({"a.x": 1.0}, {"a.x": 5.0})  # faster than its median
    assert "(1.00 s here, median 5.00 s)" in shorter


@pytest.mark.slow
def test_the_built_benchmarks_page_never_says_the_build_computed_it(site):
    """Its numbers come from ``make bench``: the footer of the pages whose
    numbers the build computed is not on it."""
    text = (site / "benchmarks/index.html").read_text(encoding="utf-8")
    assert "computed when the site was built" not in " ".join(text.split())
    times = (site / "execution_times/index.html").read_text(encoding="utf-8")
    assert "computed when the site was built" in " ".join(times.split())
