"""Lesson 2: look at the cluster centres as 8x8 images.

Page: docs/digits/cluster_centres.md (continues lesson 1)
"""

from tutorial_code.digits.loading_and_fitting import digits, kmeans

# --8<-- [start:centres]
import matplotlib.pyplot as plt

# Each centre is the mean of the 64 pixel values of its cluster's images:
# fold it back into an 8x8 grid to see it as an image.
centres = kmeans.cluster_centers_.reshape(10, 8, 8)

fig, axes = plt.subplots(2, 5, figsize=(7.5, 3.7))
for cluster, (ax, centre) in enumerate(zip(axes.flat, centres, strict=True)):
    # Ink black, paper light grey (vmin below 0), and a frame: the tiles do
    # not glare on a dark page.
    ax.imshow(centre, cmap="gray_r", vmin=-4, vmax=16)
    ax.set_title(f"cluster {cluster}", fontsize=11)
    ax.set_xticks([])
    ax.set_yticks([])
plt.show()
# --8<-- [end:centres]

# --8<-- [start:sizes]
import numpy as np

digit_sizes = np.bincount(digits.target)
cluster_sizes = np.bincount(kmeans.labels_, minlength=10)
print(f"images per digit:   {digit_sizes}")
print(f"images per cluster: {cluster_sizes}")
smallest_cluster = cluster_sizes.argmin()
largest_cluster = cluster_sizes.argmax()
print(f"smallest cluster: {smallest_cluster}, largest: {largest_cluster}")
# --8<-- [end:sizes]

from tutorial_code.claims import claim

claim(
    "digits_even_clusters_not",
    digit_sizes.max() < 1.1 * digit_sizes.min()
    and cluster_sizes.max() > 2 * cluster_sizes.min(),
    "the digits are about equally frequent, the clusters far from it",
)
