"""Going further: k-means distances as features, k chosen on training data."""

import numpy as np
from sklearn.cluster import KMeans
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler


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


def test_the_verdict_follows_the_numbers(lesson):
    gain = lesson["features_accuracy"] - lesson["pixels_accuracy"]
    assert lesson["features_win"] == (gain > 0)
    assert lesson["n_images_gained"] == round(gain * len(lesson["y_test"]))
    assert lesson["same_within_noise"] == (abs(gain) <= lesson["fold_spread"])
    assert lesson["best_cv_beats_pixels"] == (
        lesson["cv_best"] > lesson["pixels_cv_mean"]
    )
    assert lesson["cv_best"] == np.max(lesson["cv_mean"])
