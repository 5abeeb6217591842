"""A quick rebuild renders every page whose inputs changed, and no other."""

import json
import os
from pathlib import Path

import pytest

from tutorial_code.sitebuild.rebuilds import mark_for_rendering, page_keys

SECTION = "# --8<-- [start:s]\nx = {value}\n# --8<-- [end:s]\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    files = {
        "mkdocs.yml": "site_name: x\n",
        "tutorial_code/ch/lesson.py": SECTION.format(value=1),
        "docs/ch/lesson.md": (
            "# Lesson\n\n```python\n"
            '--8<-- "tutorial_code/ch/lesson.py:s"\n```\n'
        ),
        "docs/ch/quotes.md": "# Quotes\n\nx is {{ ch.lesson.x }}.\n",
        "docs/plain.md": "# Plain\n",
        "docs/times.md": "# Times\n\n{{ execution_times }}\n",
        ".cache/lessons/ch/lesson/results.json": json.dumps(
            {"values": {"x": 1}}
        ),
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def changed_after(project: Path, path: str, text: str) -> set[str]:
    def keys() -> dict[str, str]:
        return page_keys(
            project,
            project / "docs",
            project / ".cache/lessons",
            project / "mkdocs.yml",
        )

    before = keys()
    (project / path).write_text(text)
    after = keys()
    return {page for page in before if before[page] != after[page]}


def test_a_prose_edit_renders_only_its_page(project):
    assert changed_after(project, "docs/plain.md", "# Plain\n\nMore.\n") == {
        "plain.md"
    }


def test_embedded_code_renders_the_pages_showing_it(project):
    code = SECTION.format(value=2)
    assert changed_after(project, "tutorial_code/ch/lesson.py", code) == {
        "ch/lesson.md"
    }


def test_new_results_render_the_pages_quoting_them(project):
    results = json.dumps({"values": {"x": 2}})
    path = ".cache/lessons/ch/lesson/results.json"
    assert changed_after(project, path, results) == {
        "ch/quotes.md",
        "times.md",
    }


def test_a_new_title_or_configuration_renders_every_page(project):
    everything = {"ch/lesson.md", "ch/quotes.md", "plain.md", "times.md"}
    assert changed_after(project, "docs/plain.md", "# Renamed\n") == everything
    assert changed_after(project, "mkdocs.yml", "site_name: y\n") == everything


def test_marked_pages_are_older_than_any_source(tmp_path):
    page = tmp_path / "index.html"
    page.write_text("old")
    mark_for_rendering([page, tmp_path / "missing.html"])
    assert os.path.getmtime(page) == 0
