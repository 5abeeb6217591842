"""Executed notebooks are stored the same way whatever the kernel's timing."""

import nbformat
from nbformat.v4 import new_code_cell, new_notebook, new_output

from tutorial_code.sitebuild.notebooks import merge_streams


def test_consecutive_prints_are_merged_into_one_output():
    cell = new_code_cell("...")
    cell.outputs = [
        new_output("stream", name="stdout", text="a\n"),
        new_output("stream", name="stdout", text="b\n"),
        new_output("display_data", data={"text/plain": "figure"}),
        new_output("stream", name="stdout", text="c\n"),
        new_output("stream", name="stderr", text="d\n"),
        new_output("stream", name="stderr", text="e\n"),
    ]
    notebook = new_notebook(cells=[cell])
    merge_streams(notebook)
    outputs = notebook.cells[0].outputs
    assert [(o.output_type, o.get("name")) for o in outputs] == [
        ("stream", "stdout"),
        ("display_data", None),
        ("stream", "stdout"),
        ("stream", "stderr"),
    ]
    assert [o.get("text") for o in outputs] == [
        "a\nb\n",
        None,
        "c\n",
        "d\ne\n",
    ]
    nbformat.validate(notebook)
