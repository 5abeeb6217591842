"""Each half as an executed, downloadable notebook."""

import re

import nbformat
import pytest
from nbclient import NotebookClient

from tutorial_code.sitebuild.notebooks import notebook_name

from ..conftest import mkdocs_build
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
def test_the_download_runs_top_to_bottom_in_a_fresh_kernel(site, half, tmp_path):
    notebook = downloaded(site, half)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    client = NotebookClient(
        notebook, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()  # raises on the first failing cell
    assert any(cell.get("outputs") for cell in notebook.cells)


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


@pytest.mark.slow
def test_a_raising_notebook_cell_fails_the_build(warm_project_copy, tmp_path):
    project = warm_project_copy
    # A section no lesson runs, embedded in a page: only the notebook runs it.
    (project / "tutorial_code/digits/broken.py").write_text(
        "# --8<-- [start:boom]\nraise ValueError('notebook cell broken')\n"
        "# --8<-- [end:boom]\n"
    )
    page = project / "docs/digits/evaluation.md"
    page.write_text(
        page.read_text()
        + '\n```python\n--8<-- "tutorial_code/digits/broken.py:boom"\n```\n'
    )
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert "notebook cell broken" in build.stderr
    assert not (tmp_path / "site/index.html").exists()
