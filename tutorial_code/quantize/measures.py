"""What the command reports: colours before, PSNR after, in little memory."""

import numpy as np

from tutorial_code.quantize.quality import psnr_from_mse

CHUNK_SIZE = 2**18  # pixels at a time


def _packed(pixels: np.ndarray) -> np.ndarray:
    """Each colour (RGB or RGBA, uint8) as one 32-bit number."""
    codes = np.zeros(len(pixels), dtype=np.uint32)
    for channel in pixels.T:
        codes = (codes << 8) | channel
    return codes


def count_colours(image: np.ndarray) -> int:
    """Number of distinct colours (RGB or RGBA) in an image."""
    pixels = image.reshape(-1, image.shape[-1])
    chunks = range(0, len(pixels), CHUNK_SIZE)
    if image.shape[-1] == 3:  # 2**24 possible colours: mark those seen
        seen = np.zeros(2**24, dtype=bool)
        for start in chunks:
            seen[_packed(pixels[start : start + CHUNK_SIZE])] = True
        return int(seen.sum())
    distinct = [np.unique(_packed(pixels[s : s + CHUNK_SIZE])) for s in chunks]
    return len(np.unique(np.concatenate(distinct)))


def indexed_psnr(
    image: np.ndarray, palette: np.ndarray, indices: np.ndarray
) -> float:
    """PSNR of ``palette[indices]`` against ``image``, a chunk at a time."""
    pixels = image.reshape(-1, image.shape[-1])
    flat = indices.ravel()
    squared_error = 0
    for start in range(0, len(pixels), CHUNK_SIZE):
        chunk = slice(start, start + CHUNK_SIZE)
        error = pixels[chunk].astype(np.int32) - palette[flat[chunk]]
        squared_error += int(np.sum(error**2))
    return psnr_from_mse(squared_error / pixels.size)
