"""Lesson 4: how k-means' cost grows with the data and with k, measured.

Page: docs/algorithm/scaling.md
"""

from tutorial_code.claims import claim
from tutorial_code.timing import MARGIN, best_seconds, compared

# --8<-- [start:models]
import numpy as np
from sklearn.cluster import BisectingKMeans, KMeans, MiniBatchKMeans


def make_models(k: int, start: np.ndarray) -> dict:
    """The four ways scikit-learn offers to fit k-means, one start each.

    The three that accept starting centres all get ``start``; bisecting
    k-means picks a start for each of its splits itself.
    """
    same = {"n_clusters": k, "n_init": 1, "random_state": 0}
    return {
        "lloyd": KMeans(init=start, algorithm="lloyd", **same),
        "elkan": KMeans(init=start, algorithm="elkan", **same),
        "minibatch": MiniBatchKMeans(init=start, **same),
        "bisecting": BisectingKMeans(**same),
    }


# --8<-- [end:models]

# --8<-- [start:measure]
import numpy as np
from sklearn.cluster import kmeans_plusplus
from sklearn.datasets import make_blobs
from threadpoolctl import threadpool_limits

X_all, _ = make_blobs(
    n_samples=100_000,
    n_features=10,
    centers=16,
    cluster_std=3.0,
    random_state=0,
)


def measure(points: np.ndarray, k: int) -> dict:
    """Per model: the fit's time (s), its iterations (MiniBatch: batches;
    bisecting: None), the time of one, and the inertia.

    On one thread: the cost of the algorithm, not the free cores.
    """
    start, _ = kmeans_plusplus(points, k, random_state=0)
    measured = {}
    for name, model in make_models(k, start).items():
        with threadpool_limits(limits=1):
            fit_seconds = best_seconds(model.fit, points)
        # MiniBatchKMeans counts its batches in n_steps_ (its n_iter_
        # counts passes over the data); bisecting reports no count.
        steps = getattr(model, "n_steps_", getattr(model, "n_iter_", None))
        measured[name] = {
            "fit_seconds": fit_seconds,
            "steps": steps,
            "step_seconds": fit_seconds / steps if steps else None,
            "inertia": -model.score(points),  # one measure for all four
        }
    return measured


# --8<-- [end:measure]

# --8<-- [start:against_n]
sizes = [12_500, 25_000, 50_000, 100_000]
k_fixed = 16
by_n = {n: measure(X_all[:n], k_fixed) for n in sizes}
names = list(by_n[sizes[0]])


def ms(seconds: float, decimals: int = 1) -> str:
    """A time in milliseconds, for the tables."""
    return f"{seconds * 1000:.{decimals}f} ms"


def print_tables(label: str, results: dict) -> None:
    """Whole-fit times, then iterations and the time of one."""
    print("Whole fit:")
    print(f"{label:>8}" + "".join(f"{name:>11}" for name in names))
    for x, measured in results.items():
        times = [ms(measured[m]["fit_seconds"]) for m in names]
        print(f"{x:>8,}" + "".join(f"{t:>11}" for t in times))
    print("Iterations, and the time of one (MiniBatch: of one batch):")
    print(
        f"{label:>8}{'iterations':>11}{'lloyd':>10}{'elkan':>10}"
        f"{'batches':>9}{'minibatch':>10}"
    )
    for x, measured in results.items():
        lloyd, elkan, batch = (measured[m] for m in names[:3])
        print(
            f"{x:>8,}{lloyd['steps']:>11}"
            f"{ms(lloyd['step_seconds'], 2):>10}"
            f"{ms(elkan['step_seconds'], 2):>10}"
            f"{batch['steps']:>9}{ms(batch['step_seconds'], 2):>10}"
        )


print(f"k = {k_fixed}")
print_tables("n", by_n)
lloyd_iterations_n = [by_n[n]["lloyd"]["steps"] for n in sizes]
# --8<-- [end:against_n]

# --8<-- [start:against_k]
ks = [4, 8, 16, 32, 64]
n_fixed = 20_000
by_k = {k: measure(X_all[:n_fixed], k) for k in ks}
print(f"n = {n_fixed:,}")
print_tables("k", by_k)
lloyd_iterations_k = [by_k[k]["lloyd"]["steps"] for k in ks]
# --8<-- [end:against_k]

# --8<-- [start:slopes_seconds]
import matplotlib.pyplot as plt
from matplotlib.ticker import (
    FormatStrFormatter,
    LogLocator,
    NullFormatter,
    NullLocator,
)


def slope(xs: list, seconds: list) -> float:
    """The slope of log(time) against log(x): time grows like x**slope."""
    return float(np.polyfit(np.log(xs), np.log(seconds), 1)[0])


fig, axes = plt.subplots(
    2, 2, figsize=(7.4, 6.4), sharex="col", sharey="row", layout="constrained"
)
slopes_seconds = {}  # (what, against): per model
for column, (against, xs, results) in enumerate(
    [("n", sizes, by_n), ("k", ks, by_k)]
):
    for row, what in enumerate(["fit_seconds", "step_seconds"]):
        ax = axes[row, column]
        slopes_seconds[what, against] = {}
        for number, name in enumerate(names):
            times = [results[x][name][what] for x in xs]
            if None in times:  # bisecting has no iterations
                continue
            slopes_seconds[what, against][name] = slope(xs, times)
            ax.loglog(
                xs,
                [t * 1000 for t in times],
                color=f"C{number}",
                marker="os^D"[number],
                markeredgecolor="#7f7f7f",
                label=name,
            )
        ax.set_xticks(xs, [f"{x / 1000:g}k" if x >= 10_000 else x for x in xs])
        ax.xaxis.set_minor_locator(NullLocator())  # only our ticks on x
for ax in axes[:, 0]:  # each row shares its y axis: ticks 1, 2, 5, 10...
    ax.yaxis.set_major_locator(LogLocator(subs=(1, 2, 5)))
    ax.yaxis.set_major_formatter(FormatStrFormatter("%g"))
    ax.yaxis.set_minor_formatter(NullFormatter())
axes[0, 0].set_ylabel("whole fit (ms)")
axes[1, 0].set_ylabel("one iteration (ms)\n(minibatch: one batch)")
axes[1, 0].set_xlabel(f"samples n (k = {k_fixed})")
axes[1, 1].set_xlabel(f"clusters k (n = {n_fixed:,})")
fig.legend(
    *axes[0, 0].get_legend_handles_labels(),
    loc="outside upper center",
    ncol=4,
    fontsize=10,
)
plt.show()
# --8<-- [end:slopes_seconds]

# --8<-- [start:quality]
# Inertia above the lowest of the four, in each setting measured.
settings = {f"n = {n:,}": by_n[n] for n in sizes}
settings |= {f"k = {k}": by_k[k] for k in ks}
print(f"{'':12}" + "".join(f"{name:>11}" for name in names))
worst_excess = dict.fromkeys(names, 0.0)
for setting, measured in settings.items():
    inertias = {m: measured[m]["inertia"] for m in names}
    excess = {m: inertias[m] / min(inertias.values()) - 1 for m in names}
    worst_excess = {m: max(worst_excess[m], excess[m]) for m in names}
    print(f"{setting:12}" + "".join(f"{excess[m]:>11.2%}" for m in names))
same_lloyd_elkan = all(
    np.isclose(measured["lloyd"]["inertia"], measured["elkan"]["inertia"])
    for measured in settings.values()
)
# --8<-- [end:quality]

# --8<-- [start:which]
how = {
    "lloyd": "exact Lloyd steps (the default)",
    "elkan": "the same steps; skips distances",
    "minibatch": "steps on small random batches",
    "bisecting": "one split at a time; a hierarchy",
}
largest_n, largest_k = sizes[-1], ks[-1]
print(
    f"{'':10}{f'n = {largest_n:,}':>11}{f'k = {largest_k}':>11}"
    f"{'worst':>8}  how"
)
for m in names:
    print(
        f"{m:10}{ms(by_n[largest_n][m]['fit_seconds']):>11}"
        f"{ms(by_k[largest_k][m]['fit_seconds']):>11}"
        f"{worst_excess[m]:>8.1%}  {how[m]}"
    )
# --8<-- [end:which]

# The words of the page's sentences, chosen by the measurements (names with
# "seconds": they may differ from build to build), then the conclusions the
# page draws, checked.


def growth(slope: float, x: str) -> str:
    """Words for a time that grows like x**slope (slope within 0.2 of 1:
    about in proportion; within 0.1 of 0: hardly changed)."""
    if slope < -0.1:
        return f"fell as {x} grew"
    if slope <= 0.1:
        return f"hardly changed as {x} grew"
    if slope < 0.8:
        return f"grew less than in proportion to {x}"
    if slope <= 1.2:
        return f"grew about in proportion to {x}"
    return f"grew more than in proportion to {x}"


def fastest(times_seconds: dict) -> list[str]:
    """The names whose time is within the margin of the best."""
    best = min(times_seconds.values())
    return [
        name
        for name, seconds in times_seconds.items()
        if seconds <= best * (1 + MARGIN)
    ]


slope_fit_n_seconds = slopes_seconds["fit_seconds", "n"]
slope_step_n_seconds = slopes_seconds["step_seconds", "n"]
slope_fit_k_seconds = slopes_seconds["fit_seconds", "k"]
slope_step_k_seconds = slopes_seconds["step_seconds", "k"]
lloyd_step_n_growth_seconds = growth(slope_step_n_seconds["lloyd"], "n")
lloyd_step_k_growth_seconds = growth(slope_step_k_seconds["lloyd"], "k")
minibatch_step_n_growth_seconds = growth(
    slope_step_n_seconds["minibatch"], "n"
)
minibatch_step_k_growth_seconds = growth(
    slope_step_k_seconds["minibatch"], "k"
)
lloyd_fit_k_growth_seconds = growth(slope_fit_k_seconds["lloyd"], "k")
bisecting_fit_k_growth_seconds = growth(slope_fit_k_seconds["bisecting"], "k")

at_n_seconds = {m: by_n[largest_n][m]["fit_seconds"] for m in names}
at_k_seconds = {m: by_k[largest_k][m]["fit_seconds"] for m in names}
# Each method against Lloyd at the largest n and the largest k.
versus_lloyd_at_n_seconds = {
    m: compared(at_n_seconds[m], at_n_seconds["lloyd"]) for m in names
}
versus_lloyd_at_k_seconds = {
    m: compared(at_k_seconds[m], at_k_seconds["lloyd"]) for m in names
}
fastest_at_n_seconds = fastest(at_n_seconds)
fastest_at_k_seconds = fastest(at_k_seconds)
elkan_ever_faster_seconds = any(
    compared(r["elkan"]["fit_seconds"], r["lloyd"]["fit_seconds"])
    == "faster than"
    for r in settings.values()
)

claim(
    "same_iterations",
    all(r["lloyd"]["steps"] == r["elkan"]["steps"] for r in settings.values()),
    "from the same start, Elkan made as many iterations as Lloyd in every "
    "setting",
)
claim(
    "same_inertia",
    same_lloyd_elkan,
    "Lloyd and Elkan reached the same inertia in every setting",
)
claim(
    "iterations_vary",
    max(lloyd_iterations_n) >= 1.5 * min(lloyd_iterations_n),
    "the number of iterations changed from one data set to the next",
)
claim(
    "iteration_grows_with_n",
    0.4 < slope_step_n_seconds["lloyd"] < 1.6,
    "Lloyd's time per iteration grew with n (a slope between 0.4 and 1.6)",
)
claim(
    "batch_cheaper_than_iteration",
    by_n[largest_n]["minibatch"]["step_seconds"]
    < by_n[largest_n]["lloyd"]["step_seconds"],
    f"at n = {largest_n:,}, a MiniBatch batch took less time than a Lloyd "
    "iteration",
)
