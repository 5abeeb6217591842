"""Lesson 2: starting well with k-means++, measured over many seeds.

Page: docs/algorithm/kmeans_plus_plus.md
"""

from tutorial_code.algorithm.lloyd import assign, inertia, lloyd
from tutorial_code.algorithm.seeding import kmeans_plus_plus, random_points

# --8<-- [start:data]
import numpy as np
from sklearn.datasets import make_blobs

X, y = make_blobs(
    n_samples=500,
    centers=8,
    cluster_std=0.7,
    center_box=(-10, 10),
    random_state=10,
)
k = 8
print(f"{len(X)} points in {X.shape[1]} dimensions, {k} blobs, k = {k}")
# --8<-- [end:data]

# --8<-- [start:first_centres]
import matplotlib.patheffects as path_effects
import matplotlib.pyplot as plt

starts = {
    "random points": random_points(X, k, np.random.default_rng(0)),
    "k-means++": kmeans_plus_plus(X, k, np.random.default_rng(0)),
}
fig, axes = plt.subplots(1, 2, figsize=(7.5, 3.9), sharex=True, sharey=True)
for ax, (name, start) in zip(axes, starts.items()):
    ax.scatter(*X.T, s=10, color="C0", alpha=0.6, linewidths=0)
    ax.scatter(
        *start.T,
        s=260,
        marker="*",
        color="C1",
        edgecolors="#7f7f7f",
        linewidths=1,
        zorder=3,
    )
    for order, centre in enumerate(start, start=1):
        ax.annotate(
            str(order),
            centre,
            xytext=(7, 5),
            textcoords="offset points",
            color="C3",
            fontsize=12,
            fontweight="bold",
            zorder=4,  # above the stars
            path_effects=[
                path_effects.withStroke(linewidth=3, foreground="w")
            ],
        )
    ax.margins(0.1)  # room for the numbers at the edges
    ax.set_title(name, fontsize=11)
    ax.set_xticks([])
    ax.set_yticks([])
fig.tight_layout()
plt.show()
# --8<-- [end:first_centres]

# --8<-- [start:many_seeds]
from sklearn.cluster import kmeans_plusplus


def blobs_without_centre(centres: np.ndarray) -> int:
    """How many blobs have no centre: a centre is in its nearest point's."""
    return k - len(np.unique(y[assign(centres, X)]))


n_seeds = 100
seeders = {
    "random": lambda rng, seed: random_points(X, k, rng),
    "k-means++": lambda rng, seed: kmeans_plus_plus(X, k, rng),
    "greedy k-means++": lambda rng, seed: kmeans_plusplus(
        X, k, random_state=seed
    )[0],  # scikit-learn's own
}
# Per seeding, per seed: final inertia, updates, blobs without a centre
# at the start and at the end.
final, updates, empty_start, empty_end = {}, {}, {}, {}
for name, seeder in seeders.items():
    runs = []
    for seed in range(n_seeds):
        start = seeder(np.random.default_rng(seed), seed)
        labels, centres, history = lloyd(X, start)
        runs.append(
            (
                inertia(X, labels, centres),
                len(history) - 1,
                blobs_without_centre(start),
                blobs_without_centre(centres),
            )
        )
    final[name], updates[name], empty_start[name], empty_end[name] = (
        np.array(column) for column in zip(*runs)
    )
lowest = min(values.min() for values in final.values())
excess = {name: values / lowest - 1 for name, values in final.items()}
# --8<-- [end:many_seeds]

# --8<-- [start:summary]
share_best, median_excess, mean_updates = {}, {}, {}
print(f"{n_seeds} seeds each; inertia above the lowest, median and worst:")
print(f"{'':18}{'median':>8}{'worst':>8}{'updates':>9}{'at best':>9}")
for name in seeders:
    share_best[name] = float(np.mean(excess[name] <= 1e-9))
    median_excess[name] = float(np.median(excess[name]))
    mean_updates[name] = float(updates[name].mean())
    print(
        f"{name:18}{median_excess[name]:>8.1%}"
        f"{excess[name].max():>8.0%}{mean_updates[name]:>9.1f}"
        f"{share_best[name]:>9.0%}"
    )
share_random, share_plus = share_best["random"], share_best["k-means++"]
share_greedy = share_best["greedy k-means++"]
updates_random, updates_plus = (
    mean_updates["random"],
    mean_updates["k-means++"],
)
plus_beats_random = share_plus > share_random
plus_is_quicker = updates_plus < updates_random
# --8<-- [end:summary]

# --8<-- [start:stuck]
left_empty, filled = {}, {}
print(f"Of {n_seeds} starts each, those that left a blob without a centre,")
print("those of them that Lloyd's algorithm repaired, and the rest:")
print(f"{'':18}{'blob empty':>11}{'repaired':>10}{'stuck':>7}")
for name in seeders:
    had_gap, has_gap = empty_start[name] > 0, empty_end[name] > 0
    left_empty[name] = int(had_gap.sum())
    filled[name] = int((had_gap & ~has_gap).sum())
    print(
        f"{name:18}{left_empty[name]:>11}{filled[name]:>10}"
        f"{left_empty[name] - filled[name]:>7}"
    )
left_empty_random, filled_random = left_empty["random"], filled["random"]
left_empty_plus, filled_plus = left_empty["k-means++"], filled["k-means++"]
# --8<-- [end:stuck]

# --8<-- [start:distributions]
fig, axes = plt.subplots(1, 2, figsize=(7.5, 3.6))
names = list(seeders)
jitter = np.random.default_rng(0).uniform(-0.15, 0.15, n_seeds)
for position, name in enumerate(names):
    axes[0].scatter(
        position + jitter,
        100 * excess[name],
        s=14,
        color=f"C{position}",
        alpha=0.7,
        edgecolors="#7f7f7f",
        linewidths=0.3,
    )
    counts = np.bincount(updates[name])
    axes[1].plot(
        np.arange(1, len(counts)),
        counts[1:],  # a run makes at least one update
        marker="os^"[position],
        color=f"C{position}",
        label=name,
    )
axes[0].set_xticks(range(len(names)), ["random", "k-means++", "greedy"])
axes[0].set_ylabel("inertia above the lowest (%)")
axes[1].set_xlabel("updates until no point moves")
axes[1].set_ylabel("runs")
axes[1].legend(fontsize=10)
axes[1].xaxis.get_major_locator().set_params(integer=True)
fig.tight_layout()
plt.show()
# --8<-- [end:distributions]

# --8<-- [start:n_init]
# The chance that at least one of n_init independent starts finds the best.
n_inits = [1, 3, 10]
print(f"{'n_init':>18}" + "".join(f"{n:>8}" for n in n_inits))
chance_best = {}
for name in seeders:
    chances = [1 - (1 - share_best[name]) ** n for n in n_inits]
    chance_best[name] = chances[-1]
    # "100%" would claim certainty: show such chances as "> 99.9%".
    shown = [f"{c:.1%}" if c < 0.999 else "> 99.9%" for c in chances]
    print(f"{name:>18}" + "".join(f"{text:>8}" for text in shown))
# --8<-- [end:n_init]

# The conclusions the page draws, checked (readers do not see this); in a
# function, so that its working names are not taken for quoted values.
from tutorial_code.claims import claim


def check_conclusions() -> None:
    claim(
        "first_starts",
        blobs_without_centre(starts["random points"]) >= 2
        and blobs_without_centre(starts["k-means++"]) == 0,
        "in the first figure, random points leave several blobs without a "
        "centre, and k-means++ puts one centre in every blob",
    )
    claim(
        "lloyd_sometimes_repairs",
        filled_random >= 1,
        "Lloyd's algorithm sometimes moves a centre across to a blob that had "
        "none",
    )
    claim(
        "lloyd_mostly_stuck",
        left_empty_random - filled_random > left_empty_random / 2,
        "more often than not, a blob left without a centre stays without one",
    )
    claim(
        "worse_means_blob_without_centre",
        all(
            np.array_equal(excess[name] > 1e-9, empty_end[name] > 0)
            for name in seeders
        ),
        "every run that ended above the lowest inertia, and only those, ended "
        "with a blob without a centre of its own",
    )
    mean_excess = {name: values.mean() for name, values in excess.items()}
    claim(
        "distributions_order",
        mean_excess["random"]
        > mean_excess["k-means++"]
        > mean_excess["greedy k-means++"]
        and mean_updates["random"]
        > mean_updates["k-means++"]
        > mean_updates["greedy k-means++"],
        "random starts end highest on average and greedy k-means++ lowest; "
        "greedy k-means++ needs the fewest updates and random starts the most",
    )
    claim(
        "no_start_safe",
        all(share < 1 for share in share_best.values()),
        "no way of starting reached the lowest inertia in every run",
    )


check_conclusions()
