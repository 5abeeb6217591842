"""Two ways to choose k starting centres: random points and k-means++.

Shown on the page docs/algorithm/kmeans_plus_plus.md.
"""

# --8<-- [start:random_points]
import numpy as np


def random_points(
    points: np.ndarray, k: int, rng: np.random.Generator
) -> np.ndarray:
    """k distinct data points, each as likely as any other."""
    return points[rng.choice(len(points), size=k, replace=False)]


# --8<-- [end:random_points]


# --8<-- [start:kmeans_plus_plus]
import numpy as np


def kmeans_plus_plus(
    points: np.ndarray, k: int, rng: np.random.Generator
) -> np.ndarray:
    """k-means++ seeding: each next centre drawn with probability ∝ D².

    D is a point's distance to the nearest centre chosen so far, so far
    points are likely picks and points on a chosen centre never are.
    """
    centres = [points[rng.integers(len(points))]]  # the first: uniform
    nearest = ((points - centres[0]) ** 2).sum(axis=1)  # D², per point
    for _ in range(1, k):
        chosen = rng.choice(len(points), p=nearest / nearest.sum())
        centres.append(points[chosen])
        gaps = ((points - points[chosen]) ** 2).sum(axis=1)
        nearest = np.minimum(nearest, gaps)
    return np.array(centres)


# --8<-- [end:kmeans_plus_plus]
