"""Going further 1: how much does one k-means run tell you?

Page: docs/digits_further/stability.md
"""

from tutorial_code.digits.matching import (
    hungarian_mapping,
    majority_vote_mapping,
    mapped_accuracy,
)

# --8<-- [start:runs]
import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import load_digits
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

X, y = load_digits(return_X_y=True)
n_seeds = 20
runs = []  # one dict per fit
for n_init in (1, 10):
    for seed in range(n_seeds):
        model = KMeans(n_clusters=10, n_init=n_init, random_state=seed)
        clusters = model.fit_predict(X)
        hungarian = hungarian_mapping(y, clusters)
        majority = majority_vote_mapping(y, clusters)
        runs.append(
            {
                "n_init": n_init,
                "inertia": model.inertia_,
                "accuracy": mapped_accuracy(y, clusters, hungarian),
                "majority_accuracy": mapped_accuracy(y, clusters, majority),
                "one_to_one": len(set(majority)) == 10,
                "ari": adjusted_rand_score(y, clusters),
                "nmi": normalized_mutual_info_score(y, clusters),
            }
        )
print(f"{len(runs)} fits: {n_seeds} seeds with n_init=1, {n_seeds} with 10")
# --8<-- [end:runs]


# --8<-- [start:summary]
def column(name: str, n_init: int) -> np.ndarray:
    """One measure over the seeds, for one n_init."""
    return np.array([run[name] for run in runs if run["n_init"] == n_init])


formats = {"accuracy": ".1%", "inertia": ",.0f", "ari": ".3f", "nmi": ".3f"}
print(f"{'':12}{'n_init=1':>26}{'n_init=10':>26}")
for name, spec in formats.items():
    cells = [
        f"{column(name, n).min():{spec}} to {column(name, n).max():{spec}}"
        for n in (1, 10)
    ]
    print(f"{name:12}{cells[0]:>26}{cells[1]:>26}")
# How often majority vote is not one-to-one, and how much more it claims.
not_one_to_one = [int(np.sum(~column("one_to_one", n))) for n in (1, 10)]
gaps = [
    column("majority_accuracy", n) - column("accuracy", n) for n in (1, 10)
]
n_overstated = [int(np.sum(gap > 0)) for gap in gaps]
largest_gap_points = [float(100 * gap.max()) for gap in gaps]
print(f"{'not 1-to-1':12}{not_one_to_one[0]:>26}{not_one_to_one[1]:>26}")
print(f"{'vote higher':12}{n_overstated[0]:>26}{n_overstated[1]:>26}")
# Spread from the worst seed to the best, in percentage points.
accuracy_spread = [float(100 * np.ptp(column("accuracy", n))) for n in (1, 10)]
mostly_not_one_to_one = not_one_to_one[0] > n_seeds / 2
# --8<-- [end:summary]

# --8<-- [start:plot]
import matplotlib.pyplot as plt

fig, axes = plt.subplots(1, 2, figsize=(8, 3.8))
rng = np.random.default_rng(0)  # horizontal jitter, so points don't overlap
for ax, name, label in zip(
    axes, ["accuracy", "inertia"], ["accuracy (Hungarian)", "inertia"]
):
    values = [column(name, n) for n in (1, 10)]
    # Orange outlines: black ones would vanish on a dark page.
    lines = {"color": "C1", "linewidth": 1.5}
    ax.boxplot(
        values,
        widths=0.5,
        showfliers=False,
        boxprops=lines,
        whiskerprops=lines,
        capprops=lines,
        medianprops=lines,
    )
    for position, points in enumerate(values, start=1):
        jitter = rng.uniform(-0.12, 0.12, len(points))
        ax.scatter(position + jitter, points, s=14, color="C0", zorder=3)
    ax.set_xticks([1, 2], ["n_init=1", "n_init=10"])
    ax.tick_params(labelsize=11)  # readable on a phone
    ax.yaxis.get_offset_text().set_fontsize(11)  # inertia's "1e6"
    ax.set_title(f"{label}, {n_seeds} seeds", fontsize=11)
fig.tight_layout()
plt.show()
# --8<-- [end:plot]

# --8<-- [start:lowest_inertia]
inertia, accuracy = column("inertia", 1), column("accuracy", 1)
lowest = int(np.argmin(inertia))
lowest_inertia_accuracy = float(accuracy[lowest])
best_accuracy = float(accuracy.max())
best_is_lowest = lowest_inertia_accuracy == best_accuracy
print(
    f"the run with the lowest inertia: accuracy {lowest_inertia_accuracy:.1%}"
)
print(f"the most accurate run:           accuracy {best_accuracy:.1%}")
# --8<-- [end:lowest_inertia]

# --8<-- [start:agreement]
all_accuracy = np.array([run["accuracy"] for run in runs])
ari_correlation = float(
    np.corrcoef(all_accuracy, [run["ari"] for run in runs])[0, 1]
)
nmi_correlation = float(
    np.corrcoef(all_accuracy, [run["nmi"] for run in runs])[0, 1]
)
print(f"correlation of accuracy with ARI: {ari_correlation:.2f}")
print(f"correlation of accuracy with NMI: {nmi_correlation:.2f}")
# --8<-- [end:agreement]

from tutorial_code.claims import claim

claim(
    "vote_sometimes_higher",
    n_overstated[0] > 0,
    "majority vote scored higher than the one-to-one matching in some "
    "single-start fits",
)
claim(
    "vote_higher_only_when_shared",
    all(n <= m for n, m in zip(n_overstated, not_one_to_one)),
    "majority vote scores higher only in fits where it is not one-to-one",
)
claim(
    "ten_starts_steadier",
    accuracy_spread[1] < accuracy_spread[0]
    and np.ptp(column("inertia", 10)) < np.ptp(column("inertia", 1)),
    "the best of ten starts varies less from seed to seed, in accuracy and "
    "in inertia",
)
claim(
    "scores_agree_with_accuracy",
    min(ari_correlation, nmi_correlation) > 0.8,
    "ARI and NMI rank the fits much as accuracy does",
)
