"""quantize(): a palette of at most k colours, each pixel its nearest one."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from tutorial_code.quantize.quality import psnr
from tutorial_code.quantize.quantizer import quantize

from .images import PHOTO


def squared_distances(pixels: np.ndarray, palette: np.ndarray) -> np.ndarray:
    """Exact integer squared distance of every pixel to every colour."""
    difference = pixels[:, None, :].astype(np.int64) - palette[None, :, :]
    return (difference**2).sum(axis=-1)


images = st.integers(3, 4).flatmap(
    lambda channels: arrays(
        np.uint8,
        st.tuples(st.integers(1, 12), st.integers(1, 12), st.just(channels)),
    )
)


@settings(max_examples=60, deadline=None)
@given(
    image=images,
    n_colors=st.integers(2, 8),
    chunk_size=st.integers(1, 50),
    seed=st.integers(0, 2**32 - 1),
)
def test_each_pixel_gets_its_nearest_palette_colour(
    image, n_colors, chunk_size, seed
):
    palette, indices = quantize(
        image, n_colors, sample_size=40, seed=seed, chunk_size=chunk_size
    )
    assert palette.dtype == indices.dtype == np.uint8
    assert palette.shape[1] == image.shape[-1]
    assert indices.shape == image.shape[:-1]
    assert 1 <= len(palette) <= n_colors
    distances = squared_distances(image.reshape(-1, image.shape[-1]), palette)
    chosen = distances[np.arange(len(distances)), indices.ravel()]
    np.testing.assert_array_equal(chosen, distances.min(axis=1))


def test_an_image_with_few_colours_keeps_them_exactly():
    colours = np.array([[255, 0, 0], [0, 255, 0], [0, 0, 255]], np.uint8)
    image = colours[np.random.default_rng(0).integers(0, 3, size=(30, 40))]
    palette, indices = quantize(image, 16)
    assert len(palette) == 3
    np.testing.assert_array_equal(palette[indices], image)


def test_rare_colours_the_sample_missed_are_kept():
    image = np.zeros((100, 100, 3), dtype=np.uint8)
    image[0, 0] = [255, 255, 255]  # two pixels in ten thousand
    image[99, 99] = [255, 0, 0]
    palette, indices = quantize(image, 4, sample_size=50)
    assert len(palette) == 3
    np.testing.assert_array_equal(palette[indices], image)


def test_the_result_depends_on_the_seed_not_on_the_chunks():
    first = quantize(PHOTO, 8, seed=1, chunk_size=1000)
    second = quantize(PHOTO, 8, seed=1, chunk_size=7)
    for a, b in zip(first, second, strict=True):
        np.testing.assert_array_equal(a, b)


def test_progress_rises_to_one():
    seen = []
    quantize(PHOTO, 8, chunk_size=500, progress=seen.append)
    assert len(seen) == -(-PHOTO.shape[0] * PHOTO.shape[1] // 500)
    assert seen == sorted(seen)
    assert seen[-1] == 1


def test_16_colours_are_close_to_the_photo():
    palette, indices = quantize(PHOTO, 16)
    assert 25 < psnr(PHOTO, palette[indices]) < 45


@pytest.mark.parametrize("n_colors", [-1, 0, 1, 257])
def test_a_palette_size_out_of_range_is_refused(n_colors):
    with pytest.raises(ValueError, match="2 to 256"):
        quantize(PHOTO, n_colors)
