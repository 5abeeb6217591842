"""Which pages a quick rebuild under ``mkdocs serve --dirty`` must render.

A dirty build renders only the pages whose Markdown file is newer than
their HTML. But a page also changes when a lesson it quotes ran again, when
a file it embeds changed, or when the navigation or the machinery did. So
each page gets a key over all of that; a page whose key changed since the
last build is marked for rendering (its old HTML is dated back), so that a
stale page is never served.
"""

import hashlib
import os
from pathlib import Path

from tutorial_code.sitebuild.markdown_ext import (
    EXECUTION_TIMES,
    REFERENCE,
)
from tutorial_code.sitebuild.results import RESULTS_FILE, lesson_folder
from tutorial_code.sitebuild.sections import SNIPPET_LINE

# The modules that turn a page's Markdown into HTML.
RENDERING = ("markdown_ext.py", "results.py", "sections.py", "html_fixes.py")


def page_keys(
    project: Path, docs_dir: Path, results_dir: Path, config_file: Path
) -> dict[str, str]:
    """A key for every Markdown page (by path in ``docs_dir``)."""
    pages = sorted(docs_dir.rglob("*.md"))
    texts = {page: page.read_text(encoding="utf-8") for page in pages}
    common = hashlib.sha256(config_file.read_bytes())
    for page, text in texts.items():  # titles: every page's navigation
        headings = [x for x in text.splitlines() if x.startswith("# ")]
        common.update(f"{page}{headings[:1]}".encode())
    machinery = Path(__file__).parent
    for name in RENDERING:
        common.update((machinery / name).read_bytes())
    every_lesson = sorted(results_dir.glob(f"*/[!.]*/{RESULTS_FILE}"))
    keys = {}
    for page, text in texts.items():
        digest = common.copy()
        digest.update(text.encode())
        lines = text.splitlines()
        for line in lines:
            if snippet := SNIPPET_LINE.match(line):
                embedded = project / snippet["path"]
                if embedded.is_file():
                    digest.update(embedded.read_bytes())
        quoted = [
            lesson_folder(results_dir, lesson) / RESULTS_FILE
            for lesson in sorted(set(REFERENCE.findall(text)))
        ]
        if any(EXECUTION_TIMES.match(line) for line in lines):
            quoted += every_lesson
        for path in quoted:
            if path.is_file():
                digest.update(path.read_bytes())
        keys[str(page.relative_to(docs_dir))] = digest.hexdigest()
    return keys


def mark_for_rendering(destinations: list[Path]) -> None:
    """Date back these pages' HTML, so a dirty build renders them again."""
    for path in destinations:
        if path.is_file():
            os.utime(path, (0, 0))
