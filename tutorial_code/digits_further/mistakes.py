"""Going further 4: look at the mistakes, nearest and farthest from a centre.

Page: docs/digits_further/mistakes.md
"""

from tutorial_code.digits.matching import hungarian_mapping

# --8<-- [start:fit]
import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import load_digits

X, y = load_digits(return_X_y=True)
kmeans = KMeans(n_clusters=10, n_init=10, random_state=0).fit(X)
clusters = kmeans.labels_
mapping = hungarian_mapping(y, clusters)
# Per cluster: its size and how many of its images are not its digit.
sizes = np.bincount(clusters, minlength=10)
errors = np.bincount(clusters[mapping[clusters] != y], minlength=10)
worst = np.argsort(errors / sizes)[::-1][:3]  # the least pure clusters
for cluster in worst:
    print(
        f"cluster {cluster} (digit {mapping[cluster]}): {errors[cluster]} "
        f"of {sizes[cluster]} images are other digits"
    )
worst_digits = mapping[worst].tolist()
worst_error_rates = (errors[worst] / sizes[worst]).tolist()
# --8<-- [end:fit]

# --8<-- [start:distances]
# Distance of every image to its own cluster's centre.
distances = np.linalg.norm(X - kmeans.cluster_centers_[clusters], axis=1)
n_shown = 4  # per side: few, so that the gallery reads on a phone
nearest, farthest = {}, {}
for cluster in worst:
    members = np.flatnonzero(clusters == cluster)
    order = members[np.argsort(distances[members])]
    nearest[cluster], farthest[cluster] = order[:n_shown], order[-n_shown:]
    print(
        f"cluster {cluster}: nearest are digits {y[nearest[cluster]]}, "
        f"farthest are digits {y[farthest[cluster]]}"
    )
# How many of the images shown are another digit than their cluster's?
n_nearest_mistakes = sum(
    int(np.sum(y[nearest[c]] != mapping[c])) for c in worst
)
n_farthest_mistakes = sum(
    int(np.sum(y[farthest[c]] != mapping[c])) for c in worst
)
# --8<-- [end:distances]

# --8<-- [start:gallery]
import matplotlib.pyplot as plt
from matplotlib.patches import Rectangle

# One row per cluster: the nearest images, a gap, the farthest. Ink black,
# paper light grey (vmin below 0); a red frame marks another digit.
fig, axes = plt.subplots(
    len(worst), 2 * n_shown + 1, figsize=(8, 1.25 * len(worst) + 0.9)
)
for row, cluster in zip(axes, worst):
    images = [*nearest[cluster], None, *farthest[cluster]]
    for ax, index in zip(row, images):
        ax.set_axis_off()
        if index is None:  # a gap between nearest and farthest
            continue
        ax.imshow(X[index].reshape(8, 8), cmap="gray_r", vmin=-4, vmax=16)
        ax.set_title(str(y[index]), fontsize=11)
        mistake = y[index] != mapping[cluster]
        frame = Rectangle(
            (-0.5, -0.5),
            8,
            8,
            fill=False,
            color="C3" if mistake else "C7",
            lw=3 if mistake else 1,
        )
        ax.add_patch(frame)
    row[0].text(
        -0.25,
        0.5,
        f"cluster {cluster}\n(digit {mapping[cluster]})",
        transform=row[0].transAxes,
        ha="right",
        va="center",
        fontsize=11,
    )
fig.suptitle(
    f"the {n_shown} images nearest to the centre (left) and the {n_shown} "
    "farthest (right)\ntitle: true digit; red frame: not the cluster's digit",
    fontsize=11,
)
fig.tight_layout()
plt.show()
# --8<-- [end:gallery]
