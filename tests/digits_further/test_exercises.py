"""Going further with the digits, exercises: each check accepts the page's
solution, says "not answered yet" to the starter code, recognises typical
mistakes, and answers bad input with one sentence."""

import warnings

import numpy as np
import pytest
from sklearn.cluster import KMeans
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    adjusted_rand_score,
    calinski_harabasz_score,
    normalized_mutual_info_score,
    rand_score,
    silhouette_score,
)
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import MinMaxScaler, StandardScaler

from tutorial_code.exercise_checks import ____
from tutorial_code.exercise_checks.core import (
    BAD_INPUT,
    CORRECT,
    NOT_ANSWERED,
)
from tutorial_code.exercise_checks.digits_further import (
    distance_features,
    image_per_centre,
    renamed_clusters,
    seed_agreement,
    silhouette_for_k,
)

from ..exercises import assert_one_sentence, wrong

EXERCISES = [
    renamed_clusters,
    seed_agreement,
    image_per_centre,
    silhouette_for_k,
    distance_features,
]


@pytest.mark.parametrize(
    ("exercise", "solution"),
    [
        (seed_agreement, "scores"),
        (image_per_centre, "nearest_images"),
        (silhouette_for_k, "silhouette_by_k"),
        (distance_features, "make_model"),
    ],
)
def test_the_solution_on_the_page_is_correct(lesson, exercise, solution):
    assert exercise.verdict(lesson[solution]).status == CORRECT


def test_the_prediction_measured_on_the_page_is_correct(lesson):
    answer = (lesson["same_ids"], lesson["ari"])
    assert renamed_clusters.verdict(answer).status == CORRECT


def test_the_page_quotes_what_its_solutions_measured(lesson):
    assert lesson["ari_min"] <= lesson["ari_max"] < 1
    assert lesson["shared_max"] < lesson["ari_min"]
    assert lesson["best_k"] in range(2, 9)
    assert lesson["k_is_cultivars"] == (
        lesson["best_k"] == lesson["n_cultivars"]
    )
    assert lesson["iterations_unscaled"] > lesson["iterations_scaled"]


def test_a_blank_is_not_answered_yet():
    def nearest(kmeans, images):
        return ____

    def model(k):
        return make_pipeline(____)

    assert renamed_clusters.verdict((____, ____)).status == NOT_ANSWERED
    assert seed_agreement.verdict([____] * 9).status == NOT_ANSWERED
    assert image_per_centre.verdict(nearest).status == NOT_ANSWERED
    assert distance_features.verdict(model).status == NOT_ANSWERED


def test_renamed_clusters_explains_ids_and_pairs():
    wrong(renamed_clusters, (1, 1), "changes every id")
    wrong(renamed_clusters, (0, 0), "which pairs of images are together")
    wrong(renamed_clusters, (1, 0), "swapped")
    wrong(renamed_clusters, (0.1, 1), "by chance")
    wrong(renamed_clusters, (0, 100), "not a percentage")
    wrong(renamed_clusters, (0.5, 0.5), "does any image keep its id")


@pytest.fixture(scope="module")
def digits_clusters():
    """The digits, and the clusters of one start for each seed 0 to 9."""
    images, y = load_digits(return_X_y=True)
    labels = [
        KMeans(n_clusters=10, n_init=1, random_state=seed).fit_predict(images)
        for seed in range(10)
    ]
    return y, labels


def test_seed_agreement_recognises_its_typical_mistakes(digits_clusters):
    y, labels = digits_clusters
    first, others = labels[0], labels[1:]

    def against_first(score):
        return [score(first, other) for other in others]

    assert (
        seed_agreement.verdict(against_first(adjusted_rand_score)).status
        == CORRECT
    )
    wrong(seed_agreement, against_first(lambda a, b: np.mean(a == b)), "ids")
    wrong(
        seed_agreement,
        [adjusted_rand_score(y, other) for other in others],
        "true digits",
    )
    wrong(seed_agreement, against_first(rand_score), "plain Rand index")
    wrong(
        seed_agreement,
        against_first(normalized_mutual_info_score),
        "normalised mutual",
    )
    wrong(seed_agreement, [1.0] * 9, "same random_state")
    wrong(
        seed_agreement,
        [adjusted_rand_score(first, other) for other in labels],
        "with itself",
    )
    wrong(
        seed_agreement,
        [
            adjusted_rand_score(a, b)
            for a, b in zip(labels, others, strict=False)
        ],
        "the seed before it",
    )
    wrong(seed_agreement, [0.5] * 9, "not the adjusted Rand")


def test_image_per_centre_recognises_its_typical_mistakes():
    def distances(kmeans, images):
        return kmeans.transform(images)

    wrong(image_per_centre, lambda m, x: distances(m, x).argmin(1), "axis")
    wrong(image_per_centre, lambda m, x: distances(m, x).argmax(0), "farthest")
    wrong(image_per_centre, lambda m, x: distances(m, x).min(0), "not indices")
    wrong(
        image_per_centre,
        lambda m, x: m.cluster_centers_,
        "centres themselves",
    )
    wrong(
        image_per_centre,
        lambda m, x: x[distances(m, x).argmin(0)],
        "as pixels",
    )
    wrong(
        image_per_centre,
        lambda m, x: np.sort(distances(m, x).argmin(0)),
        "wrong order",
    )

    def within_clusters(kmeans, images):
        d, clusters = distances(kmeans, images), kmeans.predict(images)
        return [d[clusters == c, c].argmin() for c in range(kmeans.n_clusters)]

    wrong(image_per_centre, within_clusters, "each cluster's own images")

    def first_member(kmeans, images):
        clusters = kmeans.predict(images)
        return [
            np.flatnonzero(clusters == c)[0] for c in range(kmeans.n_clusters)
        ]

    wrong(image_per_centre, first_member, "not the one nearest")


def silhouettes(scaler=StandardScaler, score="silhouette", **settings):
    """A silhouette_by_k with a chosen mistake."""
    settings = {"n_init": 10, "random_state": 0, **settings}

    def scores(data, ks):
        scaled = data if scaler is None else scaler().fit_transform(data)
        found = {}
        for k in ks:
            model = KMeans(n_clusters=k, **settings).fit(scaled)
            if score == "silhouette":
                found[k] = silhouette_score(scaled, model.labels_)
            elif score == "on raw data":
                found[k] = silhouette_score(data, model.labels_)
            elif score == "Calinski-Harabasz":
                found[k] = calinski_harabasz_score(scaled, model.labels_)
            else:
                found[k] = model.inertia_
        return found

    return scores


def test_silhouette_for_k_recognises_its_typical_mistakes():
    assert silhouette_for_k.verdict(silhouettes()).status == CORRECT
    wrong(silhouette_for_k, silhouettes(None), "unscaled", "proline")
    wrong(silhouette_for_k, silhouettes(n_init="auto"), "n_init left out")
    wrong(silhouette_for_k, silhouettes(score="inertia"), "inertias")
    wrong(
        silhouette_for_k,
        silhouettes(score="Calinski-Harabasz"),
        "Calinski-Harabasz",
    )
    wrong(silhouette_for_k, silhouettes(score="on raw data"), "scored")
    wrong(silhouette_for_k, silhouettes(MinMaxScaler), "MinMaxScaler")
    wrong(silhouette_for_k, silhouettes(random_state=2), "random_state")

    def as_list(data, ks):
        return list(silhouettes()(data, ks).values())

    def by_position(data, ks):
        return dict(enumerate(silhouettes()(data, ks).values()))

    wrong(silhouette_for_k, as_list, "return a dict")
    wrong(silhouette_for_k, by_position, "positions")


def pipeline(*steps):
    """A make_model whose pipeline has these steps (each made from k)."""
    return lambda k: make_pipeline(*(step(k) for step in steps))


def kmeans(k):
    return KMeans(n_clusters=k, n_init=1, random_state=0)


def scaler(k):
    return StandardScaler()


def classifier(k):
    return LogisticRegression(max_iter=1000)


def test_distance_features_recognise_their_typical_mistakes():
    # The check hides the solver's warnings; none may reach the learner.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert (
            distance_features.verdict(
                pipeline(kmeans, scaler, classifier)
            ).status
            == CORRECT
        )
        wrong(
            distance_features,
            pipeline(kmeans, classifier),
            "raw distances",
            "iterations",
        )
        wrong(
            distance_features,
            pipeline(kmeans, lambda k: LogisticRegression()),
            "stopped before converging",
        )
        wrong(
            distance_features,
            pipeline(scaler, kmeans, classifier),
            "scaled the pixels",
        )
        wrong(distance_features, pipeline(kmeans, scaler), "not a classifier")
        wrong(distance_features, kmeans, "ends with KMeans")
        wrong(
            distance_features,
            pipeline(kmeans, lambda k: MinMaxScaler(), classifier),
            "MinMaxScaler",
        )
        wrong(
            distance_features,
            pipeline(lambda k: KMeans(n_init=1), scaler, classifier),
            "default n_clusters",
        )
        wrong(distance_features, pipeline(scaler, classifier), "64 pixels")


@pytest.mark.parametrize(
    ("exercise", "function"),
    [
        (image_per_centre, lambda kmeans, images: None),
        (silhouette_for_k, lambda data, ks: None),
        (silhouette_for_k, lambda data, ks: "k = 3"),
        (distance_features, lambda k: None),
        (distance_features, lambda k: "a pipeline"),
    ],
)
def test_a_function_returning_nothing_useful_gets_one_sentence(
    exercise, function
):
    found = exercise.verdict(function)
    assert found.status == BAD_INPUT, found
    assert_one_sentence(found)
