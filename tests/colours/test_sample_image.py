"""Lesson 1 of Colours runs end to end; its results are plausible."""

import numpy as np


def test_the_image_is_the_china_photograph(lesson):
    assert lesson["china"].shape == (427, 640, 3)
    assert lesson["china"].dtype == np.uint8


def test_the_image_has_tens_of_thousands_of_colours(lesson):
    assert 10_000 <= lesson["n_distinct"] < 100_000
    assert lesson["n_distinct"] <= lesson["n_pixels"] == 427 * 640
    assert lesson["n_possible"] == 2**24


def test_the_jpeg_is_smaller_than_the_array(lesson):
    assert 0 < lesson["jpeg_bytes"] < lesson["china"].nbytes
