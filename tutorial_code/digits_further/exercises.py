"""Exercises: Going further with the digits. Each has starter code and a
solution.

Page: docs/digits_further/exercises.md. The starter code runs as given (its
check says "not answered yet"); each solution passes its check.
"""

# --8<-- [start:renamed_clusters_start]
from sklearn.cluster import KMeans
from sklearn.datasets import load_digits

from tutorial_code.exercise_checks.digits_further import renamed_clusters

X, y = load_digits(return_X_y=True)
labels = KMeans(n_clusters=10, n_init=1, random_state=0).fit_predict(X)
renamed = (labels + 1) % 10  # cluster 0 becomes 1, ..., cluster 9 becomes 0
same_ids = ____  # your prediction: the share of images that keep their id
ari = ____  # your prediction: adjusted_rand_score(labels, renamed)
renamed_clusters.check((same_ids, ari))
# --8<-- [end:renamed_clusters_start]

# --8<-- [start:renamed_clusters_solution]
import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import load_digits
from sklearn.metrics import adjusted_rand_score

from tutorial_code.exercise_checks.digits_further import renamed_clusters

X, y = load_digits(return_X_y=True)
labels = KMeans(n_clusters=10, n_init=1, random_state=0).fit_predict(X)
renamed = (labels + 1) % 10  # cluster 0 becomes 1, ..., cluster 9 becomes 0
same_ids = float(np.mean(labels == renamed))
ari = float(adjusted_rand_score(labels, renamed))
print(f"share of images that keep their id: {same_ids:.3f}")
print(f"adjusted Rand index:                {ari:.3f}")
renamed_clusters.check((same_ids, ari))
# --8<-- [end:renamed_clusters_solution]

# --8<-- [start:seed_agreement_start]
from sklearn.cluster import KMeans
from sklearn.datasets import load_digits
from sklearn.metrics import adjusted_rand_score

from tutorial_code.exercise_checks.digits_further import seed_agreement

X, y = load_digits(return_X_y=True)


def clusters(seed):
    """The digits' clusters found by one k-means start with this seed."""
    return KMeans(n_clusters=10, n_init=1, random_state=seed).fit_predict(X)


first = clusters(0)
scores = [____ for seed in range(1, 10)]  # seed 0 against seeds 1 to 9
seed_agreement.check(scores)
# --8<-- [end:seed_agreement_start]

# --8<-- [start:seed_agreement_solution]
import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import load_digits
from sklearn.metrics import adjusted_rand_score

from tutorial_code.exercise_checks.digits_further import seed_agreement

X, y = load_digits(return_X_y=True)


def clusters(seed):
    """The digits' clusters found by one k-means start with this seed."""
    return KMeans(n_clusters=10, n_init=1, random_state=seed).fit_predict(X)


first = clusters(0)
others = [clusters(seed) for seed in range(1, 10)]
scores = [adjusted_rand_score(first, other) for other in others]
# For comparison: the share of images given the same cluster id.
shared_ids = [float(np.mean(first == other)) for other in others]
ari_min, ari_max = float(min(scores)), float(max(scores))
shared_min, shared_max = min(shared_ids), max(shared_ids)
print(f"adjusted Rand index with seed 0: {ari_min:.3f} to {ari_max:.3f}")
print(f"share with seed 0's id: {shared_min:.3f} to {shared_max:.3f}")
seed_agreement.check(scores)
# --8<-- [end:seed_agreement_solution]

# --8<-- [start:image_per_centre_start]
from tutorial_code.exercise_checks.digits_further import image_per_centre


def nearest_images(kmeans, images):
    """The index of the image nearest each centre of a fitted ``kmeans``:
    item c is the row of ``images`` nearest centre c."""
    distances = ____  # one row per image, one column per centre
    return ____


image_per_centre.check(nearest_images)
# --8<-- [end:image_per_centre_start]

# --8<-- [start:image_per_centre_solution]
import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import load_digits

from tutorial_code.exercise_checks.digits_further import image_per_centre


def nearest_images(kmeans, images):
    """The index of the image nearest each centre of a fitted ``kmeans``:
    item c is the row of ``images`` nearest centre c."""
    distances = kmeans.transform(images)  # one row per image, one column
    return distances.argmin(axis=0)  # per centre: the nearest row


X, y = load_digits(return_X_y=True)
kmeans = KMeans(n_clusters=50, n_init=1, random_state=0).fit(X)
chosen = nearest_images(kmeans, X)
chosen_labels = y[chosen]  # the only 50 labels a person would look at
n_chosen, n_digits = len(chosen), len(set(y.tolist()))
n_digits_covered = len(set(chosen_labels.tolist()))
# Each image gets the label of its cluster's chosen image.
propagated_right = float(np.mean(chosen_labels[kmeans.labels_] == y))
print(f"digits among the {n_chosen} chosen images: {n_digits_covered}")
print(f"labels right when given to every image: {propagated_right:.1%}")
image_per_centre.check(nearest_images)
# --8<-- [end:image_per_centre_solution]

# --8<-- [start:silhouette_for_k_start]
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import StandardScaler

from tutorial_code.exercise_checks.digits_further import silhouette_for_k


def silhouette_by_k(data, ks):
    """Standardise data, then cluster it with each k: {k: silhouette}."""
    scaled = ____  # each column to mean 0, standard deviation 1
    scores = {}
    for k in ks:
        model = KMeans(n_clusters=k, n_init=10, random_state=0)
        labels = ____
        scores[k] = ____
    return scores


silhouette_for_k.check(silhouette_by_k)
# --8<-- [end:silhouette_for_k_start]

# --8<-- [start:silhouette_for_k_solution]
from sklearn.cluster import KMeans
from sklearn.datasets import load_wine
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import StandardScaler

from tutorial_code.exercise_checks.digits_further import silhouette_for_k


def silhouette_by_k(data, ks):
    """Standardise data, then cluster it with each k: {k: silhouette}."""
    scaled = StandardScaler().fit_transform(data)
    scores = {}
    for k in ks:
        model = KMeans(n_clusters=k, n_init=10, random_state=0)
        labels = model.fit_predict(scaled)
        scores[k] = float(silhouette_score(scaled, labels))
    return scores


wine = load_wine()
spreads = wine.data.std(axis=0)  # each measurement's standard deviation
widest = wine.feature_names[spreads.argmax()]
narrowest = wine.feature_names[spreads.argmin()]
spread_ratio = float(spreads.max() / spreads.min())
print(f"{len(wine.data)} wines, {wine.data.shape[1]} measurements;")
print(f"{widest} spreads {spread_ratio:,.0f} times as wide as {narrowest}")
silhouettes = silhouette_by_k(wine.data, range(2, 9))
for k, score in silhouettes.items():
    print(f"k = {k}: silhouette {score:.3f}")
best_k = max(silhouettes, key=silhouettes.get)
n_cultivars = len(set(wine.target.tolist()))  # looked at only now
print(f"best k: {best_k}; the wines come from {n_cultivars} cultivars")
silhouette_for_k.check(silhouette_by_k)
# --8<-- [end:silhouette_for_k_solution]

# --8<-- [start:distance_features_start]
from sklearn.cluster import KMeans
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from tutorial_code.exercise_checks.digits_further import distance_features


def make_model(k):
    """A new pipeline: each image's distances to k k-means centres,
    standardised, then logistic regression on them."""
    return make_pipeline(____)


distance_features.check(make_model)
# --8<-- [end:distance_features_start]

# --8<-- [start:distance_features_solution]
import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from tutorial_code.exercise_checks.digits_further import distance_features


def make_model(k):
    """A new pipeline: each image's distances to k k-means centres,
    standardised, then logistic regression on them."""
    return make_pipeline(
        KMeans(n_clusters=k, n_init=1, random_state=0),
        StandardScaler(),
        LogisticRegression(max_iter=1000),
    )


X, y = load_digits(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(
    X / 16, y, test_size=0.25, stratify=y, random_state=0
)
scaled = make_model(50).fit(X_train, y_train)
unscaled = make_pipeline(  # the same, without the scaler
    KMeans(n_clusters=50, n_init=1, random_state=0),
    LogisticRegression(max_iter=1000),
).fit(X_train, y_train)
iterations_scaled = int(scaled[-1].n_iter_.max())
iterations_unscaled = int(unscaled[-1].n_iter_.max())
accuracy_scaled = scaled.score(X_test, y_test)
accuracy_unscaled = unscaled.score(X_test, y_test)
for name, iterations, accuracy in [
    ("scaled", iterations_scaled, accuracy_scaled),
    ("unscaled", iterations_unscaled, accuracy_unscaled),
]:
    print(f"{name:8}: {iterations:4} iterations, test accuracy {accuracy:.1%}")
iteration_ratio = iterations_unscaled / iterations_scaled
# What the classifier got without the scaler: one column per centre.
distances = unscaled[0].transform(X_train)
distance_min, distance_max = float(distances.min()), float(distances.max())
# Each column's mean in units of its own spread (the median over columns).
mean_over_spread = float(np.median(distances.mean(0) / distances.std(0)))
print(f"distances: {distance_min:.2f} to {distance_max:.2f}; each column's")
print(f"mean is typically {mean_over_spread:.1f} times its spread")
distance_features.check(make_model)
# --8<-- [end:distance_features_solution]

# The words the page chooses by the numbers.
k_is_cultivars = best_k == n_cultivars
every_digit_covered = n_digits_covered == n_digits
n_right_scaled = round(accuracy_scaled * len(y_test))
n_right_unscaled = round(accuracy_unscaled * len(y_test))
if n_right_scaled == n_right_unscaled:
    accuracy_words = "both got the same number of test images right"
else:
    gap = abs(n_right_scaled - n_right_unscaled)
    more = "more" if n_right_scaled > n_right_unscaled else "fewer"
    accuracy_words = (
        f"the model with the scaler got {gap} {more} test "
        f"image{'s' * (gap > 1)} right, of {len(y_test)}"
    )

from tutorial_code.claims import claim

claim(
    "starts_similar_not_same",
    ari_min > 0.5 and ari_max < 1,
    "every seed agrees with seed 0 at an ARI above 0.5, and none at 1",
)
claim(
    "ids_say_little",
    shared_max < ari_min,
    "the shares of images with the same id are all below every ARI",
)
claim(
    "scaling_speeds_not_accuracy",
    iteration_ratio > 2
    and abs(n_right_scaled - n_right_unscaled) <= 0.01 * len(y_test),
    "without the scaler the solver needed more than twice the iterations, "
    "and the test accuracy moved by at most one point",
)
claim(
    "distances_far_from_zero",
    distance_min > 0 and mean_over_spread > 3,
    "every distance is positive, and a column's mean is typically more than "
    "three times its spread",
)
claim(
    "unscaled_beyond_default",
    iterations_scaled < 100 < iterations_unscaled,
    "the scaled fit converged within scikit-learn's default max_iter=100, "
    "the unscaled one needed more",
)

from tutorial_code.exercise_checks import claim_each_checked, digits_further

claim_each_checked(digits_further)
