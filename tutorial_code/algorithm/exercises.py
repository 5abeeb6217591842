"""Exercises: How k-means works. Each has starter code and a solution.

Page: docs/algorithm/exercises.md. The starter code runs as given (its check
says "not answered yet"); each solution passes its check.
"""

# --8<-- [start:scaled_inertia_start]
from tutorial_code.exercise_checks.algorithm import scaled_inertia

factor = ____  # your prediction: the new inertia is how many times the old?
scaled_inertia.check(factor)
# --8<-- [end:scaled_inertia_start]

# --8<-- [start:scaled_inertia_solution]
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs

from tutorial_code.exercise_checks.algorithm import scaled_inertia

X, _ = make_blobs(n_samples=300, centers=4, center_box=(-7, 7), random_state=6)
before = KMeans(n_clusters=4, n_init=1, random_state=0).fit(X)
after = KMeans(n_clusters=4, n_init=1, random_state=0).fit(X * 2)
same_clusters = (before.labels_ == after.labels_).all()
measured_factor = after.inertia_ / before.inertia_
print(f"same clusters: {same_clusters}; inertia ratio: {measured_factor:.6f}")
scaled_inertia.check(round(measured_factor))
# --8<-- [end:scaled_inertia_solution]

# --8<-- [start:assign_with_a_loop_start]
from tutorial_code.exercise_checks.algorithm import assign_with_a_loop


def assign_loop(points, centres):
    """The index of each point's nearest centre, one point at a time."""
    labels = []
    for point in points:
        distances = [____ for centre in centres]  # squared distance to each
        labels.append(____)  # the index of the smallest
    return labels


assign_with_a_loop.check(assign_loop)
# --8<-- [end:assign_with_a_loop_start]

# --8<-- [start:assign_with_a_loop_solution]
from tutorial_code.exercise_checks.algorithm import assign_with_a_loop


def assign_loop(points, centres):
    """The index of each point's nearest centre, one point at a time."""
    labels = []
    for point in points:
        distances = [((point - centre) ** 2).sum() for centre in centres]
        labels.append(distances.index(min(distances)))
    return labels


assign_with_a_loop.check(assign_loop)
# --8<-- [end:assign_with_a_loop_solution]

# --8<-- [start:update_step_start]
import numpy as np

from tutorial_code.exercise_checks.algorithm import update_step


def update_means(points, labels, k):
    """Each cluster's mean: row c is the mean of the points labelled c."""
    return np.array([____ for c in range(k)])


update_step.check(update_means)
# --8<-- [end:update_step_start]

# --8<-- [start:update_step_solution]
import numpy as np

from tutorial_code.exercise_checks.algorithm import update_step


def update_means(points, labels, k):
    """Each cluster's mean: row c is the mean of the points labelled c."""
    return np.array([points[labels == c].mean(axis=0) for c in range(k)])


update_step.check(update_means)
# --8<-- [end:update_step_solution]

# --8<-- [start:random_start_inertias_start]
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs

from tutorial_code.exercise_checks.algorithm import random_start_inertias

X, _ = make_blobs(
    n_samples=500,
    centers=8,
    cluster_std=0.7,
    center_box=(-10, 10),
    random_state=10,
)
inertias = [____ for seed in range(20)]  # one single random start per seed
random_start_inertias.check(inertias)
# Then: how many are more than 1 % above the best? Why does n_init exist?
# --8<-- [end:random_start_inertias_start]

# --8<-- [start:random_start_inertias_solution]
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs

from tutorial_code.exercise_checks.algorithm import random_start_inertias

X, _ = make_blobs(
    n_samples=500,
    centers=8,
    cluster_std=0.7,
    center_box=(-10, 10),
    random_state=10,
)
inertias = [
    KMeans(8, init="random", n_init=1, random_state=seed).fit(X).inertia_
    for seed in range(20)
]
best = min(inertias)
poor_count = sum(inertia > 1.01 * best for inertia in inertias)
print(f"best inertia {best:,.1f}; {poor_count} of 20 starts above it by > 1 %")
random_start_inertias.check(inertias)
# --8<-- [end:random_start_inertias_solution]

# --8<-- [start:kmeans_plus_plus_seeding_start]
import numpy as np

from tutorial_code.exercise_checks.algorithm import kmeans_plus_plus_seeding


def seed_centres(points, k, rng):
    """k-means++: the first centre uniformly, each next one with
    probability proportional to D², the squared distance from a point to
    the nearest centre chosen so far."""
    centres = [points[rng.integers(len(points))]]
    while len(centres) < k:
        gaps = np.array(
            [[((p - c) ** 2).sum() for c in centres] for p in points]
        )
        nearest = ____  # D² of each point: its smallest squared distance
        chosen = rng.choice(len(points), p=____)  # chances that sum to 1
        centres.append(points[chosen])
    return np.array(centres)


kmeans_plus_plus_seeding.check(seed_centres)
# --8<-- [end:kmeans_plus_plus_seeding_start]

# --8<-- [start:kmeans_plus_plus_seeding_solution]
import numpy as np

from tutorial_code.exercise_checks.algorithm import kmeans_plus_plus_seeding


def seed_centres(points, k, rng):
    """k-means++: the first centre uniformly, each next one with
    probability proportional to D², the squared distance from a point to
    the nearest centre chosen so far."""
    centres = [points[rng.integers(len(points))]]
    while len(centres) < k:
        gaps = np.array(
            [[((p - c) ** 2).sum() for c in centres] for p in points]
        )
        nearest = gaps.min(axis=1)
        chosen = rng.choice(len(points), p=nearest / nearest.sum())
        centres.append(points[chosen])
    return np.array(centres)


kmeans_plus_plus_seeding.check(seed_centres)
# --8<-- [end:kmeans_plus_plus_seeding_solution]

from tutorial_code.exercise_checks import algorithm, claim_each_checked

claim_each_checked(algorithm)
