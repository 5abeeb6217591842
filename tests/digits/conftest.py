"""Run a Digits lesson module as a script and hand its variables to tests."""

import runpy
from importlib.util import find_spec

import matplotlib.pyplot as plt
import pytest


@pytest.fixture(scope="module")
def lesson(request: pytest.FixtureRequest) -> dict:
    """The globals of the lesson named like the test module, after a run."""
    name = request.module.__name__.rsplit(".", 1)[-1].removeprefix("test_")
    path = find_spec(f"tutorial_code.digits.{name}").origin
    namespace = runpy.run_path(path, run_name="__main__")
    plt.close("all")
    return namespace
