"""Lesson 1: load the handwritten digits and cluster them with k-means.

Page: docs/digits/loading_and_fitting.md
"""

# --8<-- [start:load]
from sklearn.datasets import load_digits

digits = load_digits()
n_samples, n_features = digits.data.shape
print(f"data:   {digits.data.shape}: {n_samples} images, {n_features} pixels")
print(f"images: {digits.images.shape}: 8x8 grids of brightness 0 to 16")
print(f"target: {digits.target.shape}: labels {digits.target_names}")
# --8<-- [end:load]

# --8<-- [start:not_mnist]
# The data set's own description says where it comes from.
description = digits.DESCR.splitlines()
source_lines = [
    line
    for line in description
    if line.startswith((":Number of", ":Attribute", "This is a copy", "http"))
]
print(description[2])
print("\n".join(source_lines))
# MNIST, for comparison (figures from its home page, "The MNIST database of
# handwritten digits" by LeCun, Cortes and Burges): 60,000 training and
# 10,000 test images of 28x28 pixels.
mnist_images, mnist_side = 70_000, 28
print(f"\nthese digits: {n_samples:>6,} images of 8x8 = {n_features} pixels")
print(
    f"MNIST:        {mnist_images:>6,} images of {mnist_side}x{mnist_side}"
    f" = {mnist_side**2} pixels"
)
# --8<-- [end:not_mnist]

# --8<-- [start:samples]
import matplotlib.pyplot as plt

fig, axes = plt.subplots(3, 10, figsize=(8, 2.8))
for ax, image, label in zip(axes.flat, digits.images, digits.target):
    ax.imshow(image, cmap="gray_r", interpolation="nearest")
    ax.set_title(str(label), fontsize=10)
    ax.set_axis_off()
plt.show()
# --8<-- [end:samples]

# --8<-- [start:fit]
from sklearn.cluster import KMeans

# n_init: run k-means from 10 different starts, keep the best result.
# random_state: fix those starts, so that every run gives the same result.
kmeans = KMeans(n_clusters=10, n_init=10, random_state=0)
clusters = kmeans.fit_predict(digits.data)
print(f"cluster centres: {kmeans.cluster_centers_.shape}")
print(f"cluster of the first 10 images: {clusters[:10]}")
# --8<-- [end:fit]

# --8<-- [start:n_init]
seeds = range(10)
inertia_auto, inertia_ten = [], []
for seed in seeds:
    auto = KMeans(n_clusters=10, n_init="auto", random_state=seed)
    ten = KMeans(n_clusters=10, n_init=10, random_state=seed)
    inertia_auto.append(auto.fit(digits.data).inertia_)
    inertia_ten.append(ten.fit(digits.data).inertia_)

best_inertia = min(inertia_auto + inertia_ten)
worst_auto_excess = max(inertia_auto) / best_inertia - 1
worst_ten_excess = max(inertia_ten) / best_inertia - 1
print(f"lowest inertia found: {best_inertia:,.0f}")
print(f'worst seed, n_init="auto": {worst_auto_excess:.2%} above it')
print(f"worst seed, n_init=10:     {worst_ten_excess:.2%} above it")
# --8<-- [end:n_init]

# --8<-- [start:n_init_plot]
import numpy as np

fig, ax = plt.subplots(figsize=(7, 3))
for inertias, marker, label in [
    (inertia_auto, "o", 'n_init="auto" (one k-means++ run)'),
    (inertia_ten, "s", "n_init=10 (best of ten runs)"),
]:
    excess = 100 * (np.array(inertias) / best_inertia - 1)
    ax.plot(seeds, excess, marker, label=label)
ax.set_xlabel("random_state")
ax.set_ylabel("inertia above the\nlowest found (%)")
ax.set_xticks(list(seeds))
ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1), ncols=2, frameon=False)
plt.show()
# --8<-- [end:n_init_plot]

from tutorial_code.claims import claim

claim(
    "ten_starts_more_repeatable",
    worst_ten_excess < worst_auto_excess / 10,
    "the worst of ten seeds ends far nearer the best solution with ten "
    "starts than with one",
)
