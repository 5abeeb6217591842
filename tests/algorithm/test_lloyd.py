"""The from-scratch Lloyd steps and loop agree with scikit-learn's KMeans."""

from itertools import pairwise

import numpy as np
import pytest
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs

from tutorial_code.algorithm.lloyd import (
    assign,
    centre_sums,
    inertia,
    lloyd,
    update,
)


def random_start(points: np.ndarray, k: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return points[rng.choice(len(points), size=k, replace=False)]


def test_assign_picks_the_nearest_centre():
    rng = np.random.default_rng(0)
    points, centres = rng.normal(size=(200, 3)), rng.normal(size=(5, 3))
    distances = ((points[:, None, :] - centres[None]) ** 2).sum(axis=2)
    assert np.array_equal(assign(points, centres), distances.argmin(axis=1))


def test_centre_sums_and_update_give_the_means():
    rng = np.random.default_rng(1)
    points = rng.normal(size=(100, 2))
    labels = rng.integers(0, 4, size=100)
    sums, counts = centre_sums(points, labels, 4)
    assert counts.sum() == 100
    moved = update(points, labels, np.zeros((4, 2)))
    for j in range(4):
        assert np.allclose(moved[j], points[labels == j].mean(axis=0))
        assert np.allclose(sums[j], points[labels == j].sum(axis=0))


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize(
    ("k", "dimensions"), [(2, 2), (3, 5), (5, 2), (8, 10)]
)
def test_lloyd_gives_scikit_learns_answer(seed, k, dimensions):
    points, _ = make_blobs(
        n_samples=250,
        n_features=dimensions,
        centers=k,
        cluster_std=2.0,
        random_state=seed,
    )
    start = random_start(points, k, seed)
    labels, centres, history = lloyd(points, start)
    model = KMeans(
        n_clusters=k, init=start, n_init=1, algorithm="lloyd", tol=0
    ).fit(points)
    assert np.array_equal(model.labels_, labels)
    assert np.abs(model.cluster_centers_ - centres).max() < 1e-12
    assert model.n_iter_ == len(history)  # its last pass changes nothing
    assert np.isclose(model.inertia_, inertia(points, labels, centres))


@pytest.mark.parametrize("seed", range(4))
def test_an_empty_cluster_moves_to_the_farthest_point_as_in_scikit_learn(seed):
    points, _ = make_blobs(n_samples=200, centers=3, random_state=seed)
    start = np.vstack([random_start(points, 2, seed), [[100.0, 100.0]]])
    assert np.bincount(assign(points, start), minlength=3)[2] == 0
    labels, centres, _ = lloyd(points, start)
    assert not np.isnan(centres).any()
    assert np.bincount(labels, minlength=3).min() > 0
    model = KMeans(
        n_clusters=3, init=start, n_init=1, algorithm="lloyd", tol=0
    ).fit(points)
    assert np.array_equal(model.labels_, labels)
    assert np.abs(model.cluster_centers_ - centres).max() < 1e-12


def test_update_relocates_an_empty_centre_to_the_farthest_point():
    points = np.array([[0.0], [1.0], [2.0], [10.0]])
    centres = np.array([[1.0], [50.0]])
    labels = np.array([0, 0, 0, 0])
    moved = update(points, labels, centres)
    assert moved[1, 0] == 10.0  # the point farthest from its centre
    assert moved[0, 0] == 1.0  # the mean of the points left


@pytest.mark.parametrize("seed", range(5))
def test_inertia_never_goes_up(seed):
    points, _ = make_blobs(
        n_samples=300, centers=6, cluster_std=2.5, random_state=seed
    )
    _, _, history = lloyd(points, random_start(points, 6, seed))
    values = []
    for before, after in pairwise(history):
        labels = assign(points, before)
        values += [
            inertia(points, labels, before),
            inertia(points, labels, after),
        ]
    assert np.all(np.diff(values) <= 1e-9)


def test_max_iter_stops_early_with_consistent_labels():
    points, _ = make_blobs(
        n_samples=300, centers=6, cluster_std=3.0, random_state=0
    )
    labels, centres, history = lloyd(
        points, random_start(points, 6, 0), max_iter=1
    )
    assert len(history) == 2
    assert np.array_equal(labels, assign(points, centres))
