"""What the benchmarks ran on: processor, cores, memory, system, libraries."""

import os
import platform
from datetime import UTC, datetime
from pathlib import Path

from tutorial_code.sitebuild.results import versions_text


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gib() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 2**20:.0f} GiB"
    except OSError:
        pass
    return "unknown"


def description() -> str:
    """A Markdown list describing this machine and this run."""
    cores = len(os.sched_getaffinity(0))
    return "\n".join(
        [
            f"- measured: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
            f"- processor: {_cpu_model()}, {cores} cores available",
            f"- memory: {_memory_gib()}",
            f"- system: {platform.platform()}",
            f"- {versions_text()}",
        ]
    )
