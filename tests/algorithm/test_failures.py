"""Lesson 3: each case breaks k-means, and the alternative does better."""

import numpy as np


def test_every_case_is_scored(lesson):
    assert set(lesson["kmeans_ari"]) == set(lesson["cases"])
    for name in lesson["cases"]:
        assert -0.5 <= lesson["kmeans_ari"][name] <= 1
        assert -0.5 <= lesson["other_ari"][name] <= 1
        assert lesson["other_wins"][name] == (
            lesson["other_ari"][name] > lesson["kmeans_ari"][name] + 0.05
        )
    assert lesson["n_wins"] == sum(lesson["other_wins"].values())


def test_the_alternatives_win_where_the_page_says_they_should(lesson):
    # The page's data were made so that k-means' assumption is what fails.
    assert lesson["n_wins"] >= 5
    for name in ("anisotropic", "moons", "unequal_scales"):
        assert lesson["other_ari"][name] > 0.9
        assert lesson["kmeans_ari"][name] < 0.7


def test_silhouette_finds_the_four_blobs(lesson):
    assert lesson["silhouette_k"] == 4
    _, y, _, _ = lesson["results"]["wrong_k"]
    assert len(np.unique(y)) == 4


def test_the_cases_have_the_shapes_they_claim(lesson):
    sizes = np.bincount(lesson["unequal_size"]()[1])
    assert sizes.max() > 10 * sizes.min()
    points, _ = lesson["unequal_scales"]()
    assert points[:, 1].std() > 10 * points[:, 0].std()
    points, labels = lesson["anisotropic"]()
    spread = np.linalg.eigvalsh(np.cov(points[labels == 0].T))
    assert spread.max() > 4 * spread.min()  # elongated, not round
