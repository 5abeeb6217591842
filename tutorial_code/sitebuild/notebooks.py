"""Build each half's notebook from its lesson pages, and execute it.

A half's notebook holds its pages in reading order: their prose as Markdown
cells (numbers filled in; output and figure placeholders dropped, since the
cells print and draw them) and each embedded code block as a code cell, with
the code from ``tutorial_code/`` exactly as the page shows it. One source, no
copied code: there is no notebook file to keep in step with anything.

The notebook is executed with nbclient (a raising cell is an error), and its
outputs are reused while its code and the library versions are unchanged, so
a prose edit does not rerun it.
"""

import base64
import hashlib
import io
import json
import re
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from PIL import Image

from tutorial_code.sitebuild.lessons import library_versions
from tutorial_code.sitebuild.markdown_ext import BLOCK, LessonResults
from tutorial_code.sitebuild.sections import split_sections

SNIPPET = re.compile(r'^\s*--8<-- "(?P<path>[^":]+):(?P<section>[\w-]+)"\s*$')
ADMONITION = re.compile(r'^!!! \w+(?: "(?P<title>.*)")?\s*$')
# "This page continues ..." notes matter on the site, not in a notebook that
# holds every page in order.
CONTINUES = "This page continues"
# Links to other pages of the site mean nothing in a downloaded notebook.
PAGE_LINK = re.compile(r"\[([^\]]+)\]\((?!https?:)[^)]*\)")
KERNEL = {"name": "python3", "display_name": "Python 3", "language": "python"}
KEY = "kmeans_in_practice_code_key"  # notebook metadata: what outputs fit


class NotebookError(Exception):
    """A notebook cell raised: the message holds the cell and its error."""


def notebook_name(half: str) -> str:
    return f"kmeans-{half}.ipynb"


def build_notebook(
    half: str, pages: list[Path], project: Path, results: LessonResults
) -> nbformat.NotebookNode:
    """The notebook of a half, from its pages in reading order."""
    versions = ", ".join(f"{k} {v}" for k, v in library_versions().items())
    title = half.replace("_", " ").capitalize()  # "Digits further"
    intro = (
        f"# {title}: the lessons as one notebook\n\n"
        "Every lesson of this half as one notebook: run the cells in order, "
        f"top to bottom. Built and tested with {versions}."
    )
    cells = [nbformat.v4.new_markdown_cell(intro)]
    for page in pages:
        cells += _page_cells(page, project, results)
    for number, cell in enumerate(cells):
        cell.id = f"cell-{number}"  # not random: two builds give one notebook
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata.kernelspec = KERNEL
    notebook.metadata.language_info = {"name": "python"}
    return notebook


def _page_cells(
    page: Path, project: Path, results: LessonResults
) -> list[nbformat.NotebookNode]:
    cells, prose, in_fence = [], [], False
    lines = iter(page.read_text(encoding="utf-8").splitlines())

    def end_prose() -> None:
        text = "\n".join(prose).strip()
        if text:
            cells.append(nbformat.v4.new_markdown_cell(text))
        prose.clear()

    for line in lines:
        if line.startswith("```") and not line.startswith("```python"):
            in_fence = not in_fence
            prose.append(line)
        elif in_fence:
            prose.append(line)
        elif line.startswith("#"):
            prose.append("#" + line)  # the notebook's own title is the h1
        elif line.startswith("```python"):
            end_prose()
            code = _fenced_code(lines, project)
            cells.append(nbformat.v4.new_code_cell(code))
        elif block := BLOCK.match(line):
            if block["kind"] == "figure" and cells:
                # The figure the last cell draws gets the page's alt text.
                cells[-1].metadata["figure_alt"] = block["alt"]
        elif admonition := ADMONITION.match(line):
            title = admonition["title"] or ""
            body = _indented_block(lines)
            if not title.startswith(CONTINUES):
                prose += [f"> **{title}**", ">", *(f"> {x}" for x in body), ""]
        else:
            prose.append(results.substitute_values(PAGE_LINK.sub(r"\1", line)))
    end_prose()
    return cells


def _fenced_code(lines, project: Path) -> str:
    code = []
    for line in lines:
        if line.startswith("```"):
            break
        snippet = SNIPPET.match(line)
        if snippet is None:
            raise ValueError(f"not a snippet line in a python block: {line!r}")
        code.append(
            section_code(project / snippet["path"], snippet["section"])
        )
    return "\n".join(part.strip("\n") for part in code)


def _indented_block(lines) -> list[str]:
    body = []
    for line in lines:
        if line and not line.startswith("    "):
            raise ValueError(f"admonition body must be indented: {line!r}")
        if not line:
            break
        body.append(line[4:])
    return body


def section_code(path: Path, section: str) -> str:
    """The code of one named section of a module."""
    source = path.read_text(encoding="utf-8")
    for chunk in split_sections(source, str(path)):
        if chunk.section == section:
            return chunk.code
    raise ValueError(f"{path} has no section {section!r}")


def code_key(notebook: nbformat.NotebookNode) -> str:
    """Hash of what the notebook's outputs depend on: code and libraries."""
    code = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    text = json.dumps([code, library_versions()])
    return hashlib.sha256(text.encode()).hexdigest()


def execute(notebook: nbformat.NotebookNode, cwd: Path) -> None:
    """Run every cell in a fresh kernel; a cell that raises: NotebookError."""
    cwd.mkdir(parents=True, exist_ok=True)
    client = NotebookClient(
        notebook,
        timeout=600,
        kernel_name=KERNEL["name"],
        allow_errors=False,
        resources={"metadata": {"path": str(cwd)}},
    )
    try:
        client.execute()
    except CellExecutionError as error:
        raise NotebookError(str(error)) from None


def build_and_execute(
    half: str,
    pages: list[Path],
    project: Path,
    results: LessonResults,
    cache: Path,
) -> Path:
    """Write the half's executed notebook into ``cache``; return its path.

    The outputs of the cached notebook are reused if its code is unchanged.
    """
    notebook = build_notebook(half, pages, project, results)
    key = code_key(notebook)
    path = cache / half / notebook_name(half)
    try:
        cached = nbformat.read(path, as_version=4)
    except (OSError, ValueError):
        cached = None
    if cached is not None and cached.metadata.get(KEY) == key:
        code_cells = [c for c in notebook.cells if c.cell_type == "code"]
        done = [c for c in cached.cells if c.cell_type == "code"]
        for cell, executed in zip(code_cells, done, strict=True):
            cell.outputs = executed.outputs
            cell.execution_count = executed.execution_count
            cell.metadata = {**executed.metadata, **cell.metadata}
    else:
        execute(notebook, cache / half / "run")
        merge_streams(notebook)
        compact_images(notebook)
    notebook.metadata[KEY] = key
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)
    return path


def merge_streams(notebook: nbformat.NotebookNode) -> None:
    """Join each cell's consecutive prints into one output, as Jupyter shows.

    The kernel sends printed text in pieces as it is flushed, which depends
    on timing; merged, two runs of the same code give the same outputs.
    """
    for cell in notebook.cells:
        merged: list = []
        for output in cell.get("outputs", []):
            previous = merged[-1] if merged else None
            if (
                output.output_type == "stream"
                and previous is not None
                and previous.output_type == "stream"
                and previous.name == output.name
            ):
                previous.text += output.text
            else:
                merged.append(output)
        if cell.cell_type == "code":
            cell.outputs = merged


def compact_images(notebook: nbformat.NotebookNode) -> None:
    """Store photographic figures as JPEG where that is under half the PNG.

    Plots stay PNG (sharp lines compress well), while a photograph shrinks
    several times, which keeps the notebook page light to load.
    """
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            png = output.get("data", {}).get("image/png")
            if png is None:
                continue
            with Image.open(io.BytesIO(base64.b64decode(png))) as image:
                buffer = io.BytesIO()
                image.convert("RGB").save(buffer, format="JPEG", quality=88)
            jpeg = base64.b64encode(buffer.getvalue()).decode()
            if len(jpeg) < len(png) / 2:
                del output.data["image/png"]
                output.data["image/jpeg"] = jpeg


def image_alts(notebook: nbformat.NotebookNode) -> list[str | None]:
    """The alt text of every image the notebook shows, in order."""
    alts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data or "image/jpeg" in data:
                alts.append(cell.metadata.get("figure_alt"))
    return alts


def pages_by_half(nav: list, halves: set[str]) -> dict[str, list[str]]:
    """The pages of each half, in navigation order (paths as in mkdocs.yml)."""
    pages: dict[str, list[str]] = {}

    def walk(item) -> None:
        if isinstance(item, str):
            half = item.split("/")[0]
            if item.endswith(".md") and half in halves:
                pages.setdefault(half, []).append(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(nav)
    return pages
