"""The previous method of ``quantize``, kept so ``make bench`` measures both.

``tutorial_code.quantize.quantizer.quantize`` in its earlier version:
ten k-means runs on the sample's distinct colours, then every pixel
assigned by ``KMeans.predict`` (float32 distances to all palette colours),
a chunk at a time.
"""

from collections.abc import Callable

import numpy as np
from sklearn.cluster import KMeans


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
    K-means learns the palette from ``sample_size`` random pixels; then every
    pixel gets the index of its nearest palette colour, ``chunk_size`` pixels
    at a time, so memory stays small whatever the image size. ``progress``,
    if given, is called with the fraction of pixels assigned so far.

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
    colours, counts = np.unique(sample, axis=0, return_counts=True)
    if len(colours) < n_colors:  # the sample may have missed rare colours
        colours, counts = np.unique(pixels, axis=0, return_counts=True)
    colours = colours.astype(np.float32)
    if len(colours) <= n_colors:  # nothing to reduce: one cluster per colour
        kmeans = KMeans(n_clusters=len(colours), init=colours, n_init=1)
    else:
        kmeans = KMeans(n_clusters=n_colors, n_init=10, random_state=seed)
    kmeans.fit(colours, sample_weight=counts)
    palette = kmeans.cluster_centers_.round().astype(np.uint8)

    # Assign every pixel to its nearest palette colour. KMeans.predict does
    # that fast, on all cores, for the centres it holds: make those the
    # palette's exact (rounded) colours.
    kmeans.cluster_centers_ = palette.astype(np.float32)
    indices = np.empty(len(pixels), dtype=np.uint8)
    for start in range(0, len(pixels), chunk_size):
        chunk = pixels[start : start + chunk_size].astype(np.float32)
        indices[start : start + chunk_size] = kmeans.predict(chunk)
        if progress is not None:
            progress(min(start + chunk_size, len(pixels)) / len(pixels))
    return palette, indices.reshape(image.shape[:-1])
