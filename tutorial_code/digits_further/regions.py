"""Going further: k-means' cells, drawn on the digits reduced to 2-D.

Page: docs/digits_further/regions.md
"""

from tutorial_code.digits.matching import hungarian_mapping, mapped_accuracy

# --8<-- [start:reduce]
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA

X, y = load_digits(return_X_y=True)
pca = PCA(n_components=2, random_state=0)
plane = pca.fit_transform(X)  # each image as a point (x, y)
variance_kept = float(pca.explained_variance_ratio_.sum())
print(f"{X.shape[1]} pixels -> {plane.shape[1]} coordinates per image")
print(f"share of the pixels' variance the plane keeps: {variance_kept:.1%}")
# --8<-- [end:reduce]

# --8<-- [start:cluster]
from sklearn.cluster import KMeans

kmeans = KMeans(n_clusters=10, n_init=10, random_state=0).fit(plane)
mapping = hungarian_mapping(y, kmeans.labels_)  # the digit of each cluster
plane_accuracy = mapped_accuracy(y, kmeans.labels_, mapping)
pixels = KMeans(n_clusters=10, n_init=10, random_state=0).fit(X)
pixels_accuracy = mapped_accuracy(
    y, pixels.labels_, hungarian_mapping(y, pixels.labels_)
)
accuracy_lost_points = 100 * (pixels_accuracy - plane_accuracy)
n_images = len(y)
print(f"k-means on the 64 pixels: accuracy {pixels_accuracy:.1%}")
print(f"k-means on the 2-D plane: accuracy {plane_accuracy:.1%}")
# --8<-- [end:cluster]

# --8<-- [start:regions]
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import patheffects
from matplotlib.colors import ListedColormap

# Every point of a fine grid over the plane, given the digit of its cluster.
step = 0.2
(x_min, y_min), (x_max, y_max) = plane.min(axis=0) - 1, plane.max(axis=0) + 1
grid_x, grid_y = np.meshgrid(
    np.arange(x_min, x_max, step), np.arange(y_min, y_max, step)
)
grid = np.column_stack([grid_x.ravel(), grid_y.ravel()])
cell_digit = mapping[kmeans.predict(grid)].reshape(grid_x.shape)

# tab10's ten colours, one per digit: colour i is digit i.
colours = ListedColormap(plt.get_cmap("tab10").colors)
# An image is wrong when its cell is matched to another digit than its own.
wrong = mapping[kmeans.labels_] != y
n_wrong = int(wrong.sum())

fig, ax = plt.subplots(figsize=(6.4, 7))
extent = (x_min, x_max, y_min, y_max)
tints = dict(cmap=colours, vmin=-0.5, vmax=9.5, alpha=0.35)  # light tints
# "nearest": each grid point a flat block of colour, not blended.
blocks = dict(interpolation="nearest", origin="lower")
ax.imshow(cell_digit, extent=extent, **tints, **blocks)
# A thin white edge, so that a dot shows on its own cell's tint in the
# dark scheme too.
right_dots = dict(s=10, edgecolors="white", linewidths=0.4)
# Crosses with a black edge and a white halo: visible on any tint, light
# or dark, whatever the colour of their digit.
halo = [patheffects.withStroke(linewidth=1.8, foreground="white")]
crosses = dict(
    marker="X", s=34, edgecolors="black", linewidths=0.5, path_effects=halo
)
for digit in range(10):  # every image, in the colour of its true digit
    right = plane[(y == digit) & ~wrong]
    ax.scatter(*right.T, color=colours(digit), label=str(digit), **right_dots)
    misplaced = plane[(y == digit) & wrong]
    ax.scatter(*misplaced.T, color=colours(digit), zorder=3, **crosses)
wrong_label = "in another digit's cell"
ax.scatter([], [], color="white", label=wrong_label, **crosses)
centres = kmeans.cluster_centers_
ax.scatter(*centres.T, s=260, color="white", edgecolors="#333333", zorder=4)
for centre, digit in zip(centres, mapping):  # each cell's matched digit
    ax.text(
        *centre, str(digit), ha="center", va="center", fontsize=11, zorder=5
    )
ax.set_aspect("equal")  # both components in the same units
ax.set_title("cells: k-means on the plane; images: by true digit", fontsize=11)
ax.set_xlabel("first principal component", fontsize=11)
ax.set_ylabel("second principal component", fontsize=11)
ax.tick_params(labelsize=11)
ax.legend(  # below the plot, which keeps the width for the cells
    loc="upper center",
    bbox_to_anchor=(0.5, -0.11),
    ncols=6,
    markerscale=1.5,
    fontsize=11,
    columnspacing=1,
    handletextpad=0.2,
)
plt.show()
# --8<-- [end:regions]

# --8<-- [start:mistakes]
per_digit_right = {
    digit: float(np.mean(~wrong[y == digit])) for digit in range(10)
}
best_digit = max(per_digit_right, key=per_digit_right.get)
worst_digit = min(per_digit_right, key=per_digit_right.get)
best_share = per_digit_right[best_digit]
worst_share = per_digit_right[worst_digit]
for digit, share in per_digit_right.items():
    print(f"digit {digit}: {share:6.1%} in the cell matched to it")
# --8<-- [end:mistakes]

from tutorial_code.claims import claim

claim(
    "plane_loses_accuracy",
    plane_accuracy < pixels_accuracy,
    "clustering the 2-D plane is less accurate than clustering the pixels",
)
claim(
    "plane_keeps_a_minority",
    variance_kept < 0.5,
    "the plane keeps less than half of the pixels' variance",
)
