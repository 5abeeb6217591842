"""A reader who pastes a page's code blocks in order gets the page's numbers.

The code is taken from the built HTML, exactly as the copy button gives it,
and run block by block in a fresh Python process, after the code of the pages
the page says to run first. What each block prints must be the "Output"
shown under it, and the variables the prose quotes must have its values
(measurements aside: timings and memory peaks differ from run to run).
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tutorial_code.sitebuild.lessons import read_results

from ..conftest import PROJECT
from ..pages import (
    code_blocks,
    is_measurement,
    lessons,
    page_html,
    reading_order,
    without_measurements,
)

# Runs pasted blocks one by one, like notebook cells, and reports what each
# printed and the simple values left in the session.
_READER = """
import contextlib, io, json, sys
import matplotlib
matplotlib.use("Agg")
from tutorial_code.sitebuild.run_lesson import simple_values

namespace = {"__name__": "__main__"}
printed = []
for block in json.load(sys.stdin):
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        exec(block, namespace)
    printed.append(buffer.getvalue())
json.dump({"printed": printed, "values": simple_values(namespace)}, sys.stdout)
"""


def paste(blocks: list[str], cwd: Path) -> dict:
    process = subprocess.run(
        [sys.executable, "-c", _READER],
        input=json.dumps(blocks),
        capture_output=True,
        text=True,
        cwd=cwd,
    )
    assert process.returncode == 0, process.stderr
    return json.loads(process.stdout)


def python_blocks(site: Path, lesson) -> list[str]:
    blocks = code_blocks(page_html(site, lesson))
    return [text for language, _, text in blocks if language == "python"]


@pytest.mark.parametrize("lesson", lessons(), ids=lambda x: x.id)
def test_pasted_code_prints_the_page_output(site, lesson, tmp_path):
    earlier = [
        block
        for previous in reading_order(lesson)[:-1]
        for block in python_blocks(site, previous)
    ]
    blocks = code_blocks(page_html(site, lesson))
    own = [text for language, _, text in blocks if language == "python"]
    assert own, "the page shows no Python code"
    for code in earlier + own:
        assert "tutorial_code" not in code, "pasted code must not need us"

    session = paste(earlier + own, tmp_path)

    printed = iter(session["printed"][len(earlier) :])
    shown_outputs = 0
    current = None
    for language, title, text in blocks:
        if language == "python":
            current = next(printed)
        elif title == "Output":
            assert current is not None, "an Output block before any code"
            shown, printed_now = without_measurements(text), without_measurements(current)
            assert shown.rstrip("\n") == printed_now.rstrip("\n")
            shown_outputs += 1
    assert shown_outputs > 0

    results = read_results(PROJECT / ".cache/lessons" / lesson.half / lesson.name)
    for name, value in results["values"].items():
        if is_measurement(name):
            continue
        assert name in session["values"], name
        assert session["values"][name] == pytest.approx(value), name
