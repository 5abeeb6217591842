"""The site builds strictly, from the lessons, and only from them."""

import ast
import re
import shutil
import subprocess
from importlib.metadata import version
from pathlib import Path

import nbformat
import pytest
import yaml

from tutorial_code.sitebuild.results import LessonResults
from tutorial_code.sitebuild.sections import SNIPPET_LINE, split_sections

from ..conftest import DOCS, PROJECT, RESULTS, mkdocs_build
from ..pages import (
    code_blocks,
    lessons,
    page_html,
    reading_order,
    without_measurements,
)

# A notebook page inlines its figures; each is drawn with the site's own
# variant of the same figure, which the byte comparison below checks.
INLINE_IMAGE = re.compile(r"data:image/\w+;base64,[A-Za-z0-9+/=]+")
FENCE = re.compile(r"^(?P<indent>\s*)```(?P<info>.*)$")


def fenced_blocks(markdown: str):
    """(info string, lines) of every fenced code block of a Markdown page."""
    block, info = None, ""
    for line in markdown.splitlines():
        fence = FENCE.match(line)
        if fence and block is None:
            block, info = [], fence["info"].strip()
        elif fence:
            yield info, block
            block = None
        elif block is not None:
            block.append(line)


def embedded_sections() -> set[tuple[str, str]]:
    """(file, section) of every snippet that a page embeds."""
    found = set()
    for page in DOCS.rglob("*.md"):
        for _, lines in fenced_blocks(page.read_text(encoding="utf-8")):
            for line in lines:
                snippet = SNIPPET_LINE.match(line)
                if snippet:
                    found.add((snippet["path"], snippet["section"]))
    return found


def test_no_python_is_typed_into_the_pages():
    for page in DOCS.rglob("*.md"):
        for info, lines in fenced_blocks(page.read_text(encoding="utf-8")):
            assert info, f"{page}: a code block without a language"
            language = info.split()[0]
            if language in {"python", "py", "pycon"}:
                for line in lines:
                    assert SNIPPET_LINE.match(line), f"{page}: typed code {line!r}"


def test_every_section_of_the_lesson_code_is_shown():
    embedded = embedded_sections()
    for module in (PROJECT / "tutorial_code").glob("*/*.py"):
        if module.parent.name == "sitebuild":
            continue
        path = str(module.relative_to(PROJECT))
        for chunk in split_sections(module.read_text(encoding="utf-8")):
            if chunk.section:
                assert (path, chunk.section) in embedded, (path, chunk.section)


def test_lessons_hide_no_code_outside_their_sections():
    """Outside sections a lesson may only import earlier lessons' state,
    and, after its last section, check its page's conclusions (claims,
    README "Writing a lesson")."""
    for lesson in lessons():
        source = lesson.source(PROJECT).read_text(encoding="utf-8")
        chunks = split_sections(source)
        last = max(i for i, chunk in enumerate(chunks) if chunk.section)
        for chunk in chunks[:last]:
            if chunk.section is not None:
                continue
            for node in ast.parse(chunk.code).body:
                docstring = isinstance(node, ast.Expr) and isinstance(
                    getattr(node, "value", None), ast.Constant
                )
                ours = isinstance(node, ast.ImportFrom) and (
                    node.module or ""
                ).startswith("tutorial_code.")
                assert docstring or ours, f"{lesson.id}: {ast.unparse(node)}"


@pytest.mark.parametrize("lesson", lessons(), ids=lambda x: x.id)
def test_page_shows_its_code_output_and_figures(site, lesson):
    page = page_html(site, lesson)
    blocks = code_blocks(page)
    assert "8&lt;" not in page and "--8<--" not in page, "a snippet not embedded"
    assert "[missing:" not in page
    python = "\n".join(text for language, _, text in blocks if language == "python")
    module = lesson.source(PROJECT).read_text(encoding="utf-8")
    for chunk in split_sections(module):
        if chunk.section:
            assert chunk.code.strip() in python, chunk.section
    for image in re.findall(r'<img [^>]*src="([^"#]+)', page):
        assert (site / lesson.chapter / lesson.name / image).resolve().is_file(), image


@pytest.mark.parametrize("lesson", lessons(), ids=lambda x: x.id)
def test_page_says_which_pages_to_run_first(site, lesson):
    page = page_html(site, lesson)
    for prerequisite in reading_order(lesson)[:-1]:
        assert f'href="../{prerequisite.name}/"' in page, prerequisite.id


def test_every_page_names_the_library_versions(site):
    for page in site.rglob("index.html"):
        if page.parent.name in {"search", "assets"}:
            continue
        text = page.read_text(encoding="utf-8")
        assert f"scikit-learn {version('scikit-learn')}" in text, page
        assert f"numpy {version('numpy')}" in text, page


def test_execution_times_list_every_lesson_with_its_cost(site):
    page = (site / "execution_times/index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.DOTALL)
    for lesson in lessons():
        link = f'href="../{lesson.chapter}/{lesson.name}/"'
        (row,) = [row for row in rows if link in row]
        assert re.search(r">(\d+\.\d\d s|\d+\.\d ms)<", row), lesson.id
        assert re.search(r">\d+\.\d MB<", row), lesson.id


def test_site_configuration_matches_the_rules():
    config = yaml.load(
        (PROJECT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader
    )
    assert config["strict"] == "true"
    assert config["theme"]["font"] == "false", "no Google Fonts"
    assert "tutorial_code" in config["watch"]
    jupyter = next(
        p["mkdocs-jupyter"]
        for p in config["plugins"]
        if isinstance(p, dict) and "mkdocs-jupyter" in p
    )
    # Never executed by mkdocs-jupyter (outputs come from the lesson runs),
    # and never with errors allowed (its default).
    assert jupyter["execute"] == "false"
    assert jupyter["allow_errors"] == "false"
    snippets = next(
        e["pymdownx.snippets"]
        for e in config["markdown_extensions"]
        if isinstance(e, dict) and "pymdownx.snippets" in e
    )
    assert snippets["check_paths"] == "true"


def test_no_generated_file_is_committed():
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=PROJECT, capture_output=True, text=True
    ).stdout.split()
    assert tracked, "not a git checkout?"
    generated = [
        path
        for path in tracked
        if path.startswith(("site/", ".cache/"))
        or path.endswith((".png", ".jpg", ".ipynb"))
    ]
    assert generated == []


@pytest.mark.slow
def test_a_lesson_that_raises_fails_the_build(warm_project_copy, tmp_path):
    project_copy = warm_project_copy
    lesson = project_copy / "tutorial_code/digits/evaluation.py"
    source = lesson.read_text()
    marker = "# --8<-- [end:compare]"
    lesson.write_text(
        source.replace(marker, f"raise ValueError('deliberately broken')\n{marker}")
    )
    site = tmp_path / "site"
    build = mkdocs_build(project_copy, site)
    assert build.returncode != 0
    assert "deliberately broken" in build.stderr
    assert "tutorial_code/digits/evaluation.py" in build.stderr
    assert not (site / "index.html").exists()


def same_pages(site: Path, again: Path) -> None:
    """``again`` has the pages and figures of ``site``, measurements aside."""
    pages = sorted(p.relative_to(site) for p in site.rglob("*.html"))
    figures = sorted(p.relative_to(site) for p in site.rglob("figures/**/*.*"))
    assert pages
    assert figures
    assert pages == sorted(p.relative_to(again) for p in again.rglob("*.html"))
    for path in pages:
        one, two = (
            INLINE_IMAGE.sub("data:<image>", (folder / path).read_text())
            for folder in (site, again)
        )
        assert without_measurements(one) == without_measurements(two), path
    for path in figures:
        assert (site / path).read_bytes() == (again / path).read_bytes(), path


def test_the_page_comparison_finds_a_changed_page(site, tmp_path):
    again = tmp_path / "again"
    shutil.copytree(site, again)
    page = again / "digits/evaluation/index.html"
    page.write_text(page.read_text().replace("79", "97", 1))
    with pytest.raises(AssertionError):
        same_pages(site, again)


@pytest.mark.slow
def test_a_build_from_the_same_results_renders_the_same_pages(
    site, warm_project_copy, tmp_path
):
    """In another process and folder, from the same lesson results (that
    the results themselves repeat in another process is the notebook test's
    part: tests/site/test_notebooks.py). What an edit reruns is tested with
    ``make serve``, as authors edit: tests/site/test_serve.py."""
    assert mkdocs_build(warm_project_copy, tmp_path / "again").returncode == 0
    same_pages(site, tmp_path / "again")


def test_no_lesson_warns(site):
    """A deprecation reaches the author before it breaks a page."""
    results = LessonResults(RESULTS)
    for lesson in lessons():
        assert results[lesson.id]["warnings"] == [], lesson.id


def test_every_lesson_variable_a_later_lesson_imports_was_saved(site):
    results = LessonResults(RESULTS)
    ids = {lesson.id for lesson in lessons()}
    for lesson in lessons():
        source = lesson.source(PROJECT).read_text(encoding="utf-8")
        for node in ast.parse(source).body:
            if not isinstance(node, ast.ImportFrom) or not node.module:
                continue
            imported = node.module.removeprefix("tutorial_code.")
            if imported in ids:
                unsaved = set(results[imported]["unsaved_names"])
                names = {alias.name for alias in node.names}
                assert not names & unsaved, (lesson.id, names & unsaved)


def test_no_lesson_leaves_a_process_running(site):
    results = LessonResults(RESULTS)
    for lesson in lessons():
        assert results[lesson.id]["left_running"] == [], lesson.id
