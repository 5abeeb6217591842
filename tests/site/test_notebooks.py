"""Each chapter as a downloadable notebook, which is also the copy-paste test.

A chapter's notebook is its pages' code blocks in reading order (checked
below, block by block). So executing it in a fresh kernel is what a reader
does who pastes every page's blocks in order into a new session: it must
print each page's output and leave the values each page quotes.

Its outputs come from the build's lesson runs, so the same run is also the
determinism test across processes: a second, independent run of every
lesson must print the same text, leave the same values and draw the same
figures, byte for byte (the kernel renders each figure as the build renders
its notebook image), measurements aside. Pages are made from those results
alone; that rendering them again gives the same pages is checked in
tests/site/test_build.py.
"""

import re

import pytest

from tutorial_code.sitebuild.notebooks import notebook_name
from tutorial_code.sitebuild.results import LessonResults, is_measurement
from tutorial_code.sitebuild.sections import split_sections

from ..conftest import PROJECT, RESULTS
from ..notebook_runs import (
    CHAPTERS,
    chapter_pages,
    downloaded,
    page_blocks,
    printed,
)
from ..pages import (
    code_blocks,
    lesson_pages,
    lessons,
    page_html,
    without_measurements,
)


def images(cell) -> list[str]:
    """The images a cell shows, as base64 text."""
    return [
        data
        for output in cell.outputs
        for kind, data in output.get("data", {}).items()
        if kind in {"image/png", "image/jpeg"}
    ]


def measurement_figures(chapter: str) -> list[str]:
    """The code of every section that draws a figure of measurements."""
    results = LessonResults(RESULTS)
    codes = []
    for lesson in lessons():
        if lesson.chapter == chapter:
            drawn = results[lesson.id].get("figures", {})
            source = lesson.source(PROJECT).read_text(encoding="utf-8")
            codes += [
                chunk.code.strip()
                for chunk in split_sections(source)
                if chunk.section in drawn and is_measurement(chunk.section)
            ]
    return codes


@pytest.fixture(scope="module")
def executed(notebook_runs) -> dict[str, dict]:
    """Every chapter's notebook executed (started when the site was built)."""
    return {chapter: run.result() for chapter, run in notebook_runs.items()}


@pytest.mark.slow
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_download_runs_top_to_bottom_and_prints_what_it_shows(
    executed, chapter
):
    """The outputs come from the lesson runs: a fresh kernel gives them too,
    the same text and the same figures (figures of timings aside)."""
    shown, run = executed[chapter]["shown"], executed[chapter]["executed"]
    pairs = [
        (one, two)
        for one, two in zip(shown.cells, run.cells, strict=True)
        if one.cell_type == "code"
    ]
    timed = measurement_figures(chapter)
    assert any(printed(one) for one, _ in pairs)
    assert any(images(one) for one, _ in pairs)
    for one, two in pairs:
        assert without_measurements(printed(two)) == without_measurements(
            printed(one)
        ), one.source
        assert len(images(two)) == len(images(one)), one.source
        if not any(code in one.source for code in timed):
            assert images(two) == images(one), f"another figure: {one.source}"


@pytest.mark.slow
@pytest.mark.parametrize("lesson", lesson_pages(), ids=lambda x: x.id)
def test_pasting_the_pages_gives_the_values_the_prose_quotes(
    executed, lesson
):
    """A reader's session holds, after a page, the numbers the page quotes."""
    session = executed[lesson.chapter]["values"][f"{lesson.chapter}/{lesson.name}"]
    built = LessonResults(RESULTS)[lesson.id]["values"]
    for name, value in built.items():
        if is_measurement(name):
            continue
        assert name in session, name
        assert session[name] == pytest.approx(value), name


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_notebook_is_the_pages_code_blocks_in_order(site, chapter):
    """So that running it is pasting every block of every page in order."""
    cells = [
        cell.source.strip()
        for cell in downloaded(site, chapter).cells
        if cell.cell_type == "code"
    ]
    blocks = [
        block.strip()
        for page in chapter_pages(chapter)
        for block in page_blocks(site, page)
    ]
    assert cells == blocks
    for code in cells:
        assert "tutorial_code" not in code, "pasted code must not need us"


@pytest.mark.parametrize("lesson", lesson_pages(), ids=lambda x: x.id)
def test_notebook_shows_the_page_code_and_numbers(site, lesson):
    """The page's code blocks are notebook cells that print the same output."""
    cells = [
        c for c in downloaded(site, lesson.chapter).cells if c.cell_type == "code"
    ]
    by_source = {cell.source.strip(): cell for cell in cells}
    current = None
    shown = 0
    for language, title, text in code_blocks(page_html(site, lesson)):
        if language == "python":
            current = by_source[text.strip()]  # KeyError: code not in notebook
        elif title == "Output":
            assert current is not None, "an Output block before any code"
            assert without_measurements(printed(current)).rstrip() == (
                without_measurements(text).rstrip()
            )
            shown += 1
    assert shown > 0, "the page shows no output"


@pytest.mark.parametrize("lesson", lesson_pages(), ids=lambda x: x.id)
def test_each_lesson_page_links_its_notebook(site, lesson):
    name = notebook_name(lesson.chapter)
    href = f"../{name.removesuffix('.ipynb')}/{name}"
    page = page_html(site, lesson)
    assert f'href="{href}" download' in page
    assert (site / lesson.chapter / lesson.name / href).resolve().is_file()


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_notebook_page_has_a_download_button_and_no_remote_scripts(
    site, chapter
):
    name = notebook_name(chapter)
    folder = site / chapter / name.removesuffix(".ipynb")
    page = (folder / "index.html").read_text()
    assert f'href="{name}" download' in page
    assert not re.search(r"""(src=|import\()["']https?://""", page)
    assert "jp-Notebook" in page


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_notebooks_have_no_math_to_render(site, chapter):
    """No MathJax is served (the CDN copy is dropped); this keeps it true."""
    for cell in downloaded(site, chapter).cells:
        if cell.cell_type == "markdown":
            assert not re.search(r"\$[^$\n]+\$|\\\(|\\\[", cell.source), (
                cell.source
            )
