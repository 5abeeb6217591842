"""Exercises: Going further with the colours. Each has starter code and a
solution.

Page: docs/colours_further/exercises.md. The starter code runs as given (its
check says "not answered yet"); each solution passes its check.
"""

# --8<-- [start:most_visible_step_start]
from tutorial_code.exercise_checks.colours_further import most_visible_step

# From the grey (120, 120, 120), add 20 to one channel only. Which of the
# three steps looks largest: "red", "green" or "blue"?
channel = ____
most_visible_step.check(channel)
# --8<-- [end:most_visible_step_start]

# --8<-- [start:most_visible_step_solution]
import numpy as np

from tutorial_code.colours_further.lab import delta_e
from tutorial_code.exercise_checks.colours_further import most_visible_step

grey = np.array([120, 120, 120], dtype=np.uint8)
step_delta_e = {}
for i, name in enumerate(["red", "green", "blue"]):
    stepped = grey.copy()
    stepped[i] += 20
    step_delta_e[name] = float(delta_e(grey, stepped))
    print(f"{name:>5} + 20: ΔE {step_delta_e[name]:.1f}")
largest_step = max(step_delta_e, key=step_delta_e.get)
most_visible_step.check(largest_step)
# --8<-- [end:most_visible_step_solution]

# --8<-- [start:quality_as_k_grows_start]
import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import load_sample_image

from tutorial_code.colours_further.lab import delta_e
from tutorial_code.exercise_checks.colours_further import quality_as_k_grows
from tutorial_code.quantize.quality import psnr

crop = load_sample_image("china.jpg")[0:60, 215:335]  # sky, a roof's edge
ks = list(range(2, 13))
quality_db, mean_delta_e = [], []
for k in ks:
    model = KMeans(n_clusters=k, n_init=1, random_state=0)
    model.fit(crop.reshape(-1, 3))
    palette = model.cluster_centers_.round().astype(np.uint8)
    repainted = ____  # the crop in k colours, in the crop's shape
    quality_db.append(____)  # its PSNR, in dB
    mean_delta_e.append(____)  # its mean ΔE from the crop
quality_as_k_grows.check((quality_db, mean_delta_e))
# --8<-- [end:quality_as_k_grows_start]

# --8<-- [start:quality_as_k_grows_solution]
import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import load_sample_image

from tutorial_code.colours_further.lab import delta_e
from tutorial_code.exercise_checks.colours_further import quality_as_k_grows
from tutorial_code.quantize.quality import psnr

crop = load_sample_image("china.jpg")[0:60, 215:335]  # sky, a roof's edge
ks = list(range(2, 13))
quality_db, mean_delta_e = [], []
for k in ks:
    model = KMeans(n_clusters=k, n_init=1, random_state=0)
    model.fit(crop.reshape(-1, 3))
    palette = model.cluster_centers_.round().astype(np.uint8)
    repainted = palette[model.labels_].reshape(crop.shape)
    quality_db.append(psnr(crop, repainted))
    mean_delta_e.append(float(delta_e(crop, repainted).mean()))
print(" k   PSNR   mean ΔE")
for k, db, de in zip(ks, quality_db, mean_delta_e):
    print(f"{k:2} {db:6.2f} {de:9.3f}")
# Where did a score go the wrong way, from one k to the next?
psnr_stalled_at = [
    k for k, a, b in zip(ks[1:], quality_db, quality_db[1:]) if b <= a
]
delta_e_stalled_at = [
    k for k, a, b in zip(ks[1:], mean_delta_e, mean_delta_e[1:]) if b >= a
]
print(f"k where the PSNR did not rise: {psnr_stalled_at}")
print(f"k where the mean ΔE did not fall: {delta_e_stalled_at}")
# Nine other seeds: does the PSNR ever fail to rise from one k to the next?
falls = {}
for seed in range(1, 10):
    seed_db = []
    for k in ks:
        model = KMeans(n_clusters=k, n_init=1, random_state=seed)
        model.fit(crop.reshape(-1, 3))
        palette = model.cluster_centers_.round().astype(np.uint8)
        seed_db.append(psnr(crop, palette[model.labels_].reshape(crop.shape)))
    stalled = [k for k, a, b in zip(ks[1:], seed_db, seed_db[1:]) if b <= a]
    if stalled:
        falls[seed] = stalled
print(f"other seeds, and the k where the PSNR did not rise: {falls}")
quality_as_k_grows.check((quality_db, mean_delta_e))
# --8<-- [end:quality_as_k_grows_solution]

# --8<-- [start:lab_by_hand_start]
import numpy as np

from tutorial_code.colours_further.lab import EPSILON, KAPPA, RGB_TO_XYZ, WHITE
from tutorial_code.exercise_checks.colours_further import lab_by_hand


def srgb_to_lab(rgb):
    """sRGB colours (uint8, last axis R, G, B) to CIELAB (L*, a*, b*)."""
    srgb = np.asarray(rgb, dtype=np.float64) / 255
    # Undo sRGB's gamma: v / 12.92 up to 0.04045,
    # ((v + 0.055) / 1.055) ** 2.4 above.
    linear = ____
    xyz = linear @ RGB_TO_XYZ.T / WHITE
    # The eye's response: a cube root above EPSILON, below it the straight
    # line (KAPPA * t + 16) / 116.
    f = ____
    fx, fy, fz = f[..., 0], f[..., 1], f[..., 2]
    lightness = 116 * fy - 16
    a = ____  # red (+) against green (-)
    b = ____  # yellow (+) against blue (-)
    return np.stack([lightness, a, b], axis=-1)


lab_by_hand.check(srgb_to_lab)
# --8<-- [end:lab_by_hand_start]

# --8<-- [start:lab_by_hand_solution]
import numpy as np
from sklearn.datasets import load_sample_image

from tutorial_code.colours_further.lab import (
    EPSILON,
    KAPPA,
    RGB_TO_XYZ,
    WHITE,
    rgb_to_lab,
)
from tutorial_code.exercise_checks.colours_further import lab_by_hand


def srgb_to_lab(rgb):
    """sRGB colours (uint8, last axis R, G, B) to CIELAB (L*, a*, b*)."""
    srgb = np.asarray(rgb, dtype=np.float64) / 255
    # Undo sRGB's gamma: v / 12.92 up to 0.04045,
    # ((v + 0.055) / 1.055) ** 2.4 above.
    linear = np.where(
        srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4
    )
    xyz = linear @ RGB_TO_XYZ.T / WHITE
    # The eye's response: a cube root above EPSILON, below it the straight
    # line (KAPPA * t + 16) / 116.
    f = np.where(xyz > EPSILON, np.cbrt(xyz), (KAPPA * xyz + 16) / 116)
    fx, fy, fz = f[..., 0], f[..., 1], f[..., 2]
    lightness = 116 * fy - 16
    a = 500 * (fx - fy)  # red (+) against green (-)
    b = 200 * (fy - fz)  # yellow (+) against blue (-)
    return np.stack([lightness, a, b], axis=-1)


lab_by_hand.check(srgb_to_lab)
# By hand against the chapter's function, on every pixel of a photo.
china = load_sample_image("china.jpg")
largest_gap = float(np.abs(srgb_to_lab(china) - rgb_to_lab(china)).max())
print(f"largest difference from rgb_to_lab: {largest_gap:.2g}")
# The grey halfway from black to white in sRGB's values, and the grey
# halfway in lightness (L* 50, on the scale from 0 to 100).
middle_lightness = float(srgb_to_lab(np.array([128, 128, 128]))[0])
greys = srgb_to_lab(np.repeat(np.arange(256), 3).reshape(-1, 3))
looks_halfway = int(np.abs(greys[:, 0] - 50).argmin())
print(f"(128, 128, 128): L* {middle_lightness:.1f}")
print(f"L* nearest 50: ({looks_halfway}, {looks_halfway}, {looks_halfway})")
# --8<-- [end:lab_by_hand_solution]

# --8<-- [start:nearest_exactly_start]
import numpy as np

from tutorial_code.exercise_checks.colours_further import nearest_exactly


def nearest_by_product(pixels, palette):
    """Each pixel's nearest palette index, the lowest on ties."""
    x = pixels.astype(np.int64)  # whole numbers: exact, and no wrap-around
    c = palette.astype(np.int64)
    scores = ____  # one row per pixel, one column per palette colour
    return ____  # the position of each row's smallest score


nearest_exactly.check(nearest_by_product)
# --8<-- [end:nearest_exactly_start]

# --8<-- [start:nearest_exactly_solution]
import numpy as np
from sklearn.datasets import load_sample_image

from tutorial_code.exercise_checks.colours_further import nearest_exactly


def nearest_by_product(pixels, palette):
    """Each pixel's nearest palette index, the lowest on ties."""
    x = pixels.astype(np.int64)  # whole numbers: exact, and no wrap-around
    c = palette.astype(np.int64)
    scores = (c**2).sum(axis=1) - 2 * x @ c.T  # |x - c|² - |x|²
    return scores.argmin(axis=1)


nearest_exactly.check(nearest_by_product)
# On a crop of the photo, with 16 of its pixels as the palette: the same
# answers as brute force, which holds every difference in memory at once.
detail = load_sample_image("china.jpg")[150:250, 240:390].reshape(-1, 3)
rng = np.random.default_rng(0)
some_palette = detail[rng.choice(len(detail), 16, replace=False)]
by_product = nearest_by_product(detail, some_palette)
gaps = detail[:, None, :].astype(np.int64) - some_palette[None, :, :]
by_brute_force = (gaps**2).sum(axis=-1).argmin(axis=1)
same_as_brute_force = bool(np.array_equal(by_product, by_brute_force))
print(f"same as brute force: {same_as_brute_force}")
# The largest array of each, in int64: for this crop, and for 12 megapixels.
for n_pixels in (len(detail), 12_000_000):
    scores_mb = n_pixels * len(some_palette) * 8 / 1e6
    print(
        f"{n_pixels:>10,} pixels: scores {scores_mb:,.1f} MB, "
        f"brute force's differences {3 * scores_mb:,.1f} MB"
    )
twelve_mp_gigabytes = 12_000_000 * len(some_palette) * 8 / 1e9
# --8<-- [end:nearest_exactly_solution]

# --8<-- [start:floyd_steinberg_start]
import numpy as np

from tutorial_code.exercise_checks.colours_further import floyd_steinberg


def dither(image, palette):
    """Floyd-Steinberg dithering: each pixel's palette index, row by row,
    left to right, passing what rounding lost on to the next pixels."""
    values = image.astype(np.float64)  # a copy that receives the errors
    colours = palette.astype(np.float64)
    height, width, _ = values.shape
    # Where the error goes: (row step, column step, share of the error).
    neighbours = ____
    indices = np.zeros((height, width), dtype=np.int64)
    for row in range(height):
        for column in range(width):
            value = values[row, column]
            nearest = ____  # the index of the colour nearest to value
            indices[row, column] = nearest
            error = ____  # what rounding value to that colour lost
            for dr, dc, share in neighbours:
                r, c = row + dr, column + dc
                if 0 <= r < height and 0 <= c < width:
                    values[r, c] += share * error
    return indices


floyd_steinberg.check(dither)
# --8<-- [end:floyd_steinberg_start]

# --8<-- [start:floyd_steinberg_solution]
import matplotlib.pyplot as plt
import numpy as np
from scipy.ndimage import gaussian_filter
from sklearn.cluster import KMeans
from sklearn.datasets import load_sample_image
from sklearn.metrics import pairwise_distances_argmin

from tutorial_code.exercise_checks.colours_further import floyd_steinberg
from tutorial_code.quantize.quality import psnr


def dither(image, palette):
    """Floyd-Steinberg dithering: each pixel's palette index, row by row,
    left to right, passing what rounding lost on to the next pixels."""
    values = image.astype(np.float64)  # a copy that receives the errors
    colours = palette.astype(np.float64)
    height, width, _ = values.shape
    # Where the error goes: (row step, column step, share of the error).
    neighbours = [
        (0, 1, 7 / 16),
        (1, -1, 3 / 16),
        (1, 0, 5 / 16),
        (1, 1, 1 / 16),
    ]
    indices = np.zeros((height, width), dtype=np.int64)
    for row in range(height):
        for column in range(width):
            value = values[row, column]
            nearest = ((colours - value) ** 2).sum(axis=1).argmin()
            indices[row, column] = nearest
            error = value - colours[nearest]
            for dr, dc, share in neighbours:
                r, c = row + dr, column + dc
                if 0 <= r < height and 0 <= c < width:
                    values[r, c] += share * error
    return indices


floyd_steinberg.check(dither)
# A corner of flower.jpg's blurred background in 4 colours, with and
# without dithering.
corner = load_sample_image("flower.jpg")[0:60, 0:120]
model = KMeans(n_clusters=4, n_init=1, random_state=0)
model.fit(corner.reshape(-1, 3))
four = model.cluster_centers_.round().astype(np.uint8)
plain = four[pairwise_distances_argmin(corner.reshape(-1, 3), four)]
plain = plain.reshape(corner.shape)
dithered = four[dither(corner, four)]


def from_afar(image):
    """The image as seen from a distance: blurred over a few pixels."""
    return gaussian_filter(image.astype(np.float64), sigma=(2, 2, 0))


pixel_db = {
    "plain": psnr(corner, plain),
    "dithered": psnr(corner, dithered),
}
afar_db = {
    "plain": psnr(from_afar(corner), from_afar(plain)),
    "dithered": psnr(from_afar(corner), from_afar(dithered)),
}
for name in pixel_db:
    print(
        f"{name:9} PSNR {pixel_db[name]:.1f} dB pixel by pixel, "
        f"{afar_db[name]:.1f} dB from afar"
    )
fig, axes = plt.subplots(1, 3, figsize=(8, 1.9))
shown = [
    ("flower.jpg, a corner", corner),
    ("4 colours", plain),
    ("4 colours, dithered", dithered),
]
for ax, (title, image) in zip(axes, shown):
    ax.imshow(image, interpolation="nearest")
    ax.set_title(title, fontsize=11)
    ax.set_xticks([])  # no ticks, but a frame around each image
    ax.set_yticks([])
fig.tight_layout()
plt.show()
# --8<-- [end:floyd_steinberg_solution]

from tutorial_code.claims import claim
from tutorial_code.exercise_checks import claim_each_checked, colours_further

# Words for the page, from the numbers of exercise 2.
first_db, last_db = quality_db[0], quality_db[-1]
first_delta_e, last_delta_e = mean_delta_e[0], mean_delta_e[-1]
psnr_always_rose = not psnr_stalled_at
all_below_noticeable = max(mean_delta_e) < 2.3  # JUST_NOTICEABLE
delta_e_story = (
    "fell at every step"
    if not delta_e_stalled_at
    else "did not fall at every step: from one k to the next it did not "
    "fall at k = " + ", ".join(map(str, delta_e_stalled_at))
)
seeds_story = (
    "the PSNR did not rise "
    + "; ".join(
        f"at k = {', '.join(map(str, at))} with random_state={seed}"
        for seed, at in falls.items()
    )
    if falls
    else "the PSNR rose at every step with each of them"
)

claim(
    "green_step_largest",
    largest_step == "green",
    "of the three steps of 20 from the grey, green's has the largest ΔE",
)
claim(
    "dithering_lowers_pixel_psnr",
    pixel_db["dithered"] < pixel_db["plain"],
    "pixel by pixel, the dithered corner scores a lower PSNR than the plain "
    "one",
)
claim(
    "dithering_wins_from_afar",
    afar_db["dithered"] > afar_db["plain"],
    "blurred as from a distance, the dithered corner scores the higher PSNR",
)
claim_each_checked(colours_further)
