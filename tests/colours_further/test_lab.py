"""CIELAB conversion against published values; round trip; ΔE."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis.extra.numpy import arrays

from tutorial_code.colours_further.lab import delta_e, lab_to_rgb, rgb_to_lab

# sRGB (D65) to CIELAB, from Bruce Lindbloom's colour calculator
# (brucelindbloom.com), rounded to 2 decimals.
REFERENCE = [
    ((255, 255, 255), (100.00, 0.00, 0.00)),
    ((0, 0, 0), (0.00, 0.00, 0.00)),
    ((255, 0, 0), (53.24, 80.09, 67.20)),
    ((0, 255, 0), (87.73, -86.18, 83.18)),
    ((0, 0, 255), (32.30, 79.19, -107.86)),
    ((128, 128, 128), (53.59, 0.00, 0.00)),
]


@pytest.mark.parametrize(("rgb", "lab"), REFERENCE)
def test_rgb_to_lab_matches_published_values(rgb, lab):
    np.testing.assert_allclose(rgb_to_lab(np.array(rgb)), lab, atol=0.01)


@given(arrays(np.uint8, (50, 3)))
def test_lab_round_trip_gives_the_same_colours(rgb):
    np.testing.assert_array_equal(lab_to_rgb(rgb_to_lab(rgb)), rgb)


def test_delta_e_is_the_distance_in_lab():
    black, white = np.array([0, 0, 0]), np.array([255, 255, 255])
    assert delta_e(black, white) == pytest.approx(100)
    assert delta_e(white, white) == 0
    red, green = np.array([255, 0, 0]), np.array([0, 255, 0])
    expected = np.linalg.norm(
        np.subtract((53.24, 80.09, 67.20), (87.73, -86.18, 83.18))
    )
    assert delta_e(red, green) == pytest.approx(expected, abs=0.02)
