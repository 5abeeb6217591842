"""Going further 1: PSNR and file size rise with the number of colours."""

import numpy as np
from PIL import Image


def test_quality_and_size_rise_with_k(lesson):
    assert lesson["ks"] == [2, 4, 8, 16, 32, 64]
    for name in lesson["names"]:
        assert np.all(np.diff(lesson["quality_db"][name]) > 0)
        assert np.all(np.diff(lesson["bits_per_pixel"][name]) > 0)
        assert max(lesson["bits_per_pixel"][name]) < 8
    assert 25 < lesson["china_db"][3] < 30  # 16 colours, as in the lessons


def test_each_png_has_at_most_k_colours(lesson):
    for name in lesson["names"]:
        for k in lesson["ks"]:
            with Image.open(lesson["folder"] / f"{name}-{k}.png") as png:
                assert png.mode == "P"
                assert len(png.getcolors()) <= k
