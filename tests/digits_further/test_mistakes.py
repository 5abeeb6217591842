"""Going further 4: the least pure clusters, nearest and farthest images."""

import numpy as np


def test_the_worst_clusters_are_the_least_pure(lesson):
    rates = lesson["errors"] / lesson["sizes"]
    worst = lesson["worst"]
    assert len(worst) == 3
    assert min(rates[worst]) >= max(np.delete(rates, worst))
    assert lesson["worst_error_rates"] == rates[worst].tolist()


def test_nearest_are_nearer_than_farthest_and_in_the_cluster(lesson):
    distances, clusters = lesson["distances"], lesson["clusters"]
    for cluster in lesson["worst"]:
        near, far = lesson["nearest"][cluster], lesson["farthest"][cluster]
        assert len(near) == len(far) == lesson["n_shown"]
        assert (clusters[near] == cluster).all()
        assert (clusters[far] == cluster).all()
        assert distances[near].max() <= distances[far].min()


def test_mistakes_shown_are_counted_from_the_images(lesson):
    y, mapping = lesson["y"], lesson["mapping"]
    for key, found in (
        ("nearest", "n_nearest_mistakes"),
        ("farthest", "n_farthest_mistakes"),
    ):
        expected = sum(
            int((y[lesson[key][c]] != mapping[c]).sum())
            for c in lesson["worst"]
        )
        assert lesson[found] == expected
        assert 0 <= expected <= 3 * lesson["n_shown"]
