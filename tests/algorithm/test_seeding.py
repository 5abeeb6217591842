"""k-means++ from scratch: data points as centres, later ones drawn ∝ D²."""

from collections import Counter

import numpy as np
from scipy.stats import chisquare

from tutorial_code.algorithm.seeding import kmeans_plus_plus, random_points

# Four points on a line: D² from one to another is easy to check by hand.
TINY = np.array([[0.0, 0.0], [1.0, 0.0], [3.0, 0.0], [7.0, 0.0]])


def test_every_centre_is_a_data_point():
    rng = np.random.default_rng(0)
    points = rng.normal(size=(50, 3))
    for _ in range(20):
        for seeder in (kmeans_plus_plus, random_points):
            centres = seeder(points, 5, rng)
            assert centres.shape == (5, 3)
            assert all(
                (points == centre).all(axis=1).any() for centre in centres
            )


def test_a_chosen_point_is_never_chosen_again():
    rng = np.random.default_rng(1)
    for _ in range(50):
        centres = kmeans_plus_plus(TINY, 4, rng)
        assert len(np.unique(centres, axis=0)) == 4


def test_first_uniform_then_proportional_to_squared_distance():
    rng = np.random.default_rng(2)
    n_draws = 20_000
    pairs = Counter()
    for _ in range(n_draws):
        first, second = kmeans_plus_plus(TINY, 2, rng)[:, 0]
        pairs[(first, second)] += 1
    xs = TINY[:, 0]
    expected, observed = [], []
    for a in xs:
        d2 = (xs - a) ** 2
        for b, weight in zip(xs, d2, strict=True):
            if weight > 0:
                expected.append(n_draws / len(xs) * weight / d2.sum())
                observed.append(pairs[(a, b)])
    assert sum(observed) == n_draws  # no pair outside the support
    assert chisquare(observed, expected).pvalue > 1e-3


def test_third_centre_follows_the_nearest_chosen_centre():
    # After 0 and 7 are chosen, D² is 1 for the point 1 and 9 for 3.
    rng = np.random.default_rng(3)
    thirds = Counter()
    n_draws = 0
    while n_draws < 4_000:
        centres = kmeans_plus_plus(TINY, 3, rng)[:, 0]
        if set(centres[:2]) == {0.0, 7.0}:
            thirds[centres[2]] += 1
            n_draws += 1
    assert set(thirds) == {1.0, 3.0}
    assert (
        chisquare(
            [thirds[1.0], thirds[3.0]], [n_draws * 0.1, n_draws * 0.9]
        ).pvalue
        > 1e-3
    )
