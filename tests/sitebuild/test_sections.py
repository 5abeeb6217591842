"""Splitting a lesson module into its snippet sections."""

import pytest

from tutorial_code.sitebuild.sections import Chunk, split_sections

MODULE = '''"""Docstring."""
from tutorial_code.x import y

# --8<-- [start:first]
a = 1
# --8<-- [end:first]

# --8<-- [start:second]
print(a)
# --8<-- [end:second]
'''


def test_chunks_keep_order_names_and_line_numbers():
    assert split_sections(MODULE) == [
        Chunk(None, 1, '"""Docstring."""\nfrom tutorial_code.x import y\n\n'),
        Chunk("first", 5, "a = 1\n"),
        Chunk("second", 9, "print(a)\n"),
    ]


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("# --8<-- [start:a]\n# --8<-- [start:b]\n", "starts inside"),
        ("# --8<-- [end:a]\n", "never started"),
        ("# --8<-- [start:a]\nx = 1\n", "never closed"),
        ("# --8<-- [start:a]\n# --8<-- [end:a]\n" * 2, "appears twice"),
    ],
)
def test_malformed_markers_are_named(source, problem):
    with pytest.raises(ValueError, match=problem):
        split_sections(source, "lesson.py")
