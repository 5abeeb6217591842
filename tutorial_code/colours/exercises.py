"""Exercises: Colours. Each has starter code and a solution.

Page: docs/colours/exercises.md. The starter code runs as given (its check
says "not answered yet"); each solution passes its check.
"""

# --8<-- [start:float_pixels_bytes_start]
from sklearn.datasets import load_sample_image

from tutorial_code.exercise_checks.colours import float_pixels_bytes

china = load_sample_image("china.jpg")
print(f"china: {china.shape}, {china.dtype}, {china.nbytes:,} bytes")
# Your prediction: how many bytes will china.reshape(-1, 3) / 255 take?
predicted_bytes = ____
float_pixels_bytes.check(predicted_bytes)
# --8<-- [end:float_pixels_bytes_start]

# --8<-- [start:float_pixels_bytes_solution]
import numpy as np
from sklearn.datasets import load_sample_image

from tutorial_code.exercise_checks.colours import float_pixels_bytes

china = load_sample_image("china.jpg")
flat = china.reshape(-1, 3)
pixels = flat / 255
flat_is_a_view = np.shares_memory(flat, china)
china_bytes, flat_bytes, pixels_bytes = (
    china.nbytes,
    flat.nbytes,
    pixels.nbytes,
)
print(f"china.reshape(-1, 3): {flat.dtype}, {flat_bytes:,} bytes")
print(f"  shares china's memory: {flat_is_a_view}")
print(f"china.reshape(-1, 3) / 255: {pixels.dtype}, {pixels_bytes:,} bytes")
print(f"  {pixels.itemsize} bytes per number instead of {china.itemsize}")
float_pixels_bytes.check(pixels.nbytes)
# --8<-- [end:float_pixels_bytes_solution]

# --8<-- [start:pixels_and_back_start]
from tutorial_code.exercise_checks.colours import pixels_and_back


def to_pixels(image):
    """An image (height, width, 3) as pixels: one row per pixel, in
    reading order, and one column per channel (red, green, blue)."""
    return ____


def to_image(pixels, height, width):
    """The pixels of to_pixels, back as an image (height, width, 3)."""
    return ____


pixels_and_back.check((to_pixels, to_image))
# --8<-- [end:pixels_and_back_start]

# --8<-- [start:pixels_and_back_solution]
import numpy as np
from sklearn.datasets import load_sample_image

from tutorial_code.exercise_checks.colours import pixels_and_back


def to_pixels(image):
    """An image (height, width, 3) as pixels: one row per pixel, in
    reading order, and one column per channel (red, green, blue)."""
    return image.reshape(-1, 3)


def to_image(pixels, height, width):
    """The pixels of to_pixels, back as an image (height, width, 3)."""
    return pixels.reshape(height, width, 3)


china = load_sample_image("china.jpg")
height, width, _ = china.shape
round_trip_exact = np.array_equal(
    to_image(to_pixels(china), height, width), china
)
# The classic slip: width and height swapped. reshape only checks that
# the number of values fits, so it does not complain.
swapped = to_pixels(china).reshape(width, height, 3)
print(
    f"pixels: {to_pixels(china).shape}; back: same image: {round_trip_exact}"
)
print(f"reshape(width, height, 3) runs too, and gives {swapped.shape}")
pixels_and_back.check((to_pixels, to_image))
# --8<-- [end:pixels_and_back_solution]

# --8<-- [start:honest_compression_start]
import math

from tutorial_code.exercise_checks.colours import honest_compression


def compression_factor(n_pixels, k):
    """How many times smaller an RGB image of n_pixels pixels gets when
    each pixel keeps only the index of its colour in a palette of k
    colours, the indices packed tightly, plus the palette itself."""
    raw_bytes = ____  # before: red, green and blue, 1 byte each, per pixel
    bits = ____  # the bits one index takes: enough to number k colours
    packed_bytes = ____  # all the indices, in whole bytes, plus the palette
    return raw_bytes / packed_bytes


honest_compression.check(compression_factor)
# --8<-- [end:honest_compression_start]

# --8<-- [start:honest_compression_solution]
import math

from sklearn.datasets import load_sample_image

from tutorial_code.exercise_checks.colours import honest_compression


def compression_factor(n_pixels, k):
    """How many times smaller an RGB image of n_pixels pixels gets when
    each pixel keeps only the index of its colour in a palette of k
    colours, the indices packed tightly, plus the palette itself."""
    raw_bytes = 3 * n_pixels
    bits = math.ceil(math.log2(k))
    packed_bytes = math.ceil(n_pixels * bits / 8) + 3 * k
    return raw_bytes / packed_bytes


height, width, _ = load_sample_image("china.jpg").shape
n_pixels = height * width
book_factor = 256**3 / 16  # colours a pixel may take, before over after
factors = {k: compression_factor(n_pixels, k) for k in [2, 16, 256]}
tiny_factor = compression_factor(10 * 10, 100)  # 10 x 10 pixels, 100 colours
print(f"the book's 'compression factor': 256**3 / 16 = {book_factor:,.0f}")
for k, factor in factors.items():
    print(f"china.jpg, {k:>3} colours: {factor:5.2f} times smaller")
print(f"10 x 10 pixels, 100 colours: {tiny_factor:.2f}")
honest_compression.check(compression_factor)
# --8<-- [end:honest_compression_solution]

# --8<-- [start:recolour_with_palette_start]
import numpy as np

from tutorial_code.exercise_checks.colours import recolour_with_palette


def recolour(image, palette):
    """Each pixel of image (height, width, 3) replaced by the nearest
    colour of palette (k, 3); both are uint8, 0 to 255."""
    pixels = image.reshape(-1, 3)
    gaps = ____  # (n_pixels, k, 3): each pixel minus each palette colour
    distances = ____  # (n_pixels, k): squared distance to each colour
    labels = ____  # (n_pixels,): the index of each pixel's nearest colour
    return ____  # the image, every pixel in its palette colour


recolour_with_palette.check(recolour)
# --8<-- [end:recolour_with_palette_start]

# --8<-- [start:recolour_with_palette_solution]
import matplotlib.pyplot as plt
import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import load_sample_image

from tutorial_code.exercise_checks.colours import recolour_with_palette
from tutorial_code.quantize.quality import psnr


def recolour(image, palette):
    """Each pixel of image (height, width, 3) replaced by the nearest
    colour of palette (k, 3); both are uint8, 0 to 255."""
    pixels = image.reshape(-1, 3).astype(float)  # uint8 would wrap around
    gaps = pixels[:, None, :] - palette[None, :, :]
    distances = (gaps**2).sum(axis=2)
    labels = distances.argmin(axis=1)
    return palette[labels].reshape(image.shape)


recolour_with_palette.check(recolour)

china = load_sample_image("china.jpg")
# A palette chosen without looking at the photo: the 8 corners of the
# colour cube (black, the primaries, their mixes, white) ...
corners = np.array(
    [[r, g, b] for r in (0, 255) for g in (0, 255) for b in (0, 255)],
    dtype=np.uint8,
)
# ... and 8 colours k-means learnt from 10,000 of the photo's pixels.
pixels = china.reshape(-1, 3) / 255
rng = np.random.default_rng(0)
sample = pixels[rng.choice(len(pixels), size=10_000, replace=False)]
centres = KMeans(n_clusters=8, n_init=1, random_state=0).fit(sample)
learnt = (centres.cluster_centers_ * 255).round().astype(np.uint8)
by_corners, by_kmeans = recolour(china, corners), recolour(china, learnt)
corners_db, learnt_db = psnr(china, by_corners), psnr(china, by_kmeans)
learnt_higher = learnt_db > corners_db
print(f"PSNR, the cube's 8 corners: {corners_db:.2f} dB")
print(f"PSNR, k-means' 8 colours:   {learnt_db:.2f} dB")

fig, axes = plt.subplots(1, 2, figsize=(10, 3.7))
for ax, image, title in zip(
    axes,
    [by_corners, by_kmeans],
    ["the cube's 8 corners", "k-means' 8 colours"],
):
    ax.imshow(image)
    ax.set_title(title, fontsize=13)
    ax.set_axis_off()
fig.tight_layout()
plt.show()
# --8<-- [end:recolour_with_palette_solution]

# --8<-- [start:psnr_against_k_start]
import numpy as np

from tutorial_code.exercise_checks.colours import psnr_against_k


def quantized_psnr(image, labels, palette):
    """The PSNR of image (uint8) against its quantized version, where pixel
    i takes colour palette[labels[i]], and palette is from k-means on
    pixels / 255 (so from 0 to 1)."""
    quantized = ____  # the quantized image, 0 to 255, in the image's shape
    mse = ____  # the mean squared difference of image and quantized
    return 10 * np.log10(255**2 / mse)


psnr_against_k.check(quantized_psnr)
# --8<-- [end:psnr_against_k_start]

# --8<-- [start:psnr_against_k_solution]
import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import load_sample_image

from tutorial_code.exercise_checks.colours import psnr_against_k


def quantized_psnr(image, labels, palette):
    """The PSNR of image (uint8) against its quantized version, where pixel
    i takes colour palette[labels[i]], and palette is from k-means on
    pixels / 255 (so from 0 to 1)."""
    quantized = (palette[labels] * 255).reshape(image.shape)
    mse = np.mean((image - quantized) ** 2)  # floats: no wrapping around
    return 10 * np.log10(255**2 / mse)


psnr_against_k.check(quantized_psnr)

# The measurement: one palette per k, each from the lesson's sample.
china = load_sample_image("china.jpg")
pixels = china.reshape(-1, 3) / 255
rng = np.random.default_rng(0)
sample = pixels[rng.choice(len(pixels), size=10_000, replace=False)]
psnr_by_k = {}
for k in [2, 4, 8, 16, 32]:
    kmeans = KMeans(n_clusters=k, n_init=1, random_state=0).fit(sample)
    labels = kmeans.predict(pixels)
    psnr_by_k[k] = quantized_psnr(china, labels, kmeans.cluster_centers_)
    line = f"k = {k:>2}: {psnr_by_k[k]:5.2f} dB"
    if k // 2 in psnr_by_k:
        gain = psnr_by_k[k] - psnr_by_k[k // 2]
        line += f", {gain:+.2f} dB on k = {k // 2}"
    print(line)
# --8<-- [end:psnr_against_k_solution]

from tutorial_code.claims import claim

tiny_factor_below_one = tiny_factor < 1
factor_2, factor_16, factor_256 = factors[2], factors[16], factors[256]
# The share of the pixels that the cube's black or white corner took.
black_or_white = float(
    np.isin(by_corners.reshape(-1, 3).sum(axis=1), [0, 3 * 255]).mean()
)

gains = np.diff(list(psnr_by_k.values()))
first_gain, last_gain = float(gains[0]), float(gains[-1])
smallest_gain, largest_gain = float(gains.min()), float(gains.max())
# Each doubling of k divides the mean squared error by this much.
smallest_ratio, largest_ratio = (
    10 ** (smallest_gain / 10),
    10 ** (largest_gain / 10),
)
gains_shrank = last_gain < first_gain
# Many centres in 3 dimensions: the MSE falls like k^(-2/3), by 2^(2/3)
# for each doubling, in decibels:
theory_gain = 10 * np.log10(2 ** (2 / 3))
last_above_theory = last_gain > theory_gain
claim(
    "psnr_rises",
    bool((gains > 0).all()),
    "every doubling of k raised the PSNR",
)

from tutorial_code.exercise_checks import colours, claim_each_checked

claim_each_checked(colours)
