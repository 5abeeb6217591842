"""Markdown extension: put a lesson's numbers, output and figures in a page.

Each form names a lesson as ``<chapter>.<name>``, e.g. ``digits.evaluation``:

- ``{{ digits.evaluation.hungarian_accuracy:.1% }}``, anywhere in a line:
  that variable's value when the lesson ended, with an optional format spec.
  A list reads "1, 2 and 8" ("none" if empty); ``sizes[3]`` or
  ``sizes[largest]`` picks an item by number or by another variable, and
  ``seconds[full]`` the item of a dict by its key. A true/false value
  takes the words to say for each: ``{{ chapter.lesson.same:is|is not }}``.
  A measurement (a name with "seconds" or "peak") comes in a
  ``<span class="measurement">``, so that comparisons of builds skip it.
- ``{{ output digits.evaluation:hungarian }}``, alone on a line: what that
  section printed, as a text block.
- ``{{ figure digits.cluster_centres:centres "alt text" }}``, alone on a
  line: the figure that section drew, in a light and a dark variant
  (Material's ``#only-light`` and ``#only-dark``), each a link to itself
  at full size. The alt text may quote values, as plain text.
- ``{{ claim digits.evaluation:never_lower }}``, anywhere in a line: shows
  nothing; it marks a sentence that rests on a claim the lesson checked
  (``tutorial_code.claims``), and fails the build if there is no such claim.
- ``{{ execution_times }}``, alone on a line: a table of every lesson's run
  time and peak memory, in reading order, and the library versions; then
  the run times against the medians ``make bench`` recorded.
- ``{{ get_the_code }}``, alone on a line: how to get the site's code and
  run it: ``git clone`` of its repository, when the build knows its address
  (``repo_url``), or a plain instruction when it does not.
- ``{{ install_checks }}``, alone on a line: how to install the exercise
  checks: ``pip install`` of the repository (with its address when known).

A name with no result is logged as a warning, which fails a strict build.
"""

import html
import logging
import re
from pathlib import Path

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from tutorial_code.sitebuild.lessons import (
    BENCHMARK_RESULTS,
    benchmarked_seconds,
)
from tutorial_code.sitebuild.results import (
    LessonResults,
    is_measurement,
    lesson_path,
    versions_text,
)

log = logging.getLogger("mkdocs.tutorial_code.markdown_ext")

VALUE = re.compile(
    r"(?P<tick>`?)"  # a value shown as code: `{{ ... }}`
    r"\{\{\s*(?P<lesson>\w+\.\w+)\.(?P<name>\w+)(?:\[(?P<index>\w+)\])?"
    r"(?::(?P<spec>[^}]*?))?\s*\}\}(?P=tick)"
)
CLAIM = re.compile(r"\{\{\s*claim\s+(?P<lesson>\w+\.\w+):(?P<name>\w+)\s*\}\}")
EXECUTION_TIMES = re.compile(r"^\{\{\s*execution_times\s*\}\}\s*$")
GET_THE_CODE = re.compile(r"^\{\{\s*get_the_code\s*\}\}\s*$")
INSTALL_CHECKS = re.compile(r"^\{\{\s*install_checks\s*\}\}\s*$")
RUN_IT = [
    "make serve   # installs everything into .venv, then serves the site",
    "make test    # runs every test",
]
BLOCK = re.compile(
    r"^(?P<indent>\s*)\{\{\s*(?P<kind>output|figure)\s+"
    r"(?P<lesson>\w+\.\w+):(?P<section>[\w-]+)"
    r'(?:\s+"(?P<alt>[^"]+)")?\s*\}\}\s*$'
)
# Any reference to a lesson's results, for finding the lessons a page uses.
REFERENCE = re.compile(
    r"\{\{\s*(?:output\s+|figure\s+|claim\s+)?(\w+\.\w+)[.:]"
)


def substitute_values(
    line: str, results: LessonResults, *, markup: bool = True
) -> str:
    """Replace every ``{{ <chapter>.<lesson>.<name> }}`` in ``line``.

    ``markup=False``: as plain text (in an alt text), without the code span
    and the measurement mark.
    """

    def value(match: re.Match) -> str:
        values = results[match["lesson"]].get("values", {})
        name, index = match["name"], match["index"]
        try:
            found = values[name]
            if isinstance(found, dict):
                found = found[index]
            elif index is not None:
                found = found[int(index) if index.isdigit() else values[index]]
        except (KeyError, IndexError, TypeError):
            return _missing(match[0].strip("{} "))
        text = format_value(found, match["spec"] or "")
        if not markup:
            return text
        if not is_measurement(name):
            return f"`{text}`" if match["tick"] else text
        # Marked, for the tests that compare builds; as HTML, since a code
        # span would show the mark itself.
        if match["tick"]:
            text = f"<code>{html.escape(text)}</code>"
        return f'<span class="measurement">{text}</span>'

    line = CLAIM.sub(lambda match: checked_claim(match, results), line)
    return VALUE.sub(value, line)


def checked_claim(match: re.Match, results: LessonResults) -> str:
    """Nothing, for a claim the lesson checked; else a missing-result mark."""
    if match["name"] in results[match["lesson"]].get("claims", {}):
        return ""
    return _missing(f"claim {match['lesson']}:{match['name']}")


def format_seconds(seconds: float) -> str:
    """A run time that shows something: ``12.3 ms`` under 0.1 s."""
    if seconds < 0.1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s"


class LessonResultsPreprocessor(Preprocessor):
    def __init__(
        self,
        md: Markdown,
        results: LessonResults,
        figures_url: str,
        docs_dir: Path,
        reading_order: list[str],
        repo_url: str,
    ) -> None:
        super().__init__(md)
        self.results = results
        self.figures_url = figures_url.rstrip("/")
        self.docs_dir = docs_dir
        self.reading_order = reading_order
        self.repo_url = repo_url

    def run(self, lines: list[str]) -> list[str]:
        expanded = []
        for line in lines:
            if EXECUTION_TIMES.match(line):
                expanded += self._execution_times()
                continue
            if GET_THE_CODE.match(line):
                expanded += get_the_code(self.repo_url)
                continue
            if INSTALL_CHECKS.match(line):
                expanded += install_checks(self.repo_url)
                continue
            block = BLOCK.match(line)
            if block is None:
                expanded.append(substitute_values(line, self.results))
                continue
            new_lines = self._block(
                block["kind"], block["lesson"], block["section"], block["alt"]
            )
            indent = block["indent"]
            expanded += [indent + new if new else "" for new in new_lines]
        return expanded

    def _block(
        self, kind: str, lesson: str, section: str, alt: str | None
    ) -> list[str]:
        results = self.results[lesson]
        where = f"{lesson}:{section}"
        if kind == "output":
            printed = results.get("outputs", {}).get(section)
            if not printed:
                return [_missing(f"printed output of {where}")]
            return ['```text title="Output"', *printed.splitlines(), "```"]
        figure = results.get("figures", {}).get(section)
        if figure is None:
            return [_missing(f"figure of {where}")]
        if not alt:
            return [_missing(f'alt text ("...") for the figure of {where}')]
        alt = substitute_values(alt, self.results, markup=False)
        folder = f"{self.figures_url}/{lesson_path(lesson)}"
        size = f'width="{figure["width"]}" height="{figure["height"]}"'
        lines = []
        for scheme in ("light", "dark"):
            src = f"{folder}/{figure[scheme]}#only-{scheme}"
            image = f'![{alt}]({src}){{ {size} loading="lazy" }}'
            # A click opens the image at full size, offline too.
            lines.append(
                f'[{image}]({src}){{ .figure-link title="Open full size" }}'
            )
        return lines

    def _execution_times(self) -> list[str]:
        runs = {x: self.results[x].get("run") for x in self.reading_order}
        if not runs or None in runs.values():
            return [_missing("run times of the lessons")]
        rows = []
        links = {}
        for lesson, run in runs.items():
            page = f"{lesson_path(lesson)}.md"
            peak = run["peak_megabytes"]
            memory = "unknown" if peak is None else f"{peak:.1f} MB"
            links[lesson] = f"[{_title(self.docs_dir / page)}](/{page})"
            seconds = format_seconds(run["seconds"])
            rows.append(f"| {links[lesson]} | {seconds} | {memory} |")
        total = format_seconds(sum(run["seconds"] for run in runs.values()))
        benchmarked = benchmarked_seconds(
            self.docs_dir.parent / BENCHMARK_RESULTS
        )
        seconds = {lesson: run["seconds"] for lesson, run in runs.items()}
        return [
            "| Lesson | Run time | Peak memory |",
            "| --- | ---: | ---: |",
            *rows,
            f"| **All {len(rows)} lessons** | **{total}** | |",
            "",
            f"Run with {versions_text()}.",
            "",
            *compared_with_benchmarks(seconds, benchmarked, links),
        ]


def compared_with_benchmarks(
    seconds: dict[str, float],
    benchmarked: dict[str, float],
    links: dict[str, str],
    shown: int = 3,
) -> list[str]:
    """Markdown: the lessons' run times on the page against the medians
    of ``make bench`` (``benchmarked``), and the ``shown`` lessons furthest
    from theirs, of those more than half of it (and a second) away."""
    timed = [x for x in seconds if x in benchmarked]
    if not timed:
        return []
    count = "one lesson" if len(timed) == 1 else f"{len(timed)} lessons"
    if len(timed) < len(seconds):
        count += " that `make bench` also timed"
    here = format_seconds(sum(seconds[x] for x in timed))
    # As the Benchmarks page adds them up.
    there = f"{sum(benchmarked[x] for x in timed):.1f} s"
    total = (
        f"Here, the {count} took {here} in all; the medians of"
        f" `make bench`'s clean builds add up to {there} for"
        f" {'it' if len(timed) == 1 else 'them'} (see"
        " [Benchmarks](/benchmarks.md))."
    )

    def gap(lesson: str) -> float:
        return abs(seconds[lesson] - benchmarked[lesson])

    far = sorted(
        (x for x in timed if gap(x) > max(1.0, benchmarked[x] / 2)),
        key=gap,
        reverse=True,
    )
    items = [
        f"{links[x]} ({format_seconds(seconds[x])} here, median"
        f" {format_seconds(benchmarked[x])})"
        for x in far[:shown]
    ]
    if len(far) > shown:
        items.append(f"{len(far) - shown} more")
    if not far:
        differ = (
            "Every lesson's time is within half its median, or within a"
            " second of it."
        )
    elif len(far) == 1:
        differ = (
            "The one lesson whose time differs from its median by more than"
            f" half (and by more than a second): {items[0]}."
        )
    else:
        differ = (
            "The lessons whose times differ from their medians by more than"
            " half (and by more than a second), furthest first:"
            f" {', '.join(items[:-1])} and {items[-1]}."
        )
    return [total, "", differ]


def get_the_code(repo_url: str) -> list[str]:
    """Markdown lines: how to get the code and run it."""
    if not repo_url:
        return [
            "Get a copy of the site's source repository; then, in its folder:",
            "",
            "```bash",
            *RUN_IT,
            "```",
        ]
    folder = repo_url.rstrip("/").rsplit("/", 1)[-1]
    return [
        f"The site's source is in [{repo_url}]({repo_url}):",
        "",
        "```bash",
        f"git clone {repo_url}",
        f"cd {folder}",
        *RUN_IT,
        "```",
    ]


def install_checks(repo_url: str) -> list[str]:
    """Markdown lines: how to install the exercise checks (the package)."""
    if not repo_url:
        return [
            "Get a copy of the site's source repository; then, in its folder "
            "(in the environment your notebook runs in):",
            "",
            "```bash",
            "pip install .",
            "```",
        ]
    return [
        "Install them with this site's code, in the environment your "
        "notebook runs in:",
        "",
        "```bash",
        f'pip install "git+{repo_url.rstrip("/")}"',
        "```",
    ]


def _title(page: Path) -> str:
    """A page's first-level heading, or its file name."""
    try:
        lines = page.read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    titles = [line[2:].strip() for line in lines if line.startswith("# ")]
    return titles[0] if titles else page.stem


def format_value(value, spec: str) -> str:
    """Format a lesson value for prose: lists read "a, b and c".

    A true/false value takes the words for each: ``:was|was not``.
    """
    if isinstance(value, bool) and "|" in spec:
        when_true, when_false = spec.split("|", 1)
        return when_true if value else when_false
    if not isinstance(value, list):
        return format(value, spec)
    items = [format(item, spec) for item in value]
    if len(items) <= 1:
        return items[0] if items else "none"
    return ", ".join(items[:-1]) + " and " + items[-1]


def _missing(what: str) -> str:
    log.warning(
        "No lesson result for %s: check the name, rerun the build", what
    )
    return f"**[missing: {what}]**"


class LessonResultsExtension(Extension):
    def __init__(self, **kwargs) -> None:
        self.config = {
            "results_dir": [".cache/lessons", "Folder of lesson results"],
            "figures_url": ["/figures", "Site path of the figures"],
            "docs_dir": ["docs", "Folder of the pages"],
            "reading_order": [[], "Lesson ids in navigation order"],
            "repo_url": ["", "Address of the site's repository, if known"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown API)
        preprocessor = LessonResultsPreprocessor(
            md,
            LessonResults(Path(self.getConfig("results_dir"))),
            self.getConfig("figures_url"),
            Path(self.getConfig("docs_dir")),
            list(self.getConfig("reading_order")),
            self.getConfig("repo_url"),
        )
        # Before pymdownx.snippets (32), so embedded code is never touched.
        md.preprocessors.register(preprocessor, "lesson_results", 33)


def makeExtension(**kwargs) -> LessonResultsExtension:  # noqa: N802
    return LessonResultsExtension(**kwargs)
