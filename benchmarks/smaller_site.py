"""A copy of the site with fewer lessons: the one issue 14 set a goal for.

Issue 14 asked for a clean build in 30 s "with today's four halves": the
site of commit 3fb3e7f, four chapters and the 16 lessons below. The site
has grown since (a chapter's lessons run for as long as they run), so the
benchmarks time both: the whole site, and the site the goal was set for,
built from today's code by today's machinery.
"""

from pathlib import Path

from tutorial_code.sitebuild.lessons import find_lessons
from tutorial_code.sitebuild.notebooks import notebook_name
from tutorial_code.sitebuild.results import lesson_path

FIRST_LESSONS = (
    "digits/loading_and_fitting",
    "digits/cluster_centres",
    "digits/evaluation",
    "digits/confusion_matrix",
    "colours/sample_image",
    "colours/quantization",
    "colours/results",
    "colours/own_image",
    "digits_further/stability",
    "digits_further/choosing_k",
    "digits_further/embedding",
    "digits_further/mistakes",
    "colours_further/quality_vs_k",
    "colours_further/rivals",
    "colours_further/perceptual",
    "colours_further/dithering",
)


def keep_only(project: Path, kept: tuple[str, ...]) -> None:
    """Remove the pages of every lesson of ``project`` not ``kept`` (and the
    notebooks of chapters left without lessons) from its docs and its
    navigation. Links to them remain: build without ``--strict``.
    """
    docs = project / "docs"
    lessons = find_lessons(project, docs)
    unknown = set(kept) - {lesson_path(lesson.id) for lesson in lessons}
    if unknown:
        raise ValueError(f"no such lessons: {', '.join(sorted(unknown))}")
    chapters = {page.split("/")[0] for page in kept}
    gone = set()
    for lesson in lessons:
        page = lesson_path(lesson.id)
        if page not in kept:
            (docs / f"{page}.md").unlink()
            gone.add(f"{page}.md")
        if lesson.chapter not in chapters:
            gone.add(f"{lesson.chapter}/{notebook_name(lesson.chapter)}")
    config = project / "mkdocs.yml"
    config.write_text(without_pages(config.read_text(), gone))


def without_pages(config: str, gone: set[str]) -> str:
    """The text of mkdocs.yml without the navigation entries of the pages
    ``gone``, nor the sections they leave empty."""
    lines = config.splitlines()
    start = lines.index("nav:") + 1
    end = next(
        (i for i in range(start, len(lines)) if lines[i][:1].strip()),
        len(lines),
    )
    entries = [line for line in lines[start:end] if _page(line) not in gone]
    kept: list[str] = []  # built from the end: a section sees its entries
    for line in reversed(entries):
        following = kept[-1] if kept else ""
        empty = not following or _indent(following) <= _indent(line)
        if line.rstrip().endswith(":") and empty:
            continue
        kept.append(line)
    return "\n".join([*lines[:start], *reversed(kept), *lines[end:]]) + "\n"


def _page(line: str) -> str:
    """``  - Home: index.md`` -> ``index.md`` (a section: its title)."""
    return line.strip().removeprefix("- ").split(": ")[-1]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())
