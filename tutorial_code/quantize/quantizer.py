"""Reduce an image to a palette of at most ``n_colors`` colours with k-means.

``quantize`` is shown on the page docs/colours/own_image.md; how it assigns
millions of pixels fast and exactly (``nearest_colours``,
``cell_candidates``, ``nearest_in_cells``, ``assign_pixels``) on
docs/colours_further/fast_exact.md. The loops over pixels are compiled by
Numba, once: the machine code is cached in ``__pycache__``.
"""

# --8<-- [start:nearest]
import numba
import numpy as np


@numba.njit(cache=True, nogil=True)
def nearest_colours(pixels: np.ndarray, palette: np.ndarray) -> np.ndarray:
    """Index of each pixel's nearest palette colour, by brute force.

    Squared distances of uint8 colours are whole numbers: exact. Entry j at
    distance d gets the key ``d * 256 + j``, and the smallest key wins: the
    nearest entry, and of equally near ones the lowest index. RGB or RGBA,
    in a plain loop that Numba compiles to machine code.
    """
    colours = np.ascontiguousarray(palette.T).astype(np.int32)  # by channel
    n_channels, n_entries = colours.shape
    entries = np.arange(n_entries).astype(np.int32)  # int32 like the keys
    distances = np.empty(n_entries, np.int32)
    indices = np.empty(len(pixels), np.uint8)
    for i in range(len(pixels)):
        distances[:] = 0
        for channel in range(n_channels):
            value = np.int32(pixels[i, channel])
            for j in range(n_entries):
                difference = value - colours[channel, j]
                distances[j] += difference * difference
        best = np.int32(2**30)  # above any key
        for j in range(n_entries):
            best = min(best, distances[j] * 256 + entries[j])
        indices[i] = best % 256
    return indices


# --8<-- [end:nearest]

# --8<-- [start:cells]
from typing import NamedTuple

CELL = 4  # the RGB cube cut into cells of 4 x 4 x 4 colours
PER_AXIS = 256 // CELL  # 64 cells along each axis, 64**3 in all


@numba.njit(cache=True, nogil=True)
def key(palette: np.ndarray, j: int, r: int, g: int, b: int) -> int:
    """Entry j's key at colour (r, g, b): squared distance * 256 + j."""
    dr = r - np.int32(palette[j, 0])
    dg = g - np.int32(palette[j, 1])
    db = b - np.int32(palette[j, 2])
    return (dr * dr + dg * dg + db * db) * 256 + j


@numba.njit(cache=True, nogil=True)
def split_cells(
    palette: np.ndarray, side: int, starts: np.ndarray, entries: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Cut every cell in eight cells of ``side`` colours; their candidates.

    Cell c's candidates are ``entries[starts[c] : starts[c + 1]]``, cells
    numbered (red, green, blue) in base 256 // side. A cell keeps those of
    its parent's candidates that no other candidate beats at all eight of
    its corners.
    """
    per_axis, half = 256 // side, 128 // side
    new_starts = np.zeros(per_axis**3 + 1, np.int32)
    new_entries = np.empty(8 * len(entries), np.uint8)  # at most the parent's
    keys = np.empty((len(palette), 8), np.int64)  # at the corners, per entry
    n = 0
    for r in range(per_axis):
        for g in range(per_axis):
            for b in range(per_axis):
                parent = ((r // 2) * half + g // 2) * half + b // 2
                found = entries[starts[parent] : starts[parent + 1]]
                if len(found) > 1:  # else nothing to test: it stays
                    corner_keys(palette, found, (r, g, b), side, keys)
                for x in range(len(found)):
                    if not beaten(keys, len(found), x):
                        new_entries[n] = found[x]
                        n += 1
                new_starts[(r * per_axis + g) * per_axis + b + 1] = n
    return new_starts, new_entries[:n].copy()


@numba.njit(cache=True, nogil=True)
def corner_keys(
    palette: np.ndarray,
    found: np.ndarray,
    cell: tuple[int, int, int],
    side: int,
    keys: np.ndarray,
) -> None:
    """Each candidate's key at the eight corners of a cell, into ``keys``."""
    r0, g0, b0 = cell[0] * side, cell[1] * side, cell[2] * side
    for x in range(len(found)):
        corner = 0
        for r in (r0, r0 + side - 1):
            for g in (g0, g0 + side - 1):
                for b in (b0, b0 + side - 1):
                    keys[x, corner] = key(palette, found[x], r, g, b)
                    corner += 1


@numba.njit(cache=True, nogil=True)
def beaten(keys: np.ndarray, n_found: int, x: int) -> bool:
    """Whether another candidate's key is below x's at all eight corners."""
    for y in range(n_found):
        if y != x:
            corners_below = 0
            for corner in range(8):
                corners_below += keys[y, corner] < keys[x, corner]
            if corners_below == 8:
                return True
    return False


class Cells(NamedTuple):
    """The candidates of every cell of CELL colours, numbered (red, green,
    blue) in base PER_AXIS: cell c's are ``entries[starts[c] : starts[c +
    1]]``. ``single`` and ``first`` say, one byte per cell, whether it has
    a single candidate and which is first: all that most pixels need."""

    starts: np.ndarray
    entries: np.ndarray
    single: np.ndarray
    first: np.ndarray


def cell_candidates(palette: np.ndarray) -> Cells:
    """The palette entries that can be nearest in each cell of CELL colours.

    Starting from the whole RGB cube, where every entry is a candidate,
    cells are cut in eight until they are CELL wide; each keeps only the
    candidates that ``split_cells`` cannot rule out.
    """
    starts = np.array([0, len(palette)], dtype=np.int32)
    entries = np.arange(len(palette), dtype=np.uint8)
    side = 256
    while side > CELL:
        side //= 2
        starts, entries = split_cells(palette, side, starts, entries)
    single = np.diff(starts) == 1
    return Cells(starts, entries, single, entries[starts[:-1]])


# --8<-- [end:cells]

# --8<-- [start:assign]
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor


@numba.njit(cache=True, nogil=True)
def nearest_in_cells(
    pixels: np.ndarray, palette: np.ndarray, cells: Cells
) -> np.ndarray:
    """Index of each RGB pixel's nearest palette colour, exactly.

    Each pixel is compared with its cell's candidates only, and a cell with
    a single candidate (most of them) needs no distance at all.
    """
    indices = np.empty(len(pixels), np.uint8)
    for i in range(len(pixels)):
        r = np.int32(pixels[i, 0])
        g = np.int32(pixels[i, 1])
        b = np.int32(pixels[i, 2])
        cell = ((r // CELL) * PER_AXIS + g // CELL) * PER_AXIS + b // CELL
        if cells.single[cell]:
            indices[i] = cells.first[cell]
            continue
        start, stop = cells.starts[cell], cells.starts[cell + 1]
        best = key(palette, cells.entries[start], r, g, b)
        for x in range(start + 1, stop):
            best = min(best, key(palette, cells.entries[x], r, g, b))
        indices[i] = best % 256
    return indices


def assign_pixels(
    pixels: np.ndarray,
    palette: np.ndarray,
    *,
    chunk_size: int = 2**18,
    threads: int = os.cpu_count() or 1,
    progress: Callable[[float], None] | None = None,
) -> np.ndarray:
    """Each pixel's nearest palette colour, exactly; ties to the lowest index.

    RGB pixels go through ``nearest_in_cells``; RGBA pixels (four channels:
    no cells) through ``nearest_colours``. ``chunk_size`` pixels go at a
    time, to ``threads`` threads side by side (the compiled loops let go of
    Python's lock), each taking the next chunk when it is done: no thread
    waits for another. ``progress``, if given, gets the fraction done after
    each chunk.
    """
    if pixels.dtype != np.uint8 or not 1 <= len(palette) <= 256:
        raise ValueError("needs uint8 pixels and 1 to 256 palette colours")
    indices = np.empty(len(pixels), dtype=np.uint8)
    cells = cell_candidates(palette) if pixels.shape[1] == 3 else None

    def assign(start: int) -> None:
        chunk = pixels[start : start + chunk_size]
        if cells is None:
            found = nearest_colours(chunk, palette)
        else:
            found = nearest_in_cells(chunk, palette, cells)
        indices[start : start + chunk_size] = found

    starts = range(0, len(pixels), chunk_size)
    with ThreadPoolExecutor(threads) as pool:
        for start, _ in zip(starts, pool.map(assign, starts), strict=True):
            if progress is not None:
                progress(min(start + chunk_size, len(pixels)) / len(pixels))
    return indices


# --8<-- [end:assign]

# --8<-- [start:quantize]
from functools import cache

from sklearn.cluster import KMeans
from threadpoolctl import ThreadpoolController


def fit_palette(
    colours: np.ndarray,
    counts: np.ndarray,
    n_colors: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """K-means centres of the distinct ``colours`` weighted by ``counts``.

    Five k-means++ starts on a random third of the colours choose where to
    start; one run on all of them refines that start. The lesson
    "Twelve million pixels, fast and exact" measures it against ten full
    runs.
    """
    colours = colours.astype(np.float32)
    third = rng.permutation(len(colours))[: max(n_colors, len(colours) // 3)]
    seed = int(rng.integers(2**31))
    start = KMeans(n_clusters=n_colors, n_init=5, random_state=seed)
    start.fit(colours[third], sample_weight=counts[third])
    kmeans = KMeans(n_clusters=n_colors, init=start.cluster_centers_, n_init=1)
    kmeans.fit(colours, sample_weight=counts)
    return kmeans.cluster_centers_.round().astype(np.uint8)


@cache
def thread_pools() -> ThreadpoolController:
    """The thread pools of NumPy's and scikit-learn's libraries, found once
    (finding them takes milliseconds)."""
    return ThreadpoolController()


def distinct_colours(pixels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct colours of ``pixels`` (sorted) and how often each occurs.

    ``np.unique(pixels, axis=0)`` gives the same, but sorting whole rows is
    slow: each colour becomes one number in base 256, and numbers sort fast.
    """
    weights = 256 ** np.arange(pixels.shape[1] - 1, -1, -1)
    codes, counts = np.unique(pixels @ weights, return_counts=True)
    colours = codes[:, None] // weights % 256
    return colours.astype(np.uint8), counts


def quantize(
    image: np.ndarray,
    n_colors: int,
    *,
    sample_size: int = 15_000,
    seed: int = 0,
    chunk_size: int = 2**18,
    progress: Callable[[float], None] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """A palette of at most ``n_colors`` colours and each pixel's index in it.

    ``image`` is a uint8 array of shape (height, width, channels): RGB, or
    RGBA, whose alpha is then clustered like a fourth colour channel.
    K-means learns the palette from ``sample_size`` random pixels, on one
    thread: its steps are small, and threads waiting for each other at
    every step can cost more than they save, most of all on a busy machine.
    Then ``assign_pixels`` gives every pixel the index of its nearest
    palette colour, ``chunk_size`` pixels at a time (``progress`` as there).

    Returns ``(palette, indices)``: uint8 arrays of shape (colours, channels)
    and (height, width). An image with fewer distinct colours than
    ``n_colors`` keeps exactly its own colours.
    """
    if not 2 <= n_colors <= 256:
        raise ValueError(f"n_colors must be 2 to 256, not {n_colors}")
    pixels = image.reshape(-1, image.shape[-1])
    rng = np.random.default_rng(seed)
    if len(pixels) > sample_size:
        sample = pixels[rng.choice(len(pixels), sample_size, replace=False)]
    else:
        sample = pixels
    # Fit on each distinct colour once, weighted by how often it occurs: the
    # same clustering as on the sample itself, and faster.
    colours, counts = distinct_colours(sample)
    if len(colours) < n_colors:  # the sample may have missed rare colours
        colours, counts = distinct_colours(pixels)
    with thread_pools().limit(limits=1):
        if len(colours) <= n_colors:  # nothing to reduce: one entry each
            palette = colours
        else:
            palette = fit_palette(colours, counts, n_colors, rng)
        indices = assign_pixels(
            pixels, palette, chunk_size=chunk_size, progress=progress
        )
    return palette, indices.reshape(image.shape[:-1])


# --8<-- [end:quantize]
