"""Lesson 3: where k-means' assumptions break, and what works instead.

Page: docs/algorithm/failures.md
"""

# --8<-- [start:cases]
import numpy as np
from sklearn.datasets import make_blobs, make_moons


def anisotropic():
    """Three blobs, all stretched and sheared by the same linear map."""
    points, labels = make_blobs(n_samples=600, centers=3, random_state=170)
    return points @ np.array([[0.6, -0.64], [-0.41, 0.85]]), labels


def unequal_spread():
    """Three blobs, one tight, one loose, one in between."""
    return make_blobs(
        n_samples=600,
        centers=[[-4, 0], [1.5, 0], [5, 3]],
        cluster_std=[0.5, 2.5, 0.9],
        random_state=1,
    )


def unequal_size():
    """A large, wide blob beside a small, tight one."""
    return make_blobs(
        n_samples=[1000, 60],
        centers=[[0, 0], [4, 0]],
        cluster_std=[1.0, 0.3],
        random_state=2,
    )


def moons():
    """Two interleaved half circles: not convex."""
    return make_moons(n_samples=600, noise=0.08, random_state=0)


def unequal_scales():
    """Two groups apart on feature 0 (small units), noise on feature 1."""
    points, labels = make_blobs(
        n_samples=600,
        centers=[[0, 0], [1, 0]],
        cluster_std=0.15,
        random_state=3,
    )
    points[:, 1] *= 60  # feature 1 in much larger units, and no structure
    return points, labels


def wrong_k():
    """Four blobs, clustered as if there were three."""
    return make_blobs(
        n_samples=600, centers=4, cluster_std=1.0, random_state=8
    )


# --8<-- [end:cases]

# --8<-- [start:methods]
from sklearn.cluster import KMeans, SpectralClustering
from sklearn.metrics import silhouette_score
from sklearn.mixture import GaussianMixture
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def kmeans(k):
    """k-means, the best of ten starts."""
    return KMeans(n_clusters=k, n_init=10, random_state=0)


def gaussian_mixture(k):
    """Each cluster its own full covariance: any ellipse, any size."""
    return GaussianMixture(
        n_components=k, covariance_type="full", n_init=5, random_state=0
    )


def spectral(k):
    """Clusters of points linked through their nearest neighbours."""
    return SpectralClustering(
        n_clusters=k,
        affinity="nearest_neighbors",
        n_neighbors=10,
        random_state=0,
    )


def scaled_kmeans(k):
    """Every feature rescaled to variance 1, then k-means."""
    return make_pipeline(StandardScaler(), kmeans(k))


def kmeans_best_silhouette(points, ks=range(2, 9)):
    """k-means with the k whose clustering has the highest silhouette."""
    scores = {
        k: silhouette_score(points, kmeans(k).fit_predict(points)) for k in ks
    }
    return kmeans(max(scores, key=scores.get))


# name: (data, k given to k-means, its broken assumption, what works)
cases = {
    "wrong_k": (wrong_k, 3, "k is known", "k by silhouette"),
    "anisotropic": (anisotropic, 3, "round clusters", "Gaussian mixture"),
    "unequal_spread": (unequal_spread, 3, "equal spread", "Gaussian mixture"),
    "unequal_size": (unequal_size, 2, "similar sizes", "Gaussian mixture"),
    "moons": (moons, 2, "convex clusters", "spectral"),
    "unequal_scales": (unequal_scales, 2, "one scale", "rescaled k-means"),
}
alternatives = {
    "k by silhouette": lambda points, k: kmeans_best_silhouette(points),
    "Gaussian mixture": lambda points, k: gaussian_mixture(k),
    "spectral": lambda points, k: spectral(k),
    "rescaled k-means": lambda points, k: scaled_kmeans(k),
}
# --8<-- [end:methods]

# --8<-- [start:scores]
from sklearn.metrics import adjusted_rand_score

results = {}  # name: (X, y, k-means labels, alternative's labels)
kmeans_ari, other_ari, other_wins = {}, {}, {}
print(
    f"{'case':16}{'it assumes':18}{'k-means ARI':>12}  "
    f"{'instead':17}{'its ARI':>8}"
)
for name, (make_data, k, assumption, other) in cases.items():
    X, y = make_data()
    kmeans_labels = kmeans(k).fit_predict(X)
    other_labels = alternatives[other](X, k).fit_predict(X)
    results[name] = (X, y, kmeans_labels, other_labels)
    kmeans_ari[name] = adjusted_rand_score(y, kmeans_labels)
    other_ari[name] = adjusted_rand_score(y, other_labels)
    other_wins[name] = bool(other_ari[name] > kmeans_ari[name] + 0.05)
    case = name.replace("_", " ")
    print(
        f"{case:16}{assumption:18}{kmeans_ari[name]:>12.2f}  "
        f"{other:17}{other_ari[name]:>8.2f}"
    )
n_wins = sum(other_wins.values())
n_cases = len(other_wins)
silhouette_k = len(np.unique(results["wrong_k"][3]))  # the k it chose
# --8<-- [end:scores]

# --8<-- [start:plot_helper]
import matplotlib.pyplot as plt

colours = plt.get_cmap("tab10").colors
markers = ["o", "s", "^", "D", "v", "P", "X", "h", "<", ">"]


def plot_case(name):
    """k-means beside the alternative on one case, coloured by cluster."""
    points, _, kmeans_labels, other_labels = results[name]
    other = cases[name][3]
    fig, axes = plt.subplots(
        1, 2, figsize=(7.5, 3.6), sharex=True, sharey=True
    )
    panels = [
        ("k-means", kmeans_labels, kmeans_ari[name]),
        (other, other_labels, other_ari[name]),
    ]
    for ax, (title, labels, ari) in zip(axes, panels):
        for j in np.unique(labels):
            ax.scatter(
                *points[labels == j].T,
                s=10,
                color=colours[j % 10],
                marker=markers[j % 10],
                alpha=0.7,
                linewidths=0,
            )
        ax.set_title(f"{title}: ARI {ari:.2f}", fontsize=11)
        ax.tick_params(labelsize=9)
    fig.tight_layout()
    plt.show()


# --8<-- [end:plot_helper]

# --8<-- [start:wrong_k]
plot_case("wrong_k")
# --8<-- [end:wrong_k]

# --8<-- [start:anisotropic]
plot_case("anisotropic")
# --8<-- [end:anisotropic]

# --8<-- [start:unequal_spread]
plot_case("unequal_spread")
# --8<-- [end:unequal_spread]

# --8<-- [start:unequal_size]
plot_case("unequal_size")
# --8<-- [end:unequal_size]

# --8<-- [start:moons]
plot_case("moons")
# --8<-- [end:moons]

# --8<-- [start:unequal_scales]
plot_case("unequal_scales")
# --8<-- [end:unequal_scales]
