"""Build each chapter's notebook from its lesson pages and its lesson runs.

A chapter's notebook holds its pages in reading order: their prose as
Markdown cells (numbers filled in; output and figure placeholders dropped,
since the cells show them) and each embedded code block as a code cell,
folded ones included, with the code from ``tutorial_code/`` exactly as the
page shows it. One source, no copied code: there is no notebook file to
keep in step with anything.

Each code cell's outputs are what its sections printed and drew when the
lessons ran for the build (``run_lesson``), which is the same code run in
the same order: the notebook is not executed a second time. The tests
execute every downloaded notebook in a fresh kernel and check that it
prints the same.
"""

import base64
import posixpath
import re
from pathlib import Path

import nbformat

from tutorial_code.sitebuild.lessons import EXERCISES
from tutorial_code.sitebuild.markdown_ext import (
    BLOCK,
    INSTALL_CHECKS,
    install_checks,
    substitute_values,
)
from tutorial_code.sitebuild.results import (
    LessonResults,
    lesson_path,
    versions_text,
)
from tutorial_code.sitebuild.sections import SNIPPET_LINE, split_sections

ADMONITION = re.compile(r'^(?:!!!|\?\?\?\+?) \w+(?: "(?P<title>.*)")?\s*$')
# "This page continues ..." notes matter on the site, not in a notebook that
# holds every page in order.
CONTINUES = "This page continues"
# Links to other pages of the site mean nothing in a downloaded notebook.
PAGE_LINK = re.compile(
    r"\[(?P<text>[^\]]+)\]\((?!https?:)(?P<target>[^)]*)\)", re.DOTALL
)
KERNEL = {"name": "python3", "display_name": "Python 3", "language": "python"}
SNIPPETS = "snippets"  # while building: the sections a code cell holds
IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg"}
FIGURES = "figures"  # the site's folder of figures (as in mkdocs_hooks)


HINT = "Hint"
SOLUTION = "Solution"


def notebook_name(chapter: str) -> str:
    return f"kmeans-{chapter}.ipynb"


def exercises_name(chapter: str) -> str:
    return f"kmeans-{chapter}-exercises.ipynb"


def build_notebook(
    chapter: str, pages: list[Path], project: Path, results: LessonResults
) -> nbformat.NotebookNode:
    """The notebook of a chapter, from its pages in reading order."""
    title = chapter.replace("_", " ").capitalize()  # "Digits further"
    intro = (
        f"# {title}: the lessons as one notebook\n\n"
        f"The {title} lessons as one notebook: run the cells in order, "
        f"top to bottom. Built and tested with {versions_text()}."
    )
    cells = [_cell("markdown", intro)]
    for page in pages:
        cells += _page_cells(page, project, results)
    for number, cell in enumerate(cells):
        cell.id = f"cell-{number}"  # not random: two builds give one notebook
    metadata = {"kernelspec": KERNEL, "language_info": {"name": "python"}}
    notebook = {"nbformat": 4, "nbformat_minor": 5, "metadata": metadata}
    return nbformat.from_dict({**notebook, "cells": cells})


def _cell(kind: str, source: str) -> nbformat.NotebookNode:
    """A Markdown or code cell, as ``nbformat.v4.new_*_cell`` makes one
    but not validated on its own: ``nbformat.writes`` validates the whole
    notebook once (cell by cell, validation took most of a rebuild's
    notebook time)."""
    cell = {"cell_type": kind, "metadata": {}, "source": source}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return nbformat.from_dict(cell)


def build_exercises_notebook(
    chapter: str,
    page: Path,
    project: Path,
    results: LessonResults,
    repo_url: str = "",
    site_url: str = "",
) -> nbformat.NotebookNode:
    """A chapter's exercises to do: statements, starter code and checks,
    hints folded, no solutions, no outputs (the learner runs them); links
    to pages go to the site."""
    cells = _page_cells(
        page,
        project,
        results,
        exercises=True,
        repo_url=repo_url,
        site_url=site_url,
    )
    made_with = f"*Made with {versions_text()}.*"
    cells.append(_cell("markdown", made_with))
    for number, cell in enumerate(cells):
        cell.id = f"cell-{number}"
        cell.metadata.pop(SNIPPETS, None)
    metadata = {"kernelspec": KERNEL, "language_info": {"name": "python"}}
    notebook = {"nbformat": 4, "nbformat_minor": 5, "metadata": metadata}
    return nbformat.from_dict({**notebook, "cells": cells})


def _page_cells(
    page: Path,
    project: Path,
    results: LessonResults,
    *,
    exercises: bool = False,
    repo_url: str = "",
    site_url: str = "",
) -> list[nbformat.NotebookNode]:
    """The cells of one page; of an exercises page, without solutions, and
    with the page's own title (a lesson page's title becomes a section).

    A link to another page becomes its text; given ``site_url``, a link to
    that page on the site.
    """
    cells, prose = [], []

    def link(match: re.Match) -> str:
        if not site_url:
            return match["text"]
        path, _, anchor = match["target"].partition("#")
        target = posixpath.normpath(posixpath.join(page.parent.name, path))
        url = site_url.rstrip("/") + "/" + target.removesuffix(".md") + "/"
        return f"[{match['text']}]({url}{'#' + anchor if anchor else ''})"

    lines = page.read_text(encoding="utf-8").splitlines()

    def end_prose() -> None:
        # Links may span lines: drop them from the whole text.
        text = PAGE_LINK.sub(link, "\n".join(prose)).strip()
        if text:
            cells.append(_cell("markdown", text))
        prose.clear()

    def code_cell(fence_body: list[str]) -> None:
        end_prose()
        snippets = _snippets(fence_body)
        # As the page shows it: the sections one after the other.
        code = "".join(
            section_code(project / path, section) for path, section in snippets
        ).strip("\n")
        cell = _cell("code", code)
        cell.metadata[SNIPPETS] = snippets
        cells.append(cell)

    number = 0
    while number < len(lines):
        line = lines[number]
        number += 1
        if line.startswith("```python"):
            body, number = _until_fence_end(lines, number)
            code_cell(body)
        elif line.startswith("```"):
            body, number = _until_fence_end(lines, number)
            prose += [line, *body, "```"]
        elif line.startswith("#"):
            # The notebook's own title is the h1.
            prose.append(line if exercises else "#" + line)
        elif INSTALL_CHECKS.match(line):
            prose += install_checks(repo_url)
        elif block := BLOCK.match(line):
            if block["kind"] == "figure" and cells:
                # The figure the last cell draws gets the page's alt text.
                alt = block["alt"] and substitute_values(
                    block["alt"], results, markup=False
                )
                cells[-1].metadata["figure_alt"] = alt
        elif admonition := ADMONITION.match(line):
            title = admonition["title"] or ""
            body, number = _indented_block(lines, number)
            solution = exercises and title == SOLUTION
            if title.startswith(CONTINUES) or solution:
                continue
            if exercises and title == HINT:  # folded, as on the page
                text = "\n".join(substitute_values(x, results) for x in body)
                prose += ["<details><summary>Hint</summary>", "", text]
                prose += ["", "</details>"]
            elif body and body[0].startswith("```python"):  # folded code
                prose.append(f"*{title}:*")
                for fence in _python_fences(body):
                    code_cell(fence)
            else:
                prose += [f"> **{title}**", ">", *(f"> {x}" for x in body)]
                prose.append("")
        else:
            prose.append(substitute_values(line, results))
    end_prose()
    return cells


def _until_fence_end(lines: list[str], start: int) -> tuple[list[str], int]:
    """The lines of a fenced block from ``start``, and where it ends."""
    end = start
    while end < len(lines) and not lines[end].startswith("```"):
        end += 1
    return lines[start:end], end + 1


def _python_fences(lines: list[str]) -> list[list[str]]:
    """The bodies of the Python code blocks among ``lines``."""
    fences, number = [], 0
    while number < len(lines):
        if lines[number].startswith("```python"):
            body, number = _until_fence_end(lines, number + 1)
            fences.append(body)
        else:
            number += 1
    return fences


def _indented_block(lines: list[str], start: int) -> tuple[list[str], int]:
    """An admonition's body: the indented lines (and blank ones) after it."""
    end = start
    while end < len(lines) and (
        not lines[end].strip() or lines[end].startswith("    ")
    ):
        end += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return [line[4:] for line in lines[start:end]], end


def _snippets(fence_body: list[str]) -> list[tuple[str, str]]:
    """(path, section) of each snippet line of a Python block."""
    snippets = []
    for line in fence_body:
        snippet = SNIPPET_LINE.match(line)
        if snippet is None or snippet["section"] is None:
            raise ValueError(f"not a section's snippet line: {line!r}")
        snippets.append((snippet["path"], snippet["section"]))
    return snippets


def section_code(path: Path, section: str) -> str:
    """The code of one named section of a module."""
    source = path.read_text(encoding="utf-8")
    for chunk in split_sections(source, str(path)):
        if chunk.section == section:
            return chunk.code
    raise ValueError(f"{path} has no section {section!r}")


def build(
    chapter: str,
    pages: list[Path],
    project: Path,
    results: LessonResults,
    folder: Path,
) -> tuple[Path, bool]:
    """Write the chapter's notebook into ``folder``, if it changed; return
    its path and whether it changed.

    An unchanged notebook keeps its file and time stamp, so that nothing
    downstream converts it again.
    """
    notebook = build_notebook(chapter, pages, project, results)
    add_outputs(notebook, results)
    path = folder / chapter / notebook_name(chapter)
    return path, _write_if_changed(notebook, path)


def build_exercises(
    chapter: str,
    page: Path,
    project: Path,
    results: LessonResults,
    folder: Path,
    repo_url: str = "",
    site_url: str = "",
) -> Path:
    """Write the chapter's exercises notebook into ``folder``; its path."""
    notebook = build_exercises_notebook(
        chapter, page, project, results, repo_url, site_url
    )
    path = folder / chapter / exercises_name(chapter)
    _write_if_changed(notebook, path)
    return path


def _write_if_changed(notebook: nbformat.NotebookNode, path: Path) -> bool:
    """Write ``notebook`` unless ``path`` holds it already; whether written."""
    text = nbformat.writes(notebook) + "\n"
    try:
        unchanged = path.read_text(encoding="utf-8") == text
    except OSError:
        unchanged = False
    if not unchanged:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return not unchanged


def add_outputs(
    notebook: nbformat.NotebookNode, results: LessonResults
) -> None:
    """Give each code cell what its sections printed and drew in lessons.

    A section of a module that is no lesson (a function shown on a page)
    prints and draws nothing. Each image names, as nbconvert's
    ``filenames``, the site's light variant of its figure, relative to the
    notebook's folder on the site (``<chapter>/kmeans-<chapter>/``): the
    notebook's page shows the site's variants instead (``html_fixes``).
    """
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    for number, cell in enumerate(code_cells, start=1):
        cell.execution_count = number
        printed, figures = "", []
        for path, section in cell.metadata.pop(SNIPPETS):
            lesson = f"{Path(path).parent.name}.{Path(path).stem}"
            lesson_results = results[lesson]
            printed += lesson_results.get("outputs", {}).get(section, "")
            figure = lesson_results.get("figures", {}).get(section)
            if figure is not None:
                figures.append((lesson, figure))
        if printed:
            stream = {"output_type": "stream", "name": "stdout"}
            cell.outputs.append(
                nbformat.from_dict({**stream, "text": printed})
            )
        for lesson, figure in figures:
            image = results.folder(lesson) / figure["notebook"]
            kind = IMAGE_TYPES[image.suffix]
            data = {
                kind: base64.b64encode(image.read_bytes()).decode(),
                "text/plain": "<Figure>",
            }
            folder = f"../../{FIGURES}/{lesson_path(lesson)}"
            metadata = {
                "filenames": {kind: f"{folder}/{figure['light']}"},
                kind: {"width": figure["width"], "height": figure["height"]},
            }
            shown = {"output_type": "display_data", "metadata": metadata}
            cell.outputs.append(nbformat.from_dict({**shown, "data": data}))


def image_alts(notebook: nbformat.NotebookNode) -> list[str | None]:
    """The alt text of every image the notebook shows, in order."""
    alts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if any(kind in data for kind in IMAGE_TYPES.values()):
                alts.append(cell.metadata.get("figure_alt"))
    return alts


def pages_by_chapter(nav: list, chapters: set[str]) -> dict[str, list[str]]:
    """The lesson pages of each chapter, in navigation order (as in
    mkdocs.yml); its exercises have a notebook of their own."""
    pages: dict[str, list[str]] = {}
    for item in nav_pages(nav):
        chapter = item.split("/")[0]
        lesson = item.endswith(".md") and not item.endswith(EXERCISES)
        if lesson and chapter in chapters:
            pages.setdefault(chapter, []).append(item)
    return pages


def nav_pages(nav) -> list[str]:
    """Every page path of the navigation, in order."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        nav = list(nav.values())
    return [page for item in nav for page in nav_pages(item)]
