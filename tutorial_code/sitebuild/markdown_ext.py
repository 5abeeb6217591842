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
  time and peak memory, in reading order, and the library versions.
- ``{{ get_the_code }}``, alone on a line: how to get the site's code and
  run it: ``git clone`` of its repository, when the build knows its address
  (``repo_url``), or a plain instruction when it does not.

A name with no result is logged as a warning, which fails a strict build.
"""

import html
import logging
import re
from pathlib import Path

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

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
        for lesson, run in runs.items():
            page = f"{lesson_path(lesson)}.md"
            peak = run["peak_megabytes"]
            memory = "unknown" if peak is None else f"{peak:.1f} MB"
            title = _title(self.docs_dir / page)
            seconds = format_seconds(run["seconds"])
            rows.append(f"| [{title}](/{page}) | {seconds} | {memory} |")
        total = format_seconds(sum(run["seconds"] for run in runs.values()))
        return [
            "| Lesson | Run time | Peak memory |",
            "| --- | ---: | ---: |",
            *rows,
            f"| **All {len(rows)} lessons** | **{total}** | |",
            "",
            f"Run with {versions_text()}.",
        ]


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
