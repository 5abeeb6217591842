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
import warnings

from sklearn.cluster import DBSCAN, HDBSCAN, KMeans, SpectralClustering
from sklearn.metrics import silhouette_score
from sklearn.mixture import GaussianMixture
from sklearn.neighbors import NearestNeighbors
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

# Each method takes the points and k, and returns a label per point.


def kmeans(points, k):
    """k-means, the best of ten starts."""
    return KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(points)


def kmeans_by_silhouette(points, k):
    """k-means with the k from 2 to 8 of highest silhouette (k unused)."""
    found = {j: kmeans(points, j) for j in range(2, 9)}
    scores = {j: silhouette_score(points, found[j]) for j in found}
    return found[max(scores, key=scores.get)]


def gaussian_mixture(points, k):
    """k Gaussian clouds, each with its own full covariance: any ellipse."""
    model = GaussianMixture(
        n_components=k, covariance_type="full", n_init=5, random_state=0
    )
    return model.fit_predict(points)


def spectral(points, k):
    """k groups of points linked through their nearest neighbours."""
    model = SpectralClustering(
        n_clusters=k,
        affinity="nearest_neighbors",
        n_neighbors=10,
        random_state=0,
    )
    with warnings.catch_warnings():
        # Well-apart blobs leave no neighbour links between them; the
        # graph then falls into pieces, which scikit-learn warns about.
        warnings.filterwarnings("ignore", "Graph is not fully connected")
        return model.fit_predict(points)


def rescaled_kmeans(points, k):
    """Every feature rescaled to variance 1, then k-means."""
    model = make_pipeline(
        StandardScaler(), KMeans(n_clusters=k, n_init=10, random_state=0)
    )
    return model.fit_predict(points)


def dbscan(points, k, min_samples=10, core_share=0.9):
    """DBSCAN, with eps making 90 % of the points core points (k unused)."""
    # A core point has min_samples points within eps, itself included.
    neighbours = NearestNeighbors(n_neighbors=min_samples).fit(points)
    distances, _ = neighbours.kneighbors(points)
    eps = np.quantile(distances[:, -1], core_share)
    return DBSCAN(eps=eps, min_samples=min_samples).fit_predict(points)


def hdbscan(points, k):
    """HDBSCAN, clusters of at least 25 points (k unused)."""
    return HDBSCAN(min_cluster_size=25, copy=True).fit_predict(points)


methods = {
    "k-means": kmeans,
    "k by silhouette": kmeans_by_silhouette,
    "Gaussian mixture": gaussian_mixture,
    "spectral": spectral,
    "rescaled k-means": rescaled_kmeans,
    "DBSCAN": dbscan,
    "HDBSCAN": hdbscan,
}
# name: (data, the k every method that takes one is given,
#        what k-means assumes there, the method made for that case)
cases = {
    "wrong_k": (wrong_k, 3, "k is known", "k by silhouette"),
    "elongated": (anisotropic, 3, "round clusters", "Gaussian mixture"),
    "spread": (unequal_spread, 3, "equal spread", "Gaussian mixture"),
    "sizes": (unequal_size, 2, "similar sizes", "Gaussian mixture"),
    "moons": (moons, 2, "convex clusters", "spectral"),
    "scales": (unequal_scales, 2, "one scale", "rescaled k-means"),
}
# --8<-- [end:methods]

# --8<-- [start:scores]
from sklearn.metrics import adjusted_rand_score

data, labels, ari = {}, {}, {}  # per case; per (case, method)
for case, (make_data, k, _, _) in cases.items():
    X, y = data[case] = make_data()
    for method, cluster in methods.items():
        labels[case, method] = cluster(X, k)
        ari[case, method] = adjusted_rand_score(y, labels[case, method])

print("ARI of each method (rows) on each case (columns)")
print(f"{'':17}" + "".join(f"{case.replace('_', ' '):>10}" for case in cases))
for method in methods:
    row = "".join(f"{ari[case, method]:>10.2f}" for case in cases)
    print(f"{method:17}{row}")
# --8<-- [end:scores]

# --8<-- [start:verdicts]
# "Clearly higher": an ARI more than 0.05 above k-means' on the same data.
others = [method for method in methods if method != "k-means"]
above = {
    (case, method): ari[case, method] > ari[case, "k-means"] + 0.05
    for case in cases
    for method in others
}
n_above = {case: sum(above[case, m] for m in others) for case in cases}
cases_above = {m: sum(above[case, m] for case in cases) for m in others}
n_cases, n_others = len(cases), len(others)
print(f"cases (of {n_cases}) where it scored clearly higher than k-means:")
for method in others:
    print(f"{method:17}{cases_above[method]:>3}")
n_cases_some_above = sum(count > 0 for count in n_above.values())
most_cases_above = max(cases_above.values())
# The method made for each case, against k-means
kmeans_ari = {case: ari[case, "k-means"] for case in cases}
other_ari = {case: ari[case, cases[case][3]] for case in cases}
other_wins = {case: above[case, cases[case][3]] for case in cases}
n_wins = sum(other_wins.values())
silhouette_k = len(np.unique(labels["wrong_k", "k by silhouette"]))
# --8<-- [end:verdicts]

# --8<-- [start:grid]
import matplotlib.pyplot as plt

table = np.array([[ari[case, method] for case in cases] for method in methods])
fig, ax = plt.subplots(figsize=(7.5, 4.6))
ax.imshow(table, cmap="viridis", vmin=0, vmax=1, aspect="auto")
for row in range(len(methods)):
    for column in range(len(cases)):
        value = table[row, column]
        top = value >= table[:, column].max() - 0.005  # the case's best
        ax.text(
            column,
            row,
            f"{value:.2f}",
            ha="center",
            va="center",
            fontsize=11,
            fontweight="bold" if top else "normal",
            color="black" if value > 0.5 else "white",
        )
ax.set_xticks(range(len(cases)), [case.replace("_", " ") for case in cases])
ax.set_yticks(range(len(methods)), list(methods))
ax.xaxis.tick_top()
ax.tick_params(length=0, labelsize=11)
ax.set_title("ARI (bold: the highest on each case)", fontsize=11, pad=24)
fig.tight_layout()
plt.show()
# --8<-- [end:grid]

# --8<-- [start:plot_helper]
import matplotlib.pyplot as plt

colours = plt.get_cmap("tab10").colors
markers = ["o", "s", "^", "D", "v", "P", "X", "h", "<", ">"]


def plot_case(case):
    """k-means beside the method made for the case, coloured by cluster."""
    points, _ = data[case]
    other = cases[case][3]
    fig, axes = plt.subplots(
        1, 2, figsize=(7.5, 3.6), sharex=True, sharey=True
    )
    for ax, method in zip(axes, ["k-means", other]):
        found = labels[case, method]
        for j in np.unique(found):
            ax.scatter(
                *points[found == j].T,
                s=10,
                color=colours[j % 10],
                marker=markers[j % 10],
                alpha=0.7,
                linewidths=0,
            )
        ax.set_title(f"{method}: ARI {ari[case, method]:.2f}", fontsize=11)
        ax.tick_params(labelsize=10)
    fig.tight_layout()
    plt.show()


# --8<-- [end:plot_helper]

# --8<-- [start:wrong_k]
plot_case("wrong_k")
# --8<-- [end:wrong_k]

# --8<-- [start:elongated]
plot_case("elongated")
# --8<-- [end:elongated]

# --8<-- [start:spread]
plot_case("spread")
# --8<-- [end:spread]

# --8<-- [start:sizes]
plot_case("sizes")
# --8<-- [end:sizes]

# --8<-- [start:moons]
plot_case("moons")
# --8<-- [end:moons]

# --8<-- [start:scales]
plot_case("scales")
# --8<-- [end:scales]

# The conclusions the page draws, checked (readers do not see this); in a
# function, so that its working names are not taken for quoted values.
from tutorial_code.claims import claim


def check_conclusions() -> None:
    claim(
        "kmeans_misses_each",
        all(value < 0.9 for value in kmeans_ari.values()),
        "k-means scores below 0.9 on every case",
    )
    claim(
        "no_method_everywhere",
        most_cases_above < n_cases,
        "no other method scores clearly higher than k-means on every case",
    )
    needs_k = ["Gaussian mixture", "spectral", "rescaled k-means"]
    claim(
        "same_wrong_k_no_help",
        not any(above["wrong_k", method] for method in needs_k),
        "given the same wrong k, no other method that needs k scores clearly "
        "higher than k-means",
    )
    claim(
        "wrong_k_figure",
        silhouette_k == 4
        and other_ari["wrong_k"] > 0.95
        and kmeans_ari["wrong_k"] < 0.9,
        "k-means with k = 3 merges blobs; k by silhouette finds the four",
    )
    claim(
        "elongated_figure",
        kmeans_ari["elongated"] < 0.75 and other_ari["elongated"] > 0.95,
        "k-means cuts across the elongated clusters; the Gaussian mixture "
        "follows them",
    )
    claim(
        "spread_figure",
        other_wins["spread"],
        "the Gaussian mixture keeps more of the loose blob together",
    )
    claim(
        "sizes_figure",
        kmeans_ari["sizes"] < 0.75 and other_ari["sizes"] > 0.9,
        "k-means gives the small cluster part of the large one; the Gaussian "
        "mixture separates them",
    )
    claim(
        "moons_figure",
        kmeans_ari["moons"] < 0.5 and other_ari["moons"] > 0.95,
        "k-means cuts the moons with a straight line; spectral clustering "
        "separates them",
    )
    claim(
        "scales_figure",
        kmeans_ari["scales"] < 0.2 and other_ari["scales"] > 0.95,
        "k-means splits along the noisy feature; rescaled k-means finds the "
        "groups",
    )
    claim(
        "density_follows_moons",
        ari["moons", "DBSCAN"] > 0.95 and ari["moons", "HDBSCAN"] > 0.95,
        "DBSCAN and HDBSCAN also separate the two moons",
    )
    claim(
        "dbscan_misses_spread",
        ari["spread", "DBSCAN"] < 0.3,
        "DBSCAN, with one eps for every cluster, fails on unequal spreads",
    )
    claim(
        "scales_break_all_but_rescaling",
        all(
            ari["scales", method] < 0.1
            for method in methods
            if method != "rescaled k-means"
        ),
        "on features of different scales, every method but rescaled "
        "k-means fails",
    )
    recommended = {
        "wrong_k": ["k by silhouette", "HDBSCAN"],
        "elongated": ["Gaussian mixture"],
        "spread": ["Gaussian mixture"],
        "sizes": ["Gaussian mixture"],
        "moons": ["spectral", "HDBSCAN", "DBSCAN"],
        "scales": ["rescaled k-means"],
    }
    claim(
        "table_backed",
        all(above[case, m] for case, ms in recommended.items() for m in ms),
        "every method the closing table recommends for a case scored clearly "
        "higher than k-means on it",
    )
    claim(
        "density_finds_four",
        above["wrong_k", "DBSCAN"] and above["wrong_k", "HDBSCAN"],
        "DBSCAN and HDBSCAN score clearly higher than k-means with k = 3",
    )
    claim(
        "each_method_fails_somewhere",
        all(min(ari[case, m] for case in cases) < 0.5 for m in others),
        "every other method scores below 0.5 on some case",
    )


check_conclusions()
