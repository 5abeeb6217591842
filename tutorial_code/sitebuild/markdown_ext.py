"""Markdown extension: put a lesson's numbers, output and figures in a page.

Each form names a lesson as ``<half>.<name>``, e.g. ``digits.evaluation``:

- ``{{ digits.evaluation.hungarian_accuracy:.1% }}``, anywhere in a line:
  that variable's value when the lesson ended, with an optional format spec.
  A list reads "1, 2 and 8" ("none" if empty); ``sizes[3]`` or
  ``sizes[largest]`` picks an item by number or by another variable, and
  ``seconds[full]`` the item of a dict by its key. A true/false value
  takes the words to say for each: ``{{ half.lesson.same:is|is not }}``.
- ``{{ output digits.evaluation:hungarian }}``, alone on a line: what that
  section printed, as a text block.
- ``{{ figure digits.cluster_centres:centres "alt text" }}``, alone on a
  line: the figure that section drew, in a light and a dark variant
  (Material's ``#only-light`` and ``#only-dark``).
- ``{{ execution_times }}``, alone on a line: a table of every lesson's run
  time and peak memory (in a fixed order, so that two builds differ only in
  the measurements), and the library versions.

A name with no result is logged as a warning, which fails a strict build.
"""

import json
import logging
import re
from pathlib import Path

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from tutorial_code.sitebuild.lessons import library_versions

log = logging.getLogger("mkdocs.tutorial_code.markdown_ext")

VALUE = re.compile(
    r"\{\{\s*(?P<lesson>\w+\.\w+)\.(?P<name>\w+)(?:\[(?P<index>\w+)\])?"
    r"(?::(?P<spec>[^}]*?))?\s*\}\}"
)
EXECUTION_TIMES = re.compile(r"^\{\{\s*execution_times\s*\}\}\s*$")
BLOCK = re.compile(
    r"^(?P<indent>\s*)\{\{\s*(?P<kind>output|figure)\s+"
    r"(?P<lesson>\w+\.\w+):(?P<section>[\w-]+)"
    r'(?:\s+"(?P<alt>[^"]+)")?\s*\}\}\s*$'
)


class LessonResults:
    """The lessons' results, read from the build's results folder."""

    def __init__(self, results_dir: Path) -> None:
        self.results_dir = results_dir
        self._results: dict[str, dict] = {}

    def __getitem__(self, lesson: str) -> dict:
        if lesson not in self._results:
            folder = self.results_dir.joinpath(*lesson.split("."))
            try:
                text = (folder / "results.json").read_text(encoding="utf-8")
                self._results[lesson] = json.loads(text)
            except OSError:
                self._results[lesson] = {}
        return self._results[lesson]

    def lessons(self) -> list[str]:
        """Ids of every lesson that has results."""
        paths = sorted(self.results_dir.glob("*/*/results.json"))
        return [f"{p.parent.parent.name}.{p.parent.name}" for p in paths]

    def substitute_values(self, line: str) -> str:
        """Replace every ``{{ <half>.<lesson>.<name> }}`` in ``line``."""
        return VALUE.sub(self._value, line)

    def _value(self, match: re.Match) -> str:
        values = self[match["lesson"]].get("values", {})
        name, index = match["name"], match["index"]
        try:
            value = values[name]
            if isinstance(value, dict):
                value = value[index]
            elif index is not None:
                value = value[int(index) if index.isdigit() else values[index]]
        except (KeyError, IndexError, TypeError):
            return _missing(match[0].strip("{} "))
        return format_value(value, match["spec"] or "")


class LessonResultsPreprocessor(Preprocessor):
    def __init__(
        self,
        md: Markdown,
        results: LessonResults,
        figures_url: str,
        docs_dir: Path,
    ) -> None:
        super().__init__(md)
        self.results = results
        self.figures_url = figures_url.rstrip("/")
        self.docs_dir = docs_dir

    def run(self, lines: list[str]) -> list[str]:
        expanded = []
        for line in lines:
            if EXECUTION_TIMES.match(line):
                expanded += self._execution_times()
                continue
            block = BLOCK.match(line)
            if block is None:
                expanded.append(self.results.substitute_values(line))
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
        folder = f"{self.figures_url}/{lesson.replace('.', '/')}"
        size = f'width="{figure["width"]}" height="{figure["height"]}"'
        return [
            f"![{alt}]({folder}/{figure[scheme]}#only-{scheme})"
            f'{{ {size} loading="lazy" }}'
            for scheme in ("light", "dark")
        ]

    def _execution_times(self) -> list[str]:
        runs = {x: self.results[x].get("run") for x in self.results.lessons()}
        if not runs or None in runs.values():
            return [_missing("run times of the lessons")]
        rows = []
        for lesson, run in runs.items():
            page = f"{lesson.replace('.', '/')}.md"
            peak = run["peak_megabytes"]
            memory = "unknown" if peak is None else f"{peak:.1f} MB"
            title = _title(self.docs_dir / page)
            rows.append(
                f"| [{title}](/{page}) | {run['seconds']:.2f} s | {memory} |"
            )
        total = sum(run["seconds"] for run in runs.values())
        versions = ", ".join(f"{k} {v}" for k, v in library_versions().items())
        return [
            "| Lesson | Run time | Peak memory |",
            "| --- | ---: | ---: |",
            *rows,
            f"| **All {len(rows)} lessons** | **{total:.2f} s** | |",
            "",
            f"Run with {versions}.",
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
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown API)
        preprocessor = LessonResultsPreprocessor(
            md,
            LessonResults(Path(self.getConfig("results_dir"))),
            self.getConfig("figures_url"),
            Path(self.getConfig("docs_dir")),
        )
        # Before pymdownx.snippets (32), so embedded code is never touched.
        md.preprocessors.register(preprocessor, "lesson_results", 33)


def makeExtension(**kwargs) -> LessonResultsExtension:  # noqa: N802
    return LessonResultsExtension(**kwargs)
