"""MkDocs hooks: run the lessons, build the notebooks, add what they made.

Thin on purpose: ``mkdocs serve`` does not reload this module, and a move
away from MkDocs should stay cheap. The work is in
``tutorial_code.sitebuild``: ``lessons`` runs each stale lesson in a fresh
process, ``notebooks`` builds each chapter's notebook from its pages and
lesson runs, ``rebuilds`` says which pages a quick rebuild must render,
``watching`` starts it sooner and quicker, ``notebook_pages`` converts
notebooks beside the build, ``html_fixes`` mends the HTML.
"""

import hashlib
import logging
from pathlib import Path

import nbformat
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from tutorial_code.sitebuild import html_fixes, notebooks, rebuilds, watching
from tutorial_code.sitebuild.descriptions import first_paragraph
from tutorial_code.sitebuild.lessons import (
    LessonError,
    LessonPlan,
    build_lessons,
    installed_packages,
    start_lesson_server,
)
from tutorial_code.sitebuild.notebook_pages import NotebookPages
from tutorial_code.sitebuild.results import (
    LessonResults,
    lesson_path,
    versions_text,
)

EXTENSION = "tutorial_code.sitebuild.markdown_ext"
FIGURES = "figures"
DIRTY_WARNING = "A 'dirty' build is being performed"

_state: dict = {"dirty": False, "page_keys": {}}


class _DropDirtyWarning(logging.Filter):
    """``serve --dirty`` is safe here (see ``rebuilds``): not a warning."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


def _paths(config: MkDocsConfig) -> tuple[Path, Path, Path]:
    project = Path(config.config_file_path).parent
    return project, Path(config.docs_dir), project / ".cache"


def on_startup(command: str, dirty: bool) -> None:
    _state["dirty"] = dirty
    if dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(
            _DropDirtyWarning()
        )


def on_serve(server, config: MkDocsConfig, builder):
    start_lesson_server()
    watching.watch_with_file_events(
        server, [config.docs_dir, config.config_file_path]
    )
    return server


def on_env(env, config: MkDocsConfig, files: Files):
    watching.keep_compiled_templates(env)
    return env


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    project, docs, cache = _paths(config)
    dirty = _state["dirty"]
    # mkdocs-jupyter keeps each notebook's HTML, keyed by the notebook's
    # bytes; a folder per set of installed packages keys it by those too.
    packages = hashlib.sha256(installed_packages().encode()).hexdigest()
    jupyter = config.plugins["mkdocs-jupyter"].config
    jupyter["cache_dir"] = str(cache / "notebook-html" / packages[:16])
    notebook_pages = NotebookPages(jupyter)
    plan = LessonPlan(project, docs)
    notebook_pages.expect({x.chapter for x in plan.stale(cache / "lessons")})
    try:
        build_lessons(plan, cache / "lessons")
    except LessonError as error:
        notebook_pages.stop()
        raise PluginError(str(error)) from None
    results = LessonResults(cache / "lessons")
    lessons = plan.lessons
    pages = notebooks.pages_by_chapter(
        config.nav, {lesson.chapter for lesson in lessons}
    )
    built = {
        chapter: notebooks.build(
            chapter,
            [docs / page for page in pages[chapter]],
            project,
            results,
            cache / "notebooks",
        )
        for chapter in pages
    }
    paths = {chapter: path for chapter, (path, _) in built.items()}
    exercises = {
        chapter: notebooks.build_exercises(
            chapter,
            docs / chapter / notebooks.EXERCISES,
            project,
            results,
            cache / "notebooks",
            config.repo_url or "",
            config.site_url or "",
        )
        for chapter in pages
        if f"{chapter}/{notebooks.EXERCISES}"
        in notebooks.nav_pages(config.nav)
    }
    # The notebooks this build renders: a dirty one, only those that changed.
    notebook_pages.convert_beside(
        [path for path, changed in built.values() if changed or not dirty]
    )
    _state.update(
        results=results,
        lessons=lessons,
        notebooks=paths,
        exercises=exercises,
        notebook_pages=notebook_pages,
    )
    ids = {lesson.page: lesson.id for lesson in lessons}
    nav_order = notebooks.nav_pages(config.nav)
    config.mdx_configs[EXTENSION] = {
        "results_dir": str(cache / "lessons"),
        "figures_url": f"/{FIGURES}",
        "docs_dir": str(docs),
        "reading_order": [ids[page] for page in nav_order if page in ids],
        "repo_url": config.repo_url or "",
    }
    config.extra["built_with"] = versions_text()
    # Where each chapter's notebook is downloaded from, for lesson pages.
    config.extra["notebooks"] = {
        chapter: f"{chapter}/{path.stem}/{path.name}"
        for chapter, path in paths.items()
    }
    # Each chapter's exercises notebook: a download, not a page.
    config.extra["exercise_notebooks"] = {
        chapter: f"{chapter}/{path.name}"
        for chapter, path in exercises.items()
    }
    return config


@event_priority(50)  # before mkdocs-jupyter turns .ipynb files into pages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    project, docs, cache = _paths(config)
    results: LessonResults = _state["results"]
    for lesson in _state["lessons"]:
        folder = results.folder(lesson.id)
        for figure in results[lesson.id].get("figures", {}).values():
            for scheme in ("light", "dark"):
                uri = f"{FIGURES}/{lesson_path(lesson.id)}/{figure[scheme]}"
                path = str(folder / figure[scheme])
                files.append(File.generated(config, uri, abs_src_path=path))
    # A plain File with the cache as its source folder, not File.generated:
    # mkdocs-jupyter's wrapper finds the path of a generated file to be None.
    downloads = [*_state["notebooks"].values(), *_state["exercises"].values()]
    for path in downloads:
        chapter = path.parent.name
        notebook = File(
            f"{chapter}/{path.name}",
            src_dir=str(path.parent.parent),
            dest_dir=config.site_dir,
            use_directory_urls=config.use_directory_urls,
        )
        files.append(notebook)
    if _state["dirty"]:
        keys = rebuilds.page_keys(
            project, docs, cache / "lessons", Path(config.config_file_path)
        )
        changed = {
            page
            for page, key in keys.items()
            if _state["page_keys"].get(page) != key
        }
        rebuilds.mark_for_rendering(
            [Path(f.abs_dest_path) for f in files if f.src_uri in changed]
        )
        _state["page_keys"] = keys
    return files


def on_pre_page(page, config: MkDocsConfig, files: Files):
    # Before mkdocs-jupyter looks in its cache for the notebook's page.
    if page.file.src_uri.endswith(".ipynb"):
        _state["notebook_pages"].wait_for(Path(page.file.abs_src_path))
    return page


def on_page_content(html: str, page, config: MkDocsConfig, files) -> str:
    # A description for link previews, unless the page gives its own.
    if not page.meta.get("description"):
        description = first_paragraph(html)
        if description:
            page.meta["description"] = description
    # A chapter's notebook repeats its pages: search finds the pages.
    if page.file.src_uri.endswith(".ipynb"):
        page.meta["search"] = {"exclude": True}
    return html


def on_post_page(html: str, page, config: MkDocsConfig) -> str:
    html = html_fixes.name_search_dialog(html)
    if not page.file.src_uri.endswith(".ipynb"):
        return html
    chapter = page.file.src_uri.split("/")[0]
    notebook = nbformat.read(_state["notebooks"][chapter], 4)
    return html_fixes.fix_notebook_page(html, notebooks.image_alts(notebook))
