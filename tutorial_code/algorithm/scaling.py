"""Lesson 4: how k-means' cost grows with the data and with k, measured.

Page: docs/algorithm/scaling.md
"""

# --8<-- [start:models]
from sklearn.cluster import BisectingKMeans, KMeans, MiniBatchKMeans


def make_models(k: int) -> dict:
    """The four ways scikit-learn offers to fit k-means, one start each."""
    return {
        "lloyd": KMeans(
            n_clusters=k, n_init=1, algorithm="lloyd", random_state=0
        ),
        "elkan": KMeans(
            n_clusters=k, n_init=1, algorithm="elkan", random_state=0
        ),
        "minibatch": MiniBatchKMeans(n_clusters=k, n_init=1, random_state=0),
        "bisecting": BisectingKMeans(n_clusters=k, n_init=1, random_state=0),
    }


# --8<-- [end:models]

# --8<-- [start:measure]
import time

import numpy as np
from sklearn.datasets import make_blobs
from threadpoolctl import threadpool_limits

X_all, _ = make_blobs(
    n_samples=64_000,
    n_features=10,
    centers=16,
    cluster_std=2.0,
    random_state=0,
)


def measure(points: np.ndarray, k: int) -> tuple[dict, dict]:
    """Per model: the fastest of two fits (seconds), and its inertia.

    On one thread: the cost of the algorithm, not the free cores.
    """
    fit_seconds, inertias = {}, {}
    for name in make_models(k):
        times = []
        for _ in range(2):
            model = make_models(k)[name]
            with threadpool_limits(limits=1):
                start_seconds = time.perf_counter()
                model.fit(points)
                times.append(time.perf_counter() - start_seconds)
        fit_seconds[name] = min(times)
        inertias[name] = -model.score(points)  # the same measure for all four
    return fit_seconds, inertias


# --8<-- [end:measure]

# --8<-- [start:against_n]
sizes = [4_000, 8_000, 16_000, 32_000, 64_000]
k_fixed = 16
n_seconds, n_inertias = {}, {}  # size: per model
for n in sizes:
    n_seconds[n], n_inertias[n] = measure(X_all[:n], k_fixed)
names = list(make_models(k_fixed))
print(f"k = {k_fixed}, fit time:")
print(f"{'n':>8}" + "".join(f"{name:>12}" for name in names))
for n in sizes:
    print(f"{n:>8,}" + "".join(f"{n_seconds[n][m]:>10.3f} s" for m in names))
# --8<-- [end:against_n]

# --8<-- [start:against_k]
ks = [4, 8, 16, 32, 64]
n_fixed = 16_000
k_seconds, k_inertias = {}, {}  # k: per model
for k in ks:
    k_seconds[k], k_inertias[k] = measure(X_all[:n_fixed], k)
print(f"n = {n_fixed:,}, fit time:")
print(f"{'k':>8}" + "".join(f"{name:>12}" for name in names))
for k in ks:
    print(f"{k:>8}" + "".join(f"{k_seconds[k][m]:>10.3f} s" for m in names))
# --8<-- [end:against_k]

# --8<-- [start:slopes_seconds]
import matplotlib.pyplot as plt
from matplotlib.ticker import NullLocator


def slope(xs: list, seconds: list) -> float:
    """The slope of log(time) against log(x): time grows like x**slope."""
    return float(np.polyfit(np.log(xs), np.log(seconds), 1)[0])


slope_n_seconds, slope_k_seconds = {}, {}
fig, axes = plt.subplots(1, 2, figsize=(7.5, 4.4), sharey=True)
for number, name in enumerate(names):
    style = {
        "color": f"C{number}",
        "marker": "os^D"[number],
        "markeredgecolor": "#7f7f7f",
    }
    n_line_seconds = [n_seconds[n][name] for n in sizes]
    k_line_seconds = [k_seconds[k][name] for k in ks]
    slope_n_seconds[name] = slope(sizes, n_line_seconds)
    slope_k_seconds[name] = slope(ks, k_line_seconds)
    axes[0].loglog(
        sizes,
        n_line_seconds,
        **style,
        label=f"{name}, slope {slope_n_seconds[name]:.2f}",
    )
    axes[1].loglog(
        ks,
        k_line_seconds,
        **style,
        label=f"{name}, slope {slope_k_seconds[name]:.2f}",
    )
axes[0].set_xlabel(f"samples n (k = {k_fixed})")
axes[1].set_xlabel(f"clusters k (n = {n_fixed:,})")
axes[0].set_ylabel("fit time (s)")
for ax, ticks in zip(axes, [sizes, ks]):
    ax.set_xticks(
        ticks, [f"{t:,}" if t < 10_000 else f"{t // 1000}k" for t in ticks]
    )
    ax.xaxis.set_minor_locator(NullLocator())  # only our ticks on x
    ax.legend(fontsize=8.5, loc="upper center", bbox_to_anchor=(0.5, -0.17))
fig.tight_layout()
plt.show()
# --8<-- [end:slopes_seconds]

# --8<-- [start:quality]
# Inertia above the lowest of the four, in each setting measured.
settings = {f"n = {n:,}": n_inertias[n] for n in sizes}
settings |= {f"k = {k}": k_inertias[k] for k in ks}
print(f"{'':12}" + "".join(f"{name:>11}" for name in names))
worst_excess = dict.fromkeys(names, 0.0)
for setting, inertias in settings.items():
    excess = {m: inertias[m] / min(inertias.values()) - 1 for m in names}
    worst_excess = {m: max(worst_excess[m], excess[m]) for m in names}
    print(f"{setting:12}" + "".join(f"{excess[m]:>11.2%}" for m in names))
same_lloyd_elkan = bool(
    all(np.isclose(i["lloyd"], i["elkan"]) for i in settings.values())
)
# --8<-- [end:quality]

# --8<-- [start:which]
uses = {
    "lloyd": "the default: exact Lloyd steps",
    "elkan": "the same result; skips distances, more memory",
    "minibatch": "large n: updates from small random batches",
    "bisecting": "large k, or a hierarchy: splits one cluster at a time",
}
largest_n, largest_k = sizes[-1], ks[-1]
print(
    f"{'':10}{f'n = {largest_n:,}':>11}{f'k = {largest_k}':>11}"
    f"{'worst':>8}  use it for"
)
for m in names:
    print(
        f"{m:10}{n_seconds[largest_n][m]:>9.3f} s"
        f"{k_seconds[largest_k][m]:>9.3f} s"
        f"{worst_excess[m]:>8.1%}  {uses[m]}"
    )
minibatch_flatter_in_k_seconds = (
    slope_k_seconds["minibatch"] < slope_k_seconds["lloyd"]
)
bisecting_flatter_in_k_seconds = (
    slope_k_seconds["bisecting"] < slope_k_seconds["lloyd"]
)
# --8<-- [end:which]
