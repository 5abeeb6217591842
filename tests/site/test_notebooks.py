"""Each half as an executed, downloadable notebook."""

import re

import nbformat
import pytest
from nbclient import NotebookClient

from tutorial_code.sitebuild.notebooks import notebook_name

from ..pages import code_blocks, lessons, page_html, without_measurements

HALVES = sorted({lesson.half for lesson in lessons()})


def downloaded(site, half: str) -> nbformat.NotebookNode:
    name = notebook_name(half)
    path = site / half / name.removesuffix(".ipynb") / name
    return nbformat.read(path, as_version=4)


def printed(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


@pytest.mark.slow
@pytest.mark.parametrize("half", HALVES)
def test_the_download_runs_top_to_bottom_and_prints_what_it_shows(
    site, half, tmp_path
):
    """The outputs come from the lesson runs: a fresh kernel gives them too."""
    notebook = downloaded(site, half)
    shown = [
        (printed(cell), has_image(cell))
        for cell in notebook.cells
        if cell.cell_type == "code"
    ]
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    client = NotebookClient(
        notebook,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()  # raises on the first failing cell
    executed = [
        (printed(cell), has_image(cell))
        for cell in notebook.cells
        if cell.cell_type == "code"
    ]
    assert any(text for text, _ in shown)
    assert any(image for _, image in shown)
    for (text, image), (text_run, image_run) in zip(shown, executed, strict=True):
        assert without_measurements(text_run) == without_measurements(text)
        assert image_run == image


def has_image(cell) -> bool:
    return any(
        "image/png" in o.get("data", {}) or "image/jpeg" in o.get("data", {})
        for o in cell.outputs
    )


@pytest.mark.parametrize("lesson", lessons(), ids=lambda x: x.id)
def test_notebook_shows_the_page_code_and_numbers(site, lesson):
    """The page's code blocks are notebook cells that print the same output."""
    cells = [c for c in downloaded(site, lesson.half).cells if c.cell_type == "code"]
    by_source = {cell.source.strip(): cell for cell in cells}
    current = None
    for language, title, text in code_blocks(page_html(site, lesson)):
        if language == "python":
            current = by_source[text.strip()]  # KeyError: code not in notebook
        elif title == "Output":
            assert without_measurements(printed(current)).rstrip() == without_measurements(
                text
            ).rstrip()


@pytest.mark.parametrize("lesson", lessons(), ids=lambda x: x.id)
def test_each_lesson_page_links_its_notebook(site, lesson):
    name = notebook_name(lesson.half)
    href = f"../{name.removesuffix('.ipynb')}/{name}"
    page = page_html(site, lesson)
    assert f'href="{href}" download' in page
    assert (site / lesson.half / lesson.name / href).resolve().is_file()


@pytest.mark.parametrize("half", HALVES)
def test_notebook_page_has_a_download_button_and_no_remote_scripts(site, half):
    name = notebook_name(half)
    page = (site / half / name.removesuffix(".ipynb") / "index.html").read_text()
    assert f'href="{name}" download' in page
    assert not re.search(r"""(src=|import\()["']https?://""", page)
    assert "jp-Notebook" in page


@pytest.mark.parametrize("half", HALVES)
def test_notebooks_have_no_math_to_render(site, half):
    """No MathJax is served (the CDN copy is dropped); this keeps it true."""
    for cell in downloaded(site, half).cells:
        if cell.cell_type == "markdown":
            assert not re.search(r"\$[^$\n]+\$|\\\(|\\\[", cell.source), cell.source
