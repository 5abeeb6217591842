"""Turn changed notebooks into pages in another process, beside the build.

mkdocs-jupyter converts each notebook when MkDocs renders its page, one
after another, 0.3-0.9 s each: 2-4 s of a clean build, on one core. When
several notebooks changed, ``NotebookPages`` converts the later half (in
reading order) in a process of its own, into mkdocs-jupyter's cache, while
MkDocs renders the other pages and mkdocs-jupyter converts the first half
as usual. The process takes a second to start: the build starts it while
the lessons run when it expects several notebooks to change.

The cache entries are mkdocs-jupyter's own: their key and table of contents
come from its (private) functions, and a test checks that an entry made
here is the one mkdocs-jupyter makes.
"""

import json
import multiprocessing
import multiprocessing.connection
import os
import tempfile
import threading
from concurrent.futures import Future
from concurrent.futures import ProcessPoolExecutor as Pool
from pathlib import Path

from mkdocs_jupyter import convert
from mkdocs_jupyter.plugin import (
    _compute_cache_key,
    _get_cache_path,
    _get_nb_toc_tokens,
)

# The options mkdocs-jupyter passes to its conversion (plugin.py, new_render).
CONVERSION_OPTIONS = (
    "kernel_name",
    "theme",
    "allow_errors",
    "show_input",
    "no_input",
    "no_prompt",
    "remove_tag_config",
    "highlight_extra_classes",
    "include_requirejs",
    "custom_mathjax_url",
)


class NotebookPages:
    """Notebooks being converted beside the build, for one build."""

    def __init__(self, options: dict) -> None:
        """``options``: mkdocs-jupyter's configuration."""
        self.options = dict(options)
        self.pending: dict[Path, Future] = {}
        self.pool: Pool | None = None

    def expect(self, chapters: set[str]) -> None:
        """Start the process now if the notebooks of several ``chapters``
        will change (their lessons run first)."""
        if len(chapters) > 1:
            self.start()

    def start(self) -> Pool:
        """Start the converting process now, before it has work."""
        if self.pool is None:
            self.pool = Pool(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_end_with_the_build,
            )
            self.pool.submit(int)  # the process starts, and imports
        return self.pool

    def stop(self) -> None:
        """Let the process end once it has converted what it was given."""
        if self.pool is not None:
            self.pool.shutdown(wait=False)

    def convert_beside(self, notebooks: list[Path]) -> None:
        """Start converting the later half of those of ``notebooks`` (in
        reading order) that are not in the cache. One alone is left to
        mkdocs-jupyter.

        ``notebooks``: those MkDocs renders in this build, no others (a
        dirty build leaves mkdocs-jupyter's cache without the others).
        """
        todo = []
        # Unless mkdocs-jupyter runs them, or keeps nothing:
        if not self.options["execute"] and self.options["cache"]:
            files = [
                (path, cache_file(path, self.options)) for path in notebooks
            ]
            todo = [(path, file) for path, file in files if not file.exists()]
        beside = todo[len(todo) // 2 :] if len(todo) > 1 else []
        for path, file in beside:
            future = self.start().submit(to_cache, path, self.options, file)
            self.pending[path.resolve()] = future
        self.stop()

    def wait_for(self, notebook: Path) -> None:
        """Return once ``notebook`` is converted, if it is being converted;
        raise what its conversion raised."""
        future = self.pending.pop(notebook.resolve(), None)
        if future is not None:
            future.result()


def _end_with_the_build() -> None:
    """In the converting process: end it when the build's process ends,
    however that ends (``mkdocs serve`` stopped by a signal included).

    Otherwise it would wait for work forever: it holds both ends of the
    pipe its work comes through.
    """

    def watch() -> None:
        multiprocessing.connection.wait(
            [multiprocessing.parent_process().sentinel]
        )
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def cache_file(notebook: Path, options: dict) -> Path:
    """Where mkdocs-jupyter keeps ``notebook``'s page."""
    key = _compute_cache_key(str(notebook), options, options["execute"])
    return _get_cache_path(options["cache_dir"], key)


def to_cache(notebook: Path, options: dict, file: Path) -> None:
    """Convert ``notebook`` as mkdocs-jupyter does; write its cache entry."""
    body = convert.nb2html(
        str(notebook),
        execute=False,
        **{name: options[name] for name in CONVERSION_OPTIONS},
    )
    toc_tokens, title = _get_nb_toc_tokens(str(notebook), options["toc_depth"])
    entry = {"content": body, "toc_tokens": toc_tokens, "title": title}
    file.parent.mkdir(parents=True, exist_ok=True)
    # Written whole, then renamed: never read half-written.
    with tempfile.NamedTemporaryFile(
        "w", dir=file.parent, suffix=".tmp", delete=False, encoding="utf-8"
    ) as temporary:
        temporary.write(json.dumps(entry))
    os.replace(temporary.name, file)
