"""The PSNR function of tutorial_code/quantize/quality.py."""

import math

import numpy as np
import pytest

from tutorial_code.quantize.quality import psnr


def test_identical_images_have_infinite_psnr():
    image = np.random.default_rng(0).integers(
        0, 256, (4, 5, 3), dtype=np.uint8
    )
    assert psnr(image, image.copy()) == math.inf


def test_a_uniform_error_gives_the_formula_value():
    image = np.full((4, 5, 3), 100, dtype=np.uint8)
    assert psnr(image, image + 5) == pytest.approx(
        10 * math.log10(255**2 / 25)
    )


def test_uint8_differences_do_not_wrap_around():
    darker, lighter = np.zeros(3, np.uint8), np.full(3, 10, np.uint8)
    expected = 10 * math.log10(255**2 / 100)
    assert psnr(darker, lighter) == pytest.approx(expected)
    assert psnr(lighter, darker) == pytest.approx(expected)


def test_other_value_ranges():
    image = np.zeros((2, 2))
    assert psnr(image, image + 0.1, max_value=1) == pytest.approx(20)
