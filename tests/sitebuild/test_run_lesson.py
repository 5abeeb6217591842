"""Running a lesson section by section."""

import json
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tutorial_code.claims import ClaimError
from tutorial_code.sitebuild.run_lesson import (
    restore_namespace,
    run_lesson,
    save_namespace,
)
from tutorial_code.sitebuild.values import simple_values

from ..conftest import run_python


def section(name: str, *lines: str) -> str:
    return "\n".join(
        [f"# --8<-- [start:{name}]", *lines, f"# --8<-- [end:{name}]", ""]
    )


LESSON = (
    '"""A tiny lesson."""\n'
    + section(
        "compute",
        "import numpy as np",
        "values = np.arange(4)",
        "total = int(values.sum())",
        'print("total:", total)',
    )
    + section(
        "plot",
        "import matplotlib.pyplot as plt",
        "fig, ax = plt.subplots()",
        "ax.plot(values)",
        'ax.set_title("values")',
        "plt.show()",
    )
)


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A throwaway importable package; returns a function adding modules."""
    (tmp_path / "tiny").mkdir()
    (tmp_path / "tiny/__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))

    def add(name: str, source: str) -> str:
        (tmp_path / "tiny" / f"{name}.py").write_text(source)
        return f"tiny.{name}"

    yield add
    for name in [m for m in sys.modules if m.startswith("tiny")]:
        del sys.modules[name]


def test_outputs_figures_and_values_are_kept(package, tmp_path):
    results, _ = run_lesson(package("one", LESSON), tmp_path)
    assert results["outputs"] == {"compute": "total: 6\n", "plot": ""}
    figure = results["figures"]["plot"]
    light = (tmp_path / figure["light"]).read_bytes()
    dark = (tmp_path / figure["dark"]).read_bytes()
    assert light
    assert dark != light
    assert figure["width"] > 0
    assert figure["height"] > 0
    assert results["values"]["total"] == 6
    assert results["values"]["values"] == [0, 1, 2, 3]
    json.dumps(results)  # everything is JSON


def test_a_later_lesson_reuses_the_earlier_run(package, tmp_path):
    first = package(
        "first", section("a", "import random", "x = random.random()")
    )
    second = package(
        "second", "from tiny.first import x\n" + section("b", "y = x")
    )
    x = run_lesson(first, tmp_path / "1")[0]["values"]["x"]
    assert run_lesson(second, tmp_path / "2")[0]["values"]["y"] == x


def test_two_figures_in_one_section_are_refused(package, tmp_path):
    source = section(
        "s", "import matplotlib.pyplot as plt", "plt.figure()", "plt.figure()"
    )
    with pytest.raises(RuntimeError, match="draws 2 figures"):
        run_lesson(package("two", source), tmp_path)


def test_errors_point_at_the_lesson_line(package, tmp_path):
    source = section("s", "x = 1", "raise ValueError('here')")
    with pytest.raises(ValueError, match="here") as error:
        run_lesson(package("bad", source), tmp_path)
    assert error.traceback[-1].lineno == 2  # 0-based: the module's line 3


def test_claims_that_hold_are_kept_and_one_that_fails_stops_the_lesson(
    package, tmp_path
):
    claims = "from tutorial_code.claims import claim\n"
    holds = claims + 'claim("positive", 6 > 0, "the total is positive")\n'
    source = LESSON + holds
    results, _ = run_lesson(package("holds", source), tmp_path)
    assert results["claims"] == {"positive": "the total is positive"}
    # The next lesson starts with no claims but its own.
    results, _ = run_lesson(package("none", LESSON), tmp_path)
    assert results["claims"] == {}
    fails = claims + 'claim("small", total < 5, "the total is under 5")\n'
    with pytest.raises(ClaimError, match="'small' no longer holds"):
        run_lesson(package("fails", LESSON + fails), tmp_path)


def test_simple_values_keep_only_what_prose_can_quote():
    namespace = {
        "n": np.int64(3),
        "share": 0.5,
        "name": "x",
        "pair": (1, 2),
        "big": np.zeros(1000),
        "nested": [[1]],
        "_private": 1,
        "module": np,
    }
    expected = {"n": 3, "share": 0.5, "name": "x", "pair": [1, 2]}
    assert simple_values(namespace) == expected


@pytest.mark.skipif(
    not Path("/proc/self/clear_refs").exists(),
    reason="per-lesson memory peaks need Linux",
)
def test_each_lesson_has_its_own_time_and_memory_peak(package, tmp_path):
    big = package(
        "big",
        section(
            "allocate",
            "import numpy as np",
            "data = np.ones(50_000_000)  # 400 MB",
            "del data",
        ),
    )
    small = package("small", section("add", "total = 1 + 1"))
    big_run = run_lesson(big, tmp_path / "big")[0]["run"]
    small_run = run_lesson(small, tmp_path / "small")[0]["run"]
    assert big_run["seconds"] > small_run["seconds"] > 0
    assert big_run["peak_megabytes"] > small_run["peak_megabytes"] + 300


def test_the_notebook_image_is_the_light_figure_on_white_at_100_dpi(
    package, tmp_path
):
    results, _ = run_lesson(package("one", LESSON), tmp_path)
    figure = results["figures"]["plot"]
    with Image.open(tmp_path / figure["notebook"]) as image:
        assert image.size == (figure["width"], figure["height"])
        assert image.getpixel((0, 0)) == (255, 255, 255)
    assert figure["min_font_pt"] > 0


def test_a_saved_namespace_stands_in_for_a_run(package, tmp_path):
    source = section(
        "s",
        "import numpy as np",
        "data = np.arange(3)",
        "same = data",
        "def double(x):",
        "    return 2 * x + data.sum()",
        "import threading",
        "lock = threading.Lock()",  # cannot be pickled
    )
    _, namespace = run_lesson(package("saved", source), tmp_path)
    skipped = save_namespace(namespace, tmp_path / "namespace.pickle")
    assert skipped == ["lock"]
    del sys.modules["tiny.saved"]

    restore_namespace("tiny.saved", tmp_path / "namespace.pickle")
    from tiny.saved import data, double, same

    assert same is data  # shared objects stay shared
    assert double(1) == 5  # functions come back by value, with their data


def test_warnings_are_kept(package, tmp_path):
    source = section("s", "import warnings", "warnings.warn('careful')")
    results, _ = run_lesson(package("warns", source), tmp_path)
    (warning,) = results["warnings"]
    assert "UserWarning: careful" in warning


def test_each_lesson_starts_from_matplotlib_defaults(package, tmp_path):
    import matplotlib

    matplotlib.rcParams["lines.linewidth"] = 7
    source = section(
        "s",
        "import matplotlib",
        "width = matplotlib.rcParams['lines.linewidth']",
    )
    results, _ = run_lesson(package("style", source), tmp_path)
    assert results["values"]["width"] != 7


def test_a_process_a_lesson_leaves_running_is_named_and_ended():
    # In a process of its own: it ends every child of the process it runs in.
    script = (
        "import subprocess, sys, json\n"
        "from tutorial_code.sitebuild.run_lesson import end_left_processes\n"
        "left = subprocess.Popen([sys.executable, '-c', 'import time; "
        "time.sleep(60)'])\n"
        "names = end_left_processes(grace_seconds=0.2)\n"
        "print(json.dumps([names, left.wait(timeout=10), "
        "end_left_processes(grace_seconds=0)]))\n"
    )
    names, status, again = json.loads(run_python(script))
    assert any("time.sleep(60)" in name for name in names)
    assert status != 0  # killed
    assert again == []


def test_hidden_axes_text_does_not_count_as_small_text():
    import matplotlib.pyplot as plt

    from tutorial_code.sitebuild.figures import min_font_size

    fig, (shown, hidden) = plt.subplots(1, 2)
    shown.set_title("title", fontsize=14)
    shown.tick_params(labelsize=11)
    hidden.set_axis_off()
    hidden.tick_params(labelsize=3)  # not drawn: the axes are off
    fig.canvas.draw()
    assert min_font_size(fig) == 11
    plt.close(fig)
