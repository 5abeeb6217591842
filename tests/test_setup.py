"""What ``make`` installs: the environment every command runs in."""

import importlib
from importlib.util import cache_from_source
from pathlib import Path

import pytest


@pytest.mark.parametrize(
    "module", ["numpy", "scipy", "sklearn", "matplotlib", "dask", "nbconvert"]
)
def test_the_libraries_are_kept_compiled_to_bytecode(module):
    """The Makefile lets Python keep what it compiles: where
    PYTHONDONTWRITEBYTECODE is set, every process would otherwise compile
    each module it imports, every time."""
    source = importlib.import_module(module).__file__
    assert Path(cache_from_source(source)).is_file()
