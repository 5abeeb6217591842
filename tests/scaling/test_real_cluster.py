"""Lesson 3: connecting to a running cluster, and the measured costs."""

import os
import sys

import dask.array as da
import numpy as np
from dask.distributed import LocalCluster
from dask_ml.cluster import KMeans as DaskKMeans
from sklearn.cluster import KMeans

from tutorial_code.sitebuild.results import LessonResults

from ..conftest import RESULTS
from .conftest import WORKER_PRELOAD, child_processes, left_since


def test_no_process_is_left_behind(site):
    """The build checks each lesson's own processes once it ends."""
    assert LessonResults(RESULTS)["scaling.real_cluster"]["left_running"] == []


def test_every_step_was_timed(lesson):
    steps = lesson["step_seconds"]
    assert sorted(steps) == [
        f"workers{w}_frames{f}" for w in (1, 2) for f in (2, 4)
    ]
    assert all(seconds > 0 for seconds in steps.values())
    assert lesson["n_workers"] == 2  # no DASK_SCHEDULER_ADDRESS here
    assert lesson["n_threads"] == 2  # one thread per worker
    assert 0 < lesson["task_seconds"] < min(steps.values())


def test_the_core_count_is_this_machines(lesson):
    # The page quotes it: it must be counted, not typed.
    assert lesson["n_cores"] == os.cpu_count()


def test_the_photo_is_compared_warmed_up(lesson):
    # The ratios the page quotes use the second fit, not the first one on
    # fresh workers (which also imports dask-ml and compiles its kernel).
    warm = lesson["cluster_photo_seconds"]
    assert warm > 0
    assert lesson["first_fit_seconds"] > 0
    assert lesson["cluster_seconds_per_quantize_second"] == (
        warm / lesson["quantize_seconds"]
    )
    assert lesson["cluster_iteration_seconds"] == (
        warm / lesson["photo_iterations"]
    )
    assert lesson["local_iteration_seconds"] == (
        lesson["local_photo_seconds"] / lesson["local_iterations"]
    )


def test_sample_and_assign_beats_the_cluster_on_one_photo(lesson):
    # The page concludes so, and the build checked it.
    claims = LessonResults(RESULTS)["scaling.real_cluster"]["claims"]
    assert set(claims) == {
        "sample_and_assign_far_faster",
        "iteration_far_faster_here",
    }
    assert lesson["cluster_seconds_per_quantize_second"] > 2
    assert lesson["cluster_seconds_per_local_second"] > 2


def test_the_note_on_a_ratio_above_two_follows_the_ratio(lesson):
    # Two workers can at best halve the time: the page explains a ratio
    # above 2, and says nothing more otherwise.
    ratio = lesson["one_worker_seconds_per_second"]
    assert lesson["beyond_two_seconds"] == (ratio > 2)


def test_fit_and_assign_labels_every_point(lesson):
    kmeans = KMeans(n_clusters=3, n_init=1, random_state=0)
    points = np.random.default_rng(0).normal(size=(500, 3))
    labels = lesson["fit_and_assign"](kmeans, points)
    assert labels.shape == (500,)
    assert np.array_equal(labels, kmeans.labels_)
    dask_labels = lesson["fit_and_assign"](
        DaskKMeans(n_clusters=3, random_state=0),
        da.from_array(points, chunks=250),
    )
    assert isinstance(dask_labels, np.ndarray)
    assert dask_labels.shape == (500,)


def test_connect_uses_the_cluster_the_address_names(lesson, monkeypatch):
    before = child_processes()
    with LocalCluster(
        n_workers=1, threads_per_worker=1, dashboard_address=None
    ) as running:
        monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", running.scheduler_address)
        with lesson["connect"]() as client:
            assert client.scheduler.address == running.scheduler_address
            assert len(client.scheduler_info()["workers"]) == 1
            # These tests' workers start with their imports done (conftest).
            imported = client.run(lambda: set(sys.modules))
            assert all(x >= WORKER_PRELOAD for x in imported.values())
        assert running.status.name == "running"  # still there for others
    assert left_since(before) == set()
