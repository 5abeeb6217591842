"""Lesson 1 runs end to end; its results are in the plausible range."""

import numpy as np
from sklearn.cluster import KMeans


def test_the_data_are_the_digits(lesson):
    assert (lesson["n_samples"], lesson["n_features"]) == (1797, 64)
    assert lesson["digits"].images.shape == (1797, 8, 8)


def test_kmeans_is_explicit_about_its_randomness(lesson):
    kmeans = lesson["kmeans"]
    assert isinstance(kmeans, KMeans)
    assert kmeans.n_init == 10
    assert kmeans.random_state is not None
    assert kmeans.cluster_centers_.shape == (10, 64)
    assert set(np.unique(lesson["clusters"])) == set(range(10))


def test_one_run_is_worse_than_the_best_of_ten(lesson):
    auto, ten = lesson["worst_auto_excess"], lesson["worst_ten_excess"]
    assert 0 <= ten < 0.01, "ten runs should land near the best solution"
    assert auto > ten
    assert len(lesson["inertia_auto"]) == len(lesson["inertia_ten"]) == 10
    assert lesson["best_inertia"] == min(
        lesson["inertia_auto"] + lesson["inertia_ten"]
    )


def test_the_source_is_the_uci_optical_digits_not_mnist(lesson):
    source = "\n".join(lesson["source_lines"])
    assert "UCI" in source
    assert "Optical+Recognition+of+Handwritten+Digits" in source
    assert ":Number of Instances: 1797" in source
    assert lesson["mnist_images"] > 30 * lesson["n_samples"]
    assert lesson["mnist_side"] ** 2 > 10 * lesson["n_features"]
