"""``make serve`` while an author edits: fresh pages, never stale ones,
and no lesson run that the edit does not need."""

import time
from pathlib import Path

import pytest

from tutorial_code.sitebuild.dev_server import mkdocs_serve, wait_for

from ..conftest import RESULTS
from ..pages import lessons, reading_order

EDIT_TIMEOUT = 120  # generous: a loaded CI machine; the goal is in make bench


def lesson_runs(project: Path) -> dict[str, int]:
    """When each lesson's results were last written (ns)."""
    folder = project / ".cache/lessons"
    return {
        f"{p.parent.parent.name}.{p.parent.name}": p.stat().st_mtime_ns
        for p in folder.glob("*/*/results.json")
    }


@pytest.mark.slow
def test_serve_shows_each_edit_and_keeps_the_last_good_pages(
    warm_project_copy,
):
    project = warm_project_copy
    page = project / "docs/digits/evaluation.md"
    lesson = project / "tutorial_code/digits/evaluation.py"
    # The copy's results are links to this checkout's: reruns there must
    # leave these as they are.
    ours = {p: p.read_bytes() for p in RESULTS.glob("digits/*/*")}
    with mkdocs_serve(project) as server:
        time.sleep(1)  # let the watcher settle after the first build
        first = lesson_runs(project)
        page.write_text(page.read_text() + "\nA sentence, just written.\n")
        wait_for(
            lambda: "just written" in server.page("digits/evaluation"),
            EDIT_TIMEOUT,
        )
        # The chapter's notebook is made from its pages: it follows.
        wait_for(
            lambda: "just written" in server.page("digits/kmeans-digits"),
            EDIT_TIMEOUT,
        )
        assert lesson_runs(project) == first, "a prose edit reran lessons"

        # A code edit: the lesson runs again, its page and notebook follow.
        lesson.write_text(
            lesson.read_text().replace(
                'print(f"accuracy: {hungarian_accuracy:.1%}")',
                'print(f"accuracy (edited): {hungarian_accuracy:.1%}")',
            )
        )
        wait_for(
            lambda: "accuracy (edited)" in server.page("digits/evaluation"),
            EDIT_TIMEOUT,
        )
        wait_for(
            lambda: "accuracy (edited)" in server.page("digits/kmeans-digits"),
            EDIT_TIMEOUT,
        )
        runs = lesson_runs(project)
        reran = {x for x in first if runs[x] != first[x]}
        # The lesson and those that continue it, directly or not; no other.
        continuing = {
            other.id
            for other in lessons()
            if "digits.evaluation" in {x.id for x in reading_order(other)}
        }
        assert reran == continuing
        assert {"digits.evaluation", "digits.confusion_matrix"} <= reran

        # A lesson that raises: the terminal shows the traceback, and the
        # browser keeps the last good page (MkDocs holds new requests until
        # a build succeeds); mended, the page comes back.
        good = lesson.read_text()
        marker = "# --8<-- [end:compare]"
        lesson.write_text(
            good.replace(
                marker, f"raise ValueError('deliberately broken')\n{marker}"
            )
        )
        wait_for(
            lambda: "deliberately broken" in server.log_text(), EDIT_TIMEOUT
        )
        assert "tutorial_code/digits/evaluation.py" in server.log_text()
        lesson.write_text(good.replace("(edited)", "(mended)"))
        wait_for(
            lambda: "accuracy (mended)" in server.page("digits/evaluation"),
            EDIT_TIMEOUT,
        )
    assert {p: p.read_bytes() for p in RESULTS.glob("digits/*/*")} == ours
