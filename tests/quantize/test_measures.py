"""The command's colour count and PSNR equal the plain, memory-hungry ones."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from tutorial_code.quantize import measures
from tutorial_code.quantize.quality import psnr

images = st.integers(3, 4).flatmap(
    lambda channels: arrays(
        np.uint8,
        st.tuples(st.integers(1, 20), st.integers(1, 20), st.just(channels)),
        elements=st.integers(0, 3) | st.integers(0, 255),  # repeats too
    )
)


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    """Chunks of 7 pixels, so that images span several."""
    monkeypatch.setattr(measures, "CHUNK_SIZE", 7)


@settings(max_examples=50, deadline=None)
@given(image=images)
def test_count_colours_counts_distinct_pixels(image):
    pixels = image.reshape(-1, image.shape[-1])
    assert measures.count_colours(image) == len(np.unique(pixels, axis=0))


@settings(max_examples=50, deadline=None)
@given(image=images, data=st.data())
def test_indexed_psnr_is_the_psnr_of_the_image(image, data):
    palette = data.draw(arrays(np.uint8, (5, image.shape[-1])))
    indices = data.draw(
        arrays(np.uint8, image.shape[:-1], elements=st.integers(0, 4))
    )
    expected = psnr(image, palette[indices])
    assert measures.indexed_psnr(image, palette, indices) == pytest.approx(
        expected
    )
