"""Going further 1: quality against the number of colours, and file size.

Page: docs/colours_further/quality_vs_k.md
"""

from tutorial_code.quantize.quality import psnr
from tutorial_code.quantize.image_files import write_indexed_png
from tutorial_code.quantize.quantizer import quantize

# --8<-- [start:sweep]
from sklearn.datasets import load_sample_image

names = ["china", "flower"]
images = {name: load_sample_image(f"{name}.jpg") for name in names}
ks = [2, 4, 8, 16, 32, 64]
quality_db = {name: [] for name in names}  # PSNR for each k
bits_per_pixel = {name: [] for name in names}  # of the indexed PNG file
repainted = {}  # (name, k): the image in k colours
for name, image in images.items():
    n_pixels = image.shape[0] * image.shape[1]
    for k in ks:
        # A 5,000-pixel sample is plenty to see the trend, and keeps the
        # twelve fits quick.
        palette, indices = quantize(image, k, sample_size=5_000)
        repainted[name, k] = palette[indices]
        quality_db[name].append(psnr(image, palette[indices]))
        png_bytes = write_indexed_png(f"{name}-{k}.png", palette, indices)
        bits_per_pixel[name].append(8 * png_bytes / n_pixels)

print(
    f"{'k':>3}"
    + "".join(f"{n + ' dB':>12}{n + ' bits/px':>16}" for n in names)
)
for i, k in enumerate(ks):
    cells = [
        f"{quality_db[n][i]:12.2f}{bits_per_pixel[n][i]:16.2f}" for n in names
    ]
    print(f"{k:>3}" + "".join(cells))
china_db, flower_db = quality_db["china"], quality_db["flower"]
china_bits, flower_bits = bits_per_pixel["china"], bits_per_pixel["flower"]
# What one doubling buys: from 16 to 32 colours (ks[3] to ks[4]).
china_gain_db = china_db[4] - china_db[3]
# --8<-- [end:sweep]

# --8<-- [start:curves]
import matplotlib.pyplot as plt

fig, axes = plt.subplots(1, 2, figsize=(8, 3.6))
for name in names:
    axes[0].plot(ks, quality_db[name], marker="o", label=name)
    axes[1].plot(ks, bits_per_pixel[name], marker="o", label=name)
axes[0].set_title("quality: PSNR (dB), higher is better", fontsize=11)
axes[1].set_title("size: bits per pixel of the PNG file", fontsize=11)
for ax in axes:
    ax.set_xscale("log", base=2)
    ax.set_xticks(ks, [str(k) for k in ks])
    ax.set_xlabel("number of colours k", fontsize=11)
    ax.tick_params(labelsize=11)
    ax.legend(fontsize=11)
fig.tight_layout()
plt.show()
# --8<-- [end:curves]

# --8<-- [start:small_multiples]
# A 200 x 300 pixel detail of the flower, where petals meet the smooth,
# blurred background: few panels, large enough to see each pixel.
detail = (slice(100, 300), slice(300, 600))
shown_ks = [4, 16, 64]
fig, axes = plt.subplots(2, 2, figsize=(8, 5.8))
panels = [("original", images["flower"])]
panels += [(f"{k} colours", repainted["flower", k]) for k in shown_ks]
for ax, (title, image) in zip(axes.flat, panels, strict=True):
    ax.imshow(image[detail], interpolation="nearest")
    ax.set_title(title, fontsize=11)
    ax.set_xticks([])  # no ticks, but a frame around each image
    ax.set_yticks([])
fig.tight_layout()
plt.show()
# --8<-- [end:small_multiples]

import numpy as np

from tutorial_code.claims import claim

gains_db = {name: np.diff(quality_db[name]) for name in names}
claim(
    "doubling_adds_a_few_db",
    all(((gains > 1) & (gains < 6)).all() for gains in gains_db.values()),
    "each doubling of the palette adds between 1 and 6 dB, for both photos",
)
claim(
    "files_grow",
    all((np.diff(bits_per_pixel[name]) > 0).all() for name in names),
    "the PNG file grows with every doubling, for both photos",
)
claim(
    "far_below_raw",
    max(max(bits) for bits in bits_per_pixel.values()) < 24 / 3,
    "even 64 colours take less than a third of the raw pixels' 24 bits",
)
claim(
    "flower_smaller",
    all(f < c for f, c in zip(flower_bits, china_bits, strict=True)),
    "the flower needs fewer bits per pixel than china at every k",
)
