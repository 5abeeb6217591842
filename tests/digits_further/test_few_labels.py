"""Going further: 50 well-chosen labels, propagated, against random ones."""

import re

import numpy as np
import pytest
from sklearn.cluster import KMeans

from ..digits.reading import rendered

PAGE = "digits_further/few_labels"


def test_the_split_is_stratified_and_fixed(lesson):
    _, _, y_train, y_test = lesson["split"](0)
    assert (len(y_train), len(y_test)) == (1347, 450)
    shares = np.bincount(y_train) / len(y_train)
    np.testing.assert_allclose(shares, np.bincount(y_test) / 450, atol=0.01)
    np.testing.assert_array_equal(lesson["split"](0)[3], y_test)
    assert lesson["X"].max() == 1  # pixels scaled to 0..1


def test_each_representative_is_the_image_nearest_its_centre(lesson):
    kmeans, representatives = lesson["kmeans"], lesson["representatives"]
    assert kmeans.n_clusters == len(representatives) == lesson["n_labels"]
    assert kmeans.n_init == 3
    assert len(set(representatives.tolist())) == lesson["n_labels"]
    distances = kmeans.transform(lesson["X_train"])
    np.testing.assert_array_equal(
        distances[representatives, np.arange(50)], distances.min(axis=0)
    )
    counts = np.bincount(lesson["representative_labels"], minlength=10)
    assert lesson["missing_digits"] == np.flatnonzero(counts == 0).tolist()


def two_blobs() -> tuple[np.ndarray, KMeans]:
    rng = np.random.default_rng(0)
    points = np.vstack([rng.normal(0, 1, (40, 2)), rng.normal(9, 1, (60, 2))])
    return points, KMeans(n_clusters=2, n_init=1, random_state=0).fit(points)


@pytest.mark.parametrize("fraction", [0.25, 0.5, 1.0])
def test_propagate_keeps_the_nearest_fraction_of_each_cluster(
    lesson, fraction
):
    points, kmeans = two_blobs()
    labels_of_clusters = np.array([7, 3])
    indices, labels = lesson["propagate"](
        kmeans, points, labels_of_clusters, fraction
    )
    clusters = kmeans.predict(points)
    np.testing.assert_array_equal(
        labels, labels_of_clusters[clusters[indices]]
    )
    distance = np.linalg.norm(
        points - kmeans.cluster_centers_[clusters], axis=1
    )
    for cluster in (0, 1):
        members = np.flatnonzero(clusters == cluster)
        kept = np.intersect1d(members, indices)
        assert len(kept) == pytest.approx(fraction * len(members), abs=1)
        dropped = np.setdiff1d(members, indices)
        if len(dropped):
            assert distance[kept].max() <= distance[dropped].min()


def test_propagated_labels_get_worse_the_further_they_go(lesson):
    right, wrong = lesson["propagated_right"], lesson["propagated_wrong"]
    assert right[0.25] >= right[1.0]
    assert 0.85 < right[1.0] == lesson["propagated_all_right"] < 1
    indices, labels = lesson["propagate"](
        lesson["kmeans"], lesson["X_train"], lesson["representative_labels"], 1
    )
    assert wrong[1.0] == int(np.sum(labels != lesson["y_train"][indices]))
    assert list(wrong.values()) == sorted(wrong.values())


def test_every_strategy_fits_on_training_images_only(lesson):
    sets = lesson["training_sets"](lesson["X_train"], lesson["y_train"], 0)
    train_rows = {row.tobytes() for row in lesson["X_train"]}
    for images, labels, _ in sets.values():
        assert len(images) == len(labels) > 0
        assert all(row.tobytes() in train_rows for row in images)


def test_the_strategies_never_see_the_test_set(lesson, monkeypatch):
    """With every variable that holds test images removed, the strategies
    still build the same training sets: they cannot have read them."""
    training_sets = lesson["training_sets"]
    images, y_train = lesson["X_train"], lesson["y_train"]
    before = training_sets(images, y_train, 1)
    lesson_globals = training_sets.__globals__
    for name in ("X", "y", "X_test", "y_test", "test_images", "test_labels"):
        monkeypatch.delitem(lesson_globals, name, raising=False)
    after = training_sets(images, y_train, 1)
    for name, (images, labels, n_used) in before.items():
        np.testing.assert_array_equal(after[name][0], images)
        np.testing.assert_array_equal(after[name][1], labels)
        assert after[name][2] == n_used


def test_propagation_uses_only_the_labels_it_paid_for(lesson):
    images, y_train = lesson["X_train"], lesson["y_train"]
    kmeans, representatives = lesson["find_representatives"](images, 0)
    *_, paid = lesson["choose_fraction"](
        kmeans, representatives, images, y_train, 0
    )
    assert len(set(paid.tolist())) == 50 + lesson["n_validation"]
    scrambled = y_train.copy()
    unpaid = np.setdiff1d(np.arange(len(y_train)), paid)
    scrambled[unpaid] = np.random.default_rng(0).permutation(y_train[unpaid])
    sets = lesson["training_sets"](images, y_train, 0)
    scrambled_sets = lesson["training_sets"](images, scrambled, 0)
    for name in ("representatives", "propagated_all", "propagated_nearest"):
        np.testing.assert_array_equal(sets[name][1], scrambled_sets[name][1])


def test_labels_used_are_counted(lesson):
    used = lesson["labels_used"]
    assert used["random"] == used["representatives"] == 50
    assert used["propagated_all"] == 50
    budget = 50 + lesson["n_validation"]
    assert used["propagated_nearest"] == used["random_same_budget"] == budget
    assert used["all_labels"] == 1347


def test_representatives_beat_random_labels_on_average(lesson):
    mean = lesson["mean"]
    assert 0.6 < mean["random"] < mean["representatives"] < 0.97
    assert lesson["wins_representatives"] >= 3
    assert lesson["gain_representatives"] > 2  # points


def test_the_full_training_set_is_the_ceiling(lesson):
    mean = lesson["mean"]
    assert 0.94 < mean["all_labels"] < 0.995
    assert all(
        mean["all_labels"] > m for n, m in mean.items() if n != "all_labels"
    )
    assert lesson["ceiling_gap"] > 0


def test_table_and_verdict_agree(lesson):
    accuracy, mean = lesson["accuracy"], lesson["mean"]
    assert all(
        len(scores) == lesson["n_splits"] == 5 for scores in accuracy.values()
    )
    for name, scores in accuracy.items():
        assert mean[name] == pytest.approx(np.mean(scores))
        assert lesson["spread"][name] == pytest.approx(np.std(scores))
    assert lesson["propagation_helps"] == (lesson["gain_propagation"] > 0)
    assert lesson["nearest_pays_off"] == (
        lesson["gain_nearest"] > 0 and lesson["gain_same_budget"] > 0
    )
    assert lesson["best_fraction"] in lesson["fractions"]


def missing_sentence(missing: list[int]) -> str:
    text = rendered(PAGE, digits_further__few_labels__missing_digits=missing)
    return re.search(
        r"Digits left with no representative at all: [^.]*\.", text
    )[0]


@pytest.mark.parametrize(
    ("missing", "reads"),
    [([], "none"), ([3], "3"), ([3, 5], "3 and 5"), ([0, 4, 9], "0, 4 and 9")],
)
def test_the_missing_digits_read_right_for_any_count(missing, reads):
    assert missing_sentence(missing).endswith(f"at all: {reads}.")


@pytest.mark.parametrize(
    ("n_validation", "share"), [(100, "1.0%"), (40, "2.5%")]
)
def test_one_validation_image_reads_as_a_share_of_the_score(
    n_validation, share
):
    text = rendered(
        PAGE,
        digits_further__few_labels__n_validation=n_validation,
        digits_further__few_labels__validation_step=1 / n_validation,
    )
    assert f"each image is {share} of the validation score" in text
    assert "(s)" not in text


@pytest.mark.parametrize("helps", [True, False])
def test_the_propagation_verdict_reads_for_both_outcomes(helps):
    text = rendered(PAGE, digits_further__few_labels__propagation_helps=helps)
    gained = "the extra images gained more than the wrong labels cost"
    lost = "the extra images did not make up for the wrong labels"
    assert (gained in text, lost in text) == (helps, not helps)


@pytest.mark.parametrize("pays", [True, False])
def test_the_fraction_verdict_reads_for_both_outcomes(pays):
    text = rendered(PAGE, digits_further__few_labels__nearest_pays_off=pays)
    verdict = "tuning the fraction " + (
        "paid for its extra labels"
        if pays
        else "did not pay for its extra labels"
    )
    assert verdict in text
