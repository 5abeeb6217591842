"""``make bench``: run every benchmark, print the tables, save them.

Usage: python -m benchmarks [--repeats N] [--cap SECONDS] [--output FILE]
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

from benchmarks import authoring, machine, quantizers

RESULTS = Path(__file__).resolve().parent / "results.md"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument(
        "--repeats", type=int, default=3, help="runs of each timing"
    )
    parser.add_argument(
        "--cap",
        type=float,
        default=120,
        help="seconds a quantizer may take before it is stopped",
    )
    parser.add_argument("--output", type=Path, default=RESULTS)
    arguments = parser.parse_args()
    if arguments.repeats < 1 or arguments.cap <= 0:
        parser.error("--repeats and --cap must be positive")
    # Python may save the bytecode it compiles (as under make), so that the
    # libraries are compiled in the first build only, not in every process.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

    print("Quantizers on a 12-megapixel photo:", file=sys.stderr)
    quantizer_table = quantizers.run_all(arguments.repeats, arguments.cap)
    print("Authoring loop:", file=sys.stderr)
    authoring_table, lesson_table = authoring.run_all(arguments.repeats)
    repeats = arguments.repeats
    report = f"""# Benchmark results

Each time below is the minimum and the median of {repeats} runs by
`make bench`, in seconds (a quantizer that took over
{quantizers.REPEAT_BELOW_SECONDS} s ran once), on this machine:

{machine.description()}

## Building the site

How long an author waits: for a clean build, and for an edit to show in
the browser. The targets are what the project holds itself to. The
{authoring.CLEAN_BUILD_GOAL} s target for a clean build is for the site's
first {len(authoring.FIRST_LESSONS)} lessons; the whole site has grown
past them, so both are built, from the same code.

{authoring_table}

## Quantizing a 12-megapixel photo to {quantizers.N_COLOURS} colours

Each method, in a process of its own, turns the decoded pixels into a
palette and each pixel's index in it. PSNR measures how close the result
is to the photo: higher is closer, and +3 dB is half the squared error.

{quantizer_table}

## Lesson run times

Each lesson's run time in the {repeats} clean builds of the whole site
above: the wall-clock time of its code, in a process of its own that
starts with the libraries imported. Lessons run side by side, one per
core, so each time includes sharing the machine with the lesson beside it.
Python saves the bytecode it compiles, so only the first of these builds
compiles the libraries' modules in processes that start afresh, such as the
Dask lessons' workers.

{lesson_table}
"""
    print(report)
    # Written whole or not at all.
    with tempfile.NamedTemporaryFile(
        "w", dir=arguments.output.parent, delete=False, suffix=".tmp"
    ) as file:
        file.write(report)
    Path(file.name).replace(arguments.output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
