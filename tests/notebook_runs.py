"""Each chapter's notebook run in a fresh kernel, as a reader runs it.

The runs take a minute of both cores, and most tests leave one idle: when a
session runs the notebook tests, they start as soon as the site is built
(``notebook_runs`` in conftest.py) and go on beside the other tests.
"""

import json
import os
from pathlib import Path

import nbformat
import yaml
from nbclient import NotebookClient

from tutorial_code.sitebuild.notebooks import notebook_name, pages_by_chapter

from .conftest import PROJECT
from .pages import code_blocks, lessons

ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
CHAPTERS = sorted({lesson.chapter for lesson in lessons()})
# Run first, in the test's kernel only: it shows each figure as the build
# makes a notebook's image (figures.notebook_image), so that the images of
# the two runs can be compared byte for byte.
SETUP = """\
import matplotlib.pyplot as _plt
from IPython import get_ipython as _ipython
from matplotlib.figure import Figure as _Figure

from tutorial_code.sitebuild.figures import notebook_image as _image

%matplotlib inline

_KINDS = {".png": "image/png", ".jpg": "image/jpeg"}


def _as_built(figure, include=None, exclude=None):
    suffix, data = _image(figure)  # drawn once, PNG or JPEG
    return {_KINDS[suffix]: data}


_formatter = _ipython().display_formatter
_formatter.formatters["image/png"].pop(_Figure)  # the inline backend's PNG
_formatter.mimebundle_formatter.for_type(_Figure, _as_built)
"""
# Run after each page's last cell: the values the reader's session holds.
PROBE = (
    "import json as _json\n"
    "from tutorial_code.sitebuild.values import simple_values as _values\n"
    "print(_json.dumps(_values(globals())))"
)


def downloaded(site: Path, chapter: str) -> nbformat.NotebookNode:
    name = notebook_name(chapter)
    path = site / chapter / name.removesuffix(".ipynb") / name
    return nbformat.read(path, as_version=4)


def printed(cell) -> str:
    """What a cell printed: its standard output, as pages show it (logging
    on stderr, such as Dask's scheduler warnings, is not the lesson's)."""
    return "".join(
        o.get("text", "")
        for o in cell.outputs
        if o.output_type == "stream" and o.get("name") == "stdout"
    )


def chapter_pages(chapter: str) -> list[str]:
    """The chapter's lesson pages, as ``<chapter>/<name>``, in reading
    order: those its notebook holds (not the exercises)."""
    config = yaml.load((PROJECT / "mkdocs.yml").read_text(), yaml.BaseLoader)
    return [
        page.removesuffix(".md")
        for page in pages_by_chapter(config["nav"], {chapter}).get(chapter, [])
    ]


def page_blocks(site: Path, page: str) -> list[str]:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    blocks = code_blocks(html)
    return [text for language, _, text in blocks if language == "python"]


def execute(site: Path, chapter: str, folder: Path) -> dict:
    """Run the chapter's notebook in a fresh kernel, probing after each page.

    Returns the notebook as shown, as executed, and each page's values.
    """
    shown = downloaded(site, chapter)
    run = downloaded(site, chapter)
    code = [c for c in run.cells if c.cell_type == "code"]
    for cell in code:
        cell.outputs, cell.execution_count = [], None
    setup = nbformat.v4.new_code_cell(SETUP)
    run.cells.insert(0, setup)
    probes, done = {}, 0
    for page in chapter_pages(chapter):
        done += len(page_blocks(site, page))
        if done:
            probes[page] = nbformat.v4.new_code_cell(PROBE)
            run.cells.insert(run.cells.index(code[done - 1]) + 1, probes[page])
    client = NotebookClient(
        run,
        kernel_name="python3",
        resources={"metadata": {"path": str(folder)}},
    )
    # Single-threaded, as the lessons run for the build.
    client.execute(env={**os.environ, **ONE_THREAD})  # raises on any error
    values = {page: json.loads(printed(cell)) for page, cell in probes.items()}
    for cell in [setup, *probes.values()]:
        run.cells.remove(cell)
    return {"shown": shown, "executed": run, "values": values}
