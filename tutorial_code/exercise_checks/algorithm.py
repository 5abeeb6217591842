"""Checks for the exercises of "How k-means works".

Each check works out the right answer itself, with scikit-learn or NumPy on
data of its own, and recognises the typical mistakes by what they produce.
"""

from tutorial_code.exercise_checks.core import (
    BadInputError,
    Exercise,
    WrongAnswerError,
    as_array,
    call,
    describe,
)

STEP_BY_STEP = "The algorithm, step by step"
KMEANS_PLUS_PLUS = "Starting well: k-means++"


def _blobs(seed: int = 0, n: int = 60, k: int = 3, dimensions: int = 2):
    from sklearn.datasets import make_blobs

    points, _ = make_blobs(
        n_samples=n, centers=k, n_features=dimensions, random_state=seed
    )
    return points


def _scaled_inertia_factor(answer) -> str:
    from sklearn.cluster import KMeans

    points = _blobs()
    fits = [
        KMeans(n_clusters=3, n_init=1, random_state=0).fit(points * scale)
        for scale in (1, 2)
    ]
    factor = fits[1].inertia_ / fits[0].inertia_
    if isinstance(answer, str) or not isinstance(answer, (int, float)):
        raise BadInputError(
            f"write the factor as a number (like 3), not {describe(answer)}."
        )
    if abs(answer - factor) < 1e-6:
        return (
            f"the inertia grows by a factor of {factor:.0f}. The clusters "
            "are the same, every distance doubles, and the inertia adds up "
            "squared distances: 2² = 4."
        )
    if abs(answer - 2) < 1e-6:
        raise WrongAnswerError(
            "every distance doubles, but the inertia adds up *squared* "
            "distances. What does squaring do to a factor of 2?"
        )
    if abs(answer - 1) < 1e-6:
        raise WrongAnswerError(
            "the clusters stay the same (every point keeps its nearest "
            "centre), but the distances to the centres do not."
        )
    raise WrongAnswerError(
        "think of one point at distance d from its centre: what is its "
        "share of the inertia before and after doubling the coordinates?"
    )


scaled_inertia = Exercise(
    "scaled_inertia", STEP_BY_STEP, _scaled_inertia_factor
)


def _assign_with_a_loop(assign) -> str:
    from sklearn.metrics import pairwise_distances_argmin

    for seed, (n, k, dimensions) in enumerate([(40, 3, 2), (25, 5, 4)]):
        points = _blobs(seed, n, k, dimensions)
        centres = points[:k] + 0.5
        expected = pairwise_distances_argmin(points, centres)
        answer = call(assign, points, centres)
        if answer is None:
            raise BadInputError(f"your function returned {describe(answer)}")
        labels = as_array(answer, "what your function returns")
        if labels.shape == (k,):
            raise WrongAnswerError(
                f"your function returned {k} values, one per centre; it "
                "should give one per point: loop over the points, and for "
                "each find its nearest centre."
            )
        if labels.shape == centres[expected].shape:
            raise WrongAnswerError(
                "your function returned the nearest centres themselves "
                "(one row of coordinates per point); return their index "
                "(0 to k - 1) instead."
            )
        if labels.shape != expected.shape:
            raise WrongAnswerError(
                f"your function returned {describe(answer)}; it should "
                f"return one centre index per point ({len(points)} here)."
            )
        if labels.dtype.kind == "f" and not (labels == labels.round()).all():
            raise WrongAnswerError(
                "your function returned distances, not indices: keep the "
                "index of the smallest distance (the argmin), not the "
                "distance itself."
            )
        farthest = ((points[:, None] - centres[None]) ** 2).sum(-1).argmax(1)
        if (labels == farthest).all():
            raise WrongAnswerError(
                "each point got its *farthest* centre: keep the smallest "
                "distance (argmin), not the largest."
            )
        if not (labels == expected).all():
            wrong = int((labels != expected).sum())
            raise WrongAnswerError(
                f"{wrong} of {len(points)} points got another centre than "
                "their nearest. Compare each point with every centre, and "
                "sum the squares over all the coordinates of a point."
            )
    return (
        "every point got the index of its nearest centre, as "
        "scikit-learn's pairwise_distances_argmin gives, on two data sets."
    )


assign_with_a_loop = Exercise(
    "assign_with_a_loop", STEP_BY_STEP, _assign_with_a_loop
)


def _update_step(update) -> str:
    import numpy as np

    points = _blobs(3, 50, 4, 3)
    labels = np.arange(len(points)) % 4
    expected = np.array([points[labels == c].mean(axis=0) for c in range(4)])
    answer = call(update, points, labels, 4)
    centres = as_array(answer, "what your function returns")
    if centres.shape == expected.T.shape and centres.shape != expected.shape:
        raise WrongAnswerError(
            f"your centres have shape {centres.shape}: one row per "
            f"coordinate. Return one row per cluster, shape {expected.shape}."
        )
    if centres.shape in {(4,), (len(points),)}:
        raise WrongAnswerError(
            f"your function returned {describe(answer)}: a mean over the "
            "wrong axis. Average the points of each cluster over axis 0 "
            "(down the rows), which keeps one value per coordinate."
        )
    if centres.shape != expected.shape:
        raise WrongAnswerError(
            f"your function returned {describe(answer)}; it should return "
            f"k rows of {points.shape[1]} coordinates, shape {expected.shape}."
        )
    counts = np.bincount(labels, minlength=4)[:, None]
    if np.allclose(centres, expected * counts):
        raise WrongAnswerError(
            "these are the sums of each cluster's points: divide each by "
            "the number of points in its cluster to get the mean."
        )
    if np.allclose(centres, [points[labels == c][0] for c in range(4)]):
        raise WrongAnswerError(
            "each centre is the first point of its cluster: it should be "
            "the mean of all of them."
        )
    if not np.allclose(centres, expected):
        raise WrongAnswerError(
            "some centres are not the mean of their cluster's points: "
            "select the points whose label is c (points[labels == c]) and "
            "average them."
        )
    return "each centre is the mean of the points assigned to it."


update_step = Exercise("update_step", STEP_BY_STEP, _update_step)

# k-means++ on three points of a line: from each possible first centre, the
# chance of each point being the second, as each way of drawing gives it.
_LINE = [[0.0], [1.0], [3.0]]
_RULES = {
    "D²": lambda gaps: gaps**2,
    "D": lambda gaps: gaps,
    "uniform": lambda gaps: (gaps > 0).astype(float),
}
_DRAWS = 1500


def _second_centre_rule(seeding) -> str:
    import numpy as np

    points = np.array(_LINE)
    counts = np.zeros((3, 3))  # first centre, second centre
    for seed in range(_DRAWS):
        rng = np.random.default_rng(seed)
        answer = call(seeding, points, 2, rng)
        centres = as_array(answer, "what your function returns")
        if centres.shape == (2,) and centres.dtype.kind in "iu":
            raise WrongAnswerError(
                "your function returned indices of points; return the "
                "centres themselves (points[chosen]), shape (k, features)."
            )
        if centres.shape != (2, 1):
            raise WrongAnswerError(
                f"your function returned {describe(answer)} for k = 2 "
                "points with 1 feature; it should return shape (2, 1): "
                "k centres, each a point of the data."
            )
        found = [np.flatnonzero((points == c).all(axis=1)) for c in centres]
        if any(len(index) == 0 for index in found):
            raise WrongAnswerError(
                "a centre is not one of the data points: k-means++ picks "
                "its centres among the points."
            )
        first, second = (int(index[0]) for index in found)
        if first == second:
            raise WrongAnswerError(
                "the same point was picked twice: a point already chosen "
                "is at distance 0 and must have no chance to be drawn."
            )
        counts[first, second] += 1
    if np.ptp(counts.sum(axis=1)) > 0.2 * _DRAWS:
        raise WrongAnswerError(
            "the first centre is not drawn uniformly: each point should be "
            "as likely as any other to be the first."
        )
    gaps = np.abs(points - points.T)
    observed = counts / counts.sum(axis=1, keepdims=True)
    distances = {}
    for rule, weight in _RULES.items():
        chance = weight(gaps)
        chance /= chance.sum(axis=1, keepdims=True)
        distances[rule] = np.abs(observed - chance).sum(axis=1).max() / 2
    if (counts[:, gaps.argmax(axis=1)].diagonal() == counts.sum(axis=1)).all():
        raise WrongAnswerError(
            "the second centre is always the farthest point: that is "
            "'farthest first', not k-means++. Draw it at random, with a "
            "chance proportional to D², the squared distance."
        )
    closest = min(distances, key=distances.get)
    if closest == "D²" and distances["D²"] < 0.06:
        return (
            f"over {_DRAWS} seeds, each point became the second centre as "
            "often as the D² rule says (within "
            f"{distances['D²']:.0%} of its chances)."
        )
    if closest == "D":
        raise WrongAnswerError(
            "your chances follow the distance D, not its square: "
            "k-means++ draws with probability proportional to D²."
        )
    if closest == "uniform":
        raise WrongAnswerError(
            "every point is as likely as another to be the second centre: "
            "that is a random start. Weight each point by D², its squared "
            "distance to the nearest centre chosen so far."
        )
    raise WrongAnswerError(
        "the second centre is not drawn with probability proportional to "
        "D², the squared distance to the nearest centre chosen so far."
    )


kmeans_plus_plus_seeding = Exercise(
    "kmeans_plus_plus_seeding", KMEANS_PLUS_PLUS, _second_centre_rule
)


def eight_blobs():
    """The data of "Starting well: k-means++" (and of its exercise)."""
    from sklearn.datasets import make_blobs

    return make_blobs(
        n_samples=500,
        centers=8,
        cluster_std=0.7,
        center_box=(-10, 10),
        random_state=10,
    )[0]


def _random_start_inertias(answer) -> str:
    import numpy as np
    from sklearn.cluster import KMeans

    points = eight_blobs()

    def inertias(**settings) -> np.ndarray:
        return np.array(
            [
                KMeans(8, random_state=seed, **settings).fit(points).inertia_
                for seed in range(20)
            ]
        )

    found = as_array(answer, "your inertias", shape=(None,))
    if len(found) != 20:
        raise WrongAnswerError(
            f"you gave {len(found)} inertias: fit once per seed, "
            "random_state=0 to 19, and give the 20 inertias in that order."
        )
    expected = inertias(init="random", n_init=1)
    if np.allclose(found, expected, rtol=1e-9):
        poor = int((expected > 1.01 * expected.min()).sum())
        return (
            f"{poor} of the 20 single random starts ended more than 1 % "
            f"above the best of them ({expected.min():,.1f})."
        )
    if np.ptp(found) <= 1e-9 * found.max():
        raise WrongAnswerError(
            "all 20 inertias are the same: did every fit use the same "
            "random_state? Give fit number i random_state=i."
        )
    if np.allclose(found, inertias(init="random"), rtol=1e-9):
        raise WrongAnswerError(
            "these are the inertias with n_init left out: for "
            "init='random' its default ('auto') runs 10 starts and keeps "
            "the best. Set n_init=1 to see single starts."
        )
    if np.allclose(found, inertias(n_init=1), rtol=1e-9):
        raise WrongAnswerError(
            "these fits started from k-means++ (the default init): this "
            "exercise is about random starts, init='random'."
        )
    raise WrongAnswerError(
        "these are not the inertias of KMeans(8, init='random', n_init=1, "
        "random_state=seed) on the data of the starter code, for seed in "
        "range(20)."
    )


random_start_inertias = Exercise(
    "random_start_inertias", KMEANS_PLUS_PLUS, _random_start_inertias
)
