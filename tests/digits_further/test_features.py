"""Going further: k-means distances as features, k chosen on training data."""

import numpy as np
import pytest
from sklearn.cluster import KMeans
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from ..digits.reading import rendered

PAGE = "digits_further/features"


def test_the_pipeline_is_kmeans_then_a_classifier(lesson):
    steps = [type(step) for _, step in lesson["pipeline"].steps]
    assert steps == [KMeans, StandardScaler, LogisticRegression]
    assert lesson["pipeline"]["kmeans"].n_init == 1


def test_k_is_chosen_on_the_training_set_only(lesson):
    search, n_train = lesson["search"], len(lesson["y_train"])
    assert search.cv.get_n_splits() == 3
    assert lesson["best_k"] in lesson["k_values"]
    best = search.best_estimator_
    assert best["kmeans"].n_clusters == lesson["best_k"]
    assert len(best["kmeans"].labels_) == n_train  # refitted on training only
    assert len(search.cv_results_["mean_test_score"]) == len(
        lesson["k_values"]
    )
    assert n_train + len(lesson["y_test"]) == 1797


def test_accuracies_are_plausible(lesson):
    assert 0.93 < lesson["pixels_accuracy"] < 0.995
    assert 0.9 < lesson["features_accuracy"] < 0.995
    assert 0.93 < lesson["pixels_cv_mean"] < 0.995
    # The prose: the smallest k describes an image only coarsely.
    assert lesson["cv_smallest"] < lesson["cv_best"] - 0.01


def test_the_models_are_compared_on_the_same_folds(lesson):
    from sklearn.model_selection import cross_val_score

    folds = lesson["paired_folds"]
    assert folds.get_n_splits() == lesson["n_folds"] == 10
    images, labels = lesson["X_train"], lesson["y_train"]
    pixels = cross_val_score(lesson["pixels_model"], images, labels, cv=folds)
    np.testing.assert_allclose(pixels, lesson["pixels_scores"])
    np.testing.assert_allclose(
        lesson["differences"],
        lesson["features_scores"] - lesson["pixels_scores"],
    )
    assert lesson["mean_difference_points"] == pytest.approx(
        100 * lesson["differences"].mean()
    )
    assert lesson["best_cv_beats_pixels"] == (
        lesson["cv_best"] > lesson["pixels_cv_mean"]
    )
    assert lesson["cv_best"] == np.max(lesson["cv_mean"])


def test_one_p_value_chooses_the_verdict(lesson):
    p_value, verdict = lesson["paired_verdict"](
        lesson["differences"], 1 / (lesson["n_folds"] - 1)
    )
    assert (p_value, verdict) == (lesson["p_value"], lesson["verdict"])
    assert 0 <= p_value <= 1
    assert (verdict == SAME) == (p_value >= 0.05)


SAME = "no clear difference: about the same accuracy"


@pytest.mark.parametrize(
    ("differences", "verdict"),
    [
        # Always ahead by about a point: clear, whichever way.
        (
            [0.010, 0.012, 0.008, 0.011, 0.009],
            "the distances are more accurate",
        ),
        (
            [-0.010, -0.012, -0.008, -0.011, -0.009],
            "the pixels are more accurate",
        ),
        # Ahead on average, but as often behind: no clear difference.
        ([0.02, -0.015, 0.01, -0.01, 0.015], SAME),
        # Every fold the same: no spread to judge by.
        ([0.0, 0.0, 0.0, 0.0, 0.0], SAME),
        ([0.01, 0.01, 0.01, 0.01, 0.01], "the distances are more accurate"),
    ],
)
def test_the_verdict_for_each_outcome(lesson, differences, verdict):
    _, found = lesson["paired_verdict"](np.array(differences), 1 / 4)
    assert found == verdict


def test_the_correction_makes_the_test_more_cautious(lesson):
    from scipy import stats

    differences = np.array([0.010, -0.004, 0.012, 0.006, -0.002, 0.009] * 2)
    plain = stats.ttest_rel(differences, np.zeros_like(differences)).pvalue
    corrected, _ = lesson["paired_verdict"](differences, 1 / 9)
    assert corrected > plain
    # Without the correction (no shared training images) it is the plain test.
    uncorrected, _ = lesson["paired_verdict"](differences, 0.0)
    assert uncorrected == pytest.approx(plain)


@pytest.mark.parametrize(
    "verdict",
    [SAME, "the distances are more accurate", "the pixels are more accurate"],
)
def test_the_page_states_the_verdict_once_and_plainly(verdict):
    text = rendered(PAGE, digits_further__features__verdict=verdict)
    assert f"on these data the verdict is: {verdict}." in text
    for contradiction in ("beat", "about the same, at the cost"):
        assert contradiction not in text
