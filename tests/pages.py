"""Read the lessons' pages as a reader sees them, in the built site."""

import html
import re
from pathlib import Path

import yaml

from tutorial_code.sitebuild.lessons import Lesson, find_lessons

from .conftest import DOCS, PROJECT

_BLOCK = re.compile(
    r'<div class="language-(?P<language>\w+) highlight">'
    r"(?:<span class=\"filename\">(?P<title>[^<]*)</span>)?"
    r"<pre>.*?<code>(?P<code>.*?)</code></pre></div>",
    re.DOTALL,
)


# Measurements are the only numbers that differ from run to run: timings and
# memory peaks. Lessons print and quote timings with decimals, in seconds
# ("4.31 s") or milliseconds ("12.5 ms"), peaks in megabytes with decimals
# ("18.6 MB"), and keep them in variables whose names contain "seconds" or
# "peak".
_MEASUREMENT = re.compile(r" *\d+\.\d+ (?:s|ms|MB)\b")  # with padding, unit


# Quoted in prose, a measurement is marked (sitebuild/markdown_ext.py).
_MARKED = re.compile(r'<span class="measurement">.*?</span>')


def without_measurements(text: str) -> str:
    return _MEASUREMENT.sub("<measured>", _MARKED.sub("<measured>", text))


def nav_urls() -> list[str]:
    """The site path of every page in the navigation, in order."""
    config = yaml.load((PROJECT / "mkdocs.yml").read_text(), yaml.BaseLoader)
    paths: list[str] = []

    def walk(item) -> None:
        if isinstance(item, str):
            paths.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        else:
            for value in item:
                walk(value)

    walk(config["nav"])
    urls = []
    for path in paths:
        stem = path.rsplit(".", 1)[0]
        urls.append("" if stem == "index" else f"{stem}/")
    return urls


def lessons() -> list[Lesson]:
    return find_lessons(PROJECT, DOCS)


def lesson_pages() -> list[Lesson]:
    """The lessons that teach: every lesson but the chapters' exercises
    (which have a notebook of their own, without solutions)."""
    return [lesson for lesson in lessons() if not lesson.is_exercises]


def exercise_pages() -> list[Lesson]:
    """Each chapter's exercises."""
    return [lesson for lesson in lessons() if lesson.is_exercises]


def page_html(site: Path, lesson: Lesson) -> str:
    path = site / lesson.chapter / lesson.name / "index.html"
    return path.read_text(encoding="utf-8")


def code_blocks(page: str) -> list[tuple[str, str | None, str]]:
    """(language, title, text) of every code block, in page order."""
    return [
        (
            m["language"],
            m["title"],
            html.unescape(re.sub("<[^>]+>", "", m["code"])),
        )
        for m in _BLOCK.finditer(page)
    ]


def reading_order(lesson: Lesson) -> list[Lesson]:
    """The lessons to run before this one (transitively), then this one."""
    by_id = {x.id: x for x in lessons()}
    order: list[Lesson] = []

    def visit(current: Lesson) -> None:
        for prerequisite in current.prerequisites(PROJECT):
            if prerequisite in by_id and by_id[prerequisite] not in order:
                visit(by_id[prerequisite])
        order.append(current)

    visit(lesson)
    return order
