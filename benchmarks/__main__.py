"""``make bench``: run every benchmark, print the tables, save them.

Usage: python -m benchmarks [--repeats N] [--cap SECONDS] [--output FILE]
"""

import argparse
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

    print("Quantizers on a 12-megapixel photo:", file=sys.stderr)
    quantizer_table = quantizers.run_all(arguments.repeats, arguments.cap)
    print("Authoring loop:", file=sys.stderr)
    authoring_table, lesson_table = authoring.run_all(arguments.repeats)
    n_goal_lessons = len(authoring.ISSUE_14_LESSONS)
    report = f"""# Benchmark results

Written by `make bench`. Times are minimum / median of repeated runs, on:

{machine.description()}

## Authoring loop

{authoring_table}

Issue 14 set the clean-build goal for the site of its day (commit 3fb3e7f):
{n_goal_lessons} lessons in four chapters, built here from today's code by
today's machinery. The whole site has grown since: its clean build takes at
least its lessons' run time divided by the cores (last section).

## Quantizing a 12-megapixel photo to {quantizers.N_COLOURS} colours

From decoded pixels to palette indices; PSNR against the photo. A PSNR
difference in dB is the ratio of the mean squared errors on a log scale
(+3 dB: half the error).

{quantizer_table}

## Lesson execution (in the clean builds)

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
