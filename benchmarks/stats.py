"""Repeated timings, summarised as minimum and median."""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Timings:
    seconds: list[float]

    @property
    def minimum(self) -> float:
        return min(self.seconds)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def cell(self) -> str:
        """``min / median`` in seconds (3 decimals under 0.1 s, so that a
        quick step never reads 0.00), for a Markdown table."""
        digits = 3 if self.median < 0.1 else 2
        return f"{self.minimum:.{digits}f} / {self.median:.{digits}f}"


def timed(function: Callable[[], object], repeats: int) -> Timings:
    """Run ``function`` ``repeats`` times; the wall-clock time of each."""
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        seconds.append(time.perf_counter() - start)
    return Timings(seconds)


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = [header, ["---"] * len(header), *rows]
    return "\n".join("| " + " | ".join(row) + " |" for row in lines)
