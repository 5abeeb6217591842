"""Notebook outputs are what their sections printed and drew in lessons."""

import base64
import io
import json

import nbformat
from nbformat.v4 import new_code_cell, new_notebook
from PIL import Image

from tutorial_code.sitebuild.markdown_ext import LessonResults
from tutorial_code.sitebuild.notebooks import SNIPPETS, add_outputs


def test_cells_get_their_sections_prints_and_figures(tmp_path):
    lesson = tmp_path / "half" / "lesson"
    lesson.mkdir(parents=True)
    Image.new("RGBA", (400, 200), (0, 0, 0, 0)).save(
        lesson / "plot-light.webp"
    )
    results = {
        "outputs": {"fit": "fitted\n", "plot": ""},
        "figures": {"plot": {"light": "plot-light.webp", "dark": "x"}},
    }
    (lesson / "results.json").write_text(json.dumps(results))
    cells = [
        new_code_cell("fit()"),
        new_code_cell("def helper(): ..."),
        new_code_cell("fit()\nplot()"),
    ]
    cells[0].metadata[SNIPPETS] = [("tutorial_code/half/lesson.py", "fit")]
    cells[1].metadata[SNIPPETS] = [("tutorial_code/shared/tools.py", "helper")]
    cells[2].metadata[SNIPPETS] = [
        ("tutorial_code/half/lesson.py", "fit"),
        ("tutorial_code/half/lesson.py", "plot"),
    ]
    notebook = new_notebook(cells=cells)
    add_outputs(notebook, LessonResults(tmp_path))

    first, helper, both = notebook.cells
    assert [c.execution_count for c in notebook.cells] == [1, 2, 3]
    assert [o.text for o in first.outputs] == ["fitted\n"]
    assert helper.outputs == []
    stream, figure = both.outputs
    assert stream.text == "fitted\n"
    png = base64.b64decode(figure.data["image/png"])
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (200, 100)  # 100 dpi, as Jupyter shows it
        assert image.getpixel((0, 0)) == (255, 255, 255)  # on white
    assert all(SNIPPETS not in cell.metadata for cell in notebook.cells)
    nbformat.validate(notebook)
