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
