"""Going further 3: cluster in CIELAB, where distance is perceived difference.

Page: docs/colours_further/perceptual.md
"""

from tutorial_code.quantize.quality import psnr
from tutorial_code.colours_further.lab import (
    JUST_NOTICEABLE,
    delta_e,
    lab_to_rgb,
    rgb_to_lab,
)
from tutorial_code.quantize.quantizer import quantize

# --8<-- [start:cluster]
import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import load_sample_image

china = load_sample_image("china.jpg")
pixels = china.reshape(-1, 3)

# In RGB, as before.
palette, indices = quantize(china, 16)
in_rgb = palette[indices]

# In CIELAB: k-means on the 15,000 pixels quantize samples (seed 0), in
# Lab coordinates, with ten starts.
rng = np.random.default_rng(0)
sample = pixels[rng.choice(len(pixels), 15_000, replace=False)]
kmeans = KMeans(n_clusters=16, n_init=10, random_state=0)
kmeans.fit(rgb_to_lab(sample))
lab_labels = kmeans.predict(rgb_to_lab(pixels))
in_lab = lab_to_rgb(kmeans.cluster_centers_)[lab_labels].reshape(china.shape)
# --8<-- [end:cluster]

# --8<-- [start:measure]
rgb_db, lab_db = psnr(china, in_rgb), psnr(china, in_lab)
rgb_delta_e = float(delta_e(china, in_rgb).mean())
lab_delta_e = float(delta_e(china, in_lab).mean())
print(f"{'':16}{'PSNR':>10}{'mean ΔE':>10}")
print(f"{'k-means in RGB':16}{rgb_db:7.2f} dB{rgb_delta_e:10.2f}")
print(f"{'k-means in Lab':16}{lab_db:7.2f} dB{lab_delta_e:10.2f}")
lab_is_closer_to_the_eye = lab_delta_e < rgb_delta_e
lab_has_higher_psnr = lab_db > rgb_db
each_wins_on_its_own_measure = lab_is_closer_to_the_eye != lab_has_higher_psnr
# --8<-- [end:measure]

# --8<-- [start:where]
# Where do the two differ most to the eye? Mean ΔE between them, by block.
difference = delta_e(in_rgb, in_lab)
block = 60
rows, columns = china.shape[0] // block, china.shape[1] // block
blocks = difference[: rows * block, : columns * block]
blocks = blocks.reshape(rows, block, columns, block).mean(axis=(1, 3))
row, column = np.unravel_index(np.argmax(blocks), blocks.shape)
top, left = max(0, row * block - 30), max(0, column * block - 45)
detail = (slice(top, top + 120), slice(left, left + 180))
detail_delta_e = float(difference[detail].mean())
whole_delta_e = float(difference.mean())
print(f"largest difference around row {row * block}, column {column * block}")
print(f"mean ΔE between the two: {detail_delta_e:.1f} in that detail,")
print(f"                         {whole_delta_e:.1f} over the whole image")
# --8<-- [end:where]

# --8<-- [start:compare]
import matplotlib.pyplot as plt

fig, axes = plt.subplots(2, 2, figsize=(8, 5.6))
shown = [
    ("original", china),
    (f"RGB: {rgb_db:.1f} dB, ΔE {rgb_delta_e:.1f}", in_rgb),
    (f"Lab: {lab_db:.1f} dB, ΔE {lab_delta_e:.1f}", in_lab),
]
for ax, (title, image) in zip(axes.flat, shown):
    ax.imshow(image[detail], interpolation="nearest")
    ax.set_title(title, fontsize=11)
# The fourth panel: ΔE between the RGB and the Lab version, pixel by pixel.
heat = axes[1, 1].imshow(difference[detail], cmap="magma")
axes[1, 1].set_title("ΔE between RGB and Lab versions", fontsize=11)
colorbar = fig.colorbar(heat, ax=axes[1, 1], shrink=0.9)
colorbar.ax.tick_params(labelsize=11)
for ax in axes.flat:
    ax.set_xticks([])  # no ticks, but a frame around each image
    ax.set_yticks([])
fig.tight_layout()
plt.show()
# --8<-- [end:compare]

# --8<-- [start:conclude]
# Mean errors in units of the just noticeable difference.
rgb_jnds, lab_jnds = (
    rgb_delta_e / JUST_NOTICEABLE,
    lab_delta_e / JUST_NOTICEABLE,
)
both_visible = min(rgb_jnds, lab_jnds) > 1
# The share of the RGB clustering's mean ΔE that clustering in Lab saves.
eye_gain_abs = abs(rgb_delta_e - lab_delta_e) / rgb_delta_e
print(f"mean error, RGB clustering: {rgb_jnds:.1f} just noticeable steps")
print(f"mean error, Lab clustering: {lab_jnds:.1f} just noticeable steps")
# --8<-- [end:conclude]

from tutorial_code.claims import claim

claim(
    "lab_closer_to_the_eye",
    lab_is_closer_to_the_eye,
    "clustering in Lab gives the lower mean ΔE: it looks closer",
)
claim(
    "rgb_higher_psnr",
    not lab_has_higher_psnr,
    "clustering in RGB gives the higher PSNR",
)
