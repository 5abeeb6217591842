"""``make bench`` is not part of ``make test``; this keeps it runnable.

It imports every benchmark module, as ``python -m benchmarks`` does, against
today's code, and describes the machine with the libraries' versions.
"""

import subprocess
import sys

from tutorial_code.sitebuild.results import versions_text

from .conftest import PROJECT


def test_the_benchmarks_import_and_describe_the_machine():
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import benchmarks.__main__\n"
            "from benchmarks import machine\n"
            "print(machine.description())",
        ],
        cwd=PROJECT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "cores available" in done.stdout
    assert versions_text() in done.stdout


def test_the_lesson_table_adds_up_each_chapter(monkeypatch):
    monkeypatch.syspath_prepend(str(PROJECT))
    from benchmarks.authoring import lesson_table

    monkeypatch.setattr("os.cpu_count", lambda: 2)
    run = {"seconds": 1.0, "peak_megabytes": 100.0}
    runs = [
        {"a/x": run, "a/y": {**run, "seconds": 2.0}, "b/z": run},
        {"a/x": run, "a/y": {**run, "seconds": 4.0}, "b/z": run},
    ]
    table = lesson_table(runs)
    assert "| a | 4.0 |" in table  # 1 + the median of 2 and 4
    assert "| b | 1.0 |" in table
    assert "(5.0 s / 2 =\n2.5 s here)" in table
