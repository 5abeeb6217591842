"""Lesson 2: dask-ml on a local cluster, and our own Lloyd step."""

import re

import dask.array as da
import numpy as np
import pytest
from dask_ml.cluster import KMeans as DaskKMeans

from tutorial_code.algorithm.lloyd import assign, update
from tutorial_code.scaling.chunks import block_sums, lloyd_step
from tutorial_code.sitebuild.results import LessonResults

from ..conftest import RESULTS
from .conftest import child_processes, left_since, run_lesson_code


def test_no_process_is_left_behind(site):
    """The build checks each lesson's own processes once it ends."""
    assert LessonResults(RESULTS)["scaling.dask_cluster"]["left_running"] == []


def test_the_graph_loads_one_frame_per_task(lesson):
    assert lesson["n_tasks"] == lesson["n_frames"]


def test_progress_lines_end_when_the_move_is_below_tol(lesson):
    printed = LessonResults(RESULTS)["scaling.dask_cluster"]["outputs"]
    shifts = [
        float(move)
        for move in re.findall(
            r"iteration +\d+: centres moved ([\d.]+)", printed["cluster"]
        )
    ]
    assert len(shifts) >= 2
    assert shifts[-1] < lesson["tol"] <= min(shifts[:-1])


def test_our_step_repeats_dask_mls_last_one(lesson):
    assert lesson["same_last_step"]
    assert lesson["our_shift"] < lesson["tol"]
    # The page quotes both moves side by side: they must print the same.
    assert f"{lesson['our_shift']:.4f}" == f"{lesson['dask_last_shift']:.4f}"


def test_the_page_rests_on_checked_claims(lesson):
    claims = LessonResults(RESULTS)["scaling.dask_cluster"]["claims"]
    assert set(claims) == {
        "same_last_step",
        "stops_below_tol",
        "inertia_attribute_is_not_inertia",
    }


def test_the_palette_sentence_follows_the_gap(lesson):
    # "the same palette" for a gap of a few units, else "went elsewhere".
    assert lesson["same_palette"] == (lesson["largest_centre_gap"] < 10)


def test_dask_ml_and_scikit_learn_agree(lesson):
    assert 0.9 < lesson["dask_to_sklearn"] < 1.1
    assert sorted(lesson["cols"]) == list(range(8))


def test_what_dask_ml_calls_inertia(lesson):
    # The page says which of the two dask-ml's inertia_ is.
    assert lesson["dask_ml_squares"] != lesson["dask_ml_distances"]
    assert lesson["dask_inertia"] > lesson["distance_sum"]


def test_block_sums_add_up_to_the_update_step():
    rng = np.random.default_rng(1)
    points = rng.normal(size=(300, 3))
    centres = points[:5].copy()
    whole = block_sums(points, centres)
    parts = block_sums(points[:100], centres) + block_sums(
        points[100:], centres
    )
    assert np.allclose(whole, parts)
    labels = assign(points, centres)
    expected = update(points, labels, centres)
    chunked = da.from_array(points, chunks=(70, 3))
    assert np.allclose(lloyd_step(chunked, centres), expected)


def test_a_lesson_that_raises_still_closes_its_cluster(monkeypatch, tmp_path):
    def fail(self, pixels):
        raise RuntimeError("failed on purpose")

    monkeypatch.setattr(DaskKMeans, "fit", fail)
    before = child_processes()
    with pytest.raises(RuntimeError, match="on purpose"):
        run_lesson_code("dask_cluster", tmp_path)
    assert left_since(before) == set()
