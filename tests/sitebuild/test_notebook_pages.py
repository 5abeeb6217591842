"""Notebooks converted beside the build are the pages mkdocs-jupyter makes."""

import contextlib
import json
import subprocess
import sys
from pathlib import Path

import nbformat
import psutil
import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs_jupyter.plugin import Plugin
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from tutorial_code.sitebuild.notebook_pages import (
    NotebookPages,
    cache_file,
    to_cache,
)


def write_notebook(folder: Path, name: str) -> Path:
    cells = [
        new_markdown_cell(f"# {name}\n\nSome *prose*.\n\n## A section"),
        new_code_cell("print(1 + 1)"),
    ]
    cells[1].outputs = [
        nbformat.from_dict(
            {"output_type": "stream", "name": "stdout", "text": "2\n"}
        )
    ]
    path = folder / f"{name}.ipynb"
    nbformat.write(new_notebook(cells=cells), path)
    return path


def plugin_options(cache_dir: Path) -> dict:
    """mkdocs-jupyter's configuration, with this project's options."""
    plugin = Plugin()
    errors, _ = plugin.load_config(
        {
            "execute": False,
            "allow_errors": False,
            "include_source": True,
            "cache_dir": str(cache_dir),
        }
    )
    assert not errors
    return plugin.config


def made_by_mkdocs_jupyter(notebook: Path, options: dict) -> Page:
    """The page of ``notebook`` as mkdocs-jupyter renders it."""
    plugin = Plugin()
    plugin.config = options
    config = MkDocsConfig()
    config.load_dict({"site_name": "Test", "docs_dir": str(notebook.parent)})
    file = File(
        notebook.name,
        src_dir=str(notebook.parent),
        dest_dir=str(notebook.parent / "site"),
        use_directory_urls=True,
    )
    page = Page(None, file, config)
    plugin.on_pre_build(config)
    plugin.on_pre_page(page, config, Files([file]))
    page.render(config, Files([file]))
    return page


def test_an_entry_made_here_is_mkdocs_jupyters(tmp_path):
    notebook = write_notebook(tmp_path, "chapter")
    ours = plugin_options(tmp_path / "ours")
    file = cache_file(notebook, ours)
    to_cache(notebook, ours, file)
    theirs = plugin_options(tmp_path / "theirs")
    page = made_by_mkdocs_jupyter(notebook, theirs)
    (entry,) = (tmp_path / "theirs").glob("*.json")
    assert entry.name == file.name  # the same key
    assert entry.read_bytes() == file.read_bytes()
    # and mkdocs-jupyter takes ours as its own
    assert made_by_mkdocs_jupyter(notebook, ours).content == page.content


def test_the_later_half_is_converted_beside(tmp_path):
    options = plugin_options(tmp_path / "cache")
    notebooks = [write_notebook(tmp_path, name) for name in "abcde"]
    to_cache(notebooks[1], options, cache_file(notebooks[1], options))
    pages = NotebookPages(options)
    pages.convert_beside(notebooks)
    # b is converted already: of a, c, d, e, mkdocs-jupyter converts a, c
    later = [notebooks[3].resolve(), notebooks[4].resolve()]
    assert list(pages.pending) == later
    for path in notebooks:
        pages.wait_for(path)
    assert not pages.pending
    for path in notebooks[1:2] + notebooks[3:]:
        assert cache_file(path, options).is_file()
    assert not cache_file(notebooks[0], options).exists()


def test_one_notebook_is_left_to_mkdocs_jupyter(tmp_path):
    options = plugin_options(tmp_path / "cache")
    pages = NotebookPages(options)
    before = set(psutil.Process().children())
    pages.expect({"one", "two"})  # several chapters' lessons are stale
    pages.start().submit(int).result()  # its process is up
    (process,) = set(psutil.Process().children()) - before
    pages.convert_beside([write_notebook(tmp_path, "alone")])
    assert not pages.pending
    assert not (tmp_path / "cache").exists()
    process.wait(timeout=30)  # and it ends


def test_one_chapter_changed_starts_no_process(tmp_path):
    pages = NotebookPages(plugin_options(tmp_path / "cache"))
    pages.expect({"one"})
    assert pages.pool is None


def test_a_failed_conversion_fails_the_page(tmp_path):
    options = plugin_options(tmp_path / "cache")
    good = write_notebook(tmp_path, "good")
    broken = tmp_path / "broken.ipynb"
    broken.write_text("{ not a notebook")
    pages = NotebookPages(options)
    pages.convert_beside([good, broken])
    with pytest.raises(json.JSONDecodeError):
        pages.wait_for(broken)
    assert not cache_file(broken, options).exists()


def test_the_converting_process_ends_with_the_build(tmp_path):
    """Even when the build's process is killed (``mkdocs serve`` stopped
    by a signal): the converting process ends too."""
    pids = tmp_path / "pids"
    build = (
        "import os, psutil\n"
        "from tutorial_code.sitebuild.notebook_pages import NotebookPages\n"
        "pages = NotebookPages({})\n"
        "pages.start().submit(int).result()\n"
        "children = psutil.Process().children()\n"
        "text = ' '.join(str(child.pid) for child in children)\n"
        f"open({str(pids)!r}, 'w').write(text)\n"
        "os.kill(os.getpid(), 9)\n"
    )
    # No pipes: a process left running would hold them open, and hang this.
    done = subprocess.run(
        [sys.executable, "-c", build],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=60,
    )
    assert done.returncode == -9
    started = []
    for pid in map(int, pids.read_text().split()):
        with contextlib.suppress(psutil.NoSuchProcess):
            started.append(psutil.Process(pid))
    assert pids.read_text().split()  # it had started a process
    _, alive = psutil.wait_procs(started, timeout=10)
    for process in alive:
        process.kill()
    assert not alive
