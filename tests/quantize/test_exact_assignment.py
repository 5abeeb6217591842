"""assign_pixels(): every pixel gets exactly its nearest palette colour.

The reference is brute force in int64: the squared distance of every pixel
to every palette colour, the first minimum (ties go to the lowest index).
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.datasets import load_sample_image

from tutorial_code.quantize.quantizer import (
    CELL,
    UNDECIDED,
    assign_pixels,
    colour_codes,
    colour_table,
    nearest_colours,
    quantize,
)


def brute_force(pixels: np.ndarray, palette: np.ndarray) -> np.ndarray:
    """Index of the first nearest palette colour, in exact integers."""
    found = np.empty(len(pixels), dtype=np.intp)
    colours = palette.astype(np.int64)
    for start in range(0, len(pixels), 2**14):
        chunk = pixels[start : start + 2**14].astype(np.int64)
        distances = ((chunk[:, None, :] - colours[None]) ** 2).sum(axis=-1)
        found[start : start + 2**14] = distances.argmin(axis=1)
    return found


def assert_exact(pixels: np.ndarray, palette: np.ndarray, **options) -> None:
    indices = assign_pixels(pixels, palette, **options)
    assert indices.dtype == np.uint8
    np.testing.assert_array_equal(indices, brute_force(pixels, palette))


def random_palette(n: int, channels: int = 3, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.integers(0, 256, size=(n, channels), dtype=np.uint8)


def every_colour(levels: np.ndarray) -> np.ndarray:
    """Every RGB colour whose channels all take values from ``levels``."""
    grid = np.meshgrid(levels, levels, levels, indexing="ij")
    return np.stack(grid, axis=-1).reshape(-1, 3).astype(np.uint8)


@pytest.mark.parametrize("name", ["china.jpg", "flower.jpg"])
def test_real_photos_get_the_brute_force_answer(name):
    photo = load_sample_image(name)
    palette, indices = quantize(photo, 16)
    pixels = photo.reshape(-1, 3)
    np.testing.assert_array_equal(
        indices.ravel(), brute_force(pixels, palette)
    )


@pytest.mark.parametrize("n_colours", [2, 16, 255, 256])
def test_every_colour_of_a_32_level_cube(n_colours):
    """All 2**15 colours 0, 8, ..., 248: the corners of every cell."""
    colours = every_colour(np.arange(0, 256, 8))
    assert_exact(colours, random_palette(n_colours, seed=n_colours))


def test_both_sides_of_every_cell_boundary():
    """Colours 8i - 1 and 8i, on either side of each cell wall."""
    levels = np.sort(np.r_[np.arange(0, 256, 8), np.arange(7, 256, 8)])
    colours = every_colour(levels)
    for seed in range(3):
        assert_exact(colours, random_palette(16, seed=seed))


def test_ties_on_voronoi_boundaries_go_to_the_lowest_index():
    # Entries 0 and 1 are equidistant from every colour with red = 105,
    # entries 2 and 3 are the same colour: their region goes to 2.
    palette = np.array(
        [[110, 40, 60], [100, 40, 60], [30, 200, 90], [30, 200, 90]],
        dtype=np.uint8,
    )
    rest = every_colour(np.arange(0, 256, 5))
    plane = every_colour(np.arange(0, 256, 3))
    plane[:, 0] = 105
    pixels = np.concatenate([rest, plane])
    assert_exact(pixels, palette)
    on_plane = assign_pixels(plane, palette)
    assert np.any(on_plane == 0)
    assert not np.any(on_plane == 1)
    assert not np.any(assign_pixels(pixels, palette) == 3)


def test_a_palette_of_one_colour_repeated_always_answers_zero():
    palette = np.full((5, 3), 77, dtype=np.uint8)
    pixels = every_colour(np.arange(0, 256, 15))
    np.testing.assert_array_equal(assign_pixels(pixels, palette), 0)


def test_rgba_pixels_are_exact_too():
    rng = np.random.default_rng(1)
    pixels = rng.integers(0, 256, size=(20_000, 4), dtype=np.uint8)
    pixels[:5000, 3] = 0  # fully transparent
    pixels[5000:10000, 3] = 255  # opaque
    palette = random_palette(16, channels=4, seed=2)
    palette[1] = palette[0]  # a tie everywhere between entries 0 and 1
    assert_exact(pixels, palette, chunk_size=3000)


def test_decided_cells_of_the_table_are_right_for_every_colour_in_them():
    palette = random_palette(16, seed=5)
    table = colour_table(palette)
    cells = table.reshape(32, CELL, 32, CELL, 32, CELL)
    first = cells[:, :1, :, :1, :, :1]
    assert np.all(cells == first), "a cell is decided or not, as a whole"
    # Every colour of 64 random cells, decided or not.
    rng = np.random.default_rng(0)
    corners = rng.integers(0, 32, size=(64, 3)) * CELL
    offsets = every_colour(np.arange(CELL))
    colours = (corners[:, None, :] + offsets[None]).reshape(-1, 3)
    colours = colours.astype(np.uint8)
    expected = brute_force(colours, palette)
    looked_up = table[colour_codes(colours)]
    decided = looked_up != UNDECIDED
    assert decided.any()
    assert not decided.all()
    np.testing.assert_array_equal(looked_up[decided], expected[decided])


def test_most_of_the_colour_cube_is_decided_by_the_cells():
    table = colour_table(random_palette(16, seed=3))
    assert 0.5 < np.mean(table != UNDECIDED) < 1


def test_colour_codes_are_red_green_blue_in_base_256():
    pixels = np.array([[0, 0, 0], [1, 2, 3], [255, 255, 255]], np.uint8)
    np.testing.assert_array_equal(
        colour_codes(pixels), [0, 65536 + 2 * 256 + 3, 2**24 - 1]
    )


def test_colour_codes_of_any_layout_and_the_last_pixel():
    """Codes read each pixel's bytes: a lone pixel, a column, every other."""
    rng = np.random.default_rng(4)
    image = rng.integers(0, 256, size=(30, 20, 3), dtype=np.uint8)
    for pixels in (image[0, :1], image[:, 3], image[::2, 1::3].reshape(-1, 3)):
        expected = (pixels.astype(np.int64) * [65536, 256, 1]).sum(axis=1)
        np.testing.assert_array_equal(colour_codes(pixels), expected)


def test_nearest_colours_is_exact_on_float32():
    """The largest distances in float32 are still exact integers."""
    palette = np.array([[0, 0, 0], [255, 255, 255], [255, 255, 254]])
    pixels = np.array([[255, 255, 255], [0, 0, 0], [255, 255, 254]])
    np.testing.assert_array_equal(nearest_colours(pixels, palette), [1, 0, 2])


@settings(max_examples=40, deadline=None)
@given(
    pixels=st.integers(3, 4).flatmap(
        lambda channels: arrays(
            np.uint8, st.tuples(st.integers(1, 300), st.just(channels))
        )
    ),
    n_colours=st.integers(1, 256),
    chunk_size=st.integers(1, 400),
    data=st.data(),
)
def test_any_pixels_any_palette(pixels, n_colours, chunk_size, data):
    channels = pixels.shape[1]
    palette = data.draw(
        arrays(np.uint8, (n_colours, channels)), label="palette"
    )
    assert_exact(pixels, palette, chunk_size=chunk_size)
