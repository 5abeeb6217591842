"""Going further 2: choosing k without labels.

Page: docs/digits_further/choosing_k.md
"""

# --8<-- [start:scores]
import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import load_digits
from sklearn.metrics import calinski_harabasz_score, silhouette_score

X, y = load_digits(return_X_y=True)  # y is not used: we have no labels
ks = list(range(2, 21))
inertias, silhouettes, calinski_harabasz = [], [], []
for k in ks:
    clusters = KMeans(n_clusters=k, n_init=10, random_state=0).fit(X)
    inertias.append(clusters.inertia_)
    silhouettes.append(silhouette_score(X, clusters.labels_))
    calinski_harabasz.append(calinski_harabasz_score(X, clusters.labels_))
silhouette_k = ks[int(np.argmax(silhouettes))]
calinski_harabasz_k = ks[int(np.argmax(calinski_harabasz))]
print(f"silhouette is highest at k = {silhouette_k}")
print(f"Calinski-Harabasz is highest at k = {calinski_harabasz_k}")
# --8<-- [end:scores]

# --8<-- [start:curves]
import matplotlib.pyplot as plt

# Three rows, one per score: each wide enough to read on a phone.
fig, axes = plt.subplots(3, 1, figsize=(7.5, 7.2), sharex=True)
curves = [
    ("inertia (lower is tighter)", inertias, None),
    ("silhouette (higher is better)", silhouettes, silhouette_k),
    (
        "Calinski-Harabasz (higher is better)",
        calinski_harabasz,
        calinski_harabasz_k,
    ),
]
for ax, (title, values, best) in zip(axes, curves):
    ax.plot(ks, values, marker="o", markersize=4)
    ax.axvline(10, color="C2", linestyle="--", label="10 digits")
    if best is not None:
        ax.axvline(best, color="C3", label=f"best: k = {best}")
    ax.set_title(title, fontsize=11)
    ax.tick_params(labelsize=11)
    ax.legend(fontsize=11)
axes[-1].set_xlabel("k", fontsize=11)
axes[-1].set_xticks(ks[::2])  # whole numbers of clusters
fig.tight_layout()
plt.show()
# --8<-- [end:curves]

# --8<-- [start:elbow]
# An elbow is a k after which inertia suddenly falls much more slowly.
drops = -np.diff(inertias) / np.array(inertias[:-1])  # from k to k + 1
for k, drop in zip(ks, drops):
    if k in (2, 5, 9, 10, 11, 15, 19):
        print(f"k = {k:2} -> {k + 1:2}: inertia {drop:5.1%} lower")
drop_at_10 = float(drops[ks.index(10)])
drop_at_9 = float(drops[ks.index(9)])
# --8<-- [end:elbow]

# --8<-- [start:silhouette_diagrams]
from sklearn.metrics import silhouette_samples

shown_ks = sorted({silhouette_k, 10, 15})
n_below_zero = []  # per k shown: images closer to another cluster
fig, axes = plt.subplots(1, len(shown_ks), figsize=(8, 3.6), sharey=True)
for ax, k in zip(axes, shown_ks):
    labels = KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(X)
    widths = silhouette_samples(X, labels)
    bottom = 0
    for cluster in range(k):  # one band per cluster, in cluster order
        band = np.sort(widths[labels == cluster])  # smallest at the bottom
        rows = np.arange(bottom, bottom + len(band))
        ax.fill_betweenx(rows, 0, band, color=plt.cm.tab20(cluster % 20))
        bottom += len(band) + 10
    ax.axvline(widths.mean(), color="C3", linestyle="--")  # the mean
    ax.set_title(f"k = {k}: mean {widths.mean():.3f}", fontsize=11)
    ax.set_xlabel("silhouette", fontsize=11)
    ax.tick_params(labelsize=11)
    ax.set_yticks([])
    n_below_zero.append(int(np.sum(widths < 0)))
fig.tight_layout()
plt.show()
# --8<-- [end:silhouette_diagrams]

from tutorial_code.claims import claim

claim(
    "measures_disagree",
    silhouette_k != calinski_harabasz_k,
    "the silhouette and Calinski-Harabasz pick different values of k",
)
claim(
    "no_elbow_at_10",
    drop_at_10 > drop_at_9 / 2,
    "inertia falls nearly as much from 10 to 11 clusters as from 9 to 10",
)
claim(
    "inertia_always_falls",
    all(np.diff(inertias) < 0),
    "inertia falls with every k",
)
claim(
    "every_k_has_images_below_zero",
    min(n_below_zero) > 0,
    "every k shown has images with a silhouette below zero",
)
