"""MkDocs hooks: run the lessons, then add their figures to the site.

Thin on purpose: ``mkdocs serve`` does not reload this module. The work is
in ``tutorial_code.sitebuild.lessons``, which runs each lesson in a fresh
Python process, so an edited lesson is always run anew.
"""

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from tutorial_code.sitebuild.lessons import (
    LessonError,
    build_lessons,
    library_versions,
)

EXTENSION = "tutorial_code.sitebuild.markdown_ext"
FIGURES = "figures"

_results: dict[str, dict] = {}


def _cache(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / ".cache" / "lessons"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    project = Path(config.config_file_path).parent
    docs = Path(config.docs_dir)
    try:
        results = build_lessons(project, docs, _cache(config))
    except LessonError as error:
        raise PluginError(str(error)) from None
    _results.clear()
    _results.update(results)
    config.mdx_configs[EXTENSION] = {
        "results_dir": str(_cache(config)),
        "figures_url": f"/{FIGURES}",
    }
    versions = library_versions().items()
    config.extra["built_with"] = ", ".join(f"{k} {v}" for k, v in versions)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for lesson, results in _results.items():
        folder = lesson.replace(".", "/")
        for figure in results["figures"].values():
            for scheme in ("light", "dark"):
                path = _cache(config) / folder / figure[scheme]
                uri = f"{FIGURES}/{folder}/{figure[scheme]}"
                files.append(
                    File.generated(config, uri, abs_src_path=str(path))
                )
    return files
