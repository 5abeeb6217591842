"""Named snippet sections: the markers in code, the lines in pages.

A section is the code between ``# --8<-- [start:NAME]`` and
``# --8<-- [end:NAME]`` in a module; a page embeds it (pymdownx.snippets)
with the line ``--8<-- "tutorial_code/<path>.py:NAME"`` in a code block.
"""

import re
from dataclasses import dataclass

_MARKER = re.compile(
    r"^\s*# --8<-- \[(?P<kind>start|end):(?P<name>[\w-]+)\]\s*$"
)
# A page's line that embeds a file, or one section of it.
SNIPPET_LINE = re.compile(
    r'^\s*--8<-- "(?P<path>[^":]+)(?::(?P<section>[\w-]+))?"\s*$'
)


@dataclass(frozen=True)
class Chunk:
    """Consecutive lines: one section, or code outside every section."""

    section: str | None
    first_line: int  # 1-based number of the chunk's first line in the module
    code: str


def split_sections(source: str, filename: str = "<lesson>") -> list[Chunk]:
    """Cut ``source`` into chunks, in order; marker lines are in none."""
    chunks: list[Chunk] = []
    section: str | None = None
    first_line, lines = 1, []

    def close(next_first_line: int) -> None:
        nonlocal first_line, lines
        if section is not None or any(line.strip() for line in lines):
            chunks.append(Chunk(section, first_line, "\n".join(lines) + "\n"))
        first_line, lines = next_first_line, []

    for number, line in enumerate(source.splitlines(), start=1):
        marker = _MARKER.match(line)
        if marker is None:
            lines.append(line)
            continue
        kind, name = marker["kind"], marker["name"]
        where = f"{filename}:{number}"
        if kind == "start" and section is not None:
            raise ValueError(f"{where}: {name!r} starts inside {section!r}")
        if kind == "end" and name != section:
            raise ValueError(f"{where}: {name!r} ends but never started")
        if kind == "start" and name in {chunk.section for chunk in chunks}:
            raise ValueError(f"{where}: section {name!r} appears twice")
        close(number + 1)
        section = name if kind == "start" else None
    if section is not None:
        raise ValueError(f"{filename}: section {section!r} is never closed")
    close(0)
    return chunks
