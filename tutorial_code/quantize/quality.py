"""How close is an approximation to an image? Peak signal-to-noise ratio.

Part of the library behind ``kmeans-quantize`` (``measures`` uses it), and
shown on the page docs/colours/results.md, which teaches it.
"""

# --8<-- [start:psnr]
import numpy as np


def psnr(
    original: np.ndarray, approximation: np.ndarray, max_value: float = 255
) -> float:
    """Peak signal-to-noise ratio in dB: 10 log10(max_value² / MSE).

    MSE is the mean squared difference over all pixels and channels. Higher
    is better; identical images give infinity.
    """
    error = np.asarray(original, dtype=np.float64) - approximation
    return psnr_from_mse(float(np.mean(error**2)), max_value)


def psnr_from_mse(mse: float, max_value: float = 255) -> float:
    """The PSNR in dB of a mean squared error ``mse``."""
    if mse == 0:
        return float("inf")
    return float(10 * np.log10(max_value**2 / mse))


# --8<-- [end:psnr]
