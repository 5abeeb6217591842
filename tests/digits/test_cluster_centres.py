"""Lesson 2 runs end to end; its results are in the plausible range."""

import numpy as np


def test_centres_are_8x8_images_in_the_pixel_range(lesson):
    centres = lesson["centres"]
    assert centres.shape == (10, 8, 8)
    assert centres.min() >= -1e-9  # means of values 0 to 16, up to rounding
    assert centres.max() <= 16 + 1e-9


def test_cluster_sizes_add_up(lesson):
    sizes = lesson["cluster_sizes"]
    assert sizes.sum() == lesson["digit_sizes"].sum() == 1797
    assert sizes[lesson["largest_cluster"]] == sizes.max()
    assert sizes[lesson["smallest_cluster"]] == sizes.min()
    assert np.all(sizes > 0)
