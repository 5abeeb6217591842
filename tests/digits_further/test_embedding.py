"""Going further 3: t-SNE helps; held-out evaluation uses no test labels."""

import numpy as np
from sklearn.base import clone


def test_tsne_then_kmeans_beats_kmeans_on_pixels(lesson):
    assert lesson["embedding"].shape == (1797, 2)
    assert 0.85 < lesson["tsne_accuracy"] <= 1
    assert 0.7 < lesson["pixels_accuracy"] < lesson["tsne_accuracy"]
    assert lesson["n_mistakes"] == round((1 - lesson["tsne_accuracy"]) * 1797)


def test_held_out_accuracies_are_plausible(lesson):
    accuracy = lesson["test_accuracy"]
    assert 0.65 < accuracy["pixels"] < 0.9
    assert 0.4 < accuracy["pca_2d"] < accuracy["pixels"]
    assert len(lesson["y_test"]) == np.ceil(0.3 * 1797)  # as sklearn rounds


def test_test_labels_change_the_score_but_not_the_fit(lesson):
    evaluate = lesson["held_out_accuracy"]
    pipeline = lesson["pipelines"]["pixels"]
    arguments = [lesson[n] for n in ("X_train", "y_train", "X_test")]
    mapping, accuracy = evaluate(clone(pipeline), *arguments, lesson["y_test"])
    shuffled = np.random.default_rng(0).permutation(lesson["y_test"])
    mapping_2, accuracy_2 = evaluate(clone(pipeline), *arguments, shuffled)
    np.testing.assert_array_equal(mapping, mapping_2)
    assert accuracy_2 < accuracy - 0.3
