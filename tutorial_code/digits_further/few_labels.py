"""Going further: spend a budget of 50 labels well, with k-means.

Page: docs/digits_further/few_labels.md
"""

# --8<-- [start:split]
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

X, y = load_digits(return_X_y=True)
X = X / 16  # brightness 0..16 -> 0..1: logistic regression converges faster
n_labels = 50  # the labelling budget


def split(seed: int) -> list[np.ndarray]:
    """A stratified 75/25 split: X_train, X_test, y_train, y_test."""
    return train_test_split(
        X, y, test_size=0.25, stratify=y, random_state=seed
    )


X_train, X_test, y_train, y_test = split(seed=0)
print(f"training set: {len(X_train):,} images, test set: {len(X_test):,}")
# --8<-- [end:split]

# --8<-- [start:representatives]
import numpy as np
from sklearn.cluster import KMeans


def find_representatives(
    images: np.ndarray, seed: int
) -> tuple[KMeans, np.ndarray]:
    """Cluster ``images`` into ``n_labels`` groups (no label is looked at);
    return the k-means model and the index of the image nearest each centre.
    """
    kmeans = KMeans(n_clusters=n_labels, n_init=3, random_state=seed)
    # transform: each image's distance to every centre, one column per centre.
    distances = kmeans.fit_transform(images)
    return kmeans, distances.argmin(axis=0)


kmeans, representatives = find_representatives(X_train, seed=0)
# The only labels we pay for: a person looks at these 50 images.
representative_labels = y_train[representatives]
print("labels of the representatives:", representative_labels[:15], "...")
counts = np.bincount(representative_labels, minlength=10)
print("images of each digit 0-9:", counts)
missing_digits = np.flatnonzero(counts == 0).tolist()  # digits with none
# --8<-- [end:representatives]

# --8<-- [start:gallery]
import matplotlib.pyplot as plt

fig, axes = plt.subplots(5, 10, figsize=(8, 4.9))
by_label = representatives[np.argsort(representative_labels, kind="stable")]
for ax, index in zip(axes.flat, by_label):
    # viridis: dark background, bright strokes, no white tile in dark mode.
    ax.imshow(X_train[index].reshape(8, 8), cmap="viridis", vmin=0, vmax=1)
    ax.set_title(str(y_train[index]), fontsize=11)
    ax.set_xticks([])
    ax.set_yticks([])
fig.suptitle("the training image nearest each of the 50 centres", fontsize=11)
fig.tight_layout()
plt.show()
# --8<-- [end:gallery]

# --8<-- [start:propagate]
import numpy as np


def propagate(
    kmeans: KMeans,
    images: np.ndarray,
    labels_of_clusters: np.ndarray,
    fraction: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Give each cluster's label to the ``fraction`` of its ``images`` nearest
    its centre; return those images' indices and their propagated labels."""
    distances = kmeans.transform(images)
    clusters = distances.argmin(axis=1)  # what kmeans.predict(images) gives
    to_own_centre = distances[np.arange(len(images)), clusters]
    keep = np.zeros(len(images), dtype=bool)
    for cluster in np.unique(clusters):
        members = clusters == cluster
        limit = np.quantile(to_own_centre[members], fraction)
        keep |= members & (to_own_centre <= limit)
    return np.flatnonzero(keep), labels_of_clusters[clusters[keep]]


fractions = (0.25, 0.5, 0.75, 1.0)
propagated_right = {}  # share of propagated labels that are right
propagated_wrong = {}  # how many propagated labels are wrong
for fraction in fractions:
    indices, labels = propagate(
        kmeans, X_train, representative_labels, fraction
    )
    propagated_right[fraction] = float(np.mean(labels == y_train[indices]))
    propagated_wrong[fraction] = int(np.sum(labels != y_train[indices]))
    print(
        f"nearest {fraction:.0%} of each cluster: {len(indices):5,} images "
        f"labelled, {propagated_right[fraction]:.1%} of the labels right"
    )
propagated_all_right = propagated_right[1.0]  # whole clusters
# --8<-- [end:propagate]

# --8<-- [start:choose_fraction]
from sklearn.linear_model import LogisticRegression

n_validation = 100  # extra labels, paid for only to choose the fraction


def classifier(images: np.ndarray, labels: np.ndarray) -> LogisticRegression:
    """Logistic regression on the pixels (max_iter: enough to converge)."""
    return LogisticRegression(max_iter=1000).fit(images, labels)


def choose_fraction(
    kmeans: KMeans,
    representatives: np.ndarray,
    train_images: np.ndarray,
    train_labels: np.ndarray,
    seed: int,
) -> tuple[float, dict, np.ndarray]:
    """Pick the fraction to propagate to, on a validation sample drawn from
    the training set; return it, the validation accuracies, and the indices
    of the training images whose true label was used."""
    rng = np.random.default_rng(seed)
    others = np.setdiff1d(np.arange(len(train_images)), representatives)
    validation = rng.choice(others, n_validation, replace=False)
    rest = np.setdiff1d(np.arange(len(train_images)), validation)
    scores = {}
    for fraction in fractions:
        indices, labels = propagate(
            kmeans, train_images[rest], train_labels[representatives], fraction
        )
        model = classifier(train_images[rest][indices], labels)
        scores[fraction] = model.score(
            train_images[validation], train_labels[validation]
        )
    best = max(scores, key=scores.get)  # the smallest, if several tie
    return best, scores, np.concatenate([representatives, validation])


best_fraction, validation_scores, _ = choose_fraction(
    kmeans, representatives, X_train, y_train, seed=0
)
for fraction, score in validation_scores.items():
    print(f"propagate to {fraction:.0%}: validation accuracy {score:.1%}")
print(f"chosen: the nearest {best_fraction:.0%} of each cluster")
validation_step = 1 / n_validation  # one image's share of the score
# --8<-- [end:choose_fraction]


# --8<-- [start:strategies]
def training_sets(
    train_images: np.ndarray, train_labels: np.ndarray, seed: int
) -> dict[str, tuple[np.ndarray, np.ndarray, int]]:
    """Every way to spend the labels: the images and labels to fit on, and
    how many true labels each used. Sees the training set only."""
    rng = np.random.default_rng(seed)
    kmeans, representatives = find_representatives(train_images, seed)
    labels_of_clusters = train_labels[representatives]
    fraction, _, labelled = choose_fraction(
        kmeans, representatives, train_images, train_labels, seed
    )
    near, near_labels = propagate(
        kmeans, train_images, labels_of_clusters, fraction
    )
    n_fraction = len(labelled)  # representatives + validation
    random_small = rng.choice(len(train_images), n_labels, replace=False)
    random_large = rng.choice(len(train_images), n_fraction, replace=False)
    return {
        "random": (
            train_images[random_small],
            train_labels[random_small],
            n_labels,
        ),
        "representatives": (
            train_images[representatives],
            labels_of_clusters,
            n_labels,
        ),
        "propagated_all": (
            train_images,
            labels_of_clusters[kmeans.labels_],
            n_labels,
        ),
        "propagated_nearest": (train_images[near], near_labels, n_fraction),
        "random_same_budget": (
            train_images[random_large],
            train_labels[random_large],
            n_fraction,
        ),
        "all_labels": (train_images, train_labels, len(train_labels)),
    }


# --8<-- [end:strategies]

# --8<-- [start:compare]
n_splits = 5
accuracy: dict[str, list[float]] = {}
labels_used: dict[str, int] = {}
for seed in range(n_splits):
    train_images, test_images, train_labels, test_labels = split(seed)
    for name, (images, labels, n_used) in training_sets(
        train_images, train_labels, seed
    ).items():
        score = classifier(images, labels).score(test_images, test_labels)
        accuracy.setdefault(name, []).append(score)
        labels_used[name] = n_used

mean = {name: float(np.mean(scores)) for name, scores in accuracy.items()}
spread = {name: float(np.std(scores)) for name, scores in accuracy.items()}
print(f"{'trained on':20}{'labels':>7}{'test accuracy':>18}")
for name in accuracy:
    print(
        f"{name:20}{labels_used[name]:>7,}"
        f"{mean[name]:>11.1%} ± {spread[name]:.1%}"
    )
# --8<-- [end:compare]


# --8<-- [start:verdict]
def wins(better: str, worse: str) -> int:
    """On how many splits ``better`` scored higher than ``worse``."""
    return sum(a > b for a, b in zip(accuracy[better], accuracy[worse]))


pairs = [
    ("representatives", "random"),
    ("propagated_all", "representatives"),
    ("propagated_nearest", "propagated_all"),
    ("propagated_nearest", "random_same_budget"),
]
for better, worse in pairs:
    print(f"{better} beat {worse} on {wins(better, worse)} of {n_splits}")
# Differences of mean test accuracy, in percentage points.
gain_representatives = 100 * (mean["representatives"] - mean["random"])
gain_propagation = 100 * (mean["propagated_all"] - mean["representatives"])
gain_nearest = 100 * (mean["propagated_nearest"] - mean["propagated_all"])
gain_same_budget = 100 * (
    mean["propagated_nearest"] - mean["random_same_budget"]
)
ceiling_gap = 100 * (
    mean["all_labels"]
    - max(score for name, score in mean.items() if name != "all_labels")
)
wins_representatives = wins("representatives", "random")
wins_propagation = wins("propagated_all", "representatives")
wins_nearest = wins("propagated_nearest", "propagated_all")
propagation_helps = gain_propagation > 0
nearest_pays_off = gain_nearest > 0 and gain_same_budget > 0
# --8<-- [end:verdict]

from tutorial_code.claims import claim

claim(
    "further_more_wrong_labels",
    all(np.diff([propagated_wrong[f] for f in fractions]) > 0)
    and propagated_right[1.0] < propagated_right[0.25],
    "the further labels are propagated, the more of them are wrong; whole "
    "clusters get the smallest share right",
)
claim(
    "all_labels_is_the_ceiling",
    ceiling_gap > 0,
    "every training label scores above every strategy that used fewer",
)
