"""``make serve`` while an author edits: fresh pages, never stale ones."""

import time

import pytest

from tutorial_code.sitebuild.dev_server import mkdocs_serve, wait_for

EDIT_TIMEOUT = 120  # generous: a loaded CI machine; the goal is in make bench


@pytest.mark.slow
def test_serve_shows_each_edit_and_keeps_the_last_good_pages(
    warm_project_copy,
):
    project = warm_project_copy
    page = project / "docs/digits/evaluation.md"
    lesson = project / "tutorial_code/digits/evaluation.py"
    with mkdocs_serve(project) as server:
        time.sleep(1)  # let the watcher settle after the first build
        page.write_text(page.read_text() + "\nA sentence, just written.\n")
        wait_for(
            lambda: "just written" in server.page("digits/evaluation"),
            EDIT_TIMEOUT,
        )

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
