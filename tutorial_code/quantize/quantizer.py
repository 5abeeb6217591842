"""Reduce an image to a palette of at most ``n_colors`` colours with k-means.

``quantize`` is shown on the page docs/colours/own_image.md; how it assigns
millions of pixels fast and exactly (``nearest_colours``, ``colour_table``,
``assign_pixels``) on docs/colours_further/fast_exact.md.
"""

# --8<-- [start:nearest]
import numpy as np


def nearest_colours(pixels: np.ndarray, palette: np.ndarray) -> np.ndarray:
    """Index of each pixel's nearest palette colour, by brute force.

    For uint8 colours, ``|c|² - 2 p·c`` (the squared distance minus ``|p|²``,
    the same for every colour of a pixel) is an integer far below 2**24,
    which float32 holds exactly: the nearest colour is exact and ``argmin``
    breaks ties to the lowest index. Pixels go in blocks, so that the
    distance matrix stays about 4 MB.
    """
    colours = palette.astype(np.float32)
    squared_norms = (colours**2).sum(axis=1)
    indices = np.empty(len(pixels), dtype=np.intp)
    block = max(1, 2**20 // len(palette))
    for start in range(0, len(pixels), block):
        rows = pixels[start : start + block].astype(np.float32)
        distances = rows @ (-2 * colours.T) + squared_norms
        indices[start : start + block] = distances.argmin(axis=1)
    return indices


# --8<-- [end:nearest]

# --8<-- [start:table]
CELL = 8  # the colour cube cut into cells of 8 x 8 x 8 colours
UNDECIDED = 255  # in the table: "compute this colour exactly"


def colour_table(palette: np.ndarray) -> np.ndarray:
    """A palette index for each of the 2**24 RGB colours, or ``UNDECIDED``.

    The colours nearest to one palette entry form a convex region, so a
    cell whose eight corners all have the same nearest entry lies wholly in
    its region: every colour of the cell gets that entry. Cells whose
    corners disagree are ``UNDECIDED``. Entry ``r * 65536 + g * 256 + b``
    is colour (r, g, b); uint8, 16 MB.
    """
    corners = np.arange(0, 257, CELL)  # cell i spans corners i and i + 1
    grid = np.stack(np.meshgrid(corners, corners, corners, indexing="ij"), -1)
    nearest = nearest_colours(grid.reshape(-1, 3), palette)
    nearest = nearest.reshape(grid.shape[:3])
    n = len(corners) - 1  # cells along each axis
    first = nearest[:n, :n, :n]  # each cell's lowest corner
    agree = np.ones(first.shape, dtype=bool)
    for dr in (0, 1):
        for dg in (0, 1):
            for db in (0, 1):
                corner = nearest[dr : dr + n, dg : dg + n, db : db + n]
                agree &= corner == first
    cells = np.where(agree, first, UNDECIDED)
    # Every colour of a cell gets the cell's entry, written in place: the
    # table seen as (red cell, red in cell, green cell, ..., blue in cell).
    table = np.empty((n, CELL) * 3, dtype=np.uint8)
    table[...] = cells[:, None, :, None, :, None]
    return table.reshape(-1)


def colour_codes(pixels: np.ndarray) -> np.ndarray:
    """Each RGB pixel's position in the table: r * 65536 + g * 256 + b.

    A pixel's three bytes, followed by the next pixel's red, read as one
    big-endian 32-bit number are r * 2**24 + g * 2**16 + b * 2**8 + (the next
    red); shifting out the last byte leaves the code. One pass over the
    bytes, in uint32, instead of a pass and a copy per channel.
    """
    padded = np.empty(3 * len(pixels) + 1, dtype=np.uint8)
    padded[:-1] = pixels.reshape(-1)  # a last byte for the last pixel
    words = np.ndarray(len(pixels), dtype=">u4", buffer=padded, strides=(3,))
    return words >> 8


# --8<-- [end:table]

# --8<-- [start:assign]
from collections.abc import Callable


def assign_pixels(
    pixels: np.ndarray,
    palette: np.ndarray,
    *,
    chunk_size: int = 2**16,
    progress: Callable[[float], None] | None = None,
) -> np.ndarray:
    """Each pixel's nearest palette colour, exactly; ties to the lowest index.

    RGB pixels are looked up in ``colour_table``; a colour it leaves
    undecided is computed exactly, then written into the table for the next
    chunks. RGBA pixels (2**32 colours, too many for a
    table) are all computed. ``chunk_size`` pixels go at a time, so memory
    stays small; ``progress``, if given, gets the fraction done after each.
    """
    indices = np.empty(len(pixels), dtype=np.uint8)
    table = colour_table(palette) if pixels.shape[1] == 3 else None
    for start in range(0, len(pixels), chunk_size):
        chunk = pixels[start : start + chunk_size]
        found = indices[start : start + chunk_size]  # written in place
        if table is None:
            found[:] = nearest_colours(chunk, palette)
        else:
            codes = colour_codes(chunk)
            np.take(table, codes, out=found)
            undecided = np.flatnonzero(found == UNDECIDED)
            found[undecided] = nearest_colours(chunk[undecided], palette)
            table[codes[undecided]] = found[undecided]
        if progress is not None:
            progress(min(start + chunk_size, len(pixels)) / len(pixels))
    return indices


# --8<-- [end:assign]

# --8<-- [start:quantize]
from sklearn.cluster import KMeans
from threadpoolctl import threadpool_limits


def fit_palette(
    colours: np.ndarray,
    counts: np.ndarray,
    n_colors: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """K-means centres of the distinct ``colours`` weighted by ``counts``.

    Five k-means++ starts on a random third of the colours choose where to
    start; one run on all of them refines that start. The page
    docs/colours_further/fast_exact.md measures it against ten full runs.
    """
    colours = colours.astype(np.float32)
    third = rng.permutation(len(colours))[: max(n_colors, len(colours) // 3)]
    seed = int(rng.integers(2**31))
    start = KMeans(n_clusters=n_colors, n_init=5, random_state=seed)
    start.fit(colours[third], sample_weight=counts[third])
    kmeans = KMeans(n_clusters=n_colors, init=start.cluster_centers_, n_init=1)
    kmeans.fit(colours, sample_weight=counts)
    return kmeans.cluster_centers_.round().astype(np.uint8)


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
    chunk_size: int = 2**16,
    progress: Callable[[float], None] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """A palette of at most ``n_colors`` colours and each pixel's index in it.

    ``image`` is a uint8 array of shape (height, width, channels): RGB, or
    RGBA, whose alpha is then clustered like a fourth colour channel.
    K-means learns the palette from ``sample_size`` random pixels; then
    ``assign_pixels`` gives every pixel the index of its nearest palette
    colour, ``chunk_size`` pixels at a time (``progress`` as there). All on
    one thread: the pieces of work are small, and threads waiting for each
    other can cost more than they save, most of all on a busy machine.

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
    with threadpool_limits(1):
        if len(colours) <= n_colors:  # nothing to reduce: one entry each
            palette = colours
        else:
            palette = fit_palette(colours, counts, n_colors, rng)
        indices = assign_pixels(
            pixels, palette, chunk_size=chunk_size, progress=progress
        )
    return palette, indices.reshape(image.shape[:-1])


# --8<-- [end:quantize]
