"""Going further: k-means cells on the 2-D PCA plane of the digits."""

import numpy as np
import pytest
from matplotlib.markers import MarkerStyle

from ..digits.reading import MIN_PHONE_TEXT_PX, phone_text_px


def test_the_plane_keeps_a_minority_of_the_variance(lesson):
    assert lesson["plane"].shape == (1797, 2)
    assert 0.15 < lesson["variance_kept"] < 0.45


def test_clustering_in_2d_loses_accuracy(lesson):
    assert 0.7 < lesson["pixels_accuracy"] < 0.9
    assert 0.4 < lesson["plane_accuracy"] < lesson["pixels_accuracy"]
    lost = 100 * (lesson["pixels_accuracy"] - lesson["plane_accuracy"])
    assert lesson["accuracy_lost_points"] == pytest.approx(lost)
    assert lost > 5


def test_each_cluster_gets_its_own_digit(lesson):
    assert sorted(lesson["mapping"].tolist()) == list(range(10))
    assert lesson["kmeans"].cluster_centers_.shape == (10, 2)
    assert lesson["kmeans"].n_init == 10


def test_each_centre_lies_in_the_cell_of_its_digit(lesson):
    kmeans, mapping = lesson["kmeans"], lesson["mapping"]
    centres = kmeans.cluster_centers_
    np.testing.assert_array_equal(mapping[kmeans.predict(centres)], mapping)
    # The drawn map: the grid cell nearest each centre shows its digit.
    grid, cells = lesson["grid"], lesson["cell_digit"].ravel()
    for centre, digit in zip(centres, mapping, strict=True):
        nearest = np.argmin(np.linalg.norm(grid - centre, axis=1))
        assert cells[nearest] == digit
    assert set(np.unique(cells)) == set(range(10))


def test_per_digit_shares_add_up_to_the_accuracy(lesson):
    y, shares = lesson["y"], lesson["per_digit_right"]
    counts = np.bincount(y)
    total = sum(shares[d] * counts[d] for d in range(10)) / len(y)
    assert total == pytest.approx(lesson["plane_accuracy"])
    assert lesson["best_share"] == max(shares.values())
    assert lesson["worst_share"] == min(shares.values())
    assert lesson["best_share"] > lesson["worst_share"]


def test_every_wrong_image_is_a_cross_and_every_right_one_a_dot(lesson):
    """Misassigned images are marked by their shape, not by a colour that
    has to be told apart from its cell's tint."""
    wrong, plane, ax = lesson["wrong"], lesson["plane"], lesson["ax"]
    assert lesson["n_wrong"] == int(wrong.sum())
    assert lesson["n_wrong"] == round(
        (1 - lesson["plane_accuracy"]) * lesson["n_images"]
    )
    cross = MarkerStyle("X").get_path().vertices
    crossed = set()
    for collection in ax.collections:
        shape = collection.get_paths()[0].vertices
        if shape.shape == cross.shape and np.allclose(shape, cross):
            crossed |= {tuple(p) for p in collection.get_offsets()}
    assert crossed == {tuple(p) for p in plane[wrong]}
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert "in another digit's cell" in labels


def test_the_cells_are_drawn_to_scale_and_read_on_a_phone(lesson):
    assert lesson["ax"].get_aspect() == 1  # right angles are drawn right
    assert phone_text_px(lesson["folder"], "regions") >= MIN_PHONE_TEXT_PX
