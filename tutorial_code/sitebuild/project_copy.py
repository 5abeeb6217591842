"""A copy of the project that can build the site on its own.

The tests and the benchmarks build copies, so that the checkout's cache and
pages are left alone.
"""

import shutil
from pathlib import Path

# What a copy needs to build the site (the Benchmarks page shows the
# results file).
PROJECT_FILES = (
    "docs",
    "tutorial_code",
    "mkdocs.yml",
    "benchmarks/results.md",
)


def copy_project(project: Path, target: Path) -> Path:
    """Copy what builds the site from ``project`` into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = project / name
        if source.is_dir():
            ignore = shutil.ignore_patterns("__pycache__")
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target / name)
    return target
