"""assign_pixels(): every pixel gets exactly its nearest palette colour.

The reference is brute force in int64: the squared distance of every pixel
to every palette colour, the first minimum (ties go to the lowest index).
"""

import matplotlib
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from PIL import Image
from sklearn.datasets import load_sample_image

from tutorial_code.quantize.quantizer import (
    CELL,
    PER_AXIS,
    assign_pixels,
    cell_candidates,
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


def cell_of(colours: np.ndarray) -> np.ndarray:
    """Each colour's cell number: (red, green, blue) cell in base PER_AXIS."""
    r, g, b = (colours.astype(np.intp) // CELL).T
    return (r * PER_AXIS + g) * PER_AXIS + b


def hopper() -> np.ndarray:
    """Matplotlib's sample photograph of Grace Hopper."""
    path = matplotlib.get_data_path() + "/sample_data/grace_hopper.jpg"
    with Image.open(path) as image:
        return np.asarray(image.convert("RGB"))


@pytest.mark.parametrize("name", ["china.jpg", "flower.jpg", "hopper"])
def test_real_photos_get_the_brute_force_answer(name):
    photo = hopper() if name == "hopper" else load_sample_image(name)
    for n_colours in (16, 64):
        palette, indices = quantize(photo, n_colours)
        pixels = photo.reshape(-1, 3)
        np.testing.assert_array_equal(
            indices.ravel(), brute_force(pixels, palette)
        )


@pytest.mark.parametrize("n_colours", [1, 2, 16, 255, 256])
def test_every_colour_of_a_32_level_cube(n_colours):
    """All 2**15 colours 0, 8, ..., 248: corners of cells of every size."""
    colours = every_colour(np.arange(0, 256, 8))
    assert_exact(colours, random_palette(n_colours, seed=n_colours))


def test_every_colour_of_a_small_cube_with_the_palette_around_it():
    """All 40**3 colours from 100 to 139, ten palette entries among them."""
    colours = every_colour(np.arange(100, 140))
    rng = np.random.default_rng(7)
    near = rng.integers(95, 145, size=(10, 3), dtype=np.uint8)
    palette = np.concatenate([random_palette(6, seed=7), near])
    assert_exact(colours, palette)


def test_both_sides_of_every_cell_wall():
    """Colours CELL * i - 1 and CELL * i, on either side of each wall."""
    walls = np.arange(CELL, 256, CELL)
    levels = np.sort(np.r_[0, walls - 1, walls, 255])
    colours = every_colour(levels)
    assert_exact(colours, random_palette(16, seed=0))
    slab = colours[: len(colours) // 8]
    for seed in (1, 2):  # a slab of it for two more palettes
        assert_exact(slab, random_palette(16, seed=seed))


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


def test_ties_on_a_boundary_through_cell_corners():
    """Entries mirrored across the plane red = 4 * 30: it is a cell wall's
    corner plane, so the tie is at the very corners the cells are judged by.
    The higher index comes first in space, the lower one wins the tie."""
    palette = np.array([[124, 90, 90], [116, 90, 90]], dtype=np.uint8)
    plane = every_colour(np.arange(0, 256, 2))
    plane[:, 0] = 120
    np.testing.assert_array_equal(assign_pixels(plane, palette), 0)
    assert_exact(every_colour(np.arange(100, 140, 1)[::3]), palette)


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


def nearest_for_every_colour(palette: np.ndarray) -> np.ndarray:
    """Brute force for all 2**24 colours, in code order (r * 65536 + ...).

    A squared distance is a sum of one term per channel, so the terms are
    tabulated per channel value and added: int32, exact, a slab at a time.
    """
    levels = np.arange(256)[:, None, None]
    terms = (levels - palette.astype(np.int32)[None]) ** 2  # (256, entry, 3)
    nearest = np.empty(2**24, dtype=np.intp)
    for red in range(256):
        distances = (
            terms[red, None, None, :, 0]
            + terms[:, None, :, 1]
            + terms[None, :, :, 2]
        )
        slab = slice(red * 65536, (red + 1) * 65536)
        nearest[slab] = distances.argmin(axis=-1).reshape(-1)
    return nearest


def test_every_one_of_the_2_to_the_24_colours():
    """Every RGB colour, against brute force; and each colour's nearest
    entry is among its cell's candidates. Random entries, a repeated one,
    and pairs mirrored across cell walls (ties on the corners)."""
    palette = random_palette(16, seed=5)
    palette[1] = palette[0]
    palette[2:4] = [[124, 90, 90], [116, 90, 90]]
    palette[4:6] = [[40, 47, 200], [40, 49, 200]]
    colours = every_colour(np.arange(256))
    expected = nearest_for_every_colour(palette)
    np.testing.assert_array_equal(assign_pixels(colours, palette), expected)
    cells = cell_candidates(palette)
    counts = np.diff(cells.starts)
    listed = np.zeros((PER_AXIS**3, len(palette)), dtype=bool)
    listed[np.repeat(np.arange(PER_AXIS**3), counts), cells.entries] = True
    assert listed[cell_of(colours), expected].all()


def test_the_candidate_lists_are_short_and_in_index_order():
    cells = cell_candidates(random_palette(16, seed=3))
    counts = np.diff(cells.starts)
    assert len(cells.starts) == PER_AXIS**3 + 1
    assert counts.min() >= 1
    assert 0.5 < np.mean(counts == 1) < 1, "most cells are decided"
    np.testing.assert_array_equal(cells.single, counts == 1)
    np.testing.assert_array_equal(
        cells.first, cells.entries[cells.starts[:-1]]
    )
    for cell in np.flatnonzero(counts > 1)[:500]:
        candidates = cells.entries[cells.starts[cell] : cells.starts[cell + 1]]
        assert np.all(np.diff(candidates.astype(int)) > 0)


@pytest.mark.parametrize("threads", [1, 2, 5])
def test_threads_share_the_chunks_and_report_progress_in_order(threads):
    photo = load_sample_image("flower.jpg").reshape(-1, 3)
    palette = random_palette(32, seed=9)
    seen = []
    indices = assign_pixels(
        photo,
        palette,
        chunk_size=10_000,
        threads=threads,
        progress=seen.append,
    )
    np.testing.assert_array_equal(indices, brute_force(photo, palette))
    assert len(seen) == -(-len(photo) // 10_000)
    assert seen == sorted(seen)
    assert seen[-1] == 1


def test_nearest_colours_is_exact_at_the_largest_distances():
    palette = np.array([[0, 0, 0], [255, 255, 255], [255, 255, 254]])
    pixels = np.array([[255, 255, 255], [0, 0, 0], [255, 255, 254]])
    np.testing.assert_array_equal(nearest_colours(pixels, palette), [1, 0, 2])


@pytest.mark.parametrize(
    ("pixels", "palette"),
    [
        (np.zeros((4, 3), np.int64), random_palette(4)),
        (np.zeros((4, 3), np.uint8), random_palette(0)),
        (np.zeros((4, 3), np.uint8), random_palette(257)),
    ],
)
def test_what_the_compiled_loops_cannot_take_is_refused(pixels, palette):
    with pytest.raises(ValueError, match="uint8 pixels"):
        assign_pixels(pixels, palette)


@settings(max_examples=40, deadline=None)
@given(
    pixels=st.integers(3, 4).flatmap(
        lambda channels: arrays(
            np.uint8, st.tuples(st.integers(1, 300), st.just(channels))
        )
    ),
    n_colours=st.integers(1, 256),
    chunk_size=st.integers(1, 400),
    threads=st.integers(1, 3),
    data=st.data(),
)
def test_any_pixels_any_palette(pixels, n_colours, chunk_size, threads, data):
    channels = pixels.shape[1]
    palette = data.draw(
        arrays(np.uint8, (n_colours, channels)), label="palette"
    )
    assert_exact(pixels, palette, chunk_size=chunk_size, threads=threads)


# Few values, so that palettes repeat entries and pixels sit on boundaries:
# halfway between two values of the set, and on cell walls (3 | 4, 7 | 8).
FEW_VALUES = st.sampled_from([0, 3, 4, 5, 7, 8, 11, 12, 124, 128, 252, 255])
TIED_PALETTES = arrays(
    np.uint8, st.tuples(st.integers(1, 24), st.just(3)), elements=FEW_VALUES
)


@settings(max_examples=60, deadline=None)
@given(
    pixels=arrays(np.uint8, st.tuples(st.integers(1, 200), st.just(3))),
    palette=TIED_PALETTES,
)
def test_palettes_full_of_ties(pixels, palette):
    assert_exact(pixels, palette)
    every_pair = every_colour(np.array([0, 2, 4, 6, 8, 10, 64, 126, 190, 254]))
    assert_exact(every_pair, palette)
