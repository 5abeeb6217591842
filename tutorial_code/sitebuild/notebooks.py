"""Build each half's notebook from its lesson pages and its lesson runs.

A half's notebook holds its pages in reading order: their prose as Markdown
cells (numbers filled in; output and figure placeholders dropped, since the
cells show them) and each embedded code block as a code cell, with the code
from ``tutorial_code/`` exactly as the page shows it. One source, no copied
code: there is no notebook file to keep in step with anything.

Each code cell's outputs are what its sections printed and drew when the
lessons ran for the build (``run_lesson``), which is the same code run in the
same order: the notebook is not executed a second time. The tests execute
every downloaded notebook in a fresh kernel and check that it prints the
same.
"""

import base64
import io
import re
from pathlib import Path

import nbformat
from PIL import Image

from tutorial_code.sitebuild.figures import DPI
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
SNIPPETS = "snippets"  # while building: the sections a code cell holds


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
        f"The {title} lessons as one notebook: run the cells in order, "
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
            snippets = _fenced_snippets(lines)
            code = "\n".join(
                section_code(project / path, section).strip("\n")
                for path, section in snippets
            )
            cell = nbformat.v4.new_code_cell(code)
            cell.metadata[SNIPPETS] = snippets
            cells.append(cell)
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


def _fenced_snippets(lines) -> list[tuple[str, str]]:
    """(path, section) of each snippet line of a Python block."""
    snippets = []
    for line in lines:
        if line.startswith("```"):
            break
        snippet = SNIPPET.match(line)
        if snippet is None:
            raise ValueError(f"not a snippet line in a python block: {line!r}")
        snippets.append((snippet["path"], snippet["section"]))
    return snippets


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


def build(
    half: str,
    pages: list[Path],
    project: Path,
    results: LessonResults,
    folder: Path,
) -> Path:
    """Write the half's notebook, with its outputs, into ``folder``."""
    notebook = build_notebook(half, pages, project, results)
    add_outputs(notebook, results)
    compact_images(notebook)
    path = folder / half / notebook_name(half)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)
    return path


def add_outputs(
    notebook: nbformat.NotebookNode, results: LessonResults
) -> None:
    """Give each code cell what its sections printed and drew in the lessons.

    A section of a module that is no lesson (a function shown on a page)
    prints and draws nothing.
    """
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    for number, cell in enumerate(code_cells, start=1):
        cell.execution_count = number
        printed, figures = "", []
        for path, section in cell.metadata.pop(SNIPPETS):
            folder, name = Path(path).parent.name, Path(path).stem
            lesson = results[f"{folder}.{name}"]
            printed += lesson.get("outputs", {}).get(section, "")
            figure = lesson.get("figures", {}).get(section)
            if figure is not None:
                light = results.results_dir / folder / name / figure["light"]
                figures.append(_inline_png(light))
        if printed:
            cell.outputs.append(
                nbformat.v4.new_output("stream", name="stdout", text=printed)
            )
        for png in figures:
            data = {"image/png": png, "text/plain": "<Figure>"}
            cell.outputs.append(
                nbformat.v4.new_output("display_data", data=data)
            )


def _inline_png(path: Path) -> str:
    """A site figure as Jupyter shows one: on white, at 100 dpi (base64)."""
    with Image.open(path) as figure:
        rgba = figure.convert("RGBA")
    white = Image.new("RGBA", rgba.size, "white")
    opaque = Image.alpha_composite(white, rgba).convert("RGB")
    size = (round(rgba.width * 100 / DPI), round(rgba.height * 100 / DPI))
    buffer = io.BytesIO()
    opaque.resize(size, Image.Resampling.LANCZOS).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


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
