"""Notebook outputs are what their sections printed and drew in lessons."""

import base64
import json
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook
from PIL import Image

from tutorial_code.sitebuild import notebooks
from tutorial_code.sitebuild.notebooks import (
    SNIPPETS,
    add_outputs,
    build_notebook,
)
from tutorial_code.sitebuild.results import LessonResults


def test_cells_get_their_sections_prints_and_figures(tmp_path):
    lesson = tmp_path / "chapter" / "lesson"
    lesson.mkdir(parents=True)
    Image.new("RGB", (200, 100), "white").save(lesson / "plot-notebook.png")
    results = {
        "outputs": {"fit": "fitted\n", "plot": ""},
        "figures": {
            "plot": {
                "notebook": "plot-notebook.png",
                "light": "plot-light.webp",
                "width": 200,
                "height": 100,
            }
        },
    }
    (lesson / "results.json").write_text(json.dumps(results))
    cells = [
        new_code_cell("fit()"),
        new_code_cell("def helper(): ..."),
        new_code_cell("fit()\nplot()"),
    ]
    cells[0].metadata[SNIPPETS] = [("tutorial_code/chapter/lesson.py", "fit")]
    cells[1].metadata[SNIPPETS] = [("tutorial_code/shared/tools.py", "helper")]
    cells[2].metadata[SNIPPETS] = [
        ("tutorial_code/chapter/lesson.py", "fit"),
        ("tutorial_code/chapter/lesson.py", "plot"),
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
    assert png == (lesson / "plot-notebook.png").read_bytes()
    # nbconvert, making the notebook's page, shows the site's figure: the
    # page is <chapter>/kmeans-<chapter>/, beside the notebook's file.
    assert figure.metadata["filenames"] == {
        "image/png": "../../figures/chapter/lesson/plot-light.webp"
    }
    assert figure.metadata["image/png"] == {"width": 200, "height": 100}
    assert all(SNIPPETS not in cell.metadata for cell in notebook.cells)
    nbformat.validate(notebook)


def chapter_notebook(
    project: Path, modules: dict[str, str], values: dict, page: str
) -> nbformat.NotebookNode:
    """The notebook of one page in ``project``: ``modules`` are the
    files tutorial_code/chapter/<name>.py by name, ``values`` those of the
    lesson chapter.lesson."""
    for name, code in modules.items():
        (project / "tutorial_code/chapter").mkdir(parents=True, exist_ok=True)
        (project / f"tutorial_code/chapter/{name}.py").write_text(code)
    results = project / "results"
    (results / "chapter/lesson").mkdir(parents=True)
    (results / "chapter/lesson/results.json").write_text(
        json.dumps({"values": values})
    )
    (project / "lesson.md").write_text(page)
    return build_notebook(
        "chapter", [project / "lesson.md"], project, LessonResults(results)
    )


def test_folded_code_becomes_a_cell_and_prose_keeps_its_numbers(tmp_path):
    tools = (
        "# --8<-- [start:helper]\ndef helper():\n    return 1\n"
        "# --8<-- [end:helper]\n"
        "# --8<-- [start:other]\ndef other():\n    return 2\n"
        "# --8<-- [end:other]\n"
    )
    page = (
        "# A lesson\n\n"
        '??? info "Defined in [Tools](../chapter/tools.md)"\n'
        "    ```python\n"
        '    --8<-- "tutorial_code/chapter/tools.py:helper"\n'
        "    ```\n\n"
        "    ```python\n"
        '    --8<-- "tutorial_code/chapter/tools.py:other"\n'
        "    ```\n\n"
        "Accuracy {{ chapter.lesson.accuracy:.0% }}, see [it](other.md).\n"
    )
    notebook = chapter_notebook(
        tmp_path, {"tools": tools}, {"accuracy": 0.5}, page
    )
    sources = [(cell.cell_type, cell.source) for cell in notebook.cells[1:]]
    assert sources == [
        ("markdown", "## A lesson\n\n*Defined in Tools:*"),
        ("code", "def helper():\n    return 1"),
        ("code", "def other():\n    return 2"),
        ("markdown", "Accuracy 50%, see it."),
    ]


def test_a_figures_cell_gets_the_pages_alt_text_with_its_values(tmp_path):
    lesson = "# --8<-- [start:plot]\nplot()\n# --8<-- [end:plot]\n"
    page = (
        "```python\n"
        '--8<-- "tutorial_code/chapter/lesson.py:plot"\n'
        "```\n\n"
        '{{ figure chapter.lesson:plot "A slice at blue '
        '{{ chapter.lesson.blue }}." }}\n'
    )
    notebook = chapter_notebook(
        tmp_path, {"lesson": lesson}, {"blue": 96}, page
    )
    assert notebook.cells[-1].metadata["figure_alt"] == "A slice at blue 96."


def test_a_notebook_is_written_only_when_it_changed(tmp_path):
    page = tmp_path / "docs" / "chapter" / "page.md"
    page.parent.mkdir(parents=True)
    page.write_text("# A page\n\nSome prose.\n")
    results = LessonResults(tmp_path / "results")

    def build() -> tuple[Path, bool]:
        folder = tmp_path / "notebooks"
        return notebooks.build("chapter", [page], tmp_path, results, folder)

    path, changed = build()
    assert changed
    written = path.stat().st_mtime_ns
    assert build() == (path, False)
    assert path.stat().st_mtime_ns == written  # not even touched
    page.write_text("# A page\n\nOther prose.\n")
    assert build() == (path, True)


def test_an_exercises_notebook_keeps_hints_folded_and_drops_solutions(
    tmp_path,
):
    exercises = (
        "# --8<-- [start:one_start]\nanswer = ____\n# --8<-- [end:one_start]\n"
        "# --8<-- [start:one_solution]\nanswer = 4\n"
        "# --8<-- [end:one_solution]\n"
    )
    (tmp_path / "tutorial_code/chapter").mkdir(parents=True)
    (tmp_path / "tutorial_code/chapter/exercises.py").write_text(exercises)
    page = tmp_path / "exercises.md"
    page.write_text(
        "# Exercises: a chapter\n\n{{ install_checks }}\n\n## 1. One\n\n"
        "Reread [the lesson](../chapter/lesson.md).\n\n"
        "```python\n"
        '--8<-- "tutorial_code/chapter/exercises.py:one_start"\n'
        "```\n\n"
        '??? tip "Hint"\n    Think of {{ chapter.exercises.n }} points.\n\n'
        '??? success "Solution"\n'
        "    ```python\n"
        '    --8<-- "tutorial_code/chapter/exercises.py:one_solution"\n'
        "    ```\n\n"
        "    {{ output chapter.exercises:one_solution }}\n\n"
        "    The answer is {{ chapter.exercises.n }}.\n"
    )
    results = tmp_path / "results" / "chapter" / "exercises"
    results.mkdir(parents=True)
    (results / "results.json").write_text(json.dumps({"values": {"n": 4}}))
    notebook = notebooks.build_exercises_notebook(
        "chapter",
        page,
        tmp_path,
        LessonResults(tmp_path / "results"),
        "https://github.com/someone/kmeans-in-practice",
        "https://someone.github.io/kmeans-in-practice/",
    )
    cells = [(cell.cell_type, cell.source) for cell in notebook.cells]
    code = [source for kind, source in cells if kind == "code"]
    assert code == ["answer = ____"]  # the starter, not the solution
    text = "\n".join(source for kind, source in cells if kind == "markdown")
    assert text.startswith("# Exercises: a chapter")  # the page's own title
    assert 'pip install "git+https://github.com/someone/kmeans-in' in text
    site = "https://someone.github.io/kmeans-in-practice"
    assert f"Reread [the lesson]({site}/chapter/lesson/)." in text
    assert "<details><summary>Hint</summary>\n\nThink of 4 points." in text
    assert "Solution" not in text
    assert "The answer is" not in text
    assert all(not cell.get("outputs") for cell in notebook.cells)
    nbformat.validate(notebook)


def test_a_chapters_notebook_leaves_its_exercises_out():
    nav = [
        {"Chapter": ["chapter/one.md", "chapter/exercises.md"]},
        "other/two.md",
    ]
    assert notebooks.pages_by_chapter(nav, {"chapter"}) == {
        "chapter": ["chapter/one.md"]
    }
