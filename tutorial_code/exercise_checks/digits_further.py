"""Checks for the exercises of "Going further with the digits".

Each check works out the right answer itself, with scikit-learn on the
exercise's data (the digits, the wines), and recognises the typical mistakes
by what they produce: it computes each mistaken answer and compares.
"""

import copy
import numbers
from functools import cache

from tutorial_code.exercise_checks.core import (
    BadInputError,
    Exercise,
    WrongAnswerError,
    as_array,
    call,
    describe,
)

STABILITY = "How much does one run tell you?"
CHOOSING_K = "Choosing k without labels"
FEW_LABELS = "Labelling only a few images"
FEATURES = "Cluster distances as features"

N_SEEDS = 10  # seed_agreement: seed 0 against seeds 1 to 9
KS = range(2, 9)  # silhouette_for_k: the values of k to score
FEATURES_K = 40  # distance_features: the k the check builds the model with


@cache
def _digits():
    from sklearn.datasets import load_digits

    return load_digits(return_X_y=True)


@cache
def _labels(seed: int):
    """The digits' clusters of one single-start fit, as the exercises fit."""
    from sklearn.cluster import KMeans

    images, _ = _digits()
    model = KMeans(n_clusters=10, n_init=1, random_state=seed)
    return model.fit_predict(images)


def _close(a: float, b: float, tolerance: float = 1e-6) -> bool:
    return abs(a - b) < tolerance


# 1. Renamed clusters: predict two numbers.


def _pair(answer) -> tuple[float, float]:
    """Two numbers, or one sentence saying what the check needs."""
    if (
        not isinstance(answer, (list, tuple))
        or len(answer) != 2
        or not all(
            isinstance(x, numbers.Real) and not isinstance(x, bool)
            for x in answer
        )
    ):
        raise BadInputError(
            "write your prediction as two numbers, (same_ids, ari), "
            f"not {describe(answer)}."
        )
    return float(answer[0]), float(answer[1])


def _renamed_clusters(answer) -> str:
    import numpy as np
    from sklearn.metrics import adjusted_rand_score

    labels = _labels(0)
    renamed = (labels + 1) % 10
    same = float(np.mean(labels == renamed))
    ari = float(adjusted_rand_score(labels, renamed))
    got_same, got_ari = _pair(answer)
    same_right, ari_right = _close(got_same, same), _close(got_ari, ari)
    if same_right and ari_right:
        return (
            f"no image keeps its cluster id (a share of {same:.0f}), yet the "
            f"adjusted Rand index is {ari:.0f}: the same groups of images, "
            "under other names, are the same clustering."
        )
    if _close(got_same, ari) and _close(got_ari, same):
        raise WrongAnswerError(
            "your two numbers are swapped: the share of images that keep "
            "their id comes first, the adjusted Rand index second."
        )
    if not same_right and _close(got_same, 1):
        raise WrongAnswerError(
            "the renaming changes every id (cluster 0 becomes 1, ..., 9 "
            "becomes 0), so how many images keep theirs?"
        )
    if not same_right and _close(got_same, 0.1):
        raise WrongAnswerError(
            "a share of 0.1 is what two unrelated labellings of ten "
            "clusters share by chance; this renaming moves every id by one."
        )
    if same_right and _close(got_ari, 100):
        raise WrongAnswerError(
            "the adjusted Rand index is at most 1, not a percentage: what "
            "does a perfect agreement score?"
        )
    if same_right and abs(got_ari) < 0.15:
        raise WrongAnswerError(
            "the adjusted Rand index compares which pairs of images are "
            "together, not the ids: do two images that shared a cluster "
            "still share one after the renaming?"
        )
    if same_right:
        raise WrongAnswerError(
            "the first number is right; for the second, ask of every pair "
            "of images whether both labellings put them together, or both "
            "apart."
        )
    raise WrongAnswerError(
        "compare the ids image by image for the first number: after "
        "(labels + 1) % 10, does any image keep its id?"
    )


renamed_clusters = Exercise("renamed_clusters", STABILITY, _renamed_clusters)


# 2. How much do two seeds agree?


def _seed_agreement(answer) -> str:
    import numpy as np
    from sklearn.metrics import (
        adjusted_rand_score,
        normalized_mutual_info_score,
        rand_score,
    )

    found = as_array(answer, "your scores", shape=(None,))
    others = range(1, N_SEEDS)
    first = _labels(0)
    if len(found) == N_SEEDS and _close(found[0], 1):
        raise WrongAnswerError(
            f"you gave {N_SEEDS} scores, the first 1: seed 0 compared with "
            "itself. Compare seed 0 with seeds 1 to 9 only, 9 scores."
        )
    if len(found) != len(others):
        raise WrongAnswerError(
            f"you gave {len(found)} scores: compare seed 0's clustering "
            "with that of each seed from 1 to 9, in that order (9 scores)."
        )

    def scores(score, reference=None) -> np.ndarray:
        return np.array(
            [
                score(first if reference is None else reference, _labels(s))
                for s in others
            ]
        )

    expected = scores(adjusted_rand_score)
    if np.allclose(found, expected, rtol=0, atol=1e-9):
        same = "the same" if np.allclose(expected, 1) else "not the same"
        return (
            f"seeds 1 to 9 agree with seed 0 at an adjusted Rand index of "
            f"{expected.min():.2f} to {expected.max():.2f} (mean "
            f"{expected.mean():.2f}): each start finds its own clustering, "
            f"{same} as seed 0's."
        )
    if np.allclose(found, 1):
        raise WrongAnswerError(
            "every score is 1: did every fit use the same random_state? "
            "Give fit number seed random_state=seed."
        )
    if np.allclose(found, scores(lambda a, b: np.mean(a == b))):
        raise WrongAnswerError(
            "these are the shares of images with the same cluster id in "
            "both fits; ids are arbitrary names (seed 1's cluster 3 need "
            "not be seed 0's), so compare with adjusted_rand_score."
        )
    truth = _digits()[1]
    if np.allclose(found, scores(adjusted_rand_score, truth)):
        raise WrongAnswerError(
            "these compare each fit with the true digits, y; the question "
            "is how much two fits agree with each other, so compare each "
            "seed's clusters with seed 0's."
        )
    if np.allclose(found, scores(rand_score)):
        raise WrongAnswerError(
            "this is the plain Rand index, which random clusterings also "
            "score high on; the adjusted one (adjusted_rand_score) gives 0 "
            "to chance."
        )
    if np.allclose(found, scores(normalized_mutual_info_score)):
        raise WrongAnswerError(
            "these are normalised mutual informations; this exercise asks "
            "for the adjusted Rand index, adjusted_rand_score."
        )
    chained = np.array(
        [adjusted_rand_score(_labels(s - 1), _labels(s)) for s in others]
    )
    if np.allclose(found, chained):
        raise WrongAnswerError(
            "each seed was compared with the seed before it; compare every "
            "seed with seed 0."
        )
    raise WrongAnswerError(
        "these are not the adjusted Rand indices between KMeans(10, "
        "n_init=1, random_state=0) on the digits and the same with "
        "random_state=1 to 9."
    )


seed_agreement = Exercise("seed_agreement", STABILITY, _seed_agreement)


# 3. Choosing k for a new data set: the wines.


@cache
def _wine():
    from sklearn.datasets import load_wine

    return load_wine()


@cache
def _wine_fits(scaling: str, n_init: int | str = 10):
    """Each k's labels, inertia and the data it was fitted on."""
    from sklearn.cluster import KMeans
    from sklearn.preprocessing import MinMaxScaler, StandardScaler

    data = _wine().data
    scaler = {"standard": StandardScaler(), "minmax": MinMaxScaler()}
    if scaling in scaler:
        data = scaler[scaling].fit_transform(data)
    fits = {}
    for k in KS:
        model = KMeans(n_clusters=k, n_init=n_init, random_state=0).fit(data)
        fits[k] = (model.labels_, model.inertia_)
    return data, fits


def _silhouettes(scaling: str, n_init: int | str = 10, scored_on=None):
    from sklearn.metrics import silhouette_score

    data, fits = _wine_fits(scaling, n_init)
    data = data if scored_on is None else scored_on
    return {k: float(silhouette_score(data, fits[k][0])) for k in KS}


def _chosen(scores: dict) -> int:
    return max(scores, key=scores.get)


def _silhouette_for_k(silhouette_by_k) -> str:
    import numpy as np
    from sklearn.metrics import calinski_harabasz_score

    wine = _wine()
    answer = call(silhouette_by_k, wine.data.copy(), KS)
    if answer is None:
        raise BadInputError(f"your function returned {describe(answer)}.")
    if isinstance(answer, (list, tuple)) or hasattr(answer, "shape"):
        raise WrongAnswerError(
            f"your function returned {describe(answer)}; return a dict "
            "{k: score}, so that the best score's key is its k (a list's "
            "argmax is a position, which is not k when k starts at 2)."
        )
    if not isinstance(answer, dict):
        raise BadInputError(
            "your function should return a dict {k: silhouette}, not "
            f"{describe(answer)}."
        )
    try:
        keys = sorted(answer)
    except TypeError:  # keys of several types
        keys = sorted(answer, key=repr)
    if keys == list(range(len(KS))):
        raise WrongAnswerError(
            f"your keys are positions, 0 to {len(KS) - 1}; key each score "
            f"by its k, {KS.start} to {KS.stop - 1}."
        )
    if keys != list(KS):
        raise WrongAnswerError(
            f"your dict has the keys {keys}; it should have one score for "
            f"each k your function receives, {KS.start} to {KS.stop - 1}."
        )
    values = as_array([answer[k] for k in KS], "your scores", shape=(None,))
    found = dict(zip(KS, values.tolist(), strict=True))

    def matches(scores: dict, tolerance: float = 1e-9) -> bool:
        return all(abs(found[k] - scores[k]) <= tolerance for k in KS)

    expected = _silhouettes("standard")
    best = _chosen(expected)
    n_cultivars = len(set(wine.target.tolist()))
    if matches(expected):
        return (
            f"on the standardised wines the silhouette is highest at k = "
            f"{best} ({expected[best]:.3f}); the wines come from "
            f"{n_cultivars} cultivars, which the silhouette "
            f"{'found' if best == n_cultivars else 'did not find'} without "
            "being told."
        )
    data, fits = _wine_fits("standard")
    if values.min() > 1:
        inertias = {k: fits[k][1] for k in KS}
        harabasz = {k: calinski_harabasz_score(data, fits[k][0]) for k in KS}
        if matches(inertias, 1e-6 * max(inertias.values())):
            raise WrongAnswerError(
                "these are inertias, which fall with every k: score each k "
                "with silhouette_score(data, labels), between -1 and 1."
            )
        if matches(harabasz, 1e-6 * max(harabasz.values())):
            raise WrongAnswerError(
                "these are Calinski-Harabasz scores; this exercise asks for "
                "the silhouette, silhouette_score(data, labels)."
            )
    raw = _silhouettes("none")
    if matches(raw):
        largest = wine.feature_names[int(np.argmax(wine.data.std(axis=0)))]
        raise WrongAnswerError(
            f"these are the scores of the unscaled wines (they pick k = "
            f"{_chosen(raw)}): the measurement in the largest numbers, "
            f"{largest}, decides every distance. Standardise the columns "
            "(StandardScaler) before clustering."
        )
    if matches(_silhouettes("standard", scored_on=wine.data)):
        raise WrongAnswerError(
            "you clustered the standardised wines but scored the clusters "
            "on the unscaled ones: measure the silhouette on the data you "
            "clustered."
        )
    single = _silhouettes("standard", n_init="auto")
    if matches(single):
        raise WrongAnswerError(
            f"these fits had a single start each (n_init left out: 'auto' "
            f"means one start with k-means++), and they pick k = "
            f"{_chosen(single)}; set n_init=10 as the starter does, so that "
            "one unlucky start does not decide a k."
        )
    if matches(_silhouettes("minmax")):
        raise WrongAnswerError(
            "you scaled each measurement to 0-1 (MinMaxScaler); a fair "
            "choice, but this exercise standardises them (StandardScaler: "
            "mean 0, standard deviation 1), which gives other scores."
        )
    if matches(expected, 0.05):
        raise WrongAnswerError(
            "close, but not the same fits: use KMeans(n_clusters=k, "
            "n_init=10, random_state=0), as the starter does; another "
            "random_state can end in other clusters."
        )
    raise WrongAnswerError(
        "these are not the silhouettes of KMeans(n_clusters=k, n_init=10, "
        "random_state=0) on the standardised wines, for k from "
        f"{KS.start} to {KS.stop - 1}."
    )


silhouette_for_k = Exercise("silhouette_for_k", CHOOSING_K, _silhouette_for_k)


# 4. The image nearest each centre.


@cache
def _few_images():
    """Images and the k-means model the check gives the learner's function."""
    from sklearn.cluster import KMeans

    pixels, _ = _digits()
    images = pixels[::3] / 16
    kmeans = KMeans(n_clusters=12, n_init=1, random_state=0).fit(images)
    return images, kmeans


def _image_per_centre(nearest_images) -> str:
    import numpy as np

    images, kmeans = _few_images()
    k = kmeans.n_clusters
    distances = kmeans.transform(images)
    expected = distances.argmin(axis=0)
    answer = call(nearest_images, copy.deepcopy(kmeans), images.copy())
    if answer is None:
        raise BadInputError(f"your function returned {describe(answer)}.")
    found = as_array(answer, "what your function returns")
    if found.shape == (len(images),):
        raise WrongAnswerError(
            f"your function returned {len(images)} values, one per image: "
            "that is each image's nearest centre (its cluster), the argmin "
            "over the wrong axis. Return one image index per centre."
        )
    if found.shape == kmeans.cluster_centers_.shape:
        if np.allclose(found, kmeans.cluster_centers_):
            raise WrongAnswerError(
                "these are the centres themselves: means of many images, "
                "which no one can label; return the index of the real "
                "image nearest each centre."
            )
        if np.allclose(found, images[expected]):
            raise WrongAnswerError(
                "these are the right images, but as pixels: return their "
                "indices (row numbers in images), so that their labels can "
                "be looked up."
            )
    if found.shape != expected.shape:
        raise WrongAnswerError(
            f"your function returned {describe(answer)}; it should return "
            f"one image index per centre, shape {expected.shape}."
        )
    if found.dtype.kind == "f" and not np.all(found == found.round()):
        raise WrongAnswerError(
            "your function returned distances, not indices: keep where the "
            "smallest distance is (argmin), not the distance itself."
        )
    found = found.astype(int)
    if np.array_equal(found, expected):
        return (
            f"each of the {k} centres got the index of the image nearest "
            "it: those are the images worth labelling."
        )
    if np.array_equal(found, distances.argmax(axis=0)):
        raise WrongAnswerError(
            "each centre got its farthest image: keep the smallest "
            "distance (argmin), not the largest."
        )
    if sorted(found.tolist()) == sorted(expected.tolist()):
        raise WrongAnswerError(
            "the right images, in the wrong order: item c should be the "
            "image nearest centre c (do not sort them)."
        )
    clusters = kmeans.labels_
    local = [int(np.argmin(distances[clusters == c, c])) for c in range(k)]
    if found.tolist() == local:
        raise WrongAnswerError(
            "these are positions among each cluster's own images, not in "
            "images: map them back (np.flatnonzero(clusters == c)[i])."
        )
    in_cluster = (found >= 0) & (found < len(images))
    if in_cluster.all() and np.array_equal(clusters[found], np.arange(k)):
        raise WrongAnswerError(
            "each index is an image of the right cluster, but not the one "
            "nearest its centre: compare the distances to the centre, "
            "kmeans.transform(images)."
        )
    raise WrongAnswerError(
        "these are not the images nearest each centre: for centre c, find "
        "the image with the smallest distance to it."
    )


image_per_centre = Exercise("image_per_centre", FEW_LABELS, _image_per_centre)


# 5. Cluster distances as features, in a pipeline.


@cache
def _split():
    from sklearn.model_selection import train_test_split

    images, digits = _digits()
    return train_test_split(
        images / 16, digits, test_size=0.25, stratify=digits, random_state=0
    )


def _fit_quietly(model):
    """``model`` fitted on the training split, and whether it warned that
    its solver did not converge."""
    import warnings

    from sklearn.exceptions import ConvergenceWarning

    train_images, _, train_digits, _ = _split()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        model.fit(train_images, train_digits)
    warned = any(issubclass(w.category, ConvergenceWarning) for w in caught)
    return model, warned


@cache
def _reference(scaled: bool = True):
    """The pipeline the exercise asks for (or without its scaler): fitted,
    its test accuracy and its solver's iterations."""
    from sklearn.cluster import KMeans
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    steps = [KMeans(n_clusters=FEATURES_K, n_init=1, random_state=0)]
    steps += [StandardScaler()] if scaled else []
    steps += [LogisticRegression(max_iter=1000)]
    model, _ = _fit_quietly(make_pipeline(*steps))
    _, test_images, _, test_digits = _split()
    return model.score(test_images, test_digits), int(model[-1].n_iter_.max())


def _distance_features(make_model) -> str:
    import numpy as np
    from sklearn.pipeline import Pipeline

    model = call(make_model, FEATURES_K)
    if model is None or not hasattr(model, "fit"):
        raise BadInputError(
            "your function should return a scikit-learn model (a Pipeline), "
            f"not {describe(model)}."
        )
    model, warned = _fit_quietly(model)
    train_images, test_images, _, test_digits = _split()
    last = model[-1] if isinstance(model, Pipeline) else model
    if not hasattr(model, "predict_proba"):
        if hasattr(last, "cluster_centers_"):
            raise WrongAnswerError(
                "your model ends with KMeans: its predict gives cluster ids, "
                "not digits. Put a classifier, LogisticRegression, last."
            )
        raise WrongAnswerError(
            "your model's last step is not a classifier: end the pipeline "
            "with LogisticRegression(max_iter=1000)."
        )
    features = train_images
    if isinstance(model, Pipeline):
        features = model[:-1].transform(train_images)
    width = features.shape[1]
    if width == train_images.shape[1]:
        raise WrongAnswerError(
            f"the classifier learned from the {width} pixels: put KMeans "
            "before it, whose transform turns each image into its distances "
            "to the k centres."
        )
    if width == 8:
        raise WrongAnswerError(
            f"the classifier got 8 distances, KMeans' default n_clusters, "
            f"though the check asked for k = {FEATURES_K}: pass "
            "n_clusters=k."
        )
    if width != FEATURES_K:
        raise WrongAnswerError(
            f"the classifier got {width} features for k = {FEATURES_K}; it "
            "should get one distance per centre: KMeans(n_clusters=k)."
        )
    means, spreads = features.mean(axis=0), features.std(axis=0)
    if not (np.allclose(means, 0, atol=1e-6) and np.allclose(spreads, 1)):
        if np.allclose(features.min(axis=0), 0) and np.allclose(
            features.max(axis=0), 1
        ):
            raise WrongAnswerError(
                "you scaled the distances to 0-1 (MinMaxScaler); this "
                "exercise standardises them, StandardScaler, mean 0 and "
                "standard deviation 1."
            )
        first = model[0].transform(train_images)
        if first.shape[1] == train_images.shape[1]:
            raise WrongAnswerError(
                "you scaled the pixels, before k-means; what the classifier "
                "needs on one scale are the distances k-means outputs: put "
                "the StandardScaler after KMeans."
            )
        _, scaled_iterations = _reference()
        iterations = int(np.max(getattr(last, "n_iter_", 0)))
        stopped = " and stopped before converging" if warned else ""
        raise WrongAnswerError(
            f"the classifier got the raw distances, not standardised: its "
            f"solver took {iterations} iterations{stopped}, against "
            f"{scaled_iterations} with a StandardScaler between KMeans and "
            "LogisticRegression."
        )
    accuracy = model.score(test_images, test_digits)
    expected, iterations = _reference()
    if warned or accuracy < expected - 0.02:
        raise WrongAnswerError(
            f"your model scored {accuracy:.1%} on the test images against "
            f"{expected:.1%}{' and its solver did not converge' * warned}: "
            "build make_pipeline(KMeans(n_clusters=k, n_init=1, "
            "random_state=0), StandardScaler(), "
            "LogisticRegression(max_iter=1000))."
        )
    return (
        f"on standardised distances to {FEATURES_K} centres the classifier "
        f"scored {accuracy:.1%} on the test images (the check's own "
        f"split), its solver converging in "
        f"{int(np.max(last.n_iter_))} iterations."
    )


distance_features = Exercise("distance_features", FEATURES, _distance_features)
