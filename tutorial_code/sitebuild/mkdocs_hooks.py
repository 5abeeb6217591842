"""MkDocs hooks: run the lessons, build the notebooks, add what they made.

Thin on purpose: ``mkdocs serve`` does not reload this module. The work is
in ``tutorial_code.sitebuild``: ``lessons`` runs each half's lessons in a
fresh Python process, so an edited lesson is always run anew, and
``notebooks`` builds each half's notebook from its pages and lesson runs.
"""

import re
from html import escape
from pathlib import Path

import nbformat
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from tutorial_code.sitebuild import notebooks
from tutorial_code.sitebuild.descriptions import first_paragraph
from tutorial_code.sitebuild.lessons import (
    LessonError,
    build_lessons,
    library_versions,
)
from tutorial_code.sitebuild.markdown_ext import LessonResults

EXTENSION = "tutorial_code.sitebuild.markdown_ext"
FIGURES = "figures"
# nbconvert's notebook template loads MathJax, and Mermaid when a notebook
# has a diagram, from a CDN. No notebook has either, and the site makes no
# requests to other hosts (tests check both), so those scripts are dropped.
MATHJAX = re.compile(
    r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.DOTALL
)
SEARCH_DIALOG = (
    '<div class="md-search" data-md-component="search" role="dialog">'
)
CODE_CELL = '<div class="highlight-ipynb hl-python">'
# A code block in a Markdown cell, such as a shell command: Material gives
# it a copy button once its text is in a <code> element, as on the pages.
MARKDOWN_CELL_CODE = re.compile(
    r'(<div class="highlight"><pre>)(.*?)(</pre></div>)', re.DOTALL
)
# nbconvert's cell ids ("cell-id=cell-3") are not valid in CSS selectors,
# which Material's copy button builds from them.
CELL_ID = re.compile(r'id="cell-id=([\w-]+)"')
NO_ALT = re.compile(r'alt="(No description has been provided for this image)"')
SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL)
OTHER_HOST = re.compile(r"""(src=|import\()["']https?://""")

_results: dict[str, dict] = {}
_notebooks: dict[str, Path] = {}


def _cache(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / ".cache"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    project = Path(config.config_file_path).parent
    docs = Path(config.docs_dir)
    lessons = _cache(config) / "lessons"
    try:
        results = build_lessons(project, docs, lessons)
    except LessonError as error:
        raise PluginError(str(error)) from None
    _results.clear()
    _results.update(results)
    halves = {lesson.split(".")[0] for lesson in results}
    pages = notebooks.pages_by_half(config.nav, halves)

    paths = {
        half: notebooks.build(
            half,
            [docs / page for page in pages[half]],
            project,
            LessonResults(lessons),
            _cache(config) / "notebooks",
        )
        for half in pages
    }
    _notebooks.clear()
    _notebooks.update(paths)

    config.mdx_configs[EXTENSION] = {
        "results_dir": str(lessons),
        "figures_url": f"/{FIGURES}",
        "docs_dir": str(docs),
    }
    versions = library_versions().items()
    config.extra["built_with"] = ", ".join(f"{k} {v}" for k, v in versions)
    # Where each half's notebook is downloaded from, for the lesson pages.
    config.extra["notebooks"] = {
        half: f"{half}/{path.stem}/{path.name}" for half, path in paths.items()
    }
    return config


@event_priority(50)  # before mkdocs-jupyter turns .ipynb files into pages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    for lesson, results in _results.items():
        folder = lesson.replace(".", "/")
        for figure in results["figures"].values():
            for scheme in ("light", "dark"):
                path = _cache(config) / "lessons" / folder / figure[scheme]
                uri = f"{FIGURES}/{folder}/{figure[scheme]}"
                files.append(
                    File.generated(config, uri, abs_src_path=str(path))
                )
    # A plain File with the cache as its source folder, not File.generated:
    # mkdocs-jupyter's wrapper finds the path of a generated file to be None.
    for half, path in _notebooks.items():
        notebook = File(
            f"{half}/{path.name}",
            src_dir=str(path.parent.parent),
            dest_dir=config.site_dir,
            use_directory_urls=config.use_directory_urls,
        )
        files.append(notebook)
    return files


def on_page_content(html: str, page, config: MkDocsConfig, files) -> str:
    # A description for link previews, unless the page gives its own.
    if not page.meta.get("description"):
        description = first_paragraph(html)
        if description:
            page.meta["description"] = description
    return html


def on_post_page(html: str, page, config: MkDocsConfig) -> str:
    # Material's search dialog has no accessible name (an axe violation).
    html = html.replace(
        SEARCH_DIALOG, f'{SEARCH_DIALOG[:-1]} aria-label="Search">'
    )
    if not page.file.src_uri.endswith(".ipynb"):
        return html
    html = MATHJAX.sub("", html)
    html = SCRIPT.sub(lambda s: "" if OTHER_HOST.search(s[0]) else s[0], html)
    # A code cell wider than the page scrolls: keyboards must reach it.
    html = html.replace(CODE_CELL, f'{CODE_CELL[:-1]} tabindex="0">')
    html = MARKDOWN_CELL_CODE.sub(r"\1<code>\2</code>\3", html)
    html = CELL_ID.sub(r'id="notebook-\1"', html)
    # nbconvert cannot take alt text from a notebook; the pages give it.
    half = page.file.src_uri.split("/")[0]
    alts = iter(notebooks.image_alts(nbformat.read(_notebooks[half], 4)))
    return NO_ALT.sub(lambda m: f'alt="{escape(next(alts) or m[1])}"', html)
