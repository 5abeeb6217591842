"""Lesson 1: Lloyd's algorithm step by step, and scikit-learn's same answer.

Page: docs/algorithm/step_by_step.md
"""

from tutorial_code.algorithm.lloyd import assign, inertia, lloyd

# --8<-- [start:data]
import numpy as np
from sklearn.datasets import make_blobs

X, y = make_blobs(n_samples=300, centers=4, center_box=(-7, 7), random_state=6)
k = 4
rng = np.random.default_rng(11)
start = X[rng.choice(len(X), size=k, replace=False)]  # k random points
print(f"{len(X)} points in {X.shape[1]} dimensions, k = {k}")
print("starting centres:")
print(start.round(2))
# --8<-- [end:data]

# --8<-- [start:run]
labels, centres, history = lloyd(X, start)
n_updates = len(history) - 1
print(f"stopped after {n_updates} updates: no point changed cluster")
print("final centres:")
print(centres.round(2))
# --8<-- [end:run]

# --8<-- [start:strip]
import matplotlib.pyplot as plt

colours = plt.get_cmap("tab10").colors
markers = ["o", "s", "^", "D", "v", "P", "X", "h", "<", ">"]


def draw_step(ax, points, step_centres, path):
    """Points coloured by their nearest centre; centres and their paths."""
    step_labels = assign(points, step_centres)
    for j, centre in enumerate(step_centres):
        mine = points[step_labels == j]
        ax.scatter(
            *mine.T,
            s=14,
            color=colours[j],
            marker=markers[j],
            alpha=0.6,
            linewidths=0,
        )
        trail = np.array([centres_then[j] for centres_then in path])
        ax.plot(*trail.T, color=colours[j], linewidth=1.5)
        ax.scatter(
            *centre,
            s=320,
            marker="*",
            color=colours[j],
            edgecolors="#7f7f7f",
            linewidths=1,
            zorder=3,
        )
    ax.set_xticks([])
    ax.set_yticks([])


shown = [0, 1, 2, n_updates]  # the start, two updates, the end
fig, axes = plt.subplots(2, 2, figsize=(7.5, 6.6), sharex=True, sharey=True)
for ax, step in zip(axes.ravel(), shown):
    draw_step(ax, X, history[step], history[: step + 1])
    ax.set_title("start" if step == 0 else f"after update {step}", fontsize=11)
fig.tight_layout()
plt.show()
# --8<-- [end:strip]

# --8<-- [start:blobs]
# Which of make_blobs' blobs (y) each centre is in: that of its nearest point.
names = ["blue", "orange", "green", "red"]  # the centres' colours above
start_blobs = y[assign(start, X)]  # for each centre, the nearest of X
final_blobs = y[assign(centres, X)]
print("blob of each centre:")
print(f"{'centre':>8}{'start':>7}{'end':>5}")
for name, before, after in zip(names, start_blobs, final_blobs):
    print(f"{name:>8}{before:>7}{after:>5}")
crowded = [blob for blob in range(k) if (start_blobs == blob).sum() > 1]
sharing = [name for name, b in zip(names, start_blobs) if b in crowded]
blobs_without_centre = k - len(set(start_blobs))
moved_across = [
    name for name, b, a in zip(names, start_blobs, final_blobs) if b != a
]
one_centre_per_blob = len(set(final_blobs)) == k
print(f"blobs with no centre at the start: {blobs_without_centre}")
print(f"centres that changed blob: {', '.join(moved_across)}")
print(f"one centre per blob at the end: {one_centre_per_blob}")
# --8<-- [end:blobs]

# --8<-- [start:inertia]
# Inertia after each half step: assign (labels change), update (centres move).
step_labels = [assign(X, step_centres) for step_centres in history]
half_steps = [inertia(X, step_labels[0], history[0])]
for step in range(1, len(history)):
    half_steps.append(inertia(X, step_labels[step - 1], history[step]))
    half_steps.append(inertia(X, step_labels[step], history[step]))
always_down = bool(np.all(np.diff(half_steps) <= 1e-9))
first_inertia, final_inertia = half_steps[0], half_steps[-1]
print(f"inertia at the start: {first_inertia:,.1f}")
print(f"inertia at the end:   {final_inertia:,.1f}")
print(f"went up at any half step: {not always_down}")

fig, ax = plt.subplots(figsize=(7.5, 3.2))
positions = np.arange(len(half_steps))
ax.plot(positions, half_steps, color=colours[0], linewidth=1.5)
ax.scatter(
    positions[0::2],
    half_steps[0::2],
    color=colours[0],
    marker="o",
    s=40,
    zorder=3,
    edgecolors="#7f7f7f",
    label="after assigning",
)
ax.scatter(
    positions[1::2],
    half_steps[1::2],
    color=colours[1],
    marker="s",
    s=40,
    zorder=3,
    edgecolors="#7f7f7f",
    label="after updating",
)
ax.set_xlabel("half step: assign, update, assign, update, ...")
ax.set_ylabel("inertia")
ax.legend(fontsize=10)
fig.tight_layout()
plt.show()
# --8<-- [end:inertia]

# --8<-- [start:best]
from sklearn.cluster import KMeans

best = KMeans(n_clusters=k, n_init=10, random_state=0).fit(X)
reached_best = bool(final_inertia <= best.inertia_ * (1 + 1e-9))
print(f"our run:                          {final_inertia:,.1f}")
print(f"lowest of 10 scikit-learn starts: {best.inertia_:,.1f}")
# --8<-- [end:best]

# --8<-- [start:sklearn]
from sklearn.cluster import KMeans

model = KMeans(n_clusters=k, init=start, n_init=1, algorithm="lloyd", tol=0)
model.fit(X)
same_labels = bool(np.array_equal(model.labels_, labels))
centre_gap = float(np.abs(model.cluster_centers_ - centres).max())
centres_match = centre_gap < 1e-12
sklearn_passes = int(model.n_iter_)
print(f"same labels as ours:                  {same_labels}")
print(f"centres within 1e-12 of ours:         {centres_match}")
print(f"passes (the last one changes nothing): {sklearn_passes}")

default = KMeans(n_clusters=k, init=start, n_init=1, algorithm="lloyd")
default.fit(X)
default_gap = float(np.abs(default.cluster_centers_ - centres).max())
default_labels_differ = int((default.labels_ != labels).sum())
default_passes = int(default.n_iter_)
default_stops_earlier = default_passes < sklearn_passes
print(
    f"with the default tol: {default_passes} passes, centres up to "
    f"{default_gap:.1e} away, {default_labels_differ} labels differ"
)
# --8<-- [end:sklearn]


# --8<-- [start:empty]
far_start = start.copy()
far_start[3] = [30.0, 30.0]  # a centre no point is near
counts = np.bincount(assign(X, far_start), minlength=k)
print("points per cluster at the start:", counts.tolist())

empty_labels, empty_centres, _ = lloyd(X, far_start)
empty_model = KMeans(
    n_clusters=k, init=far_start, n_init=1, algorithm="lloyd", tol=0
).fit(X)
empty_same_labels = bool(np.array_equal(empty_model.labels_, empty_labels))
empty_gap = float(np.abs(empty_model.cluster_centers_ - empty_centres).max())
empty_match = empty_gap < 1e-12
print(f"no NaN in our centres:        {not np.isnan(empty_centres).any()}")
print(f"same labels as scikit-learn:  {empty_same_labels}")
print(f"centres within 1e-12:         {empty_match}")
# --8<-- [end:empty]

# --8<-- [start:regions]
grid_x, grid_y = np.meshgrid(
    np.linspace(X[:, 0].min() - 1, X[:, 0].max() + 1, 400),
    np.linspace(X[:, 1].min() - 1, X[:, 1].max() + 1, 400),
)
grid = np.column_stack([grid_x.ravel(), grid_y.ravel()])
regions = model.predict(grid).reshape(grid_x.shape)  # nearest centre

fig, ax = plt.subplots(figsize=(7.5, 6.4))
ax.contourf(
    grid_x,
    grid_y,
    regions,
    levels=np.arange(k + 1) - 0.5,
    colors=colours[:k],
    alpha=0.25,
)
ax.contour(
    grid_x,
    grid_y,
    regions,
    levels=np.arange(k) + 0.5,
    colors="#7f7f7f",
    linewidths=1,
)
draw_step(ax, X, model.cluster_centers_, [model.cluster_centers_])
ax.set_aspect("equal")  # one unit the same length across and up: true angles
ax.set_title(
    "Each centre's region: the points nearer to it than to any other",
    fontsize=11,
)
fig.tight_layout()
plt.show()
# --8<-- [end:regions]

# The conclusions the page draws, checked (readers do not see this); in a
# function, so that its working names are not taken for quoted values.
from tutorial_code.claims import claim


def check_conclusions() -> None:
    claim(
        "one_moved_across",
        len(sharing) == 2
        and blobs_without_centre == 1
        and len(moved_across) == 1
        and moved_across[0] in sharing
        and one_centre_per_blob,
        "two centres start in one blob and one blob has none; one of the two "
        "moves across to it, and at the end every blob has one centre",
    )
    claim(
        "inertia_never_rises",
        always_down,
        "the inertia never rose at any half step",
    )
    claim(
        "same_as_sklearn",
        same_labels and centres_match and empty_same_labels and empty_match,
        "scikit-learn with tol=0 gives our labels and centres, also when a "
        "cluster empties",
    )
    # Each blob's region: the one most of its points are in; strays: the rest.
    main_regions = [
        np.bincount(model.labels_[y == blob]).argmax() for blob in range(k)
    ]
    strays = int((model.labels_ != np.array(main_regions)[y]).sum())
    claim(
        "each_blob_in_one_region",
        len(set(main_regions)) == k and 1 <= strays <= 2,
        "each blob lies in a region of its own, apart from a point or two at "
        "a border",
    )


check_conclusions()
